"""The gemeente's Jongeren list: received dossiers, filtered as you type, as fast as the mentor's list.

Built the same way as :mod:`handover.ui.models.youth`: everything a keystroke needs is prepared once
per load off the GUI thread (haystacks, sort keys, display texts), the per-row decision comes from
:class:`~handover.ui.models.filtering.YouthMatcher` as one flag per row,
the proxy shows the rows it lets through without Qt calling back per row, and sorting is done by
the source model on precomputed keys (never ``lessThan``).

The matcher's criteria columns are reused for the gemeente's filters: its "route" column holds the
sending school, its "status" column the klantmanager (both compared for equality), "mine" the rows
of the signed-in klantmanager; the cohort is the leaving year, as for the mentor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from handover.domain.vocab import ROUTE
from handover.gemeente.queries import CASE_STATUSES, ReceivedRow
from handover.ui import labels, theme
from handover.ui.formatting import fmt_date
from handover.ui.models.base import AnyIndex
from handover.ui.models.filtering import FilterColumns, YouthMatcher, collate, haystack, missing_last
from handover.ui.models.roles import ACCESSIBLE, DISPLAY, FOREGROUND, OBJECT_ROLE, SORT_ROLE, TOOLTIP
from handover.ui.models.shown_rows import FlagFilterProxyModel, OrderedTableModel, positions

STATUS_ORDER = {status: i for i, status in enumerate(CASE_STATUSES)}


@dataclass(frozen=True)
class PreparedReceived:
    rows: list[ReceivedRow]
    display: list[tuple[str, ...]]
    haystacks: list[str]
    name_keys: list[str]
    columns: FilterColumns  # in load order

    @property
    def schools(self) -> list[str]:
        return sorted({r.school for r in self.rows if r.school}, key=collate)

    @property
    def klantmanagers(self) -> list[str]:
        return sorted({r.klantmanager for r in self.rows if r.klantmanager}, key=collate)

    @property
    def cohorts(self) -> list[int]:
        return sorted({r.cohort for r in self.rows if r.cohort is not None}, reverse=True)


def prepare_received(rows: Sequence[ReceivedRow], user_name: str) -> PreparedReceived:
    """Pure Python: safe on a worker thread."""
    rows = list(rows)
    me = user_name.casefold().strip()
    routes = {code: labels.domain(label) for code, label in ROUTE}
    # QCoreApplication.translate is thread-safe: this runs on a worker thread.
    withdrawn = QCoreApplication.translate("ReceivedTableModel", "toestemming ingetrokken")
    # Said in words beside the status (colour is never the only cue): not opened yet, or changed since.
    new = " · " + QCoreApplication.translate("ReceivedTableModel", "nieuw")
    changed = " · " + QCoreApplication.translate("ReceivedTableModel", "nieuwe versie")
    dates: dict[Any, str] = {None: ""}

    def day(value: Any) -> str:  # few distinct dates: format each once (strftime imports on every call)
        text = dates.get(value)
        if text is None:
            text = dates[value] = fmt_date(value)
        return text

    display = [
        (
            r.short_id,
            r.name,
            r.school,
            day(r.leaving_date),
            routes.get(r.route or "", r.route or ""),
            r.city or "",
            withdrawn if r.withdrawn else r.status + (new if r.new else changed if r.new_version else ""),
            r.klantmanager,
        )
        for r in rows
    ]
    haystacks = [haystack(r.name, r.school, r.city or "", r.short_id, r.klantmanager) for r in rows]
    columns = FilterColumns(
        haystacks=haystacks,
        cohorts=[r.cohort for r in rows],
        routes=[r.school for r in rows],
        statuses=[r.klantmanager for r in rows],
        mine=[bool(me) and r.klantmanager.casefold() == me for r in rows],
    )
    return PreparedReceived(rows, display, haystacks, [r.sort_key for r in rows], columns)


class ReceivedTableModel(OrderedTableModel):
    """One row per received dossier. Source-row order is the current sort order."""

    COL_ID, COL_NAME, COL_SCHOOL, COL_LEAVING, COL_ROUTE, COL_CITY, COL_STATUS, COL_KM = range(8)
    COLUMN_COUNT = 8
    # The roles value() may answer (anything else is None): the proxy skips the others unasked.
    ROLES = frozenset({DISPLAY, ACCESSIBLE, FOREGROUND, SORT_ROLE, OBJECT_ROLE, TOOLTIP})

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._prepared = prepare_received([], "")
        self._sort: tuple[int, Qt.SortOrder] | None = (self.COL_NAME, Qt.SortOrder.AscendingOrder)
        self._keys: dict[int, list[Any]] = {}
        self.set_headers(
            (
                self.tr("Id"),
                self.tr("Naam"),
                self.tr("School"),
                self.tr("Vertrek"),
                self.tr("Route"),
                self.tr("Woonplaats"),
                self.tr("Status"),
                self.tr("Klantmanager"),
            )
        )

    def set_prepared(self, prepared: PreparedReceived) -> None:
        self.beginResetModel()
        self._prepared = prepared
        self._keys = {}
        self._set_order(list(range(len(prepared.rows))) if self._sort is None else self._sorted(*self._sort))
        self.endResetModel()

    @property
    def prepared(self) -> PreparedReceived:
        return self._prepared

    @property
    def order(self) -> list[int]:
        return self._order

    def row_at(self, row: int) -> ReceivedRow:
        return self._prepared.rows[self._order[row]]

    # -- Qt -------------------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (0 <= row < len(self._order) and 0 <= column < self.COLUMN_COUNT):
            return QModelIndex()
        return self.createIndex(row, column)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._order)

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        return self.value(index.row(), index.column(), role)

    def row_count(self) -> int:
        return len(self._order)

    def object_at(self, row: int) -> ReceivedRow:
        return self.row_at(row)

    def sort_value(self, row: int, column: int) -> Any:
        return self.raw_value(self._order[row], column)

    def value(self, row: int, column: int, role: int) -> Any:
        if role == DISPLAY or role == ACCESSIBLE:
            return self._prepared.display[self._order[row]][column]
        if role == FOREGROUND:
            r = self._prepared.rows[self._order[row]]
            if r.withdrawn:
                return theme.brush(theme.MUTED)
            if column == self.COL_STATUS and (r.new or r.new_version):
                return theme.brush(theme.SOON)
            return None
        if role == SORT_ROLE:
            return self.raw_value(self._order[row], column)
        if role == OBJECT_ROLE:
            return self.row_at(row)
        if role == TOOLTIP and column == self.COL_STATUS:
            r = self._prepared.rows[self._order[row]]
            if r.new:
                return self.tr("Nieuw ontvangen, nog niet geopend")
            if r.new_version:
                return self.tr("Nieuwe versie ontvangen sinds u het dossier opende")
        return None

    def raw_value(self, rec: int, column: int) -> Any:
        r = self._prepared.rows[rec]
        if column == self.COL_NAME:
            return self._prepared.name_keys[rec]
        if column == self.COL_LEAVING:
            return r.leaving_date
        if column == self.COL_STATUS:
            return (r.withdrawn, STATUS_ORDER.get(r.status, len(STATUS_ORDER)))
        return collate(self._prepared.display[rec][column])

    def _sorted(self, column: int, order: Qt.SortOrder) -> list[int]:
        keys = self._keys.get(column)
        if keys is None:
            names = self._prepared.name_keys
            keys = [(missing_last(self.raw_value(rec, column)), names[rec]) for rec in range(len(names))]
            self._keys[column] = keys
        return sorted(range(len(keys)), key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < self.COLUMN_COUNT:
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        records = [self._order[i.row()] for i in persistent]
        self._set_order(self._sorted(column, order))
        if persistent:  # the selection and the current row stay on their young people
            rows = positions(self._order, records)
            moved = [self.index(row, i.column()) for row, i in zip(rows, persistent, strict=True)]
            self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()


class ReceivedFilterProxyModel(FlagFilterProxyModel):
    """Type-to-filter over name, school, woonplaats, id and klantmanager; school, klantmanager,
    cohort and "alleen mijn jongeren". Decisions per row come from the matcher (module note), per
    record, so a new sort order only permutes them; the shown rows are set without Qt calling back
    per row (:class:`~handover.ui.models.shown_rows.FlagFilterProxyModel`)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._school: str | None = None
        self._klantmanager: str | None = None
        self._cohort: int | None = None
        self._only_mine = False
        self._matcher = YouthMatcher()
        self._model: ReceivedTableModel | None = None

    def set_source(self, model: ReceivedTableModel) -> None:
        self._model = model
        self.setSourceModel(model)

    def source(self) -> ReceivedTableModel:
        assert self._model is not None
        return self._model

    # -- criteria -----------------------------------------------------------------------------
    def set_text(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.refilter()

    def set_school(self, school: str | None) -> None:
        if school != self._school:
            self._school = school
            self.refilter()

    def set_klantmanager(self, name: str | None) -> None:
        if name != self._klantmanager:
            self._klantmanager = name
            self.refilter()

    def set_cohort(self, year: int | None) -> None:
        if year != self._cohort:
            self._cohort = year
            self.refilter()

    def set_only_mine(self, on: bool) -> None:
        if on != self._only_mine:
            self._only_mine = on
            self.refilter()

    def is_filtered(self) -> bool:
        return bool(self._text.strip() or self._school or self._klantmanager or self._cohort or self._only_mine)

    def source_flags(self) -> bytes | None:
        model = self._model
        if model is None:
            return None
        criteria = (self._cohort, self._school, self._klantmanager, self._only_mine)
        flags = self._matcher.match(model.prepared.columns, self._text, *criteria)  # per record (load order)
        return None if flags is None else model.in_row_order(flags)

    def row_at(self, proxy_row: int) -> ReceivedRow:
        return self.source().row_at(self.source_row(proxy_row))
