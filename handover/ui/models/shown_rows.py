"""A filter proxy for long lists: the rows it shows are one list of source rows, set from a flag per row.

Why not ``QSortFilterProxyModel``: on every filter change it asks ``filterAcceptsRow`` for every
source row, and each of those is a call from C++ into Python. On 10,000 young people that was
about 5.5 ms of every keystroke (and again after every sort), although the answer was already known
as one 0/1 byte per row (:class:`~handover.ui.models.filtering.YouthMatcher`). This proxy takes that
answer whole (:meth:`FlagFilterProxyModel.source_flags`), turns it into its list of shown source rows
in one C-level pass, and tells the view the smallest change:

- a keystroke that only hides rows (typing on) or only shows rows again (backspace) in a few runs:
  ``rowsRemoved`` / ``rowsInserted`` per run;
- otherwise (scattered rows, the usual case while typing in a list of 10,000): one layout change,
  with the view's persistent indexes (selection, current row) moved to where their rows are now,
  or dropped when their row is no longer shown;
- nothing at all when the same rows stay.

Qt never calls back into Python per row. It does call ``index()`` and ``data()`` for each painted
cell; both are one short Python call (``data()`` answers the roles the source model has none for
without asking it: a painted cell asks seven, mostly empty). ``flags()`` is Qt's own (C++), so a
source model's flags are the plain table flags (selectable, enabled); no list model here overrides them.

The proxy never sorts: :meth:`sort` asks the source model, whose row order is the sort order, and
the proxy's rows stay in source order (so a source row's place is a binary search). Like the old
proxy without dynamic filtering, an edited row stays shown until the next filter change, even when it
no longer matches (it does not vanish while someone is working on it).
"""

from __future__ import annotations

import operator
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Callable, Sequence
from itertools import compress, repeat
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from handover.ui.models.base import AnyIndex, TableModel
from handover.ui.models.roles import DISPLAY

# Up to this many separate runs of rows hidden (or shown again) are told to the view one by one;
# beyond it one layout change costs the view less than the row signals.
MAX_RUNS = 8

# The source model's signals that change its rows or columns in ways this proxy does not map row by
# row: it starts a reset on the first and ends it on the second.
_STRUCTURE_SIGNALS = (
    ("rowsAboutToBeInserted", "rowsInserted"),
    ("rowsAboutToBeRemoved", "rowsRemoved"),
    ("rowsAboutToBeMoved", "rowsMoved"),
    ("columnsAboutToBeInserted", "columnsInserted"),
    ("columnsAboutToBeRemoved", "columnsRemoved"),
    ("columnsAboutToBeMoved", "columnsMoved"),
)


def shown_rows(flags: bytes | None, count: int) -> list[int]:
    """The source rows whose flag is 1, ascending (all ``count`` rows when ``flags`` is None)."""
    return list(range(count)) if flags is None else list(compress(range(count), flags))


def runs(mask: bytes, value: int, limit: int) -> list[tuple[int, int]] | None:
    """The runs (first, last) of positions where ``mask`` holds ``value`` (0 or 1), in order;
    None when there are more than ``limit`` of them. C-level searches: one pair per run."""
    found: list[tuple[int, int]] = []
    target, other = value, 1 - value
    position = 0
    while True:
        start = mask.find(target, position)
        if start < 0:
            return found
        if len(found) == limit:
            return None
        end = mask.find(other, start)
        if end < 0:
            end = len(mask)
        found.append((start, end - 1))
        position = end


def positions(order: list[int], records: Sequence[int]) -> list[int]:
    """Where each of ``records`` stands in ``order`` (a permutation): a C-level search each for the few a
    view holds (selection, current row), one inverse table when there are many (it costs ~2.5 ms on 10,000)."""
    if len(records) <= 16:
        return [order.index(rec) for rec in records]
    position = {rec: row for row, rec in enumerate(order)}
    return [position[rec] for rec in records]


def membership(rows: Sequence[int], size: int) -> bytearray:
    """One 0/1 byte per source row below ``size``: is it in ``rows``? (A C-level loop.)"""
    flags = bytearray(size)
    deque(map(flags.__setitem__, rows, repeat(1)), maxlen=0)
    return flags


def change_runs(
    old: Sequence[int],
    new: Sequence[int],
    old_flags: bytes | bytearray | None = None,
    new_flags: bytes | bytearray | None = None,
    limit: int = MAX_RUNS,
) -> tuple[str, list[tuple[int, int]]]:
    """How to tell a view that the shown source rows went from ``old`` to ``new`` (both ascending);
    ``old_flags``/``new_flags``: the same sets as one 0/1 byte per source row, when at hand.

    - ``("same", [])``: nothing changed;
    - ``("remove", runs)``: ``new`` is ``old`` without these runs of positions in ``old`` (remove
      them from the last to the first, so the earlier positions still hold);
    - ``("insert", runs)``: ``new`` is ``old`` plus these runs of positions in ``new`` (insert them
      from the first to the last);
    - ``("layout", [])``: anything else, or more than ``limit`` runs.
    """
    if len(old) == len(new):
        return ("same", []) if old == new else ("layout", [])
    narrowing = len(new) < len(old)
    longer, shorter = (old, new) if narrowing else (new, old)
    how = "remove" if narrowing else "insert"
    if not shorter:
        return how, [(0, len(longer) - 1)]
    in_shorter = new_flags if narrowing else old_flags
    if in_shorter is None or len(in_shorter) <= longer[-1]:
        in_shorter = membership(shorter, max(longer[-1], shorter[-1]) + 1)
    kept = bytes(map(in_shorter.__getitem__, longer))  # per row of the longer list: in the shorter one too?
    if kept.count(1) != len(shorter):  # not a subset: some rows left while others came
        return "layout", []
    found = runs(kept, 0, limit)
    return ("layout", []) if found is None else (how, found)


class OrderedTableModel(TableModel):
    """A long list's table model whose source-row order is its sort order: ``_order`` holds the record
    (load order) shown in each source row, and :meth:`in_row_order` rearranges a filter's per-record
    flags into per-row ones for :class:`FlagFilterProxyModel` (the Jongeren and Ontvangen lists)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._order: list[int] = []
        self._gather: Callable[[bytes], Any] | None = None  # per-record values -> per-row (None: same order)

    def _set_order(self, order: list[int]) -> None:
        self._order = order
        identity = order == list(range(len(order)))
        self._gather = None if identity or len(order) < 2 else operator.itemgetter(*order)

    def in_row_order(self, flags: bytes) -> bytes:
        """One byte per record (load order) rearranged into one per source row (the current sort)."""
        return flags if self._gather is None else bytes(self._gather(flags))


class FlagFilterProxyModel(QAbstractTableModel):
    """Shows the source rows a subclass's :meth:`source_flags` lets through, in source order.

    A subclass keeps its criteria, answers :meth:`source_flags` and calls :meth:`refilter` when a
    criterion changes. The source model is a table whose ``value(row, column, role)`` answers
    ``data()`` by source row (the app's long-list models have it); any other table is asked through
    ``data()``.
    """

    max_runs = MAX_RUNS  # more runs of rows hidden or shown again: one layout change instead

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._source: QAbstractItemModel | None = None
        self._value: Callable[[int, int, int], Any] = _nothing
        self._roles: frozenset[int] | None = None  # None: any role may have a value
        self._rows: list[int] = []  # proxy row -> source row, ascending
        self._flags: bytes | None = None  # the flags _rows was made from (None: every row)
        self._column_count = 0
        self._saved: list[tuple[QPersistentModelIndex, QPersistentModelIndex]] = []  # across a source layout change
        self._connections: list[tuple[Any, Callable[..., Any]]] = []

    # -- what a subclass provides -------------------------------------------------------------
    def source_flags(self) -> bytes | None:
        """One 0/1 byte per source row (in the source's current order): is it shown? None: all are."""
        return None

    # -- the source model ---------------------------------------------------------------------
    def setSourceModel(self, model: QAbstractItemModel) -> None:  # noqa: N802 - the name Qt's proxies use
        for signal, slot in self._connections:
            signal.disconnect(slot)
        self._connections = []
        self.beginResetModel()
        self._source = model
        value = getattr(model, "value", None)
        self._value = value if callable(value) else self._value_through_data
        roles = getattr(model, "ROLES", None)  # the roles value() may answer, when the model says
        self._roles = roles if value is not None and isinstance(roles, frozenset) else None
        pairs: list[tuple[Any, Callable[..., Any]]] = [
            (model.modelAboutToBeReset, self._source_about_to_reset),
            (model.modelReset, self._source_reset),
            (model.layoutAboutToBeChanged, self._source_layout_about_to_change),
            (model.layoutChanged, self._source_layout_changed),
            (model.dataChanged, self._source_data_changed),
            (model.headerDataChanged, self._source_header_changed),
        ]
        for before, after in _STRUCTURE_SIGNALS:
            pairs += [
                (getattr(model, before), self._source_about_to_reset),
                (getattr(model, after), self._source_reset),
            ]
        for signal, slot in pairs:
            signal.connect(slot)
        self._connections = pairs
        self._reread()
        self.endResetModel()

    def sourceModel(self) -> QAbstractItemModel | None:  # noqa: N802
        return self._source

    def _value_through_data(self, row: int, column: int, role: int) -> Any:
        assert self._source is not None
        return self._source.data(self._source.index(row, column), role)

    def _reread(self) -> None:
        """Rows and columns from scratch (inside a reset)."""
        source = self._source
        if source is None:
            self._rows, self._flags, self._column_count = [], None, 0
            return
        self._column_count = source.columnCount()
        self._flags = self.source_flags()
        self._rows = shown_rows(self._flags, source.rowCount())

    def _source_about_to_reset(self, *_args: Any) -> None:
        self.beginResetModel()

    def _source_reset(self, *_args: Any) -> None:
        self._reread()
        self.endResetModel()

    def _source_layout_about_to_change(self, *_args: Any) -> None:
        # Our views save their state first (their persistent indexes), then we note where each points
        # in the source, whose own layout change moves those notes along.
        self.layoutAboutToBeChanged.emit()
        self._saved = [(index, QPersistentModelIndex(self.mapToSource(index))) for index in self.persistentIndexList()]

    def _source_layout_changed(self, *_args: Any) -> None:
        # The new order may bring rows into the filter and take others out: the flags again. (Rows
        # kept shown after an edit although they no longer match leave the list here.)
        saved, self._saved = self._saved, []
        source = self._source
        self._flags = self.source_flags()
        self._rows = shown_rows(self._flags, source.rowCount() if source is not None else 0)
        if saved:
            self.changePersistentIndexList(
                [index for index, _ in saved], [self.mapFromSource(QModelIndex(at)) for _, at in saved]
            )
        self.layoutChanged.emit()

    def _source_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, roles: Any = ()) -> None:
        rows = self._rows
        first, last = bisect_left(rows, top_left.row()), bisect_right(rows, bottom_right.row()) - 1
        if first <= last:
            self.dataChanged.emit(
                self.index(first, top_left.column()), self.index(last, bottom_right.column()), list(roles or ())
            )

    def _source_header_changed(self, orientation: Qt.Orientation, first: int, last: int) -> None:
        if orientation == Qt.Orientation.Horizontal:
            self.headerDataChanged.emit(orientation, first, last)

    # -- filtering ----------------------------------------------------------------------------
    def refilter(self) -> None:
        """A criterion changed: show the rows the flags say, telling the view the smallest change."""
        source = self._source
        if source is None:
            return
        flags = self.source_flags()
        self.show_rows(shown_rows(flags, source.rowCount()), flags)

    def show_rows(self, new: list[int], flags: bytes | None = None) -> None:
        """Show these source rows (ascending; ``flags``: the same as one 0/1 byte per source row, if
        at hand); see the module note for the signals."""
        old = self._rows
        how, spans = change_runs(old, new, self._flags, flags, self.max_runs)
        self._flags = flags
        if how == "same":
            return
        if how == "remove":
            rows = list(old)
            for first, last in reversed(spans):
                self.beginRemoveRows(QModelIndex(), first, last)
                del rows[first : last + 1]
                self._rows = rows
                self.endRemoveRows()
        elif how == "insert":
            rows = list(old)
            for first, last in spans:
                self.beginInsertRows(QModelIndex(), first, last)
                rows[first:first] = new[first : last + 1]
                self._rows = rows
                self.endInsertRows()
        else:
            self.layoutAboutToBeChanged.emit()
            persistent = self.persistentIndexList()
            sources = [old[index.row()] if 0 <= index.row() < len(old) else -1 for index in persistent]
            self._rows = new
            if persistent:
                self.changePersistentIndexList(
                    persistent,
                    [
                        self._index_of_source(row, index.column())
                        for row, index in zip(sources, persistent, strict=True)
                    ],
                )
            self.layoutChanged.emit()
        self._rows = new

    # -- mapping ------------------------------------------------------------------------------
    @property
    def source_rows(self) -> Sequence[int]:
        """The shown source rows, by proxy row (read-only)."""
        return self._rows

    def source_row(self, proxy_row: int) -> int:
        return self._rows[proxy_row]

    def _index_of_source(self, source_row: int, column: int) -> QModelIndex:
        rows = self._rows
        at = bisect_left(rows, source_row)
        if source_row < 0 or at == len(rows) or rows[at] != source_row:
            return QModelIndex()
        return self.createIndex(at, column)

    def mapToSource(self, index: AnyIndex) -> QModelIndex:  # noqa: N802 - the name Qt's proxies use
        source, row = self._source, index.row()
        if source is None or not index.isValid() or index.model() is not self or not 0 <= row < len(self._rows):
            return QModelIndex()
        return source.index(self._rows[row], index.column())

    def mapFromSource(self, index: AnyIndex) -> QModelIndex:  # noqa: N802
        if not index.isValid() or index.model() is not self._source:
            return QModelIndex()
        return self._index_of_source(index.row(), index.column())

    # -- QAbstractTableModel (hot: every painted cell) -------------------------------------------
    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (0 <= row < len(self._rows) and 0 <= column < self._column_count):
            return QModelIndex()
        return self.createIndex(row, column)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self._column_count

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        roles = self._roles
        if roles is not None and role not in roles:  # first: five of the seven roles a painted cell asks
            return None
        rows, row = self._rows, index.row()
        if not 0 <= row < len(rows):
            return None
        return self._value(rows[row], index.column(), role)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:  # noqa: N802
        source = self._source
        if source is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return source.headerData(section, orientation, role)
        if 0 <= section < len(self._rows):
            return source.headerData(self._rows[section], orientation, role)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the source model's (its row order is the sort order); the rows follow its layout change."""
        if self._source is not None:
            self._source.sort(column, order)


def _nothing(_row: int, _column: int, _role: int) -> Any:
    return None
