"""Form controls generated from a FieldSpec, with inline validation next to the control.

One :class:`FieldEditor` per field: the control (line edit, text box, date entry, check box,
choice list), its label and a red message label that shows the Dutch message from
``domain.validation.clean_value`` while the user types. The editor page, the list dialogs
and the contactmoment dialog all build their forms from these, so a field behaves the same
everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from handover.domain.fields import FieldSpec
from handover.domain.validation import FieldError, clean_value
from handover.ui import labels, theme

DATE_FORMAT = "%d-%m-%Y"


def invalid_frame() -> str:
    """The red frame of a field whose text is not valid (in the active colour variant)."""
    return f"border: 1px solid {theme.ERROR}; border-radius: 3px;"


def field_label(spec: FieldSpec) -> str:
    """Labels are declared once in the domain (Dutch); translated in the 'Domein' context."""
    return labels.field_label(spec)


def choice_label(spec: FieldSpec, code: str | None) -> str:
    if spec.vocabulary is None or not code:
        return ""
    return labels.vocabulary_label(spec.vocabulary, code)


def display_text(spec: FieldSpec, value: Any) -> str:
    """How a stored value reads in a control or a table cell (dates as dd-mm-jjjj)."""
    if value is None:
        return ""
    if spec.kind == "date" and isinstance(value, dt.date):
        return value.strftime(DATE_FORMAT)
    if spec.kind == "bool":
        return (
            QCoreApplication.translate("DossierFields", "Ja")
            if value
            else QCoreApplication.translate("DossierFields", "Nee")
        )
    if spec.kind == "choice":
        return choice_label(spec, value)
    return str(value)


def edit_text(spec: FieldSpec, value: Any) -> str:
    """The text a user would type for a value (for line edits): codes stay codes for choices."""
    if value is None:
        return ""
    if spec.kind == "date" and isinstance(value, dt.date):
        return value.strftime(DATE_FORMAT)
    return str(value)


def _is_undo_key(event: QKeyEvent) -> bool:
    combo = event.keyCombination()
    return (
        event.matches(QKeySequence.StandardKey.Undo)
        or event.matches(QKeySequence.StandardKey.Redo)
        or QKeySequence(combo) == QKeySequence("Ctrl+Y")
    )


class FieldEditor(QObject):
    """The control for one field plus its message label. ``edited`` fires on every user change,
    ``committed`` when the user is done with it (focus left, box ticked, choice picked)."""

    edited = Signal()
    committed = Signal()

    def __init__(
        self,
        spec: FieldSpec,
        parent: QWidget,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        extra_check: Callable[[FieldSpec, Any], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self._today = today
        self._extra_check = extra_check
        self._quiet = False
        # On the editor page Ctrl+Z/Ctrl+Y undo whole saved edits of the dossier, also while the
        # cursor is in a text field (whose own undo would otherwise take the keys).
        self.defer_undo_keys = False
        self.row = QWidget(parent)
        layout = QVBoxLayout(self.row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.widget = self._make_control(spec)
        self.widget.setObjectName(f"veld_{spec.name}")
        self.widget.setAccessibleName(field_label(spec))
        layout.addWidget(self.widget)
        self.error_label = QLabel(self.row)
        self.error_label.setObjectName(f"melding_{spec.name}")
        self.error_label.setStyleSheet(theme.ERROR_TEXT_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName(
            QCoreApplication.translate("DossierFields", "Melding bij %1").replace("%1", field_label(spec))
        )
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.label = QLabel(field_label(spec), parent)
        self.label.setBuddy(self.widget)
        self.label.setWordWrap(False)
        self.widget.installEventFilter(self)
        self._disabled_reason = ""

    # -- building ------------------------------------------------------------------------------
    def _make_control(self, spec: FieldSpec) -> QWidget:
        kind = spec.kind
        if kind == "longtext":
            box = QPlainTextEdit(self.parent())
            box.setTabChangesFocus(True)  # Tab moves on, as in every other field
            box.setMinimumHeight(64)
            box.setMaximumHeight(96)
            box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            box.textChanged.connect(self._on_user_change)
            return box
        if kind == "bool":
            check = QCheckBox(field_label(spec), self.parent())
            check.toggled.connect(self._on_discrete_change)
            return check
        if kind == "choice":
            combo = QComboBox(self.parent())
            combo.addItem(
                QCoreApplication.translate("DossierFields", "(niet ingevuld)")
                if not spec.required
                else QCoreApplication.translate("DossierFields", "Kies…"),
                "",
            )
            assert spec.vocabulary is not None
            for code, _label in spec.vocabulary:
                combo.addItem(choice_label(spec, code), code)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self._on_discrete_change)
            return combo
        edit = QLineEdit(self.parent())
        if kind == "date":
            edit.setPlaceholderText(QCoreApplication.translate("DossierFields", "dd-mm-jjjj"))
            edit.setMaximumWidth(160)
        elif kind == "int":
            edit.setMaximumWidth(100)
            edit.setMaxLength(4)
        elif kind == "bsn":
            edit.setMaximumWidth(160)
            edit.setMaxLength(11)
        elif kind in ("postcode", "brin"):
            edit.setMaximumWidth(120)
        else:
            edit.setMaxLength(max(spec.max_length + 20, 40))
        edit.textEdited.connect(self._on_user_change)
        return edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.widget and event.type() == QEvent.Type.FocusOut:
            self.committed.emit()
        elif (
            self.defer_undo_keys
            and watched is self.widget
            and event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and _is_undo_key(event)
        ):
            event.ignore()  # not accepted: the page's undo/redo shortcut gets the key
            return True
        return False

    # -- values --------------------------------------------------------------------------------
    def raw(self) -> Any:
        w = self.widget
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QComboBox):
            return w.currentData() or ""
        assert isinstance(w, QLineEdit)
        return w.text()

    def text(self) -> str:
        """The raw input as text (what a draft keeps)."""
        raw = self.raw()
        if isinstance(raw, bool):
            return "ja" if raw else "nee"
        return str(raw)

    def set_value(self, value: Any) -> None:
        """Show a stored value without counting it as a user edit."""
        self._quiet = True
        try:
            w = self.widget
            if isinstance(w, QPlainTextEdit):
                w.setPlainText(value or "")
            elif isinstance(w, QCheckBox):
                w.setChecked(bool(value))
            elif isinstance(w, QComboBox):
                index = w.findData(value or "")
                if index < 0 and value:  # a code the vocabulary no longer has: keep it visible
                    w.addItem(str(value), value)
                    index = w.count() - 1
                w.setCurrentIndex(max(index, 0))
            else:
                assert isinstance(w, QLineEdit)
                w.setText(edit_text(self.spec, value))
        finally:
            self._quiet = False

    def set_text(self, text: str) -> None:
        """Show raw text (a restored draft)."""
        if isinstance(self.widget, QLineEdit):
            self._quiet = True
            try:
                self.widget.setText(text)
            finally:
                self._quiet = False
        elif isinstance(self.widget, QPlainTextEdit):
            self.set_value(text)
        elif isinstance(self.widget, QCheckBox):
            self.set_value(text.strip().lower() in ("ja", "1", "true"))
        else:
            self.set_value(text)

    def clean(self) -> Any:
        """The typed value, or raises FieldError with the Dutch message."""
        value = clean_value(self.spec, self.raw(), today=self._today())
        if self._extra_check is not None:
            problem = self._extra_check(self.spec, value)
            if problem:
                raise FieldError(self.spec.name, problem)
        return value

    def validate(self) -> tuple[bool, Any]:
        """Check the current input and show or clear the message. Returns (valid, typed value)."""
        try:
            value = self.clean()
        except FieldError as err:
            self.show_error(err.message)
            return False, None
        self.show_error("")
        return True, value

    # -- messages and state -------------------------------------------------------------------
    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
        self.widget.setAccessibleDescription(message or self._disabled_reason)
        self.widget.setToolTip(message or self._disabled_reason)
        if isinstance(self.widget, QLineEdit | QPlainTextEdit):
            self.widget.setStyleSheet(invalid_frame() if message else "")

    @property
    def message(self) -> str:
        return self.error_label.text()

    def set_enabled(self, enabled: bool, reason: str = "") -> None:
        self._disabled_reason = "" if enabled else reason
        self.widget.setEnabled(enabled)
        self.widget.setToolTip(self._disabled_reason)
        self.widget.setAccessibleDescription(self._disabled_reason)

    def _on_user_change(self, *_args: object) -> None:
        if not self._quiet:
            self.validate()
            self.edited.emit()

    def _on_discrete_change(self, *_args: object) -> None:
        if not self._quiet:
            self.validate()
            self.edited.emit()
            self.committed.emit()


def build_form(
    specs: Iterable[FieldSpec],
    parent: QWidget,
    layout: QFormLayout,
    *,
    today: Callable[[], dt.date] = dt.date.today,
    extra_check: Callable[[FieldSpec, Any], str | None] | None = None,
) -> dict[str, FieldEditor]:
    """Add a row per field to a form layout; check boxes carry their own text."""
    editors: dict[str, FieldEditor] = {}
    for spec in specs:
        editor = FieldEditor(spec, parent, today=today, extra_check=extra_check)
        if spec.kind == "bool":
            editor.label.hide()
            layout.addRow("", editor.row)
        else:
            layout.addRow(editor.label, editor.row)
        editors[spec.name] = editor
    return editors


def form_layout() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    # A field goes under its label only where the row does not fit (a narrow window, larger text).
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    form.setHorizontalSpacing(14)
    form.setVerticalSpacing(8)
    return form
