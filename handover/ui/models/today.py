"""The small lists of the Vandaag page: who, what, when, and where clicking a line goes.

Lines may belong to a group ("ouder dan 6 maanden"): a group shows as one line with its count,
"▸ ouder dan 6 maanden (12)", after the ungrouped lines; one click (or Enter) opens it and its lines
follow it, another click closes it. Grouped, never hidden: the card's count includes them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from handover.ui import theme
from handover.ui.formatting import fmt_date
from handover.ui.models.base import TableModel
from handover.ui.models.roles import ACCESSIBLE, DISPLAY, FOREGROUND, TOOLTIP

OPEN_MARK, CLOSED_MARK = "▾", "▸"


@dataclass(frozen=True)
class TodayItem:
    """One line on the Vandaag page: who, what, when, and where clicking it goes."""

    youth_id: str
    name: str
    what: str
    day: dt.date | None
    target: str = "dossier"  # dossier, contactmomenten, afspraken, toestemming, uitwisseling (MainWindow._section_for)
    group: str = ""  # shown folded under this title ("ouder dan 6 maanden"); "" is not grouped


@dataclass(frozen=True)
class TodayGroup:
    """The line that stands for a group of items; clicking it opens or closes the group."""

    title: str
    items: tuple[TodayItem, ...]
    expanded: bool

    @property
    def text(self) -> str:
        return f"{OPEN_MARK if self.expanded else CLOSED_MARK} {self.title} ({len(self.items)})"


class TodayListModel(TableModel):
    COL_NAME, COL_WHAT, COL_DATE = range(3)
    COLUMN_COUNT = 3

    def __init__(self, what_header: str, date_header: str, parent: Any = None, *, late: bool = False) -> None:
        super().__init__(parent)
        self._all: list[TodayItem] = []
        self._rows: list[TodayItem | TodayGroup] = []
        self._expanded: set[str] = set()
        self._late = late
        self.set_headers((self.tr("Jongere"), what_header, date_header))

    def set_items(self, items: Sequence[TodayItem]) -> None:
        self.beginResetModel()
        self._all = list(items)
        self._rows = self._layout()
        self.endResetModel()

    def _layout(self) -> list[TodayItem | TodayGroup]:
        rows: list[TodayItem | TodayGroup] = [i for i in self._all if not i.group]
        groups: dict[str, list[TodayItem]] = {}
        for item in self._all:
            if item.group:
                groups.setdefault(item.group, []).append(item)
        for title, members in groups.items():
            expanded = title in self._expanded
            rows.append(TodayGroup(title, tuple(members), expanded))
            if expanded:
                rows.extend(members)
        return rows

    # -- groups -------------------------------------------------------------------------------
    def is_group(self, row: int) -> bool:
        return isinstance(self._rows[row], TodayGroup)

    def group_at(self, row: int) -> TodayGroup | None:
        line = self._rows[row]
        return line if isinstance(line, TodayGroup) else None

    def toggle(self, row: int) -> None:
        """Open or close the group on this line (its lines follow it when open)."""
        group = self.group_at(row)
        if group is None:
            return
        self._expanded ^= {group.title}
        self.beginResetModel()
        self._rows = self._layout()
        self.endResetModel()

    def items(self) -> list[TodayItem]:
        """Every item, grouped ones included (what the card's count says)."""
        return list(self._all)

    # -- rows -----------------------------------------------------------------------------------
    def item_at(self, row: int) -> TodayItem:
        line = self._rows[row]
        if isinstance(line, TodayGroup):  # a group line opens the first of its lines' dossiers nowhere
            raise IndexError(f"row {row} is a group line")
        return line

    def row_count(self) -> int:
        return len(self._rows)

    def object_at(self, row: int) -> TodayItem | TodayGroup:
        return self._rows[row]

    def sort_value(self, row: int, column: int) -> Any:
        line = self._rows[row]
        if isinstance(line, TodayGroup):
            return (line.title.casefold(), "", None)[column]
        return (line.name.casefold(), line.what.casefold(), line.day)[column]

    def cell(self, row: int, column: int, role: int) -> Any:
        line = self._rows[row]
        if isinstance(line, TodayGroup):
            if role == DISPLAY or role == ACCESSIBLE or role == TOOLTIP:
                if column != self.COL_NAME:
                    return ""
                if role == DISPLAY:
                    return line.text
                action = self.tr("klik om te sluiten") if line.expanded else self.tr("klik om te openen")
                return f"{line.title} ({len(line.items)}), {action}"
            return None
        item = line
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
