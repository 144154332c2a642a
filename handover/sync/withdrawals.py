"""School side: did the gemeente confirm each withdrawal of consent? A server can drop a message unseen.

The gemeente answers a withdrawal with a signed receipt, like a dossier version. A withdrawal whose
receipt has not come within the deadline after the server stored it is shown as missing: the
school then knows the gemeente may still hold the dossier and can phone it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from handover.store.models import utcnow
from handover.sync.models import OutboxOp, SyncReply

RECEIPT_DEADLINE = dt.timedelta(days=3)
RECEIVED, SENT, MISSING, WAITING = "received", "sent", "missing", "waiting"


@dataclass(frozen=True)
class WithdrawalState:
    youth_id: str
    op_id: str
    code: str  # received · sent · missing · waiting (not yet on the server)
    label: str
    sent_at: dt.datetime | None
    received_at: dt.datetime | None


def _day(moment: dt.datetime) -> str:
    return moment.strftime("%d-%m-%Y")


def withdrawal_states(session: Session, now: dt.datetime | None = None) -> list[WithdrawalState]:
    """Per young person whose last message to the gemeente is a withdrawal: where its receipt is."""
    now = now or utcnow()
    last: dict[str, OutboxOp] = {}
    for op in session.scalars(
        select(OutboxOp)
        .where(OutboxOp.youth_id.is_not(None), OutboxOp.kind.in_(("dossier", "withdrawal")))
        .order_by(OutboxOp.id)
    ):
        assert op.youth_id is not None
        last[op.youth_id] = op  # ordered by id: the last message wins
    withdrawals = {youth_id: op for youth_id, op in last.items() if op.kind == "withdrawal"}
    if not withdrawals:
        return []
    receipts: dict[str, dt.datetime] = {}
    for body, received_at in session.execute(
        select(SyncReply.body, SyncReply.received_at).where(
            SyncReply.kind == "receipt", SyncReply.youth_id.in_(list(withdrawals))
        )
    ):
        op_id = body.get("dossier_op_id") if isinstance(body, dict) else None
        if op_id:
            receipts[str(op_id)] = received_at
    out = []
    for youth_id, op in withdrawals.items():
        received = receipts.get(op.op_id)
        if received is not None:
            state = WithdrawalState(
                youth_id, op.op_id, RECEIVED, f"intrekking ontvangen op {_day(received)}", op.acked_at, received
            )
        elif op.acked_at is None:
            state = WithdrawalState(youth_id, op.op_id, WAITING, "intrekking wacht op verbinding", None, None)
        elif now - op.acked_at > RECEIPT_DEADLINE:
            state = WithdrawalState(
                youth_id,
                op.op_id,
                MISSING,
                f"ontvangstbevestiging van de intrekking ontbreekt (verstuurd op {_day(op.acked_at)})",
                op.acked_at,
                None,
            )
        else:
            state = WithdrawalState(
                youth_id, op.op_id, SENT, f"intrekking verstuurd op {_day(op.acked_at)}", op.acked_at, None
            )
        out.append(state)
    return out
