"""Werk en Inkomen's window: Vandaag, Jongeren (ontvangen), Dossier and Regio, with the sync in the status bar.

The same start-up contract as the school's :class:`~handover.ui.main_window.MainWindow` (``load``,
``set_settings``, ``ready``, ``start_sync``), so :mod:`handover.ui.app` starts either one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from handover import APP_NAME
from handover.services.context import AppContext
from handover.ui import theme
from handover.ui.failures import failure_text
from handover.ui.gemeente.dossier import ReceivedDossierPage
from handover.ui.gemeente.models import PreparedReceived, prepare_received
from handover.ui.gemeente.pages import GemeenteJongerenPage, GemeenteVandaagPage
from handover.ui.guard import alive
from handover.ui.tasks import TaskRunner
from handover.ui.window_size import place_main_window

if TYPE_CHECKING:
    from handover.sync.service import SyncService
    from handover.ui.sync_status import SyncController

PAGE_VANDAAG, PAGE_JONGEREN, PAGE_DOSSIER, PAGE_REGIO = range(4)
GEOMETRY_KEY = "venster/geometrie-gemeente"
REFRESH_DELAY_MS = 300


def load_received(ctx: AppContext, user_name: str) -> PreparedReceived:
    """On a worker thread: the received dossiers, prepared for the list."""
    from handover.gemeente.queries import received_rows

    with ctx.session() as session:
        rows = received_rows(session, today=ctx.today())
    return prepare_received(rows, user_name)


def load_staff(ctx: AppContext) -> list[str]:
    from handover.gemeente.staff import staff

    with ctx.session() as session:
        return staff(session)


class GemeenteWindow(QMainWindow):
    youth_list_loaded = Signal(int)
    dossier_opened = Signal(str)  # record id
    ready = Signal()

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
        self.ctx, self.runner, self.demo = ctx, runner, demo
        self.data_dir = data_dir
        self.settings: dict[str, Any] = settings or {}
        self.staff: list[str] = []
        self.sync: SyncController | None = None
        self._service: SyncService | None = None
        self._ready = False
        self._started = False
        self.closing = False
        self.setObjectName("mainWindow")
        self.setStyleSheet(theme.shell_style())
        self.vandaag = GemeenteVandaagPage(ctx, runner, self)
        self.jongeren = GemeenteJongerenPage(self)
        self.dossier = ReceivedDossierPage(ctx, runner, self)
        self.regio = self._regio_page()  # reads nothing until it is first shown
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        for page in (self.vandaag, self.jongeren, self.dossier, self.regio):
            self.stack.addWidget(page)
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(self.tr("Navigatie"))
        self.navigation.setIconSize(QSize(0, 0))
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for text in (self.tr("Vandaag"), self.tr("Jongeren"), self.tr("Dossier"), self.tr("Regio")):
            QListWidgetItem(text, self.navigation)
        self.navigation.setFixedWidth(
            theme.navigation_width(
                self.navigation.font(), [self.navigation.item(r).text() for r in range(self.navigation.count())]
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
        self.sync_state = QLabel(self.tr("Ontvangen van scholen: nog niet ingesteld"))
        self.sync_state.setObjectName("syncState")
        self.statusBar().addWidget(self.data_state, 1)
        self.statusBar().addPermanentWidget(self.sync_state)
        self._menus()
        self.vandaag.dossier_requested.connect(self.open_dossier)
        self.jongeren.dossier_requested.connect(self.open_dossier)
        self.dossier.changed.connect(self._data_changed)
        self.dossier.opened.connect(self._dossier_shown)
        # After every list load (a sync ends with one): what arrived for the open dossier is said, never stale.
        self.youth_list_loaded.connect(lambda _n: self.dossier.check_news())
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.reload)
        self.runner.task_failed.connect(
            lambda exc: self.statusBar().showMessage(failure_text(self.tr("Er ging iets mis."), exc), 10_000)
        )
        self._set_dossier_enabled(False)
        self.navigation.setCurrentRow(PAGE_VANDAAG)
        self._update_title()
        place_main_window(self, QSettings().value(GEOMETRY_KEY))

    def _regio_page(self) -> QWidget:
        """Helper H6's RegioPage when it is there; a plain placeholder otherwise."""
        try:
            from handover.ui.results.regio import RegioPage  # type: ignore[import-not-found,unused-ignore]
        except ImportError:
            label = QLabel(self.tr("Regio: de cijfers van de scholen in de regio komen hier."))
            label.setObjectName("regioPlaceholder")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            return label
        page: QWidget = RegioPage(self.ctx, self.runner, self)
        return page

    def _menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&Bestand"))

        def action(text: str, slot: Any, key: str | QKeySequence.StandardKey | None, name: str) -> QAction:
            a = QAction(text, self)
            a.setObjectName(name)
            if key is not None:
                a.setShortcut(QKeySequence(key))
            a.triggered.connect(slot)
            self.addAction(a)
            return a

        self.print_action = action(self.tr("Dossier &afdrukken…"), self.dossier.save_pdf, "Ctrl+P", "print")
        self.sync_action = action(self.tr("Nu &ophalen en versturen"), self.sync_now, "Ctrl+Shift+V", "syncNow")
        self.sync_action.setEnabled(False)
        self.settings_action = action(self.tr("&Instellingen…"), self.show_settings, "Ctrl+,", "settings")
        quit_action = action(self.tr("&Afsluiten"), self.close, "Ctrl+Q", "quit")
        for a in (self.print_action, None, self.sync_action, self.settings_action, None, quit_action):
            file_menu.addAction(a) if a is not None else file_menu.addSeparator()
        edit = bar.addMenu(self.tr("Be&werken"))
        edit.addAction(action(self.tr("&Zoeken"), self.focus_find, QKeySequence.StandardKey.Find, "find"))
        view = bar.addMenu(self.tr("Beel&d"))
        for index, text in enumerate(
            (self.tr("&Vandaag"), self.tr("&Jongeren"), self.tr("&Dossier"), self.tr("&Regio"))
        ):
            view.addAction(
                action(text, lambda _c=False, i=index: self.show_page(i), f"Ctrl+{index + 1}", f"page{index}")
            )
        view.addAction(action(self.tr("Ve&rnieuwen"), self.reload, "F5", "refresh"))
        back = action(self.tr("Terug"), self.leave_dossier, "Alt+Left", "back")
        back.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

    # -- loading ---------------------------------------------------------------------------------
    def load(self, prepared: PreparedReceived | None = None) -> None:
        self._started = True
        if prepared is None:
            self._load_list()
        else:
            self._list_loaded(prepared)
        self.runner.run(lambda: load_staff(self.ctx), alive(self, self._staff_loaded))

    def set_settings(self, settings: dict[str, Any]) -> None:
        self.settings = settings
        self._update_title()

    def reload(self) -> None:
        """The list, then Vandaag from the same rows (one after the other: the list comes first)."""
        self._load_list()

    def _load_list(self) -> None:
        user = str(self.settings.get("user_name") or self.ctx.actor)
        self.data_state.setText(self.tr("Bezig met laden…"))
        self.runner.run(
            lambda: None if self.closing else load_received(self.ctx, user),
            alive(self, self._list_loaded),
            alive(
                self,
                lambda exc: self.data_state.setText(failure_text(self.tr("De lijst kon niet worden geladen."), exc)),
            ),
        )

    def _list_loaded(self, prepared: PreparedReceived | None) -> None:
        if prepared is None:
            return
        self.jongeren.rows_loaded(prepared)
        self.vandaag.refresh(prepared.rows)
        total = len(prepared.rows)
        text = self.tr("%1 ontvangen dossiers · versleuteld opgeslagen").replace("%1", str(total))
        if self.demo:
            text += " · " + self.tr("demogegevens (worden na afsluiten gewist)")
        self.data_state.setText(text)
        self.youth_list_loaded.emit(total)
        if not self._ready:
            self._ready = True
            self.ready.emit()

    def _staff_loaded(self, names: list[str]) -> None:
        self.staff = names

    def _data_changed(self, *_args: Any) -> None:
        self._refresh_timer.start()

    # -- sync ------------------------------------------------------------------------------------
    def service(self) -> SyncService:
        """The one sync engine of this window (actions and the background sync share it)."""
        if self._service is None:
            from handover.sync.service import SyncService

            self._service = SyncService(self.ctx)
        return self._service

    def start_sync(self, service: SyncService | None = None) -> bool:
        from handover.ui.sync_status import SyncController

        if self.sync is not None:
            return False
        if service is not None:
            self._service = service
        self.sync = SyncController(self.ctx, self.runner, service=self.service(), parent=self)
        self.sync.state_changed.connect(self.sync_state.setText)
        self.sync.sync_finished.connect(lambda _r: self._data_changed())
        self.sync_action.setEnabled(True)
        self.sync.start()
        return True

    def sync_now(self) -> None:
        if self.sync is not None:
            self.sync.sync_now()

    # -- navigation ------------------------------------------------------------------------------
    def show_page(self, index: int) -> None:
        if index == PAGE_DOSSIER and self.dossier.key is None:
            return
        self.navigation.setCurrentRow(index)

    def _navigate(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        if index == PAGE_VANDAAG and self._started:
            self.vandaag.refresh(self.jongeren.model.prepared.rows)

    def _set_dossier_enabled(self, on: bool) -> None:
        item = self.navigation.item(PAGE_DOSSIER)
        flags = item.flags()
        item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled if on else flags & ~Qt.ItemFlag.ItemIsEnabled)

    def open_dossier(self, sender_org: str, record_id: str) -> None:
        self._came_from = self.navigation.currentRow()
        self.dossier.open_dossier(sender_org, record_id)
        self._set_dossier_enabled(True)
        self.navigation.setCurrentRow(PAGE_DOSSIER)

    def _dossier_shown(self, record_id: str) -> None:
        self.dossier_opened.emit(record_id)
        self._data_changed()  # it is no longer "nieuw ontvangen"

    def leave_dossier(self) -> None:
        if self.navigation.currentRow() == PAGE_DOSSIER:
            self.navigation.setCurrentRow(getattr(self, "_came_from", PAGE_JONGEREN))

    def focus_find(self) -> None:
        self.show_page(PAGE_JONGEREN)
        self.jongeren.focus_find()

    # -- settings --------------------------------------------------------------------------------
    def show_settings(self) -> None:
        from handover.ui.gemeente.dialogs import GemeenteSettingsDialog

        dialog = GemeenteSettingsDialog(self.ctx, self.runner, self.settings, self.staff, self)
        dialog.saved.connect(lambda: self._settings_saved(dialog.result_settings))
        dialog.open()
        self.settings_dialog = dialog

    def _settings_saved(self, settings: dict[str, Any]) -> None:
        self.settings = settings
        self._update_title()
        self.runner.run(lambda: load_staff(self.ctx), alive(self, self._staff_loaded))
        self._data_changed()

    def _update_title(self) -> None:
        org = self.settings.get("org_name") or ""
        if QApplication.applicationDisplayName() != APP_NAME:
            org = f"{APP_NAME} — {org}" if org else APP_NAME
        self.setWindowTitle(org or QCoreApplication.translate("GemeenteWindow", "Werk en Inkomen"))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.closing = True
        self.vandaag.stopped = True
        if self.sync is not None:
            self.sync.stop()
        elif self._service is not None:
            self._service.close()
        QSettings().setValue(GEOMETRY_KEY, self.saveGeometry())
        self._refresh_timer.stop()
        self.runner.wait_idle()
        super().closeEvent(event)
