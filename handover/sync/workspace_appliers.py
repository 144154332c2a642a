"""Applying the messages of the gemeente workspace (issue 10): agreement versions both ways, news after
school and cohort figures at the gemeente, and what a dossier version or withdrawal adds to that.

Called from :class:`handover.sync.appliers.MessageAppliers` inside the inbox page's transaction. A
message that does not fit (another stream than its dossier's, a dossier not held or withdrawn, a value
this version does not know) raises :class:`Reject`: it goes to the quarantine and changes nothing.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from handover import wire
from handover.domain import vocab
from handover.services.context import AppContext
from handover.store import audit
from handover.store.merge import ReplicaMark
from handover.store.models import Agreement, utcnow
from handover.sync.agreement_graph import GEMEENTE, SCHOOL, add_version, heads, seed_from_body, version_from_body
from handover.sync.agreements import Agreements
from handover.sync.dossier_status import sent_by_another_pc
from handover.sync.errors import Reject
from handover.sync.messages import (
    AgreementBody,
    FiguresBody,
    UpdateBody,
    reply_record_id,
    school_updates_record_id,
    stored_form,
)
from handover.sync.models import (
    AgreementVersion,
    ReceivedDossier,
    ReceivedFigures,
    ReceivedUpdate,
    ReceivedVersion,
    SentRecord,
    SyncPeer,
)
from handover.sync.news import job_loss_at_gemeente
from handover.sync.state import Enrollment

NOT_HELD = "Dit bericht gaat over een dossier dat hier niet (meer) is: niet ontvangen of de toestemming is ingetrokken."
WRONG_STREAM = "Dit bericht hoort niet bij het genoemde dossier."
UNREADABLE = "Dit bericht is onleesbaar."


class WorkspaceAppliers:
    def __init__(self, ctx: AppContext, agreements: Agreements) -> None:
        self._ctx = ctx
        self._agreements = agreements

    # --- gemeente -----------------------------------------------------------------------------

    def _held(self, session: Session, peer: SyncPeer, dossier_id: str) -> ReceivedDossier:
        row = session.get(ReceivedDossier, (peer.org_id, dossier_id))
        if row is None or row.withdrawn_at is not None or row.body is None:
            raise Reject("unknown_dossier", NOT_HELD)
        return row

    def dossier_version(self, session: Session, peer: SyncPeer, msg: wire.InboxMessage, row: ReceivedDossier) -> None:
        """Every version is kept (for "what changed since the previous one"); a new agreement in it gets
        its root version (the same the school holds, see ``agreement_graph.seed_roots``)."""
        seed_from_body(session, row)
        session.merge(
            ReceivedVersion(
                sender_org=peer.org_id,
                record_id=msg.record_id,
                revision=msg.revision,
                body=row.body,
                received_at=utcnow(),
            )
        )

    def withdrawn(self, session: Session, peer: SyncPeer, record_id: str) -> None:
        """Consent withdrawn: every version's content, the news and the agreements of this dossier go."""
        session.execute(
            update(ReceivedVersion)
            .where(ReceivedVersion.sender_org == peer.org_id, ReceivedVersion.record_id == record_id)
            .values(body=None)
        )
        session.execute(
            delete(ReceivedUpdate).where(
                ReceivedUpdate.sender_org == peer.org_id, ReceivedUpdate.record_id == record_id
            )
        )
        session.execute(
            delete(AgreementVersion).where(
                AgreementVersion.school_org == peer.org_id, AgreementVersion.dossier_id == record_id
            )
        )

    def agreement_at_gemeente(
        self, session: Session, peer: SyncPeer, msg: wire.InboxMessage, body: AgreementBody
    ) -> None:
        if msg.record_id != school_updates_record_id(peer.org_id, body.dossier_id):
            raise Reject("malformed", WRONG_STREAM)
        self._held(session, peer, body.dossier_id)
        version = self._version(session, body, peer.org_id, SCHOOL)
        if add_version(session, version):
            audit.record(
                session,
                self._ctx.actor,
                "receive",
                "agreement",
                body.agreement_id,
                dossier=body.dossier_id,
                sender=peer.org_id,
                status=version.status,
            )

    def update(self, session: Session, peer: SyncPeer, msg: wire.InboxMessage, body: UpdateBody) -> None:
        if msg.record_id != school_updates_record_id(peer.org_id, body.dossier_id):
            raise Reject("malformed", WRONG_STREAM)
        row = self._held(session, peer, body.dossier_id)
        try:
            held_on = dt.date.fromisoformat(body.held_on)
            next_contact = dt.date.fromisoformat(body.next_contact) if body.next_contact else None
        except ValueError:
            raise Reject("malformed", UNREADABLE) from None
        for value, vocabulary in (
            (body.situation, vocab.SITUATION),
            (body.situation_reason, vocab.SITUATION_REASON),
            (body.care_signal, vocab.CARE_SIGNAL),
        ):
            if value is not None and value not in vocabulary.codes():
                raise Reject("malformed", UNREADABLE)
        if session.scalar(select(ReceivedUpdate.id).where(ReceivedUpdate.op_id == msg.op_id)) is not None:
            return
        job_loss = body.job_loss if body.job_loss is not None else job_loss_at_gemeente(session, row, body, held_on)
        session.add(
            ReceivedUpdate(
                sender_org=peer.org_id,
                record_id=body.dossier_id,
                op_id=msg.op_id,
                held_on=held_on,
                situation=body.situation,
                situation_reason=body.situation_reason,
                care_signal=body.care_signal,
                next_contact=next_contact,
                notes=body.notes,
                job_loss=bool(job_loss),
                received_at=utcnow(),
            )
        )
        audit.record(
            session, self._ctx.actor, "receive", "received_dossier", body.dossier_id, kind="update", sender=peer.org_id
        )

    def figures(self, session: Session, peer: SyncPeer, body: FiguresBody) -> None:
        try:
            dt.date.fromisoformat(body.peildatum)
        except ValueError:
            raise Reject("malformed", UNREADABLE) from None
        session.merge(
            ReceivedFigures(
                sender_org=peer.org_id,
                peildatum=body.peildatum,
                school_name=peer.name,  # the name the gemeente pinned, not the one the message claims
                body=stored_form(body),
                received_at=utcnow(),
            )
        )
        session.flush()  # the page runs without autoflush: a second copy in the same page must see this one
        audit.record(session, self._ctx.actor, "receive", "figures", None, sender=peer.org_id, peildatum=body.peildatum)

    # --- school -------------------------------------------------------------------------------

    def agreement_at_school(
        self, session: Session, enrollment: Enrollment, peer: SyncPeer, msg: wire.InboxMessage, body: AgreementBody
    ) -> None:
        dossier_id = body.dossier_id
        if msg.record_id != reply_record_id(enrollment.org_id, dossier_id):
            raise Reject("malformed", WRONG_STREAM)
        rec = session.get(SentRecord, (dossier_id, peer.org_id))
        if rec is None and sent_by_another_pc(session, dossier_id):
            return  # another PC of the school sent the dossier: it keeps the versions, the agreement replicates
        if rec is None:
            raise Reject("wrong_recipient", "Dit bericht gaat over een dossier dat niet naar deze gemeente ging.")
        if rec.last_kind != "dossier":
            raise Reject("withdrawn", "De toestemming voor dit dossier is ingetrokken: de afspraak is niet verwerkt.")
        existing = session.get(Agreement, body.agreement_id)
        if existing is not None and existing.youth_id != dossier_id:
            raise Reject("malformed", WRONG_STREAM)
        version = self._version(session, body, enrollment.org_id, GEMEENTE)
        # A local edit not captured yet becomes a version first: a change made at the same time is a conflict.
        self._agreements.capture(session, enrollment, [dossier_id])
        if not add_version(session, version):
            return
        item = self._agreements.mirror(session, body.agreement_id, dossier_id)
        mark = session.get(ReplicaMark, dossier_id)
        if mark is not None:  # the next capture stamps the mirrored row, so the school's other PCs get it
            mark.captured_revision = -1
        conflict = len(heads(session, body.agreement_id)) > 1
        audit.record(
            session,
            f"{version.changed_by} ({version.changed_by_org})"[:200],
            "change",
            "agreement",
            body.agreement_id,
            youth=dossier_id,
            status=version.status,
            note=version.note,
            by=version.changed_by,
            org=version.changed_by_org,
            sender=peer.org_id,
            conflict=conflict,
            created=existing is None and item is not None,
        )

    def _version(self, session: Session, body: AgreementBody, school_org: str, origin: str) -> AgreementVersion:
        try:
            version = version_from_body(body, school_org, origin)
        except ValueError:
            raise Reject("malformed", UNREADABLE) from None
        known = session.get(AgreementVersion, body.version_id)
        if known is not None and (known.agreement_id != body.agreement_id or known.dossier_id != body.dossier_id):
            raise Reject("malformed", WRONG_STREAM)
        other = session.scalar(
            select(AgreementVersion.dossier_id).where(AgreementVersion.agreement_id == body.agreement_id).limit(1)
        )
        if other is not None and other != body.dossier_id:
            raise Reject("malformed", WRONG_STREAM)
        return version
