"""The sync use cases the GUI and the command line call: a thin facade over the engine's rooms.

Where things live (bottom up):

* ``state``: the typed sync state; ``messages``: message bodies and deterministic ids;
  ``peers``: the peer directory; ``identity``: this installation's keys.
* ``outbox`` and ``streams``: sealing messages into the outbox; ``planning``: what a dossier change
  means for each gemeente (the change hook and the catch-up scan, with ``encryptor``).
* ``push``: batches on the wire and the answers; ``inbox`` and ``appliers``: pull, verify, apply or
  quarantine; ``replies``: the gemeente's receipts and status messages; ``epoch``: recovery after
  a server restore; ``overview``: the status line; ``runner``: one sync from start to end.

How the guarantees are kept:

* **Outbox in the same transaction.** :meth:`SyncService.install_hooks` registers a change hook;
  the services call it inside the transaction that changed a dossier, so the outbox row (with its
  envelope already sealed) commits or rolls back with the change. A catch-up scan at the start of
  every sync covers changes made without the hook.
* **Byte-identical retries.** Envelopes are sealed once, when the row is written; a retry sends the
  stored bytes and the server answers ``duplicate``. A row is marked acked only after the answer.
* **Apply and cursor together.** Each inbox page is applied (or quarantined) and the cursor moved
  in one transaction; applying is idempotent by (sender, op id), so a crash anywhere converges.
* **Cancel at safe points only.** ``sync(cancel=event)`` stops between chunks, batches and pages;
  nothing half-done is committed and the next sync goes on from there.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from handover.crypto.keys import LocalKeys, load_keys
from handover.crypto.pairing import parse_code
from handover.services.context import AppContext
from handover.store import audit
from handover.sync import overview as views
from handover.sync.agreements import Agreements
from handover.sync.appliers import MessageAppliers
from handover.sync.client import SyncClient
from handover.sync.confirm import PeerConfirmations, PeerEntry
from handover.sync.enrollment import Enrollment, EnrollOutcome, EnrollPreview
from handover.sync.epoch import EpochRecovery
from handover.sync.errors import EnrollAborted, SyncUsageError
from handover.sync.gaps import VersionGap, version_gaps
from handover.sync.identity import LocalIdentity
from handover.sync.inbox import Inbox
from handover.sync.lock import exclusive_sync
from handover.sync.messages import STATUS_MESSAGES, receipt_op_id, reply_record_id
from handover.sync.models import Quarantined, ReceivedDossier, SyncPeer, SyncReply
from handover.sync.outbox import OutboxWriter
from handover.sync.overview import SyncOverview
from handover.sync.peers import PeerDirectory, TrustedPeer, fingerprint_of
from handover.sync.planning import OutboxPlanner
from handover.sync.replica import Replication
from handover.sync.replica_ahead import LookAhead
from handover.sync.replies import Replies
from handover.sync.report import Progress, SyncReport
from handover.sync.runner import SyncRunner
from handover.sync.school_devices import DeviceInfo, JoinCode, Joined, JoinOutcome, JoinPreview, SchoolDevices
from handover.sync.send_state import SendState, held_back, load_send_states
from handover.sync.sending import SENDABLE_STATUSES, Sending, SendPreview
from handover.sync.state import SyncState, load_state
from handover.sync.tuning import SyncTuning
from handover.sync.withdrawals import WithdrawalState, withdrawal_states
from handover.sync.workspace import Workspace

__all__ = [
    "SENDABLE_STATUSES",
    "STATUS_MESSAGES",
    "EnrollAborted",
    "EnrollOutcome",
    "EnrollPreview",
    "DeviceInfo",
    "JoinCode",
    "JoinOutcome",
    "JoinPreview",
    "PeerEntry",
    "SyncOverview",
    "SyncReport",
    "SyncService",
    "SyncTuning",
    "SendPreview",
    "SyncUsageError",
    "exclusive_sync",
    "fingerprint_of",
    "receipt_op_id",
    "reply_record_id",
]


def _default_client(url: str) -> SyncClient:
    return SyncClient(url)


def _accept(_preview: JoinPreview) -> bool:
    return True


class SyncService:
    """Sync for one open data folder.

    ``client_factory`` makes the HTTP client for a server URL (tests pass one with their own
    transport), ``tuning`` the engine's sizes and thresholds, ``appliers`` what verified messages
    do to the local data (tests pass a subclass to simulate a crash while applying).
    """

    def __init__(
        self,
        ctx: AppContext,
        *,
        client_factory: Callable[[str], SyncClient] | None = None,
        tuning: SyncTuning | None = None,
        appliers: MessageAppliers | None = None,
    ) -> None:
        self.ctx = ctx
        self.tuning = tuning or SyncTuning()
        factory = client_factory or _default_client
        self._identity = LocalIdentity(ctx.workspace)
        self._peers = PeerDirectory(ctx.workspace, refresh_seconds=self.tuning.directory_refresh_seconds)
        writer = OutboxWriter(self._identity, self._peers)
        self._planner = OutboxPlanner(ctx, writer, self.tuning)
        self._replies = Replies(ctx, writer)
        self._enrollment = Enrollment(ctx, self._identity, factory)
        self._sending = Sending(ctx)
        self._work = Workspace(ctx, writer, self._replies, Agreements(ctx, writer))
        appliers = appliers or MessageAppliers(ctx)
        appliers.workspace = self._work.appliers
        recovery = EpochRecovery(ctx.workspace)
        inbox = Inbox(
            ctx,
            self._identity,
            self._peers,
            appliers,
            recovery,
            page_size=self.tuning.inbox_page,
            on_gap=self._replies.notify_gap,
        )
        # One caseload over the school's PCs (issue 13): changes go out with every scan, come in with the pull.
        ahead = LookAhead(
            self.tuning.replica_pool,
            self.tuning.replica_ahead_min,
            min_states=self.tuning.replica_ahead_states,
            wait=self.tuning.replica_wait_for_worker,
        )
        self._replication = Replication(ctx, self._identity, writer, ahead)
        inbox.replica = self._replication
        self._planner.replica = self._replication
        self._confirmations = PeerConfirmations(ctx, inbox)
        # Several PCs per school (issue 13): devices, pairing, revoking; at every sync on the
        # runner's own logged-in client (remembered here), before the pull.
        self._devices = SchoolDevices(ctx, self._identity, factory)
        self._devices.host.on_accepted = self._replication.accepted
        self._sync_client: SyncClient | None = None

        def runner_client(url: str) -> SyncClient:
            self._sync_client = factory(url)
            return self._sync_client

        def after_scan() -> int:
            return self._work.at_sync(self._planner.last_marked)

        def before_pull() -> None:
            self._devices.at_sync(self._sync_client)

        self._runner = SyncRunner(
            ctx,
            self._identity,
            self._peers,
            self._planner,
            inbox,
            recovery,
            self.tuning,
            runner_client,
            after_scan=after_scan,
            before_pull=before_pull,
        )

    def close(self) -> None:
        self._runner.close()

    # --- state and identity -------------------------------------------------------------------

    @staticmethod
    def state(session: Session) -> SyncState:
        return load_state(session)

    def current_state(self) -> SyncState:
        with self.ctx.workspace.session() as session:
            return load_state(session)

    def state_value(self, key: str) -> object:
        """One field of the state by name (``org_id``, ``epoch``, ``inbox_cursor``, …); None when unset."""
        state = self.current_state()
        if hasattr(state, key):
            return getattr(state, key)
        return getattr(state.enrollment, key, None)

    def is_enrolled(self) -> bool:
        return self.current_state().enrolled

    @property
    def keys(self) -> LocalKeys:
        return self._identity.keys

    def own_fingerprint(self) -> str | None:
        """This organisation's root key fingerprint, from its own keys (None before enrolling).

        This is what an administrator reads aloud by phone; the other side compares it with what its
        own installation pinned, never with a listing from the server.
        """
        keys = load_keys(self.ctx.workspace.secrets)
        return keys.root_fingerprint if keys is not None else None

    def export_identity(self, path: Path) -> None:
        """The organisation's age identity as a file for ``age -d -i`` (for the IT administrator)."""
        self.keys.org_age.export_identity_file(path)
        with self.ctx.workspace.session() as session:
            audit.record(session, self.ctx.actor, "export", "sync_key", None)

    # --- enrollment ---------------------------------------------------------------------------

    def enroll(
        self,
        server_url: str,
        code: str,
        *,
        confirm: Callable[[TrustedPeer], bool],
        gemeente: str | None = None,
        recipient_label: str | None = None,
    ) -> EnrollOutcome:
        """Check the code, let the user confirm the municipality's fingerprint, then register."""
        return self._enrollment.run(
            server_url, code, confirm=confirm, gemeente=gemeente, recipient_label=recipient_label
        )

    def enroll_preview(self, server_url: str, code: str) -> EnrollPreview:
        """Check the code and return the fingerprints to compare; registers nothing (the GUI's first step)."""
        return self._enrollment.preview(server_url, code)

    def version_gaps(self) -> list[VersionGap]:
        """Gemeente: dossiers where a version never arrived ("versie ontbreekt"), until a later one follows."""
        with self.ctx.workspace.session() as session:
            return version_gaps(session)

    def withdrawal_states(self, now: dt.datetime | None = None) -> list[WithdrawalState]:
        """School: each withdrawal that was the last message about a young person, and its receipt
        (intrekking ontvangen · verstuurd · ontvangstbevestiging ontbreekt after three days)."""
        with self.ctx.workspace.session() as session:
            return withdrawal_states(session, now)

    # --- the school's PCs (issue 13): see handover.sync.school_devices ------------------------

    def add_device(self) -> JoinCode:
        """School: a one-time code (24 hours) for a new PC; the keys go over when this PC next syncs
        or while :meth:`wait_for_device` runs."""
        return self._devices.add_device()

    def wait_for_device(
        self,
        code: JoinCode,
        *,
        timeout: float = 600.0,
        progress: Callable[[str], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> Joined | None:
        """Wait for the new PC and let it in when its proof matches the code; None after ``timeout``.
        Meanwhile a school's only PC gets its caseload ready for the new PC (Replication.prepare)."""
        with exclusive_sync(self.ctx.workspace.data_dir) as mine:
            if mine:  # (a sync running now: the next call, or this PC's first sync after the join, does it)
                self._replication.prepare(parse_code(code.code).lookup, progress)
        return self._devices.wait_for_device(code, timeout=timeout, progress=progress, cancel=cancel)

    def join(
        self,
        server_url: str,
        code: str,
        user: str,
        *,
        yes: bool = False,
        confirm: Callable[[JoinPreview], bool] | None = None,
        timeout: float = 600.0,
        progress: Callable[[str], None] | None = None,
    ) -> JoinOutcome:
        """New PC: become a PC of the school whose code this is (the school's name and fingerprint
        go to ``confirm`` first, unless ``yes``); waits until a PC of the school let it in."""
        if confirm is None:
            if not yes:
                raise SyncUsageError("Bevestig eerst de naam en de vingerafdruk van de school.")
            confirm = _accept
        return self._devices.join(server_url, code, user, confirm=confirm, timeout=timeout, progress=progress)

    def devices(self) -> list[DeviceInfo]:
        """School: its PCs (8-character id, user, last seen, active or revoked; this PC marked)."""
        return self._devices.devices()

    def revoke_device(self, device_id: str) -> DeviceInfo:
        """School: revoke a PC (id or its 8-character start) and rotate the school's age key."""
        return self._devices.revoke(device_id)

    def is_revoked(self) -> bool:
        """This PC was revoked by another PC of the school (its local data stays as it is)."""
        return self._devices.directory.is_revoked()

    # --- confirming keys out of band ----------------------------------------------------------

    def peer_entries(self, kind: str | None = None) -> list[PeerEntry]:
        """Pinned organisations with their fingerprint and state (bevestigd · wacht op bevestiging)."""
        return self._confirmations.entries(kind)

    def find_peer(self, ident: str, kind: str) -> PeerEntry:
        return self._confirmations.find(ident, kind)

    def confirm_peer(self, org_id: str) -> SyncReport:
        """After comparing the fingerprint by phone: trust the key; a gemeente opens what it held."""
        return self._confirmations.confirm(org_id)

    # --- outbox -------------------------------------------------------------------------------

    def install_hooks(self) -> None:
        """Write outbox rows inside the transaction of every dossier change (idempotent)."""
        if self._planner.on_change not in self.ctx.change_hooks:
            self.ctx.change_hooks.append(self._planner.on_change)

    def remove_hooks(self) -> None:
        """Stop writing outbox rows on change (the next sync's scan still finds every change)."""
        while self._planner.on_change in self.ctx.change_hooks:
            self.ctx.change_hooks.remove(self._planner.on_change)

    def enqueue_pending(self, on_chunk: Callable[[int], None] | None = None) -> int:
        """Catch-up scan: enqueue every dossier whose revision is not covered yet. Returns how many."""
        return self._planner.scan(on_chunk=on_chunk)

    # --- deliberate sending (school) ----------------------------------------------------------

    def preview_send(self, youth_ids: Sequence[str]) -> list[SendPreview]:
        """Per dossier: to which gemeente and which sections, per the consent; nothing leaves yet."""
        return self._sending.preview(youth_ids)

    def send(self, youth_ids: Sequence[str]) -> list[SendPreview]:
        """The mentor sends these dossiers deliberately: they go out now, their later changes follow.

        With the change hooks installed (the app, the command line) they go into the outbox right
        away, so they wait there even offline; without, the next sync's scan seals them.
        """
        chosen = self._sending.send(youth_ids)
        if self._planner.on_change in self.ctx.change_hooks:
            self._planner.enqueue([p.youth_id for p in chosen])
        return chosen

    def qualifying(self) -> list[SendPreview]:
        """Dossiers that could go but were never sent deliberately (after enrolling: the list to choose from)."""
        return self._sending.qualifying()

    # --- gemeente: receipts and status --------------------------------------------------------

    def acknowledge_received(self) -> int:
        """Enqueue a signed receipt for every received dossier revision that has none yet."""
        return self._replies.acknowledge_received()

    def send_status(self, sender_org: str, record_id: str, status: str, detail: str = "") -> str:
        """Enqueue a status message (intake gepland, route gekozen, klantmanager, afgerond) about a
        received dossier; moves its case status on. Refused for a withdrawn dossier."""
        return self._replies.send_status(sender_org, record_id, status, detail)

    # --- gemeente workspace (issue 10): see handover.sync.workspace ---------------------------

    def plan_intake(self, sender_org: str, record_id: str, date: dt.date, klantmanager: str, detail: str = "") -> None:
        """Gemeente: plan the intake (date, klantmanager); the school gets a signed "intake gepland"."""
        self._work.intake.plan(sender_org, record_id, date, klantmanager, detail)

    def mark_opened(self, sender_org: str, record_id: str) -> None:
        """Gemeente: the klantmanager opened the dossier (picked up once, this version seen; audit "view")."""
        self._work.intake.mark_opened(sender_org, record_id)

    def change_agreement(
        self, agreement_id: str, *, dossier_id: str, status: str | None = None, note: str | None = None, **fields: Any
    ) -> str:
        """Both roles: a new version of an agreement, sent to the other side. Returns the version id."""
        return self._work.agreements.change(
            agreement_id, dossier_id=dossier_id, status=status, note=note, fields=fields
        )

    def add_agreement(
        self,
        sender_org: str,
        record_id: str,
        *,
        action: str,
        organisation: str,
        person: str | None = None,
        deadline: dt.date | None = None,
    ) -> str:
        """Gemeente: a new agreement in a received dossier, sent to the school. Returns the agreement id."""
        return self._work.agreements.add(
            sender_org, record_id, action=action, organisation=organisation, person=person, deadline=deadline
        )

    def resolve_agreement(self, agreement_id: str, chosen_version_id: str) -> str:
        """Both roles: end a conflict with the chosen version (every head its parent). Returns the version id."""
        return self._work.agreements.resolve(agreement_id, chosen_version_id)

    def send_figures(self, gemeente_org: str | None, body: dict[str, Any]) -> None:
        """School: anonymised cohort figures to one gemeente (or every pinned one when None)."""
        self._work.send_figures(gemeente_org, body)

    # --- sync ---------------------------------------------------------------------------------

    def sync(self, progress: Progress | None = None, *, cancel: threading.Event | None = None) -> SyncReport:
        """Push the outbox, pull and apply the inbox. Never raises for network trouble: see the report.

        When ``cancel`` is set (from any thread) the sync stops at the next safe point and returns
        a report with ``cancelled``; the next sync goes on where this one stopped.
        """
        report = self._runner.run(progress, cancel)
        if self._sync_client is not None and self._sync_client.revoked:
            self._devices.directory.mark_revoked()  # said in plain Dutch; nothing local is deleted
        return report

    def sync_and_count(self, progress: Progress | None = None, *, cancel: threading.Event | None = None) -> SyncReport:
        """:meth:`sync`, then count what waits (``report.held_back``) for the closing line or status bar.

        Counting reads every dossier's send state, so it comes after the sync: a change is on the
        server before the count starts.
        """
        report = self.sync(progress, cancel=cancel)
        if report.ok and not report.cancelled and self._receipts_enqueued():
            # A gemeente confirms what it received at once (the signed receipt), in a second round.
            second = self.sync(progress, cancel=cancel)
            second.pulled += report.pulled
            second.applied += report.applied
            second.quarantined += report.quarantined
            report = second
        if not report.cancelled:
            report.held_back = self.held_back()
        return report

    def _receipts_enqueued(self) -> int:
        """Gemeente: a receipt for each newly received dossier version or withdrawal (none on a school)."""
        enrollment = self.current_state().enrollment
        if enrollment is None or not enrollment.is_gemeente:
            return 0
        return self._replies.acknowledge_received()

    def held_back(self) -> dict[str, int]:
        """What could go but waits, per reason (wacht op toestemming, wacht op keuze ontvanger, …)."""
        with self.ctx.workspace.session() as session:
            return held_back(session, self.ctx.today())

    def send_states(self, youth_ids: Sequence[str] | None = None) -> dict[str, SendState]:
        """Per dossier the send state (wacht op toestemming … ontvangen op …) for lists and section K."""
        with self.ctx.workspace.session() as session:
            return load_send_states(session, self.ctx.today(), ids=youth_ids)

    # --- what the GUI and the command line list -----------------------------------------------

    def overview(self) -> SyncOverview:
        return views.overview(self.ctx.workspace, self.ctx.today())

    def received(self) -> list[ReceivedDossier]:
        return views.received_dossiers(self.ctx.workspace)

    def replies(self, youth_id: str) -> list[SyncReply]:
        return views.replies(self.ctx.workspace, youth_id)

    def all_replies(self, youth_id: str | None = None) -> list[SyncReply]:
        """Receipts and status messages from Werk en Inkomen, oldest first."""
        return views.replies(self.ctx.workspace, youth_id)

    def quarantine(self) -> list[Quarantined]:
        return views.quarantined(self.ctx.workspace)

    def peers(self) -> list[SyncPeer]:
        return views.pinned_peers(self.ctx.workspace)
