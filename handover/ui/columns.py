"""Tables that fit their width: columns sized to their content, shrunk fairly when the room is short,
and a cut-off cell's full text in its tooltip. No sideways scrolling for the dossier's lists, the
contactmomenten and the consents at 1280 px, and little at 900 px."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QWidget,
)

MIN_CHARS = 8  # no column narrower than this many average characters (or its content, if less)


def fair_widths(wanted: list[int], floors: list[int], available: int) -> list[int]:
    """Widths for columns that want ``wanted`` px in ``available`` px: a column that fits in an equal
    share keeps its width; the rest share what is left equally, never below their ``floors``."""
    if sum(wanted) <= available:
        return list(wanted)
    widths = list(wanted)
    open_columns = sorted(range(len(wanted)), key=lambda c: wanted[c])
    left = available
    while open_columns:
        share = left // len(open_columns)
        column = open_columns[0]
        if wanted[column] <= share:
            open_columns.pop(0)
            left -= wanted[column]
            continue
        for column in open_columns:
            widths[column] = max(floors[column], share)
        break
    return widths


def fit_columns(view: QTableView) -> None:
    """Size the columns to their content, shrinking the widest ones when the view is too narrow."""
    model = view.model()
    if model is None or model.columnCount() == 0:
        return
    header = view.horizontalHeader()
    columns = range(model.columnCount())
    char = view.fontMetrics().averageCharWidth()
    wanted, floors = [], []
    for column in columns:
        content = max(view.sizeHintForColumn(column), header.sectionSizeHint(column))
        wanted.append(content)
        floors.append(min(content, max(char * MIN_CHARS, header.sectionSizeFromContents(column).width() // 2)))
    available = view.viewport().width()
    for column, width in zip(columns, fair_widths(wanted, floors, available), strict=True):
        if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive:
            view.setColumnWidth(column, width)


class ColumnFitter(QObject):
    """Keeps a table's columns fitted: when its model resets and when it is resized."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        # A header elides nothing by default: a narrow centred header was cut on both sides ("aste contactpersoo").
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.viewport().installEventFilter(self)
        model = view.model()
        if model is not None:
            model.modelReset.connect(self.fit)
            model.rowsInserted.connect(self.fit)
            model.dataChanged.connect(self.fit)

    def fit(self, *_args: object) -> None:
        fit_columns(self.view)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False


def show_cut_text(
    event: QHelpEvent, view: QAbstractItemView, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
) -> bool:
    """The tooltip of a cell whose model gives none: its full text, when the cell shows it cut off."""
    if event.type() != QEvent.Type.ToolTip or index.data(Qt.ItemDataRole.ToolTipRole):
        return False
    text = index.data(Qt.ItemDataRole.DisplayRole)
    if not isinstance(text, str) or not text:
        return False
    if view.fontMetrics().horizontalAdvance(text) + 8 <= view.visualRect(index).width():
        return False
    QToolTip.showText(event.globalPos(), text, view)
    return True


class CutTextTooltipDelegate(QStyledItemDelegate):
    """A plain delegate that shows a cut-off cell's full text as its tooltip."""

    def helpEvent(  # noqa: N802 - Qt override
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        return show_cut_text(event, view, option, index) or super().helpEvent(event, view, option, index)


def fit_table(view: QTableView, parent: QWidget | None = None) -> ColumnFitter:
    """Fit ``view``'s columns from now on (content first, fair shares when short, cut text in tooltips)."""
    if not isinstance(view.itemDelegate(), CutTextTooltipDelegate) and type(view.itemDelegate()) is QStyledItemDelegate:
        view.setItemDelegate(CutTextTooltipDelegate(parent or view))
    return ColumnFitter(view)
