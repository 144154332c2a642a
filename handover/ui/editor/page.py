"""The overstapdossier editor page: sections A–K and the contactmomenten of one young person.

The page builds the widgets and shows what its :class:`EditSession` (``editor/session.py``) tells
it; the session holds the saved values, drafts, pending edits, the undo stack and makes every write.
The header, the section navigation and section K are in ``editor/header.py``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QHideEvent, QKeyEvent, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from handover.domain.fields import LISTS, SECTIONS, YOUTH_FIELDS
from handover.domain.validation import FieldError
from handover.services.context import AppContext
from handover.services.views import DossierView
from handover.ui import labels
from handover.ui.checkins.panel import CheckInsPanel
from handover.ui.editor.commands import undo_actions
from handover.ui.editor.exchange import resolve_from_page
from handover.ui.editor.fields import FieldEditor, edit_text
from handover.ui.editor.header import DossierHeader, SectionNav
from handover.ui.editor.keys import swallow_next_key_press, switch_with_focus
from handover.ui.editor.lists import ListEditor
from handover.ui.editor.news import EditorNews
from handover.ui.editor.section_page import SectionSplitter, section_page
from handover.ui.editor.sections import build_section
from handover.ui.editor.session import EditSession, Snapshot
from handover.ui.tasks import TaskRunner

CHECKINS_KEY = "M"  # Alt+M: contactMomenten (A–K are the sections)
FIELD_SECTION = {f.name: s.code for s in SECTIONS for f in s.fields}
LIST_SECTION = {lst.name: s.code for s in SECTIONS for lst in s.lists}


def _item_rows(youth: DossierView, list_name: str) -> list[dict[str, Any]]:
    return [item._asdict() for item in getattr(youth, list_name)]


class DossierEditorPage(QWidget):
    """Host with ``DossierEditorPage(ctx, runner, parent)``, then ``open_youth(youth_id)``."""

    dossier_opened = Signal(str)
    dossier_saved = Signal(str)
    closed = Signal()
    send_requested = Signal(str)  # youth id: the mentor asked to send this dossier to Werk en Inkomen
    leave_requested = Signal()  # Escape or Alt+Left: back to where the dossier was opened from
    save_failed = Signal(str)  # Dutch message

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dossier_editor")
        self.ctx = ctx
        self.session = EditSession(ctx, runner, self)
        self.editors: dict[str, FieldEditor] = {}
        self.lists: dict[str, ListEditor] = {}
        self.section_pages: dict[str, QWidget] = {}
        self._empty = True
        self._focus_on_open = False
        self._build()
        self.session.bind_inputs(self.editors)
        self._make_actions()
        self._listen()
        self._show_empty(True)
        # What a sync brings (sections I and K) shows in the open dossier: the shell calls news.reload().
        self.news = EditorNews(self)

    # ================================================================================================
    # building
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 10)
        outer.setSpacing(10)
        self.header = DossierHeader(self)
        # The header's parts the shell and the tests look at.
        self.name_label, self.save_label = self.header.name_label, self.header.save_label
        self.status_label, self.status_menu = self.header.status_label, self.header.status_menu
        self.attention_label, self.attention_button = self.header.attention_label, self.header.attention_button
        outer.addWidget(self.header)
        self.nav = SectionNav(self)
        self.nav_items = self.nav.items
        self.stack = QStackedWidget(self)
        self.body = SectionSplitter(self.nav, self.stack, self)
        self.nav_hint = self.body.hint
        self.empty_label = QLabel(
            QCoreApplication.translate("DossierEditor", "Kies een jongere om het overstapdossier te openen."), self
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self.body, 1)
        outer.addWidget(self.empty_label, 1)

        for section in SECTIONS:
            title = f"{section.code}  {labels.section_title(section)}"
            self._add_page(section.code, title, build_section(self, section))
        self.checkins_panel = CheckInsPanel(self.ctx, self.session.write, self.ctx.today, self)
        self._add_page(
            CHECKINS_KEY,
            QCoreApplication.translate("DossierEditor", "Contactmomenten"),
            section_page(QCoreApplication.translate("DossierEditor", "Contactmomenten"), self.checkins_panel, self),
        )
        self.nav.fit()
        self.nav.currentItemChanged.connect(self._nav_changed)
        self.nav.setCurrentItem(self.nav_items["A"])
        self._section_keys = {getattr(Qt.Key, f"Key_{code}"): code for code in self.nav_items}

    def _add_page(self, code: str, title: str, widget: QWidget) -> None:
        self.nav.add_entry(code, title)
        self.section_pages[code] = widget
        self.stack.addWidget(widget)

    def _make_actions(self) -> None:
        self._undo_action, self._redo_action = undo_actions(self.undo_stack, self)
        self._undo_action.triggered.connect(self.undo)
        self._redo_action.triggered.connect(self.redo)

    def _listen(self) -> None:
        session = self.session
        session.dossier_opened.connect(self._opened)
        session.open_failed.connect(self._open_failed)
        session.snapshot_loaded.connect(self._show_snapshot)
        session.dossier_saved.connect(self.dossier_saved)
        session.field_saved.connect(self._field_saved)
        session.field_checked.connect(lambda name, message: self.editors[name].show_error(message))
        session.field_refused.connect(lambda name, message: self.editors[name].show_error(message))
        session.field_restored.connect(self._field_restored)
        session.item_restored.connect(
            lambda list_name, item_id, field, value: self.lists[list_name].model.set_value(item_id, field, value)
        )
        session.list_step_applied.connect(self.show_section_of_list)
        session.list_write_started.connect(lambda list_name: self.lists[list_name].show_message(""))
        session.list_write_failed.connect(lambda list_name, message: self.lists[list_name].show_message(message))
        session.item_removed.connect(self._item_removed)
        session.status_refused.connect(self.status_section.show_problem)
        session.save_state_changed.connect(self._update_save_label)
        session.save_failed.connect(self._save_failed)
        self.header.attention_seen.connect(self.clear_attention)
        self.header.status_chosen.connect(self.set_status)
        self.header.close_requested.connect(self.close_dossier)
        self.status_section.status_chosen.connect(self.set_status)
        self.status_section.send_requested.connect(self._send_requested)
        self.agreement_changes.resolve_requested.connect(self.resolve_agreement)

    # ================================================================================================
    # public API for the shell
    @property
    def undo_action(self) -> QAction:
        return self._undo_action

    @property
    def redo_action(self) -> QAction:
        return self._redo_action

    @property
    def undo_stack(self) -> QUndoStack:
        return self.session.undo_stack

    @property
    def autosave_delay_ms(self) -> int:
        return self.session.autosave_delay_ms

    @autosave_delay_ms.setter
    def autosave_delay_ms(self, value: int) -> None:
        self.session.autosave_delay_ms = value

    @property
    def youth_id(self) -> str | None:
        return self.session.youth_id

    @property
    def is_loaded(self) -> bool:
        return self.session.is_loaded

    def open_youth(self, youth_id: str, *, focus: bool = True) -> None:
        """Open a dossier (saving what is pending in the one shown now). ``dossier_opened`` follows; then
        the focus is on the section list (``focus``), never on Sluiten, where Space would close it."""
        self._focus_on_open = focus
        self.stack.setEnabled(False)  # nothing can be typed into the previous dossier's fields meanwhile
        self.header.show_save_note(QCoreApplication.translate("DossierEditor", "Openen…"))
        self.session.open(youth_id)

    def _send_requested(self) -> None:
        if self.session.youth_id is not None:
            self.flush()  # what was typed goes with it
            self.send_requested.emit(self.session.youth_id)

    def resolve_agreement(self, agreement_id: str, version_id: str) -> None:
        """A conflict in section I: keep the chosen version; both sides then show it."""
        resolve_from_page(self, agreement_id, version_id)

    def refresh(self) -> None:
        """Re-read the open dossier (changed elsewhere, e.g. on the Afspraken page or by the sync).
        Pending edits are saved first, so nothing typed is lost."""
        if self.session.youth_id is not None:
            self.open_youth(self.session.youth_id, focus=False)

    def show_section(self, code: str, *, focus: bool = False) -> None:
        item = self.nav_items.get(code)
        if item is None:
            return
        if focus:
            switch_with_focus(self.stack, self.section_pages[code], lambda: self.nav.setCurrentItem(item))
        else:
            self.nav.setCurrentItem(item)

    def show_section_of_field(self, name: str) -> None:
        self._reveal(FIELD_SECTION.get(name))

    def show_section_of_list(self, list_name: str) -> None:
        self._reveal(LIST_SECTION.get(list_name))

    def _reveal(self, code: str | None) -> None:
        if code is not None and self.stack.currentWidget() is not self.section_pages[code]:
            self.show_section(code)

    def flush(self) -> None:
        """Save every pending edit now (without waiting for the writes to finish)."""
        self.session.flush()

    def close_dossier(self) -> None:
        """Save what is pending, wait for the writes, and tell the shell (``closed``)."""
        self.session.flush()
        self.session.wait_idle()
        self.closed.emit()

    def undo(self) -> None:
        self.session.flush()
        self.undo_stack.undo()

    def redo(self) -> None:
        self.session.flush()
        self.undo_stack.redo()

    def status_choices(self) -> list[str]:
        """The handover statuses the user may choose now (never 'verstuurd' or 'ontvangen')."""
        return self.session.status_choices()

    def clear_attention(self) -> None:
        """The mentor has seen why this young person needed attention."""
        self.session.clear_attention()

    def set_status(self, status: str) -> None:
        self.status_section.show_problem("")
        self.session.set_status(status)

    def is_idle(self) -> bool:
        """Nothing typed waits to be saved and no write of this page is running."""
        return self.session.is_idle()

    def field_value(self, name: str) -> Any:
        """The saved value of a field as the page knows it."""
        return self.session.field_value(name)

    def field_text(self, name: str) -> str:
        return edit_text(YOUTH_FIELDS[name], self.session.field_value(name))

    def today(self) -> dt.date:
        return self.ctx.today()

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
                swallow_next_key_press(Qt.Key(event.key()))
                self.show_section(code, focus=True)
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Escape or Alt+Left, not taken by the focused control (an open list, a cell being edited),
        leaves the dossier: what was typed is saved and the shell goes back."""
        alt_left = event.key() == Qt.Key.Key_Left and event.modifiers() == Qt.KeyboardModifier.AltModifier
        escape = event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier
        if (escape or alt_left) and not self._empty:
            self.session.flush()
            self.leave_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.session.flush()
        self.session.wait_idle()
        if self.session.youth_id is not None:
            self.closed.emit()
        super().closeEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        self.session.flush()  # the shell switched pages: save what was typed
        super().hideEvent(event)

    def _nav_changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if current is not None:
            self.stack.setCurrentWidget(self.section_pages[current.data(0, Qt.ItemDataRole.UserRole)])

    def field_committed(self, name: str) -> None:
        if not self.session.is_loaded:
            return
        self.session.field_committed(name)
        editor = self.editors[name]
        if isinstance(editor.widget, QLineEdit) and not editor.message:
            # Show the tidy form (phone number, postcode, date) once the user is done with the field.
            try:
                tidy = edit_text(editor.spec, editor.clean())
            except FieldError:
                return
            if tidy != editor.widget.text():
                editor.set_value(editor.clean())

    # ================================================================================================
    # what the session tells
    def _opened(self, snapshot: Snapshot) -> None:
        self._show_empty(False)
        for name, editor in self.editors.items():
            editor.set_value(self.session.field_value(name))
            editor.show_error("")
        self._show_snapshot(snapshot, True)
        valid_now = []
        for name, text in (snapshot.drafts or {}).items():
            editor = self.editors.get(name)
            if editor is not None:
                editor.set_text(text)
                if editor.validate()[0]:
                    valid_now.append(name)  # e.g. the other date it clashed with was corrected since
        for name in valid_now:
            self.session.field_edited(name)  # what was typed and is fine now gets saved like any edit
        self.stack.setEnabled(True)
        self._update_save_label()
        if self._focus_on_open:
            self._focus_on_open = False
            self.nav.setFocus(Qt.FocusReason.OtherFocusReason)
        self.dossier_opened.emit(snapshot.view.id)

    def _open_failed(self, message: str) -> None:
        self._show_empty(True)
        self.empty_label.setText(
            QCoreApplication.translate("DossierEditor", "Dit dossier kan niet worden geopend: %1").replace(
                "%1", message
            )
        )
        self.header.show_save_note("")

    def _show_empty(self, empty: bool) -> None:
        self._empty = empty
        self.empty_label.setVisible(empty)
        self.nav.setVisible(not empty)
        self.stack.setVisible(not empty)
        self.header.status_button.setEnabled(not empty)

    def _show_snapshot(self, snapshot: Snapshot, refresh_lists: bool) -> None:
        youth = snapshot.view
        self._show_youth(youth)
        status, choices = youth.status, self.session.status_choices()
        self.header.show_status(status, choices)
        self.status_section.show_status(status, choices, youth.status_changed_at)
        self.nav.show_status("K", status)
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
        self.exchange_panel.show_lines(snapshot.exchange.lines)
        if snapshot.exchange.send_state is not None:  # e.g. a consent just recorded: no longer "wacht op …"
            self.status_section.show_send_state(snapshot.exchange.send_state)
        self.agreement_changes.show_marks(snapshot.exchange.marks)
        self.checkins_panel.set_youth(youth)
        late = sum(1 for e in self.checkins_panel.entries() if e.state == "te_laat")
        nxt = self.checkins_panel.next_planned()
        self.nav.show_checkins(CHECKINS_KEY, late, nxt.checkin.due_date if nxt else None)

    def _show_youth(self, youth: DossierView) -> None:
        """The header and the completeness per section (also after a plain field save)."""
        self.header.show_youth(youth)
        self.setWindowTitle(
            QCoreApplication.translate("DossierEditor", "Overstapdossier – %1").replace("%1", self.name_label.text())
        )
        self.nav.show_completeness(self.session.completeness)

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

    def _field_saved(self, _name: str, _value: Any) -> None:
        view = self.session.view
        if view is not None:
            self._show_youth(view)

    def _field_restored(self, name: str, value: Any) -> None:
        editor = self.editors[name]
        editor.set_value(value)
        editor.show_error("")
        self.show_section_of_field(name)

    def _item_removed(self, list_name: str) -> None:
        self.header.show_save_note(
            QCoreApplication.translate("DossierEditor", "%1 verwijderd; ongedaan maken met Ctrl+Z.").replace(
                "%1", labels.capitalised(labels.item_label(LISTS[list_name]))
            )
        )

    def _update_save_label(self) -> None:
        self.header.show_save_state(self.session.is_saving, self.session.draft_count)

    def _save_failed(self, message: str) -> None:
        self.header.show_save_problem(message)
        self.save_failed.emit(message)
