"""Keeping the server small in what it holds: acknowledged and withdrawn messages become tombstones.

A message is *acknowledged* once every active device of its recipient organisation asked for the
messages after it (``GET /v1/inbox?since=SEQ``; ``DeviceRegistry.read_through`` in
:mod:`handover.server.devices` keeps the lowest of them). The client stores its cursor in the same
transaction as what it read, so it never asks past a message it has not kept, and a PC of a school
that was away keeps what it missed. ``handover-server purge --older-than DAYS`` then empties the
envelope of every message acknowledged longer ago than DAYS, and of every dossier message whose
record was withdrawn (the withdrawal itself is delivered first and purged like any other).

A *tombstone* keeps the row with its routing metadata (sender, recipient, record, revision, op id,
hash of the envelope) and an empty envelope, so a re-sent message is still recognised as a
duplicate and ``/v1/ops/known`` still answers for it; the inbox no longer serves it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy import and_, delete, func, select, update
from sqlalchemy.engine import Engine

from handover.server.schema import inbox_acks, ops

DEFAULT_OLDER_THAN_DAYS = 30


@dataclass(frozen=True)
class PurgeReport:
    acknowledged: int
    withdrawn: int


def purge(engine: Engine, older_than_days: int, now: float | None = None) -> PurgeReport:
    """Turn acknowledged-long-ago and withdrawn messages into tombstones; one transaction."""
    cutoff = (now or time.time()) - older_than_days * 86400
    acknowledged = withdrawn = 0
    with engine.begin() as conn:
        # Per organisation: the highest sequence number it had acknowledged by the cutoff.
        through = conn.execute(
            select(inbox_acks.c.org_id, func.max(inbox_acks.c.seq).label("seq"))
            .where(inbox_acks.c.at <= cutoff)
            .group_by(inbox_acks.c.org_id)
        ).all()
        for org_id, seq in through:
            acknowledged += conn.execute(
                update(ops)
                .where(ops.c.recipient_org == org_id, ops.c.recipient_seq <= seq, func.length(ops.c.envelope) > 0)
                .values(envelope=b"")
            ).rowcount
            # Older acknowledgements say nothing the newest one before the cutoff does not.
            conn.execute(
                delete(inbox_acks).where(
                    inbox_acks.c.org_id == org_id, inbox_acks.c.seq < seq, inbox_acks.c.at <= cutoff
                )
            )
        withdrawals = conn.execute(
            select(ops.c.sender_org, ops.c.record_id, ops.c.revision).where(ops.c.kind == "withdrawal")
        ).all()
        for sender, record, revision in withdrawals:
            withdrawn += conn.execute(
                update(ops)
                .where(
                    and_(
                        ops.c.sender_org == sender,
                        ops.c.record_id == record,
                        ops.c.revision < revision,
                        ops.c.kind != "withdrawal",
                        func.length(ops.c.envelope) > 0,
                    )
                )
                .values(envelope=b"")
            ).rowcount
    return PurgeReport(acknowledged, withdrawn)
