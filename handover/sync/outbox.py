"""Writing the outbox: each message is signed and sealed once, when its row is written.

A retry sends the stored bytes, so the server can answer ``duplicate``. Signing (with the device
key) always happens here; encrypting happens inline (:meth:`OutboxWriter.seal`) or, for a large
scan, on the encryption worker (:mod:`handover.sync.encryptor`). Rows are inserted with two
executemany statements, outbox row and envelope apart (see :class:`~handover.sync.models.OutboxOp`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session, object_session

from handover.crypto.envelope import SignedPlaintext, encrypt_plaintexts, finish_envelope, sign_envelope
from handover.store import audit
from handover.store.models import utcnow
from handover.sync.identity import LocalIdentity
from handover.sync.messages import AnyBody, AuditHead, encode_body, new_op_id
from handover.sync.models import OutboxEnvelope, OutboxOp, SyncPeer
from handover.sync.peers import PeerDirectory
from handover.sync.state import Enrollment
from handover.sync.streams import StreamCache, StreamState

PENDING = "pending"


@dataclass
class OutboxRow:
    """One message on its way into the outbox: signed; ``envelope`` is set once it is encrypted."""

    op_id: str
    kind: str
    record_id: str
    revision: int
    base_revision: int
    recipient_org: str
    youth_id: str | None
    signed: SignedPlaintext
    envelope: bytes | None = None


def pending_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(OutboxOp).where(OutboxOp.status == PENDING)) or 0


class OutboxWriter:
    def __init__(self, identity: LocalIdentity, peers: PeerDirectory) -> None:
        self._identity = identity
        self._peers = peers

    def prepare(
        self, enrollment: Enrollment, stream: StreamState, peer: SyncPeer, body: AnyBody, *, op_id: str | None = None
    ) -> OutboxRow:
        """Sign ``body`` as the next revision of ``stream`` (which moves on) for ``peer``.

        The body carries the audit log's head of the transaction it is signed in (``peer`` belongs
        to that session), so the signed copy at the receiver anchors our chain outside our database.
        """
        session = object_session(peer)
        if session is not None and body.audit_head is None:
            seq, digest = audit.head(session)
            body = body.model_copy(update={"audit_head": AuditHead(seq=seq, hash=digest)})
        base = stream.last_revision
        manifest = self._peers.manifest(peer)
        keys = self._identity.keys
        op = op_id or new_op_id()
        signed = sign_envelope(
            kind=body.kind,
            sender_org=enrollment.org_id,
            sender_device=keys.device_id,
            device_key=keys.device,
            recipient_org=peer.org_id,
            recipient_age_keys=list(manifest.age_recipients),
            own_age_key=self._identity.own_copy_key,
            record_id=stream.record_id,
            revision=base + 1,
            base_revision=base,
            op_id=op,
            body=encode_body(body),
        )
        stream.last_revision = base + 1
        stream.last_kind = body.kind
        return OutboxRow(op, body.kind, stream.record_id, base + 1, base, peer.org_id, stream.youth_id, signed)

    @staticmethod
    def seal(rows: list[OutboxRow]) -> None:
        """Encrypt here, now (a few messages; a large scan uses the encryptor)."""
        for row in rows:
            (data,) = encrypt_plaintexts([row.signed.plain], row.signed.age_keys)
            row.envelope = finish_envelope(row.signed, data).data

    @staticmethod
    def insert(session: Session, rows: list[OutboxRow]) -> None:
        """Write sealed rows with two executemany INSERTs (ids come back in order)."""
        if not rows:
            return
        now = utcnow()
        ids = session.scalars(
            insert(OutboxOp).returning(OutboxOp.id, sort_by_parameter_order=True),
            [
                {
                    "op_id": r.op_id,
                    "kind": r.kind,
                    "record_id": r.record_id,
                    "revision": r.revision,
                    "base_revision": r.base_revision,
                    "recipient_org": r.recipient_org,
                    "youth_id": r.youth_id,
                    "status": PENDING,
                    "created_at": now,
                }
                for r in rows
            ],
        ).all()
        envelopes = []
        for outbox_id, row in zip(ids, rows, strict=True):
            assert row.envelope is not None, "sealed before it is written"
            envelopes.append({"outbox_id": outbox_id, "envelope": row.envelope})
        session.execute(insert(OutboxEnvelope), envelopes)

    def enqueue(
        self,
        session: Session,
        enrollment: Enrollment,
        peer: SyncPeer,
        body: AnyBody,
        *,
        record_id: str,
        youth_id: str | None,
        op_id: str | None = None,
    ) -> str:
        """Seal one message and write it to the outbox in the caller's transaction; returns its op id."""
        streams = StreamCache.load(session, peer.org_id, [record_id])
        row = self.prepare(enrollment, streams.get(record_id, youth_id), peer, body, op_id=op_id)
        self.seal([row])
        self.insert(session, [row])
        streams.save(session)
        return row.op_id
