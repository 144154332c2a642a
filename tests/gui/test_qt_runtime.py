"""The installed PySide6 must not lose references to None, True or False.

PySide6 6.12.0 does, on every Qt call that returns nothing and every Python emit of a bool; on
Python 3.11 the process then aborts ("Fatal Python error: none_dealloc") after a few thousand calls,
which in the app is about a hundred opened dossiers. pyproject.toml pins PySide6 below 6.12; this
test fails (instead of a user's app crashing) if an upgrade brings such a release back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel


class _Flag(QObject):
    changed = Signal(bool)


def test_no_reference_lost_on_void_calls_and_bool_signals(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = QLabel()
    qtbot.addWidget(label)
    flag = _Flag()
    received: list[bool] = []
    flag.changed.connect(received.append)
    before = {name: sys.getrefcount(obj) for name, obj in (("None", None), ("True", True), ("False", False))}
    for i in range(300):  # far fewer than None's own count on 3.11: a buggy build fails here, not aborts
        label.setText("x")
        flag.changed.emit(i % 2 == 0)
    received.clear()
    after = {name: sys.getrefcount(obj) for name, obj in (("None", None), ("True", True), ("False", False))}
    lost = {name: before[name] - after[name] for name in before}
    assert all(n < 50 for n in lost.values()), f"PySide6 loses references: {lost}"
