"""What the pc dialogs (ui/devices_dialog.py, ui/devices_join.py) share: the red message line, times
and codes as people read them, the engine's errors in plain Dutch, and :class:`EngineDialog`, a dialog
that talks to the sync engine (the window's own when it runs, else one of its own).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QDialog, QFrame, QLabel, QScrollArea, QWidget

from handover.domain.text import moment_text
from handover.services.context import AppContext
from handover.ui import theme
from handover.ui.failures import failure_text
from handover.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from handover.sync.service import SyncService


error_label = theme.error_label


def show_error(label: QLabel, message: str | None) -> None:
    label.setText(message or "")
    label.setVisible(bool(message))


def when_text(value: Any) -> str:
    """A moment as people read it here (see :func:`handover.ui.formatting.moment_text`), or "nog niet"."""
    return moment_text(value) or QCoreApplication.translate("Devices", "nog niet")


def problem_text(prefix: str, exc: BaseException) -> str:
    """The engine's own errors carry a Dutch message for the user; anything else the generic text."""
    from handover.sync.client import SyncError
    from handover.sync.errors import SyncUsageError

    if isinstance(exc, SyncUsageError | SyncError):
        return f"{prefix} {exc}"
    return failure_text(prefix, exc)


def code_label(text: str = "") -> QLabel:
    """A code or fingerprint to read aloud or type over: large, monospaced, selectable."""
    label = QLabel(text)
    font = QFont("DejaVu Sans Mono")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.8)
    font.setBold(True)
    label.setFont(font)
    label.setMinimumHeight(QFontMetrics(font).height() + 16)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet(f"padding: 8px 12px; border: 1px solid {theme.CODE_BORDER}; background: {theme.CODE_BG};")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    return label


class ContentArea(QScrollArea):
    """A frameless scroll area as large as its content, until the screen is smaller (as ui/dialogs.py)."""

    def __init__(self, body: QWidget) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(body)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.widget().sizeHint() + QSize(self.verticalScrollBar().sizeHint().width(), 0)


def not_connected_text() -> str:
    return QCoreApplication.translate(
        "Devices",
        "Deze pc is nog niet verbonden met de server. Verbind eerst met de gemeente (Instellingen, "
        "'Verbinden met de gemeente…').",
    )


def require_connected(service: SyncService, message: str) -> None:
    """On the network thread: a plain reason (for the app, not the command line) when not connected."""
    from handover.sync.errors import SyncUsageError

    if not service.is_enrolled():
        raise SyncUsageError(message)


class EngineDialog(QDialog):
    """A dialog that talks to the sync engine: the window's own when it runs, else one of its own."""

    def __init__(self, ctx: AppContext, runner: TaskRunner, service: SyncService | None, parent: QWidget | None):
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.closing = False
        self._own_service = False
        if service is None:
            controller = getattr(parent, "sync", None)
            service = getattr(controller, "service", None)
        self._service = service

    @property
    def service(self) -> SyncService:
        if self._service is None:
            from handover.sync.service import SyncService

            self._service = SyncService(self.ctx)
            self._own_service = True
        return self._service

    def done(self, result: int) -> None:
        self.closing = True  # results still on their way are dropped (guard.alive)
        if self._own_service and self._service is not None:
            self.runner.run_network(self._service.close)
            self._own_service = False
        super().done(result)
