"""The contactmomenten plan that follows the leaving date (kept in step by every change of that date).

Below both ``services.dossiers`` (creating a young person, changing the leaving date) and
``services.checkins`` (recording them), so neither needs the other for it.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from handover.domain import rules
from handover.services.settings import checkin_plan
from handover.store.models import CheckIn, Youth


def ensure_plan(session: Session, youth: Youth, plan: tuple[rules.PlanStep, ...] | None = None) -> None:
    """Create the planned check-ins from the leaving date; move those not yet held when it changes."""
    if youth.leaving_date is None:
        return
    existing = {c.plan_months: c for c in youth.checkins if c.plan_months is not None}
    for step, due in rules.planned_dates(youth.leaving_date, plan or checkin_plan(session)):
        checkin = existing.get(step.months)
        if checkin is None:
            youth.checkins.append(CheckIn(plan_months=step.months, label=step.label, due_date=due))
        elif checkin.held_on is None:
            checkin.due_date = due
