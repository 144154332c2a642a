"""Per-dossier send state: one Qt-free answer for the Jongeren list, section K and ``handover list``.

The values, in the words the mentor reads: wacht op toestemming · wacht op keuze ontvanger ·
klaar om te versturen · wacht op verbinding · verstuurd op … · ontvangen op … · gewijzigd, nog niet
verstuurd · ontvangstbevestiging ontbreekt (no signed receipt within three days), and the few cases
in between (a concept, a young person who moved). :func:`held_back_counts` turns them into what
the sync and the status bar say was held back, and why.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from handover.domain import rules
from handover.services.settings import get_setting
from handover.services.views import ConsentView
from handover.store.models import Consent, Youth, utcnow
from handover.sync.models import OutboxOp, Quarantined, SendChoice, SentRecord, SyncReply
from handover.sync.sending import (
    SENDABLE_STATUSES,
    WAIT_CHOICE,
    WAIT_CONCEPT,
    WAIT_CONSENT,
    WAIT_MOVED,
    WAIT_RECIPIENT,
    gemeenten,
    route,
)
from handover.sync.state import load_state

RECEIPT_DEADLINE = dt.timedelta(days=3)
WAIT_CHANGE = "gewijzigd, wacht op versturen"
WAIT_QUARANTINE = "in quarantaine"
WAIT_SCHOOL = "wacht op bevestiging van de school"
# The quarantine reason of a school's message the gemeente keeps unopened until it confirmed the
# school (``sync.inbox.HELD``; a stored value, so it never changes).
HELD_REASON = "wacht_op_bevestiging"
# Codes (stable, for tests, colours and filters) and the Dutch label each starts with.
CONSENT, RECIPIENT, MOVED, CONCEPT = "consent", "recipient", "moved", "concept"
READY, CONNECTION, SENT, RECEIVED = "ready", "connection", "sent", "received"
CHANGED, RECEIPT_MISSING, NONE = "changed", "receipt_missing", "none"
_WAITING_CODE = {WAIT_CONSENT: CONSENT, WAIT_RECIPIENT: RECIPIENT, WAIT_MOVED: MOVED}


@dataclass(frozen=True)
class SendState:
    code: str
    label: str
    # Why the sync holds it back (a WAIT_* text), or None when nothing waits on the mentor or a consent.
    held_back: str | None = None


@dataclass(frozen=True)
class _Youth:
    id: str
    status: str
    revision: int
    anonymised: bool
    birth_date: dt.date | None
    city: str | None
    municipality: str | None
    consents: tuple[ConsentView, ...]


def _day(moment: dt.datetime) -> str:
    return f"{moment:%d-%m-%Y}"


def _consents(session: Session, ids: Sequence[str] | None) -> dict[str, list[ConsentView]]:
    table: Any = Consent.__table__
    query = select(table.c.youth_id, *(table.c[c] for c in ConsentView._fields))
    if ids is not None:
        query = query.where(table.c.youth_id.in_(ids))
    out: dict[str, list[ConsentView]] = defaultdict(list)
    for row in session.execute(query):
        values = tuple(row[1:])
        out[row[0]].append(ConsentView._make((*values[:-1], tuple(values[-1] or ()))))
    return out


def load_send_states(
    session: Session, today: dt.date, *, ids: Sequence[str] | None = None, now: dt.datetime | None = None
) -> dict[str, SendState]:
    """The send state of each dossier (all, or ``ids``). Empty on a gemeente's installation."""
    now = now or utcnow()
    state = load_state(session)
    enrollment = state.enrollment
    if enrollment is not None and not enrollment.is_school:
        return {}
    query = select(
        Youth.id, Youth.status, Youth.revision, Youth.anonymised, Youth.birth_date, Youth.city, Youth.municipality
    )
    if ids is not None:
        query = query.where(Youth.id.in_(ids))
    consents = _consents(session, ids)
    youths = [_Youth(*row, consents=tuple(consents.get(row[0], ()))) for row in session.execute(query)]
    if enrollment is None:
        return {y.id: _unenrolled(y, today) for y in youths}
    known = gemeenten(session)

    def scoped(q: Any, column: Any) -> Any:
        return q if ids is None else q.where(column.in_(ids))

    choices = set(session.scalars(scoped(select(SendChoice.youth_id), SendChoice.youth_id)))
    covered: dict[tuple[str, str], int] = {
        (r.youth_id, r.recipient_org): r.covered_revision
        for r in session.execute(
            scoped(
                select(SentRecord.youth_id, SentRecord.recipient_org, SentRecord.covered_revision), SentRecord.youth_id
            )
        )
    }
    pending = dict(
        session.execute(
            scoped(
                select(OutboxOp.youth_id, func.count()).where(OutboxOp.status == "pending").group_by(OutboxOp.youth_id),
                OutboxOp.youth_id,
            )
        ).all()
    )
    last_sent: dict[str, tuple[str, dt.datetime]] = {}
    acked = scoped(
        select(OutboxOp.youth_id, OutboxOp.op_id, OutboxOp.acked_at)
        .where(OutboxOp.kind == "dossier", OutboxOp.acked_at.is_not(None))
        .order_by(OutboxOp.id),
        OutboxOp.youth_id,
    )
    for youth_id, op_id, acked_at in session.execute(acked):
        last_sent[youth_id] = (op_id, acked_at)  # ordered by id: the last one wins
    receipts: dict[tuple[str, str], dt.datetime] = {}
    for youth_id, body, received_at in session.execute(
        scoped(select(SyncReply.youth_id, SyncReply.body, SyncReply.received_at), SyncReply.youth_id).where(
            SyncReply.kind == "receipt"
        )
    ):
        op_id = (body or {}).get("dossier_op_id") if isinstance(body, dict) else None
        if op_id:
            receipts[(youth_id, op_id)] = received_at
    auto_updates = bool(get_setting(session, "send_updates_automatically"))
    out: dict[str, SendState] = {}
    for y in youths:
        where = route(y, known, today)
        if y.id not in choices:
            out[y.id] = _not_chosen(y, where.waiting)
            continue
        if where.waiting is not None:
            out[y.id] = SendState(_WAITING_CODE[where.waiting], where.waiting, where.waiting)
        elif pending.get(y.id):
            out[y.id] = SendState(CONNECTION, "wacht op verbinding")
        elif (
            where.gemeente is not None
            and y.status in SENDABLE_STATUSES
            and covered.get((y.id, where.gemeente.org_id), 0) < y.revision
        ):
            out[y.id] = SendState(CHANGED, "gewijzigd, nog niet verstuurd", None if auto_updates else WAIT_CHANGE)
        elif y.id in last_sent:
            op_id, acked_at = last_sent[y.id]
            received = receipts.get((y.id, op_id))
            if received is not None:
                out[y.id] = SendState(RECEIVED, f"ontvangen op {_day(received)}")
            elif now - acked_at > RECEIPT_DEADLINE:
                out[y.id] = SendState(RECEIPT_MISSING, "ontvangstbevestiging ontbreekt")
            else:
                out[y.id] = SendState(SENT, f"verstuurd op {_day(acked_at)}")
        elif y.status not in SENDABLE_STATUSES:
            out[y.id] = SendState(CONCEPT, WAIT_CONCEPT)
        else:
            out[y.id] = SendState(CONNECTION, "wacht op verbinding")
    return out


def _not_chosen(y: _Youth, waiting: str | None) -> SendState:
    if waiting is not None:
        # Only a dossier that is otherwise ready counts as held back for want of a consent.
        ready = y.status in SENDABLE_STATUSES and not y.anonymised
        return SendState(_WAITING_CODE[waiting], waiting, waiting if ready or waiting != WAIT_CONSENT else None)
    if y.anonymised:
        return SendState(NONE, "geanonimiseerd")
    if y.status not in SENDABLE_STATUSES:
        return SendState(CONCEPT, WAIT_CONCEPT)
    return SendState(READY, "klaar om te versturen", WAIT_CHOICE)


def _unenrolled(y: _Youth, today: dt.date) -> SendState:
    """Not connected to a server yet: a valid consent (any recipient text) waits for the connection."""
    if any(rules.consent_problem(c, y.birth_date, today) is None for c in y.consents):
        return SendState(CONNECTION, "wacht op verbinding")
    return SendState(CONSENT, WAIT_CONSENT)


def held_back_counts(states: Iterable[SendState], quarantined: int = 0) -> dict[str, int]:
    """How many dossiers wait, per reason, in a stable order (the sync's and status bar's words)."""
    counts = Counter(s.held_back for s in states if s.held_back)
    if quarantined:
        counts[WAIT_QUARANTINE] = quarantined
    order = [WAIT_CHOICE, WAIT_CHANGE, WAIT_CONSENT, WAIT_RECIPIENT, WAIT_MOVED, WAIT_QUARANTINE]
    return {reason: counts[reason] for reason in order if counts.get(reason)} | {
        reason: n for reason, n in counts.items() if reason not in order
    }


def held_back(session: Session, today: dt.date) -> dict[str, int]:
    """School: dossiers waiting per reason; both sides: quarantine; gemeente: schools to confirm."""
    rows = dict(session.execute(select(Quarantined.reason, func.count()).group_by(Quarantined.reason)).all())
    held = rows.pop(HELD_REASON, 0)
    counts = held_back_counts(load_send_states(session, today).values(), sum(rows.values()))
    if held:
        counts[WAIT_SCHOOL] = held
    return counts


def describe_held_back(counts: Mapping[str, int]) -> str:
    """One Dutch line: "3 wachten: 2 wacht op toestemming, 1 in quarantaine"."""
    total = sum(counts.values())
    parts = ", ".join(f"{n} {reason}" for reason, n in counts.items())
    return f"{total} {'wacht' if total == 1 else 'wachten'}: {parts}"
