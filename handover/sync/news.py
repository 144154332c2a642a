"""News after school: a held check-in that matters goes to Werk en Inkomen as a short signed update.

It matters when the situation changed (against the previous held check-in, or section H before the
first) or the care signal is "zorg". It goes only for a dossier already sent to that gemeente, with
a consent that is not withdrawn and covers "contactmomenten na school" (``includes_checkins``);
the free notes only when that consent covers them too (``includes_checkin_notes``). Each check-in
gives at most one update (:class:`SentUpdate`, deterministic op id), however often the sync runs.

A job loss: within two years of leaving school the young person went from work (or work with
learning) to nothing ("geen"), or to nothing with the reason "ontslag". A move from work to school,
day activity or a traject is not a job loss. The school reads it (it holds the whole history) and says so in the update;
the gemeente reads it itself from what it holds when an update does not say.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from handover.crypto.envelope import utc_now_iso
from handover.domain import rules
from handover.services.consent import valid_consent_for_org
from handover.services.context import AppContext
from handover.store import audit
from handover.store.models import CheckIn, Consent, Youth
from handover.sync.agreements import enqueue_for_youth, sent_dossiers
from handover.sync.messages import Signer, UpdateBody, school_updates_record_id, update_op_id
from handover.sync.models import ReceivedDossier, ReceivedUpdate, SentUpdate, SyncPeer
from handover.sync.outbox import OutboxWriter
from handover.sync.state import Enrollment

WORK_SITUATIONS = frozenset({"werk", "werk_lks", "beschut_werk", "werk_bbl"})
"""Work, and work with learning (bbl): leaving one of these for nothing soon after school is a job loss."""
NOTHING = "geen"
"""Nog geen werk, school of dagbesteding."""
JOB_LOSS_WINDOW_DAYS = 2 * 365 + 1
CARE = "zorg"
NOT_REACHED = "niet_bereikt"


def is_job_loss(
    previous: str | None, situation: str | None, reason: str | None, leaving_date: dt.date | None, on: dt.date
) -> bool:
    """Within two years of leaving: from work to nothing, or to nothing because of "ontslag".

    Work to school (mbo), day activity or a traject is a move, not a loss of work.
    """
    if leaving_date is not None and (on - leaving_date).days > JOB_LOSS_WINDOW_DAYS:
        return False
    if situation != NOTHING:
        return False
    return reason == "ontslag" or previous in WORK_SITUATIONS


@dataclass(frozen=True)
class News:
    checkin: CheckIn
    previous: str | None
    job_loss: bool


def _known(situation: str | None) -> str | None:
    """A situation that says where the young person is ("niet bereikt" says nothing about that)."""
    return None if situation in (None, "", NOT_REACHED) else situation


def news_of(youth: Youth, checkin: CheckIn) -> News | None:
    """What this held check-in tells Werk en Inkomen, or None when nothing changed."""
    if checkin.held_on is None:
        return None
    key = (checkin.held_on, checkin.id)
    earlier = sorted(
        (c for c in youth.checkins if c.held_on is not None and _known(c.situation) and (c.held_on, c.id) < key),
        key=lambda c: (c.held_on or dt.date.min, c.id),
    )
    if earlier:
        previous = earlier[-1].situation
    else:
        # Section H. The actual situation follows the newest check-in (services.checkins), so it only
        # says where the young person was before when it differs from this one; else the planned one.
        actual = _known(youth.actual_situation)
        previous = _known(youth.planned_situation) or (actual if actual != _known(checkin.situation) else None)
    situation = _known(checkin.situation)
    changed = situation is not None and situation != previous
    if not changed and checkin.care_signal != CARE:
        return None
    loss = is_job_loss(previous, situation, checkin.situation_reason, youth.leaving_date, checkin.held_on)
    return News(checkin, previous, loss)


def enqueue_news(
    ctx: AppContext,
    writer: OutboxWriter,
    session: Session,
    enrollment: Enrollment,
    youth_ids: Collection[str] | None = None,
) -> int:
    """School, at sync: one update per held check-in that matters and was not sent yet (of the young
    people ``youth_ids`` only, when given: those the audit log names since the last sync). Returns how many."""
    if not enrollment.is_school or (youth_ids is not None and not youth_ids):
        return 0
    query = (
        select(CheckIn.id, CheckIn.youth_id)
        .join(Consent, and_(Consent.youth_id == CheckIn.youth_id, Consent.includes_checkins.is_(True)))
        .outerjoin(SentUpdate, SentUpdate.checkin_id == CheckIn.id)
        .where(CheckIn.held_on.is_not(None), Consent.withdrawn_on.is_(None), SentUpdate.checkin_id.is_(None))
    )
    if youth_ids is not None:
        query = query.where(CheckIn.youth_id.in_(sorted(youth_ids)))
    candidates = list(session.execute(query).unique())
    if not candidates:
        return 0
    targets = sent_dossiers(session, {youth_id for _, youth_id in candidates})
    today = ctx.today()
    count = 0
    for youth_id in sorted({y for _, y in candidates if y in targets}):
        youth = session.get(Youth, youth_id)
        org = targets[youth_id]
        peer = session.get(SyncPeer, org)
        if youth is None or peer is None:
            continue
        consent = valid_consent_for_org(youth.consents, org, youth.birth_date, today)
        if consent is None or not consent.includes_checkins or rules.consent_problem(consent, youth.birth_date, today):
            continue
        ids = {c for c, y in candidates if y == youth_id}
        held = sorted((c for c in youth.checkins if c.id in ids), key=lambda c: (c.held_on or dt.date.min, c.id))
        for checkin in held:
            news = news_of(youth, checkin)
            if news is None:
                continue
            op_id = update_op_id(enrollment.org_id, checkin.id)
            body = UpdateBody(
                dossier_id=youth_id,
                held_on=checkin.held_on.isoformat() if checkin.held_on else "",
                situation=checkin.situation,
                situation_reason=checkin.situation_reason,
                care_signal=checkin.care_signal,
                next_contact=checkin.next_contact.isoformat() if checkin.next_contact else None,
                notes=(checkin.notes or None) if consent.includes_checkin_notes else None,
                previous_situation=news.previous,
                job_loss=news.job_loss,
                at=utc_now_iso(),
                signer=Signer(name=ctx.actor, org_name=enrollment.org_name),
            )
            stream = school_updates_record_id(enrollment.org_id, youth_id)
            enqueue_for_youth(writer, session, enrollment, peer, body, stream=stream, youth_id=youth_id, op_id=op_id)
            session.add(SentUpdate(checkin_id=checkin.id, youth_id=youth_id, recipient_org=org, op_id=op_id))
            audit.record(
                session, ctx.actor, "send", "checkin", checkin.id, youth=youth_id, kind="update", recipient=org
            )
            count += 1
    return count


def job_loss_at_gemeente(session: Session, row: ReceivedDossier, body: UpdateBody, held_on: dt.date) -> bool:
    """The gemeente's own reading when an update does not say: against the last update or section H."""
    previous = body.previous_situation
    if previous is None:
        last = session.scalar(
            select(ReceivedUpdate.situation)
            .where(
                ReceivedUpdate.sender_org == row.sender_org,
                ReceivedUpdate.record_id == row.record_id,
                ReceivedUpdate.situation.is_not(None),
            )
            .order_by(ReceivedUpdate.held_on.desc(), ReceivedUpdate.id.desc())
            .limit(1)
        )
        dossier = (row.body or {}).get("dossier", {}) if isinstance(row.body, dict) else {}
        previous = last or dossier.get("actual_situation") or dossier.get("planned_situation")
    leaving = None
    dossier = (row.body or {}).get("dossier", {}) if isinstance(row.body, dict) else {}
    if dossier.get("leaving_date"):
        try:
            leaving = dt.date.fromisoformat(str(dossier["leaving_date"]))
        except ValueError:
            leaving = None
    return is_job_loss(previous, body.situation, body.situation_reason, leaving, held_on)
