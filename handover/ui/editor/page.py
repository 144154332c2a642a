"""The overstapdossier editor: sections A–K and the contactmomenten of one young person.

No save button: a valid value is saved shortly after the user stops typing (and at once when
the field loses focus); text that is not valid yet is kept as a draft so nothing typed is lost,
and comes back with its message when the dossier is opened again. Every saved edit is an undo
step that writes the previous value back through the service. All database work runs on the
TaskRunner; writes are serialised there, so the order of saves is the order of edits.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QColor, QFont, QHideEvent, QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from handover.domain import rules
from handover.domain.fields import LISTS, SECTIONS, YOUTH_FIELDS, FieldSpec, SectionSpec, full_name
from handover.domain.validation import FieldError, ValidationFailed, check_youth
from handover.domain.vocab import HANDOVER_STATUS
from handover.services.context import AppContext
from handover.services.dossiers import DossierService, health_allowed
from handover.services.records import SectionCompleteness, completeness
from handover.services.settings import get_setting
from handover.ui import labels
from handover.ui.checkins.panel import CheckInsPanel
from handover.ui.editor.commands import AddItemCommand, FieldEditCommand, ItemEditCommand, RemoveItemCommand
from handover.ui.editor.consent import ConsentPanel
from handover.ui.editor.fields import ERROR_STYLE, FieldEditor, build_form, edit_text, form_layout
from handover.ui.editor.lists import ListEditor
from handover.ui.tasks import TaskRunner

AUTOSAVE_DELAY_MS = 500
CHECKINS_KEY = "M"  # Alt+M: contactMomenten (A–K are the sections)
DATE_FIELDS = ("birth_date", "school_start", "leaving_date")
MUTED = "#5f6368"
# Saving these changes more than the field: the contactmomenten plan follows the leaving date, and the
# validity of a consent depends on the age at consent.
REREAD_FIELDS = frozenset({"leaving_date", "birth_date"})
STATUS_CHIP = "QLabel#overdrachtstatus {{ background: {bg}; color: {fg}; border-radius: 10px; padding: 3px 12px; }}"
STATUS_COLOURS = {
    "concept": ("#eceff1", "#37474f"),
    "klaar": ("#e8f0fe", "#174ea6"),
    "besproken": ("#e8f0fe", "#174ea6"),
    "verstuurd": ("#fff4d6", "#7a4f00"),
    "ontvangen": ("#e3f1e4", "#1b5e20"),
    "afgerond": ("#e3f1e4", "#1b5e20"),
}


@dataclass(frozen=True)
class Snapshot:
    """What the page shows, read in one go on a worker thread."""

    youth: Any
    completeness: list[SectionCompleteness]
    health_ok: bool
    recipient: str
    drafts: dict[str, str] | None = None


def load_snapshot(ctx: AppContext, youth_id: str, *, audit_view: bool = False, drafts: bool = False) -> Snapshot:
    service = DossierService(ctx)
    youth = service.get(youth_id, audit_view=audit_view)
    today = ctx.today()
    with ctx.session() as session:
        recipient = get_setting(session, "default_recipient") or ""
    return Snapshot(
        youth,
        completeness(youth, today),
        health_allowed(youth, today),
        recipient,
        service.drafts(youth_id) if drafts else None,
    )


def _item_rows(youth: Any, list_name: str) -> list[dict[str, Any]]:
    spec = LISTS[list_name]
    return [
        {"id": item.id, **{f.name: getattr(item, f.name) for f in spec.fields}} for item in getattr(youth, list_name)
    ]


class _KeyPressEater(QObject):
    """Swallows the one key press that follows a handled Alt+letter, then removes itself."""

    def __init__(self, key: Qt.Key) -> None:
        super().__init__(QApplication.instance())
        self.key = key

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() == self.key:
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            self.deleteLater()
            return True
        return False


def _swallow_next_key_press(key: Qt.Key) -> None:
    app = QApplication.instance()
    if app is not None:
        app.installEventFilter(_KeyPressEater(key))


class DossierEditorPage(QWidget):
    """Host with ``DossierEditorPage(ctx, runner, parent)``, then ``open_youth(youth_id)``."""

    dossier_opened = Signal(str)
    dossier_saved = Signal(str)
    closed = Signal()
    save_failed = Signal(str)  # Dutch message

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dossier_editor")
        self.ctx, self.runner = ctx, runner
        self.autosave_delay_ms = AUTOSAVE_DELAY_MS
        self._youth_id: str | None = None
        self._youth: Any = None
        self._loaded = False
        self._saved: dict[str, Any] = {}
        self._drafts: dict[str, str] = {}
        self._pending: set[str] = set()
        self._in_flight = 0
        self._health_ok = False
        self._aliases: dict[str, str] = {}
        self._empty = True
        self.undo_stack = QUndoStack(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)
        self.editors: dict[str, FieldEditor] = {}
        self.lists: dict[str, ListEditor] = {}
        self.nav_items: dict[str, QTreeWidgetItem] = {}
        self._build()
        self._make_actions()
        self._show_empty(True)

    # ================================================================================================
    # building
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 10)
        outer.setSpacing(10)
        outer.addWidget(self._build_header())
        body = QHBoxLayout()
        body.setSpacing(12)
        self.nav = QTreeWidget(self)
        self.nav.setObjectName("onderdelen")
        self.nav.setAccessibleName(QCoreApplication.translate("DossierEditor", "Onderdelen van het dossier"))
        self.nav.setColumnCount(2)
        self.nav.setHeaderHidden(True)
        self.nav.setRootIsDecorated(False)
        self.nav.setIndentation(0)
        self.nav.setUniformRowHeights(True)
        self.nav.header().setStretchLastSection(False)
        self.nav.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.nav.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.nav.setMinimumWidth(340)
        self.nav.setMaximumWidth(380)
        self.nav.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.nav.setStyleSheet("QTreeWidget::item { padding: 5px 4px; }")
        nav_column = QVBoxLayout()
        nav_column.setSpacing(4)
        nav_column.addWidget(self.nav)
        self.nav_hint = QLabel(
            QCoreApplication.translate(
                "DossierEditor", "Sneltoets: Alt + letter van het onderdeel; Alt+M voor contactmomenten."
            ),
            self,
        )
        self.nav_hint.setWordWrap(True)
        self.nav_hint.setStyleSheet(f"color: {MUTED};")
        self.nav_hint.setMaximumWidth(380)
        nav_column.addWidget(self.nav_hint)
        nav_column.addStretch(1)
        body.addLayout(nav_column)
        self.stack = QStackedWidget(self)
        body.addWidget(self.stack, 1)
        self.empty_label = QLabel(
            QCoreApplication.translate("DossierEditor", "Kies een jongere om het overstapdossier te openen."), self
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addLayout(body, 1)
        outer.addWidget(self.empty_label, 1)

        self.section_pages: dict[str, QWidget] = {}
        for section in SECTIONS:
            title = f"{section.code}  {self._section_title(section)}"
            self._add_page(section.code, title, self._build_section(section))
        self.checkins_panel = CheckInsPanel(self.ctx, self._write, self.ctx.today, self)
        self._add_page(
            CHECKINS_KEY,
            QCoreApplication.translate("DossierEditor", "Contactmomenten"),
            self._scroll(QCoreApplication.translate("DossierEditor", "Contactmomenten"), self.checkins_panel),
        )
        self._fit_nav()
        self.nav.currentItemChanged.connect(self._nav_changed)
        self.nav.setCurrentItem(self.nav_items["A"])
        self._section_keys = {getattr(Qt.Key, f"Key_{code}"): code for code in self.nav_items}

    def _fit_nav(self) -> None:
        """The navigation is as tall as its entries (at any scaling), the hint right below it."""
        rows = self.nav.topLevelItemCount()
        self.nav.setFixedHeight(self.nav.sizeHintForRow(0) * rows + 2 * self.nav.frameWidth() + 6)

    def _build_header(self) -> QWidget:
        header = QFrame(self)
        header.setObjectName("kop")
        header.setFrameShape(QFrame.Shape.StyledPanel)
        header.setStyleSheet("#kop { background: palette(base); border-radius: 6px; }")
        layout = QHBoxLayout(header)
        layout.setContentsMargins(14, 10, 14, 10)
        names = QVBoxLayout()
        self.name_label = QLabel(header)
        self.name_label.setObjectName("naam")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sub_label = QLabel(header)
        self.sub_label.setObjectName("kenmerken")
        self.sub_label.setStyleSheet(f"color: {MUTED};")
        names.addWidget(self.name_label)
        names.addWidget(self.sub_label)
        attention_row = QHBoxLayout()
        self.attention_label = QLabel(header)
        self.attention_label.setObjectName("aandacht")
        self.attention_label.setStyleSheet("color: #8c1d18; font-weight: 600;")
        self.attention_button = QPushButton(QCoreApplication.translate("DossierEditor", "Ge&zien"), header)
        self.attention_button.setAccessibleName(QCoreApplication.translate("DossierEditor", "Aandachtspunt gezien"))
        self.attention_button.clicked.connect(self.clear_attention)
        attention_row.addWidget(self.attention_label)
        attention_row.addWidget(self.attention_button)
        attention_row.addStretch(1)
        names.addLayout(attention_row)
        self.attention_label.hide()
        self.attention_button.hide()
        layout.addLayout(names, 1)
        right = QVBoxLayout()
        status_row = QHBoxLayout()
        self.status_label = QLabel(header)
        self.status_label.setObjectName("overdrachtstatus")
        self.status_label.setAccessibleName(QCoreApplication.translate("DossierEditor", "Overdrachtstatus"))
        self.status_button = QToolButton(header)
        self.status_button.setText(QCoreApplication.translate("DossierEditor", "&Status wijzigen"))
        self.status_button.setAccessibleName(QCoreApplication.translate("DossierEditor", "Overdrachtstatus wijzigen"))
        self.status_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.status_menu = QMenu(self.status_button)
        self.status_button.setMenu(self.status_menu)
        self.close_button = QPushButton(QCoreApplication.translate("DossierEditor", "Sluiten"), header)
        self.close_button.setAccessibleName(QCoreApplication.translate("DossierEditor", "Dossier sluiten"))
        self.close_button.clicked.connect(self.close_dossier)
        status_row.addWidget(self.status_label)
        status_row.addWidget(self.status_button)
        status_row.addWidget(self.close_button)
        right.addLayout(status_row)
        self.save_label = QLabel(header)
        self.save_label.setObjectName("opslaan_stand")
        self.save_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.save_label.setStyleSheet(f"color: {MUTED};")
        right.addWidget(self.save_label)
        layout.addLayout(right)
        return header

    @staticmethod
    def _section_title(section: SectionSpec) -> str:
        return labels.section_title(section)

    def _scroll(self, title: str, content: QWidget) -> QScrollArea:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(8, 4, 16, 16)
        layout.setSpacing(12)
        heading = QLabel(title, page)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        layout.addWidget(content)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        return scroll

    def _build_section(self, section: SectionSpec) -> QWidget:
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        if section.fields:
            form_box = QWidget(content)
            form_box.setMaximumWidth(760)
            form = form_layout()
            form_box.setLayout(form)
            editors = build_form(section.fields, form_box, form, today=self.ctx.today, extra_check=self._extra_check)
            for name, editor in editors.items():
                editor.defer_undo_keys = True
                editor.edited.connect(lambda name=name: self._field_edited(name))
                editor.committed.connect(lambda name=name: self._field_committed(name))
            self.editors.update(editors)
            layout.addWidget(form_box)
            if "health_notes" in editors:
                self.health_hint = QLabel(
                    QCoreApplication.translate(
                        "DossierEditor",
                        "Gezondheid kan alleen worden ingevuld als er geldige toestemming is "
                        "die ook gezondheidsgegevens omvat (onderdeel J, Toestemming).",
                    ),
                    content,
                )
                self.health_hint.setObjectName("gezondheid_uitleg")
                self.health_hint.setWordWrap(True)
                self.health_hint.setStyleSheet("color: #7a4f00;")
                form.addRow("", self.health_hint)
        for spec in section.lists:
            editor = ListEditor(spec, content, today=self.ctx.today)
            editor.add_requested.connect(self._add_requested)
            editor.remove_requested.connect(self._remove_requested)
            editor.model.edit_requested.connect(
                lambda item_id, field, old, new, name=spec.name: self._item_edited(name, item_id, field, old, new)
            )
            self.lists[spec.name] = editor
            layout.addWidget(editor)
        if section.code == "B":
            self.fixed_contact_label = QLabel(content)
            self.fixed_contact_label.setObjectName("vaste_contactpersoon")
            self.fixed_contact_label.setStyleSheet(ERROR_STYLE)
            self.fixed_contact_label.setWordWrap(True)
            layout.addWidget(self.fixed_contact_label)
        if section.code == "J":
            self.consent_panel = ConsentPanel(self.ctx, self._write, self.ctx.today, content)
            layout.addWidget(self.consent_panel)
        if section.code == "K":
            layout.addWidget(self._build_status_section(content))
        return self._scroll(f"{section.code}. {self._section_title(section)}", content)

    def _build_status_section(self, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.k_status = QLabel(box)
        self.k_status.setObjectName("k_status")
        layout.addWidget(self.k_status)
        note = QLabel(
            QCoreApplication.translate(
                "DossierEditor",
                "'Verstuurd' en 'Ontvangen door Werk en Inkomen' worden gezet bij het versturen naar de "
                "gemeente en door de ontvangstbevestiging, nooit met de hand.",
            ),
            box,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.k_changed = QLabel(box)
        self.k_changed.setObjectName("k_gewijzigd")
        self.k_changed.setStyleSheet(f"color: {MUTED};")
        layout.addWidget(self.k_changed)
        self.k_buttons = QHBoxLayout()
        self.k_buttons.addStretch(1)
        layout.addLayout(self.k_buttons)
        self.status_message = QLabel(box)
        self.status_message.setStyleSheet(ERROR_STYLE)
        self.status_message.setWordWrap(True)
        self.status_message.hide()
        layout.addWidget(self.status_message)
        self._k_button_widgets: list[QPushButton] = []
        return box

    def _add_page(self, code: str, title: str, widget: QWidget) -> None:
        item = QTreeWidgetItem([title, ""])
        item.setData(0, Qt.ItemDataRole.UserRole, code)
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setToolTip(0, QCoreApplication.translate("DossierEditor", "Alt+%1").replace("%1", code))
        self.nav.addTopLevelItem(item)
        self.nav_items[code] = item
        self.section_pages[code] = widget
        self.stack.addWidget(widget)

    def _make_actions(self) -> None:
        self._undo_action = QAction(QCoreApplication.translate("DossierEditor", "&Ongedaan maken"), self)
        self._undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self._redo_action = QAction(QCoreApplication.translate("DossierEditor", "O&pnieuw"), self)
        self._redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        for action in (self._undo_action, self._redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setEnabled(False)
            self.addAction(action)
        self._undo_action.triggered.connect(self.undo)
        self._redo_action.triggered.connect(self.redo)
        self.undo_stack.canUndoChanged.connect(self._undo_action.setEnabled)
        self.undo_stack.canRedoChanged.connect(self._redo_action.setEnabled)
        self.undo_stack.undoTextChanged.connect(
            lambda text: self._undo_action.setText(
                QCoreApplication.translate("DossierEditor", "&Ongedaan maken: %1").replace("%1", text)
                if text
                else QCoreApplication.translate("DossierEditor", "&Ongedaan maken")
            )
        )
        self.undo_stack.redoTextChanged.connect(
            lambda text: self._redo_action.setText(
                QCoreApplication.translate("DossierEditor", "O&pnieuw: %1").replace("%1", text)
                if text
                else QCoreApplication.translate("DossierEditor", "O&pnieuw")
            )
        )

    # ================================================================================================
    # public API for the shell
    @property
    def undo_action(self) -> QAction:
        return self._undo_action

    @property
    def redo_action(self) -> QAction:
        return self._redo_action

    @property
    def youth_id(self) -> str | None:
        return self._youth_id

    @property
    def is_loaded(self) -> bool:
        return self._loaded

    def open_youth(self, youth_id: str) -> None:
        """Open a dossier (saving what is pending in the one shown now). ``dossier_opened`` follows."""
        if self._youth_id is not None:
            self.flush()
        if youth_id != self._youth_id:
            self.undo_stack.clear()
            self._aliases.clear()
        self._youth_id = youth_id
        self._loaded = False
        self.stack.setEnabled(False)  # nothing can be typed into the previous dossier's fields meanwhile
        self.save_label.setText(QCoreApplication.translate("DossierEditor", "Openen…"))
        # Viewing is audited, which is a write: it queues behind pending saves, so it sees them.
        self.runner.run_write(
            lambda: load_snapshot(self.ctx, youth_id, audit_view=True, drafts=True),
            self._guard(self._opened),
            self._guard(self._open_failed),
        )

    def refresh(self) -> None:
        """Re-read the open dossier (changed elsewhere, e.g. on the Afspraken page or by the sync).
        Pending edits are saved first, so nothing typed is lost."""
        if self._youth_id is not None:
            self.open_youth(self._youth_id)

    def show_section(self, code: str, *, focus: bool = False) -> None:
        item = self.nav_items.get(code)
        if item is None:
            return
        self.nav.setCurrentItem(item)
        if focus:
            self._focus_first_in(self.section_pages[code])

    @staticmethod
    def _focus_first_in(page: QWidget) -> None:
        """Put the cursor on the first control of a section (in Tab order)."""
        widget = page.nextInFocusChain()
        while widget is not None and widget is not page:
            if (
                page.isAncestorOf(widget)
                and widget.isEnabled()
                and widget.isVisibleTo(page)
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            ):
                widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return
            widget = widget.nextInFocusChain()
        page.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def flush(self) -> None:
        """Save every pending edit now (without waiting for the writes to finish)."""
        self._timer.stop()
        for name in list(self._pending):
            self._flush_field(name)

    def close_dossier(self) -> None:
        """Save what is pending, wait for the writes, and tell the shell (``closed``)."""
        self.flush()
        self.runner.wait_idle()
        self.closed.emit()

    def undo(self) -> None:
        self.flush()
        self.undo_stack.undo()

    def redo(self) -> None:
        self.flush()
        self.undo_stack.redo()

    def status_choices(self) -> list[str]:
        """The handover statuses the user may choose now (never 'verstuurd' or 'ontvangen')."""
        if self._youth is None:
            return []
        return [s for s in rules.allowed_manual_statuses(self._youth.status) if s not in rules.SYNC_ONLY_STATUSES]

    def clear_attention(self) -> None:
        """The mentor has seen why this young person needed attention."""
        youth_id = self._youth_id
        if youth_id is not None:
            service = DossierService(self.ctx)
            self._write(lambda: service.clear_attention(youth_id))

    def set_status(self, status: str) -> None:
        youth_id = self._youth_id
        if youth_id is None or status not in self.status_choices():
            return
        service = DossierService(self.ctx)

        def failed(exc: BaseException) -> None:
            self.status_message.setText(str(exc))
            self.status_message.show()

        self.status_message.hide()
        self._write(lambda: service.set_status(youth_id, status), on_error=failed)

    # ================================================================================================
    # events
    def event(self, event: QEvent) -> bool:
        """Alt+letter goes to that section while the focus is in the editor.

        Handled here rather than with QShortcut: the window's menus use Alt+B, Alt+D, Alt+H too, and
        two shortcuts on one key cancel each other out. The override event reaches the page from any
        focused child; accepting it keeps the key from the menu bar, and the key press that follows is
        swallowed so it never types a letter into the newly focused field.
        """
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            code = self._section_keys.get(Qt.Key(event.key()))
            if code is not None and event.modifiers() == Qt.KeyboardModifier.AltModifier and not self._empty:
                event.accept()
                _swallow_next_key_press(Qt.Key(event.key()))
                self.show_section(code, focus=True)
                return True
        return super().event(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.flush()
        self.runner.wait_idle()
        if self._youth_id is not None:
            self.closed.emit()
        super().closeEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        self.flush()  # the shell switched pages: save what was typed
        super().hideEvent(event)

    # ================================================================================================
    # background writes
    def _guard(self, fn: Callable[..., None]) -> Callable[..., None]:
        """Results may arrive after the page is gone (closed window): then they are dropped."""

        def call(*args: Any) -> None:
            if shiboken6.isValid(self):
                fn(*args)

        return call

    def _write(
        self,
        fn: Callable[[], Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        refresh_lists: bool = False,
        reread: bool = True,
    ) -> None:
        """Run a write and (unless ``reread`` is off) re-read the dossier in the same background job;
        update the page after."""
        youth_id = self._youth_id
        if youth_id is None:
            return
        ctx = self.ctx

        def job() -> tuple[Any, Snapshot | None]:
            result = fn()
            return result, load_snapshot(ctx, youth_id) if reread else None

        def done(pair: tuple[Any, Snapshot | None]) -> None:
            self._in_flight -= 1
            result, snapshot = pair
            if snapshot is not None and snapshot.youth.id == self._youth_id:
                self._apply_snapshot(snapshot, refresh_lists=refresh_lists)
            self._update_save_label()
            self.dossier_saved.emit(youth_id)
            if on_done is not None:
                on_done(result)

        def failed(exc: BaseException) -> None:
            self._in_flight -= 1
            self._update_save_label()
            if on_error is not None:
                on_error(exc)
            else:
                self._report_problem(exc)

        self._in_flight += 1
        self._update_save_label()
        self.runner.run_write(job, self._guard(done), self._guard(failed))

    def _quiet_write(self, fn: Callable[[], Any]) -> None:
        """Drafts: no re-read needed, failures only reported."""
        self.runner.run_write(fn, None, self._guard(self._report_problem))

    def _update_save_label(self) -> None:
        self.save_label.setStyleSheet(f"color: {MUTED};")
        if self._in_flight > 0 or self._pending:
            self.save_label.setText(QCoreApplication.translate("DossierEditor", "Opslaan…"))
        elif self._drafts:
            self.save_label.setText(
                QCoreApplication.translate(
                    "DossierEditor", "Opgeslagen; %n veld(en) nog niet geldig (bewaard als concepttekst)"
                ).replace("%n", str(len(self._drafts)))
            )
        else:
            self.save_label.setText(QCoreApplication.translate("DossierEditor", "Alles opgeslagen"))

    def _report_problem(self, exc: BaseException) -> None:
        message = str(exc) if not isinstance(exc, ValidationFailed) else " ".join(e.message for e in exc.errors)
        self.save_label.setText(
            QCoreApplication.translate("DossierEditor", "Niet opgeslagen: %1").replace("%1", message)
        )
        self.save_label.setStyleSheet(ERROR_STYLE)
        self.save_failed.emit(message)

    # ================================================================================================
    # loading and showing
    def _show_empty(self, empty: bool) -> None:
        self._empty = empty
        self.empty_label.setVisible(empty)
        self.nav.setVisible(not empty)
        self.stack.setVisible(not empty)
        self.status_button.setEnabled(not empty)

    def _open_failed(self, exc: BaseException) -> None:
        self._show_empty(True)
        self.empty_label.setText(
            QCoreApplication.translate("DossierEditor", "Dit dossier kan niet worden geopend: %1").replace(
                "%1", str(exc)
            )
        )
        self.save_label.setText("")

    def _opened(self, snapshot: Snapshot) -> None:
        youth = snapshot.youth
        if youth.id != self._youth_id:
            return  # another dossier was asked for meanwhile
        self._show_empty(False)
        self._saved = {name: getattr(youth, name) for name in YOUTH_FIELDS}
        self._pending.clear()
        for name, editor in self.editors.items():
            editor.set_value(self._saved[name])
            editor.show_error("")
        self._drafts = dict(snapshot.drafts or {})
        self._apply_snapshot(snapshot, refresh_lists=True)
        valid_now = []
        for name, text in self._drafts.items():
            editor = self.editors.get(name)
            if editor is not None:
                editor.set_text(text)
                if editor.validate()[0]:
                    valid_now.append(name)  # e.g. the other date it clashed with was corrected since
        self._loaded = True
        for name in valid_now:
            self._field_edited(name)  # what was typed and is fine now gets saved like any edit
        self.stack.setEnabled(True)
        self._update_save_label()
        self.dossier_opened.emit(youth.id)

    def _apply_snapshot(self, snapshot: Snapshot, *, refresh_lists: bool) -> None:
        youth = snapshot.youth
        self._youth = youth
        self._health_ok = snapshot.health_ok
        self._show_header(youth)
        self._show_completeness(snapshot.completeness)
        self._show_status(youth.status)
        changed = youth.status_changed_at
        self.k_changed.setText(
            QCoreApplication.translate("DossierEditor", "Gewijzigd op %1").replace("%1", changed.strftime("%d-%m-%Y"))
            if changed
            else ""
        )
        health = self.editors["health_notes"]
        health.set_enabled(
            snapshot.health_ok,
            QCoreApplication.translate(
                "DossierEditor", "Eerst toestemming vastleggen die ook gezondheidsgegevens omvat."
            ),
        )
        self.health_hint.setVisible(not snapshot.health_ok)
        if refresh_lists:
            for name, editor in self.lists.items():
                editor.set_rows(_item_rows(youth, name))
            self.consent_panel.set_youth(youth, snapshot.recipient)
        self._show_fixed_contact()
        self.checkins_panel.set_youth(youth)
        self._show_checkin_indicator()

    def _show_checkin_indicator(self) -> None:
        item = self.nav_items[CHECKINS_KEY]
        late = sum(1 for e in self.checkins_panel.entries() if e.state == "te_laat")
        if late:
            item.setText(1, QCoreApplication.translate("DossierEditor", "%1 te laat").replace("%1", str(late)))
            item.setForeground(1, QColor("#b3261e"))
            tip = QCoreApplication.translate("DossierEditor", "%1 contactmoment(en) te laat").replace("%1", str(late))
        else:
            nxt = self.checkins_panel.next_planned()
            item.setText(1, "")
            tip = (
                QCoreApplication.translate("DossierEditor", "Volgende contactmoment op %1").replace(
                    "%1", nxt.checkin.due_date.strftime("%d-%m-%Y")
                )
                if nxt
                else ""
            )
        item.setToolTip(1, tip)
        item.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, tip)

    def _show_header(self, youth: Any) -> None:
        self.name_label.setText(full_name(youth.first_names, youth.infix, youth.last_name, youth.called_name))
        parts = []
        if youth.birth_date:
            parts.append(
                QCoreApplication.translate("DossierEditor", "geboren %1").replace(
                    "%1", youth.birth_date.strftime("%d-%m-%Y")
                )
            )
        if youth.school_class:
            parts.append(QCoreApplication.translate("DossierEditor", "klas %1").replace("%1", youth.school_class))
        if youth.leaving_date:
            parts.append(
                QCoreApplication.translate("DossierEditor", "vertrek %1").replace(
                    "%1", youth.leaving_date.strftime("%d-%m-%Y")
                )
            )
        if youth.mentor:
            parts.append(QCoreApplication.translate("DossierEditor", "mentor %1").replace("%1", youth.mentor))
        self.sub_label.setText(" · ".join(parts))
        attention = bool(youth.attention)
        self.attention_label.setText(
            QCoreApplication.translate("DossierEditor", "Vraagt aandacht: %1").replace("%1", youth.attention or "")
        )
        self.attention_label.setVisible(attention)
        self.attention_button.setVisible(attention)
        self.setWindowTitle(
            QCoreApplication.translate("DossierEditor", "Overstapdossier – %1").replace("%1", self.name_label.text())
        )

    def _show_completeness(self, sections: list[SectionCompleteness]) -> None:
        for item in sections:
            nav = self.nav_items[item.code]
            if item.total == 0:
                continue
            if item.complete:
                nav.setText(1, "✓")
                nav.setForeground(1, Qt.GlobalColor.darkGreen)
                tip = QCoreApplication.translate("DossierEditor", "Compleet")
            else:
                nav.setText(1, f"{item.filled}/{item.total}")
                nav.setForeground(1, Qt.GlobalColor.darkGray)
                tip = QCoreApplication.translate("DossierEditor", "Nog nodig: %1").replace(
                    "%1", ", ".join(item.missing)
                )
            nav.setToolTip(0, f"{tip} (Alt+{item.code})")
            nav.setToolTip(1, tip)
            nav.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, tip)
        self.completeness = {s.code: s for s in sections}

    def _show_status(self, status: str) -> None:
        label = labels.vocabulary_label(HANDOVER_STATUS, status)
        self.status_label.setText(
            QCoreApplication.translate("DossierEditor", "Overdrachtstatus: <b>%1</b>").replace("%1", label)
        )
        bg, fg = STATUS_COLOURS.get(status, STATUS_COLOURS["concept"])
        self.status_label.setStyleSheet(STATUS_CHIP.format(bg=bg, fg=fg))
        self.k_status.setText(
            QCoreApplication.translate("DossierEditor", "Huidige status: <b>%1</b>").replace("%1", label)
        )
        self.status_menu.clear()
        for button in self._k_button_widgets:
            button.deleteLater()
        self._k_button_widgets = []
        choices = self.status_choices()
        for code in choices:
            text = QCoreApplication.translate("DossierEditor", "Zet op '%1'").replace(
                "%1", labels.vocabulary_label(HANDOVER_STATUS, code)
            )
            action = self.status_menu.addAction(text)
            action.setData(code)
            action.triggered.connect(lambda _checked=False, code=code: self.set_status(code))
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, code=code: self.set_status(code))
            self.k_buttons.insertWidget(self.k_buttons.count() - 1, button)
            self._k_button_widgets.append(button)
        self.nav_items["K"].setToolTip(
            0, QCoreApplication.translate("DossierEditor", "Huidige status: %1 (Alt+K)").replace("%1", label)
        )
        self.status_button.setEnabled(bool(choices))
        if not choices:
            self.status_button.setToolTip(
                QCoreApplication.translate(
                    "DossierEditor", "De status verandert nu alleen door het versturen of de ontvangst."
                )
            )

    def _show_fixed_contact(self) -> None:
        fixed = sum(1 for r in self.lists["contacts"].model.rows() if r.get("is_fixed_contact"))
        if fixed == 1:
            self.fixed_contact_label.setText("")
            self.fixed_contact_label.hide()
        else:
            self.fixed_contact_label.setText(
                QCoreApplication.translate(
                    "DossierEditor", "Kies precies één vaste contactpersoon (vink de kolom 'Vaste contactpersoon' aan)."
                )
            )
            self.fixed_contact_label.show()

    def _nav_changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if current is not None:
            self.stack.setCurrentWidget(self.section_pages[current.data(0, Qt.ItemDataRole.UserRole)])

    # ================================================================================================
    # fields: validation, autosave, drafts
    def _extra_check(self, spec: FieldSpec, value: Any) -> str | None:
        """Rules involving more than one field or the consent, checked while typing."""
        if spec.name == "health_notes" and value and not self._health_ok:
            return QCoreApplication.translate(
                "DossierEditor",
                "Gezondheidsgegevens mogen alleen worden vastgelegd met toestemming die gezondheid omvat.",
            )
        if spec.name in DATE_FIELDS:
            merged = {name: self._saved.get(name) for name in DATE_FIELDS}
            merged[spec.name] = value
            for problem in check_youth(merged, today=self.ctx.today()):
                if problem.field == spec.name:
                    return problem.message
        return None

    def _field_edited(self, name: str) -> None:
        if not self._loaded:
            return
        self._pending.add(name)
        self._timer.start(self.autosave_delay_ms)
        self.save_label.setText(QCoreApplication.translate("DossierEditor", "Opslaan…"))

    def _field_committed(self, name: str) -> None:
        if not self._loaded:
            return
        if name in self._pending:
            self._flush_field(name)
        editor = self.editors[name]
        if isinstance(editor.widget, QLineEdit) and not editor.message:
            # Show the tidy form (phone number, postcode, date) once the user is done with the field.
            try:
                tidy = edit_text(editor.spec, editor.clean())
            except FieldError:
                return
            if tidy != editor.widget.text():
                editor.set_value(editor.clean())

    def _flush_field(self, name: str) -> None:
        self._pending.discard(name)
        editor = self.editors[name]
        if self._youth_id is None:
            return
        youth_id = self._youth_id
        service = DossierService(self.ctx)
        try:
            value = editor.clean()
        except FieldError as err:
            editor.show_error(err.message)
            text = editor.text()
            if self._drafts.get(name) != text:
                self._drafts[name] = text
                self._quiet_write(lambda: service.save_draft(youth_id, name, text))
            self._update_save_label()
            return
        editor.show_error("")
        if name in self._drafts:
            del self._drafts[name]
            if value == self._saved.get(name):
                self._quiet_write(lambda: service.clear_draft(youth_id, name))
        if value == self._saved.get(name):
            self._update_save_label()
            return
        self.undo_stack.push(FieldEditCommand(self, name, self._saved.get(name), value))

    def save_field(self, name: str, value: Any, old: Any) -> None:
        """Write one field (the first 'redo' of an edit: the control already shows the value)."""
        youth_id = self._youth_id
        assert youth_id is not None
        self._saved[name] = value
        service = DossierService(self.ctx)

        def failed(exc: BaseException) -> None:
            # Refused after all (another field changed meanwhile): keep the text as a draft.
            if self._youth_id != youth_id:
                self._report_problem(exc)
                return
            if self._saved.get(name) == value:
                self._saved[name] = old
            editor = self.editors[name]
            message = exc.by_field().get(name) if isinstance(exc, ValidationFailed) else None
            message = message or (
                " ".join(e.message for e in exc.errors) if isinstance(exc, ValidationFailed) else str(exc)
            )
            editor.show_error(message)
            text = editor.text()
            self._drafts[name] = text
            self._quiet_write(lambda: service.save_draft(youth_id, name, text))
            self._report_problem(exc)

        def saved(_revision: int) -> None:
            # A plain field changes nothing else: update the copy held here instead of re-reading it all.
            youth = self._youth
            if youth is not None and youth.id == youth_id and self._youth_id == youth_id:
                self._youth = youth = dataclasses.replace(youth, **{name: value})
                self._show_header(youth)
                self._show_completeness(completeness(youth, self.ctx.today()))

        self._write(
            lambda: service.update_fields(youth_id, {name: value}),
            on_done=saved,
            on_error=failed,
            reread=name in REREAD_FIELDS,
        )

    def apply_field(self, name: str, value: Any, previous: Any) -> None:
        """Undo/redo of a field: show the value and write it."""
        self._pending.discard(name)
        editor = self.editors[name]
        editor.set_value(value)
        editor.show_error("")
        self._drafts.pop(name, None)
        self.show_section_of_field(name)
        self.save_field(name, value, previous)

    def show_section_of_field(self, name: str) -> None:
        for section in SECTIONS:
            if any(f.name == name for f in section.fields):
                if self.stack.currentWidget() is not self.section_pages[section.code]:
                    self.show_section(section.code)
                return

    # ================================================================================================
    # lists
    def resolve(self, item_id: str) -> str:
        """The current id of an item that may have been removed and added back (undo)."""
        seen = set()
        while item_id in self._aliases and item_id not in seen:
            seen.add(item_id)
            item_id = self._aliases[item_id]
        return item_id

    def _add_requested(self, list_name: str, values: dict[str, Any]) -> None:
        self.undo_stack.push(AddItemCommand(self, list_name, values))

    def _remove_requested(self, list_name: str, item_id: str) -> None:
        self.undo_stack.push(RemoveItemCommand(self, list_name, item_id))

    def _item_edited(self, list_name: str, item_id: str, field: str, old: Any, new: Any) -> None:
        self.undo_stack.push(ItemEditCommand(self, list_name, item_id, field, old, new))

    def _list_failed(self, list_name: str) -> Callable[[BaseException], None]:
        def failed(exc: BaseException) -> None:
            message = " ".join(e.message for e in exc.errors) if isinstance(exc, ValidationFailed) else str(exc)
            self.lists[list_name].show_message(message)
            self._reload_lists()

        return failed

    def _reload_lists(self) -> None:
        self._write(lambda: None, refresh_lists=True)

    def save_item_field(self, list_name: str, item_id: str, field: str, value: Any, *, show: bool) -> None:
        youth_id = self._youth_id
        assert youth_id is not None
        service = DossierService(self.ctx)
        editor = self.lists[list_name]
        if show:
            editor.model.set_value(self.resolve(item_id), field, value)
            self.show_section_of_list(list_name)
        editor.show_message("")
        refresh = list_name == "contacts" and field == "is_fixed_contact"
        self._write(
            lambda: service.update_item(youth_id, list_name, self.resolve(item_id), {field: value}),
            on_error=self._list_failed(list_name),
            refresh_lists=refresh,
        )

    def add_item(self, list_name: str, values: dict[str, Any], ref: dict[str, str]) -> None:
        """Add an item (values read when the write runs); its new id goes into ``ref``."""
        youth_id = self._youth_id
        assert youth_id is not None
        service = DossierService(self.ctx)
        aliases = self._aliases

        def job() -> str:
            new_id = service.add_item(youth_id, list_name, {k: v for k, v in values.items()})
            previous = ref.get("id")
            if previous is not None:
                aliases[previous] = new_id
            ref["id"] = new_id
            return new_id

        self.show_section_of_list(list_name)
        self.lists[list_name].show_message("")
        self._write(job, refresh_lists=True, on_error=self._list_failed(list_name))

    def remove_item(self, list_name: str, ref: dict[str, str], removed: dict[str, Any]) -> None:
        """Remove an item; what it held goes into ``removed`` so undo can add it back."""
        youth_id = self._youth_id
        assert youth_id is not None
        service = DossierService(self.ctx)

        def job() -> bool:
            if "id" not in ref:  # its adding failed: nothing to remove
                return False
            values = service.delete_item(youth_id, list_name, self.resolve(ref["id"]))
            removed.clear()
            removed.update(values)
            return True

        def done(was_removed: bool) -> None:
            if was_removed:
                self.save_label.setText(
                    QCoreApplication.translate("DossierEditor", "%1 verwijderd; ongedaan maken met Ctrl+Z.").replace(
                        "%1", labels.capitalised(labels.item_label(LISTS[list_name]))
                    )
                )

        self.show_section_of_list(list_name)
        self._write(job, on_done=done, refresh_lists=True, on_error=self._list_failed(list_name))

    def show_section_of_list(self, list_name: str) -> None:
        for section in SECTIONS:
            if any(lst.name == list_name for lst in section.lists):
                if self.stack.currentWidget() is not self.section_pages[section.code]:
                    self.show_section(section.code)
                return

    # ================================================================================================
    # helpers for tests and the shell
    def is_idle(self) -> bool:
        """Nothing typed waits to be saved and no write of this page is running."""
        return self._in_flight == 0 and not self._pending

    def field_value(self, name: str) -> Any:
        """The saved value of a field as the page knows it."""
        return self._saved.get(name)

    def field_text(self, name: str) -> str:
        return edit_text(YOUTH_FIELDS[name], self._saved.get(name))

    def today(self) -> dt.date:
        return self.ctx.today()
