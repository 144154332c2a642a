"""Run the real server (uvicorn) in a background thread on 127.0.0.1: for tests and benchmarks."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import uvicorn
from fastapi import FastAPI
from sqlalchemy import update

from handover.server.app import bind_tcp, create_app
from handover.server.schema import inbox_heads, ops, sha256_hex
from handover.server.settings import ServerSettings
from handover.server.store import ServerStore

LOOPBACK = "127.0.0.1"


@dataclass
class LiveServer:
    url: str
    app: FastAPI
    store: ServerStore
    settings: ServerSettings

    def add_org(self, name: str, kind: str) -> tuple[str, str]:
        """Admin action: a new organisation and its one-time enrollment code."""
        return self.store.add_org(name, kind)


def replace_envelope(store: ServerStore, sender_org: str, op_id: str, data: bytes) -> None:
    """Overwrite a stored envelope, as a broken or malicious server could (tests only)."""
    with store.engine.begin() as conn:
        conn.execute(
            update(ops)
            .where(ops.c.sender_org == sender_org, ops.c.op_id == op_id)
            .values(envelope=data, envelope_sha256=sha256_hex(data))
        )


def inject_message(store: ServerStore, **values: Any) -> int:
    """Put a message in an inbox the way a malicious server could, bypassing all checks (tests only)."""
    with store.engine.begin() as conn:
        seq = conn.execute(
            update(inbox_heads)
            .where(inbox_heads.c.org_id == values["recipient_org"])
            .values(head=inbox_heads.c.head + 1)
            .returning(inbox_heads.c.head)
        ).scalar_one()
        conn.execute(
            ops.insert().values(
                recipient_seq=seq, envelope_sha256=sha256_hex(values["envelope"]), received_at=time.time(), **values
            )
        )
    return int(seq)


@contextmanager
def run_live_server(
    settings: ServerSettings, store: ServerStore | None = None, *, tls: tuple[str, str] | None = None
) -> Iterator[LiveServer]:
    """The real app on a free loopback port; ``tls`` (certificate file, key file) serves https."""
    if store is None:
        store = ServerStore(
            settings.db_url,
            token_ttl=settings.token_ttl_seconds,
            nonce_ttl=settings.nonce_ttl_seconds,
            code_ttl_days=settings.enrollment_code_ttl_days,
        )
        store.init()
    app = create_app(settings, store=store)
    sock = bind_tcp(LOOPBACK, 0)  # a free port chosen by the OS, never another address
    port = sock.getsockname()[1]
    certfile, keyfile = tls or (None, None)
    config = uvicorn.Config(
        app, log_level="warning", access_log=False, lifespan="off", ssl_certfile=certfile, ssl_keyfile=keyfile
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("test server did not start")
        time.sleep(0.01)
    try:
        yield LiveServer(f"{'https' if tls else 'http'}://{LOOPBACK}:{port}", app, store, settings)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        store.dispose()
