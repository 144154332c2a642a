"""A 10,000-person demo data folder, built once and reused by every benchmark (passphrase mode)."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

BENCH_PASSPHRASE = "benchmark-wachtwoord"
YOUTHS = int(os.environ.get("HANDOVER_BENCH_YOUTHS", "10000"))


def demo_dir(youths: int = YOUTHS) -> Path:
    """Path of a data folder with ``youths`` demo young people (built on first use, ~30 s for 10,000)."""
    from handover.services.app import initialise
    from handover.services.demo import build_demo
    from handover.store.workspace import is_initialised

    folder = Path(os.environ.get("HANDOVER_BENCH_DIR", Path(tempfile.gettempdir()) / f"overstap-bench-{youths}"))
    marker = folder / "klaar.txt"
    # Built by the code of this schema: a set built under other migration scripts (a reserved revision
    # filled in since, which an older set already counts as applied) is built again, not measured half-migrated.
    built_for = f"ok {schema_digest()}"
    if is_initialised(folder) and marker.exists() and marker.read_text().strip() == built_for:
        return folder
    if folder.exists():
        import shutil

        shutil.rmtree(folder)
    started = time.perf_counter()
    ctx, _ = initialise(
        folder,
        org_name="Praktijkschool De Brug",
        brin="12AB",
        user_name="Marieke de Jong",
        recipient="Werk en Inkomen gemeente Utrecht",
        passphrase=BENCH_PASSPHRASE,
    )
    try:
        build_demo(ctx, youths, seed=1)
    finally:
        ctx.close()
    marker.write_text(built_for)
    print(f"[setup] demo set of {youths} built in {time.perf_counter() - started:.1f} s at {folder}")
    return folder


def schema_digest() -> str:
    """A digest of the Alembic scripts: changes whenever a migration is added or filled in."""
    import hashlib

    from handover import paths

    digest = hashlib.sha256()
    for script in sorted((paths.alembic_dir() / "versions").glob("*.py")):
        digest.update(script.name.encode() + b"\0" + script.read_bytes())
    return digest.hexdigest()[:16]


def open_demo(youths: int = YOUTHS):  # type: ignore[no-untyped-def]
    from handover.services.app import open_app

    return open_app(demo_dir(youths), passphrase=BENCH_PASSPHRASE)


def stats(samples: list[float]) -> tuple[float, float]:
    """Median and 95th percentile in milliseconds."""
    ordered = sorted(samples)
    return ordered[len(ordered) // 2] * 1000, ordered[int(len(ordered) * 0.95) - 1] * 1000


def write_json(path: str | None, figures: dict[str, object]) -> None:
    """``--json FILE``: the figures of one benchmark for tests/benchmarks/run_all.py (numbers, or null)."""
    if not path:
        return
    import json

    Path(path).write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n", encoding="utf-8", newline="\n")
