"""Table models of the shell: the Jongeren list, the Afspraken list and the small Vandaag lists.

Performance note (10,000 young people, ≤ 16 ms per keystroke): every call from Qt's C++ into a
Python method costs about a microsecond, and a comparison-based sort would call ``lessThan`` some
130,000 times. So the models precompute everything a keystroke needs (lowercase haystacks, cohort,
route, status, "mine" flags, display strings, sort keys) once per load, in the background thread
(:meth:`YouthTableModel.prepare`). A filter change then costs one list comprehension plus one cheap
``filterAcceptsRow`` lookup per row, and sorting is done by the source model with Python's C sort
on precomputed keys instead of ``lessThan``.
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from handover.domain.vocab import AGREEMENT_ORG, AGREEMENT_STATUS, HANDOVER_STATUS, ROUTE
from handover.services.queries import AgreementRow, YouthRow
from handover.ui import labels
from handover.ui.formatting import fmt_date

DISPLAY = int(Qt.ItemDataRole.DisplayRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 1
OBJECT_ROLE = int(Qt.ItemDataRole.UserRole) + 2

LATE = QBrush(QColor("#b3261e"))
SOON = QBrush(QColor("#8a5a00"))
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


class YouthTableModel(QAbstractTableModel):
    """One row per young person. Source-row order is the current sort order (see module note)."""

    COL_NAME, COL_ROUTE, COL_LEAVING, COL_STATUS, COL_NEXT, COL_CONTACT = range(6)
    COLUMN_COUNT = 6
    SortRole = SORT_ROLE
    ObjectRole = OBJECT_ROLE

    def __init__(self, parent: Any = None, *, today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        self._today = today
        self._prepared = self.prepare([], "")
        self._order: list[int] = []
        self._sort_keys: dict[int, list[Any]] = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._headers = (self.tr("Naam"), self.tr("Route na school"), self.tr("Vertrekdatum"), self.tr("Status"),
                         self.tr("Volgend contactmoment"), self.tr("Vaste contactpersoon"))

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
            display=[(r.name, route_label.get(r.route or "", r.route or ""), day(r.leaving_date),
                      status_label.get(r.status, r.status), day(r.next_checkin), r.fixed_contact)
                     for r in rows],
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
            rows=[prepared.rows[i] for i in remap], display=[prepared.display[i] for i in remap],
            haystacks=[prepared.haystacks[i] for i in remap], cohorts=[prepared.cohorts[i] for i in remap],
            routes=[prepared.routes[i] for i in remap], statuses=[prepared.statuses[i] for i in remap],
            mine=[prepared.mine[i] for i in remap], index_of=old.index_of,
            name_keys=[prepared.name_keys[i] for i in remap])
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
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role in (DISPLAY, ACCESSIBLE):
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        # Called for every visible cell and role on each paint: keep the common path short.
        if role == DISPLAY or role == ACCESSIBLE:
            return self._prepared.display[self._order[index.row()]][index.column()]
        if role == FOREGROUND:
            if index.column() != self.COL_NEXT:
                return None
            due = self._prepared.rows[self._order[index.row()]].next_checkin
            if due is None:
                return None
            today = self._today()
            return LATE if due < today else SOON if (due - today).days <= 7 else None
        if role == SORT_ROLE:
            return self.raw_value(self._order[index.row()], index.column())
        if role == OBJECT_ROLE:
            return self._prepared.rows[self._order[index.row()]]
        if role == TOOLTIP and index.column() == self.COL_NEXT:
            due = self._prepared.rows[self._order[index.row()]].next_checkin
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
                persistent, [self.index(position[rec], i.column()) for rec, i in zip(records, persistent, strict=True)])
        self.layoutChanged.emit()


class YouthFilterProxyModel(QSortFilterProxyModel):
    """Filter-as-you-type over name and class, plus cohort, route, status and "alleen mijn jongeren".

    The decision per young person is computed for all rows at once when a criterion changes;
    ``filterAcceptsRow`` only looks it up. Sorting is delegated to the source model (module note).
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._cohort: int | None = None
        self._route: str | None = None
        self._status: str | None = None
        self._only_mine = False
        self._accepted: bytearray | None = None  # per record (stable); None = all
        self._row_flags: bytes | None = None  # the same, in the source model's current row order
        self._model: YouthTableModel | None = None
        self.setDynamicSortFilter(False)

    def setSourceModel(self, model: QAbstractItemModel) -> None:  # noqa: N802 - Qt override
        if not isinstance(model, YouthTableModel):
            raise TypeError("YouthFilterProxyModel needs a YouthTableModel")
        old = self.sourceModel()
        if old is not None:
            old.modelReset.disconnect(self._recompute)
            old.dataChanged.disconnect(self._recompute)
            old.layoutChanged.disconnect(self._reorder)
        # Connected before Qt's own handlers (made in setSourceModel), so the flags are fresh
        # by the time the proxy re-filters after a reset.
        model.modelReset.connect(self._recompute)
        model.dataChanged.connect(self._recompute)
        model.layoutChanged.connect(self._reorder)
        self._model = model
        super().setSourceModel(model)
        self._recompute()

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
        model = self.sourceModel()
        if not isinstance(model, YouthTableModel):
            return
        self._accepted = matching_records(model.prepared, self._text, self._cohort, self._route, self._status,
                                          self._only_mine)
        self._reorder()

    def _reorder(self, *_args: Any) -> None:
        """Flags by source row, so ``filterAcceptsRow`` is a single lookup (it runs 10,000 times)."""
        accepted = self._accepted
        model = self._model
        self._row_flags = None if accepted is None or model is None else bytes(map(accepted.__getitem__,
                                                                                 model.order))

    def _apply(self) -> None:
        self._recompute()
        # One layout change is far cheaper for a view than thousands of scattered row removals.
        self.invalidate()

    # -- QSortFilterProxyModel --------------------------------------------------------------
    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        flags = self._row_flags
        return True if flags is None else flags[source_row]  # type: ignore[return-value] - 0/1 is fine for Qt

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.source().sort(column, order)

    def youth_at(self, proxy_row: int) -> YouthRow:
        return self.source().youth_at(self.mapToSource(self.index(proxy_row, 0)).row())


def matching_records(prepared: PreparedYouth, text: str, cohort: int | None, route: str | None,
                     status: str | None, only_mine: bool) -> bytearray | None:
    """One flag per record: does it pass every criterion? None when nothing filters."""
    words = text.casefold().split()
    if not (words or cohort or route or status or only_mine):
        return None
    accepted: list[bool] | None = None
    for word in words:
        if accepted is None:
            accepted = [word in h for h in prepared.haystacks]
        else:
            accepted = [a and word in h for a, h in zip(accepted, prepared.haystacks, strict=True)]
    for wanted, values in ((cohort, prepared.cohorts), (route, prepared.routes), (status, prepared.statuses)):
        if wanted:
            if accepted is None:
                accepted = [v == wanted for v in values]
            else:
                accepted = [a and v == wanted for a, v in zip(accepted, values, strict=True)]
    if only_mine:
        accepted = list(prepared.mine) if accepted is None else [a and m for a, m in
                                                                    zip(accepted, prepared.mine, strict=True)]
    return bytearray(accepted or [])


# ----------------------------------------------------------------------------------------------
# Afspraken


class AgreementTableModel(QAbstractTableModel):
    """Wie doet wat, tot wanneer: agreements across all young people."""

    COL_YOUTH, COL_ACTION, COL_ORGANISATION, COL_PERSON, COL_DEADLINE, COL_STATE = range(6)
    COLUMN_COUNT = 6
    SortRole = SORT_ROLE
    ObjectRole = OBJECT_ROLE

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AgreementRow] = []
        self._display: list[tuple[str, ...]] = []
        self._headers = (self.tr("Jongere"), self.tr("Wie doet wat"), self.tr("Organisatie"), self.tr("Persoon"),
                         self.tr("Tot wanneer"), self.tr("Status"))

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

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role in (DISPLAY, ACCESSIBLE):
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        if role == DISPLAY or role == ACCESSIBLE:
            return self._display[index.row()][index.column()]
        row = self._rows[index.row()]
        if role == FOREGROUND and row.state == "verlopen" and index.column() in (self.COL_DEADLINE, self.COL_STATE):
            return LATE
        if role == SORT_ROLE:
            return self.raw_value(row, index.column())
        if role == OBJECT_ROLE:
            return row
        if role == TOOLTIP and index.column() == self.COL_ACTION:
            return row.action
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
            keys = [(d[column] == "", collate(d[column]), r.deadline or dt.date.max)
                    for r, d in zip(self._rows, self._display, strict=True)]
        order_ = sorted(range(len(keys)), key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        rows, display = self._rows, self._display
        self._rows = [rows[i] for i in order_]
        self._display = [display[i] for i in order_]
        if persistent:
            position = {r.agreement_id: i for i, r in enumerate(self._rows)}
            self.changePersistentIndexList(
                persistent, [self.index(position[a], i.column()) for a, i in zip(ids, persistent, strict=True)])
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


class TodayListModel(QAbstractTableModel):
    COL_NAME, COL_WHAT, COL_DATE = range(3)
    COLUMN_COUNT = 3
    SortRole = SORT_ROLE
    ObjectRole = OBJECT_ROLE

    def __init__(self, what_header: str, date_header: str, parent: Any = None, *,
                 late: bool = False) -> None:
        super().__init__(parent)
        self._items: list[TodayItem] = []
        self._late = late
        self._headers = (self.tr("Jongere"), what_header, date_header)

    def set_items(self, items: Sequence[TodayItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item_at(self, row: int) -> TodayItem:
        return self._items[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role in (DISPLAY, ACCESSIBLE):
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        item = self._items[index.row()]
        col = index.column()
        if role == DISPLAY or role == ACCESSIBLE or role == TOOLTIP:
            return (item.name, item.what, fmt_date(item.day))[col]
        if role == FOREGROUND and self._late and col == self.COL_DATE:
            return LATE
        if role == SORT_ROLE:
            return (item.name.casefold(), item.what.casefold(), item.day)[col]
        if role == OBJECT_ROLE:
            return item
        return None


def checkin_state_label(state: str) -> str:
    return labels.checkin_state_label(state)
