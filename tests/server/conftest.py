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
from collections.abc import Iterator
from pathlib import Path

import pytest

from handover.server.schema import metadata
from handover.server.settings import ServerSettings
from handover.server.store import ServerStore
from handover.server.testing import LiveServer, run_live_server
from handover.sync.testing import Member, enroll_member

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
