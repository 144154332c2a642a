"""Background sync for the desktop app: a timer, the sync engine on its own thread, a status text.

Wiring (in the main window or ``run_gui``)::

    controller = SyncController(ctx, runner, parent=window)
    controller.state_changed.connect(window.set_sync_state)
    controller.start()

The engine runs through ``TaskRunner.run_network``: its own thread, so a sync that waits for the
server (a Retry-After of minutes, a slow answer) never holds up an autosave, which goes through
``run_write``. Their database writes may overlap; SQLite serialises them (the store sets a busy
timeout, and every transaction is short). Every call on the service goes through that one thread,
except the outbox hook, which runs inside the saving transaction on the write thread.

``stop()`` (closing the window) sets the running sync's cancel event and returns at once: the sync
stops at its next safe point and whatever it had not sent stays in the outbox for the next time.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from handover.services.context import AppContext
from handover.sync.service import SyncReport, SyncService
from handover.ui.failures import failure_text
from handover.ui.guard import alive
from handover.ui.tasks import TaskRunner

DEFAULT_INTERVAL_MS = 5 * 60 * 1000


def held_back_text(counts: dict[str, int]) -> str:
    """ "Verstuurd; 3 wachten: 2 wacht op toestemming, 1 in quarantaine" (the reasons in the engine's words)."""
    total = sum(counts.values())
    reasons = ", ".join(f"{n} {reason}" for reason, n in counts.items())
    waiting = (
        QCoreApplication.translate("SyncController", "wacht")
        if total == 1
        else QCoreApplication.translate("SyncController", "wachten")
    )
    return (
        QCoreApplication.translate("SyncController", "Verstuurd; %1 %2: %3")
        .replace("%1", str(total))
        .replace("%2", waiting)
        .replace("%3", reasons)
    )


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
        self._stopped = False
        # The school removed this PC (revoked it from another PC): no more automatic syncs.
        self._revoked = False
        self._cancel = threading.Event()  # of the sync that runs now (a fresh one per sync)

    @property
    def running(self) -> bool:
        return self._running

    @property
    def revoked(self) -> bool:
        return self._revoked

    def start(self) -> None:
        self.runner.run_network(self._enrolled_state, alive(self, self._enrolled_known), alive(self, self._failed))

    def _enrolled_state(self) -> tuple[bool, bool]:
        """(enrolled, revoked), on the network thread."""
        enrolled = self.service.is_enrolled()
        return enrolled, enrolled and self.service.is_revoked()

    def _sync(self, cancel: threading.Event) -> tuple[SyncReport, bool]:
        """A sync and whether the server said this PC was revoked, on the network thread."""
        report = self.service.sync_and_count(cancel=cancel)
        return report, not report.ok and self.service.is_revoked()

    def stop(self) -> None:
        """Cancel a running sync and stop the timer; returns without waiting for the network."""
        self._stopped = True
        self._timer.stop()
        self._cancel.set()
        # After the cancelled sync, on the same thread (the client may be in use until then).
        self.runner.run_network(self.service.close)

    def _enrolled_known(self, result: Any) -> None:
        enrolled, revoked = result
        self._enrolled = bool(enrolled)
        if not self._enrolled:
            self.state_changed.emit(self.tr("Versturen naar de gemeente: nog niet ingesteld"))
            return
        if revoked:
            self._removed()
            return
        self._timer.start()
        self.sync_now()

    def sync_now(self) -> None:
        if self._running or not self._enrolled or self._stopped or self._revoked:
            return
        self._running = True
        self._cancel = cancel = threading.Event()
        self.sync_started.emit()
        self.state_changed.emit(self.tr("Bezig met versturen"))
        self.runner.run_network(lambda: self._sync(cancel), alive(self, self._done), alive(self, self._failed))

    def _removed(self) -> None:
        """This PC no longer belongs to the school: say so plainly (not as an error) and stop syncing."""
        self._revoked = True
        self._timer.stop()
        self.state_changed.emit(
            self.tr(
                "Deze pc is ingetrokken: hij hoort niet meer bij de school en kan niet meer synchroniseren. "
                "De gegevens op deze pc blijven bewaard; beslis zelf wat ermee gebeurt."
            )
        )

    def _done(self, result: Any) -> None:
        self._running = False
        report, revoked = result
        assert isinstance(report, SyncReport)
        if self._stopped:
            return  # cancelled by closing (or finished just then): nobody is waiting for the text
        if revoked:
            self._removed()
        elif report.ok and report.held_back:
            # Never "Alles verstuurd" while something that could go waits: say how many, and why.
            self.state_changed.emit(held_back_text(report.held_back))
        elif report.ok:
            self.state_changed.emit(self.tr("Alles verstuurd"))
        elif report.offline:
            self.state_changed.emit(self.tr("Wacht op verbinding"))
        else:
            self.state_changed.emit(self.tr("Fout: %1").replace("%1", report.problems()[0]))
        self.sync_finished.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self._running = False
        if self._stopped:
            return
        self.state_changed.emit(failure_text(self.tr("Versturen naar de gemeente is mislukt."), exc))
