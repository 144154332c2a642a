"""What each kind of verified message does to the local data, inside its inbox page's transaction.

The gemeente stores received dossiers and erases them on withdrawal; the school stores receipts and
status messages and moves the dossier to "ontvangen". A message that does not fit (wrong dossier,
wrong stream) raises :class:`Reject` and is quarantined instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from handover import wire
from handover.services.context import AppContext
from handover.store import audit
from handover.store.models import Youth, utcnow
from handover.sync.dossier_status import SENT_FROM, sent_by_another_pc, set_status_by_sync
from handover.sync.errors import Reject
from handover.sync.gaps import VERSION_MISSING
from handover.sync.messages import (
    AgreementBody,
    DossierBody,
    FiguresBody,
    ReceiptBody,
    StatusBody,
    UpdateBody,
    WithdrawalBody,
    figures_record_id,
    reply_record_id,
    stored_form,
)
from handover.sync.models import InboxApplied, ReceivedDossier, SentRecord, SyncPeer, SyncReply
from handover.sync.report import SyncReport
from handover.sync.state import Enrollment

if TYPE_CHECKING:
    from handover.sync.workspace_appliers import WorkspaceAppliers

WITHDRAWAL_RECEIVED = "intrekking ontvangen"
"""The status stored with a receipt that confirms the school's last message, a withdrawal."""


@dataclass
class PageState:
    """What one inbox page's transaction knows, loaded in a few queries instead of several per message.

    The page is applied without autoflush, so everything a later message of the same page must see
    (applied op ids, the highest applied revision per stream, rows created) is tracked here too.
    """

    applied: dict[tuple[str, str], str]
    revisions: dict[tuple[str, str], int]
    peers: dict[str, SyncPeer]
    received: dict[tuple[str, str], ReceivedDossier] = field(default_factory=dict)
    quarantined: set[tuple[str, str, str]] = field(default_factory=set)

    @classmethod
    def load(cls, session: Session, messages: list[wire.InboxMessage]) -> PageState:
        op_ids = [m.op_id for m in messages]
        records = list({m.record_id for m in messages})
        applied = {
            (r.sender_org, r.op_id): r.envelope_sha256
            for r in session.execute(
                select(InboxApplied.sender_org, InboxApplied.op_id, InboxApplied.envelope_sha256).where(
                    InboxApplied.op_id.in_(op_ids)
                )
            )
        }
        revisions = {
            (r.sender_org, r.record_id): int(r.head)
            for r in session.execute(
                select(InboxApplied.sender_org, InboxApplied.record_id, func.max(InboxApplied.revision).label("head"))
                .where(InboxApplied.record_id.in_(records))
                .group_by(InboxApplied.sender_org, InboxApplied.record_id)
            )
        }
        peers = {peer.org_id: peer for peer in session.scalars(select(SyncPeer))}
        return cls(applied, revisions, peers)

    def received_row(self, session: Session, sender_org: str, record_id: str) -> ReceivedDossier | None:
        key = (sender_org, record_id)
        if key not in self.received:
            row = session.get(ReceivedDossier, key)
            if row is None:
                return None
            self.received[key] = row
        return self.received[key]


STALE = "Een oudere versie dan de versie die hier al is: niet toegepast."


class MessageAppliers:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx
        # The gemeente workspace's messages (agreements, news, figures); set by the SyncService.
        self.workspace: WorkspaceAppliers | None = None

    def _workspace(self) -> WorkspaceAppliers:
        if self.workspace is None:
            raise Reject("unexpected", "Dit soort bericht hoort niet bij deze installatie.")
        return self.workspace

    # --- gemeente -----------------------------------------------------------------------------

    def apply_dossier(
        self,
        session: Session,
        peer: SyncPeer,
        msg: wire.InboxMessage,
        body: DossierBody,
        digest: str,
        sent_at: str,
        page: PageState,
    ) -> None:
        if body.dossier.get("id") != msg.record_id:
            raise Reject("malformed", "Dit dossier is onleesbaar.")
        row = page.received_row(session, peer.org_id, msg.record_id)
        if row is not None and row.revision is not None and row.revision >= msg.revision:
            raise Reject("stale", STALE)  # never an older version over a newer one (nor a withdrawal)
        if row is None:
            row = ReceivedDossier(sender_org=peer.org_id, record_id=msg.record_id, case_status="ontvangen")
            session.add(row)
            page.received[(peer.org_id, msg.record_id)] = row
        # The name the gemeente pinned and confirmed, never the name the message claims for itself.
        row.school_name = peer.name
        row.revision, row.op_id, row.envelope_sha256 = msg.revision, msg.op_id, digest
        row.signer_device, row.sent_at, row.received_at = msg.sender_device, sent_at, utcnow()
        row.body, row.withdrawn_at, row.receipt_op_id = stored_form(body), None, None
        if self.workspace is not None:
            self.workspace.dossier_version(session, peer, msg, row)
        audit.record(
            session,
            self._ctx.actor,
            "receive",
            "received_dossier",
            msg.record_id,
            sender=peer.org_id,
            revision=msg.revision,
        )

    def apply_withdrawal(
        self,
        session: Session,
        peer: SyncPeer,
        msg: wire.InboxMessage,
        body: WithdrawalBody,
        digest: str,
        page: PageState,
    ) -> None:
        if body.dossier_id != msg.record_id:
            raise Reject("malformed", "Deze intrekking is onleesbaar.")
        row = page.received_row(session, peer.org_id, msg.record_id)
        if row is None:
            # Withdrawn before a version arrived: keep that it was withdrawn, so it is confirmed too.
            row = ReceivedDossier(
                sender_org=peer.org_id, record_id=msg.record_id, school_name=peer.name, case_status="ontvangen"
            )
            row.signer_device, row.sent_at, row.received_at = msg.sender_device, body.at or "", utcnow()
            session.add(row)
            page.received[(peer.org_id, msg.record_id)] = row
        # Consent was withdrawn: the content must go; what stays is that it was received and withdrawn.
        row.body = None
        row.withdrawn_at = utcnow()
        row.revision, row.op_id, row.envelope_sha256 = msg.revision, msg.op_id, digest
        row.receipt_op_id = None  # the school gets a signed receipt for the withdrawal too
        if self.workspace is not None:
            self.workspace.withdrawn(session, peer, msg.record_id)
        audit.record(
            session,
            self._ctx.actor,
            "erase",
            "received_dossier",
            msg.record_id,
            sender=peer.org_id,
            reason="toestemming ingetrokken",
        )

    def apply_agreement_at_gemeente(
        self, session: Session, peer: SyncPeer, msg: wire.InboxMessage, body: AgreementBody
    ) -> None:
        self._workspace().agreement_at_gemeente(session, peer, msg, body)

    def apply_update(self, session: Session, peer: SyncPeer, msg: wire.InboxMessage, body: UpdateBody) -> None:
        self._workspace().update(session, peer, msg, body)

    def apply_figures(self, session: Session, peer: SyncPeer, msg: wire.InboxMessage, body: FiguresBody) -> None:
        if msg.record_id != figures_record_id(peer.org_id, msg.recipient_org):
            raise Reject("malformed", "Dit bericht hoort niet bij deze gemeente.")
        self._workspace().figures(session, peer, body)

    # --- school -------------------------------------------------------------------------------

    def apply_agreement_at_school(
        self, session: Session, enrollment: Enrollment, peer: SyncPeer, msg: wire.InboxMessage, body: AgreementBody
    ) -> None:
        self._workspace().agreement_at_school(session, enrollment, peer, msg, body)

    def apply_reply(
        self,
        session: Session,
        enrollment: Enrollment,
        peer: SyncPeer,
        msg: wire.InboxMessage,
        body: ReceiptBody | StatusBody,
        report: SyncReport,
    ) -> None:
        youth_id = body.dossier_id
        if msg.record_id != reply_record_id(enrollment.org_id, youth_id):
            raise Reject("malformed", "Dit bericht hoort niet bij het genoemde dossier.")
        rec = session.get(SentRecord, (youth_id, peer.org_id))
        if rec is None and not sent_by_another_pc(session, youth_id):
            raise Reject("wrong_recipient", "Dit bericht gaat over een dossier dat niet naar deze gemeente ging.")
        signer = (body.signer.name if body.signer else None) or "onbekend"
        status = body.status if isinstance(body, StatusBody) else "ontvangen"
        if (
            isinstance(body, ReceiptBody)
            and rec is not None
            and rec.last_kind == "withdrawal"
            and body.dossier_revision == rec.last_revision
        ):
            status = WITHDRAWAL_RECEIVED
        detail = (body.detail if isinstance(body, StatusBody) else None) or ""
        at = body.at or ""
        session.add(
            SyncReply(
                youth_id=youth_id,
                sender_org=peer.org_id,
                kind=msg.kind,
                op_id=msg.op_id,
                status=status or None,
                detail=detail or None,
                signer_name=signer[:200],
                signer_device=msg.sender_device,
                at=at,
                body=stored_form(body),
            )
        )
        audit.record(session, self._ctx.actor, "receive", "youth", youth_id, kind=msg.kind, sender=peer.org_id)
        report.replies.append((youth_id, msg.kind, status or None, detail, signer, at))
        if rec is None:  # another PC of the school sent it: that PC acts on the answer, its result replicates
            return
        if isinstance(body, StatusBody) and body.status == VERSION_MISSING:
            # The gemeente misses a version: send the current one again (it carries the whole dossier).
            rec.covered_revision = 0
            audit.record(session, self._ctx.actor, "receive", "youth", youth_id, kind="gap", sender=peer.org_id)
        youth = session.get(Youth, youth_id)
        if (
            isinstance(body, ReceiptBody)
            and youth is not None
            and body.dossier_revision == rec.last_revision
            and rec.last_kind == "dossier"
        ):
            if youth.status in SENT_FROM:
                set_status_by_sync(session, self._ctx.actor, youth, "verstuurd")  # the ack of our push was lost
            if youth.status == "verstuurd":
                set_status_by_sync(session, self._ctx.actor, youth, "ontvangen")
