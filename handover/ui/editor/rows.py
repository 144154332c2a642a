"""A small read-only table model over a list of objects with named columns.

Used for consents, inspections and the contactmomenten timeline: each column is a title and a
function from the row object to its text; optional functions give a background colour and an
accessible text, so state is never shown by colour alone. Built on the app's one table-model base,
so it answers the same sort and object roles (``ui.models.roles.Role``) as every other model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from handover.ui import theme
from handover.ui.models.base import TableModel
from handover.ui.models.roles import ACCESSIBLE, BACKGROUND, DISPLAY, FOREGROUND, TOOLTIP


@dataclass(frozen=True)
class Column:
    title: str
    text: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None
    background: Callable[[Any], str | None] | None = None
    foreground: Callable[[Any], str | None] | None = None


class RowsModel(TableModel):
    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent, [c.title for c in columns])
        self.columns = list(columns)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_object(self, row: int) -> Any:
        return self._rows[row]

    def objects(self) -> list[Any]:
        return list(self._rows)

    # -- TableModel -----------------------------------------------------------------------------
    def row_count(self) -> int:
        return len(self._rows)

    def object_at(self, row: int) -> Any:
        return self._rows[row]

    def sort_value(self, row: int, column: int) -> Any:
        col, obj = self.columns[column], self._rows[row]
        return col.sort(obj) if col.sort else col.text(obj)

    def cell(self, row: int, column: int, role: int) -> Any:
        col, obj = self.columns[column], self._rows[row]
        if role in (DISPLAY, ACCESSIBLE, TOOLTIP):
            return col.text(obj)
        if role == BACKGROUND and col.background is not None:
            colour = col.background(obj)
            return theme.brush(colour) if colour else None
        if role == FOREGROUND and col.foreground is not None:
            colour = col.foreground(obj)
            return theme.brush(colour) if colour else None
        return None
