"""``handover-server purge [--older-than DAYS]``: acknowledged and withdrawn messages become tombstones
that keep only routing metadata. Real server on 127.0.0.1."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from handover.server.cli import main
from handover.server.purge import PurgeReport, purge
from handover.server.schema import inbox_acks, ops
from handover.server.testing import LiveServer
from handover.sync.testing import Member

DAY = 86400.0


def _stored(live: LiveServer) -> dict[str, tuple[bytes, str, str, int]]:
    with live.store.engine.connect() as conn:
        rows = conn.execute(select(ops.c.op_id, ops.c.envelope, ops.c.record_id, ops.c.kind, ops.c.revision)).all()
    return {r.op_id: (bytes(r.envelope), r.record_id, r.kind, r.revision) for r in rows}


def _age_acks(live: LiveServer, days: float) -> None:
    """Pretend every acknowledgement so far happened ``days`` ago."""
    with live.store.engine.begin() as conn:
        conn.execute(inbox_acks.update().values(at=time.time() - days * DAY))


def test_purge_empties_acknowledged_messages_older_than_the_limit(
    live_server: LiveServer, members: dict[str, Member]
) -> None:
    g, a = members["G"], members["A"]
    first = a.seal(g, body=b'{"eerste":1}')
    second = a.seal(g, body=b'{"tweede":2}')
    assert [r.status for r in a.client.push([first, second]).results] == ["stored", "stored"]
    assert len(g.client.inbox(0).messages) == 2  # read, but not yet acknowledged
    assert purge(live_server.store.engine, 0) == PurgeReport(acknowledged=0, withdrawn=0)

    g.client.inbox(1)  # asking after seq 1: the gemeente has kept the first message
    _age_acks(live_server, 31)
    assert purge(live_server.store.engine, 30).acknowledged == 1
    stored = _stored(live_server)
    assert stored[first.op_id][0] == b"" and stored[second.op_id][0] != b""
    # The tombstone keeps the routing metadata: a re-send is a duplicate, known() still answers.
    assert stored[first.op_id][1:] == (first.record_id, "dossier", first.revision)
    assert a.client.push([first]).results[0].status == "duplicate"
    assert a.client.known([first.op_id]).known == {first.op_id: 1}
    # The inbox no longer serves the emptied message; the rest is untouched.
    assert [m.op_id for m in g.client.inbox(0).messages] == [second.op_id]

    g.client.inbox(2)  # acknowledged just now: younger than the limit, so kept
    assert purge(live_server.store.engine, 30).acknowledged == 0
    assert _stored(live_server)[second.op_id][0] != b""


def test_an_organisation_cannot_acknowledge_beyond_its_head(
    live_server: LiveServer, members: dict[str, Member]
) -> None:
    g, a = members["G"], members["A"]
    op = a.seal(g, body=b"1")
    a.client.push([op])
    a.client.inbox(10**6)  # the school acknowledges its own (empty) inbox: nothing of the gemeente's
    g.client.inbox(10**6)  # the gemeente's head is 1: it acknowledges seq 1, no more
    with live_server.store.engine.connect() as conn:
        acks = {r.org_id: r.seq for r in conn.execute(select(inbox_acks))}
    assert acks == {g.org_id: 1}


def test_a_withdrawn_dossier_keeps_only_tombstones(live_server: LiveServer, members: dict[str, Member]) -> None:
    g, a = members["G"], members["A"]
    record = str(uuid.uuid4())
    v1 = a.seal(g, record_id=record, revision=1, base_revision=0, body=b"versie 1")
    v2 = a.seal(g, record_id=record, revision=2, base_revision=1, body=b"versie 2")
    gone = a.seal(g, record_id=record, revision=3, base_revision=2, kind="withdrawal", body=b"ingetrokken")
    other = a.seal(g, body=b"een ander dossier")
    assert all(r.status == "stored" for r in a.client.push([v1, v2, gone, other]).results)

    report = purge(live_server.store.engine, 30)  # nothing acknowledged: only the withdrawal counts
    assert report.withdrawn == 2 and report.acknowledged == 0
    stored = _stored(live_server)
    assert stored[v1.op_id][0] == stored[v2.op_id][0] == b""
    assert stored[gone.op_id][0] != b"" and stored[other.op_id][0] != b""
    assert [m.op_id for m in g.client.inbox(0).messages] == [gone.op_id, other.op_id]
    assert purge(live_server.store.engine, 30).withdrawn == 0  # idempotent


def test_purge_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'srv.db'}"
    assert main(["--db", db, "purge"]) == 1  # not initialised
    assert main(["--db", db, "init"]) == 0
    assert main(["--db", db, "purge", "--older-than", "7"]) == 0
    out = capsys.readouterr().out
    assert "0 berichten die langer dan 7 dagen" in out and "grafsteen" in out
    assert main(["--db", db, "purge", "--older-than", "-1"]) == 2
    assert main(["--db", db, "purge", "--older-than", "veel"]) == 2
