"""Benchmark: the cohort figures and the 1 November snapshot of the 10,000-person demo set (not run by CI).

    .venv/bin/python tests/benchmarks/bench_outcomes.py

Budgets (issue 12): the figures of 10,000 young people <= 500 ms; the snapshot of 10,000 <= 2 s.
The baseline, measured in the same run, is reading the same check-in rows with a plain cursor
(no SQLAlchemy, no Python work on them): a slow machine shows as a slow baseline, not as a regression.
The snapshot (of the 1 November a year before the latest, made afterwards: opening the folder froze the
latest already) is taken in a transaction that is rolled back, so the data folder stays as it was.

``measure()`` returns the figures as a dict (for tests/benchmarks/run_all.py).
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

FIGURES_BUDGET_MS = 500
SNAPSHOT_BUDGET_MS = 2000
REPEATS = 7


def _median_ms(fn: Callable[[], object], repeats: int = REPEATS) -> float:
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def measure(youths: int | None = None) -> dict[str, Any]:
    from sqlalchemy import text

    from handover.services.outcomes import cohort_figures, latest_reference_date
    from handover.services.outcomes_snapshots import take_snapshot
    from handover.store.outcomes import ReferenceSnapshot
    from tests.benchmarks.common import YOUTHS, open_demo

    ctx = open_demo(youths or YOUTHS)
    try:
        today = dt.date.today()
        # Opening the folder froze the latest 1 November already (services.app): measure the year
        # before, made afterwards from the history (the same work), and roll it back.
        peildatum = latest_reference_date(today).replace(year=latest_reference_date(today).year - 1)
        session = ctx.workspace.read_session()
        try:
            people = session.execute(text("SELECT count(*) FROM youths")).scalar_one()
            checkins = session.execute(text("SELECT count(*) FROM checkins")).scalar_one()

            def baseline() -> None:
                cursor = session.connection().connection.cursor()  # the driver's own cursor
                cursor.execute("SELECT youth_id, plan_months, due_date, held_on, reached, situation FROM checkins")
                cursor.fetchall()
                cursor.close()

            base_ms = _median_ms(baseline)
            figs_ms = _median_ms(lambda: cohort_figures(session, today=today))
            figs = cohort_figures(session, today=today)
            session.rollback()

            def snapshot() -> int:
                with ctx.workspace.engine.connect() as conn:
                    from sqlalchemy.orm import Session

                    trans = conn.begin()
                    try:
                        snap_session = Session(bind=conn)
                        if snap_session.get(ReferenceSnapshot, peildatum) is not None:
                            raise SystemExit("Deze map heeft de peildatum al vastgelegd; meet in een verse map.")
                        info = take_snapshot(snap_session, peildatum, today=today, actor="benchmark", retroactive=True)
                        snap_session.flush()
                        return info.count
                    finally:
                        trans.rollback()

            counted = snapshot()
            snap_ms = _median_ms(snapshot, repeats=3)
        finally:
            session.close()
    finally:
        ctx.close()
    return {
        "youths": people,
        "checkins": checkins,
        "cohort_rows": len(figs.rows),
        "snapshot_entries": counted,
        "peildatum": peildatum.isoformat(),
        "baseline_ms": round(base_ms, 1),
        "figures_ms": round(figs_ms, 1),
        "snapshot_ms": round(snap_ms, 1),
        "figures_budget_ms": FIGURES_BUDGET_MS,
        "snapshot_budget_ms": SNAPSHOT_BUDGET_MS,
        "figures_ok": figs_ms <= FIGURES_BUDGET_MS,
        "snapshot_ok": snap_ms <= SNAPSHOT_BUDGET_MS,
    }


def json_figures(result: dict[str, Any]) -> dict[str, float]:
    """The numbers for run_all.py (its convention: ``--json FILE``, an object of numbers, keys outcomes_*)."""
    base = result["baseline_ms"] or 1.0
    return {
        "outcomes_figures_ms": result["figures_ms"],
        "outcomes_figures_ratio": round(result["figures_ms"] / base, 2),
        "outcomes_snapshot_ms": result["snapshot_ms"],
        "outcomes_snapshot_ratio": round(result["snapshot_ms"] / base, 2),
        "outcomes_baseline_ms": result["baseline_ms"],
        "outcomes_youths": result["youths"],
        "outcomes_snapshot_entries": result["snapshot_entries"],
    }


def main(argv: list[str] | None = None) -> int:
    import argparse
    import json

    parser = argparse.ArgumentParser()
    parser.add_argument("--json", metavar="FILE", help="write the figures as a JSON object of numbers")
    args = parser.parse_args(argv)
    result = measure()
    if args.json:
        Path(args.json).write_text(json.dumps(json_figures(result)), encoding="utf-8")
    base = result["baseline_ms"] or 1.0
    print(f"{result['youths']} young people, {result['checkins']} check-ins, {result['cohort_rows']} cohort rows")
    print(f"baseline (plain cursor over the check-ins): {result['baseline_ms']:.1f} ms")
    print(
        f"cohort figures: {result['figures_ms']:.1f} ms (x{result['figures_ms'] / base:.1f} baseline; "
        f"budget {FIGURES_BUDGET_MS} ms: {'ok' if result['figures_ok'] else 'TOO SLOW'})"
    )
    print(
        f"snapshot of {result['peildatum']} ({result['snapshot_entries']} entries): {result['snapshot_ms']:.1f} ms "
        f"(x{result['snapshot_ms'] / base:.1f} baseline; budget {SNAPSHOT_BUDGET_MS} ms: "
        f"{'ok' if result['snapshot_ok'] else 'TOO SLOW'})"
    )
    return 0 if result["figures_ok"] and result["snapshot_ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
