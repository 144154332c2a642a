"""Lists inside a section (betrokkenen, diploma's, ervaring, ondersteuning, regelingen, afspraken).

:class:`ItemTableModel` is a table model per ListSpec (named columns = the spec's fields, a sort
role with raw values, an object role with the row's values). It never writes to the database:
an accepted cell edit is announced with ``edit_requested`` and the edit session turns it into an
undoable command. :class:`ItemDelegate` gives each kind of cell a suitable editor that validates as the user
types. :class:`ListEditor` is the table with its add and remove buttons.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from handover.domain import rules
from handover.domain.fields import FieldSpec, ListSpec
from handover.domain.validation import FieldError, check_list_item, clean_value
from handover.ui import labels, theme
from handover.ui.columns import CutTextTooltipDelegate, fit_table
from handover.ui.editor.fields import (
    FieldEditor,
    build_form,
    choice_label,
    display_text,
    edit_text,
    field_label,
    form_layout,
    invalid_frame,
)
from handover.ui.models.base import TableModel
from handover.ui.models.roles import ACCESSIBLE, CHECK_STATE, DISPLAY, EDIT, FOREGROUND, TOOLTIP, Role

AnyIndex = QModelIndex | QPersistentModelIndex


class ItemTableModel(TableModel):
    edit_requested = Signal(str, str, object, object)  # item id, field, old value, new value
    invalid = Signal(str)  # Dutch message for a refused cell edit

    def __init__(self, spec: ListSpec, today: Callable[[], dt.date] = dt.date.today, parent: Any = None) -> None:
        super().__init__(parent, [field_label(f) for f in spec.fields])
        self.spec = spec
        self.columns: tuple[FieldSpec, ...] = spec.fields
        self._rows: list[dict[str, Any]] = []
        self._today = today

    # -- contents -----------------------------------------------------------------------------
    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = [dict(r) for r in rows]
        self.endResetModel()

    def rows(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self._rows]

    def row_of(self, item_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r["id"] == item_id), -1)

    def item_id(self, row: int) -> str:
        return str(self._rows[row]["id"])

    def set_value(self, item_id: str, field: str, value: Any) -> None:
        row = self.row_of(item_id)
        if row < 0:
            return
        self._rows[row][field] = value
        if self.spec.name == "contacts" and field == "is_fixed_contact" and value:
            for other in self._rows:  # exactly one vaste contactpersoon, as the service enforces
                if other["id"] != item_id:
                    other["is_fixed_contact"] = False
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1))
            return
        col = next(i for i, f in enumerate(self.columns) if f.name == field)
        self.dataChanged.emit(self.index(row, col), self.index(row, col))

    def column_of(self, field: str) -> int:
        return next(i for i, f in enumerate(self.columns) if f.name == field)

    # -- TableModel: rows, the object role (the row's values) and the sort role (the raw value) ------
    def row_count(self) -> int:
        return len(self._rows)

    def object_at(self, row: int) -> dict[str, Any]:
        return dict(self._rows[row])

    def sort_value(self, row: int, column: int) -> Any:
        return self._rows[row].get(self.columns[column].name)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Vertical and role == DISPLAY:
            return str(section + 1)
        return super().headerData(section, orientation, role)

    def _shown(self, spec: FieldSpec, row: dict[str, Any]) -> str:
        value = row.get(spec.name)
        if self.spec.name == "agreements" and spec.name == "status":
            state = rules.agreement_state(value or "open", row.get("deadline"), self._today())
            return choice_label(spec, state)
        if spec.kind == "longtext" and value:
            first = str(value).splitlines()[0] if str(value).strip() else ""
            return first if len(first) <= 60 else first[:57] + "…"
        return display_text(spec, value)

    def cell(self, row_number: int, column: int, role: int) -> Any:
        row = self._rows[row_number]
        spec = self.columns[column]
        value = row.get(spec.name)
        if role == DISPLAY:
            if spec.kind == "bool":
                if value:
                    return QCoreApplication.translate("DossierLists", "Ja")
                return QCoreApplication.translate("DossierLists", "Nee")
            return self._shown(spec, row)
        if role == EDIT:
            return edit_text(spec, value)
        if role == CHECK_STATE and spec.kind == "bool":
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        if role == TOOLTIP and spec.kind == "longtext":
            return value or None
        if role == ACCESSIBLE:
            shown = display_text(spec, value) if spec.kind == "bool" else self._shown(spec, row)
            return f"{field_label(spec)}: {shown}"
        if role == FOREGROUND and self.spec.name == "agreements" and spec.name == "status":
            if rules.agreement_state(value or "open", row.get("deadline"), self._today()) == "verlopen":
                return theme.brush(theme.ERROR)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()].kind == "bool":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def validate_cell(self, spec: FieldSpec, row: dict[str, Any], raw: Any) -> Any:
        """The typed value for a cell, or raises FieldError (also checks dates against each other)."""
        if self.spec.name == "agreements" and spec.name == "status" and raw == "verlopen":
            raise FieldError(
                spec.name,
                QCoreApplication.translate("DossierLists", "'Verlopen' volgt vanzelf uit de datum bij 'Tot wanneer'."),
            )
        value = clean_value(spec, raw, today=self._today())
        problems = check_list_item(self.spec.name, {**row, spec.name: value})
        for problem in problems:
            if problem.field == spec.name:
                raise problem
        return value

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid():
            return False
        row = self._rows[index.row()]
        spec = self.columns[index.column()]
        if role == Qt.ItemDataRole.CheckStateRole and spec.kind == "bool":
            raw: Any = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        elif role == Qt.ItemDataRole.EditRole:
            raw = value
        else:
            return False
        try:
            new = self.validate_cell(spec, row, raw)
        except FieldError as err:
            self.invalid.emit(err.message)
            return False
        old = row.get(spec.name)
        if new == old:
            return False
        item_id = str(row["id"])
        self.set_value(item_id, spec.name, new)
        self.edit_requested.emit(item_id, spec.name, old, new)
        return True


class ItemDelegate(CutTextTooltipDelegate):
    """Choice cells get a list of Dutch labels; other cells a line edit that checks as you type; a cell
    cut off by a narrow column shows its full text as a tooltip."""

    def __init__(self, model: ItemTableModel, report: Callable[[str], None], parent: Any = None) -> None:
        super().__init__(parent)
        self._model = model
        self._report = report
        self._retry: tuple[QPersistentModelIndex, str] | None = None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:  # noqa: N802
        spec = self._model.columns[index.column()]
        if spec.kind == "choice":
            combo = QComboBox(parent)
            if not spec.required:
                combo.addItem(QCoreApplication.translate("DossierLists", "(niet ingevuld)"), "")
            assert spec.vocabulary is not None
            for code, _label in spec.vocabulary:
                if self._model.spec.name == "agreements" and code == "verlopen":
                    continue  # derived from the deadline, never chosen
                combo.addItem(choice_label(spec, code), code)
            combo.setAccessibleName(field_label(spec))
            return combo
        edit = QLineEdit(parent)
        edit.setAccessibleName(field_label(spec))
        if spec.kind == "date":
            edit.setPlaceholderText(QCoreApplication.translate("DossierLists", "dd-mm-jjjj"))
        row = dict(self._model.data(index, Role.OBJECT) or {})

        def check(text: str) -> None:
            try:
                self._model.validate_cell(spec, row, text)
            except FieldError as err:
                edit.setStyleSheet(invalid_frame())
                edit.setToolTip(err.message)
                edit.setAccessibleDescription(err.message)
                self._report(err.message)
            else:
                edit.setStyleSheet("")
                edit.setToolTip("")
                edit.setAccessibleDescription("")
                self._report("")

        edit.textEdited.connect(check)
        self._check = check
        return edit

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Role.SORT) or "")))
        elif isinstance(editor, QLineEdit):
            retry, self._retry = self._retry, None
            if retry is not None and retry[0] == QPersistentModelIndex(index):
                editor.setText(retry[1])  # what the user typed, with its message, instead of losing it
                self._check(retry[1])
            else:
                editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData() or "", Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            text = editor.text()
            try:
                self._model.validate_cell(
                    self._model.columns[index.column()], dict(index.data(Role.OBJECT) or {}), text
                )
            except FieldError as err:
                self._report(err.message)
                self._reopen(index, text)
                return
            model.setData(index, text, Qt.ItemDataRole.EditRole)

    def _reopen(self, index: AnyIndex, text: str) -> None:
        """An invalid cell is not saved, but the text is not lost either: the cell opens again with it."""
        view = self.parent()
        if not isinstance(view, QAbstractItemView):
            return
        persistent = QPersistentModelIndex(index)
        self._retry = (persistent, text)

        def again() -> None:
            if persistent.isValid() and view.isVisible():
                target = self._model.index(persistent.row(), persistent.column())
                view.setCurrentIndex(target)
                view.edit(target)

        QTimer.singleShot(0, again)


class ItemDialog(QDialog):
    """A new item: a form built from the list's fields, checked before it is accepted."""

    def __init__(
        self, spec: ListSpec, parent: QWidget | None = None, *, today: Callable[[], dt.date] = dt.date.today
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self.values: dict[str, Any] = {}
        title = QCoreApplication.translate("DossierLists", "Nieuw: %1")
        self.setWindowTitle(title.replace("%1", labels.item_label(spec)))
        layout = QVBoxLayout(self)
        form = form_layout()
        self.editors: dict[str, FieldEditor] = build_form(spec.fields, self, form, today=today)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            QCoreApplication.translate("DossierLists", "Toevoegen")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            QCoreApplication.translate("DossierLists", "Annuleren")
        )
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if spec.name == "agreements":
            self.editors["status"].set_value("open")

    def _try_accept(self) -> None:
        values: dict[str, Any] = {}
        ok = True
        for name, editor in self.editors.items():
            valid, value = editor.validate()
            ok &= valid
            if valid:
                values[name] = value
        if ok:
            for problem in check_list_item(self.spec.name, values):
                self.editors[problem.field].show_error(problem.message)
                ok = False
        if self.spec.name == "agreements" and values.get("status") == "verlopen":
            self.editors["status"].show_error(
                QCoreApplication.translate("DossierLists", "'Verlopen' volgt vanzelf uit de datum bij 'Tot wanneer'.")
            )
            ok = False
        if not ok:
            return
        self.values = values
        self.accept()


class ListEditor(QWidget):
    """The table of one list with 'Toevoegen…' and 'Verwijderen'; the page does the writing."""

    add_requested = Signal(str, dict)  # list name, cleaned values
    remove_requested = Signal(str, str)  # list name, item id

    def __init__(
        self, spec: ListSpec, parent: QWidget | None = None, *, today: Callable[[], dt.date] = dt.date.today
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self._today = today
        self.dialog: ItemDialog | None = None
        self.model = ItemTableModel(spec, today, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(f"<b>{labels.list_label(spec)}</b>", self)
        layout.addWidget(title)
        self.view = QTableView(self)
        self.view.setObjectName(f"lijst_{spec.name}")
        self.view.setAccessibleName(labels.list_label(spec))
        self.view.setModel(self.model)
        self.view.setItemDelegate(ItemDelegate(self.model, self.show_message, self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move between cells
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.columns = fit_table(self.view)  # to the content, shrunk fairly when narrow: no sideways scrolling
        self.view.setMinimumHeight(150)
        layout.addWidget(self.view)
        self.message = QLabel(self)
        self.message.setObjectName(f"melding_{spec.name}")
        self.message.setStyleSheet(theme.ERROR_TEXT_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(
            QCoreApplication.translate("DossierLists", "%1 toevoegen…").replace(
                "%1", labels.capitalised(labels.item_label(spec))
            ),
            self,
        )
        self.add_button.setAccessibleName(self.add_button.text())
        self.remove_button = QPushButton(QCoreApplication.translate("DossierLists", "Verwijderen"), self)
        self.remove_button.setAccessibleName(
            QCoreApplication.translate("DossierLists", "%1 verwijderen").replace(
                "%1", labels.capitalised(labels.item_label(spec))
            )
        )
        self.remove_button.setEnabled(False)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_selected)
        insert = QShortcut(QKeySequence(Qt.Key.Key_Insert), self.view)
        insert.setContext(Qt.ShortcutContext.WidgetShortcut)
        insert.activated.connect(self.open_add_dialog)
        self.view.setToolTip(
            QCoreApplication.translate(
                "DossierLists", "Dubbelklik of F2: wijzigen · Insert: toevoegen · Delete: verwijderen"
            )
        )
        self.add_button.clicked.connect(self.open_add_dialog)
        self.remove_button.clicked.connect(self.remove_selected)
        self.model.invalid.connect(self.show_message)
        self.model.modelReset.connect(self._after_reset)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.model.set_rows(rows)

    def _after_reset(self) -> None:
        self._selection_changed()

    def _selection_changed(self, *_args: object) -> None:
        self.remove_button.setEnabled(bool(self.view.selectionModel().selectedRows()))

    def open_add_dialog(self) -> ItemDialog:
        dialog = ItemDialog(self.spec, self, today=self._today)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.add_requested.emit(self.spec.name, dict(dialog.values)))
        self.dialog = dialog
        dialog.open()
        return dialog

    def remove_selected(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if rows:
            self.remove_requested.emit(self.spec.name, self.model.item_id(rows[0].row()))
