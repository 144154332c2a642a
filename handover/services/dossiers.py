"""Create and edit young people and their overstapdossier. Every change is one transaction:
the record, its revision bump, an audit event and the change hooks (outbox) commit together."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session, selectinload

from handover.domain import rules
from handover.domain.fields import LIST_SECTION, LISTS, YOUTH_FIELDS
from handover.domain.validation import (
    FieldError,
    ValidationFailed,
    check_list_item,
    check_youth,
    clean_fields,
)
from handover.services import merge
from handover.services.context import AppContext
from handover.services.planning import ensure_plan
from handover.services.settings import get_setting
from handover.services.views import DossierView, load_dossier_view
from handover.store import audit
from handover.store.models import LIST_MODELS, Draft, Youth, utcnow


class NotFound(Exception):
    pass


@dataclass
class Handover:
    """What :meth:`DossierService.hand_over` did: young people moved, vaste contactpersonen updated."""

    moved: int = 0
    contacts: int = 0


class RevisionConflict(Exception):
    """Someone (another window, the sync) changed the dossier since it was opened."""


def load_youth(session: Session, youth_id: str, *, full: bool = True) -> Youth:
    query = select(Youth).where(Youth.id == youth_id)
    if full:
        query = query.options(
            selectinload(Youth.contacts),
            selectinload(Youth.certificates),
            selectinload(Youth.experiences),
            selectinload(Youth.support_needs),
            selectinload(Youth.schemes),
            selectinload(Youth.agreements),
            selectinload(Youth.consents),
            selectinload(Youth.inspections),
            selectinload(Youth.checkins),
        )
    youth = session.scalars(query).one_or_none()
    if youth is None:
        raise NotFound("Deze jongere bestaat niet (meer).")
    return youth


def refresh_derived(youth: Youth) -> None:
    """Recompute the list columns kept on the youth row (next check-in, vaste contactpersoon)."""
    # A check-in marked gemist met reden counts as closed (as services.checkins reads it).
    youth.next_checkin_due = rules.next_open_due(
        (c.due_date, c.held_on or (c.missed_on and c.due_date)) for c in youth.checkins
    )
    youth.fixed_contact_name = next((c.name for c in youth.contacts if c.is_fixed_contact), None)


def touch(
    ctx: AppContext,
    session: Session,
    youth: Youth,
    action: str,
    entity: str = "youth",
    entity_id: str | None = None,
    **detail: Any,
) -> None:
    """Bump the revision, write the audit event and run the change hooks, all in this transaction."""
    if inspect(youth).persistent:
        # Incremented by the database, not from the value read earlier: pysqlite runs reads outside the write
        # transaction, so a sync that committed in between (it runs on its own thread) would otherwise get
        # its revision number reused and this change would never be sent.
        youth.revision = Youth.revision + 1
    else:
        youth.revision = (youth.revision or 0) + 1
    youth.updated_at = utcnow()
    refresh_derived(youth)
    audit.record(session, ctx.actor, action, entity, entity_id or youth.id, youth=youth.id, **detail)
    session.flush()
    for hook in ctx.change_hooks:
        hook(session, youth, action)


def health_allowed(youth: DossierView | Youth, today: dt.date) -> bool:
    """Health details are special-category data: only with a valid consent that includes them."""
    return any(c.includes_health and rules.consent_problem(c, youth.birth_date, today) is None for c in youth.consents)


class DossierService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    # -- young person -----------------------------------------------------------------------
    def create_youth(self, values: Mapping[str, Any], *, mentor: str | None = None) -> str:
        cleaned, errors = clean_fields(YOUTH_FIELDS, values, today=self.ctx.today())
        for name in ("first_names", "last_name", "birth_date"):
            if name not in values:
                errors.append(FieldError(name, f"{YOUTH_FIELDS[name].label} is verplicht."))
        if cleaned.get("health_notes"):
            errors.append(FieldError("health_notes", "Gezondheidsgegevens pas vastleggen na toestemming daarvoor."))
        errors += check_youth(cleaned, today=self.ctx.today())
        if errors:
            raise ValidationFailed(errors)
        with self.ctx.session() as session:
            youth = Youth(**cleaned, mentor=mentor or self.ctx.actor, status="concept", revision=0)
            session.add(youth)
            session.flush()
            ensure_plan(session, youth)
            touch(self.ctx, session, youth, "create", fields=sorted(cleaned))
            return youth.id

    def get(self, youth_id: str, *, audit_view: bool = False) -> DossierView:
        """The whole dossier as a frozen view (``audit_view``: a person opened it, which is logged)."""
        with self.ctx.session() as session:
            view = load_dossier_view(session, youth_id)
            if view is None:
                raise NotFound("Deze jongere bestaat niet (meer).")
            if audit_view:
                audit.record(session, self.ctx.actor, "view", "youth", youth_id)
            return view

    def update_fields(
        self,
        youth_id: str,
        changes: Mapping[str, Any],
        expected_revision: int | None = None,
        *,
        base_revision: int | None = None,
    ) -> int:
        """Validate and save some fields. Returns the new revision. Nothing is saved if any is invalid.

        ``base_revision``: the revision the editor started from; a field another PC of the school
        changed since is not overwritten but kept as a conflict (:meth:`save_fields` says which)."""
        return self.save_fields(youth_id, changes, expected_revision, base_revision=base_revision).revision

    def save_fields(
        self,
        youth_id: str,
        changes: Mapping[str, Any],
        expected_revision: int | None = None,
        *,
        base_revision: int | None = None,
    ) -> merge.SaveResult:
        """:meth:`update_fields`, returning which fields were kept as conflicts instead of saved."""
        cleaned, problems = clean_fields(YOUTH_FIELDS, changes, today=self.ctx.today())
        with self.ctx.session() as session:
            youth = load_youth(session, youth_id)
            if expected_revision is not None and youth.revision != expected_revision:
                raise RevisionConflict("Dit dossier is intussen elders gewijzigd. Open het opnieuw.")
            merged = {name: getattr(youth, name) for name in YOUTH_FIELDS} | cleaned
            problems += check_youth(merged, today=self.ctx.today())
            if cleaned.get("health_notes") and not health_allowed(youth, self.ctx.today()):
                problems.append(
                    FieldError(
                        "health_notes",
                        "Gezondheidsgegevens mogen alleen worden vastgelegd met toestemming die gezondheid omvat.",
                    )
                )
            if problems:
                raise ValidationFailed(problems)
            changed = sorted(k for k, v in cleaned.items() if getattr(youth, k) != v)
            held: list[merge.FieldConflict] = []
            if base_revision is not None and changed:
                other = merge.held_fields(session, "youth", youth_id, changed, base_revision)
                if other:
                    held = merge.record_conflicts(
                        session, self.ctx.actor, "youth", youth_id, {n: cleaned[n] for n in other}
                    )
                    changed = [n for n in changed if n not in other]
            if not changed:
                return merge.SaveResult(youth.revision, held)
            for name in changed:
                setattr(youth, name, cleaned[name])
            for name in changed:
                session.query(Draft).filter_by(youth_id=youth_id, field=name).delete()
            if "leaving_date" in changed:
                ensure_plan(session, youth)
            touch(self.ctx, session, youth, "change", fields=changed)
            return merge.SaveResult(youth.revision, held)

    def set_status(self, youth_id: str, new_status: str, *, by_sync: bool = False) -> None:
        with self.ctx.session() as session:
            youth = load_youth(session, youth_id, full=False)
            rules.check_transition(youth.status, new_status, by_sync=by_sync)
            old = youth.status
            youth.status = new_status
            youth.status_changed_at = utcnow()
            touch(self.ctx, session, youth, "status", old=old, new=new_status, by_sync=by_sync)

    def set_mentor(self, youth_id: str, mentor: str) -> None:
        with self.ctx.session() as session:
            youth = load_youth(session, youth_id, full=False)
            youth.mentor = mentor.strip() or None
            touch(self.ctx, session, youth, "change", fields=["mentor"])

    def hand_over(self, youth_ids: Sequence[str], mentor: str, *, fixed_contact: bool = False) -> Handover:
        """Give young people another mentor in one transaction (issue 13), one audit event each with
        the old and new mentor. ``fixed_contact``: where the old mentor is the vaste contactpersoon
        (a contact "mentor school" with that name), the new mentor takes that place (the phone stays,
        the old mentor's e-mail goes); where there is no vaste contactpersoon, the new mentor becomes it."""
        name = " ".join(mentor.split())
        if not name or len(name) > 200:
            raise ValidationFailed(
                [FieldError("mentor", "Vul de naam van de nieuwe mentor in (hoogstens 200 tekens).")]
            )
        result = Handover()
        with self.ctx.session() as session:
            org = str(get_setting(session, "org_name") or "") or None
            for youth_id in dict.fromkeys(youth_ids):
                youth = load_youth(session, youth_id)
                old = youth.mentor or ""
                contact = self._hand_over_contact(youth, old, name, org) if fixed_contact else None
                if old == name and contact is None:
                    continue
                youth.mentor = name
                result.moved += 1
                result.contacts += contact is not None
                touch(
                    self.ctx,
                    session,
                    youth,
                    "change",
                    fields=["mentor"],
                    handover=True,
                    old_mentor=old,
                    new_mentor=name,
                    fixed_contact=contact,
                )
        return result

    @staticmethod
    def _hand_over_contact(youth: Youth, old: str, new: str, org: str | None) -> str | None:
        """The vaste contactpersoon follows the mentor: "vervangen", "toegevoegd" or None (left alone)."""
        fixed = next((c for c in youth.contacts if c.is_fixed_contact), None)
        if fixed is None:
            youth.contacts.append(
                LIST_MODELS["contacts"](
                    role="mentor", name=new, organisation=org, is_fixed_contact=True, position=len(youth.contacts)
                )
            )
            return "toegevoegd"
        if fixed.role == "mentor" and fixed.name.casefold() == old.casefold() and fixed.name != new:
            fixed.name, fixed.email, fixed.updated_at = new, None, utcnow()
            return "vervangen"
        return None

    def clear_attention(self, youth_id: str) -> None:
        with self.ctx.session() as session:
            youth = load_youth(session, youth_id, full=False)
            youth.attention = None
            touch(self.ctx, session, youth, "change", fields=["attention"])

    def delete_youth(self, youth_id: str) -> None:
        """Erase a young person and everything held about them (one transaction, with an audit entry).

        A dossier that was sent must not live on at Werk en Inkomen once the school erased it: the
        consents end today first and the change hooks run, so the sync's outbox writes a withdrawal
        (the receiver erases its copy) in this same transaction; then the rows go. Nothing is sent
        for a dossier that never left the school. The audit entry keeps the id, not the name.
        """
        with self.ctx.session() as session:
            youth = load_youth(session, youth_id)
            today = self.ctx.today()
            for consent in youth.consents:
                if consent.withdrawn_on is None or consent.withdrawn_on > today:
                    consent.withdrawn_on = today
            touch(self.ctx, session, youth, "delete", status=youth.status)
            session.query(Draft).filter_by(youth_id=youth_id).delete()
            session.delete(youth)

    # -- lists inside sections --------------------------------------------------------------
    def _clean_item(
        self, list_name: str, values: Mapping[str, Any], *, partial: bool, existing: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        spec = LISTS[list_name]
        specs = {f.name: f for f in spec.fields}
        if list_name == "agreements" and not partial:
            values = {"status": "open", **values}
        if list_name == "agreements" and values.get("status") == "verlopen":
            raise ValidationFailed([FieldError("status", "'Verlopen' volgt vanzelf uit de datum bij 'Tot wanneer'.")])
        cleaned, errors = clean_fields(specs, values, today=self.ctx.today())
        if not partial:
            errors += [
                FieldError(f.name, f"{f.label} is verplicht.")
                for f in spec.fields
                if f.required and f.name not in values
            ]
        errors += check_list_item(list_name, {**(existing or {}), **cleaned})
        if errors:
            raise ValidationFailed(errors)
        return cleaned

    def add_item(self, youth_id: str, list_name: str, values: Mapping[str, Any]) -> str:
        model = LIST_MODELS[list_name]
        cleaned = self._clean_item(list_name, values, partial=False)
        with self.ctx.session() as session:
            youth = load_youth(session, youth_id)
            items = getattr(youth, list_name)
            item = model(**cleaned, position=len(items))
            items.append(item)
            session.flush()
            if list_name == "contacts" and cleaned.get("is_fixed_contact"):
                self._only_fixed_contact(youth, item.id)
            touch(
                self.ctx,
                session,
                youth,
                "change",
                list_name,
                item.id,
                section=LIST_SECTION[list_name],
                fields=sorted(cleaned),
            )
            return str(item.id)

    @staticmethod
    def _load_item(session: Session, list_name: str, youth_id: str, item_id: str) -> tuple[Youth, Any, dict[str, Any]]:
        """The young person, one of their list items, and the item's current values."""
        youth = load_youth(session, youth_id)
        item = session.get(LIST_MODELS[list_name], item_id)
        if item is None or item.youth_id != youth_id:
            raise NotFound("Dit onderdeel bestaat niet (meer).")
        return youth, item, {f.name: getattr(item, f.name) for f in LISTS[list_name].fields}

    def update_item(
        self,
        youth_id: str,
        list_name: str,
        item_id: str,
        changes: Mapping[str, Any],
        *,
        base_revision: int | None = None,
    ) -> None:
        """Save fields of a list item (``base_revision``: as in :meth:`update_fields`)."""
        self.save_item(youth_id, list_name, item_id, changes, base_revision=base_revision)

    def save_item(
        self,
        youth_id: str,
        list_name: str,
        item_id: str,
        changes: Mapping[str, Any],
        *,
        base_revision: int | None = None,
    ) -> merge.SaveResult:
        """:meth:`update_item`, returning which fields were kept as conflicts instead of saved."""
        with self.ctx.session() as session:
            youth, item, existing = self._load_item(session, list_name, youth_id, item_id)
            cleaned = self._clean_item(list_name, changes, partial=True, existing=existing)
            held: list[merge.FieldConflict] = []
            if base_revision is not None:
                moved = [k for k, v in cleaned.items() if getattr(item, k) != v]
                other = merge.held_fields(session, list_name, item_id, moved, base_revision)
                if other:
                    held = merge.record_conflicts(
                        session, self.ctx.actor, list_name, item_id, {n: cleaned[n] for n in other}
                    )
                    cleaned = {k: v for k, v in cleaned.items() if k not in other}
                if not cleaned:
                    return merge.SaveResult(youth.revision, held)
            for name, value in cleaned.items():
                setattr(item, name, value)
            item.updated_at = utcnow()
            if list_name == "agreements" and "status" in cleaned:
                item.done_on = self.ctx.today() if cleaned["status"] == "gedaan" else None
            if list_name == "contacts" and cleaned.get("is_fixed_contact"):
                self._only_fixed_contact(youth, item_id)
            touch(self.ctx, session, youth, "change", list_name, item_id, fields=sorted(cleaned))
            return merge.SaveResult(youth.revision, held)

    def delete_item(self, youth_id: str, list_name: str, item_id: str) -> dict[str, Any]:
        """Remove an item; returns its values so the GUI can undo by adding them back."""
        with self.ctx.session() as session:
            youth, item, values = self._load_item(session, list_name, youth_id, item_id)
            getattr(youth, list_name).remove(item)
            touch(self.ctx, session, youth, "delete", list_name, item_id)
            return values

    @staticmethod
    def _only_fixed_contact(youth: Youth, keep_id: str) -> None:
        """Exactly one vaste contactpersoon: choosing one unsets the others."""
        for contact in youth.contacts:
            if contact.id != keep_id and contact.is_fixed_contact:
                contact.is_fixed_contact = False

    # -- drafts (autosave of text that is not valid yet) ------------------------------------
    def save_draft(self, youth_id: str, field: str, text: str) -> None:
        with self.ctx.session() as session:
            draft = session.get(Draft, (youth_id, field))
            if draft is None:
                session.add(Draft(youth_id=youth_id, field=field, text=text))
            else:
                draft.text = text
                draft.updated_at = utcnow()

    def drafts(self, youth_id: str) -> dict[str, str]:
        with self.ctx.session() as session:
            return {d.field: d.text for d in session.scalars(select(Draft).where(Draft.youth_id == youth_id))}

    def clear_draft(self, youth_id: str, field: str) -> None:
        with self.ctx.session() as session:
            session.query(Draft).filter_by(youth_id=youth_id, field=field).delete()
