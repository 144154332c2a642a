"""Begeleiding afronden: close at T+24 months with the final situation, reopen (by hand or by a job loss),
closed cases leave the lists; the Doorstroompunt step only with consent. Injected clock (ctx.clock)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from handover.services import queries
from handover.services.checkins import CheckInService
from handover.services.closing import (
    DOORSTROOMPUNT_ACTION,
    ClosingRefused,
    ClosingService,
    close_case,
    closed_cases,
    closure_history,
    is_closed,
    ready_to_close,
    reopen_case,
)
from handover.services.consent import ConsentService
from handover.services.dossiers import DossierService
from handover.store.models import AuditEvent
from tests.conftest import FIXED_TODAY, youth_values

LEFT = dt.date(2024, 7, 12)  # T+24 = 12-07-2026, before FIXED_TODAY (29-11-2026)


def _youth(ctx, **values) -> str:  # type: ignore[no-untyped-def]
    return DossierService(ctx).create_youth(youth_values(leaving_date=LEFT, **values))


def _plan(ctx, youth_id: str) -> dict[int | None, str]:  # type: ignore[no-untyped-def]
    return {c.plan_months: c.id for c in DossierService(ctx).get(youth_id).checkins}


def _record(ctx, youth_id: str, day: str, situation: str, reason: str | None = None, checkin=None) -> None:  # type: ignore[no-untyped-def]
    values = {"held_on": day, "channel": "telefoon", "reached": True, "situation": situation}
    if reason:
        values["situation_reason"] = reason
    CheckInService(ctx).record(youth_id, values, checkin_id=checkin)


def test_close_and_reopen_keep_history_and_leave_the_lists(ctx) -> None:  # type: ignore[no-untyped-def]
    youth_id = _youth(ctx)
    other = _youth(ctx, first_names="Sem", last_name="Jansen", bsn=None)
    assert {c.youth_id for c in ClosingCandidates(ctx)} == {youth_id, other}
    overdue_before = {r.youth_id for r in queries.overdue_checkins(ctx)}
    assert youth_id in overdue_before  # nothing was held: every check-in is overdue

    service = ClosingService(ctx)
    with pytest.raises(ClosingRefused) as info:
        service.close(youth_id, "baan")
    assert "Onbekende situatie 'baan'" in str(info.value) and "werk_bbl" in str(info.value)
    closure = service.close(youth_id, "werk_bbl")
    assert closure.closed and closure.closed_on == FIXED_TODAY and closure.closed_by == "Marieke de Jong"
    with pytest.raises(ClosingRefused):
        service.close(youth_id, "werk")  # closed already
    with ctx.session() as session:
        assert is_closed(session, youth_id) and set(closed_cases(session)) == {youth_id}
        events = session.execute(
            select(AuditEvent.action, AuditEvent.detail).where(AuditEvent.entity_id == youth_id)
        ).all()
    assert ("status", {"youth": youth_id, "begeleiding": "afgerond", "situation": "werk_bbl"}) in [
        (a, d) for a, d in events
    ]
    # Closed: gone from the Vandaag lists and the schedule, and from "Begeleiding afronden".
    assert youth_id not in {r.youth_id for r in queries.overdue_checkins(ctx)}
    assert youth_id not in {c.youth_id for c in ClosingCandidates(ctx)}
    assert other in {r.youth_id for r in queries.overdue_checkins(ctx)}

    reopened = service.reopen(youth_id, "Jongere belde: baan kwijt")
    assert not reopened.closed and reopened.reopened_on == FIXED_TODAY
    assert youth_id in {r.youth_id for r in queries.overdue_checkins(ctx)}
    with pytest.raises(ClosingRefused):
        service.reopen(youth_id)
    service.close(youth_id, "geen", "zoekend")
    with ctx.session() as session:
        history = closure_history(session, youth_id)
    assert [(h.situation, h.closed) for h in history] == [("werk_bbl", False), ("geen", True)]
    assert history[1].situation_text == "Nog geen werk, school of dagbesteding (zoekend)"


def ClosingCandidates(ctx):  # type: ignore[no-untyped-def]  # noqa: N802 - reads like the card's name
    with ctx.session() as session:
        return ready_to_close(session, ctx.today())


def test_ready_to_close_from_t_plus_24_months(ctx) -> None:  # type: ignore[no-untyped-def]
    youth_id = _youth(ctx)
    ctx.clock = lambda: dt.date(2026, 7, 11)
    assert ClosingCandidates(ctx) == []
    ctx.clock = lambda: dt.date(2026, 7, 12)
    [candidate] = ClosingCandidates(ctx)
    assert candidate.youth_id == youth_id and candidate.support_ends == dt.date(2026, 7, 12)


def test_a_job_loss_reopens_a_closed_case(ctx) -> None:  # type: ignore[no-untyped-def]
    youth_id = _youth(ctx)
    plan = _plan(ctx, youth_id)
    _record(ctx, youth_id, "15-07-2026", "werk", checkin=plan[24])
    with ctx.session() as session:
        close_case(session, youth_id, situation="werk", on=dt.date(2026, 7, 20), actor="Marieke de Jong")
    # Still working in November: stays closed.
    ctx.clock = lambda: dt.date(2026, 11, 2)
    _record(ctx, youth_id, "02-11-2026", "werk")
    with ctx.session() as session:
        assert is_closed(session, youth_id)
    # Lost the job: reopened, an extra check-in within two weeks, and "vraagt aandacht".
    ctx.clock = lambda: FIXED_TODAY
    _record(ctx, youth_id, "28-11-2026", "geen", "ontslag")
    with ctx.session() as session:
        assert not is_closed(session, youth_id)
        [closure] = closure_history(session, youth_id)
    assert closure.reopened_on == FIXED_TODAY and "werk of school kwijt" in (closure.reopen_reason or "")
    view = DossierService(ctx).get(youth_id)
    assert any(c.due_date == FIXED_TODAY + dt.timedelta(days=14) and c.held_on is None for c in view.checkins)
    assert view.attention and youth_id in {r.id for r in queries.needs_attention(ctx)}


def test_reopen_needs_a_closed_case_and_close_an_existing_youth(ctx) -> None:  # type: ignore[no-untyped-def]
    youth_id = _youth(ctx)
    with ctx.session() as session, pytest.raises(ClosingRefused):
        reopen_case(session, youth_id, on=FIXED_TODAY, actor="x", reason="y")
    from handover.services.dossiers import NotFound

    with pytest.raises(NotFound):
        ClosingService(ctx).close("0" * 36, "werk")


def _consent(ctx, youth_id: str, recipient: str) -> None:  # type: ignore[no-untyped-def]
    ConsentService(ctx).record(
        youth_id,
        {
            "given_by": "jongere",
            "given_by_name": "Ĳsbrand",
            "recipient": recipient,
            "purpose": "overstap",
            "given_on": "01-11-2026",
            "form": "papier",
        },
        sections=["B", "C", "I"],
    )


def test_doorstroompunt_step_is_refused_without_consent_and_adds_one_agreement_with_it(ctx) -> None:  # type: ignore[no-untyped-def]
    youth_id = _youth(ctx)
    _record(ctx, youth_id, "15-07-2026", "geen", "zoekend", checkin=_plan(ctx, youth_id)[24])
    service = ClosingService(ctx)
    state = service.state(youth_id)
    assert state.at_end and state.final_situation == "geen" and state.offers_doorstroompunt
    _consent(ctx, youth_id, "Werk en Inkomen gemeente Utrecht")  # covers Werk en Inkomen, not the Doorstroompunt
    with pytest.raises(ClosingRefused) as info:
        service.hand_over_to_doorstroompunt(youth_id)
    assert "geen geldige toestemming" in str(info.value) and "Doorstroompunt" in str(info.value)
    assert not [a for a in DossierService(ctx).get(youth_id).agreements if a.organisation == "doorstroompunt"]

    _consent(ctx, youth_id, "Doorstroompunt regio Utrecht")
    agreement_id = service.hand_over_to_doorstroompunt(youth_id)
    assert service.hand_over_to_doorstroompunt(youth_id) == agreement_id  # once
    [agreement] = [a for a in DossierService(ctx).get(youth_id).agreements if a.organisation == "doorstroompunt"]
    assert agreement.action == DOORSTROOMPUNT_ACTION and agreement.deadline == FIXED_TODAY + dt.timedelta(days=14)
    assert service.state(youth_id).handed_to_doorstroompunt


def test_doorstroompunt_only_without_work_school_or_day_activity(ctx) -> None:  # type: ignore[no-untyped-def]
    youth_id = _youth(ctx)
    _record(ctx, youth_id, "15-07-2026", "mbo_2", checkin=_plan(ctx, youth_id)[24])
    _consent(ctx, youth_id, "Doorstroompunt regio Utrecht")
    with pytest.raises(ClosingRefused) as info:
        ClosingService(ctx).hand_over_to_doorstroompunt(youth_id)
    assert "nog geen werk, school of dagbesteding" in str(info.value)


def test_revision_0008_downgrade_loses_nothing_else(ctx) -> None:  # type: ignore[no-untyped-def]
    from alembic import command
    from sqlalchemy import inspect, text

    from handover.store.database import alembic_config, current_revision

    youth_id = _youth(ctx)
    plan = _plan(ctx, youth_id)
    _record(ctx, youth_id, "15-07-2026", "werk", checkin=plan[24])
    CheckInService(ctx).mark_missed(youth_id, plan[18], "Verhuisd")
    _consent(ctx, youth_id, "Werk en Inkomen gemeente Utrecht")
    ClosingService(ctx).close(youth_id, "werk")

    def counts() -> dict[str, int]:
        with ctx.workspace.engine.connect() as conn:
            return {
                t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                for t in ("youths", "checkins", "consents", "agreements", "audit_events")
            }

    before = counts()
    with ctx.workspace.engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0007_reference_dates")
    assert current_revision(ctx.workspace.engine) == "0007_reference_dates"
    assert counts() == before
    inspector = inspect(ctx.workspace.engine)
    assert "case_closures" not in inspector.get_table_names()
    assert not {"missed_on", "missed_reason"} & {c["name"] for c in inspector.get_columns("checkins")}
    with ctx.workspace.engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0008_case_closing")
    assert counts() == before
    with ctx.session() as session:
        assert closed_cases(session) == {}  # the closing went with the table; the dossier stayed
