"""The Jongeren list: the table model of all young people and the proxy that filters it as you type.

Performance note (10,000 young people, ≤ 16 ms per keystroke incl. repaint): every call from Qt's
C++ into a Python method costs about a microsecond, and a comparison-based sort would call
``lessThan`` some 130,000 times. So the models precompute everything a keystroke needs (lowercase
haystacks, cohort, route, status, "mine" flags, display strings) once per load, in the background
thread (:meth:`YouthTableModel.prepare`), and each column's int sort keys on its first sort. A filter
change then costs one pass over the haystacks (or, while typing on, over the rows that matched the
previous text: ``filtering.YouthMatcher``) and one C-level pass from flags to the list of shown rows
(:mod:`handover.ui.models.shown_rows`: no ``filterAcceptsRow`` per row, which was 5.5 ms of every
keystroke); sorting is done by the source model with Python's C sort on those keys.

Painting costs calls into Python too: the proxy answers ``index()`` and ``data()`` from its own list
of shown rows, and the source model checks bounds in its own ``index()``. Measured on 10,000 rows
(main-thread CPU, in-process): a keystroke is about 1 ms of ours and Qt's model work, the repaint of
the visible rows about 8 ms (Qt's text layout of each cell; the ``data()`` calls are under 2 ms of it).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from handover.domain.vocab import HANDOVER_STATUS, ROUTE
from handover.services.queries import YouthRow
from handover.ui import labels, theme
from handover.ui.models.base import AnyIndex
from handover.ui.models.filtering import (
    ACTIVE,
    FilterColumns,
    PreparedYouth,
    YouthMatcher,
    collate,
    missing_last,
    prepare_youth,
)
from handover.ui.models.roles import ACCESSIBLE, DISPLAY, FOREGROUND, OBJECT_ROLE, SORT_ROLE, TOOLTIP
from handover.ui.models.shown_rows import FlagFilterProxyModel, OrderedTableModel, positions

STATUS_ORDER = {code: i for i, code in enumerate(HANDOVER_STATUS.codes())}


class YouthTableModel(OrderedTableModel):
    """One row per young person. Source-row order is the current sort order (see module note)."""

    COL_NAME, COL_CLASS, COL_ROUTE, COL_LEAVING, COL_STATUS, COL_NEXT, COL_CONTACT = range(7)
    COLUMN_COUNT = 7
    # The roles value() may answer (anything else is None): the proxy skips the others unasked.
    ROLES = frozenset({DISPLAY, ACCESSIBLE, FOREGROUND, SORT_ROLE, OBJECT_ROLE, TOOLTIP})

    def __init__(self, parent: Any = None, *, today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        self._today = today
        self._today_value = dt.date.min
        self._today_until = 0.0  # monotonic time until which _today_value holds (see today())
        self._due_texts: dict[str, str] | None = None
        self._prepared = self.prepare([], "")
        self._sort_keys: dict[int, list[Any]] = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._send_states: dict[str, str] = {}  # youth id → send state, shown beside the status
        self.set_headers(
            (
                self.tr("Naam"),
                self.tr("Klas"),
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
        """Pure Python, no Qt objects: safe to run in a worker thread."""
        # QCoreApplication.translate is thread-safe; each label is looked up once per load.
        route_labels = {code: labels.domain(label) for code, label in ROUTE}
        status_labels = {code: labels.domain(label) for code, label in HANDOVER_STATUS}
        return prepare_youth(rows, user_name, route_labels, status_labels, status_order=STATUS_ORDER)

    def set_prepared(self, prepared: PreparedYouth) -> None:
        """Replace all rows (a model reset: views keep their widgets, only the data changes)."""
        self.beginResetModel()
        self._prepared = prepared
        self._sort_keys = {}
        self._today_until = 0.0  # a new load asks the clock again
        self._set_order(list(range(len(prepared.rows))) if self._sort is None else self._sorted_order(*self._sort))
        self.endResetModel()

    def set_send_states(self, states: Mapping[str, str]) -> None:
        """Per young person the send state (wacht op toestemming · verstuurd op …), read by the sync."""
        self._send_states = dict(states)
        if self._order:
            last = len(self._order) - 1
            self.dataChanged.emit(self.index(0, self.COL_STATUS), self.index(last, self.COL_STATUS))

    def set_rows(self, rows: Sequence[YouthRow], user_name: str = "") -> None:
        self.set_prepared(self.prepare(rows, user_name))

    def update_rows(self, prepared: PreparedYouth) -> None:
        """Refresh after an edit: same young people → only changed rows signal; otherwise a reset."""
        old = self._prepared
        if set(old.index_of) != set(prepared.index_of):
            self.set_prepared(prepared)
            return
        # Keep the record indices stable so the current order and the proxy's flags stay valid.
        reordered = prepared.in_order_of(old)
        changed = [rec for rec in range(len(old.rows)) if old.rows[rec] != reordered.rows[rec]]
        self._prepared = reordered
        self._sort_keys = {}
        self._today_until = 0.0
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
            text = self._prepared.display[self._order[row]][column]
            if column == self.COL_NEXT:
                # Said in words too, on the screen and to a screen reader: colour is never the only cue.
                due = self._due_state(row)
                if due is not None:
                    return f"{text} · {self._due_words()[due]}"
            elif column == self.COL_STATUS and self._send_states:
                sending = self._send_states.get(self._prepared.rows[self._order[row]].id)
                if sending:
                    return f"{text} · {sending}"
            return text
        if role == FOREGROUND:
            if column != self.COL_NEXT:
                return None
            due = self._due_state(row)
            return None if due is None else theme.brush(theme.ERROR if due == "late" else theme.SOON)
        if role == SORT_ROLE:
            return self.raw_value(self._order[row], column)
        if role == OBJECT_ROLE:
            return self._prepared.rows[self._order[row]]
        if role == TOOLTIP and column == self.COL_NEXT:
            due = self._prepared.rows[self._order[row]].next_checkin
            if due is not None and due < self.today():
                return QCoreApplication.translate("YouthTableModel", "Dit contactmoment is te laat.")
        return None

    def _due_state(self, row: int) -> str | None:
        """'late' when the next contact moment is past, 'soon' within a week, else None."""
        due = self._prepared.rows[self._order[row]].next_checkin
        if due is None:
            return None
        today = self.today()
        return "late" if due < today else "soon" if (due - today).days <= 7 else None

    def today(self) -> dt.date:
        """Today, asked of the clock at most once a second: the date is needed for every painted cell of
        the contact column, and asking the app's clock each time cost 5 % of a repaint."""
        now = time.monotonic()
        if now >= self._today_until:
            self._today_value, self._today_until = self._today(), now + 1.0
        return self._today_value

    def _due_words(self) -> dict[str, str]:
        texts = self._due_texts
        if texts is None:  # translated once (the language is chosen before the window is made)
            texts = self._due_texts = {
                "late": QCoreApplication.translate("YouthTableModel", "te laat"),
                "soon": QCoreApplication.translate("YouthTableModel", "binnenkort"),
            }
        return texts

    def raw_value(self, rec: int, column: int) -> Any:
        """The value a column sorts on: a casefolded name, a date, the status' place in the workflow."""
        row = self._prepared.rows[rec]
        if column == self.COL_NAME:
            return self._prepared.name_keys[rec]
        if column == self.COL_CLASS:
            return collate(row.school_class)
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
        if 0 <= column < self.COLUMN_COUNT:  # ints per record, made on the first sort of the column
            return self._prepared.sort_key_column(column)
        keys = self._sort_keys.get(column)
        if keys is None:
            names = self._prepared.name_keys
            keys = [(missing_last(self.raw_value(rec, column)), names[rec]) for rec in range(len(names))]
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
        self._set_order(self._sorted_order(column, order))
        if persistent:  # the selection and the current row stay on their young people
            rows = positions(self._order, records)
            self.changePersistentIndexList(
                persistent, [self.index(row, i.column()) for row, i in zip(rows, persistent, strict=True)]
            )
        self.layoutChanged.emit()


class YouthFilterProxyModel(FlagFilterProxyModel):
    """Filter-as-you-type over name and class, plus cohort, route, status and "alleen mijn jongeren".

    The decision per young person is computed for all rows at once when a criterion changes
    (:class:`YouthMatcher`, per record, so a new sort order only permutes the answer), and the proxy
    shows the rows it lets through without asking Qt to call back per row
    (:class:`~handover.ui.models.shown_rows.FlagFilterProxyModel`). Sorting is the source model's.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._cohort: int | None = None
        self._route: str | None = None
        self._status: str | None = None
        self._only_mine = False
        self._matcher = YouthMatcher()
        self._criteria: FilterColumns | None = None  # what the criteria look at, in record (load) order
        self._criteria_of: PreparedYouth | None = None  # the load they were taken from

    def setSourceModel(self, model: QAbstractItemModel) -> None:  # noqa: N802 - the name Qt's proxies use
        if not isinstance(model, YouthTableModel):
            raise TypeError("YouthFilterProxyModel needs a YouthTableModel")
        super().setSourceModel(model)

    @property
    def answers_from_own_rows(self) -> bool:
        """Is ``data()`` answered from its own list of shown rows? (Always, once it has a source.)"""
        return self.sourceModel() is not None

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
            self.refilter()

    def set_cohort(self, year: int | None) -> None:
        if year != self._cohort:
            self._cohort = year
            self.refilter()

    def set_route(self, code: str | None) -> None:
        if code != self._route:
            self._route = code
            self.refilter()

    def set_status(self, code: str | None) -> None:
        if code != self._status:
            self._status = code
            self.refilter()

    def set_only_mine(self, on: bool) -> None:
        if on != self._only_mine:
            self._only_mine = on
            self.refilter()

    def filters_only_active(self) -> bool:
        """Only the default criterion is on: the closed cases are hidden, nothing else."""
        return self._status == ACTIVE and not (self._text.strip() or self._cohort or self._route or self._only_mine)

    def is_filtered(self) -> bool:
        return bool(self._text.strip() or self._cohort or self._route or self._status or self._only_mine)

    def source_flags(self) -> bytes | None:
        """Flags by source row. The criteria are matched per record (load order), so a new sort order
        only permutes the remembered answer (one pass over a byte string) instead of matching again."""
        model = self.sourceModel()
        if not isinstance(model, YouthTableModel):
            return None
        prepared = model.prepared
        if self._criteria is None or self._criteria_of is not prepared:
            self._criteria_of = prepared
            self._criteria = FilterColumns(
                haystacks=prepared.haystacks,
                cohorts=prepared.cohorts,
                routes=prepared.routes,
                statuses=prepared.statuses,
                mine=prepared.mine,
            )
        flags = self._matcher.match(
            self._criteria, self._text, self._cohort, self._route, self._status, self._only_mine
        )
        return None if flags is None else model.in_row_order(flags)

    def youth_at(self, proxy_row: int) -> YouthRow:
        return self.source().youth_at(self.source_row(proxy_row))
