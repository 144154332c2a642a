"""Several PCs of one school (issue 13): a new PC receives the whole caseload; one edit reaches another PC.

Against the real server on 127.0.0.1 (its own process), SQLite. The first PC is a copy of the shared
10,000-person demo set; the second PC joins with a one-time code. Each figure comes with a baseline
measured in the same run: raw httpx POSTs of the same push bodies into a plain SQLite table (see
bench_sync.py).

    .venv/bin/python tests/benchmarks/bench_devices.py [--youths 10000] [--edits 10]

Targets (issue 13): a new PC receives a 10,000-person caseload in ≤ 30 s; one edit reaches another
PC on its next sync in ≤ 1 s.

What "receives the caseload" counts (new_pc_receive_s): from the join until the new PC holds every
young person. While ``add-device`` shows its code (the person walks to the new PC and types it), the
school's only PC gets its caseload ready: it stamps and seals its whole state into the outbox
(``Replication.prepare``; printed as part 0, new_pc_prepare_s, and not counted: it overlaps the
typing). After the join the first PC's next sync pushes what waits (part 1, new_pc_send_s; a sync
that only read the new key list counts too), then the new PC's next sync pulls and merges it
(part 2, new_pc_merge_s). Each part is printed with the CPU seconds of this process (the server runs
in its own process); ``--profile DIR`` writes a cProfile of each part.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import pstats
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import func, select  # noqa: E402

from handover.secrets import MemorySecretStore  # noqa: E402
from handover.services.app import initialise, open_app  # noqa: E402
from handover.services.dossiers import DossierService  # noqa: E402
from handover.store.models import Youth  # noqa: E402
from handover.sync.client import SyncClient  # noqa: E402
from handover.sync.service import JoinCode, SyncService  # noqa: E402
from tests.benchmarks.bench_sync import Recorder, raw_posts, server  # noqa: E402
from tests.benchmarks.common import BENCH_PASSPHRASE, YOUTHS, demo_dir, write_json  # noqa: E402

RECIPIENT = "Werk en Inkomen gemeente Utrecht"
SCHOOL = "Praktijkschool De Brug"


def pair(url: str, first: SyncService, second: SyncService, code: JoinCode) -> None:
    errors: list[BaseException] = []

    def join() -> None:
        try:
            second.join(url, code.code, "Ahmed Bakker", yes=True, timeout=120)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    thread = threading.Thread(target=join)
    thread.start()
    joined = first.wait_for_device(code, timeout=120)
    thread.join(120)
    if errors:
        raise errors[0]
    assert joined is not None and joined.accepted


@contextlib.contextmanager
def profiled(folder: str | None, name: str):  # type: ignore[no-untyped-def]
    """``--profile DIR``: cProfile of one phase (this process only) to DIR/NAME.prof, top lines printed."""
    if not folder:
        yield
        return
    profile = cProfile.Profile()
    profile.enable()
    try:
        yield
    finally:
        profile.disable()
        Path(folder).mkdir(parents=True, exist_ok=True)
        profile.dump_stats(str(Path(folder) / f"{name}.prof"))
        print(f"--- profile of {name} (tottime, top 25) ---")
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--youths", type=int, default=YOUTHS)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--in-process", action="store_true", help="server in a thread of this process")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON (for run_all.py)")
    parser.add_argument("--profile", metavar="DIR", help="cProfile the send and receive phases into DIR")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-devices-"))
    print("server: real app on 127.0.0.1 in " + ("this process" if args.in_process else "its own process"))
    with server(tmp, args.in_process) as (url, store, *_server_pid):  # (the pid: newer bench_sync)
        gemeente_ctx, _ = initialise(
            tmp / "gemeente", org_name=RECIPIENT, user_name="Kees", role="gemeente", secret_store=MemorySecretStore()
        )
        gemeente = SyncService(gemeente_ctx)
        gemeente.enroll(url, store.add_org(RECIPIENT, "gemeente")[1], confirm=lambda p: True)

        source = demo_dir(args.youths)
        shutil.copytree(source, tmp / "pc1")
        ctx1 = open_app(tmp / "pc1", passphrase=BENCH_PASSPHRASE)
        sent1 = Recorder()
        pc1 = SyncService(ctx1, client_factory=lambda u: SyncClient(u, transport=sent1))
        pc1.install_hooks()
        pc1.enroll(url, store.add_org(SCHOOL, "school")[1], confirm=lambda p: True)
        assert pc1.sync().ok

        ctx2, _ = initialise(
            tmp / "pc2",
            org_name=SCHOOL,
            user_name="Ahmed Bakker",
            brin="12AB",
            recipient=RECIPIENT,
            secret_store=MemorySecretStore(),
        )
        pc2 = SyncService(ctx2)
        pc2.install_hooks()
        # 0. The code is shown: the first PC gets its caseload ready (a wait that ends at once).
        code = pc1.add_device()
        with profiled(args.profile, "prepare"):
            started, cpu = time.perf_counter(), time.process_time()
            assert pc1.wait_for_device(code, timeout=0.0) is None
            prepare, prepare_cpu = time.perf_counter() - started, time.process_time() - cpu
        print(
            f"0. while the code is shown, the first PC readies its caseload: {prepare:.1f} s ({prepare_cpu:.1f} s CPU)"
        )
        pair(url, pc1, pc2, code)
        print(f"caseload: {args.youths} young people on the first PC (copy of {source}); second PC joined")

        # The first PC seals its whole state (its first sync with another PC in the key list) ...
        sent1.push_bodies.clear()
        send = send_cpu = 0.0
        send_phases: dict[str, float] = {}
        with profiled(args.profile, "send"):
            for _attempt in range(2):
                started, cpu = time.perf_counter(), time.process_time()
                report = pc1.sync()
                send += time.perf_counter() - started
                send_cpu += time.process_time() - cpu
                assert report.ok, report.problems()
                for k, v in report.timings.items():
                    send_phases[k] = send_phases.get(k, 0.0) + v
                if report.enqueued:
                    break  # (a first sync that only read the key list with the new PC counts too)
        bodies = list(sent1.push_bodies)
        # ... and the new PC receives and merges it at its next sync.
        with profiled(args.profile, "receive"):
            started, cpu = time.perf_counter(), time.process_time()
            report = pc2.sync()
            receive = time.perf_counter() - started
            receive_cpu = time.process_time() - cpu
        assert report.ok, report.problems()
        with ctx2.session() as session:
            arrived = session.scalar(select(func.count()).select_from(Youth))
        assert arrived == args.youths, arrived
        raw = raw_posts(url, bodies)
        total = send + receive
        print(
            f"new PC receives the caseload: {arrived} young people, from the join until the new PC holds them "
            f"{total:.1f} s (target ≤ 30 s):\n"
            f"  1. the first PC's next sync sends what waits: {send:.1f} s ({send_cpu:.1f} s CPU here; "
            f"{sum(len(b) for b in bodies) / 1e6:.1f} MB in {len(bodies)} pushes; "
            + ", ".join(f"{k} {v:.1f} s" for k, v in send_phases.items())
            + ")\n"
            f"  2. the new PC receives and merges it at its next sync: {receive:.1f} s ({receive_cpu:.1f} s CPU; "
            + ", ".join(f"{k} {v:.1f} s" for k, v in report.timings.items())
            + f"; {pc2._replication.ahead.worker_used} of {report.applied} messages planned on the worker process)\n"
            f"  raw httpx POSTs of the same bytes {raw:.2f} s, ratio {total / raw:.0f}x"
        )
        # The reply of the new PC's first message (send me everything) is not needed here: settle it.
        pc1.sync()
        pc2.sync()

        # One edit on the first PC reaches the new PC at its next sync.
        dossiers = DossierService(ctx1)
        with ctx1.session() as session:
            ids = list(session.scalars(select(Youth.id).limit(args.edits)))
        edit_times, next_sync, raw_times = [], [], []
        for i, youth_id in enumerate(ids):
            text = f"Gesprek {i} gevoerd."
            dossiers.update_fields(youth_id, {"notes": text})
            sent1.push_bodies.clear()
            started = time.perf_counter()
            assert pc1.sync().ok
            sent = time.perf_counter() - started
            started = time.perf_counter()
            assert pc2.sync().ok
            got = time.perf_counter() - started
            assert DossierService(ctx2).get(youth_id).notes == text
            edit_times.append(sent + got)
            next_sync.append(got)
            raw_times.append(raw_posts(url, list(sent1.push_bodies)))
        one = statistics.median(edit_times)
        receiving = statistics.median(next_sync)
        raw_one = statistics.median(raw_times)
        print(
            f"one edit to another PC: median {one * 1000:.0f} ms from the sender's sync to the receiver's next "
            f"sync done (receiver's sync alone {receiving * 1000:.0f} ms) over {len(ids)} edits (target ≤ 1 s); "
            f"raw httpx POST of the same bytes {raw_one * 1000:.1f} ms, ratio {one / raw_one:.0f}x"
        )
        write_json(
            args.json,
            {
                "new_pc_receive_s": total,
                "new_pc_prepare_s": prepare,
                "new_pc_send_s": send,
                "new_pc_merge_s": receive,
                "new_pc_send_cpu_s": send_cpu,
                "new_pc_merge_cpu_s": receive_cpu,
                "new_pc_raw_s": raw,
                "one_edit_ms": one * 1000,
                "one_edit_receiver_ms": receiving * 1000,
                "one_edit_raw_ms": raw_one * 1000,
            },
        )
        for service in (pc1, pc2, gemeente):
            service.close()
        for ctx in (ctx1, ctx2, gemeente_ctx):
            ctx.close()
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
