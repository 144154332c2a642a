"""Cohort figures: a cohort lives through two years on an injected clock; the figures equal a table by hand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from handover.services.checkins import CheckInService
from handover.services.context import AppContext
from handover.services.dossiers import DossierService
from handover.services.outcomes import (
    CohortFigures,
    Ratio,
    cohort_figures,
    intake_dates,
    is_stable,
    merge_school_types,
    situation_on,
)
from tests.conftest import youth_values

D = dt.date
LEFT_2024 = D(2024, 7, 1)
LEFT_2025 = D(2025, 7, 1)
END = D(2026, 8, 1)


class Clock:
    def __init__(self, day: dt.date) -> None:
        self.day = day

    def __call__(self) -> dt.date:
        return self.day


def _hold(ctx: AppContext, clock: Clock, youth_id: str, months: int, held: dt.date, situation: str | None) -> None:
    """Live up to ``held`` and record that planned check-in then (None: tried, not reached)."""
    clock.day = held
    planned = next(c for c in DossierService(ctx).get(youth_id).checkins if c.plan_months == months)
    values: dict[str, object] = {"held_on": held, "channel": "telefoon", "reached": situation is not None}
    if situation is not None:
        values["situation"] = situation
    if situation == "geen":
        values["situation_reason"] = "ontslag"
    CheckInService(ctx).record(youth_id, values, checkin_id=planned.id)


# Each young person's held check-ins: (plan months, held on, situation or None when not reached).
HISTORY: dict[str, tuple[dt.date, str, list[tuple[int, dt.date, str | None]]]] = {
    "A": (
        LEFT_2024,
        "pro",
        [
            (m, d, "werk")
            for m, d in [
                (0, D(2024, 7, 1)),
                (1, D(2024, 8, 1)),
                (3, D(2024, 10, 1)),
                (6, D(2025, 1, 1)),
                (12, D(2025, 7, 1)),
                (18, D(2026, 1, 1)),
                (24, D(2026, 7, 1)),
            ]
        ],
    ),
    # mbo, then a late T+12 (19 days) that finds no work or school, then not reached, then nothing
    "B": (
        LEFT_2024,
        "pro",
        [
            (0, D(2024, 7, 1), "mbo_2"),
            (1, D(2024, 8, 1), "mbo_2"),
            (3, D(2024, 10, 1), "mbo_2"),
            (6, D(2025, 1, 1), "mbo_2"),
            (12, D(2025, 7, 20), "geen"),
            (18, D(2026, 1, 1), None),
        ],
    ),
    "C": (LEFT_2024, "pro", []),  # never reached, nothing held
    "D": (
        LEFT_2024,
        "pro",
        [
            (0, D(2024, 7, 1), "dagbesteding_arbeid"),
            (6, D(2025, 1, 10), "dagbesteding_arbeid"),
            (12, D(2025, 7, 1), "dagbesteding_arbeid"),
            (24, D(2026, 6, 25), "werk_lks"),
        ],
    ),
    "E": (
        LEFT_2025,
        "pro",
        [
            (m, d, "werk_bbl")
            for m, d in [
                (0, D(2025, 7, 1)),
                (1, D(2025, 8, 1)),
                (3, D(2025, 10, 1)),
                (6, D(2026, 1, 1)),
                (12, D(2026, 7, 1)),
            ]
        ],
    ),
    "F": (LEFT_2024, "vso", [(3, D(2024, 10, 1), "verhuisd")]),
}

# The table computed by hand (see the comments in HISTORY; "nb" = nog niet bereikt).
# A situation on a date comes from the last reached check-in on or before it, within six months;
# at T+6/T+12/T+24 the date is 14 days later (the planned check-in held on time counts).
EXPECTED_MIX = {
    (2024, "pro"): {
        "T+6": {"werk": 1, "mbo_2": 1, "niet_bereikt": 1, "dagbesteding_arbeid": 1},  # D: T+6 held 9 days late
        "T+12": {"werk": 1, "niet_bereikt": 2, "dagbesteding_arbeid": 1},  # B: T+12 held 19 days late, T+6 too old
        "T+24": {"werk": 1, "niet_bereikt": 2, "werk_lks": 1},  # B: not reached since 2025-07-20
        "2024-11-01": {"werk": 1, "mbo_2": 1, "niet_bereikt": 1, "dagbesteding_arbeid": 1},
        "2025-11-01": {"werk": 1, "geen": 1, "niet_bereikt": 1, "dagbesteding_arbeid": 1},
    },
    (2024, "vso"): {
        "T+6": {"verhuisd": 1},
        "T+12": {"niet_bereikt": 1},
        "T+24": {"niet_bereikt": 1},
        "2024-11-01": {"verhuisd": 1},
        "2025-11-01": {"niet_bereikt": 1},
    },
    (2025, "pro"): {"T+6": {"werk_bbl": 1}, "T+12": {"werk_bbl": 1}, "2025-11-01": {"werk_bbl": 1}},
}
# stable, reached, intake (A and E within three months), on time (planned check-ins from T+0)
EXPECTED_RATIOS = {
    (2024, "pro"): (Ratio(1, 4), Ratio(3, 4), Ratio(1, 4), Ratio(7 + 5 + 0 + 4, 28)),
    (2024, "vso"): (Ratio(0, 1), Ratio(1, 1), Ratio(0, 1), Ratio(1, 7)),
    (2025, "pro"): (Ratio(1, 1), Ratio(1, 1), Ratio(1, 1), Ratio(5, 5)),
}


def live_through(ctx: AppContext) -> dict[str, str]:
    """Create A-F and record their check-ins day by day on the injected clock; the clock ends at END."""
    clock = Clock(D(2024, 1, 10))
    ctx.clock = clock
    service = DossierService(ctx)
    ids = {
        name: service.create_youth(
            youth_values(first_names=name, leaving_date=left, school_type=kind, birth_date=D(2007, 1, i + 1))
        )
        for i, (name, (left, kind, _)) in enumerate(HISTORY.items())
    }
    # Live through the two years in date order, as the mentor would record them.
    steps = sorted(
        (held, name, months, situation) for name, (_, _, h) in HISTORY.items() for months, held, situation in h
    )
    for held, name, months, situation in steps:
        _hold(ctx, clock, ids[name], months, held, situation)
    clock.day = END
    return ids


@pytest.fixture
def lived(ctx: AppContext) -> Iterator[tuple[AppContext, dict[str, str]]]:
    yield ctx, live_through(ctx)


def _check(figs: CohortFigures) -> None:
    assert [(r.cohort, r.school_type) for r in figs.rows] == list(EXPECTED_MIX)
    for row in figs.rows:
        key = (row.cohort, row.school_type)
        got = {moment: {s: n for s, n in counts.items() if n} for moment, counts in row.mix.items()}
        assert got == EXPECTED_MIX[key], key
        assert (row.stable, row.reached, row.intake, row.on_time) == EXPECTED_RATIOS[key], key


def test_a_cohort_through_two_years_matches_the_table_by_hand(lived) -> None:  # type: ignore[no-untyped-def]
    ctx, ids = lived
    intakes = {ids["A"]: D(2024, 9, 15), ids["B"]: D(2024, 12, 1), ids["E"]: D(2025, 9, 1)}
    with ctx.session() as session:
        figs = cohort_figures(session, today=END, intake=intakes)
    _check(figs)
    assert [m.key for m in figs.moments] == ["T+6", "T+12", "T+24", "2024-11-01", "2025-11-01"]
    row = figs.row(2024, "pro")
    assert row is not None and row.left == 4
    assert row.stable.pct == 25.0 and row.on_time.pct == 57.1
    assert row.engaged("T+24") == Ratio(2, 4)  # werk and werk met loonkostensubsidie
    assert row.groups("2025-11-01") == {
        "werk": 1,
        "school": 0,
        "dagbesteding": 1,
        "traject": 0,
        "geen": 1,
        "verhuisd": 0,
        "niet_bereikt": 1,
    }
    merged = merge_school_types(figs)
    assert [(r.cohort, r.left) for r in merged.rows] == [(2024, 5), (2025, 1)]
    assert merged.rows[0].on_time == Ratio(17, 35) and merged.rows[0].mix["T+6"]["verhuisd"] == 1


def test_school_type_filter_and_no_exchange(lived) -> None:  # type: ignore[no-untyped-def]
    ctx, _ids = lived
    with ctx.session() as session:
        figs = cohort_figures(session, today=END, school_type="vso")
        assert figs.intake_known is False  # nothing sent, nothing received: no exchange to count
        assert [(r.cohort, r.school_type, r.intake) for r in figs.rows] == [(2024, "vso", None)]


def test_intake_dates_come_from_the_replies_of_werk_en_inkomen(lived) -> None:  # type: ignore[no-untyped-def]
    ctx, ids = lived
    insert = text(
        "INSERT INTO sync_replies (youth_id, sender_org, kind, op_id, status, signer_name, signer_device, at, body, "
        "received_at) VALUES (:y, 'gem', 'status', :op, :status, 'K', 'dev', :at, :body, '2025-01-01 00:00:00')"
    )
    rows = [
        (ids["A"], "intake_gepland", "2024-08-01T10:00:00Z", '{"intake_date": "2024-12-20"}'),
        (ids["A"], "intake_gepland", "2024-08-20T10:00:00Z", '{"intake_date": "2024-09-15"}'),  # moved earlier
        (ids["B"], "route", "2024-08-01T10:00:00Z", "{}"),
        (ids["E"], "intake_gepland", "2025-09-01T10:00:00Z", "{}"),  # an older message: its own date
    ]
    with ctx.session() as session:
        for i, (youth, status, at, body) in enumerate(rows):
            session.execute(insert, {"y": youth, "op": f"op{i}", "status": status, "at": at, "body": body})
    with ctx.session() as session:
        assert intake_dates(session) == {ids["A"]: D(2024, 9, 15), ids["E"]: D(2025, 9, 1)}
        figs = cohort_figures(session, today=END)
    assert figs.intake_known
    row = figs.row(2024, "pro")
    assert row is not None and row.intake == Ratio(1, 4)
    later = figs.row(2025, "pro")
    assert later is not None and later.intake == Ratio(1, 1)


def test_situation_on_a_date_and_stability() -> None:
    history = [(D(2025, 1, 1), "werk"), (D(2025, 6, 20), "werk"), (D(2025, 9, 1), "geen")]
    assert situation_on(history, D(2024, 12, 31)) == ("niet_bereikt", None)
    assert situation_on(history, D(2025, 1, 1)) == ("werk", D(2025, 1, 1))
    assert situation_on(history, D(2025, 7, 1)) == ("werk", D(2025, 6, 20))
    assert situation_on(history, D(2026, 3, 2)) == ("niet_bereikt", None)  # more than six months ago
    # 1 January to 20 June: under six months, but within the 14-day margin of a check-in held early
    assert is_stable(history, D(2025, 7, 1))
    assert not is_stable([(D(2025, 1, 1), "werk"), (D(2025, 6, 1), "werk")], D(2025, 7, 1))
    assert not is_stable(history, D(2025, 10, 1))  # lost the job
