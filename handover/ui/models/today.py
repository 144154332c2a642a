"""The small lists of the Vandaag page: who, what, when, and where clicking a line goes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from handover.ui import theme
from handover.ui.formatting import fmt_date
from handover.ui.models.base import TableModel
from handover.ui.models.roles import ACCESSIBLE, DISPLAY, FOREGROUND, TOOLTIP


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
            text = (item.name, item.what, fmt_date(item.day))[column]
            if role != DISPLAY and self._late and column == self.COL_DATE and text:
                # On screen the card's title says it ("… te laat", "Verlopen …"); a screen reader that
                # reads one cell, and the tooltip, say it beside the red date too.
                return self.tr("%1, te laat").replace("%1", text)
            return text
        if role == FOREGROUND and self._late and column == self.COL_DATE:
            return theme.brush(theme.ERROR)
        return None
