"""Binding None in the SQLCipher driver, with and without the adapter ``create_store_engine`` registers.

sqlcipher3 looks for an adapter for every parameter that is not an int, float, text or bytes; for None
it found none and then asked the value for ``__adapt__`` and ``__conform__``, each failed lookup an
exception inside the driver. A dossier row has many empty fields. Prints the time of an executemany of
90,000 rows of 21 values (the width of a check-in row), all None, and of the same rows all int (the
baseline: no adapter involved), without and with the adapter.

    .venv/bin/python tests/benchmarks/bench_bind_none.py [--json FILE]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import sqlcipher3  # noqa: E402

from handover.store.database import _bind_none_fast  # noqa: E402
from tests.benchmarks.common import write_json  # noqa: E402

ROWS, WIDTH = 90_000, 21


def insert(value: object) -> float:
    conn = sqlcipher3.connect(":memory:", isolation_level=None)
    conn.execute(f"CREATE TABLE t ({', '.join(f'c{i}' for i in range(WIDTH))})")
    rows = [(value,) * WIDTH] * ROWS
    started = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany(f"INSERT INTO t VALUES ({', '.join('?' * WIDTH)})", rows)
    conn.execute("COMMIT")
    took = time.perf_counter() - started
    conn.close()
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", help="write the figures to this file (for run_all.py)")
    args = parser.parse_args()
    key = (type(None), sqlcipher3.PrepareProtocol)
    sqlcipher3.adapters.pop(key, None)
    baseline = min(insert(7) for _ in range(3))
    without = min(insert(None) for _ in range(3))
    _bind_none_fast(sqlcipher3)
    assert key in sqlcipher3.adapters
    with_adapter = min(insert(None) for _ in range(3))
    print(f"{ROWS} rows of {WIDTH} values: all int {baseline:.2f} s (baseline)")
    print(f"  all None without the adapter {without:.2f} s ({without / baseline:.1f}x the baseline)")
    print(f"  all None with the adapter    {with_adapter:.2f} s ({with_adapter / baseline:.1f}x the baseline)")
    write_json(
        args.json,
        {
            "bind_int_s": round(baseline, 3),
            "bind_none_without_adapter_s": round(without, 3),
            "bind_none_s": round(with_adapter, 3),
            "bind_none_gain": round(without / with_adapter, 1),
        },
    )


if __name__ == "__main__":
    main()
