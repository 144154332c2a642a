"""Keyboard help for the editor: Alt+letter jumps to a section and puts the cursor in its first control."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QStackedWidget, QWidget


class _KeyPressEater(QObject):
    """Swallows the one key press that follows a handled Alt+letter, then removes itself."""

    def __init__(self, key: Qt.Key) -> None:
        super().__init__(QApplication.instance())
        self.key = key

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() == self.key:
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            self.deleteLater()
            return True
        return False


def swallow_next_key_press(key: Qt.Key) -> None:
    """After a handled Alt+letter, the key press that follows must not type that letter into a field."""
    app = QApplication.instance()
    if app is not None:
        app.installEventFilter(_KeyPressEater(key))


def focus_first_in(page: QWidget) -> None:
    """Put the cursor on the first control of a section (in Tab order)."""
    widget = page.nextInFocusChain()
    while widget is not None and widget is not page:
        if (
            page.isAncestorOf(widget)
            and widget.isEnabled()
            and widget.isVisibleTo(page)
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        widget = widget.nextInFocusChain()
    page.setFocus(Qt.FocusReason.ShortcutFocusReason)


def switch_with_focus(stack: QStackedWidget, page: QWidget, switch: Callable[[], None]) -> None:
    """Show ``page`` in ``stack`` (by calling ``switch``) with the cursor on its first control.

    The new page is shown first, then the focus goes into it, then the old page hides: the focus
    moves once. Hiding the focused field first would send the focus to the next control in the
    window (the main navigation) on the way, and a screen reader would announce both.
    """
    if not page.isVisible():
        page.setGeometry(stack.contentsRect())
        page.show()
        focus_first_in(page)
    switch()
    if not page.isAncestorOf(QApplication.focusWidget()):
        focus_first_in(page)
