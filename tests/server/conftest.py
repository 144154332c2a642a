"""Fixtures for server tests: a server store on SQLite (always) and PostgreSQL (when configured),
and a real uvicorn server on 127.0.0.1 with a free port.

PostgreSQL: set ``HANDOVER_TEST_PG_URL`` to an empty database, e.g. after
``initdb -D /tmp/pg -A trust -U postgres && pg_ctl -D /tmp/pg -o '-p 55432 -c listen_addresses=127.0.0.1' start``
and ``createdb -h 127.0.0.1 -p 55432 -U postgres handover_test``:
``HANDOVER_TEST_PG_URL=postgresql+psycopg://postgres@127.0.0.1:55432/handover_test``.
The tests drop and recreate the server tables in it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from handover.crypto import LocalKeys, load_or_create_keys, seal_envelope
from handover.secrets import MemorySecretStore
from handover.server.settings import ServerSettings
from handover.server.store import ServerStore, metadata
from handover.server.testing import LiveServer, run_live_server
from handover.sync import protocol as p
from handover.sync.client import SyncClient
from handover.sync.enrollment import enroll

PG_ENV = "HANDOVER_TEST_PG_URL"


def _pg_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"PostgreSQL variant: set {PG_ENV} (see tests/server/conftest.py) to run it")
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'server.db'}"
    url = _pg_url()
    from sqlalchemy import create_engine

    engine = create_engine(url)
    metadata.drop_all(engine)
    engine.dispose()
    return url


@pytest.fixture
def store(db_url: str) -> Iterator[ServerStore]:
    s = ServerStore(db_url)
    s.init()
    yield s
    s.dispose()


@pytest.fixture
def server_settings(tmp_path: Path) -> ServerSettings:
    return ServerSettings(db_url=f"sqlite:///{tmp_path / 'live-server.db'}")


@pytest.fixture
def live_server(server_settings: ServerSettings) -> Iterator[LiveServer]:
    with run_live_server(server_settings) as live:
        yield live


@dataclass
class Member:
    """An enrolled organisation as the tests drive it: its keys and a logged-in client."""

    org_id: str
    kind: str
    keys: LocalKeys
    client: SyncClient

    def seal(self, to: Member, *, record_id: str | None = None, revision: int = 1, base_revision: int = 0,
             kind: str = "dossier", body: bytes = b'{"x":1}', op_id: str | None = None) -> p.OpItem:
        sealed = seal_envelope(
            kind=kind, sender_org=self.org_id, sender_device=self.keys.device_id, device_key=self.keys.device,
            recipient_org=to.org_id, recipient_age_keys=[to.keys.org_age.recipient],
            own_age_key=self.keys.org_age.recipient, record_id=record_id or str(uuid.uuid4()),
            revision=revision, base_revision=base_revision, op_id=op_id or str(uuid.uuid4()), body=body,
        )
        h = sealed.header
        return p.OpItem(op_id=h.op_id, record_id=h.record_id, revision=h.revision,
                        base_revision=h.base_revision, kind=kind, recipient_org=to.org_id,  # type: ignore[arg-type]
                        envelope=p.b64encode(sealed.data))


def enroll_member(live: LiveServer, name: str, kind: str) -> Member:
    _, code = live.add_org(name, kind)
    keys = load_or_create_keys(MemorySecretStore())
    client = SyncClient(live.url, max_attempts=2, backoff_base=0.01)
    response, _peers = enroll(client, keys, code)
    return Member(response.org_id, kind, keys, client)


@pytest.fixture
def members(live_server: LiveServer) -> Iterator[dict[str, Member]]:
    """Gemeente G, schools A and B, all enrolled and logged in."""
    result = {
        "G": enroll_member(live_server, "Gemeente Testdorp", "gemeente"),
        "A": enroll_member(live_server, "School A", "school"),
        "B": enroll_member(live_server, "School B", "school"),
    }
    yield result
    for m in result.values():
        m.client.close()
