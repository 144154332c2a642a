"""The edit session of one open dossier: what is saved, what is typed, what is pending, and every write.

No save button: a valid value is saved shortly after the user stops typing (and at once when the
field loses focus); text that is not valid yet is kept as a draft so nothing typed is lost, and comes
back with its message when the dossier is opened again. Every saved edit is an undo step that
writes the previous value back through the service. All database work runs on the TaskRunner;
writes are serialised there, so the order of saves is the order of edits.

:class:`EditSession` owns the saved values, the drafts, the pending edits, the autosave timer, the
undo stack and every service call of the editor. It holds no widget: it reads what the user typed
through :class:`FieldInput` (the editor's field controls) and tells the page what happened with
past-tense signals; the page only shows it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from handover.domain import rules
from handover.domain.fields import YOUTH_FIELDS, FieldSpec
from handover.domain.validation import FieldError, ValidationFailed, check_youth
from handover.services.consent import ConsentService
from handover.services.context import AppContext
from handover.services.dossiers import DossierService
from handover.services.records import SectionCompleteness, completeness
from handover.services.views import DossierView
from handover.ui.editor.commands import AddItemCommand, FieldEditCommand, ItemEditCommand, RemoveItemCommand
from handover.ui.editor.snapshot import Snapshot, load_snapshot
from handover.ui.failures import explain
from handover.ui.guard import alive
from handover.ui.tasks import TaskRunner

AUTOSAVE_DELAY_MS = 500
DATE_FIELDS = ("birth_date", "school_start", "leaving_date")
# Saving these changes more than the field: the contactmomenten plan follows the leaving date, and the
# validity of a consent depends on the age at consent.
REREAD_FIELDS = frozenset({"leaving_date", "birth_date"})

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class FieldInput(Protocol):
    """What the session reads of a field control: the typed value (or FieldError) and the raw text."""

    def clean(self) -> Any: ...

    def text(self) -> str: ...


def problem_text(exc: BaseException) -> str:
    return explain(exc, "Het overstapdossier: een wijziging is niet opgeslagen.")


class EditSession(QObject):
    """Create with ``EditSession(ctx, runner, parent)``, hand it the field controls with
    :meth:`bind_inputs`, then :meth:`open` a dossier; ``dossier_opened`` follows."""

    dossier_opened = Signal(object)  # Snapshot, with the drafts
    open_failed = Signal(str)  # Dutch message
    snapshot_loaded = Signal(object, bool)  # Snapshot re-read after a write; whether the lists changed
    dossier_saved = Signal(str)  # youth id, after every write
    field_saved = Signal(str, object)  # field, value (the view already holds it)
    field_checked = Signal(str, str)  # field, Dutch message ("" when the typed text is fine)
    field_refused = Signal(str, str)  # field, Dutch message: the service refused it, the text is a draft now
    field_restored = Signal(str, object)  # field, value: undo or redo put a value back
    item_restored = Signal(str, str, str, object)  # list, item id, field, value: undo or redo of a cell
    list_step_applied = Signal(str)  # list: an item was added or removed, or a cell undone
    list_write_started = Signal(str)  # list: a write to it started (an old message is out of date)
    list_write_failed = Signal(str, str)  # list, Dutch message
    item_removed = Signal(str)  # list
    status_refused = Signal(str)  # Dutch message
    save_state_changed = Signal()  # pending edits, writes in flight or drafts changed
    save_failed = Signal(str)  # Dutch message

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.autosave_delay_ms = AUTOSAVE_DELAY_MS
        self.undo_stack = QUndoStack(self)
        self._youth_id: str | None = None
        self._view: DossierView | None = None
        self._loaded = False
        self._saved: dict[str, Any] = {}
        self._drafts: dict[str, str] = {}
        self._pending: set[str] = set()
        self._in_flight = 0
        self._health_ok = False
        self._aliases: dict[str, str] = {}
        self._inputs: Mapping[str, FieldInput] = {}
        self.completeness: list[SectionCompleteness] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)

    def bind_inputs(self, inputs: Mapping[str, FieldInput]) -> None:
        """The controls of the dossier's own fields, by field name."""
        self._inputs = inputs

    # ================================================================================================
    # state
    @property
    def youth_id(self) -> str | None:
        return self._youth_id

    @property
    def is_loaded(self) -> bool:
        return self._loaded

    @property
    def view(self) -> DossierView | None:
        """The dossier as last read or saved (None before the first one opened)."""
        return self._view

    @property
    def is_saving(self) -> bool:
        return self._in_flight > 0 or bool(self._pending)

    @property
    def draft_count(self) -> int:
        return len(self._drafts)

    def is_idle(self) -> bool:
        """Nothing typed waits to be saved and no write of this session is running."""
        return self._in_flight == 0 and not self._pending

    def field_value(self, name: str) -> Any:
        """The saved value of a field as the session knows it."""
        return self._saved.get(name)

    def status_choices(self) -> list[str]:
        """The handover statuses the user may choose now (never 'verstuurd' or 'ontvangen')."""
        if self._view is None:
            return []
        return [s for s in rules.allowed_manual_statuses(self._view.status) if s not in rules.SYNC_ONLY_STATUSES]

    def extra_check(self, spec: FieldSpec, value: Any) -> str | None:
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

    # ================================================================================================
    # opening
    def open(self, youth_id: str) -> None:
        """Open a dossier (saving what is pending in the one open now). ``dossier_opened`` follows."""
        if self._youth_id is not None:
            self.flush()
        if youth_id != self._youth_id:
            self.undo_stack.clear()
            self._aliases.clear()
        self._youth_id = youth_id
        self._loaded = False
        ctx = self.ctx
        # Viewing is audited, which is a write: it queues behind pending saves, so it sees them.
        self.runner.run_write(
            lambda: load_snapshot(ctx, youth_id, audit_view=True, drafts=True),
            alive(self, self._opened),
            alive(self, lambda exc: self.open_failed.emit(explain(exc, "Het overstapdossier is niet geopend."))),
        )

    def refresh(self) -> None:
        """Re-read the open dossier (changed elsewhere). Pending edits are saved first."""
        if self._youth_id is not None:
            self.open(self._youth_id)

    def _opened(self, snapshot: Snapshot) -> None:
        view = snapshot.view
        if view.id != self._youth_id:
            return  # another dossier was asked for meanwhile
        self._saved = {name: getattr(view, name) for name in YOUTH_FIELDS}
        self._pending.clear()
        self._drafts = dict(snapshot.drafts or {})
        self.take(snapshot)
        self._loaded = True
        self.dossier_opened.emit(snapshot)

    def take(self, snapshot: Snapshot) -> None:
        """The dossier as stored now (after a write, or read again after a sync); fields keep what is typed."""
        self._view = snapshot.view
        self._health_ok = snapshot.health_ok
        self.completeness = snapshot.completeness

    # ================================================================================================
    # fields: autosave and drafts
    def field_edited(self, name: str) -> None:
        """The user changed a field: it is saved after a pause in typing."""
        if not self._loaded:
            return
        self._pending.add(name)
        self._timer.start(self.autosave_delay_ms)
        self.save_state_changed.emit()

    def field_committed(self, name: str) -> None:
        """The user is done with a field (focus left, box ticked): save it now."""
        if self._loaded and name in self._pending:
            self._flush_field(name)

    def flush(self) -> None:
        """Save every pending edit now (without waiting for the writes to finish)."""
        self._timer.stop()
        for name in list(self._pending):
            self._flush_field(name)

    def wait_idle(self) -> None:
        """Wait for every write asked for so far (closing)."""
        self.runner.wait_idle()

    def _flush_field(self, name: str) -> None:
        self._pending.discard(name)
        source = self._inputs[name]
        youth_id = self._youth_id
        if youth_id is None:
            return
        service = DossierService(self.ctx)
        try:
            value = source.clean()
        except FieldError as err:
            self.field_checked.emit(name, err.message)
            text = source.text()
            if self._drafts.get(name) != text:
                self._drafts[name] = text
                self._quiet_write(lambda: service.save_draft(youth_id, name, text))
            self.save_state_changed.emit()
            return
        self.field_checked.emit(name, "")
        if name in self._drafts:
            del self._drafts[name]
            if value == self._saved.get(name):
                self._quiet_write(lambda: service.clear_draft(youth_id, name))
        if value == self._saved.get(name):
            self.save_state_changed.emit()
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
            message = exc.by_field().get(name) if isinstance(exc, ValidationFailed) else None
            self.field_refused.emit(name, message or problem_text(exc))
            text = self._inputs[name].text()
            self._drafts[name] = text
            self._quiet_write(lambda: service.save_draft(youth_id, name, text))
            self._report_problem(exc)

        def saved(result: Any) -> None:
            if result.has_conflict:  # another pc changed it since this dossier was read: both kept (editor/conflict.py)
                return self.refresh()
            # A plain field changes nothing else: update the copy held here instead of re-reading it all.
            view = self._view
            if view is not None and view.id == youth_id and self._youth_id == youth_id:
                self._view = dataclasses.replace(view, **{name: value})
                self.completeness = completeness(self._view, self.ctx.today())
                self.field_saved.emit(name, value)

        base = self._view.revision if self._view is not None else None  # issue 13: the revision it started from
        self.write(
            lambda: service.save_fields(youth_id, {name: value}, base_revision=base),
            on_done=saved,
            on_error=failed,
            reread=name in REREAD_FIELDS,
        )

    def apply_field(self, name: str, value: Any, previous: Any) -> None:
        """Undo/redo of a field: show the value and write it."""
        self._pending.discard(name)
        self._drafts.pop(name, None)
        self.field_restored.emit(name, value)
        self.save_field(name, value, previous)

    # ================================================================================================
    # lists
    def resolve(self, item_id: str) -> str:
        """The current id of an item that may have been removed and added back (undo)."""
        seen = set()
        while item_id in self._aliases and item_id not in seen:
            seen.add(item_id)
            item_id = self._aliases[item_id]
        return item_id

    def add_item(self, list_name: str, values: dict[str, Any]) -> None:
        """The user added an item (an undo step)."""
        self.undo_stack.push(AddItemCommand(self, list_name, values))

    def remove_item(self, list_name: str, item_id: str) -> None:
        """The user removed an item (an undo step)."""
        self.undo_stack.push(RemoveItemCommand(self, list_name, item_id))

    def edit_item(self, list_name: str, item_id: str, field: str, old: Any, new: Any) -> None:
        """The user changed a cell (an undo step)."""
        self.undo_stack.push(ItemEditCommand(self, list_name, item_id, field, old, new))

    def save_item_field(self, list_name: str, item_id: str, field: str, value: Any, *, show: bool) -> None:
        youth_id = self._youth_id
        assert youth_id is not None
        service = DossierService(self.ctx)
        if show:
            self.item_restored.emit(list_name, self.resolve(item_id), field, value)
            self.list_step_applied.emit(list_name)
        self.list_write_started.emit(list_name)
        refresh = list_name == "contacts" and field == "is_fixed_contact"
        base = self._view.revision if self._view is not None else None  # issue 13: as in save_field
        self.write(
            lambda: service.save_item(youth_id, list_name, self.resolve(item_id), {field: value}, base_revision=base),
            on_done=lambda result: self.refresh() if result.has_conflict else None,
            on_error=self._list_failed(list_name),
            refresh_lists=refresh,
        )

    def insert_item(self, list_name: str, values: dict[str, Any], ref: dict[str, str]) -> None:
        """Add an item (values read when the write runs); its new id goes into ``ref``."""
        youth_id = self._youth_id
        assert youth_id is not None
        service = DossierService(self.ctx)
        aliases = self._aliases

        def job() -> str:
            new_id = service.add_item(youth_id, list_name, dict(values))
            previous = ref.get("id")
            if previous is not None:
                aliases[previous] = new_id
            ref["id"] = new_id
            return new_id

        self.list_step_applied.emit(list_name)
        self.list_write_started.emit(list_name)
        self.write(job, refresh_lists=True, on_error=self._list_failed(list_name))

    def delete_item(self, list_name: str, ref: dict[str, str], removed: dict[str, Any]) -> None:
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
                self.item_removed.emit(list_name)

        self.list_step_applied.emit(list_name)
        self.write(job, on_done=done, refresh_lists=True, on_error=self._list_failed(list_name))

    def _list_failed(self, list_name: str) -> Failed:
        def failed(exc: BaseException) -> None:
            self.list_write_failed.emit(list_name, problem_text(exc))
            self.write(lambda: None, refresh_lists=True)  # show the list as it is stored

        return failed

    # ================================================================================================
    # status, attention, consent
    def set_status(self, status: str) -> None:
        youth_id = self._youth_id
        if youth_id is None or status not in self.status_choices():
            return
        service = DossierService(self.ctx)
        self.write(
            lambda: service.set_status(youth_id, status),
            on_error=lambda exc: self.status_refused.emit(problem_text(exc)),
        )

    def clear_attention(self) -> None:
        """The mentor has seen why this young person needed attention."""
        youth_id = self._youth_id
        if youth_id is not None:
            service = DossierService(self.ctx)
            self.write(lambda: service.clear_attention(youth_id))

    def record_consent(self, values: dict[str, Any], sections: list[str], *, on_done: Done, on_error: Failed) -> None:
        youth_id = self._youth_id
        if youth_id is None:
            return
        service = ConsentService(self.ctx)
        self.write(
            lambda: service.record(youth_id, values, sections),
            on_done=on_done,
            on_error=on_error,
            refresh_lists=True,
        )

    def withdraw_consent(self, consent_id: str) -> None:
        youth_id = self._youth_id
        if youth_id is None:
            return
        service = ConsentService(self.ctx)
        self.write(lambda: service.withdraw(youth_id, consent_id), refresh_lists=True)

    def record_inspection(
        self, seen_on: dt.date, agrees: bool, reason: str, *, on_done: Done, on_error: Failed
    ) -> None:
        youth_id = self._youth_id
        if youth_id is None:
            return
        service = ConsentService(self.ctx)
        self.write(
            lambda: service.record_inspection(youth_id, seen_on, agrees, reason),
            on_done=on_done,
            on_error=on_error,
            refresh_lists=True,
        )

    # ================================================================================================
    # background writes
    def write(
        self,
        fn: Callable[[], Any],
        *,
        on_done: Done | None = None,
        on_error: Failed | None = None,
        refresh_lists: bool = False,
        reread: bool = True,
    ) -> None:
        """Run a write and (unless ``reread`` is off) re-read the dossier in the same background job;
        ``snapshot_loaded`` follows. Also the write hook of the contactmomenten panel."""
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
            if snapshot is not None and snapshot.view.id == self._youth_id:
                self.take(snapshot)
                self.snapshot_loaded.emit(snapshot, refresh_lists)
            self.save_state_changed.emit()
            self.dossier_saved.emit(youth_id)
            if on_done is not None:
                on_done(result)

        def failed(exc: BaseException) -> None:
            self._in_flight -= 1
            self.save_state_changed.emit()
            if on_error is not None:
                on_error(exc)
            else:
                self._report_problem(exc)

        self._in_flight += 1
        self.save_state_changed.emit()
        self.runner.run_write(job, alive(self, done), alive(self, failed))

    def _quiet_write(self, fn: Callable[[], Any]) -> None:
        """Drafts: no re-read needed, failures only reported. Counted as in flight like any write, so
        ``is_idle`` (and the "opgeslagen" note) waits until the draft is really stored."""

        def done(_result: object) -> None:
            self._in_flight -= 1
            self.save_state_changed.emit()

        def failed(exc: BaseException) -> None:
            self._in_flight -= 1
            self.save_state_changed.emit()
            self._report_problem(exc)

        self._in_flight += 1
        self.save_state_changed.emit()
        self.runner.run_write(fn, alive(self, done), alive(self, failed))

    def _report_problem(self, exc: BaseException) -> None:
        self.save_failed.emit(problem_text(exc))
