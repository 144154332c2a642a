"""The Afspraken list: agreements across all young people, and the proxy for its filters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from handover.domain.vocab import AGREEMENT_ORG, AGREEMENT_STATUS
from handover.services.queries import AgreementRow
from handover.ui import labels, theme
from handover.ui.formatting import fmt_date
from handover.ui.models.base import TableModel
from handover.ui.models.filtering import collate
from handover.ui.models.roles import ACCESSIBLE, DISPLAY, FOREGROUND, TOOLTIP


@dataclass(frozen=True)
class ExchangeMark:
    """An agreement of a sent dossier as Werk en Inkomen left it: who changed it last, or a conflict."""

    changed_by: str = ""  # the signer at Werk en Inkomen; "" when the school made the last change
    changed_at: str = ""  # 12-01-2027 14:03
    conflict: bool = False

    def text(self) -> str:
        if self.conflict:
            return QCoreApplication.translate(
                "Afspraken", "Gewijzigd door Werk en Inkomen en op school: kies welke blijft"
            )
        if self.changed_by:
            return (
                QCoreApplication.translate("Afspraken", "%1 (Werk en Inkomen), %2")
                .replace("%1", self.changed_by)
                .replace("%2", self.changed_at)
            )
        return ""


class AgreementTableModel(TableModel):
    """Wie doet wat, tot wanneer: agreements across all young people."""

    COL_YOUTH, COL_ACTION, COL_ORGANISATION, COL_PERSON, COL_DEADLINE, COL_STATE, COL_CHANGED = range(7)
    COLUMN_COUNT = 7

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AgreementRow] = []
        self._display: list[tuple[str, ...]] = []
        self._marks: dict[str, ExchangeMark] = {}
        self.set_headers(
            (
                self.tr("Jongere"),
                self.tr("Wie doet wat"),
                self.tr("Organisatie"),
                self.tr("Persoon"),
                self.tr("Tot wanneer"),
                self.tr("Status"),
                self.tr("Gewijzigd door"),
            )
        )

    def set_rows(self, rows: Sequence[AgreementRow], marks: dict[str, ExchangeMark] | None = None) -> None:
        """The agreements, and for those of sent dossiers what Werk en Inkomen did (``marks``)."""
        self.beginResetModel()
        self._rows = list(rows)
        if marks is not None:
            self._marks = dict(marks)
        self._display = [self._format(r) + (self._mark_text(r),) for r in self._rows]
        self.endResetModel()

    def _mark_text(self, r: AgreementRow) -> str:
        mark = self._marks.get(r.agreement_id)
        return mark.text() if mark is not None else ""

    def mark_of(self, agreement_id: str) -> ExchangeMark | None:
        return self._marks.get(agreement_id)

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
        self._display[row] = self._format(new) + (self._mark_text(new),)
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
            return theme.brush(theme.ERROR)
        if role == FOREGROUND and column == self.COL_CHANGED:
            mark = self._marks.get(agreement.agreement_id)
            return theme.brush(theme.WARNING) if mark is not None and mark.conflict else None
        if role == TOOLTIP and column == self.COL_ACTION:
            return agreement.action
        if role == TOOLTIP and column == self.COL_CHANGED:
            return self._display[row][column] or None
        return None

    def raw_value(self, row: AgreementRow, column: int) -> Any:
        if column == self.COL_DEADLINE:
            return row.deadline
        if column == self.COL_CHANGED:
            return collate(self._mark_text(row))
        return collate(self._format(row)[column])

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < self.COLUMN_COUNT:
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._rows[i.row()].agreement_id for i in persistent]
        # Keys from the display strings already made (30,000 agreements sort in a few milliseconds).
        keys: list[tuple[Any, ...]]
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
