"""Removing sealed copies: what anonymising or erasing a dossier, and time, take out of the sync tables.

An envelope in the outbox is encrypted to the organisation's own recovery key too, so a copy that
stays after the dossier was anonymised could still be opened with the herstelcode. The services
never import sync: the command line and the GUI pass :func:`purge_sealed_for_youth` to the
retention service, which calls it inside the transaction that anonymises or erases.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from handover.store.models import utcnow
from handover.sync.epoch import ACKED
from handover.sync.messages import reply_record_id, school_updates_record_id
from handover.sync.models import AgreementVersion, OutboxOp, Quarantined, SentRecord, SentUpdate, SyncReply
from handover.sync.state import load_state


def _record_ids(session: Session, youth_id: str) -> set[str]:
    """Every stream id under which messages about this young person travel."""
    ids = {youth_id}
    ids.update(session.scalars(select(OutboxOp.record_id).where(OutboxOp.youth_id == youth_id)))
    ids.update(session.scalars(select(SentRecord.record_id).where(SentRecord.youth_id == youth_id)))
    enrollment = load_state(session).enrollment
    if enrollment is not None:
        ids.update({reply_record_id(enrollment.org_id, record) for record in list(ids)})
        ids.add(school_updates_record_id(enrollment.org_id, youth_id))
    return ids


def purge_sealed_for_youth(session: Session, youth_id: str) -> int:
    """Delete this young person's envelopes from the outbox (sent or not), quarantine and replies.

    Returns how many rows went. Runs in the caller's transaction.
    """
    records = _record_ids(session, youth_id)
    removed = 0
    for op in session.scalars(select(OutboxOp).where(OutboxOp.youth_id == youth_id)).all():
        session.delete(op)  # the envelope row goes with it (cascade)
        removed += 1
    for row in (
        *session.scalars(select(Quarantined).where(Quarantined.record_id.in_(records))),
        *session.scalars(select(SyncReply).where(SyncReply.youth_id == youth_id)),
    ):
        session.delete(row)
        removed += 1
    # The agreement versions (their actions and notes) and the record of news sent go too.
    for kept in (
        *session.scalars(select(AgreementVersion).where(AgreementVersion.dossier_id == youth_id)),
        *session.scalars(select(SentUpdate).where(SentUpdate.youth_id == youth_id)),
    ):
        session.delete(kept)
        removed += 1
    session.flush()
    return removed


def prune_acknowledged(session: Session, days: int, now: dt.datetime | None = None) -> int:
    """Delete envelopes the server acknowledged more than ``days`` days ago; returns how many.

    After that a restored server cannot get them back from this PC (epoch recovery only re-sends
    what is still here); the server's own back-ups cover that period.
    """
    if days < 0:
        return 0
    cutoff = (now or utcnow()) - dt.timedelta(days=days)
    old = session.scalars(
        select(OutboxOp).where(OutboxOp.status == ACKED, OutboxOp.acked_at.is_not(None), OutboxOp.acked_at < cutoff)
    ).all()
    for op in old:
        session.delete(op)
    session.flush()
    return len(old)
