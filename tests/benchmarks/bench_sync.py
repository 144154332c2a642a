"""Sync benchmark: first sync of the 10,000-person demo set, one changed dossier, bytes per change.

Each figure comes with a baseline measured in the same run against the same server: raw httpx
POSTs of the same request bodies into a plain SQLite table (a route added to the benchmark's app).

    .venv/bin/python tests/benchmarks/bench_sync.py [--youths 10000]

The demo set comes from tests/benchmarks/common.py (built once, shared by all benchmarks); this
benchmark works on a copy, because enrolling and sending change the data folder.

Budgets (DESIGN.md): first sync ≤ 10 s and ≤ 5× raw; one change ≤ 100 ms in a running app;
bytes sent grow with the changes, not with the database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from fastapi import Request
from sqlalchemy import Column, Integer, LargeBinary, MetaData, Table, select

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from handover.secrets import MemorySecretStore  # noqa: E402
from handover.server.settings import ServerSettings  # noqa: E402
from handover.server.store import ServerStore  # noqa: E402
from handover.server.testing import run_live_server  # noqa: E402
from handover.services.app import initialise, open_app  # noqa: E402
from handover.services.dossiers import DossierService  # noqa: E402
from handover.sync.client import SyncClient  # noqa: E402
from handover.sync.models import SentRecord  # noqa: E402
from handover.sync.sending import Sending  # noqa: E402
from handover.sync.service import SyncService  # noqa: E402
from tests.benchmarks.common import BENCH_PASSPHRASE, YOUTHS, demo_dir, write_json  # noqa: E402

RECIPIENT = "Werk en Inkomen gemeente Utrecht"


class Recorder(httpx.BaseTransport):
    """Counts bytes on the wire (request line, headers, body) and keeps push bodies for the baseline."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.bytes = 0
        self.push_bodies: list[bytes] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        head = f"{request.method} {request.url.raw_path.decode()} HTTP/1.1\r\n".encode()
        head += b"".join(k + b": " + v + b"\r\n" for k, v in request.headers.raw) + b"\r\n"
        self.bytes += len(head) + len(body)
        if request.url.path == "/v1/ops":
            self.push_bodies.append(body)
        return self.inner.handle_request(request)


class Cpu:
    """CPU seconds of this process (all its threads), of its finished children (the encryption
    worker) and of the server process (from /proc, where there is one): judge by these when the
    machine is shared, wall time is only what a quiet machine would show."""

    def __init__(self, server_pid: int | None) -> None:
        self.server_pid = server_pid

    def _server(self) -> float:
        if self.server_pid is None:
            return 0.0
        try:
            fields = Path(f"/proc/{self.server_pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def now(self) -> tuple[float, float, float]:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return time.process_time(), children.ru_utime + children.ru_stime, self._server()

    def since(self, start: tuple[float, float, float]) -> tuple[float, float, float]:
        return tuple(b - a for a, b in zip(start, self.now(), strict=True))  # type: ignore[return-value]


def raw_posts(url: str, bodies: list[bytes]) -> float:
    with httpx.Client() as client:
        started = time.perf_counter()
        for body in bodies:
            response = client.post(f"{url}/bench/raw", content=body, headers={"Content-Type": "application/json"})
            response.raise_for_status()  # a refused POST would make the baseline look fast
        return time.perf_counter() - started


def _raw_route(app: Any, store: ServerStore) -> None:
    """The baseline: the same bytes POSTed into a plain SQLite table of the same server."""
    raw_table = Table("bench_raw", MetaData(), Column("id", Integer, primary_key=True), Column("body", LargeBinary))
    raw_table.metadata.create_all(store.engine)

    @app.post("/bench/raw")
    async def bench_raw(request: Request) -> dict[str, int]:
        body = await request.body()
        with store.engine.begin() as conn:
            conn.execute(raw_table.insert().values(body=body))
        return {"ok": 1}


def _settings(db_url: str) -> ServerSettings:
    return ServerSettings(
        db_url=db_url, rate_limit_per_minute=100_000, rate_limit_burst=100_000, max_body_bytes=2 * 1024 * 1024
    )


def serve(db_url: str) -> int:
    """Child process: the real app plus the raw route, on 127.0.0.1 and a free port (printed)."""
    import uvicorn

    from handover.server.app import bind_tcp, create_app

    store = ServerStore(db_url)
    app = create_app(_settings(db_url), store=store)
    _raw_route(app, store)
    sock = bind_tcp("127.0.0.1", 0)
    print(f"PORT {sock.getsockname()[1]}", flush=True)
    uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")).run(sockets=[sock])
    return 0


@contextmanager
def server(tmp: Path, in_process: bool) -> Iterator[tuple[str, ServerStore, int | None]]:
    """The server in its own process (as in real life: another machine), or in a thread of this one."""
    db_url = f"sqlite:///{tmp / 'server.db'}"
    store = ServerStore(db_url)
    store.init()
    if in_process:
        with run_live_server(_settings(db_url), store=store) as live:
            _raw_route(live.app, store)
            yield live.url, store, None
        return
    proc = subprocess.Popen([sys.executable, __file__, "--serve", db_url], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        port = int(proc.stdout.readline().split()[1])
        url = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                httpx.get(f"{url}/v1/health", timeout=1).raise_for_status()
                break
            except httpx.TransportError:
                time.sleep(0.05)
        yield url, store, proc.pid
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        store.dispose()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--youths", type=int, default=YOUTHS)
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--in-process", action="store_true", help="server in a thread of this process")
    parser.add_argument("--serve", metavar="DB_URL", help=argparse.SUPPRESS)
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON (for run_all.py)")
    args = parser.parse_args()
    if args.serve:
        return serve(args.serve)
    tmp = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    where = "a thread of this process" if args.in_process else "its own process"
    print(f"server: real app on 127.0.0.1 in {where}, SQLite")
    with server(tmp, args.in_process) as (url, store, server_pid):
        cpu = Cpu(server_pid)
        gemeente_ctx, _ = initialise(
            tmp / "gemeente", org_name=RECIPIENT, user_name="Kees", role="gemeente", secret_store=MemorySecretStore()
        )
        gemeente = SyncService(gemeente_ctx)
        gemeente.enroll(url, store.add_org(RECIPIENT, "gemeente")[1], confirm=lambda p: True)

        source = demo_dir(args.youths)
        shutil.copytree(source, tmp / "school")
        school_ctx = open_app(tmp / "school", passphrase=BENCH_PASSPHRASE)
        print(f"demo set: {args.youths} young people (copy of {source})")
        recorder = Recorder()
        school = SyncService(school_ctx, client_factory=lambda url: SyncClient(url, transport=recorder))
        school.install_hooks()
        school.enroll(url, store.add_org("Praktijkschool De Brug", "school")[1], confirm=lambda p: True)
        # After enrolling nothing goes by itself: the mentor sends every qualifying dossier (send --all).
        # Chosen only (not planned yet), so the first sync's scan seals them, as it did before.
        sending = Sending(school_ctx)
        sending.send([p.youth_id for p in sending.qualifying()])

        started = time.perf_counter()
        cpu_start = cpu.now()
        report = school.sync()
        first = time.perf_counter() - started
        first_cpu = cpu.since(cpu_start)
        assert report.ok, report.problems()
        sent = report.stored
        bodies = list(recorder.push_bodies)
        raw_first = raw_posts(url, bodies)
        pushed_bytes = sum(len(b) for b in bodies)
        print(
            f"first sync: {sent} dossiers with consent sent ({pushed_bytes / 1e6:.1f} MB in {len(bodies)} batches)"
            f" in {first:.2f} s; raw httpx POSTs of the same bytes: {raw_first:.2f} s; "
            f"ratio {first / raw_first:.1f}x (budget ≤ 10 s and ≤ 5x)"
        )
        print(
            f"  CPU seconds of the first sync: this process {first_cpu[0]:.2f} s, encryption worker"
            f" {first_cpu[1]:.2f} s, server {first_cpu[2]:.2f} s (load average {os.getloadavg()[0]:.1f})"
        )
        phases = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in report.timings.items())
        print(
            f"  phases: {phases} (prepare = read, serialise, sign and encrypt each dossier into the outbox, with"
            f" the pushes of the batches already sealed overlapping it; push = what was left to send after it)"
        )

        # One changed dossier in the running app: the change enqueues (hook), the sync sends it.
        dossiers = DossierService(school_ctx)
        with school_ctx.session() as session:
            sent_ids = list(session.scalars(select(SentRecord.youth_id).where(SentRecord.last_kind == "dossier")))
        timings, raw_timings, wire, cpu_one = [], [], [], []
        for i in range(args.changes):
            youth_id = sent_ids[i]
            dossiers.update_fields(youth_id, {"notes": f"Gesprek gevoerd op {dt.date.today()} ({i})."})
            recorder.bytes = 0
            recorder.push_bodies.clear()
            started = time.perf_counter()
            cpu_start = cpu.now()
            report = school.sync()
            timings.append(time.perf_counter() - started)
            cpu_one.append(cpu.since(cpu_start))
            assert report.ok and report.stored == 1, report.problems()
            wire.append(recorder.bytes)
            raw_timings.append(raw_posts(url, list(recorder.push_bodies)))
        one = statistics.median(timings)
        raw_one = statistics.median(raw_timings)
        print(
            f"one changed dossier: median {one * 1000:.1f} ms over {args.changes} changes; raw httpx POST of the"
            f" same bytes: {raw_one * 1000:.1f} ms; ratio {one / raw_one:.1f}x (budget ≤ 100 ms)"
        )
        one_cpu = statistics.median(c[0] for c in cpu_one)
        one_server_cpu = statistics.median(c[2] for c in cpu_one)
        print(f"  CPU per change (median): this process {one_cpu * 1000:.1f} ms, server {one_server_cpu * 1000:.0f} ms")
        push_body = len(bodies[0]) // max(1, min(100, sent)) if bodies else 0
        db_size = sum(f.stat().st_size for f in (tmp / "school").glob("overstap.db*"))
        print(
            f"bytes sent for one change: median {statistics.median(wire):,.0f} bytes on the wire (all requests"
            f" of the sync); the envelope's push body alone ≈ {push_body:,} bytes; ratio"
            f" {statistics.median(wire) / max(1, push_body):.1f}x; school database {db_size / 1e6:.0f} MB "
            f"(bytes do not grow with it)"
        )
        write_json(
            args.json,
            {
                "first_sync_s": first,
                "first_sync_raw_s": raw_first,
                "first_sync_ratio": first / raw_first,
                "first_sync_dossiers": sent,
                "first_sync_cpu_s": first_cpu[0],
                "first_sync_worker_cpu_s": first_cpu[1],
                "first_sync_server_cpu_s": first_cpu[2],
                "one_change_cpu_ms": one_cpu * 1000,
                "one_change_ms": one * 1000,
                "one_change_raw_ms": raw_one * 1000,
                "one_change_ratio": one / raw_one,
            },
        )
        school.close()
        gemeente.close()
        school_ctx.close()
        gemeente_ctx.close()
    shutil.rmtree(tmp, ignore_errors=True)  # a copy of the data set and a server database: hundreds of MB
    return 0


if __name__ == "__main__":
    sys.exit(main())
