"""Contactmomenten: the timeline and the next one of a dossier view, recording a held one, extra ones."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from handover.domain import rules
from handover.domain.fields import CHECKIN_FIELDS
from handover.domain.validation import FieldError, ValidationFailed, clean_fields
from handover.domain.vocab import SITUATION
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


@dataclass(frozen=True)
class TimelineEntry:
    checkin: CheckInView
    state: str  # gehouden, gepland, deze_week, te_laat, gemist


def timeline(youth: DossierView, today: dt.date) -> list[TimelineEntry]:
    ordered = sorted(youth.checkins, key=lambda c: (c.held_on or c.due_date, c.due_date))
    entries = []
    for i, c in enumerate(ordered):
        later_held = any(o.held_on is not None and o.due_date > c.due_date for o in ordered[i + 1 :])
        entries.append(TimelineEntry(c, rules.checkin_state(c.due_date, c.held_on, today, later_held)))
    return entries


def next_checkin(youth: DossierView) -> CheckInView | None:
    """The first open check-in after the last held one (older open ones were missed)."""
    due = rules.next_open_due((c.due_date, c.held_on) for c in youth.checkins)
    return next((c for c in youth.checkins if c.held_on is None and c.due_date == due), None)


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

    def record(self, youth_id: str, values: Mapping[str, Any], checkin_id: str | None = None) -> str:
        """Record a held check-in (the planned one given, or a new extra one). Returns its id.

        Also: the youth's actual situation follows; losing work or school, or a "zorg" signal,
        plans an extra check-in within two weeks and flags the young person for the mentor.
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
            for name, value in cleaned.items():
                setattr(checkin, name, value)
            checkin.updated_at = utcnow()
            session.flush()
            situation = cleaned.get("situation")
            if cleaned.get("reached") and situation and situation != "niet_bereikt":
                youth.actual_situation = situation
            prev_situation = previous[0] if previous else None
            today = self.ctx.today()
            if rules.needs_reactivation(prev_situation, situation, cleaned.get("care_signal")):
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
