"""Agreements worked on together: every version kept on both sides, conflicts shown, never overwritten.

Each agreement of a sent dossier has a graph of versions (:class:`AgreementVersion`). A version
names the versions it follows on from (``parent_ids``); the versions nobody follows on from yet are
the *heads*. One head: that is the agreement. Two or more heads: both sides changed it before they
synced, a conflict that stays visible until someone chooses (a new version whose parents are all
heads, which travels like any other change).

* **School:** the agreement itself lives in ``store.models.Agreement``, edited in the dossier as
  always. At every sync (and before an incoming change is applied) an edit of an agreement of a
  dossier already sent to a gemeente is captured as a new school version (parent: the head), so a
  change from Werk en Inkomen made at the same time becomes a conflict, not an overwrite. The
  Agreement row follows the single head; during a conflict it keeps the local value.
* **Gemeente:** the versions are all there is; the klantmanager changes, adds and resolves here.

School versions travel on the school's per-dossier stream (:func:`school_updates_record_id`), the
gemeente's on the reply stream of the dossier (:func:`reply_record_id`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from handover.domain import rules
from handover.services.consent import valid_consent_for_org
from handover.services.context import AppContext
from handover.store import audit
from handover.store.models import Agreement, Youth
from handover.sync.agreement_graph import (
    FIELDS,
    GEMEENTE,
    IN_CONFLICT,
    SCHOOL,
    STATUSES,
    UNKNOWN,
    WITHDRAWN,
    add_version,
    body_of,
    clean_fields,
    clean_status,
    heads,
    new_version,
    seed_from_body,
    values_of,
    version_from_body,
)
from handover.sync.errors import NOT_ENROLLED, SyncUsageError
from handover.sync.messages import (
    AnyBody,
    Signer,
    agreement_version_op_id,
    reply_record_id,
    school_updates_record_id,
)
from handover.sync.models import AgreementVersion, ReceivedDossier, SentRecord, SyncPeer
from handover.sync.outbox import OutboxWriter
from handover.sync.state import Enrollment, load_state
from handover.sync.streams import StreamCache


def enqueue_for_youth(
    writer: OutboxWriter,
    session: Session,
    enrollment: Enrollment,
    peer: SyncPeer,
    body: AnyBody,
    *,
    stream: str,
    youth_id: str | None,
    op_id: str,
) -> None:
    """Seal ``body`` on ``stream``; the outbox row names the young person (pending count, erasure), the
    stream does not (the send state reads one stream per young person: the dossier's)."""
    streams = StreamCache.load(session, peer.org_id, [stream])
    row = writer.prepare(enrollment, streams.get(stream, None), peer, body, op_id=op_id)
    row.youth_id = youth_id
    writer.seal([row])
    writer.insert(session, [row])
    streams.save(session)


# --- school: the Agreement rows and their versions ------------------------------------------------


@dataclass(frozen=True)
class SentTo:
    """A dossier that went to this gemeente (its last message a dossier version, not a withdrawal)."""

    youth_id: str
    gemeente_org: str


def sent_dossiers(session: Session, youth_ids: Iterable[str] | None = None) -> dict[str, str]:
    """youth id -> gemeente org for every dossier whose last message to that gemeente was a version."""
    query = select(SentRecord.record_id, SentRecord.recipient_org).where(
        SentRecord.last_kind == "dossier", SentRecord.record_id == SentRecord.youth_id
    )
    if youth_ids is not None:
        query = query.where(SentRecord.record_id.in_(list(youth_ids)))
    return {record: org for record, org in session.execute(query)}


def _agreements_shared(youth: Youth, gemeente_org: str, today: dt.date) -> bool:
    consent = valid_consent_for_org(youth.consents, gemeente_org, youth.birth_date, today)
    return consent is not None and "I" in rules.shared_sections(consent)


def changed_agreements(session: Session, youth_ids: Iterable[str] | None = None) -> list[Agreement]:
    """Agreements shared with a gemeente (they have a root version) that a head does not equal.

    An agreement without any version was never in a dossier version sent: it waits for that.
    """
    head = AgreementVersion
    query = (
        select(Agreement)
        .join(
            SentRecord,
            and_(
                SentRecord.record_id == Agreement.youth_id,
                SentRecord.youth_id == Agreement.youth_id,
                SentRecord.last_kind == "dossier",
            ),
        )
        .join(head, and_(head.agreement_id == Agreement.id, head.head.is_(True)))
        .where(or_(*(getattr(head, name).is_distinct_from(getattr(Agreement, name)) for name in FIELDS)))
    )
    if youth_ids is not None:
        query = query.where(Agreement.youth_id.in_(list(youth_ids)))
    return list(session.scalars(query).unique())


class Agreements:
    """Capturing, changing, adding and resolving agreement versions (both roles)."""

    def __init__(self, ctx: AppContext, writer: OutboxWriter) -> None:
        self._ctx = ctx
        self._writer = writer

    def _enrollment(self, session: Session) -> Enrollment:
        enrollment = load_state(session).enrollment
        if enrollment is None:
            raise SyncUsageError(NOT_ENROLLED)
        return enrollment

    def _signer(self, enrollment: Enrollment) -> Signer:
        return Signer(name=self._ctx.actor, org_name=enrollment.org_name)

    def _send(self, session: Session, enrollment: Enrollment, version: AgreementVersion, to_org: str) -> None:
        peer = session.get(SyncPeer, to_org)
        if peer is None:
            raise SyncUsageError("De ontvanger van deze afspraak is niet (meer) bekend.")
        if enrollment.is_school:
            stream = school_updates_record_id(enrollment.org_id, version.dossier_id)
        else:
            stream = reply_record_id(version.school_org, version.dossier_id)
        body = body_of(version, self._signer(enrollment))
        op_id = version.op_id or agreement_version_op_id(version.version_id)
        youth_id = version.dossier_id if enrollment.is_school else None
        enqueue_for_youth(self._writer, session, enrollment, peer, body, stream=stream, youth_id=youth_id, op_id=op_id)
        version.op_id = op_id

    def resend(self, session: Session, enrollment: Enrollment, version: AgreementVersion, to_org: str) -> None:
        """Seal a kept version again (its first copy was dropped by a rebase)."""
        self._send(session, enrollment, version, to_org)

    # --- school -----------------------------------------------------------------------------

    def capture(
        self,
        session: Session,
        enrollment: Enrollment,
        youth_ids: Iterable[str] | None = None,
        *,
        only_to: str | None = None,
    ) -> int:
        """School: each edited agreement of a sent dossier becomes a version, sent to the gemeente.

        Runs in the caller's transaction: the planner's, with the changed dossiers it seals (at save
        or at sync), or an incoming change's. ``only_to``: only dossiers sent to this gemeente.
        Returns how many versions went into the outbox.
        """
        if not enrollment.is_school:
            return 0
        changed = changed_agreements(session, youth_ids)
        if not changed:
            return 0
        targets = sent_dossiers(session, {a.youth_id for a in changed})
        if only_to is not None:
            targets = {youth: org for youth, org in targets.items() if org == only_to}
        today = self._ctx.today()
        count = 0
        shared: dict[str, bool] = {}
        for item in changed:
            org = targets.get(item.youth_id)
            if org is None:
                continue
            if item.youth_id not in shared:
                youth = session.get(Youth, item.youth_id)
                shared[item.youth_id] = youth is not None and _agreements_shared(youth, org, today)
            if not shared[item.youth_id]:
                continue
            current = heads(session, item.id)
            if not current or any(values_of(h) == values_of(item) for h in current):
                continue  # during a conflict the row keeps the local value, which is one of the heads
            own = [h for h in current if h.origin == SCHOOL]
            parents = [own[-1].version_id] if len(current) > 1 and own else [current[0].version_id]
            version = new_version(
                agreement_id=item.id,
                dossier_id=item.youth_id,
                school_org=enrollment.org_id,
                parents=parents,
                values={name: getattr(item, name) for name in FIELDS},
                note=None,
                changed_by=self._ctx.actor,
                changed_by_org=enrollment.org_name,
                origin=SCHOOL,
            )
            add_version(session, version)
            self._send(session, enrollment, version, org)
            count += 1
        return count

    def mirror(self, session: Session, agreement_id: str, dossier_id: str) -> Agreement | None:
        """School: the Agreement row follows the single head (created when Werk en Inkomen added it)."""
        current = heads(session, agreement_id)
        if len(current) != 1:
            return session.get(Agreement, agreement_id)  # a conflict: the local value stays
        (head,) = current
        item = session.get(Agreement, agreement_id)
        if item is None:
            if session.get(Youth, dossier_id) is None:
                return None
            item = Agreement(id=agreement_id, youth_id=dossier_id, action=head.action, organisation=head.organisation)
            session.add(item)
        was = item.status
        for name in FIELDS:
            setattr(item, name, getattr(head, name))
        if item.status == "gedaan" and (was != "gedaan" or item.done_on is None):
            item.done_on = head.changed_at.date()
        elif item.status != "gedaan":
            item.done_on = None
        session.flush()
        return item

    # --- actions (both roles) ---------------------------------------------------------------

    def change(
        self, agreement_id: str, *, dossier_id: str, status: str | None, note: str | None, fields: dict[str, Any]
    ) -> str:
        with self._ctx.workspace.session() as session:
            enrollment = self._enrollment(session)
            if enrollment.is_school:
                self.capture(session, enrollment, [dossier_id])
            else:
                self._seed_held(session, dossier_id)
            current = [h for h in heads(session, agreement_id) if h.dossier_id == dossier_id]
            if not current:
                raise SyncUsageError(UNKNOWN)
            to_org = self._check_open(session, enrollment, current[0])
            if len(current) > 1:
                raise SyncUsageError(IN_CONFLICT)
            (head,) = current
            values = {name: getattr(head, name) for name in FIELDS}
            values.update(clean_fields(fields))
            if status is not None:
                values["status"] = clean_status(status)
            version = new_version(
                agreement_id=agreement_id,
                dossier_id=dossier_id,
                school_org=head.school_org,
                parents=[head.version_id],
                values=values,
                note=(note or "").strip() or None,
                changed_by=self._ctx.actor,
                changed_by_org=enrollment.org_name,
                origin=SCHOOL if enrollment.is_school else GEMEENTE,
            )
            add_version(session, version)
            self._send(session, enrollment, version, to_org)
            if enrollment.is_school:
                self.mirror(session, agreement_id, dossier_id)
            audit.record(
                session,
                self._ctx.actor,
                "change",
                "agreement",
                agreement_id,
                youth=dossier_id,
                status=version.status,
                version=version.version_id,
            )
            return version.version_id

    def add(
        self,
        sender_org: str,
        record_id: str,
        *,
        action: str,
        organisation: str,
        person: str | None = None,
        deadline: dt.date | None = None,
    ) -> str:
        """Gemeente: a new agreement in a received dossier (for the school, the young person or itself)."""
        with self._ctx.workspace.session() as session:
            enrollment = self._enrollment(session)
            if enrollment.is_school:
                raise SyncUsageError("Een school voegt afspraken toe in het dossier zelf.")
            row = session.get(ReceivedDossier, (sender_org, record_id))
            if row is None:
                raise SyncUsageError("Dit dossier is hier niet ontvangen.")
            if row.withdrawn_at is not None:
                raise SyncUsageError(WITHDRAWN)
            values = clean_fields(
                {"action": action, "organisation": organisation, "person": person, "deadline": deadline}
            )
            if not values.get("action"):
                raise SyncUsageError("Beschrijf de actie van de afspraak.")
            values["status"] = "open"
            agreement_id = str(uuid.uuid4())
            version = new_version(
                agreement_id=agreement_id,
                dossier_id=record_id,
                school_org=sender_org,
                parents=[],
                values=values,
                note=None,
                changed_by=self._ctx.actor,
                changed_by_org=enrollment.org_name,
                origin=GEMEENTE,
            )
            add_version(session, version)
            self._send(session, enrollment, version, sender_org)
            audit.record(session, self._ctx.actor, "create", "agreement", agreement_id, dossier=record_id)
            return agreement_id

    def resolve(self, agreement_id: str, chosen_version_id: str) -> str:
        """Both roles: end a conflict with the chosen version's content; every head becomes its parent."""
        with self._ctx.workspace.session() as session:
            enrollment = self._enrollment(session)
            current = heads(session, agreement_id)
            if not current:
                raise SyncUsageError(UNKNOWN)
            if len(current) < 2:
                raise SyncUsageError("Deze afspraak heeft geen conflict.")
            chosen = session.get(AgreementVersion, chosen_version_id)
            if chosen is None or chosen.agreement_id != agreement_id:
                raise SyncUsageError("Kies een van de versies van deze afspraak.")
            to_org = self._check_open(session, enrollment, current[0])
            version = new_version(
                agreement_id=agreement_id,
                dossier_id=chosen.dossier_id,
                school_org=chosen.school_org,
                parents=[h.version_id for h in current],
                values={name: getattr(chosen, name) for name in FIELDS},
                note=chosen.note,
                changed_by=self._ctx.actor,
                changed_by_org=enrollment.org_name,
                origin=SCHOOL if enrollment.is_school else GEMEENTE,
            )
            add_version(session, version)
            self._send(session, enrollment, version, to_org)
            if enrollment.is_school:
                self.mirror(session, agreement_id, chosen.dossier_id)
            audit.record(
                session, self._ctx.actor, "change", "agreement", agreement_id, resolved=True, chosen=chosen_version_id
            )
            return version.version_id

    @staticmethod
    def _seed_held(session: Session, dossier_id: str) -> None:
        """Gemeente: root versions for a dossier received before agreements had versions."""
        for row in session.scalars(select(ReceivedDossier).where(ReceivedDossier.record_id == dossier_id)):
            if row.withdrawn_at is None:
                seed_from_body(session, row)

    def _check_open(self, session: Session, enrollment: Enrollment, head: AgreementVersion) -> str:
        """The organisation a change goes to; refused for a withdrawn (or never sent) dossier."""
        if enrollment.is_school:
            org = sent_dossiers(session, [head.dossier_id]).get(head.dossier_id)
            if org is None:
                raise SyncUsageError(WITHDRAWN)
            return org
        row = session.get(ReceivedDossier, (head.school_org, head.dossier_id))
        if row is None or row.withdrawn_at is not None:
            raise SyncUsageError(WITHDRAWN)
        return head.school_org


__all__ = [
    "FIELDS",
    "GEMEENTE",
    "IN_CONFLICT",
    "SCHOOL",
    "STATUSES",
    "UNKNOWN",
    "WITHDRAWN",
    "Agreements",
    "add_version",
    "body_of",
    "heads",
    "new_version",
    "values_of",
    "version_from_body",
]
