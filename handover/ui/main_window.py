"""The main window: side navigation, the pages in a stack, menus with shortcuts, and the status bar."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from handover import APP_NAME
from handover.domain.vocab import HANDOVER_STATUS
from handover.services import queries
from handover.services.context import AppContext
from handover.ui import labels, theme
from handover.ui.dialogs import SettingsDialog, load_settings
from handover.ui.failures import failure_text
from handover.ui.formatting import fmt_count, lower_first
from handover.ui.guard import alive
from handover.ui.import_dialog import add_import_action
from handover.ui.mentor_handover import MentorHandover, mine_name
from handover.ui.menus import build_menus
from handover.ui.models import PreparedYouth, TodayItem, YouthTableModel
from handover.ui.pages.afspraken import AfsprakenPage
from handover.ui.pages.jongeren import JongerenPage
from handover.ui.pages.vandaag import VandaagPage
from handover.ui.results.nav import show_results
from handover.ui.retention_dialog import add_retention_action
from handover.ui.send_flow import SendFlow
from handover.ui.tasks import TaskRunner
from handover.ui.window_size import place_main_window
from handover.ui.youth_dialogs import NewYouthDialog, YouthActions

if TYPE_CHECKING:
    from handover.sync.service import SyncService
    from handover.ui.sync_status import SyncController

PAGE_VANDAAG, PAGE_JONGEREN, PAGE_AFSPRAKEN, PAGE_DOSSIER, PAGE_RESULTATEN = range(5)
REFRESH_DELAY_MS = 400
GEOMETRY_KEY = "venster/geometrie"
# Reads go through runner.run (two threads, so a slow list never holds up a save or the opening
# of a dossier); writes through run_write, one at a time and in order.


class MainWindow(QMainWindow):
    """Hosts the pages. Data loads through the TaskRunner; models refresh through their signals."""

    youth_list_loaded = Signal(int)  # number of young people, after every (re)load
    youth_opened = Signal(str)
    ready = Signal()  # the first list load has arrived: the window is usable

    def __init__(
        self,
        ctx: AppContext,
        runner: TaskRunner,
        *,
        data_dir: Path | None = None,
        settings: dict[str, Any] | None = None,
        demo: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.data_dir = data_dir or getattr(ctx.workspace, "data_dir", None)
        self.settings: dict[str, Any] = settings or {}
        self.demo = demo
        self.editor: Any = None
        self.sync: SyncController | None = None  # once started
        self.open_youth_id: str | None = None
        self.send_flow = SendFlow(self)  # section K's "Versturen naar Werk en Inkomen"
        self._ready = False
        self._list_dirty = False
        self._afspraken_loaded = False
        self._vandaag_dirty = True  # pages load their data when first shown (after load())
        self._started = False
        self._loading = 0
        self._came_from: tuple[int, QWidget | None] = (PAGE_JONGEREN, None)
        self.closing = False
        self.setObjectName("mainWindow")
        self.setStyleSheet(theme.shell_style())
        self._update_title()

        self.youth_model = YouthTableModel(self, today=ctx.today)
        self.vandaag = VandaagPage(ctx, runner, self)
        self.jongeren = JongerenPage(self.youth_model, self)
        self.afspraken = AfsprakenPage(ctx, runner, self)
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        for page in (self.vandaag, self.jongeren, self.afspraken):
            self.stack.addWidget(page)
        self.dossier_placeholder = QLabel(self.tr("Kies een jongere in de lijst om het overstapdossier te openen."))
        self.dossier_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.dossier_placeholder)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(self.tr("Navigatie"))
        self.navigation.setIconSize(QSize(0, 0))
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for text in (self.tr("Vandaag"), self.tr("Jongeren"), self.tr("Afspraken"), self.tr("Overstapdossier")):
            QListWidgetItem(text, self.navigation)
        QListWidgetItem(self.tr("Resultaten"), self.navigation)  # built when first shown: ui/results/nav.py
        self.navigation.setFixedWidth(
            theme.navigation_width(
                self.navigation.font(), [self.navigation.item(row).text() for row in range(self.navigation.count())]
            )
        )
        self.navigation.currentRowChanged.connect(self._navigate)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.data_state = QLabel()
        self.data_state.setObjectName("dataState")
        self.data_state.setAccessibleName(self.tr("Toestand van de gegevens"))
        self.sync_state = QLabel()
        self.sync_state.setObjectName("syncState")
        self.sync_state.setAccessibleName(self.tr("Versturen naar de gemeente"))
        self.statusBar().addWidget(self.data_state, 1)
        self.statusBar().addPermanentWidget(self.sync_state)
        self.set_sync_state(self.tr("Versturen naar de gemeente: nog niet ingesteld"))

        build_menus(self)
        add_import_action(self)  # Bestand > Jongeren inlezen (CSV)…
        add_retention_action(self)  # Bestand > Bewaartermijn…
        self.vandaag.item_activated.connect(self._today_item_activated)
        self.jongeren.youth_activated.connect(self.open_youth)
        self.jongeren.new_youth_requested.connect(self.new_youth)
        self.youth_actions = YouthActions(ctx, runner, self.youth_model, lambda: self.settings, self)
        self.youth_actions.about_to_delete.connect(self._close_editor_of)
        self.youth_actions.changed.connect(self._data_changed)
        self.jongeren.mentor_change_requested.connect(self.youth_actions.change_mentor)
        self.jongeren.delete_requested.connect(self.youth_actions.delete_youth)
        self.mentor_handover = MentorHandover(self)  # Bewerken > Jongeren overdragen…; the role on this pc
        self.afspraken.youth_activated.connect(lambda youth_id: self.open_youth(youth_id, "afspraken"))
        self.afspraken.agreement_done.connect(lambda _a: self._data_changed())
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self._refresh_after_change)
        self.runner.task_failed.connect(self._task_failed)

        self._set_dossier_enabled(False)
        self.navigation.setCurrentRow(PAGE_VANDAAG)
        place_main_window(self, QSettings().value(GEOMETRY_KEY))

    # -- menus ------------------------------------------------------------------------------
    def make_action(
        self,
        text: str,
        slot: Any,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        name: str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if name:
            action.setObjectName(name)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # -- loading ----------------------------------------------------------------------------
    def load(self, prepared: PreparedYouth | None = None) -> None:
        """The list first (or the rows given); the page's data after the window's first paint."""
        self._started = True
        self._load_list() if prepared is None else self._list_loaded(prepared, counted=False)
        QTimer.singleShot(0, self, self._after_first_paint)  # a zero timer runs after the pending paint

    def _after_first_paint(self) -> None:
        if not self.closing:
            self._navigate(self.navigation.currentRow())

    def set_settings(self, settings: dict[str, Any]) -> None:
        self.mentor_handover.settings_saved(settings)  # the role on this pc: "Alleen mijn jongeren"
        self.settings = settings
        self._update_title()

    def reload(self) -> None:
        self._load_list()
        self._vandaag_dirty = True
        if self.stack.currentWidget() is self.vandaag:
            self._vandaag_dirty = False
            self.vandaag.refresh()
        if self._afspraken_loaded:
            self.afspraken.refresh()

    def _load_list(self) -> None:
        ctx = self.ctx
        user = mine_name(self.settings, ctx.actor)  # "Alleen mijn jongeren": Mijn naam als mentor, else Uw naam
        self._set_loading(+1)
        self.runner.run(
            lambda: None if self.closing else YouthTableModel.prepare(queries.youth_rows(ctx), user),
            alive(self, self._list_loaded),
            alive(self, self._list_failed),
        )

    def _list_loaded(self, prepared: PreparedYouth, counted: bool = True) -> None:
        self.jongeren.rows_loaded(prepared)
        refresh = self.send_flow.refresh_list
        refresh() if self._ready else QTimer.singleShot(0, self.send_flow, refresh)  # at start: after the paint
        self._set_loading(-1 if counted else 0)
        self.youth_list_loaded.emit(len(prepared.rows))
        if not self._ready:
            self._ready = True
            self.ready.emit()

    def _list_failed(self, exc: BaseException) -> None:
        self._set_loading(-1)
        self.data_state.setText(failure_text(self.tr("De lijst kon niet worden geladen."), exc))

    def _set_loading(self, delta: int) -> None:
        self._loading += delta
        if self._loading > 0:
            self.data_state.setText(self.tr("Bezig met laden…"))
        else:
            self._show_data_state()

    def _show_data_state(self, saved_at: dt.datetime | None = None) -> None:
        count = self.youth_model.rowCount()
        text = self.tr("%1 jongeren · versleuteld opgeslagen").replace("%1", fmt_count(count))
        per_status = Counter(self.youth_model.prepared.statuses)
        if per_status:
            text += " · " + self.tr("overdracht: %1").replace(
                "%1",
                ", ".join(
                    f"{fmt_count(per_status[code])} {lower_first(labels.domain(label))}"
                    for code, label in HANDOVER_STATUS
                    if per_status.get(code)
                ),
            )
        if saved_at is not None:
            text += " · " + self.tr("laatste wijziging opgeslagen om %1").replace("%1", saved_at.strftime("%H:%M"))
        if self.demo:
            text += " · " + self.tr("demogegevens (worden na afsluiten gewist)")
        self.data_state.setText(text)

    def set_sync_state(self, text: str) -> None:
        """For the sync engine: Wacht op verbinding · Bezig met versturen · Alles verstuurd · Fout: …"""
        self.sync_state.setText(text)

    def start_sync(self, service: SyncService | None = None) -> bool:
        """Start sending to the municipality in the background (after the window is ready: the sync
        modules are imported then, not at start-up). False when it runs already. ``service``: the
        sync engine to use (a default one on this window's data folder)."""
        from handover.ui.sync_status import SyncController

        if self.sync is not None:
            return False
        self.sync = SyncController(self.ctx, self.runner, service=service, parent=self)
        self.sync.state_changed.connect(self.set_sync_state)
        self.sync.sync_finished.connect(lambda _report: self._data_changed())  # statuses may have changed
        self.sync.sync_finished.connect(self.send_flow.sync_finished)
        self.sync_action.setEnabled(True)
        self.sync.start()
        return True

    def sync_now(self) -> None:
        if self.sync is not None:
            self.sync.sync_now()

    def _data_changed(self, *_args: Any) -> None:
        """A dossier or agreement was saved: refresh the lists shortly (coalescing bursts of autosaves)."""
        self._list_dirty = True
        self._vandaag_dirty = True
        self._show_data_state(dt.datetime.now())
        self._refresh_timer.start()

    def _refresh_after_change(self) -> None:
        if self._list_dirty:
            self._list_dirty = False
            self._load_list()
        if self._vandaag_dirty and self.stack.currentWidget() is self.vandaag:
            self._vandaag_dirty = False
            self.vandaag.refresh()

    def _task_failed(self, exc: BaseException) -> None:
        self.statusBar().showMessage(failure_text(self.tr("Er ging iets mis op de achtergrond."), exc), 10_000)

    # -- navigation -------------------------------------------------------------------------
    def show_page(self, index: int) -> None:
        if index == PAGE_DOSSIER and self.editor is None:
            return
        self.navigation.setCurrentRow(index)

    def _navigate(self, index: int) -> None:
        if index == PAGE_DOSSIER:
            self.stack.setCurrentWidget(self.editor if self.editor is not None else self.dossier_placeholder)
            return
        if index == PAGE_RESULTATEN:
            return show_results(self)
        self.stack.setCurrentIndex(index)
        if not self._started:
            return
        if index == PAGE_AFSPRAKEN and not self._afspraken_loaded:
            self._afspraken_loaded = True
            self.afspraken.refresh()
        if index == PAGE_VANDAAG and self._vandaag_dirty:
            self._vandaag_dirty = False
            self.vandaag.refresh()

    def current_page(self) -> QWidget:
        page = self.stack.currentWidget()
        assert page is not None  # the stack always holds the pages
        return page

    def focus_find(self) -> None:
        self.show_page(PAGE_JONGEREN)
        self.jongeren.focus_find()

    def _set_dossier_enabled(self, on: bool) -> None:
        item = self.navigation.item(PAGE_DOSSIER)
        flags = item.flags()
        item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled if on else flags & ~Qt.ItemFlag.ItemIsEnabled)
        self.dossier_action.setEnabled(on)

    # -- the dossier editor (loaded on first use: its modules are not needed at start-up) ---
    def _editor_page(self) -> Any:
        from handover.ui.editor import DossierEditorPage

        if self.editor is None:
            self.editor = DossierEditorPage(self.ctx, self.runner, self)
            self.stack.addWidget(self.editor)
            self.editor.dossier_saved.connect(self._data_changed)
            self.editor.closed.connect(self._editor_closed)
            self.editor.leave_requested.connect(self.leave_dossier)
            self.send_flow.attach(self.editor)
            for name in ("undo_action", "redo_action"):
                action = getattr(self.editor, name, None)
                if isinstance(action, QAction):
                    self.edit_menu.addAction(action)
        return self.editor

    def open_youth(self, youth_id: str, target: str = "dossier") -> bool:
        """Open a young person's dossier; ``target`` picks the section (contactmomenten, afspraken, …)."""
        if self.navigation.currentRow() != PAGE_DOSSIER:  # Escape comes back here, to the same control
            self._came_from = (self.navigation.currentRow(), QApplication.focusWidget())
        editor = self._editor_page()
        editor.open_youth(youth_id)
        self.open_youth_id = youth_id
        section = self._section_for(target)
        if section and hasattr(editor, "show_section"):
            editor.show_section(section)
        self._set_dossier_enabled(True)
        self.navigation.setCurrentRow(PAGE_DOSSIER)
        self.youth_opened.emit(youth_id)
        return True

    @staticmethod
    def _section_for(target: str) -> str | None:
        from handover.ui.editor.page import CHECKINS_KEY

        if target == "contactmomenten":
            return CHECKINS_KEY
        return {"afspraken": "I", "toestemming": "J", "uitwisseling": "K"}.get(target)

    def _today_item_activated(self, item: TodayItem) -> None:
        self.open_youth(item.youth_id, item.target)

    def _editor_closed(self) -> None:
        self.open_youth_id = None
        self._set_dossier_enabled(False)
        self.leave_dossier()

    def leave_dossier(self) -> None:
        """Escape or Alt+Left in the dossier (or Sluiten): back to the page, and the control, it was opened from."""
        page, widget = self._came_from
        self.navigation.setCurrentRow(page)
        try:
            if widget is not None and widget.isVisible():
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
        except RuntimeError:  # that control is gone
            pass

    # -- actions ----------------------------------------------------------------------------
    def new_youth(self) -> None:
        dialog = NewYouthDialog(self.ctx, self.runner, self)
        dialog.created.connect(self._youth_created)
        dialog.existing_chosen.connect(self.open_youth)
        dialog.open()

    def _youth_created(self, youth_id: str) -> None:
        self._data_changed()
        self.open_youth(youth_id)

    def _close_editor_of(self, youth_id: str) -> None:
        if self.editor is not None and self.open_youth_id == youth_id:
            self.editor.close_dossier()

    def current_youth_id(self) -> str | None:
        if self.stack.currentWidget() is self.editor and self.open_youth_id:
            return self.open_youth_id
        selected = self.jongeren.selected_youth()
        return selected.id if selected is not None else self.open_youth_id

    def _need_youth(self) -> str | None:
        youth_id = self.current_youth_id()
        if youth_id is None:
            QMessageBox.information(self, self.tr("Afdrukken"), self.tr("Kies eerst een jongere in de lijst."))
        return youth_id

    # Printing is imported on first use: its modules (QtPdf, QtPrintSupport) are not needed at start-up.
    def print_dossier(self) -> None:
        from handover.ui.printing import print_preview

        youth_id = self._need_youth()
        if youth_id is not None and self.print_action.isEnabled():
            print_preview(self, self.ctx, self.runner, youth_id)

    def save_dossier_pdf(self) -> None:
        from handover.ui.printing import save_pdf

        youth_id = self._need_youth()
        if youth_id is not None and self.pdf_action.isEnabled():
            save_pdf(self, self.ctx, self.runner, youth_id)

    def print_list(self) -> None:
        from handover.ui.printing import BatchPrintDialog

        if not self.batch_action.isEnabled():
            return
        ids = self.jongeren.selected_ids()
        if not ids:
            QMessageBox.information(self, self.tr("Afdrukken"), self.tr("Er staan geen jongeren in de lijst."))
            return
        BatchPrintDialog(self, self.ctx, self.runner, ids).exec()

    def show_settings(self) -> None:
        self.runner.run(lambda: load_settings(self.ctx), alive(self, self._open_settings))

    def _open_settings(self, settings: dict[str, Any]) -> None:
        dialog = SettingsDialog(self.ctx, self.runner, settings, self)
        dialog.saved.connect(self._settings_saved)
        dialog.connect_requested.connect(self.show_enroll)
        dialog.open()

    def show_enroll(self) -> None:
        """Instellingen → "Verbinden met de gemeente": address, code, and the fingerprint comparison."""
        from handover.ui.enroll_dialog import EnrollDialog

        dialog = EnrollDialog(self.ctx, self.runner, parent=self)
        dialog.enrolled.connect(lambda _outcome: self.start_sync())
        dialog.open()

    def own_fingerprint(self) -> str | None:
        """This organisation's fingerprint from its own keys (None before it is connected)."""
        from handover.crypto.keys import load_keys

        try:
            keys = load_keys(self.ctx.workspace.secrets)
        except Exception:  # noqa: BLE001 - an unreadable key store: the about box just says "not connected"
            return None
        return keys.root_fingerprint if keys is not None else None

    def _settings_saved(self, settings: dict[str, Any]) -> None:
        self.set_settings(settings)
        self._data_changed()

    def _update_title(self) -> None:
        # Qt adds the application's display name ("— Overstap") itself where one is set.
        org = self.settings.get("org_name") or ""
        if QApplication.applicationDisplayName() != APP_NAME:
            org = f"{APP_NAME} — {org}" if org else APP_NAME
        self.setWindowTitle(org)

    # -- closing ----------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.editor is not None and hasattr(self.editor, "flush"):
            self.editor.flush()
        # Reads still queued are skipped; pending saves (the editor's, an agreement) are waited for.
        self.closing = True
        if self.sync is not None:
            self.sync.stop()
        QSettings().setValue(GEOMETRY_KEY, self.saveGeometry())
        self.vandaag.stopped = True
        self.afspraken.stopped = True
        self._refresh_timer.stop()
        self.runner.wait_idle()
        super().closeEvent(event)
