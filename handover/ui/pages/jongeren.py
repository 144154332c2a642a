"""Jongeren: every young person in one list, filtered as you type."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from handover.domain.vocab import HANDOVER_STATUS, ROUTE
from handover.services.queries import YouthRow
from handover.ui import labels
from handover.ui.columns import CutTextTooltipDelegate
from handover.ui.formatting import fmt_count
from handover.ui.models import ACTIVE, PreparedYouth, YouthFilterProxyModel, YouthTableModel


def row_height(view: QWidget) -> int:
    """A list row: the font's line height and some air (26 px at the usual 9 pt)."""
    return view.fontMetrics().height() + 10


def configure_table(view: QTableView, widths: dict[int, int] | None = None, stretch: int | None = None) -> None:
    """The look every list in the shell shares: whole rows, no grid, fixed row height, keyboard first."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
    view.setItemDelegate(CutTextTooltipDelegate(view))  # a cell cut off ("Ontvangen door W…"): full text on hover
    view.verticalHeader().hide()
    # Fixed heights, from the font (larger text, larger rows): the view never has to measure 10,000 rows.
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(row_height(view))
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    for column, width in (widths or {}).items():
        view.setColumnWidth(column, width)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def fit_header_texts(view: QTableView) -> None:
    """No column narrower than its header's text (a cut "Vaste contactpers…" says nothing); the
    last, stretching column gets that as its minimum, the table scrolls sideways only below it."""
    header = view.horizontalHeader()
    header.setMinimumSectionSize(view.fontMetrics().averageCharWidth() * 6)
    for column in range(header.count()):
        needed = header.sectionSizeFromContents(column).width()
        if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Stretch and view.columnWidth(column) < needed:
            view.setColumnWidth(column, needed)


class JongerenPage(QWidget):
    """The list of young people. Emits ``youth_activated(id)`` when a row is opened."""

    youth_activated = Signal(str)
    new_youth_requested = Signal()
    mentor_change_requested = Signal(str)  # youth id
    delete_requested = Signal(str)  # youth id
    handover_requested = Signal()  # "Jongeren overdragen aan een andere mentor…" (ui/mentor_handover.py)

    def __init__(self, model: YouthTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("jongerenPage")
        self.model = model
        self.proxy = YouthFilterProxyModel(self)
        self.proxy.setSourceModel(model)

        title = QLabel(self.tr("Jongeren"))
        title.setObjectName("pageTitle")

        self.find_field = QLineEdit()
        self.find_field.setObjectName("findField")
        self.find_field.setPlaceholderText(self.tr("Zoek op naam of klas…"))
        self.find_field.setClearButtonEnabled(True)
        self.find_field.setAccessibleName(self.tr("Zoeken op naam of klas"))
        self.find_field.setMinimumWidth(self.fontMetrics().averageCharWidth() * 24)
        self.find_field.textChanged.connect(self.proxy.set_text)

        self.cohort = QComboBox()
        self.cohort.setAccessibleName(self.tr("Cohort (jaar van vertrek)"))
        self.cohort.addItem(self.tr("Alle jaren"), None)
        self.cohort.currentIndexChanged.connect(lambda _i: self.proxy.set_cohort(self.cohort.currentData()))

        self.route = QComboBox()
        self.route.setAccessibleName(self.tr("Route na school"))
        self.route.addItem(self.tr("Alle routes"), None)
        for code, label in ROUTE:
            self.route.addItem(labels.domain(label), code)
        self.route.currentIndexChanged.connect(lambda _i: self.proxy.set_route(self.route.currentData()))

        self.status = QComboBox()
        self.status.setAccessibleName(self.tr("Overdrachtstatus"))
        # Finished cases apart from the active ones: the list opens on the active ones.
        self.status.addItem(self.tr("Actief (niet afgerond)"), ACTIVE)
        self.status.addItem(self.tr("Alle statussen"), None)
        for code, label in HANDOVER_STATUS:
            self.status.addItem(labels.domain(label), code)
        self.status.currentIndexChanged.connect(lambda _i: self.proxy.set_status(self.status.currentData()))
        self.proxy.set_status(ACTIVE)

        self.only_mine = QCheckBox(self.tr("Alleen mijn jongeren"))
        self.only_mine.setAccessibleName(self.tr("Alleen mijn jongeren"))
        self.only_mine.toggled.connect(self.proxy.set_only_mine)

        self.new_button = QPushButton(self.tr("Nieuwe jongere"))
        self.new_button.setAccessibleName(self.tr("Nieuwe jongere toevoegen"))
        self.new_button.setToolTip(
            QKeySequence(QKeySequence.StandardKey.New).toString(QKeySequence.SequenceFormat.NativeText)
        )
        self.new_button.clicked.connect(self.new_youth_requested)

        # Two rows (search and "Nieuwe jongere"; the filters), and combo boxes that may be narrower
        # than their longest entry: the page fits a 900 px window at any scaling.
        for combo in (self.cohort, self.route, self.status):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        search = QHBoxLayout()
        search.addWidget(self.find_field, 1)
        search.addStretch(0)
        search.addWidget(self.new_button)
        filters = QHBoxLayout()
        filters.addWidget(self.cohort, 1)
        filters.addWidget(self.route, 1)
        filters.addWidget(self.status, 1)
        filters.addWidget(self.only_mine)

        self.table = QTableView()
        self.table.setObjectName("youthTable")
        self.table.setAccessibleName(self.tr("Lijst van jongeren"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        char = self.fontMetrics().averageCharWidth()
        configure_table(
            self.table,
            {
                YouthTableModel.COL_NAME: char * 30,
                YouthTableModel.COL_CLASS: char * 8,
                YouthTableModel.COL_ROUTE: char * 16,
                YouthTableModel.COL_LEAVING: char * 14,
                YouthTableModel.COL_STATUS: char * 22,
                YouthTableModel.COL_NEXT: char * 26,  # a date and "te laat" or "binnenkort"
            },
            stretch=YouthTableModel.COL_CONTACT,
        )
        self.table.horizontalHeader().setSortIndicator(YouthTableModel.COL_NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # several, to hand over
        self.table.activated.connect(self._activated)
        self.mentor_action = QAction(self.tr("&Mentor wijzigen…"), self)
        self.mentor_action.setObjectName("changeMentor")
        self.mentor_action.triggered.connect(lambda: self._request(self.mentor_change_requested))
        self.handover_action = QAction(self.tr("Jongeren &overdragen aan een andere mentor…"), self)
        self.handover_action.setObjectName("handOverSelection")
        self.handover_action.triggered.connect(self.handover_requested)
        self.delete_action = QAction(self.tr("Jongere &verwijderen…"), self)
        self.delete_action.setObjectName("deleteYouth")
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(lambda: self._request(self.delete_requested))
        self.table.addAction(self.delete_action)  # Delete in the list
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)

        self.count = QLabel()
        self.count.setObjectName("countLabel")
        self.count.setAccessibleName(self.tr("Aantal getoonde jongeren"))
        for signal in (
            self.proxy.layoutChanged,
            self.proxy.modelReset,
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
        ):
            signal.connect(self._update_count)

        self.find_field.returnPressed.connect(self._open_first)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addLayout(search)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.setTabOrder(self.find_field, self.cohort)
        self.setTabOrder(self.cohort, self.route)
        self.setTabOrder(self.route, self.status)
        self.setTabOrder(self.status, self.only_mine)
        self.setTabOrder(self.only_mine, self.new_button)
        self.setTabOrder(self.new_button, self.table)
        self._update_count()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        fit_header_texts(self.table)  # now that the style sheet's header font and padding apply
        super().showEvent(event)

    # -- data -------------------------------------------------------------------------------
    def rows_loaded(self, prepared: PreparedYouth) -> None:
        """New data from the background load: a refresh of an existing list keeps its place."""
        if self.model.rowCount() and set(self.model.prepared.index_of) == set(prepared.index_of):
            self.model.update_rows(prepared)
        else:
            self.model.set_prepared(prepared)
        self._fill_cohorts(prepared)
        self._update_count()

    def _fill_cohorts(self, prepared: PreparedYouth) -> None:
        years = sorted({c for c in prepared.cohorts if c is not None}, reverse=True)
        current = self.cohort.currentData()
        have = [self.cohort.itemData(i) for i in range(1, self.cohort.count())]
        if have == years:
            return
        self.cohort.blockSignals(True)
        self.cohort.clear()
        self.cohort.addItem(self.tr("Alle jaren"), None)
        for year in years:
            self.cohort.addItem(self.tr("Vertrek in %1").replace("%1", str(year)), year)
        index = self.cohort.findData(current)
        self.cohort.setCurrentIndex(max(index, 0))
        self.cohort.blockSignals(False)

    def _update_count(self, *_args: Any) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        if shown == total:
            text = self.tr("%1 jongeren").replace("%1", fmt_count(total))
        elif self.proxy.filters_only_active():
            text = (
                self.tr("%1 jongeren · %2 afgerond (kies bij de status 'Alle statussen' of 'Afgerond')")
                .replace("%1", fmt_count(shown))
                .replace("%2", fmt_count(total - shown))
            )
        else:
            text = self.tr("%1 van %2 jongeren").replace("%1", fmt_count(shown)).replace("%2", fmt_count(total))
        self.count.setText(text)

    # -- actions ----------------------------------------------------------------------------
    def focus_find(self) -> None:
        self.find_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_field.selectAll()

    def selected_youth(self) -> YouthRow | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.proxy.youth_at(index.row())

    def selected_ids(self) -> list[str]:
        """All young people currently shown (for batch printing)."""
        return [self.proxy.youth_at(row).id for row in range(self.proxy.rowCount())]

    def chosen_ids(self) -> list[str]:
        """The young people selected in the list (several with Ctrl or Shift), in the list's order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.proxy.youth_at(row).id for row in rows]

    def _request(self, signal: Any) -> None:
        youth = self.selected_youth()
        if youth is not None:
            signal.emit(youth.id)

    def _context_menu(self, pos: Any) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        if not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            self.table.selectRow(index.row())
        menu = QMenu(self)
        menu.addAction(self.mentor_action)
        menu.addAction(self.handover_action)
        menu.addSeparator()
        menu.addAction(self.delete_action)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.youth_activated.emit(self.proxy.youth_at(index.row()).id)

    def _open_first(self) -> None:
        if self.proxy.rowCount() == 1:
            self.youth_activated.emit(self.proxy.youth_at(0).id)
        elif self.proxy.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)
