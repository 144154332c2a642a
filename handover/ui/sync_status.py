"""Background sync for the desktop app: a timer, the sync engine on the database thread, a status text.

Wiring (in the main window or ``run_gui``)::

    controller = SyncController(ctx, runner, parent=window)
    controller.state_changed.connect(window.set_sync_state)
    controller.start()

The engine runs through ``TaskRunner.run_write`` because the store's engine must only be used from
the one database thread; the GUI thread never waits on the network.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from handover.services.context import AppContext
from handover.sync.service import SyncReport, SyncService
from handover.ui.tasks import TaskRunner

DEFAULT_INTERVAL_MS = 5 * 60 * 1000


class SyncController(QObject):
    sync_started = Signal()
    sync_finished = Signal(object)  # the SyncReport
    state_changed = Signal(str)  # Wacht op verbinding · Bezig met versturen · Alles verstuurd · Fout: …

    def __init__(
        self,
        ctx: AppContext,
        runner: TaskRunner,
        *,
        interval_ms: int = DEFAULT_INTERVAL_MS,
        service: SyncService | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.service = service or SyncService(ctx)
        # Dossier changes made in this window go into the outbox in their own transaction.
        self.service.install_hooks()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.sync_now)
        self._running = False
        self._enrolled = False

    def start(self) -> None:
        self.runner.run_write(self.service.is_enrolled, self._enrolled_known, self._failed)

    def stop(self) -> None:
        self._timer.stop()
        self.runner.run_write(self.service.close)

    def _enrolled_known(self, enrolled: Any) -> None:
        self._enrolled = bool(enrolled)
        if not self._enrolled:
            self.state_changed.emit(self.tr("Versturen naar de gemeente: nog niet ingesteld"))
            return
        self._timer.start()
        self.sync_now()

    def sync_now(self) -> None:
        if self._running or not self._enrolled:
            return
        self._running = True
        self.sync_started.emit()
        self.state_changed.emit(self.tr("Bezig met versturen"))
        self.runner.run_write(self.service.sync, self._done, self._failed)

    def _done(self, report: Any) -> None:
        self._running = False
        assert isinstance(report, SyncReport)
        if report.ok:
            self.state_changed.emit(self.tr("Alles verstuurd"))
        elif report.offline:
            self.state_changed.emit(self.tr("Wacht op verbinding"))
        else:
            self.state_changed.emit(self.tr("Fout: %1").replace("%1", report.problems()[0]))
        self.sync_finished.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self._running = False
        self.state_changed.emit(self.tr("Fout: %1").replace("%1", type(exc).__name__))
