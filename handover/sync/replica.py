"""Replication between the school's own PCs: every local change of a dossier travels to all of them.

Sending (at every sync, :meth:`Replication.enqueue`): local changes are stamped
(:func:`handover.services.merge.capture`), the entity states written here since the last sync are
taken (:func:`~handover.services.merge.take_dirty`) and sealed into "replica" messages, end-to-end
encrypted to the school's own organisation key and signed with this PC's device key, in the same
transaction that marks them taken: a PC killed mid-sync either has the outbox rows or still has the
states marked to send; never both, never neither. Each PC sends on its own stream (record id from
its device id), so the usual replay check (a revision not newer than the last one applied from that
stream is refused) holds per PC. The body carries this PC's audit head (seq, hash), so each PC holds
a signed sequence of the other PCs' audit heads (checked by :func:`handover.store.audit.verify`).

Receiving (from the inbox, :meth:`Replication.apply`): the envelope is opened and checked against
the school's own signed key list (verified with the school's root key, fetched from the directory
when a PC is not in it yet); a message from this very PC is skipped; anything tampered with raises
and the inbox quarantines it. The states merge through :func:`handover.services.merge.apply_states`,
which is idempotent and commutative, so a message applied twice or late changes nothing more.
While one message is written, the next ones of the inbox page are opened here and planned on a worker
process (:mod:`handover.sync.replica_ahead`): a new PC receives the caseload on two cores.
Notes typed but not valid yet (drafts), settings, the outbox and the audit chain stay per PC.
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
import zlib
from collections.abc import Callable, Sequence
from typing import Any, Literal, cast

from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from handover import wire
from handover.crypto.envelope import (
    EnvelopeError,
    ServerMetadata,
    check_replay,
    encrypt_plaintexts,
    finish_envelope,
    open_envelope,
    sign_envelope,
    utc_now_iso,
)
from handover.crypto.manifest import ManifestError, OrgManifest
from handover.services import merge
from handover.services.context import AppContext
from handover.store import audit
from handover.store.merge import DeviceAuditHead, MergeEntity
from handover.store.models import Youth, utcnow
from handover.sync.client import SyncClient
from handover.sync.devices import get_entry, own_manifest, save_own_manifest, set_entry, signed_from_listing, verify_own
from handover.sync.errors import Reject
from handover.sync.identity import LocalIdentity
from handover.sync.messages import AuditHead, load_object, new_op_id
from handover.sync.models import OutboxOp
from handover.sync.outbox import OutboxRow, OutboxWriter
from handover.sync.replica_ahead import Ahead, LookAhead
from handover.sync.replica_lines import KIND, LINES, unpack
from handover.sync.state import Enrollment, load_state
from handover.sync.streams import StreamCache

_NAMESPACE = uuid.UUID("0b5f6a52-3c0e-4d8e-9a55-7d2f1c9e4a10")
# Entity states per message; a group whose compressed body is still too large is split.
GROUP = 1500
MAX_BODY = 400 * 1024
LEVEL = 3  # zlib: 6 took 2.5 times as long for a sixth less
FIRST_PEERS = "replica_first_peers"
# Codes for a new PC made while this PC's stream was prepared from its first message (see prepare).
PREPARED = "replica_prepared_codes"


def replica_record_id(device_id: str) -> str:
    """The stream of one PC's replica messages (the same on every PC of the school)."""
    return str(uuid.uuid5(_NAMESPACE, f"replica:{device_id}"))


class ReplicaBody(BaseModel):
    """Entity states of one PC's changes: ``z`` is base64 of zlib-compressed lines
    ``entity TAB entity_id TAB youth_id TAB state-as-JSON`` (see :mod:`handover.store.merge`); in
    version 1 one JSON array ``[[entity, entity_id, youth_id, state], ...]`` (still read)."""

    model_config = ConfigDict(extra="allow", frozen=True)
    type: Literal["replica"] = "replica"
    version: int = LINES
    merge_device: str
    count: int
    z: str
    at: str
    audit_head: AuditHead | None = None
    # The first message of a PC: "send me everything" (a PC that joins the school; the server keeps
    # messages only until every PC read them, so the others send their whole state once more).
    want_all: bool = False


def _encode(body: ReplicaBody) -> bytes:
    return json.dumps(body.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


Taken = merge.Taken  # entity, entity id, youth id, the state's JSON text


def _pack(rows: Sequence[Taken]) -> str:
    """The states one per line, ``entity TAB id TAB youth id TAB state``, each state's stored JSON text
    as it is (not parsed nor encoded again, here or by the receiver of a new entity)."""
    data = "".join(f"{e}\t{i}\t{y}\t{state}\n" for e, i, y, state in rows)
    return base64.b64encode(zlib.compress(data.encode("utf-8"), LEVEL)).decode("ascii")


def _unpack(body: ReplicaBody) -> list[merge.IncomingState]:
    return unpack(body.version, body.count, body.z)


class Replication:
    def __init__(
        self, ctx: AppContext, identity: LocalIdentity, writer: OutboxWriter, ahead: LookAhead | None = None
    ) -> None:
        self._ctx = ctx
        self._identity = identity
        self._writer = writer
        # The next messages of an inbox page, opened and planned while this one is written.
        self.ahead = ahead or LookAhead()

    # --- sending ----------------------------------------------------------------------------

    def enqueue(self) -> int:
        """Seal this PC's unsent changes as replica messages to the school's other PCs. Returns how many."""
        with self._ctx.workspace.session() as session:
            enrollment = load_state(session).enrollment
            if enrollment is None or not enrollment.is_school:
                return 0
            manifest = self._own_manifest(session, enrollment)
            if manifest is None or len(manifest.devices) < 2:
                return 0  # this PC is the school's only one: nothing to replicate (nor to stamp)
            with merge.no_gc():  # (until _enqueue's own lists are freed: no collection over them after)
                return self._enqueue(session, enrollment, manifest)

    def prepare(self, lookup: str, progress: Callable[[str], None] | None = None) -> int:
        """While the code for a new PC is shown (``add-device`` waits): a school's only PC stamps and
        seals its whole caseload now, so the new PC finds it waiting once it is let in, instead of this
        PC doing it all at its first sync after the join. Nothing happens when this PC already sends
        (the new PC's first message asks it for everything, as before). Returns how many messages."""
        keys = self._identity.keys
        with self._ctx.workspace.session() as session:
            enrollment = load_state(session).enrollment
            if enrollment is None or not enrollment.is_school:
                return 0
            manifest = self._own_manifest(session, enrollment)
            record_id = replica_record_id(keys.device_id)
            stream = StreamCache.load(session, enrollment.org_id, [record_id]).get(record_id, None)
            if manifest is None or stream.last_revision != 0 or session.scalar(select(Youth.id).limit(1)) is None:
                return 0  # (no one to get ready: the new PC's first message asks for what there is by then)
            if progress is not None:
                progress("De jongeren worden klaargezet voor de nieuwe pc …")
            with merge.no_gc():
                count = self._enqueue(session, enrollment, manifest)
            set_entry(session, PREPARED, sorted({*(get_entry(session, PREPARED) or []), lookup}))
            return count

    def accepted(self, device_id: str, lookup: str) -> None:
        """A new PC was let in with code ``lookup``. When this PC's stream began for that code, the new
        PC reads it from its first message (the server keeps what a PC of the school has not read yet
        for weeks, the code lives a day): it needs no second full copy when it asks for everything."""
        with self._ctx.workspace.session() as session:
            prepared = list(get_entry(session, PREPARED) or [])
            if lookup not in prepared:
                return
            set_entry(session, PREPARED, [code for code in prepared if code != lookup])
            set_entry(session, FIRST_PEERS, sorted({*(get_entry(session, FIRST_PEERS) or []), device_id}))

    def _enqueue(self, session: Session, enrollment: Enrollment, manifest: OrgManifest) -> int:
        self._after_rebase(session)
        with merge.bulk_cache(session, True):
            # What was marked to send earlier, then what the capture stamps now (handed over at
            # once, not marked and taken again); a state in both goes as the later one.
            taken = merge.take_dirty_json(session)
            merge.capture(session, self._ctx.actor, taken=taken)
        rows = sorted({(e, i): (e, i, y, t) for e, i, y, t in taken}.values(), key=lambda r: (r[2], r[0], r[1]))
        keys = self._identity.keys
        record_id = replica_record_id(keys.device_id)
        streams = StreamCache.load(session, enrollment.org_id, [record_id])
        stream = streams.get(record_id, None)
        first = stream.last_revision == 0
        if not rows and not first:
            return 0
        if first:
            # The PCs this PC's messages reach from the start: they need no second full copy.
            set_entry(session, FIRST_PEERS, sorted(d.device_id for d in manifest.devices))
        seq, digest = audit.head(session)
        head = AuditHead(seq=seq, hash=digest)
        device = merge.device_id(session)
        out: list[OutboxRow] = []
        for count, packed in self._groups(rows) or [(0, _pack([]))]:
            body = ReplicaBody(
                merge_device=device,
                count=count,
                z=packed,
                at=utc_now_iso(),
                audit_head=head,
                want_all=first and not out,
            )
            out.append(self._seal(enrollment, stream, body))
        self._writer.insert(session, out)
        streams.save(session)
        return len(out)

    @staticmethod
    def _after_rebase(session: Session) -> None:
        """Replica messages the server refused because it had a newer revision of this PC's stream
        (this PC or the server restored from a backup) were dropped by the push: everything goes
        again on top of the server's revision (merging is idempotent, so nothing doubles)."""
        dropped = list(session.scalars(select(OutboxOp).where(OutboxOp.kind == KIND, OutboxOp.status == "conflict")))
        if not dropped:
            return
        for op in dropped:
            session.delete(op)
        session.flush()
        session.execute(update(MergeEntity).values(dirty=True))

    @staticmethod
    def _groups(rows: Sequence[Taken]) -> list[tuple[int, str]]:
        """Messages of about GROUP states (how many, packed), never splitting one young person's
        states (so each is merged and written once), split further while a body is too large."""
        pending: list[Sequence[Taken]] = []
        start = 0
        for i in range(1, len(rows) + 1):
            if i == len(rows) or (i - start >= GROUP and rows[i][2] != rows[i - 1][2]):
                pending.append(rows[start:i])
                start = i
        groups: list[tuple[int, str]] = []
        while pending:
            group = pending.pop(0)
            packed = _pack(group)
            if len(group) > 1 and len(packed) > MAX_BODY:
                half = len(group) // 2
                pending[:0] = [group[:half], group[half:]]
            else:
                groups.append((len(group), packed))
        return groups

    def _seal(self, enrollment: Enrollment, stream: Any, body: ReplicaBody) -> OutboxRow:
        keys = self._identity.keys
        base = stream.last_revision
        op_id = new_op_id()
        own = keys.org_age.recipient
        signed = sign_envelope(
            kind=KIND,
            sender_org=enrollment.org_id,
            sender_device=keys.device_id,
            device_key=keys.device,
            recipient_org=enrollment.org_id,
            recipient_age_keys=[own],
            own_age_key=own,
            record_id=stream.record_id,
            revision=base + 1,
            base_revision=base,
            op_id=op_id,
            body=_encode(body),
        )
        stream.last_revision = base + 1
        stream.last_kind = KIND
        (data,) = encrypt_plaintexts([signed.plain], signed.age_keys)
        row = OutboxRow(op_id, KIND, stream.record_id, base + 1, base, enrollment.org_id, None, signed)
        row.envelope = finish_envelope(signed, data).data
        return row

    # --- the school's own key list ----------------------------------------------------------------

    def _own_manifest(self, session: Session, enrollment: Enrollment) -> OrgManifest | None:
        """The school's key list as this PC holds it (verified against its root key), or None."""
        return own_manifest(session, self._identity.keys.org_root.public_bytes, enrollment.org_id)

    def knows_devices(self, messages: Sequence[wire.InboxMessage]) -> bool:
        """Whether every replica message on this page comes from a PC in the stored key list."""
        devices = {m.sender_device for m in messages if m.kind == KIND}
        if not devices:
            return True
        with self._ctx.workspace.session() as session:
            enrollment = load_state(session).enrollment
            if enrollment is None:
                return True
            manifest = self._own_manifest(session, enrollment)
        return manifest is not None and all(manifest.device_key(d) is not None for d in devices)

    def refresh_key_list(self, client: SyncClient) -> None:
        """Read the school's own key list from the server; kept only when signed by our root key."""
        listing = client.device_list()
        with self._ctx.workspace.session() as session:
            enrollment = load_state(session).enrollment
            if enrollment is None:
                return
            signed = signed_from_listing(listing)
            try:
                manifest = verify_own(signed, self._identity.keys, enrollment.org_id)
            except ManifestError:
                return  # not signed by our root key: ignored (the replica messages stay unopened)
            save_own_manifest(session, signed, manifest)

    # --- receiving ----------------------------------------------------------------------------

    def apply(
        self,
        session: Session,
        enrollment: Enrollment,
        msg: wire.InboxMessage,
        data: bytes,
        last_revision: int | None,
    ) -> None:
        """Open, check and merge one replica message (raises Reject/EnvelopeError: the inbox quarantines)."""
        ahead = self.ahead.take(msg)
        if ahead is not None:  # opened ahead (see handover.sync.replica_ahead): all but the replay check done
            check_replay(msg.revision, last_revision)
            body = cast(ReplicaBody, ahead.body)
        else:
            opened_body = self._open(session, enrollment, msg, data, last_revision)
            if opened_body is None:
                return
            body = opened_body
        self.ahead.schedule(msg, lambda m: self._open(session, enrollment, m, wire.b64decode(m.envelope), None))
        changed = self._merge(session, body, ahead)
        if body.want_all and msg.sender_device not in (get_entry(session, FIRST_PEERS) or []):
            # A PC that joined after this one began sending: it gets all of it once, at the next sync.
            merge.capture(session, self._ctx.actor)
            session.execute(update(MergeEntity).values(dirty=True))
        if body.audit_head is not None:
            self._keep_head(session, msg.sender_device, body.audit_head)
        audit.record(
            session,
            self._ctx.actor,
            "receive",
            "replica",
            None,
            device=msg.sender_device[:8],
            entities=body.count,
            youths=changed,
            digest=hashlib.sha256(data).hexdigest()[:16],
        )

    def _merge(self, session: Session, body: ReplicaBody, ahead: Ahead | None) -> int:
        """Merge the body's states: as the worker planned them, when it did and none of their young people
        is known here; else here, the usual way. Returns how many young people changed."""
        with merge.no_gc(body.count >= merge.BULK_STATES):
            prepared = self.ahead.plan(ahead)
            if prepared is not None and merge.known_here(session, prepared.youth_ids):
                self.ahead.set_aside += 1
            elif prepared is not None:
                self.ahead.worker_used += 1
                return merge.write_prepared(session, prepared)
            states = _unpack(body)
            changed = merge.apply_states(session, self._ctx.actor, states)
            del states  # freed before the collector is on again (it would go over all of them once)
        return changed

    def _open(
        self,
        session: Session,
        enrollment: Enrollment,
        msg: wire.InboxMessage,
        data: bytes,
        last_revision: int | None,
    ) -> ReplicaBody | None:
        """The checked body of a replica message; None for one that needs no merge (this PC's own)."""
        if not enrollment.is_school or msg.sender_org != enrollment.org_id:
            raise Reject("unexpected", "Dit soort bericht hoort niet bij deze installatie.")
        keys = self._identity.keys
        if msg.sender_device == keys.device_id:
            return None  # our own message back: nothing to merge
        manifest = self._own_manifest(session, enrollment)
        if manifest is None or manifest.device_key(msg.sender_device) is None:
            raise Reject("unknown_sender", "Dit bericht komt van een onbekende pc van deze school.")
        identities = self._identity.age_identities
        for index, identity in enumerate(identities):
            # After a key rotation (a PC was revoked) older messages are sealed to an earlier key.
            try:
                opened = open_envelope(
                    data,
                    identity=identity,
                    my_org=enrollment.org_id,
                    device_key_lookup=lambda org, dev: manifest.device_key(dev) if org == enrollment.org_id else None,
                    metadata=ServerMetadata(
                        msg.op_id,
                        msg.kind,
                        msg.sender_org,
                        msg.sender_device,
                        msg.recipient_org,
                        msg.record_id,
                        msg.revision,
                        msg.base_revision,
                    ),
                    last_revision=last_revision,
                    expected_recipient_ids={identity.key_id},
                )
                break
            except EnvelopeError as exc:
                if exc.code != "undecryptable" or index == len(identities) - 1:
                    raise
        if msg.record_id != replica_record_id(msg.sender_device):
            raise Reject("malformed", "Dit bericht van een andere pc is onleesbaar.")
        try:
            body = ReplicaBody.model_validate(load_object(opened.body))
        except (ValueError, ValidationError):
            raise Reject("malformed", "Dit bericht van een andere pc is onleesbaar.") from None
        if body.merge_device == merge.device_id(session):
            return None  # a copy of this very data folder: its changes are ours already
        return body

    @staticmethod
    def _keep_head(session: Session, device: str, head: AuditHead) -> None:
        """Keep the other PC's signed audit head; a different hash for a known event is kept beside it
        (``audit verify`` reports it), the dossier changes are applied all the same."""
        existing = session.get(DeviceAuditHead, (device, head.seq))
        if existing is None:
            session.add(DeviceAuditHead(device_id=device, seq=head.seq, hash=head.hash, received_at=utcnow()))
        elif existing.hash != head.hash and existing.other_hash is None:
            existing.other_hash = head.hash
