"""Dossier statuses the sync sets (klaar/besproken → verstuurd → ontvangen) and the sync's own transactions.

A status set by the sync is not news for the recipient: the stream's covered revision moves along
with it, so it is not sent again. The sync's transactions are marked (:func:`sync_session`) so that
the outbox hook ignores the changes the sync makes itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from handover.domain import rules
from handover.store import audit
from handover.store.models import Youth, utcnow
from handover.store.workspace import Workspace
from handover.sync.bulk import table_of, update_by_key
from handover.sync.models import SentRecord

_SYNC_SESSION = "handover.sync.applying"
SENT_FROM = ("klaar", "besproken")


@contextmanager
def sync_session(workspace: Workspace) -> Iterator[Session]:
    """A transaction of the sync itself: its dossier changes must not go into the outbox again."""
    with workspace.session() as session:
        session.info[_SYNC_SESSION] = True
        try:
            yield session
        finally:
            session.info.pop(_SYNC_SESSION, None)


def sent_by_another_pc(session: Session, youth_id: str) -> bool:
    """A school with several PCs (issue 13): the young person is here (the caseload replicates) but this
    PC sent nothing about them, so an answer of a gemeente about them concerns what another PC sent."""
    if session.get(Youth, youth_id) is None:
        return False
    return session.scalar(select(SentRecord.youth_id).where(SentRecord.youth_id == youth_id).limit(1)) is None


def is_sync_session(session: Session) -> bool:
    return bool(session.info.get(_SYNC_SESSION))


class AckedOp(NamedTuple):
    """An outbox row the server acknowledged (what the audit event and the status need of it)."""

    youth_id: str
    op_id: str
    kind: str
    recipient_org: str
    revision: int


def mark_sent(session: Session, actor: str, acked: list[AckedOp]) -> None:
    """Audit 'send' and move klaar/besproken → verstuurd for a whole batch at once.

    Bulk statements on purpose: loading each Youth as an ORM object drags its nine relationships
    through the flush, which made a 10,000-dossier first sync crawl.
    """
    if not acked:
        return
    ids = list(dict.fromkeys(a.youth_id for a in acked))
    current = {
        r.id: (r.status, r.revision)
        for r in session.execute(select(Youth.id, Youth.status, Youth.revision).where(Youth.id.in_(ids)))
    }
    now = utcnow()
    youth_updates: list[dict[str, Any]] = []
    bumped: dict[str, tuple[int, int]] = {}
    events: list[tuple[str, str, str | None, dict[str, Any]]] = []
    for op in acked:
        if op.youth_id not in current:
            continue
        status, revision = current[op.youth_id]
        detail: dict[str, Any] = {
            "op_id": op.op_id,
            "kind": op.kind,
            "recipient": op.recipient_org,
            "revision": op.revision,
        }
        if op.kind == "dossier" and status in SENT_FROM and op.youth_id not in bumped:
            rules.check_transition(status, "verstuurd", by_sync=True)
            youth_updates.append(
                {
                    "id": op.youth_id,
                    "status": "verstuurd",
                    "status_changed_at": now,
                    "revision": revision + 1,
                    "updated_at": now,
                }
            )
            bumped[op.youth_id] = (revision, revision + 1)
            # One event records both facts: sent, and the status change it caused.
            detail.update(old=status, new="verstuurd", by_sync=True)
        events.append(("send", "youth", op.youth_id, detail))
    audit.record_many(session, actor, events)  # one executemany, the same chain as one by one
    if not youth_updates:
        return
    update_by_key(session, table_of(Youth), youth_updates)
    # A status set by the sync is not news for the recipient: keep it from being sent again.
    streams = session.execute(
        select(SentRecord.record_id, SentRecord.recipient_org, SentRecord.youth_id, SentRecord.covered_revision).where(
            SentRecord.youth_id.in_(list(bumped))
        )
    )
    covered = [
        {"record_id": r.record_id, "recipient_org": r.recipient_org, "covered_revision": bumped[r.youth_id][1]}
        for r in streams
        if r.covered_revision == bumped[r.youth_id][0]
    ]
    update_by_key(session, table_of(SentRecord), covered)


def set_status_by_sync(session: Session, actor: str, youth: Youth, new: str) -> None:
    """Status change by the sync path (``by_sync``): the only way to 'verstuurd'/'ontvangen'."""
    rules.check_transition(youth.status, new, by_sync=True)
    old, old_revision = youth.status, youth.revision
    youth.status = new
    youth.status_changed_at = utcnow()
    youth.revision = old_revision + 1
    youth.updated_at = utcnow()
    audit.record(session, actor, "status", "youth", youth.id, youth=youth.id, old=old, new=new, by_sync=True)
    for rec in session.scalars(select(SentRecord).where(SentRecord.youth_id == youth.id)):
        if rec.covered_revision == old_revision:
            rec.covered_revision = youth.revision
