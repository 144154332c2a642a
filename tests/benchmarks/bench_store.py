"""Store budgets on 10,000 young people with their check-ins (DESIGN.md): open ≤100 ms, save ≤50 ms,
the list's rows and memory. Each figure also as a ratio against raw SQLCipher doing the same I/O.

Run: python tests/benchmarks/bench_store.py
"""

from __future__ import annotations

import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import select, text  # noqa: E402

from handover.services import queries  # noqa: E402
from handover.services.dossiers import DossierService  # noqa: E402
from handover.store.models import Youth  # noqa: E402
from tests.benchmarks.common import YOUTHS, open_demo, stats, write_json  # noqa: E402

TABLES = (
    "contacts",
    "certificates",
    "experiences",
    "support_needs",
    "schemes",
    "agreements",
    "consents",
    "inspections",
    "checkins",
)


def main() -> None:
    ctx = open_demo()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with ctx.session() as session:
        ids = list(session.scalars(select(Youth.id)))
    rng = random.Random(3)
    sample = rng.sample(ids, 200)
    service = DossierService(ctx)

    # Open a dossier (all sections and lists) vs raw SELECTs of the same rows.
    opened = []
    for youth_id in sample:
        t = time.perf_counter()
        service.get(youth_id, audit_view=True)
        opened.append(time.perf_counter() - t)
    raw_open = []
    with ctx.workspace.engine.connect() as conn:
        for youth_id in sample:
            t = time.perf_counter()
            conn.execute(text("SELECT * FROM youths WHERE id = :i"), {"i": youth_id}).all()
            for table in TABLES:
                conn.execute(text(f"SELECT * FROM {table} WHERE youth_id = :i"), {"i": youth_id}).all()
            raw_open.append(time.perf_counter() - t)

    # Save one field (validation, revision, audit event, fsync) vs a raw UPDATE + commit.
    saved = []
    for n, youth_id in enumerate(sample[:100]):
        t = time.perf_counter()
        service.update_fields(youth_id, {"notes": f"Aantekening {n}"})
        saved.append(time.perf_counter() - t)
    raw_save = []
    for n, youth_id in enumerate(sample[100:]):
        t = time.perf_counter()
        with ctx.workspace.engine.begin() as conn:
            conn.execute(text("UPDATE youths SET notes = :n WHERE id = :i"), {"n": f"x{n}", "i": youth_id})
        raw_save.append(time.perf_counter() - t)

    # The list's rows (what the Jongeren screen loads at start) vs a raw SELECT of the same columns.
    t = time.perf_counter()
    rows = queries.youth_rows(ctx)
    rows_time = time.perf_counter() - t
    t = time.perf_counter()
    with ctx.workspace.engine.connect() as conn:
        conn.execute(
            text(
                "SELECT id, first_names, called_name, infix, last_name, school_class, route, "
                "leaving_date, status, mentor, attention FROM youths"
            )
        ).all()
        conn.execute(text("SELECT youth_id, min(due_date) FROM checkins WHERE held_on IS NULL GROUP BY youth_id")).all()
    raw_rows = time.perf_counter() - t
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ctx.close()

    o_med, o_p95 = stats(opened)
    ro_med, _ = stats(raw_open)
    s_med, s_p95 = stats(saved)
    rs_med, _ = stats(raw_save)
    print(f"young people: {YOUTHS} ({len(rows)} rows)")
    print(
        f"open dossier:  median {o_med:6.1f} ms  p95 {o_p95:6.1f} ms  (budget 100)  raw SQL {ro_med:5.1f} ms  "
        f"ratio {o_med / ro_med:4.1f}x"
    )
    print(
        f"save a field:  median {s_med:6.1f} ms  p95 {s_p95:6.1f} ms  (budget 50)   raw UPDATE {rs_med:5.1f} ms  "
        f"ratio {s_med / rs_med:4.1f}x"
    )
    print(
        f"list rows:     {rows_time * 1000:6.1f} ms  raw SQL {raw_rows * 1000:6.1f} ms  "
        f"ratio {rows_time / raw_rows:4.1f}x"
    )
    print(
        f"max RSS:       {rss_after:6.1f} MB after loading (was {rss_before:.1f} MB after opening; budget 300 MB "
        f"for the whole app)"
    )
    write_json(
        sys.argv[sys.argv.index("--json") + 1] if "--json" in sys.argv else None,
        {
            "store_open_ms": o_med,
            "store_open_ratio": o_med / ro_med,
            "store_save_ms": s_med,
            "store_save_ratio": s_med / rs_med,
            "list_rows_ms": rows_time * 1000,
            "list_rows_ratio": rows_time / raw_rows,
        },
    )


if __name__ == "__main__":
    main()
