"""Reference-date snapshots: frozen once taken, later edits change nothing, earlier years marked afterwards."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from handover.services.checkins import CheckInService
from handover.services.context import AppContext
from handover.services.outcomes import cohort_figures
from handover.services.outcomes_export import peildatum_counts
from handover.services.outcomes_snapshots import (
    SnapshotRefused,
    ensure_snapshots,
    snapshot_entries,
    snapshots,
    take_snapshot,
    verify_snapshot,
)
from handover.services.settings import set_setting
from handover.store.models import AuditEvent
from tests.unit.test_outcomes import END, EXPECTED_MIX, live_through

D = dt.date
P2024, P2025, P2026 = D(2024, 11, 1), D(2025, 11, 1), D(2026, 11, 1)


@pytest.fixture
def lived(ctx: AppContext) -> tuple[AppContext, dict[str, str]]:
    return ctx, live_through(ctx)


def _counts(entries) -> dict[tuple[int, str], dict[str, int]]:  # type: ignore[no-untyped-def]
    result: dict[tuple[int, str], dict[str, int]] = {}
    for e in entries:
        by = result.setdefault((e.cohort, e.school_type), {})
        by[e.situation] = by.get(e.situation, 0) + 1
    return result


def _expected(key: str) -> dict[tuple[int, str], dict[str, int]]:
    return {k: v[key] for k, v in EXPECTED_MIX.items() if key in v}


def test_snapshot_is_frozen_and_later_edits_change_nothing(lived) -> None:  # type: ignore[no-untyped-def]
    ctx, ids = lived
    with ctx.session() as session:
        info = take_snapshot(session, P2025, today=END, actor="Marieke de Jong")
    assert not info.retroactive and info.count == 6 and info.how.startswith("Vastgelegd op 01-08-2026")
    with ctx.session() as session:
        before = snapshot_entries(session, P2025)
        assert _counts(before) == _expected("2025-11-01")
        a = next(e for e in before if e.youth_id == ids["A"])
        assert (a.situation, a.route, a.stable_since, a.last_contact) == (
            "werk",
            "werken",
            D(2024, 7, 1),
            D(2025, 7, 1),
        )
        c = next(e for e in before if e.youth_id == ids["C"])
        assert (c.situation, c.stable_since, c.last_contact) == ("niet_bereikt", None, None)
        event = session.scalars(select(AuditEvent).where(AuditEvent.entity == "reference_snapshot")).one()
        assert event.entity_id == "2025-11-01" and event.detail["count"] == 6 and event.detail["sha256"] == info.sha256

    # Later: C turns out to have been reached before the peildatum, and the school records it now.
    CheckInService(ctx).record(
        ids["C"], {"held_on": D(2025, 10, 15), "channel": "telefoon", "reached": True, "situation": "werk"}
    )
    with ctx.session() as session:
        live = cohort_figures(session, today=END).row(2024, "pro")
        assert live is not None and live.mix["2025-11-01"]["werk"] == 2  # the live figures follow the history
        assert snapshot_entries(session, P2025) == before  # the snapshot does not
        assert verify_snapshot(session, P2025)
        counts = peildatum_counts(session, P2025, today=END)
        assert counts.counts[(2024, "pro")]["werk"] == 1 and counts.snapshot == info
        with pytest.raises(SnapshotRefused, match="al vastgelegd"):
            take_snapshot(session, P2025, today=END, actor="iemand")
    # Not even the database lets it change.
    for statement in (
        "UPDATE reference_entries SET situation = 'werk'",
        "DELETE FROM reference_entries",
        "UPDATE reference_snapshots SET retroactive = 1",
        "DELETE FROM reference_snapshots",
    ):
        with pytest.raises(DatabaseError, match="ligt vast"), ctx.session() as session:
            session.execute(text(statement))
    with ctx.session() as session:
        assert snapshot_entries(session, P2025) == before and verify_snapshot(session, P2025)


def test_earlier_years_are_made_afterwards_and_marked(lived) -> None:  # type: ignore[no-untyped-def]
    ctx, _ids = lived
    with ctx.session() as session:
        with pytest.raises(SnapshotRefused, match="achteraf"):
            take_snapshot(session, P2024, today=END, actor="M")
        with pytest.raises(SnapshotRefused, match="1 november"):
            take_snapshot(session, D(2024, 10, 1), today=END, actor="M", retroactive=True)
        with pytest.raises(SnapshotRefused, match="toekomst"):
            take_snapshot(session, P2026, today=END, actor="M", retroactive=True)
        info = take_snapshot(session, P2024, today=END, actor="M", retroactive=True)
        assert info.retroactive and info.how.startswith("Achteraf berekend")
        assert _counts(snapshot_entries(session, P2024)) == _expected("2024-11-01")
        assert [s.peildatum for s in snapshots(session)] == [P2024]


def test_the_app_takes_the_snapshot_on_or_after_1_november_once(lived) -> None:  # type: ignore[no-untyped-def]
    ctx, ids = lived
    with ctx.session() as session:
        assert ensure_snapshots(session, D(2026, 10, 31), "M") is not None  # 1 November 2025 was never taken
    with ctx.session() as session:
        assert ensure_snapshots(session, D(2026, 10, 31), "M") is None
        info = ensure_snapshots(session, D(2026, 11, 5), "M")
        assert info is not None and info.peildatum == P2026 and not info.retroactive
        assert [e.youth_id for e in snapshot_entries(session, P2026)] == [ids["E"]]  # only 2025 is in follow-up
    with ctx.session() as session:
        assert ensure_snapshots(session, D(2026, 12, 1), "M") is None
        assert ensure_snapshots(session, D(2027, 11, 1), "M") is None  # E left before 1-11-2025: nobody left


def test_a_gemeente_or_an_empty_school_takes_no_snapshot(ctx) -> None:  # type: ignore[no-untyped-def]
    with ctx.session() as session:
        assert ensure_snapshots(session, D(2026, 11, 29), "M") is None  # nobody imported yet: nothing frozen
        set_setting(session, "role", "gemeente")
        assert ensure_snapshots(session, D(2026, 11, 29), "M") is None
        assert snapshots(session) == []


def test_revision_0007_goes_down_and_up_and_keeps_everything_else(lived) -> None:  # type: ignore[no-untyped-def]
    from alembic import command

    from handover.store.database import alembic_config, current_revision, head_revision

    ctx, _ids = lived
    counting = text(
        "SELECT (SELECT count(*) FROM youths), (SELECT count(*) FROM checkins), (SELECT count(*) FROM consents)"
    )
    with ctx.session() as session:
        take_snapshot(session, P2025, today=END, actor="M")
        before = tuple(session.execute(counting).one())
    with ctx.workspace.engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0006_gemeente_workspace")
    assert current_revision(ctx.workspace.engine) == "0006_gemeente_workspace"
    with ctx.session() as session:
        assert tuple(session.execute(counting).one()) == before
        tables = {r[0] for r in session.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))}
        assert "reference_entries" not in tables and "reference_snapshots" not in tables
    with ctx.workspace.engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    assert current_revision(ctx.workspace.engine) == head_revision()
    with ctx.session() as session:
        assert tuple(session.execute(counting).one()) == before
        assert snapshots(session) == []
        take_snapshot(session, P2025, today=END, actor="M")  # and the triggers are back
    with pytest.raises(DatabaseError, match="ligt vast"), ctx.session() as session:
        session.execute(text("DELETE FROM reference_entries"))


def test_the_inzage_export_lists_the_young_persons_snapshot_entries_and_closings(lived, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from handover.services.closing import close_case
    from handover.services.records import RecordsService

    ctx, ids = lived
    with ctx.session() as session:
        take_snapshot(session, P2025, today=END, actor="Marieke de Jong")
        take_snapshot(session, P2024, today=END, actor="Marieke de Jong", retroactive=True)
        close_case(session, ids["A"], situation="werk", on=END, actor="Marieke de Jong")
    data = json.loads(RecordsService(ctx).export_subject_access(ids["A"], tmp_path / "inzage.json").read_text())
    entries = data["reference_dates"]
    assert [(e["peildatum"], e["achteraf_berekend"]) for e in entries] == [("2024-11-01", True), ("2025-11-01", False)]
    assert entries[1]["situation"] == "werk" and entries[1]["stable_since"] == "2024-07-01"
    assert [(c["closed_on"], c["situation"]) for c in data["case_closures"]] == [(END.isoformat(), "werk")]
    other = json.loads(RecordsService(ctx).export_subject_access(ids["B"], tmp_path / "b.json").read_text())
    assert {e["peildatum"] for e in other["reference_dates"]} <= {"2024-11-01", "2025-11-01"}
    assert other["case_closures"] == []
