"""Storing one push batch: judge every op, take inbox sequence numbers, insert, in one transaction.

**Inbox sequence.** Every recipient organisation has its own counter row in ``inbox_heads``. An
insert first does ``UPDATE inbox_heads SET head = head + 1 ... RETURNING head`` inside the insert
transaction. The row lock is held until commit, so the next insert for that recipient can only take
``head + 1`` after this one committed: sequence order equals commit order and a reader polling with
``since=N`` can never see N+2 while N+1 is still invisible. (A global autoincrement would not give
that on PostgreSQL, where a later number can commit before an earlier one.) On SQLite every write
transaction is serialised anyway (``BEGIN IMMEDIATE``).
"""

from __future__ import annotations

import time

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection

from handover import wire
from handover.server.schema import ALLOWED_ROUTES, SAME_ORG_KINDS, Caller, inbox_heads, ops, orgs, sha256_hex


def push_batch(conn: Connection, caller: Caller, decoded: list[tuple[wire.OpItem, bytes]]) -> list[wire.OpResult]:
    items = [item for item, _ in decoded]
    recipients = sorted({i.recipient_org for i in items})
    # Lock the recipients' counters in a fixed order so two batches cannot deadlock.
    kinds = {
        r.org_id: (r.kind, r.status)
        for r in conn.execute(
            select(inbox_heads.c.org_id, orgs.c.kind, orgs.c.status)
            .join(orgs, orgs.c.org_id == inbox_heads.c.org_id)
            .where(inbox_heads.c.org_id.in_(recipients))
            .order_by(inbox_heads.c.org_id)
            .with_for_update(of=inbox_heads)
        ).all()
    }
    existing = {
        r.op_id: (r.envelope_sha256, r.recipient_seq)
        for r in conn.execute(
            select(ops.c.op_id, ops.c.envelope_sha256, ops.c.recipient_seq).where(
                ops.c.sender_org == caller.org_id, ops.c.op_id.in_([i.op_id for i in items])
            )
        )
    }
    heads: dict[str, int] = {
        r.record_id: int(r.head)
        for r in conn.execute(
            select(ops.c.record_id, func.max(ops.c.revision).label("head"))
            .where(ops.c.sender_org == caller.org_id, ops.c.record_id.in_({i.record_id for i in items}))
            .group_by(ops.c.record_id)
        )
    }
    results: list[wire.OpResult | None] = []
    accepted: list[tuple[int, wire.OpItem, bytes, str]] = []
    for index, (item, envelope) in enumerate(decoded):
        digest = sha256_hex(envelope)
        known = existing.get(item.op_id)
        if known is not None:
            if known[0] == digest:
                results.append(wire.OpResult(op_id=item.op_id, status="duplicate", seq=known[1]))
            else:
                results.append(wire.OpResult(op_id=item.op_id, status="conflict", reason="op_id_reused"))
            continue
        recipient = kinds.get(item.recipient_org)
        if recipient is None:
            results.append(wire.OpResult(op_id=item.op_id, status="rejected", reason="unknown_recipient"))
            continue
        kind, status = recipient
        allowed = ALLOWED_ROUTES.get((caller.kind, kind), frozenset())
        # A school's replica goes to its own other PCs only, never to another school.
        same_org_only = item.kind in SAME_ORG_KINDS and item.recipient_org != caller.org_id
        if status != "active" or item.kind not in allowed or same_org_only:
            results.append(wire.OpResult(op_id=item.op_id, status="rejected", reason="not_allowed"))
            continue
        if item.revision <= item.base_revision:
            results.append(wire.OpResult(op_id=item.op_id, status="rejected", reason="bad_revision"))
            continue
        current = heads.get(item.record_id, 0)
        if item.base_revision != current:
            reason = "revision_exists" if item.revision <= current else "stale_base"
            results.append(wire.OpResult(op_id=item.op_id, status="conflict", reason=reason, server_revision=current))
            continue
        heads[item.record_id] = item.revision
        existing[item.op_id] = (digest, -1)  # the same op twice in one batch: second is a duplicate
        accepted.append((index, item, envelope, digest))
        results.append(None)
    # One counter update per recipient, inside this transaction (see the module docstring).
    seqs: dict[str, int] = {}
    for org_id in recipients:
        count = sum(1 for _, item, _, _ in accepted if item.recipient_org == org_id)
        if count:
            head = conn.execute(
                update(inbox_heads)
                .where(inbox_heads.c.org_id == org_id)
                .values(head=inbox_heads.c.head + count)
                .returning(inbox_heads.c.head)
            ).scalar_one()
            seqs[org_id] = int(head) - count
    now = time.time()
    rows = []
    for index, item, envelope, digest in accepted:
        seqs[item.recipient_org] += 1
        seq = seqs[item.recipient_org]
        rows.append(
            dict(
                sender_org=caller.org_id,
                sender_device=caller.device_id,
                op_id=item.op_id,
                record_id=item.record_id,
                revision=item.revision,
                base_revision=item.base_revision,
                kind=item.kind,
                recipient_org=item.recipient_org,
                recipient_seq=seq,
                envelope=envelope,
                envelope_sha256=digest,
                received_at=now,
            )
        )
        results[index] = wire.OpResult(op_id=item.op_id, status="stored", seq=seq)
    if rows:
        conn.execute(ops.insert(), rows)
    final = [r for r in results if r is not None]
    # Duplicates inside one batch point at the seq the first copy just got.
    by_op = {r.op_id: r.seq for r in final if r.status == "stored"}
    return [
        r.model_copy(update={"seq": by_op[r.op_id]}) if r.status == "duplicate" and r.seq == -1 else r for r in final
    ]
