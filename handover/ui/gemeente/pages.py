"""The gemeente's Vandaag (six cards of waiting work) and Jongeren (the received dossiers)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QDate, QLocale, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from handover.gemeente import queries as q
from handover.services.context import AppContext
from handover.ui import theme
from handover.ui.formatting import fmt_count
from handover.ui.gemeente.models import PreparedReceived, ReceivedFilterProxyModel, ReceivedTableModel
from handover.ui.guard import alive
from handover.ui.models import TodayItem, TodayListModel
from handover.ui.models.roles import FOREGROUND
from handover.ui.pages.jongeren import configure_table, fit_header_texts
from handover.ui.pages.vandaag import TWO_COLUMNS_FROM, Section, TodayCard
from handover.ui.tasks import TaskRunner

FONT_ROLE = int(Qt.ItemDataRole.FontRole)


class ProminentTodayModel(TodayListModel):
    """A card's list where some lines stand out (a job loss in the first two years): bold and red."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.prominent: set[int] = set()

    def cell(self, row: int, column: int, role: int) -> Any:
        if row in self.prominent and column == self.COL_WHAT:
            if role == FOREGROUND:
                return theme.brush(theme.ATTENTION)
            if role == FONT_ROLE:
                font = QFont()
                font.setBold(True)
                return font
        return super().cell(row, column, role)


def _no_load(_ctx: AppContext) -> list[TodayItem]:
    return []  # the gemeente's cards are filled together, from one read


class GemeenteVandaagPage(QWidget):
    """Six cards; a line opens the dossier. ``dossier_requested(sender_org, record_id)``."""

    dossier_requested = Signal(str, str)
    loaded = Signal()

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gemeenteVandaagPage")
        self.ctx, self.runner = ctx, runner
        self.stopped = False
        self._busy = False
        self._again = False
        specs = (
            (
                q.CARD_NEW,
                self.tr("Nieuw ontvangen"),
                self.tr("Alles is opgepakt."),
                self.tr("School"),
                self.tr("Ontvangen"),
                False,
            ),
            (
                q.CARD_INTAKE,
                self.tr("Intake nog te plannen"),
                self.tr("Geen dossiers die te lang op een intake wachten."),
                self.tr("Waarom"),
                self.tr("Uiterlijk"),
                True,
            ),
            (
                q.CARD_AGREEMENTS,
                self.tr("Verlopen afspraken voor Werk en Inkomen"),
                self.tr("Alle afspraken voor Werk en Inkomen liggen op schema."),
                self.tr("Wat"),
                self.tr("Tot wanneer"),
                True,
            ),
            (
                q.CARD_SITUATION,
                self.tr("Situatie veranderd na school"),
                self.tr("Geen nieuws van scholen."),
                self.tr("Nieuws"),
                self.tr("Contactmoment"),
                False,
            ),
            (
                q.CARD_WITHDRAWN,
                self.tr("Toestemming ingetrokken"),
                self.tr("Geen toestemming ingetrokken (afgelopen 30 dagen)."),
                self.tr("Wat"),
                self.tr("Ingetrokken op"),
                False,
            ),
            (
                q.CARD_NEW_VERSION,
                self.tr("Nieuwe versie ontvangen"),
                self.tr("Geen nieuwe versies sinds u ze opende."),
                self.tr("Van"),
                self.tr("Ontvangen"),
                False,
            ),
        )
        self.cards: dict[str, TodayCard] = {}
        for key, title, empty, what, date, late in specs:
            card = TodayCard(Section(key, title, empty, what, date, _no_load, late=late), self)
            card.model = ProminentTodayModel(what, date, card, late=late)
            card.table.setModel(card.model)
            card.item_activated.connect(self._activated)
            self.cards[key] = card
        self.title = QLabel(self.tr("Vandaag"))
        self.title.setObjectName("pageTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("pageSubtitle")
        self.grid = grid = QGridLayout()
        grid.setSpacing(12)
        self.columns = 0
        self._arrange(2)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(16, 12, 16, 12)
        body_layout.addWidget(self.title)
        body_layout.addWidget(self.subtitle)
        body_layout.addLayout(grid, 1)
        scroll = QScrollArea()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def _arrange(self, columns: int) -> None:
        """Two columns of cards, or one on a narrow window (as the mentor's Vandaag)."""
        if columns == self.columns:
            return
        self.columns = columns
        for card in self.cards.values():
            self.grid.removeWidget(card)
        for i, card in enumerate(self.cards.values()):
            self.grid.addWidget(card, i // columns, i % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        wide = event.size().width() >= self.fontMetrics().averageCharWidth() * TWO_COLUMNS_FROM
        self._arrange(2 if wide else 1)
        super().resizeEvent(event)

    def refresh(self, rows: Sequence[q.ReceivedRow] | None = None) -> None:
        """Reload the cards; ``rows``: the list the window just loaded (then it is not read again)."""
        if self._busy:
            self._again = True
            return
        self._busy = True
        today = self.ctx.today()
        day = QLocale().toString(QDate(today.year, today.month, today.day), "dddd d MMMM yyyy")
        self.subtitle.setText(self.tr("%1 · wat er nu wacht op Werk en Inkomen").replace("%1", day))
        ctx = self.ctx

        def read() -> q.GemeenteToday | None:
            if self.stopped:
                return None
            with ctx.session() as session:
                return q.gemeente_today(session, today=ctx.today(), rows=rows)

        self.runner.run(read, alive(self, self._arrived), alive(self, self._failed))

    def _arrived(self, today: q.GemeenteToday | None) -> None:
        self._busy = False
        if self._again:  # something changed while these were read
            self._again = False
            self.refresh()
        if today is None:
            return
        for key, card in self.cards.items():
            rows = today[key]
            model = card.model
            assert isinstance(model, ProminentTodayModel)
            model.prominent = {i for i, r in enumerate(rows) if r.prominent}
            # TodayItem's youth id holds the record id, its target the sending school's organisation id.
            card.set_items([TodayItem(r.record_id, r.name, r.what, r.day, r.sender_org) for r in rows])
        self.loaded.emit()

    def _failed(self, _exc: BaseException) -> None:
        self._busy = False
        self._again = False
        for card in self.cards.values():
            card.set_failed(self.tr("kon niet worden geladen"))
        self.loaded.emit()

    def _activated(self, item: TodayItem) -> None:
        self.dossier_requested.emit(item.target, item.youth_id)


class GemeenteJongerenPage(QWidget):
    """Every received dossier: type to filter, filters for school, klantmanager, cohort and "mine"."""

    dossier_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gemeenteJongerenPage")
        self.model = ReceivedTableModel(self)
        self.proxy = ReceivedFilterProxyModel(self)
        self.proxy.set_source(self.model)
        title = QLabel(self.tr("Jongeren (ontvangen)"))
        title.setObjectName("pageTitle")
        self.find_field = QLineEdit()
        self.find_field.setObjectName("findField")
        self.find_field.setPlaceholderText(self.tr("Zoek op naam, school, woonplaats of id…"))
        self.find_field.setClearButtonEnabled(True)
        self.find_field.setAccessibleName(self.tr("Zoeken"))
        self.find_field.textChanged.connect(self.proxy.set_text)
        self.find_field.returnPressed.connect(self._open_first)
        self.school = QComboBox()
        self.school.setObjectName("schoolFilter")
        self.school.setAccessibleName(self.tr("School"))
        self.klantmanager = QComboBox()
        self.klantmanager.setObjectName("klantmanagerFilter")
        self.klantmanager.setAccessibleName(self.tr("Klantmanager"))
        self.cohort = QComboBox()
        self.cohort.setObjectName("cohortFilter")
        self.cohort.setAccessibleName(self.tr("Cohort (jaar van vertrek)"))
        self.only_mine = QCheckBox(self.tr("Alleen mijn jongeren"))
        self.only_mine.setObjectName("onlyMine")
        self.only_mine.toggled.connect(self.proxy.set_only_mine)
        for combo in (self.school, self.klantmanager, self.cohort):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        self._fill([], [], [])
        self.school.currentIndexChanged.connect(lambda _i: self.proxy.set_school(self.school.currentData()))
        self.klantmanager.currentIndexChanged.connect(
            lambda _i: self.proxy.set_klantmanager(self.klantmanager.currentData())
        )
        self.cohort.currentIndexChanged.connect(lambda _i: self.proxy.set_cohort(self.cohort.currentData()))
        filters = QHBoxLayout()
        for w in (self.school, self.klantmanager, self.cohort):
            filters.addWidget(w, 1)
        filters.addWidget(self.only_mine)
        self.table = QTableView()
        self.table.setObjectName("receivedTable")
        self.table.setAccessibleName(self.tr("Ontvangen dossiers"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        char = self.fontMetrics().averageCharWidth()
        M = ReceivedTableModel
        configure_table(
            self.table,
            {
                M.COL_ID: self.fontMetrics().horizontalAdvance("0" * 8) + char * 3,
                M.COL_NAME: char * 23,
                M.COL_SCHOOL: char * 22,
                M.COL_LEAVING: char * 12,
                M.COL_ROUTE: char * 14,
                M.COL_CITY: char * 12,
                M.COL_STATUS: char * 25,
            },
            stretch=M.COL_KM,
        )
        self._min_widths = {c: self.table.columnWidth(c) // 2 for c in self.WEIGHTS}
        self.table.horizontalHeader().setSortIndicator(M.COL_NAME, Qt.SortOrder.AscendingOrder)
        self.table.activated.connect(self._activated)
        self.count = QLabel()
        self.count.setObjectName("countLabel")
        for signal in (
            self.proxy.layoutChanged,
            self.proxy.modelReset,
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
        ):
            signal.connect(self._update_count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addWidget(self.find_field)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self._update_count()

    # Share of the table's width per column (the klantmanager takes what is left): on a wide window
    # the names and statuses get the room, on a laptop at 125 % every column still shows.
    WEIGHTS = {0: 8, 1: 17, 2: 16, 3: 8, 4: 10, 5: 8, 6: 17}

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        QTimer.singleShot(0, self._share_width)  # once the layout gave the table its width

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        QTimer.singleShot(0, self._share_width)

    def _share_width(self) -> None:
        width = self.table.viewport().width()
        for column, weight in self.WEIGHTS.items():
            self.table.setColumnWidth(column, max(self._min_widths.get(column, 0), width * weight // 100))
        fit_header_texts(self.table)

    def rows_loaded(self, prepared: PreparedReceived) -> None:
        self.model.set_prepared(prepared)
        self._fill(prepared.schools, prepared.klantmanagers, prepared.cohorts)
        self._update_count()

    def _fill(self, schools: list[str], kms: list[str], cohorts: list[int]) -> None:
        for combo, everyone, values in (
            (self.school, self.tr("Alle scholen"), [(s, s) for s in schools]),
            (self.klantmanager, self.tr("Alle klantmanagers"), [(k, k) for k in kms]),
            (
                self.cohort,
                self.tr("Alle jaren"),
                [(self.tr("Vertrek in %1").replace("%1", str(y)), y) for y in cohorts],
            ),
        ):
            current = combo.currentData()
            have = [combo.itemData(i) for i in range(1, combo.count())]
            if combo.count() and have == [v for _t, v in values]:
                continue
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everyone, None)
            for text, value in values:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    def _update_count(self, *_args: Any) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        if shown == total:
            self.count.setText(self.tr("%1 ontvangen dossiers").replace("%1", fmt_count(total)))
        else:
            self.count.setText(
                self.tr("%1 van %2 ontvangen dossiers").replace("%1", fmt_count(shown)).replace("%2", fmt_count(total))
            )

    def focus_find(self) -> None:
        self.find_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_field.selectAll()

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            row = self.proxy.row_at(index.row())
            self.dossier_requested.emit(row.sender_org, row.record_id)

    def _open_first(self) -> None:
        if self.proxy.rowCount() == 1:
            row = self.proxy.row_at(0)
            self.dossier_requested.emit(row.sender_org, row.record_id)
        elif self.proxy.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)
