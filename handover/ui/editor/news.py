"""What a sync brings into the open dossier: the exchange with Werk en Inkomen, without reopening it.

After every list load (a finished sync loads the list, as do saves) :meth:`EditorNews.reload` reads the
open dossier again in the background, without an audit event (it is no new view), and shows:

* always: section K's exchange table and send state, and section I's lines "gewijzigd door …" and
  conflict choosers (read-only parts; a chooser is only rebuilt when its agreements changed, so a
  choice half made stays);
* when the stored dossier moved (an agreement Werk en Inkomen changed, the status a receipt set): the
  lists and the status as after a save, but only while nothing waits to be saved and no cell is being
  edited. Fields are never set here: what the mentor is typing stays. Otherwise it waits for the next
  load, which follows the mentor's own save.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QAbstractItemView

from handover.ui.editor.exchange import ExchangeData
from handover.ui.editor.snapshot import Snapshot, load_snapshot
from handover.ui.guard import alive


def item_rows(youth: Any, list_name: str) -> list[dict[str, Any]]:
    return [item._asdict() for item in getattr(youth, list_name)]


class EditorNews(QObject):
    """Keeps the open dossier's sections I and K up to date with what a sync brought."""

    news_shown = Signal(str)  # youth id: the exchange parts show what was read now
    dossier_taken = Signal(str)  # youth id: the lists and status were taken over as stored

    def __init__(self, page: Any) -> None:
        """``page``: the :class:`~handover.ui.editor.page.DossierEditorPage` (it imports this module)."""
        super().__init__(page)
        self.page = page
        self._shown: ExchangeData | None = None
        self._reading = False
        self._again = False
        page.session.dossier_opened.connect(self._remember)
        page.session.snapshot_loaded.connect(lambda snapshot, _lists: self._remember(snapshot))

    def _remember(self, snapshot: Snapshot) -> None:
        self._shown = snapshot.exchange

    def reload(self) -> None:
        session = self.page.session
        youth_id = session.youth_id
        if youth_id is None or not session.is_loaded:
            return
        if self._reading:  # one read at a time; one more after it
            self._again = True
            return
        self._reading = True
        ctx = self.page.ctx
        session.runner.run(
            lambda: load_snapshot(ctx, youth_id), alive(self, self._read), alive(self, self._read_failed)
        )

    def _read_failed(self, _exc: BaseException) -> None:
        self._reading = False  # the next list load tries again; the dossier as shown stays

    def _read(self, snapshot: Snapshot) -> None:
        self._reading = False
        if self._again:
            self._again = False
            self.reload()
        page, session = self.page, self.page.session
        if snapshot.view.id != session.youth_id or not session.is_loaded:
            return  # another dossier was opened meanwhile
        if self._moved(snapshot) and self._quiet():
            session.take(snapshot)
            session.snapshot_loaded.emit(snapshot, True)  # as after a save: lists, status, I and K
            self.dossier_taken.emit(snapshot.view.id)
            self.news_shown.emit(snapshot.view.id)
            return
        exchange, shown = snapshot.exchange, self._shown
        if shown is None or exchange.lines != shown.lines:
            page.exchange_panel.show_lines(exchange.lines)
        if shown is None or exchange.marks != shown.marks:
            page.agreement_changes.show_marks(exchange.marks)
        if exchange.send_state is not None:
            page.status_section.show_send_state(exchange.send_state)
        self._shown = exchange
        self.news_shown.emit(snapshot.view.id)

    def _moved(self, snapshot: Snapshot) -> bool:
        """The stored dossier differs from what the page shows in its lists or status."""
        current = self.page.session.view
        if current is None or current.status != snapshot.view.status:
            return True
        return any(item_rows(snapshot.view, name) != editor.model.rows() for name, editor in self.page.lists.items())

    def _quiet(self) -> bool:
        """Nothing typed waits to be saved, no write runs and no cell of a list is being edited."""
        editing = QAbstractItemView.State.EditingState
        return self.page.session.is_idle() and all(e.view.state() != editing for e in self.page.lists.values())
