"""Undo commands. Each one writes through the service (in the background) both ways.

A command knows only the :class:`EditTarget` it writes through (the edit session, see
``editor/session.py``), never a widget or the page. Item ids can change: undoing a removal adds
the item back under a new id. The session therefore resolves ids through its alias table *when
the write runs* (on the one write thread, in order), so a later undo or redo still finds the item.
"""

from __future__ import annotations

import time
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from handover.domain.fields import LISTS, YOUTH_FIELDS
from handover.ui import labels
from handover.ui.editor.fields import field_label

MERGE_SECONDS = 2.0
FIELD_COMMAND_ID = 7100


class EditTarget(Protocol):
    """What the commands write through; ``EditSession`` is the one implementation."""

    def save_field(self, name: str, value: Any, old: Any) -> None:
        """Write a value the control already shows (the first 'redo' of an edit)."""

    def apply_field(self, name: str, value: Any, previous: Any) -> None:
        """Show a value again and write it (undo, redo)."""

    def save_item_field(self, list_name: str, item_id: str, field: str, value: Any, *, show: bool) -> None:
        """Write one cell of a list item (``show``: put the value back in the table first)."""

    def insert_item(self, list_name: str, values: dict[str, Any], ref: dict[str, str]) -> None:
        """Add an item; its new id goes into ``ref``."""

    def delete_item(self, list_name: str, ref: dict[str, str], removed: dict[str, Any]) -> None:
        """Remove the item in ``ref``; what it held goes into ``removed``."""


class FieldEditCommand(QUndoCommand):
    """One saved field edit. Quick successive saves of the same field merge into one step."""

    def __init__(self, target: EditTarget, field: str, old: Any, new: Any) -> None:
        super().__init__(field_label(YOUTH_FIELDS[field]))
        self.target, self.field, self.old, self.new = target, field, old, new
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
            self.target.save_field(self.field, self.new, self.old)
        else:
            self.target.apply_field(self.field, self.new, self.old)

    def undo(self) -> None:
        self.target.apply_field(self.field, self.old, self.new)


class ItemEditCommand(QUndoCommand):
    def __init__(self, target: EditTarget, list_name: str, item_id: str, field: str, old: Any, new: Any) -> None:
        spec = LISTS[list_name]
        super().__init__(f"{labels.item_label(spec)}: {field_label(spec.field(field))}")
        self.target, self.list_name, self.item_id, self.field = target, list_name, item_id, field
        self.old, self.new = old, new
        self._first = True

    def redo(self) -> None:
        self.target.save_item_field(self.list_name, self.item_id, self.field, self.new, show=not self._first)
        self._first = False

    def undo(self) -> None:
        self.target.save_item_field(self.list_name, self.item_id, self.field, self.old, show=True)


class AddItemCommand(QUndoCommand):
    def __init__(self, target: EditTarget, list_name: str, values: dict[str, Any]) -> None:
        super().__init__(
            QCoreApplication.translate("DossierEditor", "%1 toevoegen").replace(
                "%1", labels.item_label(LISTS[list_name])
            )
        )
        self.target, self.list_name, self.values = target, list_name, dict(values)
        self.ref: dict[str, str] = {}  # filled on the write thread: {"id": ...}

    def redo(self) -> None:
        self.target.insert_item(self.list_name, self.values, self.ref)

    def undo(self) -> None:
        self.target.delete_item(self.list_name, self.ref, {})


class RemoveItemCommand(QUndoCommand):
    def __init__(self, target: EditTarget, list_name: str, item_id: str) -> None:
        super().__init__(
            QCoreApplication.translate("DossierEditor", "%1 verwijderen").replace(
                "%1", labels.item_label(LISTS[list_name])
            )
        )
        self.target, self.list_name = target, list_name
        self.ref: dict[str, str] = {"id": item_id}
        self.values: dict[str, Any] = {}  # filled on the write thread with what was removed

    def redo(self) -> None:
        self.target.delete_item(self.list_name, self.ref, self.values)

    def undo(self) -> None:
        self.target.insert_item(self.list_name, self.values, self.ref)


def undo_actions(stack: QUndoStack, owner: QWidget) -> tuple[QAction, QAction]:
    """'Ongedaan maken' and 'Opnieuw' for ``owner`` and its children, named after the step they take
    and enabled when there is one. The caller connects ``triggered`` (to save pending edits first)."""
    undo = QAction(QCoreApplication.translate("DossierEditor", "&Ongedaan maken"), owner)
    undo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
    redo = QAction(QCoreApplication.translate("DossierEditor", "O&pnieuw"), owner)
    redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
    for action in (undo, redo):
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setEnabled(False)
        owner.addAction(action)
    stack.canUndoChanged.connect(undo.setEnabled)
    stack.canRedoChanged.connect(redo.setEnabled)
    stack.undoTextChanged.connect(
        lambda text: undo.setText(
            QCoreApplication.translate("DossierEditor", "&Ongedaan maken: %1").replace("%1", text)
            if text
            else QCoreApplication.translate("DossierEditor", "&Ongedaan maken")
        )
    )
    stack.redoTextChanged.connect(
        lambda text: redo.setText(
            QCoreApplication.translate("DossierEditor", "O&pnieuw: %1").replace("%1", text)
            if text
            else QCoreApplication.translate("DossierEditor", "O&pnieuw")
        )
    )
    return undo, redo
