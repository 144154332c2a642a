"""Undo commands. Each one writes through the service (in the background) both ways.

Item ids can change: undoing a removal adds the item back under a new id. Commands therefore
resolve ids through the page's alias table *when the write runs* (on the one write thread, in
order), so a later undo or redo still finds the item.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from handover.domain.fields import LISTS, YOUTH_FIELDS
from handover.ui import labels
from handover.ui.editor.fields import field_label

if TYPE_CHECKING:
    from handover.ui.editor.page import DossierEditorPage

MERGE_SECONDS = 2.0
FIELD_COMMAND_ID = 7100


class FieldEditCommand(QUndoCommand):
    """One saved field edit. Quick successive saves of the same field merge into one step."""

    def __init__(self, page: DossierEditorPage, field: str, old: Any, new: Any) -> None:
        super().__init__(field_label(YOUTH_FIELDS[field]))
        self.page, self.field, self.old, self.new = page, field, old, new
        self._first = True
        self._at = time.monotonic()

    def id(self) -> int:
        return FIELD_COMMAND_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt API
        if not isinstance(other, FieldEditCommand) or other.field != self.field:
            return False
        if other._at - self._at > MERGE_SECONDS:
            return False
        self.new, self._at = other.new, other._at
        if self.new == self.old:
            self.setObsolete(True)
        return True

    def redo(self) -> None:
        if self._first:  # the user typed it: the control already shows it
            self._first = False
            self.page.save_field(self.field, self.new, self.old)
        else:
            self.page.apply_field(self.field, self.new, self.old)

    def undo(self) -> None:
        self.page.apply_field(self.field, self.old, self.new)


class ItemEditCommand(QUndoCommand):
    def __init__(self, page: DossierEditorPage, list_name: str, item_id: str, field: str, old: Any, new: Any) -> None:
        spec = LISTS[list_name]
        super().__init__(f"{labels.item_label(spec)}: {field_label(spec.field(field))}")
        self.page, self.list_name, self.item_id, self.field = page, list_name, item_id, field
        self.old, self.new = old, new
        self._first = True

    def redo(self) -> None:
        self.page.save_item_field(self.list_name, self.item_id, self.field, self.new, show=not self._first)
        self._first = False

    def undo(self) -> None:
        self.page.save_item_field(self.list_name, self.item_id, self.field, self.old, show=True)


class AddItemCommand(QUndoCommand):
    def __init__(self, page: DossierEditorPage, list_name: str, values: dict[str, Any]) -> None:
        super().__init__(
            QCoreApplication.translate("DossierEditor", "%1 toevoegen").replace(
                "%1", labels.item_label(LISTS[list_name])
            )
        )
        self.page, self.list_name, self.values = page, list_name, dict(values)
        self.ref: dict[str, str] = {}  # filled on the write thread: {"id": ...}

    def redo(self) -> None:
        self.page.add_item(self.list_name, self.values, self.ref)

    def undo(self) -> None:
        self.page.remove_item(self.list_name, self.ref, {})


class RemoveItemCommand(QUndoCommand):
    def __init__(self, page: DossierEditorPage, list_name: str, item_id: str) -> None:
        super().__init__(
            QCoreApplication.translate("DossierEditor", "%1 verwijderen").replace(
                "%1", labels.item_label(LISTS[list_name])
            )
        )
        self.page, self.list_name = page, list_name
        self.ref: dict[str, str] = {"id": item_id}
        self.values: dict[str, Any] = {}  # filled on the write thread with what was removed

    def redo(self) -> None:
        self.page.remove_item(self.list_name, self.ref, self.values)

    def undo(self) -> None:
        self.page.add_item(self.list_name, self.values, self.ref)
