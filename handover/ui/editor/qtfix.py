"""Guard against a reference-count bug in PySide6 6.12 (abi3 wheels) on Python 3.11.

PySide6 6.12 treats ``None``, ``True`` and ``False`` as immortal, as they are from Python 3.12 on:
every Qt method that returns nothing (``QLabel.setText``, ``QWidget.resize`` …) and every Python
``emit`` of a bool hands them out without taking a reference, so each call drops one. On 3.12+ that
is harmless; on 3.11 the counts run down with use and the process aborts with "Fatal Python error:
none_dealloc" (or "bool_dealloc") — in this app after about a hundred opened dossiers, or a few
hundred bool signals. Reproduce on 3.11: ``for _ in range(100_000): QLabel().setText("x")``.

:func:`protect_singletons` checks for the bug with harmless probes and, only when it is there, gives
the three singletons a practically endless reference count (what 3.12 does by design). Call it once
at start-up, after importing PySide6; it is idempotent. The real fix is Python ≥ 3.12 or a PySide6
release without the bug; then the probes find nothing and this does nothing.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

_ENDLESS = 1 << 40
_SINGLETONS = (None, True, False)
_state = {"checked": False, "protected": False}


class _Probe(QObject):
    flag = Signal(bool)


def singleton_refcount_bug_present() -> bool:
    if sys.version_info >= (3, 12):
        return False  # None, True and False are immortal: a lost reference cannot hurt
    probe = _Probe()
    probe.flag.connect(lambda _value: None)
    before = {id(obj): sys.getrefcount(obj) for obj in _SINGLETONS}
    for _ in range(16):
        probe.setObjectName("probe")  # returns nothing: drops None when the bug is there
        probe.flag.emit(True)  # drops True when the bug is there
    return any(sys.getrefcount(obj) < before[id(obj)] for obj in _SINGLETONS)


def protect_singletons() -> bool:
    """Apply the guard if this PySide6/Python pair needs it. Returns whether it is in place."""
    if not _state["checked"]:
        _state["checked"] = True
        if singleton_refcount_bug_present():
            for obj in _SINGLETONS:
                # ob_refcnt is the first field of every object (non-debug CPython builds).
                ctypes.c_ssize_t.from_address(id(obj)).value += _ENDLESS
            _state["protected"] = True
    return _state["protected"]


# The first name this had; kept so callers of either keep working.
protect_none_refcount = protect_singletons
