"""Guard against a reference-count bug in PySide6 6.12 (abi3 wheels) on Python 3.11.

Every Qt method that returns nothing (``QLabel.setText``, ``QWidget.resize``, ``QTimer.start`` …)
hands Python its ``None`` without taking a reference for it, so each call drops one reference to
``None``. From Python 3.12 on ``None`` is immortal and nothing happens; on 3.11 the count runs down
with use and the process aborts with "Fatal Python error: none_dealloc" — in this app after about a
hundred opened dossiers. Reproduce: ``for _ in range(100_000): QLabel().setText("x")``.

:func:`protect_none_refcount` checks for the bug with a harmless probe and, only when it is there,
gives ``None`` a practically endless reference count (what 3.12 does by design). Call it once at
start-up, after importing PySide6; it is idempotent. The real fix is Python ≥ 3.12 or a PySide6
release without the bug; then the probe finds nothing and this does nothing.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject

_ENDLESS = 1 << 40
_state = {"checked": False, "protected": False}


def none_refcount_bug_present() -> bool:
    if sys.version_info >= (3, 12):
        return False  # None is immortal: a lost reference cannot hurt
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(16):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before


def protect_none_refcount() -> bool:
    """Apply the guard if this PySide6/Python pair needs it. Returns whether it is in place."""
    if not _state["checked"]:
        _state["checked"] = True
        if none_refcount_bug_present():
            # ob_refcnt is the first field of every object (non-debug CPython builds).
            ctypes.c_ssize_t.from_address(id(None)).value += _ENDLESS
            _state["protected"] = True
    return _state["protected"]
