"""The gemeente's replies to a school: signed receipts and status messages about received dossiers.

They travel on one reply stream per dossier (:func:`~handover.sync.messages.reply_record_id`);
a receipt's op id is derived from the dossier message it confirms, so it is never sent twice.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from handover.crypto.envelope import utc_now_iso
from handover.services.context import AppContext
from handover.store import audit
from handover.sync.errors import NOT_ENROLLED, SyncUsageError
from handover.sync.gaps import VERSION_MISSING, VersionGap, gap_notice_op_id
from handover.sync.messages import (
    STATUS_MESSAGES,
    ReceiptBody,
    Signer,
    StatusBody,
    receipt_op_id,
    reply_record_id,
)
from handover.sync.models import OutboxOp, ReceivedDossier, SyncPeer
from handover.sync.outbox import OutboxWriter
from handover.sync.peers import peers_by_id
from handover.sync.state import Enrollment, load_state


class Replies:
    def __init__(self, ctx: AppContext, writer: OutboxWriter) -> None:
        self._ctx = ctx
        self._writer = writer

    def acknowledge_received(self) -> int:
        """Enqueue a signed receipt for every received dossier revision and withdrawal that has none yet."""
        with self._ctx.workspace.session() as session, session.no_autoflush:
            enrollment = load_state(session).enrollment
            if enrollment is None:
                raise SyncUsageError(NOT_ENROLLED)
            if not enrollment.is_gemeente:
                raise SyncUsageError("Alleen een installatie van de gemeente bevestigt ontvangst.")
            rows = list(
                session.scalars(
                    # Dossier versions and withdrawals alike: the school must see that a withdrawal arrived.
                    select(ReceivedDossier).where(ReceivedDossier.receipt_op_id.is_(None))
                )
            )
            peers = peers_by_id(session)
            wanted = {receipt_op_id(row.sender_org, row.op_id) for row in rows}
            queued = set(session.scalars(select(OutboxOp.op_id).where(OutboxOp.op_id.in_(wanted)))) if wanted else set()
            count = 0
            for row in rows:
                peer = peers.get(row.sender_org)
                if peer is None:
                    continue
                op_id = receipt_op_id(row.sender_org, row.op_id)
                if op_id not in queued:
                    body = ReceiptBody(
                        dossier_id=row.record_id,
                        dossier_revision=row.revision,
                        dossier_op_id=row.op_id,
                        dossier_sha256=row.envelope_sha256,
                        at=utc_now_iso(),
                        signer=Signer(name=self._ctx.actor, org_name=enrollment.org_name),
                    )
                    record_id = reply_record_id(row.sender_org, row.record_id)
                    self._writer.enqueue(
                        session, enrollment, peer, body, record_id=record_id, youth_id=None, op_id=op_id
                    )
                    count += 1
                row.receipt_op_id = op_id
                audit.record(
                    session,
                    self._ctx.actor,
                    "send",
                    "received_dossier",
                    row.record_id,
                    kind="receipt",
                    recipient=row.sender_org,
                )
            return count

    def notify_gap(self, session: Session, enrollment: Enrollment, peer: SyncPeer, gap: VersionGap) -> None:
        """Tell the school a version of its dossier never arrived (signed, on the reply stream), once per gap."""
        op_id = gap_notice_op_id(gap)
        if session.scalar(select(OutboxOp.id).where(OutboxOp.op_id == op_id)) is not None:
            return
        body = StatusBody(
            dossier_id=gap.record_id,
            status=VERSION_MISSING,
            detail=gap.label,
            at=utc_now_iso(),
            signer=Signer(name=self._ctx.actor, org_name=enrollment.org_name),
        )
        stream = reply_record_id(gap.sender_org, gap.record_id)
        self._writer.enqueue(session, enrollment, peer, body, record_id=stream, youth_id=None, op_id=op_id)

    def send_status(
        self,
        sender_org: str,
        record_id: str,
        status: str,
        detail: str = "",
        *,
        extra: dict[str, str] | None = None,
        session: Session | None = None,
    ) -> str:
        """Enqueue a status message (intake gepland, route, klantmanager, afgerond) about a received dossier.

        ``extra``: the intake's date and klantmanager (see :mod:`handover.sync.intake`). With
        ``session`` it runs in the caller's transaction.
        """
        if status not in STATUS_MESSAGES:
            raise SyncUsageError(f"Onbekende status; kies uit: {', '.join(STATUS_MESSAGES)}.")
        if session is None:
            with self._ctx.workspace.session() as own:
                return self.send_status(sender_org, record_id, status, detail, extra=extra, session=own)
        enrollment = load_state(session).enrollment
        if enrollment is None:
            raise SyncUsageError(NOT_ENROLLED)
        if not enrollment.is_gemeente:
            raise SyncUsageError("Alleen Werk en Inkomen stuurt statusberichten over een ontvangen dossier.")
        row = session.get(ReceivedDossier, (sender_org, record_id))
        peer = session.get(SyncPeer, sender_org)
        if row is None or peer is None:
            raise SyncUsageError("Dit dossier is hier niet ontvangen.")
        if row.withdrawn_at is not None:
            raise SyncUsageError(
                "De toestemming voor dit dossier is ingetrokken: er kan geen statusbericht meer over worden gestuurd."
            )
        body = StatusBody(
            dossier_id=record_id,
            status=status,
            detail=detail.strip(),
            at=utc_now_iso(),
            signer=Signer(name=self._ctx.actor, org_name=enrollment.org_name),
            intake_date=(extra or {}).get("intake_date"),
            klantmanager=(extra or {}).get("klantmanager"),
        )
        reply_stream = reply_record_id(sender_org, record_id)
        op_id = self._writer.enqueue(session, enrollment, peer, body, record_id=reply_stream, youth_id=None)
        row.last_status = status
        row.case_status = CASE_STATUS_AFTER.get(status, row.case_status or "ontvangen")
        audit.record(session, self._ctx.actor, "send", "received_dossier", record_id, kind="status", status=status)
        return op_id


# What a status message makes of the dossier's state at the gemeente (ontvangen · intake gepland ·
# in begeleiding · afgerond).
CASE_STATUSES = ("ontvangen", "intake gepland", "in begeleiding", "afgerond")
CASE_STATUS_AFTER = {
    "intake_gepland": "intake gepland",
    "route": "in begeleiding",
    "klantmanager": "in begeleiding",
    "afgerond": "afgerond",
}
