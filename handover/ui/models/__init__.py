"""Table models of the shell: the Jongeren list, the Afspraken list and the small Vandaag lists.

Performance note (10,000 young people, ≤ 16 ms per keystroke): every call from Qt's C++ into a
Python method costs about a microsecond, and a comparison-based sort would call ``lessThan`` some
130,000 times. So the models precompute everything a keystroke needs (lowercase haystacks, cohort,
route, status, "mine" flags, display strings, sort keys) once per load, in the background thread
(:meth:`YouthTableModel.prepare`). A filter change then costs one pass over the haystacks (or, while
typing on, over the rows that matched the previous text: :class:`YouthMatcher`) plus one cheap
``filterAcceptsRow`` lookup per row, and sorting is done by the source model with Python's C sort
on precomputed keys instead of ``lessThan``.

Painting costs calls into Python too: the proxy answers ``data()`` from its own list of shown rows
instead of going through ``mapToSource`` (which asks the source model for an index, and Qt's
default ``index()`` asks ``rowCount()`` and ``columnCount()``), and the source model checks bounds
in its own ``index()``. Measured on 10,000 rows (tests/benchmarks/bench_gui.py): about 5.5 ms of a
keystroke is Qt calling ``filterAcceptsRow`` 10,000 times, about 5 ms painting, under 1 ms ours.
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import compress
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from handover.domain.vocab import AGREEMENT_ORG, AGREEMENT_STATUS, HANDOVER_STATUS, ROUTE
from handover.services.queries import AgreementRow, YouthRow
from handover.ui import labels, theme
from handover.ui.formatting import fmt_date
from handover.ui.models.base import AnyIndex, TableModel
from handover.ui.models.roles import ACCESSIBLE, DISPLAY, FOREGROUND, OBJECT_ROLE, SORT_ROLE, TOOLTIP, Role

__all__ = [
    "OBJECT_ROLE",
    "SORT_ROLE",
    "AgreementFilterProxyModel",
    "AgreementTableModel",
    "FilterColumns",
    "PreparedYouth",
    "Role",
    "TableModel",
    "TodayItem",
    "TodayListModel",
    "YouthFilterProxyModel",
    "YouthMatcher",
    "YouthTableModel",
    "collate",
    "matching_records",
]

LATE = theme.brush(theme.ERROR)
SOON = theme.brush(theme.SOON)
STATUS_ORDER = {code: i for i, code in enumerate(HANDOVER_STATUS.codes())}


@functools.lru_cache(maxsize=1 << 16)
def collate(text: str) -> str:
    """Sort and search form: casefolded, accents removed (Ç → c, Ĳ → ij), so Çelik sorts among the C's."""
    if text.isascii():  # most names: skip the (slow) decomposition
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _haystack(*parts: str) -> str:
    """What the find field searches: the text as written and without accents ("celik" finds Çelik)."""
    text = " ".join(parts).casefold()
    if text.isascii():
        return text
    plain = collate(text)
    return text if plain == text else f"{text}\x00{plain}"


def _missing_last(value: Any) -> tuple[bool, Any]:
    """Sort key that puts empty values after all real ones (and never compares None with a date)."""
    return (value is None or value == "", value if value is not None else "")


# ----------------------------------------------------------------------------------------------
# Jongeren


@dataclass(frozen=True)
class PreparedYouth:
    """Everything the list needs, computed once per load off the GUI thread."""

    rows: list[YouthRow]
    display: list[tuple[str, ...]]
    haystacks: list[str]
    cohorts: list[int | None]
    routes: list[str | None]
    statuses: list[str]
    mine: list[bool]
    index_of: dict[str, int]
    name_keys: list[str]


class YouthTableModel(TableModel):
    """One row per young person. Source-row order is the current sort order (see module note)."""

    COL_NAME, COL_ROUTE, COL_LEAVING, COL_STATUS, COL_NEXT, COL_CONTACT = range(6)
    COLUMN_COUNT = 6

    def __init__(self, parent: Any = None, *, today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        self._today = today
        self._prepared = self.prepare([], "")
        self._order: list[int] = []
        self._sort_keys: dict[int, list[Any]] = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self.set_headers(
            (
                self.tr("Naam"),
                self.tr("Route na school"),
                self.tr("Vertrekdatum"),
                self.tr("Status"),
                self.tr("Volgend contactmoment"),
                self.tr("Vaste contactpersoon"),
            )
        )

    # -- loading ----------------------------------------------------------------------------
    @staticmethod
    def prepare(rows: Sequence[YouthRow], user_name: str) -> PreparedYouth:
        """Pure Python, no Qt: safe to run in a worker thread."""
        rows = list(rows)
        me = user_name.casefold().strip()
        dates: dict[dt.date | None, str] = {None: ""}

        def day(value: dt.date | None) -> str:  # few distinct dates: format each once
            text = dates.get(value)
            if text is None:
                text = dates[value] = fmt_date(value)
            return text

        # QCoreApplication.translate is thread-safe; each label is looked up once per load.
        route_label = {code: labels.domain(label) for code, label in ROUTE}
        status_label = {code: labels.domain(label) for code, label in HANDOVER_STATUS}
        return PreparedYouth(
            rows=rows,
            display=[
                (
                    r.name,
                    route_label.get(r.route or "", r.route or ""),
                    day(r.leaving_date),
                    status_label.get(r.status, r.status),
                    day(r.next_checkin),
                    r.fixed_contact,
                )
                for r in rows
            ],
            haystacks=[_haystack(r.name, r.school_class) for r in rows],
            name_keys=[collate(r.sort_key) for r in rows],
            cohorts=[r.cohort for r in rows],
            routes=[r.route for r in rows],
            statuses=[r.status for r in rows],
            mine=[bool(me) and (r.mentor.casefold() == me or r.fixed_contact.casefold() == me) for r in rows],
            index_of={r.id: i for i, r in enumerate(rows)},
        )

    def set_prepared(self, prepared: PreparedYouth) -> None:
        """Replace all rows (a model reset: views keep their widgets, only the data changes)."""
        self.beginResetModel()
        self._prepared = prepared
        self._order = list(range(len(prepared.rows)))
        self._sort_keys = {}
        if self._sort is not None:
            self._order = self._sorted_order(*self._sort)
        self.endResetModel()

    def set_rows(self, rows: Sequence[YouthRow], user_name: str = "") -> None:
        self.set_prepared(self.prepare(rows, user_name))

    def update_rows(self, prepared: PreparedYouth) -> None:
        """Refresh after an edit: same young people → only changed rows signal; otherwise a reset."""
        old = self._prepared
        if set(old.index_of) != set(prepared.index_of):
            self.set_prepared(prepared)
            return
        # Keep the record indices stable so the current order and the proxy's flags stay valid.
        remap = [prepared.index_of[r.id] for r in old.rows]
        reordered = PreparedYouth(
            rows=[prepared.rows[i] for i in remap],
            display=[prepared.display[i] for i in remap],
            haystacks=[prepared.haystacks[i] for i in remap],
            cohorts=[prepared.cohorts[i] for i in remap],
            routes=[prepared.routes[i] for i in remap],
            statuses=[prepared.statuses[i] for i in remap],
            mine=[prepared.mine[i] for i in remap],
            index_of=old.index_of,
            name_keys=[prepared.name_keys[i] for i in remap],
        )
        changed = [rec for rec in range(len(old.rows)) if old.rows[rec] != reordered.rows[rec]]
        self._prepared = reordered
        self._sort_keys = {}
        if not changed:
            return
        position = {rec: row for row, rec in enumerate(self._order)}
        rows = [position[rec] for rec in changed]
        # One signal for the span: after an edit it is one row; after a sync maybe many.
        self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), self.COLUMN_COUNT - 1))

    # -- access for the proxy and the pages -------------------------------------------------
    @property
    def prepared(self) -> PreparedYouth:
        return self._prepared

    def record_of_row(self, row: int) -> int:
        return self._order[row]

    @property
    def order(self) -> list[int]:
        return self._order

    def row_of_id(self, youth_id: str) -> int | None:
        rec = self._prepared.index_of.get(youth_id)
        return None if rec is None else self._order.index(rec)

    def youth_at(self, row: int) -> YouthRow:
        return self._prepared.rows[self._order[row]]

    # -- QAbstractTableModel ----------------------------------------------------------------
    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Qt's default calls rowCount() and columnCount() (two calls into Python) for every index the
        # proxy maps, several times per painted cell; one call that checks the bounds itself is enough.
        if parent.isValid() or not (0 <= row < len(self._order) and 0 <= column < self.COLUMN_COUNT):
            return QModelIndex()
        return self.createIndex(row, column)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - hot: no row_count() call
        return 0 if parent.isValid() else len(self._order)

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        # Hot (every painted cell, every role): straight to value(), which answers the base's roles too.
        return self.value(index.row(), index.column(), role)

    def row_count(self) -> int:
        return len(self._order)

    def object_at(self, row: int) -> YouthRow:
        return self._prepared.rows[self._order[row]]

    def sort_value(self, row: int, column: int) -> Any:
        return self.raw_value(self._order[row], column)

    def cell(self, row: int, column: int, role: int) -> Any:
        return self.value(row, column, role)

    def value(self, row: int, column: int, role: int) -> Any:
        """``data()`` by source row: called for every visible cell and role on each paint (also by the
        proxy directly), so the common path is kept short."""
        if role == DISPLAY or role == ACCESSIBLE:
            return self._prepared.display[self._order[row]][column]
        if role == FOREGROUND:
            if column != self.COL_NEXT:
                return None
            due = self._prepared.rows[self._order[row]].next_checkin
            if due is None:
                return None
            today = self._today()
            return LATE if due < today else SOON if (due - today).days <= 7 else None
        if role == SORT_ROLE:
            return self.raw_value(self._order[row], column)
        if role == OBJECT_ROLE:
            return self._prepared.rows[self._order[row]]
        if role == TOOLTIP and column == self.COL_NEXT:
            due = self._prepared.rows[self._order[row]].next_checkin
            if due is not None and due < self._today():
                return QCoreApplication.translate("YouthTableModel", "Dit contactmoment is te laat.")
        return None

    def raw_value(self, rec: int, column: int) -> Any:
        """The value a column sorts on: a casefolded name, a date, the status' place in the workflow."""
        row = self._prepared.rows[rec]
        if column == self.COL_NAME:
            return self._prepared.name_keys[rec]
        if column == self.COL_ROUTE:
            return collate(self._prepared.display[rec][column])
        if column == self.COL_LEAVING:
            return row.leaving_date
        if column == self.COL_STATUS:
            return STATUS_ORDER.get(row.status, len(STATUS_ORDER))
        if column == self.COL_NEXT:
            return row.next_checkin
        if column == self.COL_CONTACT:
            return collate(row.fixed_contact)
        raise IndexError(column)

    # -- sorting (see module note: no lessThan) ---------------------------------------------
    def _keys(self, column: int) -> list[Any]:
        keys = self._sort_keys.get(column)
        if keys is None:
            names = self._prepared.name_keys
            keys = [(_missing_last(self.raw_value(rec, column)), names[rec]) for rec in range(len(names))]
            self._sort_keys[column] = keys
        return keys

    def _sorted_order(self, column: int, order: Qt.SortOrder) -> list[int]:
        keys = self._keys(column)
        return sorted(range(len(keys)), key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < self.COLUMN_COUNT:
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        records = [self._order[i.row()] for i in persistent]
        self._order = self._sorted_order(column, order)
        if persistent:
            position = {rec: row for row, rec in enumerate(self._order)}
            self.changePersistentIndexList(
                persistent, [self.index(position[rec], i.column()) for rec, i in zip(records, persistent, strict=True)]
            )
        self.layoutChanged.emit()


class YouthFilterProxyModel(QSortFilterProxyModel):
    """Filter-as-you-type over name and class, plus cohort, route, status and "alleen mijn jongeren".

    The decision per young person is computed for all rows at once when a criterion changes
    (:class:`YouthMatcher`); ``filterAcceptsRow`` only looks it up. Sorting is delegated to the source
    model (module note). The proxy never sorts itself, so its rows are the accepted source rows in
    source order: :meth:`data` uses that list to answer the view without a round trip through
    ``mapToSource`` (which costs two more calls into Python per painted cell and role).
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._cohort: int | None = None
        self._route: str | None = None
        self._status: str | None = None
        self._only_mine = False
        self._matcher = YouthMatcher()
        self._columns: FilterColumns | None = None  # what the criteria look at, in source row order
        self._row_flags: bytes | None = None  # per source row: shown? None = all
        # Proxy row -> source row while Qt's mapping is the one built from _row_flags; None while the
        # source is changing (then data() asks Qt).
        self._visible: Sequence[int] | None = None
        self._stale = False  # Qt's mapping predates the current flags (after an edit)
        self._model: YouthTableModel | None = None
        self.setDynamicSortFilter(False)
        # Emitted after Qt rebuilt (or cleared) its mapping, for an own filter change or a source change.
        self.layoutChanged.connect(self._remember_rows)
        self.modelReset.connect(self._remember_rows)

    def setSourceModel(self, model: QAbstractItemModel) -> None:  # noqa: N802 - Qt override
        if not isinstance(model, YouthTableModel):
            raise TypeError("YouthFilterProxyModel needs a YouthTableModel")
        old = self.sourceModel()
        if old is not None:
            old.modelAboutToBeReset.disconnect(self._forget_rows)
            old.layoutAboutToBeChanged.disconnect(self._forget_rows)
            old.modelReset.disconnect(self._recompute)
            old.dataChanged.disconnect(self._source_edited)
            old.layoutChanged.disconnect(self._recompute)
            for signal in (old.rowsAboutToBeInserted, old.rowsAboutToBeRemoved, old.rowsAboutToBeMoved):
                signal.disconnect(self._forget_rows)
        # Connected before Qt's own handlers (made in setSourceModel), so the flags are fresh
        # by the time the proxy re-filters after a reset.
        model.modelAboutToBeReset.connect(self._forget_rows)
        model.layoutAboutToBeChanged.connect(self._forget_rows)
        model.modelReset.connect(self._recompute)
        model.dataChanged.connect(self._source_edited)
        model.layoutChanged.connect(self._recompute)
        for signal in (model.rowsAboutToBeInserted, model.rowsAboutToBeRemoved, model.rowsAboutToBeMoved):
            signal.connect(self._forget_rows)
        self._model = model
        self._visible = None
        super().setSourceModel(model)
        self._recompute()
        self._remember_rows()

    def source(self) -> YouthTableModel:
        model = self.sourceModel()
        assert isinstance(model, YouthTableModel)
        return model

    # -- criteria ---------------------------------------------------------------------------
    @property
    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self._apply()

    def set_cohort(self, year: int | None) -> None:
        if year != self._cohort:
            self._cohort = year
            self._apply()

    def set_route(self, code: str | None) -> None:
        if code != self._route:
            self._route = code
            self._apply()

    def set_status(self, code: str | None) -> None:
        if code != self._status:
            self._status = code
            self._apply()

    def set_only_mine(self, on: bool) -> None:
        if on != self._only_mine:
            self._only_mine = on
            self._apply()

    def is_filtered(self) -> bool:
        return bool(self._text.strip() or self._cohort or self._route or self._status or self._only_mine)

    def _recompute(self, *_args: Any) -> None:
        """The source changed (reset, edit, new order): criteria columns again, then the flags."""
        self._columns = None
        self._visible = None  # until Qt has applied the change to its mapping too
        self._refilter()

    def _refilter(self) -> None:
        """Flags by source row, so ``filterAcceptsRow`` is a single lookup (it runs 10,000 times)."""
        model = self._model
        if model is None:
            return
        if self._columns is None:
            self._columns = FilterColumns.of(model.prepared, model.order)
        self._row_flags = self._matcher.match(
            self._columns, self._text, self._cohort, self._route, self._status, self._only_mine
        )

    def _source_edited(self, *_args: Any) -> None:
        # Without dynamic filtering Qt keeps an edited row where it was (it does not jump out of the
        # list while being edited); the rows shown no longer follow the flags until the next filter change.
        self._recompute()
        self._stale = True

    def _forget_rows(self, *_args: Any) -> None:
        self._visible = None

    def _remember_rows(self, *_args: Any) -> None:
        model = self._model
        self._stale = False
        if model is None:
            self._visible = None
        elif self._row_flags is None:
            self._visible = range(model.rowCount())
        else:
            self._visible = list(compress(range(len(self._row_flags)), self._row_flags))

    def _apply(self) -> None:
        before = self._row_flags
        self._refilter()
        if self._row_flags == before and not self._stale:
            return  # the same young people: nothing for the view to do
        # One layout change is far cheaper for a view than thousands of scattered row removals.
        self.invalidate()

    # -- QSortFilterProxyModel --------------------------------------------------------------
    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        flags = self._row_flags
        return True if flags is None else flags[source_row]  # type: ignore[return-value] - 0/1 is fine for Qt

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        visible = self._visible
        row = index.row()
        model = self._model
        if visible is None or model is None or not 0 <= row < len(visible):
            return super().data(index, role)
        return model.value(visible[row], index.column(), role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.source().sort(column, order)

    def youth_at(self, proxy_row: int) -> YouthRow:
        return self.source().youth_at(self.mapToSource(self.index(proxy_row, 0)).row())


def _narrows(before: Sequence[str], after: Sequence[str]) -> bool:
    """Does every record matching ``after`` also match ``before``? (Each old word is inside a new one.)"""
    return all(any(old in new for new in after) for old in before)


def _and(a: bytes, b: bytes) -> bytes:
    """Per-record AND of two 0/1 flag strings, in one big-integer operation."""
    return (int.from_bytes(a, "little") & int.from_bytes(b, "little")).to_bytes(len(a), "little")


@dataclass(frozen=True, eq=False)
class FilterColumns:
    """What the list's criteria look at, in the source model's current row order (rebuilt after a sort
    or a change, never per keystroke), so a match is already a flag per source row."""

    haystacks: list[str]
    cohorts: list[int | None]
    routes: list[str | None]
    statuses: list[str]
    mine: list[bool]

    @classmethod
    def of(cls, prepared: PreparedYouth, order: Sequence[int]) -> FilterColumns:
        def pick(values: list[Any]) -> list[Any]:
            return list(map(values.__getitem__, order))

        return cls(
            haystacks=pick(prepared.haystacks),
            cohorts=pick(prepared.cohorts),
            routes=pick(prepared.routes),
            statuses=pick(prepared.statuses),
            mine=pick(prepared.mine),
        )


class YouthMatcher:
    """Which rows pass the criteria, as one 0/1 byte per row (``None``: nothing filters).

    The longest word is matched against the precomputed haystacks in one pass, the other words only
    on the rows that are left (a set intersection). The answer is remembered, so typing on (every old
    word inside a new one, the common case) only re-checks the rows that matched before. Cohort,
    route, status and "mine" change seldom and are remembered as flags too; the two are combined
    with a single AND.
    """

    def __init__(self) -> None:
        self._columns: FilterColumns | None = None
        self._words: tuple[str, ...] = ()
        self._text_rows: list[int] = []  # the rows that matched the words
        self._text_flags: bytes | None = None  # the same as one 0/1 byte per row
        self._other_key: tuple[Any, ...] | None = None
        self._other_flags: bytes | None = None

    def match(
        self,
        columns: FilterColumns,
        text: str,
        cohort: int | None,
        route: str | None,
        status: str | None,
        only_mine: bool,
    ) -> bytes | None:
        if columns is not self._columns:
            self._columns = columns
            self._words, self._text_rows, self._text_flags = (), [], None
            self._other_key = self._other_flags = None
        text_flags = self._match_words(columns.haystacks, tuple(text.casefold().split()))
        other_flags = self._match_other(columns, (cohort, route, status, only_mine))
        if text_flags is None or other_flags is None:
            return text_flags if other_flags is None else other_flags
        return _and(text_flags, other_flags)

    def _match_words(self, haystacks: list[str], words: tuple[str, ...]) -> bytes | None:
        if words == self._words:
            return self._text_flags
        if not words:
            self._words, self._text_rows, self._text_flags = words, [], None
            return None
        # Longest word first: it leaves the fewest rows for the others.
        first, *rest = sorted(words, key=len, reverse=True)
        if self._text_flags is not None and _narrows(self._words, words):
            rows = [row for row in self._text_rows if first in haystacks[row]]
        else:
            rows = list(compress(range(len(haystacks)), [first in h for h in haystacks]))
        for word in rest:  # the set intersection of the words, on the shrinking candidates
            rows = [row for row in rows if word in haystacks[row]]
        found = bytearray(len(haystacks))
        for row in rows:
            found[row] = 1
        flags = bytes(found)
        self._words, self._text_rows, self._text_flags = words, rows, flags
        return flags

    def _match_other(self, columns: FilterColumns, key: tuple[Any, ...]) -> bytes | None:
        if key == self._other_key:
            return self._other_flags
        cohort, route, status, only_mine = key
        flags: bytes | None = None
        for wanted, values in ((cohort, columns.cohorts), (route, columns.routes), (status, columns.statuses)):
            if wanted:
                these = bytes(v == wanted for v in values)
                flags = these if flags is None else _and(flags, these)
        if only_mine:
            mine = bytes(columns.mine)
            flags = mine if flags is None else _and(flags, mine)
        self._other_key, self._other_flags = key, flags
        return flags


def matching_records(
    prepared: PreparedYouth, text: str, cohort: int | None, route: str | None, status: str | None, only_mine: bool
) -> bytes | None:
    """One flag per record (load order): does it pass every criterion? None when nothing filters."""
    columns = FilterColumns.of(prepared, range(len(prepared.rows)))
    return YouthMatcher().match(columns, text, cohort, route, status, only_mine)


# ----------------------------------------------------------------------------------------------
# Afspraken


class AgreementTableModel(TableModel):
    """Wie doet wat, tot wanneer: agreements across all young people."""

    COL_YOUTH, COL_ACTION, COL_ORGANISATION, COL_PERSON, COL_DEADLINE, COL_STATE = range(6)
    COLUMN_COUNT = 6

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AgreementRow] = []
        self._display: list[tuple[str, ...]] = []
        self.set_headers(
            (
                self.tr("Jongere"),
                self.tr("Wie doet wat"),
                self.tr("Organisatie"),
                self.tr("Persoon"),
                self.tr("Tot wanneer"),
                self.tr("Status"),
            )
        )

    def set_rows(self, rows: Sequence[AgreementRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._display = [self._format(r) for r in self._rows]
        self.endResetModel()

    @staticmethod
    def _format(r: AgreementRow) -> tuple[str, ...]:
        return (
            r.name,
            r.action,
            labels.vocabulary_label(AGREEMENT_ORG, r.organisation),
            r.person,
            fmt_date(r.deadline),
            labels.vocabulary_label(AGREEMENT_STATUS, r.state),
        )

    def replace_row(self, row: int, new: AgreementRow) -> None:
        self._rows[row] = new
        self._display[row] = self._format(new)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.COLUMN_COUNT - 1))

    def row_of_id(self, agreement_id: str) -> int | None:
        for i, r in enumerate(self._rows):
            if r.agreement_id == agreement_id:
                return i
        return None

    def agreement_at(self, row: int) -> AgreementRow:
        return self._rows[row]

    @property
    def rows(self) -> list[AgreementRow]:
        return self._rows

    def row_count(self) -> int:
        return len(self._rows)

    def object_at(self, row: int) -> AgreementRow:
        return self._rows[row]

    def sort_value(self, row: int, column: int) -> Any:
        return self.raw_value(self._rows[row], column)

    def cell(self, row: int, column: int, role: int) -> Any:
        if role == DISPLAY or role == ACCESSIBLE:
            return self._display[row][column]
        agreement = self._rows[row]
        if role == FOREGROUND and agreement.state == "verlopen" and column in (self.COL_DEADLINE, self.COL_STATE):
            return LATE
        if role == TOOLTIP and column == self.COL_ACTION:
            return agreement.action
        return None

    def raw_value(self, row: AgreementRow, column: int) -> Any:
        if column == self.COL_DEADLINE:
            return row.deadline
        return collate(self._format(row)[column])

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < self.COLUMN_COUNT:
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._rows[i.row()].agreement_id for i in persistent]
        # Keys from the display strings already made (30,000 agreements sort in a few milliseconds).
        if column == self.COL_DEADLINE:
            keys = [(r.deadline is None, r.deadline or dt.date.max) for r in self._rows]
        else:
            keys = [
                (d[column] == "", collate(d[column]), r.deadline or dt.date.max)
                for r, d in zip(self._rows, self._display, strict=True)
            ]
        order_ = sorted(range(len(keys)), key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        rows, display = self._rows, self._display
        self._rows = [rows[i] for i in order_]
        self._display = [display[i] for i in order_]
        if persistent:
            position = {r.agreement_id: i for i, r in enumerate(self._rows)}
            self.changePersistentIndexList(
                persistent, [self.index(position[a], i.column()) for a, i in zip(ids, persistent, strict=True)]
            )
        self.layoutChanged.emit()


class AgreementFilterProxyModel(QSortFilterProxyModel):
    """Filter on organisation, "alleen verlopen" and whether finished agreements show."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._organisation: str | None = None
        self._only_overdue = False
        self._show_done = False
        self.setDynamicSortFilter(False)

    def set_organisation(self, code: str | None) -> None:
        self._organisation = code or None
        self.invalidate()

    def set_only_overdue(self, on: bool) -> None:
        self._only_overdue = on
        self.invalidate()

    def set_show_done(self, on: bool) -> None:
        self._show_done = on
        self.invalidate()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        model = self.sourceModel()
        assert isinstance(model, AgreementTableModel)
        row = model.rows[source_row]
        if self._organisation and row.organisation != self._organisation:
            return False
        if self._only_overdue and row.state != "verlopen":
            return False
        return self._show_done or row.state in ("open", "verlopen")

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)

    def agreement_at(self, proxy_row: int) -> AgreementRow:
        model = self.sourceModel()
        assert isinstance(model, AgreementTableModel)
        return model.agreement_at(self.mapToSource(self.index(proxy_row, 0)).row())


# ----------------------------------------------------------------------------------------------
# Vandaag


@dataclass(frozen=True)
class TodayItem:
    """One line on the Vandaag page: who, what, when, and where clicking it goes."""

    youth_id: str
    name: str
    what: str
    day: dt.date | None
    target: str = "dossier"  # dossier, contactmomenten, afspraken


class TodayListModel(TableModel):
    COL_NAME, COL_WHAT, COL_DATE = range(3)
    COLUMN_COUNT = 3

    def __init__(self, what_header: str, date_header: str, parent: Any = None, *, late: bool = False) -> None:
        super().__init__(parent)
        self._items: list[TodayItem] = []
        self._late = late
        self.set_headers((self.tr("Jongere"), what_header, date_header))

    def set_items(self, items: Sequence[TodayItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item_at(self, row: int) -> TodayItem:
        return self._items[row]

    def row_count(self) -> int:
        return len(self._items)

    def object_at(self, row: int) -> TodayItem:
        return self._items[row]

    def sort_value(self, row: int, column: int) -> Any:
        item = self._items[row]
        return (item.name.casefold(), item.what.casefold(), item.day)[column]

    def cell(self, row: int, column: int, role: int) -> Any:
        item = self._items[row]
        if role == DISPLAY or role == ACCESSIBLE or role == TOOLTIP:
            return (item.name, item.what, fmt_date(item.day))[column]
        if role == FOREGROUND and self._late and column == self.COL_DATE:
            return LATE
        return None


def checkin_state_label(state: str) -> str:
    return labels.checkin_state_label(state)
