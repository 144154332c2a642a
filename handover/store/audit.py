"""Append-only, hash-chained audit log: who viewed, changed, printed, exported, sent what, when.

Each event's hash covers its content and the previous hash; the head (last seq and hash) is kept
in the settings table in the same transaction. Editing, deleting or inserting an event, or
cutting off the tail, breaks the chain and :func:`verify` says where.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from handover.store.merge import DeviceAuditHead
from handover.store.models import AuditEvent, Setting, utcnow

GENESIS = "0" * 64
HEAD_KEY = "audit_head"
ACTIONS = frozenset(
    {
        "view",
        "create",
        "change",
        "delete",
        "print",
        "export",
        "send",
        "receive",
        "erase",
        "consent",
        "status",
        "import",
        "init",
        "recover",
    }
)


def _digest(
    prev_hash: str,
    seq: int,
    at: dt.datetime,
    actor: str,
    action: str,
    entity: str,
    entity_id: str | None,
    detail: dict[str, Any],
) -> str:
    body = json.dumps(
        [seq, at.isoformat(), actor, action, entity, entity_id, detail],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def record(
    session: Session, actor: str, action: str, entity: str, entity_id: str | None = None, **detail: Any
) -> AuditEvent:
    """Append one event inside the caller's transaction (so it commits or rolls back with the change)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action}")
    session.info.pop(_HEAD_CACHE, None)
    # Writes are serialised (SQLite takes one writer), so reading the head here is race-free.
    head = session.get(Setting, HEAD_KEY)
    seq, prev = (head.value["seq"], head.value["hash"]) if head else (0, GENESIS)
    at = utcnow()
    detail = json.loads(json.dumps(detail, default=str))
    event = AuditEvent(
        seq=seq + 1,
        at=at,
        actor=actor,
        action=action,
        entity=entity,
        entity_id=entity_id,
        detail=detail,
        prev_hash=prev,
    )
    event.hash = _digest(prev, event.seq, at, actor, action, entity, entity_id, detail)
    session.add(event)
    if head is None:
        session.add(Setting(key=HEAD_KEY, value={"seq": event.seq, "hash": event.hash}))
    else:
        head.value = {"seq": event.seq, "hash": event.hash}
    return event


def record_many(session: Session, actor: str, events: Iterable[tuple[str, str, str | None, dict[str, Any]]]) -> int:
    """Append many events (action, entity, entity id, detail) inside the caller's transaction, with one
    executemany: the chain is the same as calling :func:`record` for each in turn. Returns how many."""
    session.info.pop(_HEAD_CACHE, None)
    head = session.get(Setting, HEAD_KEY)
    seq, prev = (head.value["seq"], head.value["hash"]) if head else (0, GENESIS)
    rows: list[dict[str, Any]] = []
    for action, entity, entity_id, detail in events:
        if action not in ACTIONS:
            raise ValueError(f"unknown audit action {action}")
        seq += 1
        at = utcnow()
        clean = json.loads(json.dumps(detail, default=str))
        digest = _digest(prev, seq, at, actor, action, entity, entity_id, clean)
        rows.append(
            {
                "seq": seq,
                "at": at,
                "actor": actor,
                "action": action,
                "entity": entity,
                "entity_id": entity_id,
                "detail": clean,
                "prev_hash": prev,
                "hash": digest,
            }
        )
        prev = digest
    if not rows:
        return 0
    session.flush()  # events recorded one by one earlier in this transaction go in first
    session.connection().execute(insert(cast(Table, AuditEvent.__table__)), rows)
    if head is None:
        session.add(Setting(key=HEAD_KEY, value={"seq": seq, "hash": prev}))
    else:
        head.value = {"seq": seq, "hash": prev}
    return len(rows)


@dataclass(frozen=True)
class AuditReport:
    ok: bool
    events: int
    problem: str | None = None
    at_seq: int | None = None
    # Other PCs of the school whose audit heads this PC holds (issue 13), checked with it.
    devices: int = 0


_HEAD_CACHE = "audit.head"


def _transaction_of(session: Session) -> tuple[object, object] | None:
    root = session.get_transaction()
    return None if root is None else (root, session.get_nested_transaction())


def head(session: Session) -> tuple[int, str]:
    """The number and hash of the last event. Printed on every dossier and carried in every signed
    message, so a chain recomputed by someone with the database key no longer matches those copies.

    Read once per transaction of ``session`` (a sync signs thousands of messages in one; the settings
    row is not kept in the session between calls, so each call was a query): recording an event
    in the session forgets it, and a new transaction reads it again."""
    cached = session.info.get(_HEAD_CACHE)
    now = _transaction_of(session)
    if cached is not None and now is not None and cached[0][0] is now[0] and cached[0][1] is now[1]:
        return cached[1]  # type: ignore[no-any-return]
    row = session.get(Setting, HEAD_KEY)
    value = (int(row.value["seq"]), str(row.value["hash"])) if row else (0, GENESIS)
    transaction = _transaction_of(session)
    if transaction is not None:
        session.info[_HEAD_CACHE] = (transaction, value)
    return value


def verify(session: Session) -> AuditReport:
    prev = GENESIS
    expected_seq = 1
    count = 0
    for event in session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).yield_per(2000):
        if event.seq != expected_seq:
            return AuditReport(False, count, f"gebeurtenis {expected_seq} ontbreekt", expected_seq)
        if event.prev_hash != prev:
            return AuditReport(False, count, f"de keten is verbroken bij gebeurtenis {event.seq}", event.seq)
        digest = _digest(
            prev, event.seq, event.at, event.actor, event.action, event.entity, event.entity_id, event.detail
        )
        if digest != event.hash:
            return AuditReport(False, count, f"gebeurtenis {event.seq} is veranderd", event.seq)
        prev = event.hash
        expected_seq += 1
        count += 1
    head = session.get(Setting, HEAD_KEY)
    head_seq, head_hash = (head.value["seq"], head.value["hash"]) if head else (0, GENESIS)
    if head_seq != count or head_hash != prev:
        return AuditReport(False, count, f"de laatste gebeurtenissen (na {count}) ontbreken", count + 1)
    devices, problem = verify_device_heads(session)
    if problem is not None:
        return AuditReport(False, count, problem, None, devices)
    return AuditReport(True, count, devices=devices)


def verify_device_heads(session: Session) -> tuple[int, str | None]:
    """The audit chains of the school's other PCs, as far as this PC holds them: (how many PCs, problem).

    Each PC keeps its own chain; every replica message it sends carries its head (seq, hash), signed
    with its device key, and the receiver keeps them (``device_audit_heads``). What this proves: per
    other PC, the heads received only ever grow (a later message never names an earlier event as its
    head) and no event number came with two different hashes. So a PC that rewrote or cut back its
    chain after sending a head is caught here, and anyone can compare that PC's own chain (its
    ``audit verify`` recomputes every hash) with these copies: each head pins its chain up to that
    event from outside that PC. It proves nothing about events after the last head received.
    """
    rows = session.scalars(
        select(DeviceAuditHead).order_by(DeviceAuditHead.device_id, DeviceAuditHead.received_at, DeviceAuditHead.seq)
    ).all()
    devices: dict[str, int] = {}
    for row in rows:
        short = row.device_id[:8]
        if row.other_hash is not None:
            return len(
                {r.device_id for r in rows}
            ), f"het logboek van pc {short} is herschreven bij gebeurtenis {row.seq}"
        if row.seq < devices.get(row.device_id, 0):
            return len(
                {r.device_id for r in rows}
            ), f"het logboek van pc {short} is teruggezet tot gebeurtenis {row.seq}"
        devices[row.device_id] = max(row.seq, devices.get(row.device_id, 0))
    return len(devices), None
