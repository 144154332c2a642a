"""Results of background work may arrive after a window was closed: deliver them only to live widgets.

The one alive-guard of the GUI: pages, the editor's edit session and the dialogs that write all wrap
their TaskRunner callbacks with :func:`alive`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject


def alive(owner: QObject, callback: Callable[[Any], None]) -> Callable[[Any], None]:
    """Wrap a TaskRunner callback so it is dropped once ``owner`` (its C++ side) is gone or closing."""

    def deliver(value: Any) -> None:
        if shiboken6.isValid(owner) and not getattr(owner, "closing", False):
            callback(value)

    return deliver
