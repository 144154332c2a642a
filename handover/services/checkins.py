"""Contactmomenten: the timeline and the next one of a dossier view, recording a held one, extra ones."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from handover.domain import rules
from handover.domain.fields import CHECKIN_FIELDS
from handover.domain.validation import FieldError, ValidationFailed, clean_fields
from handover.domain.vocab import DISENGAGED_SITUATIONS, ENGAGED_SITUATIONS, SITUATION
from handover.services import merge
from handover.services.closing import closure_of, reopen_case
from handover.services.context import AppContext
from handover.services.dossiers import NotFound, load_youth, touch
from handover.services.planning import ensure_plan
from handover.services.views import CheckInView, DossierView
from handover.store.models import CheckIn, utcnow

__all__ = [
    "AGREED_LABEL",
    "CHANGED_LABEL",
    "CHECKIN_SPECS",
    "EXTRA_LABEL",
    "MISSED_REASON_MAX",
    "SERVICE_LABELS",
    "CheckInService",
    "TimelineEntry",
    "ensure_plan",  # its home is services.planning, below this module and services.dossiers
    "next_checkin",
    "timeline",
]

CHECKIN_SPECS = {f.name: f for f in CHECKIN_FIELDS}
EXTRA_LABEL = "Extra contactmoment"
CHANGED_LABEL = "Extra: situatie veranderd"  # planned by a job loss or a worry
AGREED_LABEL = "Afgesproken contact"  # planned from "volgende contact"
SERVICE_LABELS = (EXTRA_LABEL, CHANGED_LABEL, AGREED_LABEL)
MISSED_REASON_MAX = 300
JOB_LOSS_REOPEN = "Heropend: werk of school kwijt (contactmoment van {day})"


@dataclass(frozen=True)
class TimelineEntry:
    checkin: CheckInView
    state: str  # gehouden, gepland, deze_week, te_laat, gemist (a later one held, or marked gemist met reden)


def timeline(youth: DossierView, today: dt.date) -> list[TimelineEntry]:
    ordered = sorted(youth.checkins, key=lambda c: (c.held_on or c.due_date, c.due_date))
    entries = []
    for i, c in enumerate(ordered):
        later_held = any(o.held_on is not None and o.due_date > c.due_date for o in ordered[i + 1 :])
        state = rules.checkin_state(c.due_date, c.held_on, today, later_held)
        if c.held_on is None and c.missed_on is not None:
            state = "gemist"
        entries.append(TimelineEntry(c, state))
    return entries


def next_checkin(youth: DossierView) -> CheckInView | None:
    """The first open check-in after the last held one (older open ones were missed)."""
    due = rules.next_open_due(_due_pairs(youth.checkins))
    return next((c for c in youth.checkins if c.held_on is None and c.missed_on is None and c.due_date == due), None)


def _due_pairs(checkins: Any) -> list[tuple[dt.date, dt.date | None]]:
    """(due, held on) for ``rules.next_open_due``; one marked gemist met reden counts as closed."""
    return [(c.due_date, c.held_on or (c.missed_on and c.due_date)) for c in checkins]


def is_job_loss(previous: str | None, new: str | None, reason: str | None) -> bool:
    """Work or school lost: from an engaged situation to none (or not reached), or the reason "ontslag"."""
    if new == "geen" and reason == "ontslag":
        return True
    return previous in ENGAGED_SITUATIONS and new in DISENGAGED_SITUATIONS


class CheckInService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def plan_extra(self, youth_id: str, due: dt.date, label: str = EXTRA_LABEL) -> str:
        with self.ctx.session() as session:
            youth = load_youth(session, youth_id)
            checkin = CheckIn(plan_months=None, label=label, due_date=due)
            youth.checkins.append(checkin)
            session.flush()
            touch(self.ctx, session, youth, "change", "checkin", checkin.id, planned=due.isoformat())
            return checkin.id

    def mark_missed(self, youth_id: str, checkin_id: str, reason: str) -> None:
        """Gemist met reden: this planned check-in will not be held, and why. It leaves "te laat" and
        the Vandaag cards; the timeline shows it as gemist with the reason."""
        reason = " ".join((reason or "").split())
        if not reason:
            raise ValidationFailed(
                [FieldError("missed_reason", "Vul de reden in waarom het contactmoment niet doorgaat.")]
            )
        if len(reason) > MISSED_REASON_MAX:
            raise ValidationFailed(
                [FieldError("missed_reason", f"De reden is te lang (hoogstens {MISSED_REASON_MAX} tekens).")]
            )
        with self.ctx.session() as session:
            youth = load_youth(session, youth_id)
            checkin = session.get(CheckIn, checkin_id)
            if checkin is None or checkin.youth_id != youth_id:
                raise NotFound("Dit contactmoment bestaat niet (meer).")
            if checkin.held_on is not None:
                raise ValidationFailed(
                    [FieldError("missed_reason", "Dit contactmoment is al gehouden; gemist kan dan niet meer.")]
                )
            checkin.missed_on = self.ctx.today()
            checkin.missed_reason = reason
            checkin.updated_at = utcnow()
            touch(self.ctx, session, youth, "change", "checkin", checkin.id, missed=True)

    def clear_missed(self, youth_id: str, checkin_id: str) -> None:
        """Undo "gemist met reden": the check-in is open (and overdue, if its date has passed) again."""
        with self.ctx.session() as session:
            youth = load_youth(session, youth_id)
            checkin = session.get(CheckIn, checkin_id)
            if checkin is None or checkin.youth_id != youth_id:
                raise NotFound("Dit contactmoment bestaat niet (meer).")
            checkin.missed_on = None
            checkin.missed_reason = None
            checkin.updated_at = utcnow()
            touch(self.ctx, session, youth, "change", "checkin", checkin.id, missed=False)

    def record(
        self,
        youth_id: str,
        values: Mapping[str, Any],
        checkin_id: str | None = None,
        *,
        base_revision: int | None = None,
    ) -> str:
        """Record a held check-in (the planned one given, or a new extra one). Returns its id.

        Also: the youth's actual situation follows; losing work or school, or a "zorg" signal,
        plans an extra check-in within two weeks and flags the young person for the mentor.
        ``base_revision`` (the revision the form was opened at): a field of this check-in that
        another PC of the school changed since is not overwritten but kept as a conflict
        (``services.merge.conflicts`` lists it).
        """
        cleaned, errors = clean_fields(CHECKIN_SPECS, values, today=self.ctx.today())
        errors += [
            FieldError(f.name, f"{f.label} is verplicht.")
            for f in CHECKIN_FIELDS
            if f.required and f.name not in values
        ]
        held_on = cleaned.get("held_on")
        if held_on is not None and held_on > self.ctx.today():
            errors.append(FieldError("held_on", "Een contactmoment kan niet in de toekomst zijn gehouden."))
        if cleaned.get("situation") == "geen" and not cleaned.get("situation_reason"):
            errors.append(FieldError("situation_reason", "Kies een reden bij 'nog geen werk, school of dagbesteding'."))
        if errors:
            raise ValidationFailed(errors)
        if not cleaned.get("reached"):
            cleaned.setdefault("situation", "niet_bereikt")
        with self.ctx.session() as session:
            youth = load_youth(session, youth_id)
            previous = rules.stable_since(youth.checkins)
            if checkin_id is None:
                checkin = CheckIn(plan_months=None, label=EXTRA_LABEL, due_date=held_on)
                youth.checkins.append(checkin)
            else:
                planned = session.get(CheckIn, checkin_id)
                if planned is None or planned.youth_id != youth_id:
                    raise NotFound("Dit contactmoment bestaat niet (meer).")
                checkin = planned
                if base_revision is not None:
                    moved = [k for k, v in cleaned.items() if getattr(checkin, k) != v]
                    other = merge.held_fields(session, "checkins", checkin.id, moved, base_revision)
                    if other:
                        merge.record_conflicts(
                            session, self.ctx.actor, "checkins", checkin.id, {k: cleaned.pop(k) for k in other}
                        )
            for name, value in cleaned.items():
                setattr(checkin, name, value)
            checkin.missed_on = None  # held after all
            checkin.missed_reason = None
            checkin.updated_at = utcnow()
            session.flush()
            situation = cleaned.get("situation")
            if cleaned.get("reached") and situation and situation != "niet_bereikt":
                youth.actual_situation = situation
            prev_situation = previous[0] if previous else None
            today = self.ctx.today()
            closure = closure_of(session, youth_id)
            reopened = closure is not None and (
                is_job_loss(prev_situation, situation, cleaned.get("situation_reason"))
                or is_job_loss(closure.situation, situation, cleaned.get("situation_reason"))
            )
            if reopened:
                # A job loss brings a closed case back into active support (and the plan below adds the
                # extra check-in and the "vraagt aandacht").
                reopen_case(
                    session,
                    youth_id,
                    on=today,
                    actor=self.ctx.actor,
                    reason=JOB_LOSS_REOPEN.format(day=held_on.strftime("%d-%m-%Y") if held_on else ""),
                )
            if reopened or rules.needs_reactivation(prev_situation, situation, cleaned.get("care_signal")):
                youth.checkins.append(
                    CheckIn(
                        plan_months=None,
                        label=CHANGED_LABEL,
                        due_date=today + dt.timedelta(days=rules.EXTRA_CHECKIN_DAYS),
                    )
                )
                youth.attention = (
                    "Zorgsignaal bij laatste contactmoment"
                    if cleaned.get("care_signal") == "zorg"
                    else f"Situatie veranderd: {SITUATION.label_of(situation)}"
                )
            nxt = cleaned.get("next_contact")
            if nxt is not None and not any(
                c.held_on is None and abs((c.due_date - nxt).days) <= 7 for c in youth.checkins
            ):
                youth.checkins.append(CheckIn(plan_months=None, label=AGREED_LABEL, due_date=nxt))
            touch(self.ctx, session, youth, "change", "checkin", checkin.id, situation=situation)
            return checkin.id
