"""Bewaartermijn: the dossiers past the retention period, anonymised or erased after a confirmation.

The same service as ``handover retention [--apply]``; the dossier's sealed envelopes leave the
outbox and quarantine in the same transaction (``sync.erasure``). Reading and applying run on the
task runner, never on the GUI thread.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from handover.services.context import AppContext
from handover.services.retention import ANONYMISE, ERASE, RetentionItem, RetentionService
from handover.ui.guard import alive
from handover.ui.models.base import TableModel
from handover.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class RetentionModel(TableModel):
    """One row per young person past the retention period."""

    COL_NAME, COL_CLASS, COL_LEFT, COL_ENDED = range(4)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RetentionItem] = []
        self.set_headers(
            (
                QCoreApplication.translate("RetentionDialog", "Naam"),
                QCoreApplication.translate("RetentionDialog", "Klas"),
                QCoreApplication.translate("RetentionDialog", "Vertrokken"),
                QCoreApplication.translate("RetentionDialog", "Bewaartermijn voorbij sinds"),
            )
        )

    def set_rows(self, rows: list[RetentionItem]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_count(self) -> int:
        return len(self._rows)

    def object_at(self, row: int) -> RetentionItem:
        return self._rows[row]

    def sort_value(self, row: int, column: int) -> Any:
        item = self._rows[row]
        return (item.name.casefold(), item.school_class or "", item.leaving_date, item.retention_ended)[column]

    def cell(self, row: int, column: int, role: int) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        item = self._rows[row]
        if column == self.COL_NAME:
            return item.name
        if column == self.COL_CLASS:
            return item.school_class or "–"
        return (item.leaving_date if column == self.COL_LEFT else item.retention_ended).strftime("%d-%m-%Y")


class RetentionDialog(QDialog):
    """Lists the dossiers past the retention period; 'Uitvoeren…' anonymises or erases them."""

    loaded = Signal(int)  # how many are past the period
    applied = Signal(int)  # how many were anonymised or erased
    failed = Signal(str)

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        # Imported here, not at the top: the main window adds this dialog's menu entry at start-up, and
        # sync.erasure brings the whole sync stack (httpx, the crypto) that a cold start should not pay for.
        from handover.sync.erasure import purge_sealed_for_youth

        self.service = RetentionService(ctx, purge=purge_sealed_for_youth)
        self.setWindowTitle(QCoreApplication.translate("RetentionDialog", "Bewaartermijn"))
        self.resize(860, 520)
        intro = QLabel(
            QCoreApplication.translate(
                "RetentionDialog",
                "Een overstapdossier wordt bewaard tot twee jaar na het vertrek, plus de rest van dat "
                "schooljaar. Daarna vraagt de wet (AVG) om het te anonimiseren of te wissen. Anonimiseren "
                "houdt route, vertrekjaar en situaties over voor de cijfers; wissen haalt alles weg. In "
                "beide gevallen verdwijnen ook de versleutelde kopieën in de verzendwachtrij.",
            )
        )
        intro.setWordWrap(True)
        self.model = RetentionModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(QCoreApplication.translate("RetentionDialog", "Dossiers voorbij de bewaartermijn"))
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(RetentionModel.COL_NAME, QHeaderView.ResizeMode.Stretch)
        for column in (RetentionModel.COL_CLASS, RetentionModel.COL_LEFT, RetentionModel.COL_ENDED):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.anonymise = QRadioButton(QCoreApplication.translate("RetentionDialog", "&Anonimiseren (aanbevolen)"))
        self.anonymise.setChecked(True)
        self.erase = QRadioButton(QCoreApplication.translate("RetentionDialog", "&Wissen"))
        self.summary = QLabel(QCoreApplication.translate("RetentionDialog", "Bezig met laden…"))
        self.summary.setWordWrap(True)
        self.summary.setObjectName("retentionSummary")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(
            QCoreApplication.translate("RetentionDialog", "Sluiten")
        )
        self.apply_button = self.buttons.addButton(
            QCoreApplication.translate("RetentionDialog", "&Uitvoeren…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.confirm_and_apply)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.anonymise)
        layout.addWidget(self.erase)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        # Asked before anything is changed; a test answers it without a modal loop.
        self.confirm = self._ask
        self._outcome = ""  # what the last 'Uitvoeren' did, shown above the reloaded list
        self.reload()

    @property
    def mode(self) -> str:
        return ERASE if self.erase.isChecked() else ANONYMISE

    def reload(self) -> None:
        self.runner.run(self.service.due, alive(self, self._loaded), alive(self, self._failed))

    def _loaded(self, items: list[RetentionItem]) -> None:
        self.model.set_rows(items)
        self.apply_button.setEnabled(bool(items))
        if items:
            text = QCoreApplication.translate("RetentionDialog", "%1 dossiers zijn voorbij de bewaartermijn.").replace(
                "%1", str(len(items))
            )
        else:
            text = QCoreApplication.translate("RetentionDialog", "Geen dossiers voorbij de bewaartermijn.")
        self.summary.setText(f"{self._outcome} {text}" if self._outcome else text)
        self.loaded.emit(len(items))

    def _ask(self, count: int, mode: str) -> bool:
        verb = (
            QCoreApplication.translate("RetentionDialog", "anonimiseren")
            if mode == ANONYMISE
            else QCoreApplication.translate("RetentionDialog", "wissen")
        )
        answer = QMessageBox.question(
            self,
            QCoreApplication.translate("RetentionDialog", "Bewaartermijn"),
            QCoreApplication.translate(
                "RetentionDialog", "Weet u zeker dat u %1 dossiers wilt %2? Dit kan niet ongedaan worden gemaakt."
            )
            .replace("%1", str(count))
            .replace("%2", verb),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def confirm_and_apply(self) -> None:
        ids = [self.model.object_at(row).youth_id for row in range(self.model.row_count())]
        if not ids or not self.confirm(len(ids), self.mode):
            return
        mode = self.mode
        self.apply_button.setEnabled(False)

        def work() -> int:
            for youth_id in ids:
                self.service.apply(youth_id, mode)
            return len(ids)

        self.runner.run_write(work, alive(self, self._applied), alive(self, self._failed))

    def _applied(self, count: int) -> None:
        done = (
            QCoreApplication.translate("RetentionDialog", "geanonimiseerd")
            if self.mode == ANONYMISE
            else QCoreApplication.translate("RetentionDialog", "gewist")
        )
        self._outcome = (
            QCoreApplication.translate("RetentionDialog", "%1 dossiers %2.")
            .replace("%1", str(count))
            .replace("%2", done)
        )
        self.applied.emit(count)
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        log.error("Bewaartermijn mislukt", exc_info=exc)
        message = (
            str(exc)
            if isinstance(exc, ValueError)
            else QCoreApplication.translate("RetentionDialog", "Er ging iets mis; er is niets half gewist.")
        )
        self.summary.setText(message)
        self.apply_button.setEnabled(self.model.row_count() > 0)
        self.failed.emit(message)


def add_retention_action(window: Any) -> None:
    """'Bewaartermijn…' in the Bestand menu, before 'Instellingen'; afterwards the lists are reloaded."""

    def open_dialog() -> None:
        dialog = RetentionDialog(window.ctx, window.runner, window)
        dialog.applied.connect(lambda _count: window._data_changed())
        dialog.open()

    window.retention_action = window.make_action(
        QCoreApplication.translate("RetentionDialog", "&Bewaartermijn…"), open_dialog, None, "retention"
    )
    menu = window.menuBar().actions()[0].menu()  # Bestand
    actions = menu.actions()
    before = window.settings_action if window.settings_action in actions else None
    menu.insertAction(before, window.retention_action)
