"""audit.record_many writes the same hash chain as audit.record called once per event, in one executemany."""

from __future__ import annotations

from sqlalchemy import select

from handover.services.context import AppContext
from handover.store import audit
from handover.store.models import AuditEvent


def test_record_many_continues_the_chain_like_record(ctx: AppContext) -> None:
    with ctx.session() as session:
        audit.record(session, "Marieke", "view", "youth", "a")
        # One recorded one by one in this very transaction (not flushed yet), then many at once, then one again.
        written = audit.record_many(
            session,
            "Marieke",
            [("create", "youth", f"id-{n}", {"youth": f"id-{n}", "source": "demo"}) for n in range(5)],
        )
        audit.record(session, "Marieke", "print", "youth", "id-3", output="pdf-file")
        assert written == 5
    with ctx.session() as session:
        report = audit.verify(session)
        assert report.ok, report.problem
        events = list(session.scalars(select(AuditEvent).order_by(AuditEvent.seq)))
        tail = events[-7:]
        assert [e.action for e in tail] == ["view", *["create"] * 5, "print"]
        for before, event in zip(tail, tail[1:], strict=False):
            assert event.seq == before.seq + 1 and event.prev_hash == before.hash
        assert audit.head(session) == (events[-1].seq, events[-1].hash)
        assert tail[3].detail == {"youth": "id-2", "source": "demo"}


def test_record_many_refuses_an_unknown_action_and_writes_nothing(ctx: AppContext) -> None:
    import pytest

    with ctx.session() as session:
        before = audit.head(session)
    with pytest.raises(ValueError), ctx.session() as session:
        audit.record_many(session, "x", [("create", "youth", "a", {}), ("dance", "youth", "b", {})])
    with ctx.session() as session:
        assert audit.head(session) == before
        assert audit.verify(session).ok


def test_tampering_with_a_bulk_written_event_is_found(ctx: AppContext) -> None:
    with ctx.session() as session:
        audit.record_many(session, "x", [("create", "youth", str(n), {"n": n}) for n in range(3)])
    with ctx.session() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.entity_id == "1")).one()
        event.detail = {"n": 9}
    with ctx.session() as session:
        report = audit.verify(session)
        assert not report.ok and report.at_seq == event.seq


def test_the_head_is_read_once_per_transaction_and_follows_every_event(ctx: AppContext) -> None:
    from sqlalchemy import event

    reads: list[str] = []

    def count(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        if "FROM settings" in statement:
            reads.append(statement)

    event.listen(ctx.workspace.engine, "before_cursor_execute", count)
    try:
        with ctx.session() as session:
            first = audit.head(session)
            assert all(audit.head(session) == first for _ in range(50))
            assert len(reads) == 1  # a sync signs thousands of messages in one transaction
            audit.record(session, "Marieke", "view", "youth", "a")
            after_one = audit.head(session)
            assert after_one[0] == first[0] + 1 and after_one != first
            audit.record_many(session, "Marieke", [("view", "youth", "b", {}), ("view", "youth", "c", {})])
            assert audit.head(session)[0] == first[0] + 3
        # A long-lived session sees what another committed, from its next transaction on.
        reader = ctx.workspace.read_session()
        try:
            seen = audit.head(reader)
            reader.commit()
            with ctx.session() as other:
                audit.record(other, "Kees", "view", "youth", "d")
            assert audit.head(reader)[0] == seen[0] + 1
        finally:
            reader.close()
    finally:
        event.remove(ctx.workspace.engine, "before_cursor_execute", count)
    with ctx.session() as session:
        assert audit.verify(session).ok
