"""Afspraken: wie doet wat, tot wanneer, across all young people."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from handover.domain import rules
from handover.domain.vocab import AGREEMENT_ORG
from handover.services import queries
from handover.services.context import AppContext
from handover.services.dossiers import DossierService
from handover.services.queries import AgreementRow
from handover.ui import labels, theme
from handover.ui.failures import explain
from handover.ui.formatting import fmt_count
from handover.ui.guard import alive
from handover.ui.models import AgreementFilterProxyModel, AgreementTableModel
from handover.ui.models.agreements import ExchangeMark
from handover.ui.pages.jongeren import configure_table, fit_header_texts
from handover.ui.tasks import TaskRunner


def exchange_marks(ctx: AppContext) -> dict[str, ExchangeMark]:
    """Agreements of sent dossiers that Werk en Inkomen changed last, or that are in conflict (two heads)."""
    from sqlalchemy import select

    from handover.sync.models import AgreementVersion
    from handover.ui.editor.exchange import when_text

    v = AgreementVersion
    with ctx.session() as session:
        rows = session.execute(
            select(v.agreement_id, v.origin, v.changed_by, v.changed_at).where(v.head.is_(True))
        ).all()
    heads: dict[str, list[Any]] = {}
    for row in rows:
        heads.setdefault(row.agreement_id, []).append(row)
    marks = {}
    for agreement_id, found in heads.items():
        if len(found) > 1:
            marks[agreement_id] = ExchangeMark(conflict=True)
        elif found[0].origin == "gemeente":
            marks[agreement_id] = ExchangeMark(found[0].changed_by, when_text(found[0].changed_at))
    return marks


class AfsprakenPage(QWidget):
    youth_activated = Signal(str)
    agreement_done = Signal(str)  # agreement id, after it was saved as done
    loaded = Signal()

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("afsprakenPage")
        self.ctx = ctx
        self.runner = runner
        self.stopped = False  # the window is closing: a queued load is skipped
        self.model = AgreementTableModel(self)
        self.proxy = AgreementFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)

        title = QLabel(self.tr("Afspraken: wie doet wat, tot wanneer"))
        title.setObjectName("pageTitle")

        self.organisation = QComboBox()
        self.organisation.setAccessibleName(self.tr("Organisatie"))
        self.organisation.addItem(self.tr("Alle organisaties"), None)
        for code, label in AGREEMENT_ORG:
            self.organisation.addItem(labels.domain(label), code)
        self.organisation.currentIndexChanged.connect(
            lambda _i: self.proxy.set_organisation(self.organisation.currentData())
        )
        self.only_overdue = QCheckBox(self.tr("Alleen verlopen"))
        self.only_overdue.setAccessibleName(self.tr("Alleen verlopen"))
        self.only_overdue.setAccessibleDescription(
            self.tr("Alleen afspraken waarvan de datum bij 'Tot wanneer' voorbij is")
        )
        self.only_overdue.toggled.connect(self.proxy.set_only_overdue)
        self.show_done = QCheckBox(self.tr("Ook gedane afspraken"))
        self.show_done.setAccessibleName(self.tr("Ook gedane afspraken"))
        self.show_done.setAccessibleDescription(self.tr("Ook gedane en vervallen afspraken tonen"))
        self.show_done.toggled.connect(self.proxy.set_show_done)
        self.done_button = QPushButton(self.tr("Markeer als gedaan"))
        self.done_button.setAccessibleName(self.tr("Markeer als gedaan"))
        self.done_button.setAccessibleDescription(self.tr("Geselecteerde afspraak markeren als gedaan"))
        self.done_button.setToolTip(self.tr("Ctrl+D"))
        self.done_button.setEnabled(False)
        self.done_button.clicked.connect(self.mark_done)
        QShortcut(QKeySequence("Ctrl+D"), self, self.mark_done, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        organisation_label = QLabel(self.tr("&Organisatie:"))
        organisation_label.setBuddy(self.organisation)
        bar = QHBoxLayout()
        bar.addWidget(organisation_label)
        bar.addWidget(self.organisation)
        bar.addWidget(self.only_overdue)
        bar.addWidget(self.show_done)
        bar.addStretch(1)
        bar.addWidget(self.done_button)

        self.table = QTableView()
        self.table.setObjectName("agreementTable")
        self.table.setAccessibleName(self.tr("Lijst van afspraken"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        # The action takes the room left (cut text in its tooltip); the status always shows its word
        # ("Verlopen"), so the red is never the only cue.
        char = self.fontMetrics().averageCharWidth()
        configure_table(
            self.table,
            {
                AgreementTableModel.COL_YOUTH: char * 28,
                AgreementTableModel.COL_ORGANISATION: char * 18,
                AgreementTableModel.COL_PERSON: char * 20,
                AgreementTableModel.COL_DEADLINE: char * 14,
                AgreementTableModel.COL_STATE: char * 14,
                AgreementTableModel.COL_CHANGED: char * 30,
            },
            stretch=AgreementTableModel.COL_ACTION,
        )
        self.table.horizontalHeader().setSortIndicator(AgreementTableModel.COL_DEADLINE, Qt.SortOrder.AscendingOrder)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.count = QLabel()
        self.count.setObjectName("countLabel")
        for signal in (self.proxy.layoutChanged, self.proxy.modelReset):
            signal.connect(self._update_count)
        self.message = QLabel()
        self.message.setObjectName("messageLabel")
        self.conflicts = QLabel()
        self.conflicts.setObjectName("conflictLabel")
        self.conflicts.setWordWrap(True)
        self.conflicts.setStyleSheet(f"color: {theme.WARNING}; font-weight: bold;")
        self.conflicts.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addLayout(bar)
        layout.addWidget(self.conflicts)
        layout.addWidget(self.table, 1)
        footer = QHBoxLayout()
        footer.addWidget(self.count)
        footer.addStretch(1)
        footer.addWidget(self.message)
        layout.addLayout(footer)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        fit_header_texts(self.table)  # now that the style sheet's header font and padding apply
        super().showEvent(event)

    def refresh(self) -> None:
        ctx = self.ctx
        self.runner.run(
            lambda: ([], {}) if self.stopped else (queries.agreement_rows(ctx, include_done=True), exchange_marks(ctx)),
            alive(self, self._loaded),
            alive(self, self._failed),
        )

    def _loaded(self, loaded: tuple[list[AgreementRow], dict[str, ExchangeMark]]) -> None:
        rows, marks = loaded
        self.model.set_rows(rows, marks)
        # "Gewijzigd door" only once Werk en Inkomen changed something (a school not exchanging needs no column).
        self.table.setColumnHidden(AgreementTableModel.COL_CHANGED, not marks)
        conflicts = sum(1 for m in marks.values() if m.conflict)
        text = (
            self.tr("1 afspraak is gewijzigd door Werk en Inkomen en op school")
            if conflicts == 1
            else self.tr("%1 afspraken zijn gewijzigd door Werk en Inkomen en op school").replace(
                "%1", fmt_count(conflicts)
            )
        )
        self.conflicts.setText(text + self.tr(": open het dossier (Enter) en kies in onderdeel I welke blijft."))
        self.conflicts.setVisible(bool(conflicts))
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self._update_count()
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(self.tr("De afspraken konden niet worden geladen."))

    def _update_count(self, *_args: Any) -> None:
        self.count.setText(self.tr("%1 afspraken").replace("%1", fmt_count(self.proxy.rowCount())))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.proxy.agreement_at(current.row()) if current.isValid() else None
        mark = self.model.mark_of(row.agreement_id) if row is not None else None
        # In conflict: first choose which version stays (section I), then mark it.
        self.done_button.setEnabled(
            row is not None and row.state in ("open", "verlopen") and not (mark is not None and mark.conflict)
        )

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.youth_activated.emit(self.proxy.agreement_at(index.row()).youth_id)

    def selected(self) -> AgreementRow | None:
        index = self.table.currentIndex()
        return self.proxy.agreement_at(index.row()) if index.isValid() else None

    def mark_done(self) -> None:
        row = self.selected()
        if row is None or row.state not in ("open", "verlopen"):
            return
        self.done_button.setEnabled(False)
        self.message.setText(self.tr("Bezig met opslaan…"))
        service = DossierService(self.ctx)
        self.runner.run_write(
            lambda: service.update_item(row.youth_id, "agreements", row.agreement_id, {"status": "gedaan"}),
            alive(self, lambda _r: self._marked(row)),
            alive(self, self._mark_failed),
        )

    def _marked(self, row: AgreementRow) -> None:
        position = self.model.row_of_id(row.agreement_id)
        if position is not None:
            done = dataclasses.replace(row, state=rules.agreement_state("gedaan", row.deadline, self.ctx.today()))
            self.model.replace_row(position, done)
            self.proxy.invalidate()
        self.message.setText(self.tr("Afspraak gemarkeerd als gedaan: %1").replace("%1", row.action))
        self.agreement_done.emit(row.agreement_id)

    def _mark_failed(self, exc: BaseException) -> None:
        self.message.setText(self.tr("Niet opgeslagen: %1").replace("%1", explain(exc, "Afspraak: niet opgeslagen.")))
        index = self.table.currentIndex()
        self._current_changed(index, index)
