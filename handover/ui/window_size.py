"""Window sizes that fit the screen the app is on: the first size of the main window, the print preview.

Mentors' laptops are often 1366×768 at 125–150 % scaling: 1093×614 logical pixels or less, minus the
taskbar. A fixed first size (1280×800) or a fixed dialog (820×980) puts buttons off-screen there.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

MAIN_WINDOW_SIZE = QSize(1280, 800)  # the size wanted where the screen has room for it
# Every page and the dossier stay usable down to 900×600 logical px (tests/gui/test_layout.py); no minimum
# is forced, so at 200 % on a small screen the window still fits.
TITLE_BAR = 40  # room for the window frame and title bar, which the available area does not subtract


def available_area(widget: QWidget | None = None) -> QRect:
    """The screen area free of taskbars, of the screen ``widget`` is on (or the primary screen)."""
    screen = widget.screen() if widget is not None else None
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 800)


def fitted(wanted: QSize, available: QRect) -> QSize:
    """``wanted``, made smaller where the available area (less a title bar) has no room for it."""
    return QSize(min(wanted.width(), available.width()), min(wanted.height(), available.height() - TITLE_BAR))


def first_size(available: QRect) -> tuple[QSize, bool]:
    """The main window's size on first start, and whether to open it maximised instead (when the
    screen is smaller than the wanted size: a laptop screen is best used whole)."""
    size = fitted(MAIN_WINDOW_SIZE, available)
    return size, size != MAIN_WINDOW_SIZE


def place_main_window(window: QWidget, saved: object) -> None:
    """Restore the user's last size and place (``saved``: ``saveGeometry()``), or size to the screen."""
    if isinstance(saved, QByteArray) and not saved.isEmpty() and window.restoreGeometry(saved):
        return
    available = available_area(window)
    size, maximise = first_size(available)
    window.resize(size)
    window.move(available.center() - window.rect().center())
    if maximise:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def fit_dialog(dialog: QWidget, wanted: QSize, available: QRect | None = None) -> None:
    """Size a dialog to ``wanted`` but never taller or wider than the screen, so its buttons stay on it."""
    area = available if available is not None else available_area(dialog.parentWidget() or dialog)
    dialog.resize(fitted(wanted, area))
