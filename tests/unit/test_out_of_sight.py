"""Nobody drops out of sight: old overdue check-ins stay until held or marked gemist met reden, and
"Uit beeld" lists anyone not reached for more than N months (with an injected clock, ctx.clock)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from handover.domain.validation import ValidationFailed
from handover.services import queries
from handover.services.checkins import CheckInService, next_checkin, timeline
from handover.services.dossiers import DossierService
from handover.store.models import AuditEvent, CheckIn
from tests.conftest import FIXED_TODAY, youth_values


def _plan(ctx, youth_id: str) -> dict[int | None, str]:  # type: ignore[no-untyped-def]
    return {c.plan_months: c.id for c in DossierService(ctx).get(youth_id).checkins}


def _held(day: str, *, reached: bool = True, situation: str = "werk") -> dict[str, object]:
    values: dict[str, object] = {"held_on": day, "channel": "telefoon", "reached": reached}
    if reached:
        values["situation"] = situation
    return values


def test_a_checkin_200_days_overdue_stays_until_marked_gemist_with_a_reason(ctx) -> None:  # type: ignore[no-untyped-def]
    # Left 10-01-2026: T+1 is 10-02-2026, 292 days before FIXED_TODAY; T+3 (10-04-2026) is 233 days late,
    # T+6 (10-07-2026) 142 days. Nothing was held after school.
    youth_id = DossierService(ctx).create_youth(youth_values(leaving_date=dt.date(2026, 1, 10)))
    ctx.clock = lambda: dt.date(2026, 10, 27)  # T+3 is exactly 200 days late
    plan = _plan(ctx, youth_id)
    overdue = {r.checkin_id: (FIXED_TODAY - r.due_date).days for r in queries.overdue_checkins(ctx)}
    assert plan[3] in overdue  # the 90-day window of before would have hidden it
    assert (dt.date(2026, 10, 27) - dt.date(2026, 4, 10)).days == 200
    assert plan[-9] in overdue and plan[1] in overdue  # older ones too: never hidden by age

    service = CheckInService(ctx)
    with pytest.raises(ValidationFailed) as info:
        service.mark_missed(youth_id, plan[3], "   ")
    assert "reden" in info.value.by_field()["missed_reason"]
    service.mark_missed(youth_id, plan[3], "Jongere was in het buitenland; volgende keer weer proberen.")
    ids = [r.checkin_id for r in queries.overdue_checkins(ctx)]
    assert plan[3] not in ids and plan[1] in ids
    view = DossierService(ctx).get(youth_id)
    states = {e.checkin.plan_months: e.state for e in timeline(view, ctx.today())}
    assert states[3] == "gemist" and states[1] == "te_laat"
    missed = next(c for c in view.checkins if c.id == plan[3])
    assert missed.missed_reason.startswith("Jongere was in het buitenland") and missed.missed_on == ctx.today()
    with ctx.session() as session:
        assert session.scalar(
            select(AuditEvent.actor).where(AuditEvent.entity == "checkin", AuditEvent.entity_id == plan[3])
        )
    # Undone: it is overdue again. Held later: the mark goes.
    service.clear_missed(youth_id, plan[3])
    assert plan[3] in [r.checkin_id for r in queries.overdue_checkins(ctx)]
    service.mark_missed(youth_id, plan[3], "Niet gelukt")
    service.record(youth_id, _held("20-10-2026"), checkin_id=plan[3])
    with ctx.session() as session:
        row = session.get(CheckIn, plan[3])
        assert row.held_on == dt.date(2026, 10, 20) and row.missed_on is None and row.missed_reason is None
    with pytest.raises(ValidationFailed):
        service.mark_missed(youth_id, plan[3], "al gehouden")


def test_marked_gemist_is_skipped_as_the_next_checkin(ctx) -> None:  # type: ignore[no-untyped-def]
    youth_id = DossierService(ctx).create_youth(youth_values(leaving_date=dt.date(2026, 7, 10)))
    plan = _plan(ctx, youth_id)
    service = CheckInService(ctx)
    service.record(youth_id, _held("12-08-2026"), checkin_id=plan[1])
    assert next_checkin(DossierService(ctx).get(youth_id)).plan_months == 3
    service.mark_missed(youth_id, plan[3], "Verhuisd naar familie, telefoon kwijt")
    view = DossierService(ctx).get(youth_id)
    assert next_checkin(view).plan_months == 6
    assert next(r for r in queries.youth_rows(ctx) if r.id == youth_id).next_checkin == dt.date(2027, 1, 10)
    # Any later edit of the dossier recomputes the list's columns: the check-in marked gemist stays skipped.
    DossierService(ctx).save_fields(youth_id, {"city": "Nieuwegein"})
    assert next(r for r in queries.youth_rows(ctx) if r.id == youth_id).next_checkin == dt.date(2027, 1, 10)


def test_uit_beeld_after_n_months_with_the_last_contact_and_who_tried(ctx) -> None:  # type: ignore[no-untyped-def]
    dossiers = DossierService(ctx)
    service = CheckInService(ctx)
    left = dt.date(2025, 7, 10)
    # Reached 12-08-2025, then an attempt on 15-10-2025 that did not reach her: out of sight since August.
    romy = dossiers.create_youth(
        youth_values(
            first_names="Romy", called_name=None, last_name="El Amrani", infix=None, leaving_date=left, bsn=None
        )
    )
    plan = _plan(ctx, romy)
    service.record(romy, _held("12-08-2025"), checkin_id=plan[1])
    ctx.actor = "Jeroen Bakker"
    service.record(romy, _held("15-10-2025", reached=False), checkin_id=plan[3])
    ctx.actor = "Marieke de Jong"
    # Reached three months ago: in sight.
    seen = dossiers.create_youth(youth_values(first_names="Sem", last_name="Jansen", leaving_date=left, bsn=None))
    service.record(seen, _held("29-08-2026"), checkin_id=_plan(ctx, seen)[12])
    # Still at school: not in follow-up yet.
    dossiers.create_youth(
        youth_values(first_names="Lina", last_name="Visser", leaving_date=dt.date(2027, 7, 9), bsn=None)
    )

    rows = queries.out_of_sight(ctx, 4)
    assert [r.youth_id for r in rows] == [romy]
    row = rows[0]
    assert row.name == "Romy El Amrani"
    assert row.last_reached == dt.date(2025, 8, 12) and row.since == dt.date(2025, 8, 12)
    assert row.attempted and row.last_attempt == dt.date(2025, 10, 15) and row.tried_by == "Jeroen Bakker"
    # The boundary: Sem was reached on 29-08-2026, exactly three months before FIXED_TODAY.
    assert [r.youth_id for r in queries.out_of_sight(ctx, 3)] == [romy]
    ctx.clock = lambda: dt.date(2026, 11, 30)  # one day later: more than three months
    assert {r.youth_id for r in queries.out_of_sight(ctx, 3)} == {romy, seen}
    ctx.clock = lambda: FIXED_TODAY
    assert [r.youth_id for r in queries.out_of_sight(ctx, 16)] == []  # August 2025 is 15.5 months ago
    # Reached again: gone from the card.
    service.record(romy, _held("28-11-2026"), checkin_id=plan[12])
    assert queries.out_of_sight(ctx, 4) == []


def test_never_reached_since_leaving_counts_from_the_leaving_date(ctx) -> None:  # type: ignore[no-untyped-def]
    youth_id = DossierService(ctx).create_youth(youth_values(leaving_date=dt.date(2026, 7, 10)))
    ctx.clock = lambda: dt.date(2026, 11, 10)  # exactly four months after leaving: not more than four
    assert queries.out_of_sight(ctx, 4) == []
    ctx.clock = lambda: dt.date(2026, 11, 11)
    [row] = queries.out_of_sight(ctx, 4)
    assert row.youth_id == youth_id and row.last_reached is None and row.since == dt.date(2026, 7, 10)
    assert not row.attempted and row.tried_by == "Marieke de Jong"  # the mentor: nobody tried yet


def test_the_demo_has_nobody_out_of_sight_that_the_lists_miss(demo_ctx) -> None:  # type: ignore[no-untyped-def]
    """Computed by hand over the demo's check-ins: everyone the lists should show, and nobody else."""
    from handover.domain import rules

    today = demo_ctx.today()
    views = [DossierService(demo_ctx).get(r.id) for r in queries.youth_rows(demo_ctx)]
    expected_overdue = set()
    expected_out = set()
    for v in views:
        held = [c.due_date for c in v.checkins if c.held_on is not None]
        for c in v.checkins:
            if (
                c.held_on is None
                and c.missed_on is None
                and c.due_date < today
                and not any(d > c.due_date for d in held)
            ):
                expected_overdue.add(c.id)
        if v.leaving_date and rules.add_months(today, -24) <= v.leaving_date:
            reached = [c.held_on for c in v.checkins if c.held_on is not None and c.reached]
            if max([*reached, v.leaving_date]) < rules.add_months(today, -4):
                expected_out.add(v.id)
    overdue = {r.checkin_id: r for r in queries.overdue_checkins(demo_ctx)}
    assert set(overdue) == expected_overdue
    assert overdue and expected_out  # the demo has both (the test would say nothing otherwise)
    assert {r.youth_id for r in queries.out_of_sight(demo_ctx, 4)} == expected_out
