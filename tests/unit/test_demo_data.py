"""The demo data makes sense (it is what the README's screenshots show): roles match people, a
praktijkschool has pro students, statuses follow the leaving dates, employers match the tasks, and
the overdue agreements are a realistic few. Checked on a generated set of 300 young people."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from handover.domain import rules
from handover.secrets import MemorySecretStore
from handover.services import closing, queries
from handover.services.app import initialise
from handover.services.context import AppContext
from handover.services.demo import DEMO_SCHOOL, build_demo
from handover.services.demo_data import (
    EMPLOYERS,
    KLANTMANAGERS,
    LEVEL_BY_ROUTE,
    MENTORS,
    SITUATION_BY_ROUTE,
    UWV_STAFF,
    WORK_SUPERVISORS,
    school_type_of,
)
from handover.store.models import AuditEvent, CheckIn, Youth
from tests.conftest import FIXED_TODAY

SIZE = 300


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    data_dir: Path = tmp_path_factory.mktemp("demo300") / "gegevens"
    ctx, _code = initialise(data_dir, secret_store=MemorySecretStore(), **DEMO_SCHOOL)
    ctx.clock = lambda: FIXED_TODAY
    build_demo(ctx, SIZE, seed=5)
    yield ctx
    ctx.close()


@pytest.fixture(scope="module")
def youths(demo: AppContext) -> list[Youth]:
    with demo.session() as session:
        found = list(
            session.scalars(
                select(Youth).options(
                    selectinload(Youth.contacts),
                    selectinload(Youth.agreements),
                    selectinload(Youth.experiences),
                    selectinload(Youth.consents),
                    selectinload(Youth.certificates),
                )
            )
        )
        session.expunge_all()
    assert len(found) == SIZE
    return found


def test_roles_match_people(youths: list[Youth]) -> None:
    staff = set(MENTORS) | set(KLANTMANAGERS) | set(UWV_STAFF) | set(WORK_SUPERVISORS)
    for youth in youths:
        by_role: dict[str, list[str]] = {}
        for contact in youth.contacts:
            by_role.setdefault(contact.role, []).append(contact.name)
            if contact.role == "mentor":
                assert contact.organisation == youth.school
            if contact.role == "klantmanager":
                assert contact.organisation == DEMO_SCHOOL["recipient"]
        assert by_role["mentor"] == [youth.mentor] and youth.mentor in MENTORS
        assert not set(by_role["ouder"]) & staff  # a klantmanager or mentor is never a parent
        assert set(by_role.get("klantmanager", [])) <= set(KLANTMANAGERS)
        assert set(by_role.get("werkgever", [])) <= set(WORK_SUPERVISORS)
        expected = {
            "school": by_role["mentor"],
            "werk_en_inkomen": by_role.get("klantmanager", []),
            "ouder": by_role["ouder"],
            "jongere": [youth.called_name],
            "uwv": UWV_STAFF,  # never a mentor at UWV
            "werkgever": by_role.get("werkgever", []),
        }
        for agreement in youth.agreements:
            assert agreement.person in expected[agreement.organisation], (agreement.organisation, agreement.person)


def test_a_praktijkschool_has_pro_students(youths: list[Youth]) -> None:
    assert DEMO_SCHOOL["org_name"].startswith("Praktijkschool")
    assert {y.school_type for y in youths} == {"pro"}
    assert {y.school for y in youths} == {DEMO_SCHOOL["org_name"]}
    assert not any(c.kind == "diploma_vso" for y in youths for c in y.certificates)
    rng = random.Random(1)
    assert school_type_of(rng, "VSO De Zwaan") == "vso"
    assert school_type_of(rng, "School voor voortgezet speciaal onderwijs Het Anker") == "vso"


def test_statuses_follow_the_leaving_dates(youths: list[Youth]) -> None:
    today = FIXED_TODAY
    seen = set()
    for youth in youths:
        leaving = youth.leaving_date
        assert leaving is not None
        status = youth.status
        seen.add(status)
        if today >= rules.add_months(leaving, 24):
            assert status == "afgerond", (leaving, status)
            continue
        assert status != "afgerond"
        consented = bool(youth.consents)
        if leaving <= today:
            assert status in ({"verstuurd", "ontvangen"} if consented else {"besproken"}), (leaving, status)
        else:
            assert status in {"concept", "klaar", "besproken"}, (leaving, status)
            if today < rules.add_months(leaving, -9):
                assert status == "concept"
            if rules.add_months(leaving, -3) <= today:
                assert status == "besproken"
    assert {"concept", "klaar", "besproken", "ontvangen", "afgerond"} <= seen


def test_employers_match_the_tasks_and_the_route(youths: list[Youth]) -> None:
    known = {employer: (tasks, routes) for employer, tasks, routes in EMPLOYERS}
    for youth in youths:
        assert youth.experiences
        for experience in youth.experiences:
            tasks, routes = known[experience.employer]
            assert experience.tasks == tasks
            assert youth.route in routes
        for contact in youth.contacts:
            if contact.role == "werkgever":
                assert contact.organisation == youth.experiences[0].employer


def test_overdue_agreements_are_a_realistic_few(demo: AppContext) -> None:
    open_rows = queries.agreement_rows(demo)
    overdue = queries.agreement_rows(demo, only_overdue=True)
    everything = queries.agreement_rows(demo, include_done=True)
    assert 0 < len(overdue) <= 0.15 * len(open_rows), (len(overdue), len(open_rows))
    assert len(overdue) <= 0.05 * len(everything)
    past_due = [r for r in everything if r.deadline is not None and r.deadline < FIXED_TODAY - dt.timedelta(days=60)]
    assert past_due and all(r.state != "verlopen" for r in past_due)  # nothing left open for months


def test_the_expected_level_and_planned_situation_follow_the_route(youths: list[Youth]) -> None:
    for youth in youths:
        assert youth.route is not None
        assert youth.expected_level in LEVEL_BY_ROUTE[youth.route], (youth.route, youth.expected_level)
        assert youth.planned_situation in SITUATION_BY_ROUTE[youth.route]


def test_the_bulk_build_keeps_the_audit_chain_and_the_derived_columns(demo: AppContext) -> None:
    from handover.store import audit
    from handover.store.models import AuditEvent, CheckIn

    with demo.session() as session:
        report = audit.verify(session)
        assert report.ok, report.problem
        created = list(session.scalars(select(AuditEvent).where(AuditEvent.action == "create")))
        youths = list(session.scalars(select(Youth).options(selectinload(Youth.checkins))))
        assert sorted(e.entity_id for e in created) == sorted(y.id for y in youths)
        assert all(e.detail == {"youth": e.entity_id, "source": "demo"} for e in created)
        for youth in youths:  # what a save (touch) keeps on the row, as if made one by one
            assert youth.revision == 1
            assert youth.next_checkin_due == rules.next_open_due((c.due_date, c.held_on) for c in youth.checkins)
            assert all(isinstance(c, CheckIn) and c.youth_id == youth.id for c in youth.checkins)


def test_the_same_seed_gives_the_same_people(tmp_path: Path) -> None:
    def people(folder: str) -> list[tuple[object, ...]]:
        ctx, _code = initialise(tmp_path / folder, secret_store=MemorySecretStore(), **DEMO_SCHOOL)
        ctx.clock = lambda: FIXED_TODAY
        try:
            build_demo(ctx, 30, seed=11, batch=7)  # chunks of 7: the chunking does not change who is made
            with ctx.session() as session:
                rows = session.execute(
                    select(
                        Youth.first_names, Youth.last_name, Youth.birth_date, Youth.bsn, Youth.status, Youth.phone
                    ).order_by(Youth.created_at, Youth.last_name, Youth.first_names, Youth.birth_date)
                ).all()
            return sorted(tuple(r) for r in rows)
        finally:
            ctx.close()

    assert people("a") == people("b")


def test_the_test_bsns_are_exactly_those_passing_the_11_proef() -> None:
    from stdnum.nl import bsn

    from handover.services.demo_data import valid_test_bsns

    expected = {f"9999{t:05d}" for t in range(100000) if bsn.is_valid(f"9999{t:05d}")}
    assert valid_test_bsns() == expected


def test_bulk_ids_are_random_version_4_uuids() -> None:
    import uuid

    from handover.services.bulk import fresh_id

    ids = [fresh_id() for _ in range(3000)]  # more than one batch of random bytes
    assert len(set(ids)) == len(ids)
    for text in ids:
        value = uuid.UUID(text)
        assert value.version == 4 and value.variant == uuid.RFC_4122 and str(value) == text


# ----------------------------------------------------------------------------------------------
# Issue 12: nobody out of sight, and the end of the two years (services/demo_story.py)


def _in_follow_up(youth: Youth) -> bool:
    return youth.leaving_date is not None and youth.leaving_date <= FIXED_TODAY < rules.support_ends(youth.leaving_date)


def test_romy_el_amrani_is_in_the_demo_and_on_uit_beeld_and_late(demo: AppContext, youths: list[Youth]) -> None:
    (romy,) = [y for y in youths if y.called_name == "Romy" and y.last_name == "El Amrani"]
    with demo.session() as session:
        checkins = sorted(
            session.scalars(select(CheckIn).where(CheckIn.youth_id == romy.id)).all(), key=lambda c: c.due_date
        )
    reached = [c.held_on for c in checkins if c.held_on and c.reached]
    assert romy.leaving_date == dt.date(2025, 7, 10) and max(reached) == dt.date(2025, 10, 15)
    missed = [c for c in checkins if c.plan_months in (6, 12)]
    assert [c.held_on for c in missed] == [None, None]  # two planned check-ins not held
    out = {r.youth_id: r for r in queries.out_of_sight(demo, 4)}
    assert out[romy.id].last_reached == dt.date(2025, 10, 15)
    late = [r for r in queries.overdue_checkins(demo) if r.youth_id == romy.id]
    assert len(late) == 2


def test_a_realistic_few_are_out_of_sight_and_the_newest_cohort_is_mostly_reached(
    demo: AppContext, youths: list[Youth]
) -> None:
    following = [y for y in youths if _in_follow_up(y)]
    out = {r.youth_id for r in queries.out_of_sight(demo, 4)}
    assert len(following) >= 150
    assert 0 < len(out) <= 0.12 * len(following), (len(out), len(following))
    newest = max(y.leaving_date for y in following if y.leaving_date)
    cohort = [y for y in following if y.leaving_date and y.leaving_date.year == newest.year]
    with demo.session() as session:
        reached = set(
            session.scalars(
                select(CheckIn.youth_id).where(CheckIn.reached.is_(True), CheckIn.held_on.is_not(None))
            ).all()
        )
    after = [y for y in cohort if y.leaving_date and y.leaving_date <= FIXED_TODAY - dt.timedelta(days=45)]
    assert sum(y.id in reached for y in after) >= 0.85 * len(after)
    assert sum(y.id in out for y in cohort) <= 0.1 * len(cohort)


def test_most_cases_past_the_two_years_are_closed_a_few_wait_on_the_card(demo: AppContext, youths: list[Youth]) -> None:
    past = [y for y in youths if y.leaving_date and rules.support_ends(y.leaving_date) <= FIXED_TODAY]
    assert len(past) >= 40
    with demo.session() as session:
        closed = closing.closed_cases(session)
        waiting = closing.ready_to_close(session, FIXED_TODAY)
        events = session.scalars(select(AuditEvent).where(AuditEvent.action == "status")).all()
    assert set(closed) <= {y.id for y in past}  # nobody is closed before the end of the two years
    assert 0.85 * len(past) <= len(closed) < len(past)
    assert 1 <= len(waiting) <= 0.15 * len(past)
    assert {c.youth_id for c in waiting} == {y.id for y in past} - set(closed)
    for youth_id, closure in closed.items():
        leaving = next(y.leaving_date for y in past if y.id == youth_id)
        assert leaving is not None and rules.support_ends(leaving) <= closure.closed_on <= FIXED_TODAY
    closing_events = [e for e in events if (e.detail or {}).get("begeleiding") == "afgerond"]
    assert {e.entity_id for e in closing_events} == set(closed)


def test_werk_en_inkomen_planned_most_intakes_so_resultaten_has_an_intake_figure(demo: AppContext) -> None:
    from handover.services.outcomes import cohort_figures

    with demo.session() as session:
        figs = cohort_figures(session, today=FIXED_TODAY)
    assert figs.intake_known
    intake = [row.intake for row in figs.rows if row.intake is not None and row.intake.total]
    assert intake
    count, total = sum(r.count for r in intake), sum(r.total for r in intake)
    assert 0.3 * total <= count <= 0.8 * total, (count, total)  # most within three months, not all


def test_with_an_enrolled_gemeente_the_story_and_the_intake_messages_are_left_to_the_real_exchange(
    tmp_path: Path,
) -> None:
    from sqlalchemy import text

    ctx, _code = initialise(tmp_path / "gegevens", secret_store=MemorySecretStore(), **DEMO_SCHOOL)
    try:
        ctx.clock = lambda: FIXED_TODAY
        build_demo(ctx, 40, seed=5, gemeenten=[("org-houten", "Werk en Inkomen gemeente Houten")])
        with ctx.session() as session:
            names = [(y.called_name, y.last_name) for y in session.scalars(select(Youth))]
            replies = session.execute(text("SELECT count(*) FROM sync_replies")).scalar()
        assert ("Romy", "El Amrani") not in names  # one Romy per gemeente demo school would be three
        assert replies == 0
    finally:
        ctx.close()
