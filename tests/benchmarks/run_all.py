"""Every benchmark in one run, and one table: figure, measured, baseline, ratio, target, verdict (issue 14).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/run_all.py [--json FILE] [--only NAME ...]

Builds (or reuses) the shared 10,000-person data set first (tests/benchmarks/common.py, honouring
HANDOVER_BENCH_DIR), then runs each bench_*.py in its own process with ``--json``, so one benchmark's
memory, threads or Qt state never colours another's figures. Benchmarks added by others are picked up
when present: ``bench_gemeente.py`` (key ``gemeente_receive_1000_s``) and ``bench_outcomes.py`` (its own
keys, shown as extra rows), and any other ``bench_*.py`` found beside them (its figures as extra rows,
e.g. bench_devices.py). The convention for any bench_*.py: accept ``--json FILE`` and write a JSON
object of numbers there. A figure whose benchmark is missing is ``null`` in the JSON and "ontbreekt" in
the table.

Timings on a shared machine are noisy: each figure has a baseline measured in the same run, and the
ratio is what to compare between machines.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

# The keys the issue asks for, in this order; always present in --json (null when not measured).
KEYS = (
    "start_ms",
    "start_ratio",
    "filter_p95_ms",
    "sort_ms",
    "first_sync_ratio",
    "one_change_ms",
    "batch_print_parallel_ratio",
    "pdf_one_ratio",
    "demo_10k_s",
    "gemeente_receive_1000_s",
    "rss_mb",
)
# name, script, extra arguments (run in this order: the cheap and the GUI first)
BENCHES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("gui", "bench_gui.py", ("--runs", "5")),
    ("store", "bench_store.py", ()),
    ("editor", "bench_editor.py", ()),
    ("reports", "bench_reports.py", ("--no-single-pdf",)),
    ("demo", "bench_demo.py", ()),
    ("sync", "bench_sync.py", ()),
    ("gemeente", "bench_gemeente.py", ()),
    ("outcomes", "bench_outcomes.py", ()),
)


@dataclass(frozen=True)
class Row:
    figure: str
    key: str  # the measured figure
    unit: str
    baseline: Callable[[dict[str, float]], str]  # text of the baseline measured in the same run
    ratio_key: str | None
    target: str
    ok: Callable[[dict[str, float]], bool | None]  # None: no target of its own


def _f(figures: dict[str, float], key: str, unit: str = "", digits: int = 1) -> str:
    value = figures.get(key)
    return "-" if value is None else f"{value:.{digits}f}{unit}"


ROWS = (
    Row(
        "koude start tot bruikbaar venster (10.000 rijen)",
        "start_ms",
        " ms",
        lambda f: f"leeg venster {_f(f, 'start_empty_ms', ' ms', 0)}",
        "start_ratio",
        "<= 3x en <= 1000 ms",
        lambda f: f["start_ratio"] <= 3 and f["start_ms"] <= 1000,
    ),
    Row(
        "filter per toetsaanslag incl. repaint (p95)",
        "filter_p95_ms",
        " ms",
        lambda f: f"Python-filter {_f(f, 'filter_plain_p95_ms', ' ms', 2)}",
        None,
        "p95 <= 16 ms",
        lambda f: f["filter_p95_ms"] <= 16,
    ),
    Row(
        "kolom sorteren incl. repaint (max)",
        "sort_ms",
        " ms",
        lambda f: "",
        None,
        "<= 100 ms",
        lambda f: f["sort_ms"] <= 100,
    ),
    Row(
        "eerste verzending van alle dossiers",
        "first_sync_s",
        " s",
        lambda f: f"kale POSTs {_f(f, 'first_sync_raw_s', ' s', 2)}",
        "first_sync_ratio",
        "<= 5x kaal",
        lambda f: f["first_sync_ratio"] <= 5,
    ),
    Row(
        "één gewijzigd dossier, app draait",
        "one_change_ms",
        " ms",
        lambda f: f"kale POST {_f(f, 'one_change_raw_ms', ' ms', 1)}",
        "one_change_ratio",
        "<= 50 ms",
        lambda f: f["one_change_ms"] <= 50,
    ),
    Row(
        "batch 500 dossiers, een bestand per jongere",
        "batch_print_parallel_s",
        " s",
        lambda f: f"één proces {_f(f, 'batch_print_single_s', ' s', 1)}",
        "batch_print_parallel_ratio",
        "<= 0.6x één proces",
        lambda f: f["batch_print_parallel_ratio"] <= 0.6,
    ),
    Row(
        "één volledig dossier als PDF",
        "pdf_one_ms",
        " ms",
        lambda f: f"kale ReportLab {_f(f, 'pdf_plain_ms', ' ms', 1)}",
        "pdf_one_ratio",
        "<= 150 ms",
        lambda f: f["pdf_one_ms"] <= 150,
    ),
    Row(
        "demo --youths 10000",
        "demo_10k_s",
        " s",
        lambda f: f"init lege map {_f(f, 'cli_init_s', ' s', 1)}",
        None,
        "<= 15 s",
        lambda f: f["demo_10k_s"] <= 15,
    ),
    Row(
        "import --csv van 10.000 rijen",
        "import_10k_s",
        " s",
        lambda f: f"init lege map {_f(f, 'cli_init_s', ' s', 1)}",
        None,
        "(zelfde pad als demo)",
        lambda f: None,
    ),
    Row(
        "gemeente ontvangt 1.000 dossiers",
        "gemeente_receive_1000_s",
        " s",
        lambda f: _f(f, "gemeente_receive_baseline_s", " s", 2) if "gemeente_receive_baseline_s" in f else "",
        "gemeente_receive_ratio",
        "<= 10 s (bench_gemeente.py)",
        lambda f: bool(f.get("gemeente_receive_ok", True)),
    ),
    Row(
        "dossier openen in de editor (mediaan)",
        "editor_open_ms",
        " ms",
        lambda f: "service alleen",
        "editor_open_ratio",
        "<= 100 ms",
        lambda f: f["editor_open_ms"] <= 100,
    ),
    Row(
        "één veld opslaan vanuit de editor (mediaan)",
        "editor_save_ms",
        " ms",
        lambda f: "service alleen",
        "editor_save_ratio",
        "<= 50 ms",
        lambda f: f["editor_save_ms"] <= 50,
    ),
    Row(
        "geheugen met venster en 10.000 rijen",
        "rss_mb",
        " MB",
        lambda f: "",
        None,
        "<= 300 MB",
        lambda f: f["rss_mb"] <= 300,
    ),
)


def run_bench(script: Path, extra: tuple[str, ...], env: dict[str, str]) -> tuple[dict[str, float], float, int]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    started = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, str(script), *extra, "--json", str(out)], env=env, timeout=3600)
        text = out.read_text(encoding="utf-8") if out.exists() else ""
        figures = json.loads(text) if text.strip() else {}
    except subprocess.TimeoutExpired:
        figures, done = {}, None  # type: ignore[assignment]
    finally:
        out.unlink(missing_ok=True)
    return figures, time.perf_counter() - started, done.returncode if done else -1


def table(figures: dict[str, float], missing: set[str], extra_keys: Collection[str] = ()) -> str:
    head = ("figuur", "gemeten", "basis (zelfde run)", "verhouding", "doel", "oordeel")
    lines = []
    for row in ROWS:
        if figures.get(row.key) is None:
            lines.append((row.figure, "ontbreekt", "", "", row.target, "niet gemeten"))
            continue
        digits = 0 if row.unit.strip() in ("ms", "MB") and figures[row.key] >= 100 else 1
        if row.unit.strip() == "ms" and figures[row.key] < 100:
            digits = 1
        ratio = figures.get(row.ratio_key) if row.ratio_key else None
        try:
            met = row.ok(figures)
            verdict = "" if met is None else "gehaald" if met else "NIET gehaald"
        except (KeyError, TypeError):
            verdict = "?"
        lines.append(
            (
                row.figure,
                f"{figures[row.key]:.{digits}f}{row.unit}",
                row.baseline(figures),
                "" if ratio is None else f"{ratio:.2f}x",
                row.target,
                verdict,
            )
        )
    shown = {r.key for r in ROWS} | {r.ratio_key for r in ROWS if r.ratio_key}
    for key in sorted(figures):  # extra figures of bench_outcomes.py and the like
        if (
            key.startswith(("outcomes_", "batch_print_pool_"))
            or (key.startswith("gemeente_") and key not in shown)
            or (key in extra_keys and key not in shown)
        ):
            value = figures[key]
            lines.append((key, "-" if value is None else f"{value:.3g}", "", "", "", ""))
    widths = [max(len(str(c)) for c in col) for col in zip(head, *lines, strict=False)]
    fmt = " | ".join(f"{{:{w}}}" for w in widths)
    out = [fmt.format(*head), "-+-".join("-" * w for w in widths)] + [fmt.format(*line) for line in lines]
    if missing:
        out.append(f"niet aanwezig in deze versie: {', '.join(sorted(missing))}")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", metavar="FILE", help="write the figures (the keys of issue 14 and more)")
    parser.add_argument("--only", nargs="*", metavar="NAME", help="only these benchmarks (gui, store, ...)")
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)

    from tests.benchmarks.common import YOUTHS, demo_dir

    started = time.perf_counter()
    folder = demo_dir()  # built once here, reused by every benchmark (HANDOVER_BENCH_DIR)
    env["HANDOVER_BENCH_DIR"] = str(folder)
    print(f"[run_all] data set of {YOUTHS} young people at {folder} ({time.perf_counter() - started:.1f} s)")

    figures: dict[str, float] = {}
    missing: set[str] = set()
    extra_keys: set[str] = set()
    known = {script for _, script, _ in BENCHES}
    # Benchmarks added later (the same --json convention) run too; their figures are extra rows.
    others = [(path.stem[6:], path.name, ()) for path in sorted(HERE.glob("bench_*.py")) if path.name not in known]
    for name, script_name, extra in (*BENCHES, *others):
        if args.only and name not in args.only:
            continue
        script = HERE / script_name
        if not script.exists():
            missing.add(script_name)
            continue
        print(f"\n[run_all] {script_name} {' '.join(extra)}", flush=True)
        got, seconds, code = run_bench(script, extra, env)
        print(f"[run_all] {script_name}: {len(got)} figures in {seconds:.0f} s (exit {code})", flush=True)
        if code not in (0, 1) or not got:
            missing.add(f"{script_name} (mislukt, exit {code})")
        figures.update({k: v for k, v in got.items() if isinstance(v, int | float) or v is None})
        if script_name not in known:
            extra_keys.update(got)

    machine = (
        f"{platform.node()}: {os.cpu_count()} CPUs, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, load {os.getloadavg()[0]:.1f} at the end"
    )
    print(f"\n{machine}\n")
    print(table(figures, missing, extra_keys))
    if args.json:
        payload = {key: figures.get(key) for key in KEYS}
        payload.update({k: v for k, v in figures.items() if k not in payload})
        payload["_machine"] = machine  # type: ignore[assignment]
        Path(args.json).write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8", newline="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
