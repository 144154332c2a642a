"""Pull: read the inbox page by page, verify each message, apply it or put it in quarantine.

Each page is applied (or quarantined) and the cursor moved in one transaction; applying is
idempotent by (sender, op id), so a crash anywhere converges. A tampered, unsigned, wrongly addressed
or replayed message is kept in quarantine and never overwrites good data.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from handover import wire
from handover.crypto.envelope import EnvelopeError, ServerMetadata, open_envelope
from handover.crypto.manifest import ManifestError
from handover.services.context import AppContext
from handover.store import audit
from handover.sync.appliers import MessageAppliers, PageState
from handover.sync.client import SyncClient, check_cancel
from handover.sync.dossier_status import sync_session
from handover.sync.epoch import EpochRecovery
from handover.sync.errors import Reject
from handover.sync.gaps import VersionGap, clear_gap, mark_gap, missing_versions
from handover.sync.identity import LocalIdentity
from handover.sync.messages import (
    AgreementBody,
    DossierBody,
    FiguresBody,
    MalformedBody,
    ReceiptBody,
    StatusBody,
    UpdateBody,
    WithdrawalBody,
    load_object,
    parse_body,
)
from handover.sync.models import InboxApplied, Quarantined, SyncPeer
from handover.sync.peers import PeerDirectory
from handover.sync.replica import Replication
from handover.sync.replica_lines import KIND as REPLICA
from handover.sync.report import Progress, SyncReport
from handover.sync.state import GEMEENTE, SCHOOL, Enrollment, load_state, save_state

# Which body each (our role, message kind) must carry, and what to say when it does not.
_EXPECTED: dict[tuple[str, str], tuple[type, str]] = {
    (GEMEENTE, "dossier"): (DossierBody, "Dit dossier is onleesbaar."),
    (GEMEENTE, "withdrawal"): (WithdrawalBody, "Deze intrekking is onleesbaar."),
    (SCHOOL, "receipt"): (ReceiptBody, "Dit bericht is onleesbaar."),
    (SCHOOL, "status"): (StatusBody, "Dit bericht is onleesbaar."),
    (GEMEENTE, "agreement"): (AgreementBody, "Deze afspraak is onleesbaar."),
    (GEMEENTE, "update"): (UpdateBody, "Dit nieuws na school is onleesbaar."),
    (GEMEENTE, "figures"): (FiguresBody, "Deze cijfers zijn onleesbaar."),
    (SCHOOL, "agreement"): (AgreementBody, "Deze afspraak is onleesbaar."),
}


HELD = "wacht_op_bevestiging"
"""Quarantine reason of a school's message kept unopened until the gemeente confirms the school."""


class Held(Exception):
    """The sender is a school the gemeente has not confirmed yet: keep its message, do not open it."""


def held_message(row: Quarantined) -> wire.InboxMessage:
    """The inbox message a held row was kept from (its routing is in ``row.message``, see ``_hold``)."""
    routing = json.loads(row.message)
    return wire.InboxMessage(
        seq=row.seq,
        op_id=row.op_id,
        kind=row.kind,  # type: ignore[arg-type]
        sender_org=row.sender_org,
        sender_device=str(routing["device"]),
        recipient_org=str(routing["recipient"]),
        record_id=row.record_id,
        revision=row.revision,
        base_revision=int(routing["base"]),
        envelope=wire.b64encode(row.envelope),
        received_at=str(routing.get("at", "")),
    )


GapNotice = Callable[[Session, Enrollment, SyncPeer, VersionGap], None]
"""Tells the sender a version is missing (the gemeente's replies), inside the page's transaction."""


class Inbox:
    def __init__(
        self,
        ctx: AppContext,
        identity: LocalIdentity,
        peers: PeerDirectory,
        appliers: MessageAppliers,
        recovery: EpochRecovery,
        *,
        page_size: int,
        on_gap: GapNotice | None = None,
    ) -> None:
        self._on_gap = on_gap
        self._ctx = ctx
        self._identity = identity
        self._peers = peers
        self._appliers = appliers
        self._recovery = recovery
        self._page_size = page_size
        # The school's other PCs' changes (issue 13): set by the SyncService.
        self.replica: Replication | None = None

    def pull(
        self,
        client: SyncClient,
        report: SyncReport,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> None:
        try:
            self._pull(client, report, progress, cancel)
        finally:
            if self.replica is not None:
                self.replica.ahead.close()

    def _pull(
        self,
        client: SyncClient,
        report: SyncReport,
        progress: Progress | None,
        cancel: threading.Event | None,
    ) -> None:
        refreshed = False
        while True:
            check_cancel(cancel)
            with self._ctx.workspace.session() as session:
                state = load_state(session)
                known_peers = set(session.scalars(select(SyncPeer.org_id)))
            page = client.inbox(state.inbox_cursor, self._page_size)
            if page.epoch != state.epoch:
                self._recovery.recover(client, page.epoch, report, cancel)
                continue
            if not page.messages:
                return
            if not refreshed and (
                any(m.sender_org not in known_peers for m in page.messages) or self._new_device(page.messages)
            ):
                self._peers.refresh(client, state.org_kind, report.errors)  # a new school: pin its keys first
                refreshed = True
            if self.replica is not None and not self.replica.knows_devices(page.messages):
                self.replica.refresh_key_list(client)  # a PC new to this school: its key first
            with sync_session(self._ctx.workspace) as session, session.no_autoflush:
                state = load_state(session)
                assert state.enrollment is not None
                known = PageState.load(session, page.messages)
                if self.replica is not None:
                    self.replica.ahead.begin_page(page.messages)
                for msg in page.messages:
                    report.pulled += 1
                    self._apply(session, state.enrollment, msg, report, known)
                save_state(session, replace(state, inbox_cursor=page.messages[-1].seq))
            if progress is not None:
                progress("ontvangen", page.messages[-1].seq, page.head)
            if not page.has_more:
                return

    def _new_device(self, messages: list[wire.InboxMessage]) -> bool:
        """A message from a device its organisation's pinned key list does not name yet (a PC the
        school just added): fetch the key lists first, so it is not refused as an unknown sender."""
        senders = {(m.sender_org, m.sender_device) for m in messages}
        with self._ctx.workspace.session() as session:
            peers = {p.org_id: p for p in session.scalars(select(SyncPeer))}
            for org, device in senders:
                peer = peers.get(org)
                if peer is None:
                    continue
                try:
                    if self._peers.manifest(peer).device_key(device) is None:
                        return True
                except ManifestError:
                    continue
        return False

    def _apply(
        self, session: Session, enrollment: Enrollment, msg: wire.InboxMessage, report: SyncReport, page: PageState
    ) -> None:
        data = wire.b64decode(msg.envelope)
        digest = hashlib.sha256(data).hexdigest()
        stream = (msg.sender_org, msg.record_id)
        done = page.applied.get((msg.sender_org, msg.op_id))
        if done is not None:
            if done != digest:
                reason = "Herhaald bericht met andere inhoud."
                self._quarantine(session, msg, data, digest, "replay", reason, report, page)
            return  # the same message again (e.g. re-read after a server restore): already applied
        try:
            self._verify_and_apply(session, enrollment, msg, data, digest, report, page)
        except Held:
            self._hold(session, msg, data, digest, report, page)
            return
        except (EnvelopeError, Reject) as exc:
            self._quarantine(session, msg, data, digest, exc.code, str(exc), report, page)
            return
        session.add(
            InboxApplied(
                sender_org=msg.sender_org,
                op_id=msg.op_id,
                seq=msg.seq,
                kind=msg.kind,
                record_id=msg.record_id,
                revision=msg.revision,
                envelope_sha256=digest,
            )
        )
        page.applied[(msg.sender_org, msg.op_id)] = digest
        page.revisions[stream] = max(msg.revision, page.revisions.get(stream, 0))
        report.applied += 1

    def _verify_and_apply(
        self,
        session: Session,
        enrollment: Enrollment,
        msg: wire.InboxMessage,
        data: bytes,
        digest: str,
        report: SyncReport,
        page: PageState,
    ) -> None:
        if msg.kind == REPLICA and self.replica is not None:
            last = page.revisions.get((msg.sender_org, msg.record_id))
            self.replica.apply(session, enrollment, msg, data, last)
            return
        peer = page.peers.get(msg.sender_org)
        if peer is None:
            raise Reject("unknown_sender", "Dit bericht komt van een onbekende organisatie.")
        if enrollment.org_kind == GEMEENTE and not peer.confirmed:
            # The server put this school's keys in the directory; only the gemeente's own check of
            # the school's fingerprint (handover bevestig) makes them trusted. Until then: unopened.
            raise Held()
        try:
            manifest = self._peers.manifest(peer)
        except ManifestError as exc:
            raise Reject("unknown_sender", str(exc)) from None
        identities = self._identity.age_identities
        for index, identity in enumerate(identities):
            # After a key rotation (a PC was revoked) older messages are sealed to an earlier key.
            try:
                opened = open_envelope(
                    data,
                    identity=identity,
                    my_org=enrollment.org_id,
                    device_key_lookup=lambda org, dev: manifest.device_key(dev) if org == peer.org_id else None,
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
                    last_revision=page.revisions.get((msg.sender_org, msg.record_id)),
                    # Exactly our key and the sender's own-copy key from its signed key list: a key added
                    # on the sender's side (e.g. in a plain-text file) would give someone else a copy.
                    expected_recipient_ids={identity.key_id, *manifest.own_copy_key_ids},
                )
                break
            except EnvelopeError as exc:
                if exc.code != "undecryptable" or index == len(identities) - 1:
                    raise
        if opened.header.recipient_org != enrollment.org_id:
            raise Reject("wrong_recipient", "Dit bericht is niet aan ons gericht.")
        try:
            value = load_object(opened.body)
        except MalformedBody:
            raise Reject("malformed", "Dit bericht is onleesbaar.") from None
        expected = _EXPECTED.get((enrollment.org_kind, msg.kind))
        if expected is None:
            raise Reject("unexpected", "Dit soort bericht hoort niet bij deze installatie.")
        model, unreadable = expected
        try:
            body = parse_body(value)
        except MalformedBody:
            raise Reject("malformed", unreadable) from None
        if not isinstance(body, model):
            raise Reject("malformed", unreadable)
        if isinstance(body, DossierBody | WithdrawalBody):
            self._check_gap(session, enrollment, peer, msg, page)
        if isinstance(body, DossierBody):
            self._appliers.apply_dossier(session, peer, msg, body, digest, opened.header.created_at, page)
        elif isinstance(body, WithdrawalBody):
            self._appliers.apply_withdrawal(session, peer, msg, body, digest, page)
        elif isinstance(body, AgreementBody):
            if enrollment.org_kind == GEMEENTE:
                self._appliers.apply_agreement_at_gemeente(session, peer, msg, body)
            else:
                self._appliers.apply_agreement_at_school(session, enrollment, peer, msg, body)
        elif isinstance(body, UpdateBody):
            self._appliers.apply_update(session, peer, msg, body)
        elif isinstance(body, FiguresBody):
            self._appliers.apply_figures(session, peer, msg, body)
        else:
            self._appliers.apply_reply(session, enrollment, peer, msg, body, report)

    def _check_gap(
        self, session: Session, enrollment: Enrollment, peer: SyncPeer, msg: wire.InboxMessage, page: PageState
    ) -> None:
        """A message that does not follow on from the last one applied: a version went missing."""
        missing = missing_versions(page.revisions.get((msg.sender_org, msg.record_id)), msg.base_revision)
        if missing is None:
            clear_gap(session, msg.sender_org, msg.record_id)
            return
        gap = VersionGap(msg.sender_org, msg.record_id, *missing)
        mark_gap(session, gap)
        audit.record(
            session,
            self._ctx.actor,
            "receive",
            "received_dossier",
            msg.record_id,
            sender=msg.sender_org,
            missing=list(missing),
        )
        if self._on_gap is not None:
            self._on_gap(session, enrollment, peer, gap)

    def _hold(
        self,
        session: Session,
        msg: wire.InboxMessage,
        data: bytes,
        digest: str,
        report: SyncReport,
        page: PageState,
    ) -> None:
        key = (msg.sender_org, msg.op_id, digest)
        if key in page.quarantined:
            return
        page.quarantined.add(key)
        seen = session.scalar(
            select(Quarantined.id).where(
                Quarantined.sender_org == msg.sender_org,
                Quarantined.op_id == msg.op_id,
                Quarantined.envelope_sha256 == digest,
            )
        )
        if seen is not None:
            return
        routing = {
            "device": msg.sender_device,
            "recipient": msg.recipient_org,
            "base": msg.base_revision,
            "at": msg.received_at,
        }
        session.add(
            Quarantined(
                seq=msg.seq,
                op_id=msg.op_id,
                sender_org=msg.sender_org,
                kind=msg.kind,
                record_id=msg.record_id,
                revision=msg.revision,
                reason=HELD,
                message=json.dumps(routing, separators=(",", ":")),
                envelope_sha256=digest,
                envelope=data,
            )
        )
        report.held += 1

    def release(self, session: Session, enrollment: Enrollment, sender_org: str, report: SyncReport) -> int:
        """Open and apply what was held for a school that is now confirmed (in the caller's transaction).

        Messages that fail their checks now go to the quarantine with the real reason.
        """
        rows = list(
            session.scalars(
                select(Quarantined)
                .where(Quarantined.sender_org == sender_org, Quarantined.reason == HELD)
                .order_by(Quarantined.seq)
            )
        )
        messages = [held_message(row) for row in rows]
        for row in rows:
            session.delete(row)
        session.flush()
        if not messages:
            return 0
        page = PageState.load(session, messages)
        with session.no_autoflush:
            for msg in messages:
                self._apply(session, enrollment, msg, report, page)
        return len(messages)

    def _quarantine(
        self,
        session: Session,
        msg: wire.InboxMessage,
        data: bytes,
        digest: str,
        code: str,
        message: str,
        report: SyncReport,
        page: PageState,
    ) -> None:
        key = (msg.sender_org, msg.op_id, digest)
        seen = (
            key in page.quarantined
            or session.scalar(
                select(Quarantined.id).where(
                    Quarantined.sender_org == msg.sender_org,
                    Quarantined.op_id == msg.op_id,
                    Quarantined.envelope_sha256 == digest,
                )
            )
            is not None
        )
        page.quarantined.add(key)
        if seen:
            return
        session.add(
            Quarantined(
                seq=msg.seq,
                op_id=msg.op_id,
                sender_org=msg.sender_org,
                kind=msg.kind,
                record_id=msg.record_id,
                revision=msg.revision,
                reason=code,
                message=message[:300],
                envelope_sha256=digest,
                envelope=data,
            )
        )
        audit.record(
            session, self._ctx.actor, "receive", "quarantine", None, reason=code, op_id=msg.op_id, sender=msg.sender_org
        )
        report.quarantined += 1
