"""The one base class of the app's table models.

A subclass says what it has, the base answers Qt:

- its header texts (``set_headers``, translated by the subclass; the column count follows from them);
- ``row_count()``, ``object_at(row)`` (the object behind a row, for :data:`Role.OBJECT`),
  ``sort_value(row, column)`` (the raw value a column sorts on, for :data:`Role.SORT`) and
  ``cell(row, column, role)`` for every other role (display text, colours, tooltips).

A model on a hot path (the Jongeren list: 10,000 rows) may answer ``data()`` itself with the same
meaning, to save a Python call per painted cell; the roles and their meaning stay the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from handover.ui.models.roles import ACCESSIBLE, DISPLAY, OBJECT_ROLE, SORT_ROLE, Role

AnyIndex = QModelIndex | QPersistentModelIndex


class TableModel(QAbstractTableModel):
    """Named columns with header texts, a sort role with raw values and an object role."""

    SortRole: ClassVar[int] = Role.SORT
    ObjectRole: ClassVar[int] = Role.OBJECT

    def __init__(self, parent: Any = None, headers: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self._headers: tuple[str, ...] = tuple(headers)

    # -- what a subclass provides -------------------------------------------------------------
    def row_count(self) -> int:
        raise NotImplementedError

    def object_at(self, row: int) -> Any:
        """The object behind ``row`` (answered for :data:`Role.OBJECT`)."""
        raise NotImplementedError

    def sort_value(self, row: int, column: int) -> Any:
        """The raw value ``column`` sorts on (answered for :data:`Role.SORT`): never the display text
        when there is something better (a date, a number, a casefolded name)."""
        raise NotImplementedError

    def cell(self, row: int, column: int, role: int) -> Any:
        """Every other role of a cell: display text, accessible text, colours, tooltips."""
        return None

    # -- headers -----------------------------------------------------------------------------
    @property
    def headers(self) -> tuple[str, ...]:
        return self._headers

    def set_headers(self, headers: Sequence[str]) -> None:
        """Set by the subclass's constructor (its translated texts); the column count follows from them."""
        self._headers = tuple(headers)

    # -- QAbstractTableModel -----------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self.row_count()

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and (role == DISPLAY or role == ACCESSIBLE):
            return self._headers[section]
        return None

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        row = index.row()
        if role == SORT_ROLE:
            return self.sort_value(row, index.column())
        if role == OBJECT_ROLE:
            return self.object_at(row)
        return self.cell(row, index.column(), role)
