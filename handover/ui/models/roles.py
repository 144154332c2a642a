"""The item-data roles the app's models answer beyond Qt's own: one enum, so no two models disagree on a number.

``Role.SORT`` gives the raw value a column sorts on (a date, a casefolded name, a position in the
workflow), never the display text. ``Role.OBJECT`` gives the object behind the row (a YouthRow, an
AgreementRow, a TodayItem, a list item's values). The module-level ints are the same numbers for
hot paths: comparing an int with an int is cheaper than with an enum member in ``data()``, which
Qt calls for every painted cell and role.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt

_USER = int(Qt.ItemDataRole.UserRole)


class Role(IntEnum):
    SORT = _USER + 1
    OBJECT = _USER + 2


DISPLAY = int(Qt.ItemDataRole.DisplayRole)
EDIT = int(Qt.ItemDataRole.EditRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
CHECK_STATE = int(Qt.ItemDataRole.CheckStateRole)
SORT_ROLE = int(Role.SORT)
OBJECT_ROLE = int(Role.OBJECT)
