"""Building data in bulk: `handover demo --youths 10000` and `handover import --csv` of a 10,000-row file,
each through the command line in a fresh data folder (passphrase mode), then `audit verify` on the result.

    .venv/bin/python tests/benchmarks/bench_demo.py [--youths 10000] [--json FILE]

Budget (issue 14): the demo of 10,000 in <= 15 s on a quiet 2-core machine. The import has no budget of
its own; it goes through the same bulk path and is shown beside it. Baseline in the same run: the time
to start the command line and open an empty data folder (`handover list` on a fresh folder).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.common import BENCH_PASSPHRASE, YOUTHS, write_json  # noqa: E402

FIRST = ["Daan", "Sem", "Noah", "Lucas", "Fenna", "Émile", "Zoë", "Mila", "Yara", "Jesse", "Björn", "Anouk"]
LAST = ["Jansen", "de Vries", "van den Berg", "Bakker", "El Amrani", "Yılmaz", "Visser", "Smit", "de Boer"]


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


CPU: dict[str, float] = {}  # the last command's CPU seconds (on a loaded machine wall time says little)


def _cli(folder: Path, *args: str) -> tuple[float, str]:
    cpu = _children_cpu()
    env = {k: v for k, v in os.environ.items() if not k.startswith("HANDOVER_")}
    env["HANDOVER_PASSPHRASE"] = BENCH_PASSPHRASE
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "handover", "--data-dir", str(folder), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=1800,
        stdin=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - started
    CPU["last"] = _children_cpu() - cpu
    if done.returncode != 0:
        raise SystemExit(f"handover {' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return seconds, done.stdout


def student_csv(path: Path, rows: int, seed: int = 4) -> None:
    """A Magister-like export: `;`, UTF-8 with BOM, Dutch headers, a few rows with a doubtful phone number."""
    rng = random.Random(seed)
    lines = ["Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum;Klas;Mobiel;Uitstroomdatum;Mentor"]
    for n in range(rows):
        infix, _, last = rng.choice(LAST).rpartition(" ")
        birth = f"{rng.randrange(1, 28):02d}-{rng.randrange(1, 13):02d}-{rng.randrange(2006, 2010)}"
        phone = f"06{rng.randrange(10000000, 99999999)}" + (" (moeder)" if n % 50 == 0 else "")
        leaving = f"{rng.choice([10, 11, 14])}-07-{rng.choice([2026, 2027])}"
        lines.append(
            f"{100000 + n};{rng.choice(FIRST)};{infix};{last};{birth};{rng.choice('456')}{rng.choice('ABC')};"
            f"{phone};{leaving};{rng.choice(['M. de Jong', 'P. Smit'])}"
        )
    path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--youths", type=int, default=YOUTHS)
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON (for run_all.py)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-demo-"))
    try:
        base, _ = _cli(tmp / "leeg", "init", "--org", "Praktijkschool De Brug", "--user", "Marieke de Jong")
        demo_s, out = _cli(tmp / "demo", "demo", "--youths", str(args.youths))
        demo_cpu = CPU["last"]
        _, verified = _cli(tmp / "demo", "audit", "verify")
        last = out.strip().splitlines()[-1]
        print(f"demo --youths {args.youths}: {demo_s:.1f} s, {demo_cpu:.1f} s CPU (budget <= 15 s for 10,000); {last}")
        print(f"  audit verify afterwards: {verified.strip().splitlines()[-1]}")
        csv_path = tmp / "leerlingen.csv"
        student_csv(csv_path, args.youths)
        _cli(tmp / "import", "init", "--org", "Praktijkschool De Brug", "--user", "Marieke de Jong")
        import_s, out = _cli(tmp / "import", "import", "--csv", str(csv_path))
        import_cpu = CPU["last"]
        _, verified_import = _cli(tmp / "import", "audit", "verify")
        print(
            f"import --csv of {args.youths} rows: {import_s:.1f} s, {import_cpu:.1f} s CPU; "
            f"{out.strip().splitlines()[-1]}"
        )
        print(f"  audit verify afterwards: {verified_import.strip().splitlines()[-1]}")
        print(f"  baseline: `handover init` of an empty data folder {base:.1f} s")
        ok = "NIET" not in verified + verified_import  # a broken chain already stopped the run (exit 1)
        write_json(
            args.json,
            {
                "demo_10k_s": demo_s * 10_000 / args.youths if args.youths != 10_000 else demo_s,
                "demo_s": demo_s,
                "import_10k_s": import_s * 10_000 / args.youths if args.youths != 10_000 else import_s,
                "cli_init_s": base,
                "demo_10k_cpu_s": demo_cpu * 10_000 / args.youths,
                "import_10k_cpu_s": import_cpu * 10_000 / args.youths,
                "demo_audit_ok": 1 if ok else 0,
            },
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
