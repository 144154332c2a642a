"""Section K's "Versturen naar Werk en Inkomen" for one main window, and the dossier's send state there.

The button asks the sync engine (on its network thread, like every other call on it) what would go
where, shows it in :class:`~handover.ui.send_dialog.SendDialog`, and only after "Versturen" chooses
the dossier and starts a sync. The sync modules are imported when first used, not at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from handover.ui.failures import failure_text
from handover.ui.guard import alive

if TYPE_CHECKING:
    from handover.ui.send_dialog import SendDialog


class SendFlow(QObject):
    dialog_opened = Signal(object)  # the SendDialog, shown (not yet answered)
    send_state_shown = Signal(str, str)  # youth id, the send state text on section K

    def __init__(self, window: Any) -> None:
        """``window``: the main window (not imported here: it imports this module)."""
        super().__init__(window)
        self._window = window
        self.dialog: SendDialog | None = None

    def attach(self, editor: Any) -> None:
        editor.send_requested.connect(self.request)
        editor.dossier_opened.connect(self.refresh_state)
        editor.consent_panel.recipient_chosen.connect(self.choose_recipient)
        self.refresh_gemeenten()

    def choose_recipient(self, consent_id: str, org_id: str, name: str) -> None:
        """ "Kies de ontvanger": the gemeente an older free-text consent meant; then the dossier reloads."""
        youth_id = getattr(self._window, "open_youth_id", None)
        if not youth_id:
            return

        def write() -> None:
            from handover.services.consent import ConsentService

            ConsentService(self._window.ctx).choose_recipient(youth_id, consent_id, org_id, name)

        editor = self._window.editor
        self._window.runner.run_write(write, alive(self, lambda _r: editor.refresh()), alive(self, self._failed))

    def sync_finished(self, *_report: object) -> None:
        youth_id = getattr(self._window, "open_youth_id", None)
        if youth_id:
            self.refresh_state(youth_id)
        self.refresh_gemeenten()

    def refresh_gemeenten(self) -> None:
        """The enrolled gemeenten the consent form offers (a consent names one, chosen from the list)."""
        service = self._service()
        if service is None or self._window.editor is None:
            return

        def read() -> Any:
            from handover.sync.sending import gemeenten

            with service.ctx.workspace.session() as session:
                return gemeenten(session)

        self._window.runner.run_network(read, alive(self, self._show_gemeenten), alive(self, self._failed))

    def _show_gemeenten(self, known: Any) -> None:
        panel = getattr(self._window.editor, "consent_panel", None)
        if panel is not None:
            panel.set_gemeenten(known)

    def _service(self) -> Any:
        sync = self._window.sync
        return sync.service if sync is not None else None

    def _say(self, text: str) -> None:
        self._window.statusBar().showMessage(text, 15_000)

    def _failed(self, exc: BaseException) -> None:
        from handover.sync.errors import SyncUsageError

        if isinstance(exc, SyncUsageError):
            self._say(str(exc))  # already a Dutch sentence for the mentor
        else:
            self._say(failure_text(self.tr("Versturen naar Werk en Inkomen is mislukt."), exc))

    # --- the deliberate send ------------------------------------------------------------------

    def request(self, youth_id: str) -> None:
        service = self._service()
        if service is None:
            self._say(
                self.tr(
                    "Deze installatie is nog niet verbonden met de gemeente "
                    "(Instellingen → Verbinden met de gemeente); er kan nog niets worden verstuurd."
                )
            )
            return

        def preview() -> tuple[Any, bool]:
            from handover.sync.sending import Sending

            return service.preview_send([youth_id]), Sending(service.ctx).auto_updates()

        self._window.runner.run_network(preview, alive(self, self._show_dialog), alive(self, self._failed))

    def _show_dialog(self, result: Any) -> None:
        from handover.ui.send_dialog import SendDialog

        previews, auto_updates = result
        dialog = SendDialog(previews, auto_updates=auto_updates, parent=self._window)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._confirmed(dialog.chosen_ids()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.dialog_opened.emit(dialog)

    def _confirmed(self, youth_ids: list[str]) -> None:
        service = self._service()
        if service is None or not youth_ids:
            return
        self._window.runner.run_network(
            lambda: service.send(youth_ids), alive(self, self._sent), alive(self, self._failed)
        )

    def _sent(self, previews: Any) -> None:
        self._say(self.tr("Het dossier gaat nu naar Werk en Inkomen; latere wijzigingen gaan automatisch mee."))
        for preview in previews:
            self.refresh_state(preview.youth_id)
        self._window.sync_now()

    # --- the send state in the Jongeren list and on section K ---------------------------------

    def refresh_list(self) -> None:
        """Every young person's send state beside the status in the Jongeren list (once enrolled)."""
        ctx = self._window.ctx

        def read() -> dict[str, str]:
            from handover.sync.send_state import load_send_states
            from handover.sync.state import load_state

            with ctx.workspace.session() as session:
                if not load_state(session).enrolled:
                    return {}
                return {y: s.label for y, s in load_send_states(session, ctx.today()).items()}

        self._window.runner.run(read, alive(self, self._window.youth_model.set_send_states), alive(self, self._failed))

    def refresh_state(self, youth_id: str) -> None:
        service = self._service()
        if service is None:
            return
        self._window.runner.run_network(
            lambda: service.send_states([youth_id]).get(youth_id),
            alive(self, lambda state: self._show_state(youth_id, state)),
            alive(self, self._failed),
        )

    def _show_state(self, youth_id: str, state: Any) -> None:
        editor = self._window.editor
        if editor is None or getattr(self._window, "open_youth_id", None) != youth_id:
            return
        text = state.label if state is not None else ""
        editor.status_section.show_send_state(text)
        self.send_state_shown.emit(youth_id, text)
