"""Afspraken for Werk en Inkomen: tick off (gedaan · vervallen, with a note), add, and resolve a conflict.

Every change is a new signed version that travels to the school; a conflict (both sides changed the
same agreement before they synced) shows both versions and lets the klantmanager choose one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from handover.domain.vocab import AGREEMENT_ORG, AGREEMENT_STATUS
from handover.gemeente.agreements import EffectiveAgreement
from handover.ui import labels, theme
from handover.ui.failures import failure_text
from handover.ui.formatting import fmt_date
from handover.ui.gemeente.dialogs import _WriteDialog
from handover.ui.guard import alive
from handover.ui.tasks import TaskRunner

NEW_FOR = ("werk_en_inkomen", "school", "jongere")


def _who(a: EffectiveAgreement) -> str:
    return labels.vocabulary_label(AGREEMENT_ORG, a.organisation) + (f": {a.person}" if a.person else "")


class NewAgreementDialog(_WriteDialog):
    """A new agreement for Werk en Inkomen, the school or the young person."""

    def __init__(self, runner: TaskRunner, service: Any, key: tuple[str, str], parent: QWidget | None = None) -> None:
        super().__init__(runner, self.tr("Nieuwe afspraak"), parent)
        self.service, self.key = service, key
        self.action = QLineEdit()
        self.action.setObjectName("agreementAction")
        self.action.setMaxLength(500)
        self.organisation = QComboBox()
        self.organisation.setObjectName("agreementOrganisation")
        for code in NEW_FOR:
            self.organisation.addItem(labels.vocabulary_label(AGREEMENT_ORG, code), code)
        self.person = QLineEdit()
        self.person.setMaxLength(200)
        self.has_deadline = QCheckBox(self.tr("Met een datum"))
        self.has_deadline.setChecked(True)
        self.deadline = QDateEdit()
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("dd-MM-yyyy")
        soon = dt.date.today() + dt.timedelta(days=14)
        self.deadline.setDate(QDate(soon.year, soon.month, soon.day))
        self.has_deadline.toggled.connect(self.deadline.setEnabled)
        row = QHBoxLayout()
        row.addWidget(self.has_deadline)
        row.addWidget(self.deadline, 1)
        self.form.addRow(self.tr("Wat"), self.action)
        self.form.addRow(self.tr("Wie (organisatie)"), self.organisation)
        self.form.addRow(self.tr("Persoon (mag leeg)"), self.person)
        self.form.addRow(self.tr("Tot wanneer"), row)

    def write(self) -> Callable[[], Any] | None:
        action = self.action.text().strip()
        if not action:
            self.show_problem(self.tr("Schrijf op wat er moet gebeuren."))
            return None
        organisation = str(self.organisation.currentData())
        person = self.person.text().strip() or None
        qd = self.deadline.date()
        deadline = dt.date(qd.year(), qd.month(), qd.day()) if self.has_deadline.isChecked() else None
        sender, record = self.key
        return lambda: self.service.add_agreement(
            sender, record, action=action, organisation=organisation, person=person, deadline=deadline
        )


class ConflictDialog(_WriteDialog):
    """Both versions side by side; the klantmanager chooses which one holds (nothing is lost)."""

    def __init__(self, runner: TaskRunner, service: Any, agreement: EffectiveAgreement, parent: QWidget | None) -> None:
        super().__init__(runner, self.tr("Afspraak: kies een versie"), parent)
        self.service, self.agreement = service, agreement
        intro = QLabel(
            self.tr("School en Werk en Inkomen hebben deze afspraak allebei gewijzigd. Kies welke versie geldt.")
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.group = QButtonGroup(self)
        self.choices: list[QRadioButton] = []
        for i, head in enumerate(agreement.heads):
            status = labels.vocabulary_label(AGREEMENT_STATUS, head.status)
            when = head.changed_at.strftime("%d-%m-%Y %H:%M") if head.changed_at else ""
            text = f"{head.action} · {status}"
            if head.deadline:
                text += f" · {self.tr('tot')} {fmt_date(head.deadline)}"
            text += f"\n{head.changed_by} ({head.changed_by_org}), {when}"
            if head.note:
                text += f"\n{head.note}"
            button = QRadioButton(text)
            button.setObjectName(f"conflictChoice{i}")
            self.group.addButton(button, i)
            self.choices.append(button)
            self.form.addRow(button)

    def write(self) -> Callable[[], Any] | None:
        chosen = self.group.checkedId()
        if chosen < 0:
            self.show_problem(self.tr("Kies eerst een versie."))
            return None
        version = self.agreement.heads[chosen].version_id
        agreement_id = self.agreement.agreement_id
        return lambda: self.service.resolve_agreement(agreement_id, version)


class AgreementsDialog(QDialog):
    """The dossier's agreements; Werk en Inkomen's own are on top. Changes reload the dossier."""

    changed = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        service: Any,
        key: tuple[str, str],
        agreements: tuple[EffectiveAgreement, ...],
        *,
        today: dt.date,
        reload: Callable[[Callable[[tuple[EffectiveAgreement, ...]], None]], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Afspraken: wie doet wat, tot wanneer"))
        self.runner, self.service, self.key, self.today, self._reload = runner, service, key, today, reload
        self.agreements: list[EffectiveAgreement] = []
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("agreementTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Wat"), self.tr("Wie"), self.tr("Tot wanneer"), self.tr("Status"), self.tr("Laatst gewijzigd")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.note = QLineEdit()
        self.note.setObjectName("agreementNote")
        self.note.setPlaceholderText(self.tr("Notitie bij gedaan of vervallen (mag leeg)"))
        self.note.setMaxLength(500)
        self.done_button = QPushButton(self.tr("Gedaan"))
        self.done_button.setObjectName("agreementDone")
        self.lapsed_button = QPushButton(self.tr("Vervallen"))
        self.lapsed_button.setObjectName("agreementLapsed")
        self.conflict_button = QPushButton(self.tr("Conflict oplossen…"))
        self.conflict_button.setObjectName("agreementConflict")
        self.new_button = QPushButton(self.tr("Nieuwe afspraak…"))
        self.new_button.setObjectName("agreementNew")
        self.done_button.clicked.connect(lambda: self._set_status("gedaan"))
        self.lapsed_button.clicked.connect(lambda: self._set_status("vervallen"))
        self.conflict_button.clicked.connect(self._resolve)
        self.new_button.clicked.connect(self._add)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("agreementMessage")
        buttons = QHBoxLayout()
        for b in (self.done_button, self.lapsed_button, self.conflict_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(close)
        char = self.fontMetrics().averageCharWidth()
        self.resize(char * 120, self.fontMetrics().height() * 24)
        self.set_agreements(agreements)

    def set_agreements(self, agreements: tuple[EffectiveAgreement, ...]) -> None:
        # Werk en Inkomen's own first: that is the klantmanager's to-do list.
        self.agreements = sorted(agreements, key=lambda a: (not a.for_werk_en_inkomen, a.deadline or dt.date.max))
        self.table.setRowCount(len(self.agreements))
        for row, a in enumerate(self.agreements):
            state = a.state(self.today)
            status = labels.vocabulary_label(AGREEMENT_STATUS, state)
            if a.conflict:
                status = self.tr("Conflict: kies een versie")
            by = f"{a.changed_by} ({a.changed_by_org})" if a.changed_by else self.tr("school (in het dossier)")
            values = (a.action, _who(a), fmt_date(a.deadline), status, by)
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(text if column != 0 or not a.note else f"{text}\n{a.note}")
                if column == 3 and (a.conflict or state == "verlopen"):
                    item.setForeground(theme.brush(theme.ERROR))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._selection_changed()

    def selected(self) -> EffectiveAgreement | None:
        rows = self.table.selectionModel().selectedRows()
        return self.agreements[rows[0].row()] if rows else None

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def _selection_changed(self) -> None:
        a = self.selected()
        self.done_button.setEnabled(a is not None and not a.conflict and a.status == "open")
        self.lapsed_button.setEnabled(a is not None and not a.conflict and a.status == "open")
        self.conflict_button.setEnabled(a is not None and a.conflict)

    def _set_status(self, status: str) -> None:
        a = self.selected()
        if a is None:
            return
        note = self.note.text().strip() or None
        record = self.key[1]
        self._write(lambda: self.service.change_agreement(a.agreement_id, dossier_id=record, status=status, note=note))

    def _write(self, job: Callable[[], Any]) -> None:
        self.message.clear()
        self.runner.run_write(job, alive(self, self._written), alive(self, self._failed))

    def _written(self, _result: Any) -> None:
        self.note.clear()
        self.changed.emit()
        self._reload(alive(self, self.set_agreements))

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(failure_text(self.tr("Niet opgeslagen."), exc))

    def _add(self) -> None:
        dialog = NewAgreementDialog(self.runner, self.service, self.key, self)
        dialog.saved.connect(lambda: self._written(None))
        dialog.open()

    def _resolve(self) -> None:
        a = self.selected()
        if a is None or not a.conflict:
            return
        dialog = ConflictDialog(self.runner, self.service, a, self)
        dialog.saved.connect(lambda: self._written(None))
        dialog.open()


__all__ = ["AgreementsDialog", "ConflictDialog", "NewAgreementDialog", "Qt"]
