"""Sync use cases (no Qt): enroll, outbox, push, pull-verify-apply, receipts and status, recovery.

How the guarantees are kept:

* **Outbox in the same transaction.** :meth:`SyncService.install_hooks` registers a change hook;
  the services call it inside the transaction that changed a dossier, so the outbox row (with its
  envelope already sealed) commits or rolls back with the change. A catch-up scan at the start of
  every sync covers changes made without the hook (bulk import, demo data, a window opened before
  enrollment). Both paths go through :meth:`SyncService._plan`.
* **Byte-identical retries.** Envelopes are sealed once, when the row is written; a retry sends the
  stored bytes and the server answers ``duplicate``. A row is marked acked only after the answer.
* **Apply and cursor together.** Each inbox page is applied (or quarantined) and the cursor moved
  in one transaction; applying is idempotent by (sender, op id), so a crash anywhere converges.
* **Wire revisions.** Each (record, recipient) stream has its own counter (1, 2, 3 …), independent
  of the dossier's local revision (which also moves for local-only changes like a status set by the
  sync). ``base_revision`` is the previous wire revision, which the server checks.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import sys
import time
import uuid
from collections import deque, namedtuple
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Table, bindparam, func, insert, literal_column, select, update
from sqlalchemy.orm import Session

from handover import wire as p
from handover.crypto.envelope import (
    EnvelopeError,
    ServerMetadata,
    SignedPlaintext,
    encrypt_plaintexts,
    finish_envelope,
    open_envelope,
    seal_envelope,
    sign_envelope,
    utc_now_iso,
)
from handover.crypto.keys import KeyMaterialError, LocalKeys, fingerprint, load_keys, load_or_create_keys
from handover.crypto.manifest import ManifestError, OrgManifest, SignedManifest, verify_manifest
from handover.domain import rules
from handover.domain.fields import CONSENT_FIELDS, LISTS
from handover.domain.vocab import HANDOVER_STATUS
from handover.services.context import AppContext
from handover.services.records import dossier_dict
from handover.services.settings import get_setting
from handover.store import audit
from handover.store.models import (
    Agreement,
    Certificate,
    Consent,
    Contact,
    Experience,
    Inspection,
    Scheme,
    SupportNeed,
    Youth,
    utcnow,
)
from handover.store.workspace import read_info
from handover.sync.client import SyncClient, SyncError
from handover.sync.enrollment import TrustedPeer, enroll_request, verify_peer
from handover.sync.models import (
    InboxApplied,
    OutboxEnvelope,
    OutboxOp,
    Quarantined,
    ReceivedDossier,
    SentRecord,
    SyncPeer,
    SyncReply,
    SyncState,
)

log = logging.getLogger(__name__)

# Statuses from which a dossier may leave the school (a "concept" never does).
SENDABLE_STATUSES = frozenset(rules.SYNC_TRANSITIONS)
STATUS_MESSAGES = {
    "intake_gepland": "Intake gepland",
    "route": "Route bepaald",
    "klantmanager": "Klantmanager toegewezen",
}
# Fixed namespace for deterministic ids (reply streams, receipts): never change it.
_NS = uuid.UUID("6f7c0b0e-6a8e-4f51-9b0c-3a1f0f2d9c11")
_APPLYING = "handover.sync.applying"
_BATCH_BYTES = 900 * 1024  # stay under the server's 1 MiB body limit with JSON overhead
_SCAN_CHUNK = 500
# Push batches on the wire at once (a chunk of the scan fills about five): the server stores one
# while the next wait, so the scan seldom waits for the server.
_MAX_IN_FLIGHT = 4
# A scan of at least this many dossiers encrypts on a worker process (starting one costs ~0.3 s,
# on Windows more); plaintexts go to it in groups of _ENCRYPT_GROUP.
_WORKER_MIN_DOSSIERS = 1000
_ENCRYPT_GROUP = 50
# Key changes of peers are picked up within this time (and at once when an unknown sender appears).
DIRECTORY_REFRESH_SECONDS = 300.0


class SyncUsageError(Exception):
    """The user asked for something that cannot be done now (not enrolled, wrong role); Dutch text."""


class EnrollAborted(SyncUsageError):
    pass


@dataclass
class SyncReport:
    enqueued: int = 0
    stored: int = 0
    duplicates: int = 0
    conflicts: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    pulled: int = 0
    applied: int = 0
    quarantined: int = 0
    pending: int = 0
    rebased: int = 0
    resent_after_epoch_change: int = 0
    epoch_changed: bool = False
    errors: list[str] = field(default_factory=list)
    offline: bool = False
    # Seconds per phase (prepare = catch-up scan that seals envelopes, push, pull), for progress
    # reporting and the benchmark.
    timings: dict[str, float] = field(default_factory=dict)
    # Receipts and status messages applied in this run: (youth id, kind, status, detail, signer, at).
    replies: list[tuple[str, str, str | None, str, str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.errors or self.conflicts or self.rejected or self.quarantined or self.pending)

    def problems(self) -> list[str]:
        """Why this sync is not complete, in plain Dutch (empty when :attr:`ok`)."""
        out = list(self.errors)
        if self.conflicts:
            out.append(f"{len(self.conflicts)} bericht(en) botsten met een nieuwere versie op de server.")
        if self.rejected:
            out.append(f"{len(self.rejected)} bericht(en) geweigerd door de server.")
        if self.quarantined:
            out.append(f"{self.quarantined} ontvangen bericht(en) afgekeurd en in quarantaine gezet.")
        if self.pending and not self.errors:
            out.append(f"{self.pending} bericht(en) wachten nog op verzending.")
        return out


@dataclass(frozen=True)
class EnrollOutcome:
    org_id: str
    org_name: str
    kind: str
    own_fingerprint: str
    peer: TrustedPeer | None


@dataclass(frozen=True)
class SyncOverview:
    """What the GUI shows: enrolled?, counts and one Dutch status label."""

    enrolled: bool
    pending: int
    quarantined: int
    last_sync: str | None
    last_error: str | None
    label: str


@dataclass
class _Page:
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
    def load(cls, session: Session, messages: list[p.InboxMessage]) -> _Page:
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


class _Reject(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


SYNC_LOCK_FILENAME = "sync.lock"


@contextmanager
def exclusive_sync(data_dir: Path) -> Iterator[bool]:
    """An OS file lock so the app's timer and a scheduled ``handover sync`` never sync at once.

    Yields False (without waiting) when another process or window holds it. The OS releases the
    lock when a process dies, so a crash never leaves it stuck.
    """
    handle = open(data_dir / SYNC_LOCK_FILENAME, "a+b")  # noqa: SIM115 - closed in finally
    locked = False
    try:
        handle.seek(0)
        try:
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            locked = True
        except OSError:
            locked = False
        yield locked
    finally:
        if locked:
            handle.seek(0)
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        handle.close()


def reply_record_id(school_org: str, dossier_id: str) -> str:
    """The record id of the gemeente's reply stream about one school dossier (same on both sides)."""
    return str(uuid.uuid5(_NS, f"reply:{school_org}:{dossier_id}"))


def receipt_op_id(school_org: str, dossier_op_id: str) -> str:
    """Deterministic: receiving the same dossier message twice can never create two receipts."""
    return str(uuid.uuid5(_NS, f"receipt:{school_org}:{dossier_op_id}"))


def _json_bytes(obj: Any) -> bytes:
    # One line of JSON: the body is line 4 of the envelope's plaintext (see crypto.envelope).
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def _group_by_keys(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Bulk UPDATE by primary key needs the same keys in every row of one call."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(row)), []).append(row)
    return list(groups.values())


def _update_by_key(session: Session, model: type[Any], rows: list[dict[str, Any]]) -> None:
    """UPDATE rows by primary key as one Core executemany (same keys in every row).

    The ORM's bulk update by primary key spent more time preparing the parameters than SQLite
    took to run them (it fires no events either, so this is the same statement, only cheaper).
    """
    if not rows:
        return
    table: Table = model.__table__
    keys = [c.name for c in table.primary_key.columns]
    statement = (
        update(table)
        .where(*(table.c[k] == bindparam(f"k_{k}") for k in keys))
        .values({c: bindparam(f"v_{c}") for c in rows[0] if c not in keys})
    )
    session.execute(statement, [{(f"k_{k}" if k in keys else f"v_{k}"): v for k, v in row.items()} for row in rows])


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


# (attribute on Youth, model, sort key) for every list that goes into a sent dossier.
_YOUTH_LISTS: tuple[tuple[str, type[Any], str], ...] = (
    ("contacts", Contact, "position"),
    ("certificates", Certificate, "position"),
    ("experiences", Experience, "position"),
    ("support_needs", SupportNeed, "position"),
    ("schemes", Scheme, "position"),
    ("agreements", Agreement, "position"),
    ("consents", Consent, "given_on"),
    ("inspections", Inspection, "seen_on"),
)


def _list_columns(name: str, model: type[Any], order: str) -> list[Any]:
    """Only the columns a sent dossier uses: parsing unused timestamps was a third of the scan."""
    table = model.__table__
    if name == "consents":
        wanted = ["id", "sections", *(f.name for f in CONSENT_FIELDS)]
    elif name == "inspections":
        wanted = ["id", "seen_on", "agrees", "reason"]
    else:
        wanted = ["id", *(f.name for f in LISTS[name].fields)]
    return [table.c[c] for c in dict.fromkeys(["youth_id", order, *wanted])]


def load_youth_views(session: Session, ids: list[str]) -> list[SimpleNamespace]:
    """Read-only views of whole dossiers through plain Core queries (one per table).

    The scan reads thousands of dossiers only to serialise them; building ORM objects with nine
    relationships each cost several times more than the encryption. The views carry the same
    attribute names, so ``dossier_dict`` and the consent rules accept them unchanged.
    """
    youths = Youth.__table__
    result = session.execute(select(youths).where(youths.c.id.in_(ids)))
    keys = list(result.keys())  # plain tuples + one keys list: RowMapping per row cost a third of this
    views: dict[str, SimpleNamespace] = {}
    for row in result.all():
        view = SimpleNamespace(**dict(zip(keys, row, strict=True)))
        for name, _, _ in _YOUTH_LISTS:
            setattr(view, name, [])
        views[view.id] = view
    for name, model, order in _YOUTH_LISTS:
        table = model.__table__
        columns = _list_columns(name, model, order)
        query = select(*columns).where(table.c.youth_id.in_(ids)).order_by(table.c.youth_id, table.c[order])
        # List items are only read: a named tuple is built several times faster than a namespace.
        make = namedtuple(f"{name}_view", [c.name for c in columns])._make  # type: ignore[attr-defined]
        for row in session.execute(query).all():
            item = make(row)
            getattr(views[item.youth_id], name).append(item)
    return [views[i] for i in ids if i in views]


class SyncService:
    def __init__(self, ctx: AppContext, *, client_factory: Callable[[str], SyncClient] | None = None) -> None:
        self.ctx = ctx
        self._client_factory = client_factory or (lambda url: SyncClient(url))
        self._keys: LocalKeys | None = None
        self._manifests: dict[str, tuple[bytes, OrgManifest]] = {}
        # Kept between syncs in a running app: creating an httpx client (TLS context) and logging
        # in cost more than a whole small sync.
        self._cached_client: tuple[str, SyncClient] | None = None
        self._own_key: str | None = None
        self._directory_checked = -1e9

    def close(self) -> None:
        if self._cached_client is not None:
            self._cached_client[1].close()
            self._cached_client = None

    # --- state --------------------------------------------------------------------------------

    @staticmethod
    def state(session: Session) -> dict[str, Any]:
        return {row.key: row.value for row in session.scalars(select(SyncState))}

    @staticmethod
    def _set_state(session: Session, **values: Any) -> None:
        for key, value in values.items():
            row = session.get(SyncState, key)
            if row is None:
                session.add(SyncState(key=key, value=value))
            else:
                row.value = value

    @property
    def keys(self) -> LocalKeys:
        if self._keys is None:
            keys = load_keys(self.ctx.workspace.secrets)
            if keys is None:
                raise SyncUsageError("De sleutels van deze installatie ontbreken. Schrijf opnieuw in.")
            self._keys = keys
        return self._keys

    def state_value(self, key: str) -> Any:
        with self.ctx.workspace.session() as session:
            return self.state(session).get(key)

    def is_enrolled(self) -> bool:
        with self.ctx.workspace.session() as session:
            return "org_id" in self.state(session)

    def _require_enrolled(self, session: Session) -> dict[str, Any]:
        state = self.state(session)
        if "org_id" not in state:
            raise SyncUsageError(
                "Deze installatie is nog niet ingeschreven bij de server. "
                "Gebruik eerst: handover enroll --server URL --code CODE"
            )
        return state

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
        """Check the code, let the user confirm the municipality's fingerprint, then register.

        Nothing is registered when the user does not confirm: the code stays usable.
        """
        with self.ctx.workspace.session() as session:
            if "org_id" in self.state(session):
                raise SyncUsageError("Deze installatie is al ingeschreven bij een server.")
            role = get_setting(session, "role")
            default_recipient = get_setting(session, "default_recipient")
        keys = load_or_create_keys(self.ctx.workspace.secrets)
        self._keys = keys
        client = self._client_factory(server_url)
        try:
            check = client.enroll_check(code)
            if check.kind != role:
                raise SyncUsageError(
                    f"Deze inschrijfcode is voor een {check.kind}, maar deze installatie heeft de rol {role}."
                )
            chosen: TrustedPeer | None = None
            if role == "school":
                candidates = []
                for entry in check.peers:
                    if entry.kind != "gemeente" or (gemeente and gemeente not in (entry.org_id, entry.name)):
                        continue
                    try:
                        candidates.append(verify_peer(entry, None))
                    except ManifestError:
                        continue
                if not candidates:
                    raise SyncUsageError(
                        "Er is op deze server nog geen gemeente (Werk en Inkomen) ingeschreven. "
                        "Vraag de ICT-beheerder van de gemeente om eerst de gemeente in te schrijven."
                    )
                if len(candidates) > 1:
                    names = ", ".join(c.name for c in candidates)
                    raise SyncUsageError(f"Kies de gemeente met --gemeente (een van: {names}).")
                chosen = candidates[0]
                if not confirm(chosen):
                    raise EnrollAborted("Inschrijving afgebroken. Er is niets geregistreerd; de code blijft geldig.")
            response = client.enroll(enroll_request(keys, check.org_id, code))
        finally:
            client.close()
        with self.ctx.workspace.session() as session:
            self._set_state(
                session,
                server_url=server_url.rstrip("/"),
                org_id=response.org_id,
                org_name=response.org_name,
                org_kind=response.kind,
                device_id=keys.device_id,
                epoch=response.epoch,
                inbox_cursor=0,
                enrolled_at=utc_now_iso(),
            )
            if chosen is not None:
                label = recipient_label or default_recipient or chosen.name
                self._pin(session, chosen, label, confirmed=True)
            audit.record(
                session,
                self.ctx.actor,
                "init",
                "sync",
                None,
                org=response.org_id,
                peer=chosen.org_id if chosen else None,
            )
        return EnrollOutcome(response.org_id, response.org_name, response.kind, keys.root_fingerprint, chosen)

    @staticmethod
    def _pin(session: Session, peer: TrustedPeer, label: str, *, confirmed: bool) -> None:
        session.merge(
            SyncPeer(
                org_id=peer.org_id,
                name=peer.name,
                kind=peer.kind,
                root_public_key=peer.root_public_key,
                manifest=peer.manifest_bytes,
                manifest_signature=peer.manifest_signature,
                recipient_label=label,
                confirmed=confirmed,
            )
        )

    # --- peers and manifests ------------------------------------------------------------------

    def _peer_manifest(self, peer: SyncPeer) -> OrgManifest:
        cached = self._manifests.get(peer.org_id)
        if cached is not None and cached[0] == peer.manifest:
            return cached[1]
        manifest = _parse_stored_manifest(peer)
        self._manifests[peer.org_id] = (peer.manifest, manifest)
        return manifest

    def _refresh_peers(self, client: SyncClient, report: SyncReport) -> None:
        """Fetch the directory; accept key changes only when signed by the pinned root key."""
        directory = client.directory()
        with self.ctx.workspace.session() as session:
            kind = self.state(session).get("org_kind")
            for entry in directory.organisations:
                pinned = session.get(SyncPeer, entry.org_id)
                try:
                    trusted = verify_peer(entry, pinned.root_public_key if pinned else None)
                except ManifestError as exc:
                    report.errors.append(f"{entry.name}: {exc}")
                    continue
                if pinned is not None:
                    current = self._peer_manifest(pinned)
                    if trusted.manifest.serial > current.serial:
                        pinned.manifest = p.b64decode(entry.manifest)
                        pinned.manifest_signature = p.b64decode(entry.manifest_signature)
                elif kind == "gemeente":
                    # A municipality trusts a school's keys on first use; `handover inbox` shows the
                    # school's fingerprint so it can be compared by phone when in doubt.
                    session.add(
                        SyncPeer(
                            org_id=entry.org_id,
                            name=entry.name,
                            kind=entry.kind,
                            root_public_key=trusted.root_public_key,
                            manifest=p.b64decode(entry.manifest),
                            manifest_signature=p.b64decode(entry.manifest_signature),
                            recipient_label=entry.name,
                            confirmed=False,
                        )
                    )

    # --- outbox -------------------------------------------------------------------------------

    def install_hooks(self) -> None:
        """Write outbox rows inside the transaction of every dossier change (idempotent)."""
        if self._on_change not in self.ctx.change_hooks:
            self.ctx.change_hooks.append(self._on_change)

    def _on_change(self, session: Session, youth: Youth, action: str) -> None:
        if session.info.get(_APPLYING):
            return  # our own status updates must not send the dossier again
        state = self.state(session)
        if state.get("org_kind") != "school":
            return
        for peer in list(session.scalars(select(SyncPeer).where(SyncPeer.kind == "gemeente"))):
            try:
                self._plan(session, state, youth, peer)
            except (ManifestError, EnvelopeError, KeyMaterialError, SyncUsageError) as exc:
                # A sync problem must never cost the mentor a save. Nothing is marked as covered,
                # so the catch-up scan of the next sync tries again and reports the reason.
                log.warning("dossier %s niet in de verzendrij gezet: %s", youth.id, type(exc).__name__)

    @staticmethod
    def _record(
        session: Session, record_id: str, org_id: str, youth_id: str | None, cache: _RecordCache | None = None
    ) -> SentRecord:
        """The stream state of (record, recipient), created when new. ``cache``: see :class:`_RecordCache`."""
        if cache is not None:
            return cache.get(record_id, youth_id)  # type: ignore[return-value]
        rec = session.get(SentRecord, (record_id, org_id))
        if rec is None:
            rec = SentRecord(
                record_id=record_id, recipient_org=org_id, youth_id=youth_id, last_revision=0, covered_revision=0
            )
            session.add(rec)
        return rec

    def _plan(
        self,
        session: Session,
        state: dict[str, Any],
        youth: Youth,
        peer: SyncPeer,
        cache: _RecordCache | None = None,
        outbox: list[dict[str, Any]] | None = None,
    ) -> str | None:
        """Decide what (if anything) this dossier's current revision means for ``peer``.

        Returns the op id when a message was enqueued (see :meth:`_enqueue` for ``outbox``).
        """
        rec = self._record(session, youth.id, peer.org_id, youth.id, cache)
        if rec.covered_revision >= youth.revision:
            return None
        today = self.ctx.today()
        # The domain rule itself (services.consent.sendable_consent insists on ORM objects).
        consent: Any = rules.valid_consent_for(youth.consents, peer.recipient_label, youth.birth_date, today)
        op: str | None = None
        if consent is not None and youth.status in SENDABLE_STATUSES and not youth.anonymised:
            sections = rules.shared_sections(consent)
            dossier = dossier_dict(youth, sections=sections, include_checkins=False)
            if not consent.includes_health:
                dossier.pop("health_notes", None)  # special-category data only with explicit consent
            body = {
                "type": "overstapdossier",
                "version": 1,
                "youth_revision": youth.revision,
                "school": {"name": state.get("org_name"), "brin": self._brin(session, state)},
                "sent_by": self.ctx.actor,
                "consent": {"id": consent.id, "given_on": consent.given_on.isoformat(), "sections": sections},
                "dossier": dossier,
            }
            op = self._enqueue(
                session,
                state,
                kind="dossier",
                record_id=youth.id,
                peer=peer,
                youth_id=youth.id,
                body=body,
                rec=rec,
                outbox=outbox,
            )
        elif consent is None and rec.last_kind == "dossier":
            body = {
                "type": "intrekking",
                "version": 1,
                "dossier_id": youth.id,
                "reason": "Toestemming ingetrokken of niet meer geldig",
                "at": utc_now_iso(),
            }
            op = self._enqueue(
                session,
                state,
                kind="withdrawal",
                record_id=youth.id,
                peer=peer,
                youth_id=youth.id,
                body=body,
                rec=rec,
                outbox=outbox,
            )
        rec.covered_revision = youth.revision
        return op

    def _own_copy_key(self) -> str:
        """Our own copy of every sent message goes to the data folder's offline recovery key.

        That key's secret half exists only as the printed recovery code, so a school that loses
        its PC (and with it the keychain) can still open what it sent. Older data folders without
        a recovery recipient fall back to the organisation key.
        """
        if self._own_key is None:
            info = read_info(self.ctx.workspace.data_dir) or {}
            recipient = info.get("recovery_recipient")
            self._own_key = (
                str(recipient)
                if isinstance(recipient, str) and recipient.startswith("age1")
                else self.keys.org_age.recipient
            )
        return self._own_key

    @staticmethod
    def _brin(session: Session, state: dict[str, Any]) -> str:
        # Read once per state snapshot: the identity map holds rows weakly, so a repeated
        # get_setting() in a loop is a query per dossier.
        if "_brin" not in state:
            state["_brin"] = get_setting(session, "brin")
        return str(state["_brin"])

    def _enqueue(
        self,
        session: Session,
        state: dict[str, Any],
        *,
        kind: str,
        record_id: str,
        peer: SyncPeer,
        youth_id: str | None,
        body: dict[str, Any],
        op_id: str | None = None,
        rec: SentRecord | None = None,
        outbox: list[dict[str, Any]] | None = None,
    ) -> str:
        """Seal one message and add it to the outbox; returns its op id.

        With ``outbox`` the row is collected there instead, signed but not yet encrypted (key
        ``signed``): :class:`_Encryptor` encrypts it and :meth:`_insert_outbox` writes the whole
        chunk at once (the scan: two ORM objects per dossier cost more than sealing it).
        """
        rec = rec or self._record(session, record_id, peer.org_id, youth_id)
        base = rec.last_revision or 0
        manifest = self._peer_manifest(peer)
        keys = self.keys
        envelope = dict(
            kind=kind,
            sender_org=state["org_id"],
            sender_device=keys.device_id,
            device_key=keys.device,
            recipient_org=peer.org_id,
            recipient_age_keys=list(manifest.age_recipients),
            own_age_key=self._own_copy_key(),
            record_id=record_id,
            revision=base + 1,
            base_revision=base,
            op_id=op_id or str(uuid.uuid4()),
            body=_json_bytes(body),
        )
        row = dict(
            op_id=envelope["op_id"],
            kind=kind,
            record_id=record_id,
            revision=base + 1,
            base_revision=base,
            recipient_org=peer.org_id,
            youth_id=youth_id,
            status="pending",
        )
        if outbox is None:
            sealed = seal_envelope(**envelope)
            session.add(OutboxOp(**row, body=OutboxEnvelope(envelope=sealed.data)))
        else:
            outbox.append({**row, "signed": sign_envelope(**envelope)})
        rec.last_revision = base + 1
        rec.last_kind = kind
        return str(envelope["op_id"])

    @staticmethod
    def _insert_outbox(session: Session, outbox: list[dict[str, Any]]) -> None:
        """Write collected outbox rows with two executemany INSERTs (ids come back in order)."""
        if not outbox:
            return
        now = utcnow()
        ids = session.scalars(
            insert(OutboxOp).returning(OutboxOp.id, sort_by_parameter_order=True),
            [{k: v for k, v in row.items() if k != "envelope"} | {"created_at": now} for row in outbox],
        ).all()
        session.execute(
            insert(OutboxEnvelope),
            [{"outbox_id": i, "envelope": row["envelope"]} for i, row in zip(ids, outbox, strict=True)],
        )

    def enqueue_pending(self, on_chunk: Callable[[int], None] | None = None) -> int:
        """Catch-up scan: enqueue every dossier whose revision is not covered yet. Returns how many.

        ``on_chunk(n)`` is called after each chunk's transaction committed ``n`` new outbox rows
        (the sync pushes them while the next chunk is sealed).
        """
        with self.ctx.workspace.session() as session:
            state = self.state(session)
            if state.get("org_kind") != "school":
                return 0
            peers = list(session.scalars(select(SyncPeer).where(SyncPeer.kind == "gemeente")))
        count = 0
        for peer in peers:
            with self.ctx.workspace.session() as session:
                covered = (
                    select(SentRecord.record_id, SentRecord.covered_revision)
                    .where(SentRecord.recipient_org == peer.org_id)
                    .subquery()
                )
                ids = list(
                    session.scalars(
                        select(Youth.id)
                        .outerjoin(covered, covered.c.record_id == Youth.id)
                        .where(Youth.revision > func.coalesce(covered.c.covered_revision, 0))
                        .order_by(literal_column("youths.rowid"))
                    )
                )
            with _Encryptor(worker=len(ids) >= _WORKER_MIN_DOSSIERS) as encryptor:
                for chunk in _chunks(ids, _SCAN_CHUNK):
                    # One transaction per chunk: each dossier's outbox row and coverage commit together.
                    with self.ctx.workspace.session() as session, session.no_autoflush:
                        peer_row = session.get(SyncPeer, peer.org_id)
                        assert peer_row is not None
                        cache = _RecordCache.load(session, peer.org_id, chunk)
                        outbox: list[dict[str, Any]] = []
                        sent_off = 0
                        for view in load_youth_views(session, chunk):
                            self._plan(session, state, view, peer_row, cache, outbox)  # type: ignore[arg-type]
                            if len(outbox) - sent_off >= _ENCRYPT_GROUP:
                                encryptor.submit(outbox[sent_off:])  # encrypted while we sign the next ones
                                sent_off = len(outbox)
                        encryptor.submit(outbox[sent_off:])
                        encryptor.finish()
                        self._insert_outbox(session, outbox)
                        cache.save(session)
                        added = len(outbox)
                    count += added
                    if on_chunk is not None and added:
                        on_chunk(added)
        return count

    # --- gemeente: receipts and status --------------------------------------------------------

    def acknowledge_received(self) -> int:
        """Enqueue a signed receipt for every received dossier revision that has none yet."""
        with self.ctx.workspace.session() as session, session.no_autoflush:
            state = self._require_enrolled(session)
            if state.get("org_kind") != "gemeente":
                raise SyncUsageError("Alleen een installatie van de gemeente bevestigt ontvangst.")
            count = 0
            rows = list(
                session.scalars(
                    select(ReceivedDossier).where(
                        ReceivedDossier.receipt_op_id.is_(None), ReceivedDossier.body.is_not(None)
                    )
                )
            )
            peers = {peer.org_id: peer for peer in session.scalars(select(SyncPeer))}
            wanted = {receipt_op_id(row.sender_org, row.op_id) for row in rows}
            queued = set(session.scalars(select(OutboxOp.op_id).where(OutboxOp.op_id.in_(wanted)))) if wanted else set()
            for row in rows:
                peer = peers.get(row.sender_org)
                if peer is None:
                    continue
                op_id = receipt_op_id(row.sender_org, row.op_id)
                if op_id not in queued:
                    body = {
                        "type": "ontvangstbevestiging",
                        "version": 1,
                        "dossier_id": row.record_id,
                        "dossier_revision": row.revision,
                        "dossier_op_id": row.op_id,
                        "dossier_sha256": row.envelope_sha256,
                        "at": utc_now_iso(),
                        "signer": {"name": self.ctx.actor, "org_name": state.get("org_name")},
                    }
                    self._enqueue(
                        session,
                        state,
                        kind="receipt",
                        record_id=reply_record_id(row.sender_org, row.record_id),
                        peer=peer,
                        youth_id=None,
                        body=body,
                        op_id=op_id,
                    )
                    count += 1
                row.receipt_op_id = op_id
                audit.record(
                    session,
                    self.ctx.actor,
                    "send",
                    "received_dossier",
                    row.record_id,
                    kind="receipt",
                    recipient=row.sender_org,
                )
            return count

    def send_status(self, sender_org: str, record_id: str, status: str, detail: str = "") -> str:
        """Enqueue a status message (intake gepland, route, klantmanager) about a received dossier."""
        if status not in STATUS_MESSAGES:
            raise SyncUsageError(f"Onbekende status; kies uit: {', '.join(STATUS_MESSAGES)}.")
        with self.ctx.workspace.session() as session:
            state = self._require_enrolled(session)
            row = session.get(ReceivedDossier, (sender_org, record_id))
            peer = session.get(SyncPeer, sender_org)
            if row is None or peer is None or row.withdrawn_at is not None:
                raise SyncUsageError("Dit dossier is niet (meer) ontvangen.")
            body = {
                "type": "statusbericht",
                "version": 1,
                "dossier_id": record_id,
                "status": status,
                "detail": detail.strip(),
                "at": utc_now_iso(),
                "signer": {"name": self.ctx.actor, "org_name": state.get("org_name")},
            }
            op_id = self._enqueue(
                session,
                state,
                kind="status",
                record_id=reply_record_id(sender_org, record_id),
                peer=peer,
                youth_id=None,
                body=body,
            )
            row.last_status = status
            audit.record(session, self.ctx.actor, "send", "received_dossier", record_id, kind="status", status=status)
            return op_id

    def received(self) -> list[ReceivedDossier]:
        with self.ctx.workspace.session() as session:
            return list(session.scalars(select(ReceivedDossier).order_by(ReceivedDossier.received_at)))

    def replies(self, youth_id: str) -> list[SyncReply]:
        return self.all_replies(youth_id)

    def all_replies(self, youth_id: str | None = None) -> list[SyncReply]:
        """Receipts and status messages from Werk en Inkomen, oldest first."""
        query = select(SyncReply).order_by(SyncReply.id)
        if youth_id is not None:
            query = query.where(SyncReply.youth_id == youth_id)
        with self.ctx.workspace.session() as session:
            return list(session.scalars(query))

    def quarantine(self) -> list[Quarantined]:
        with self.ctx.workspace.session() as session:
            return list(session.scalars(select(Quarantined).order_by(Quarantined.id)))

    def peers(self) -> list[SyncPeer]:
        with self.ctx.workspace.session() as session:
            return list(session.scalars(select(SyncPeer).order_by(SyncPeer.name)))

    def export_identity(self, path: Path) -> None:
        """The organisation's age identity as a file for ``age -d -i`` (for the IT administrator)."""
        self.keys.org_age.export_identity_file(path)
        with self.ctx.workspace.session() as session:
            audit.record(session, self.ctx.actor, "export", "sync_key", None)

    # --- sync ---------------------------------------------------------------------------------

    def _client(self, state: dict[str, Any]) -> SyncClient:
        url = state["server_url"]
        if self._cached_client is None or self._cached_client[0] != url:
            self.close()
            client = self._client_factory(url)
            client.set_credentials(self.keys.device_id, self.keys.device)
            self._cached_client = (url, client)
        return self._cached_client[1]

    def sync(self, progress: Callable[[str, int, int], None] | None = None) -> SyncReport:
        """Push the outbox, pull and apply the inbox. Never raises for network trouble: see the report."""
        with exclusive_sync(self.ctx.workspace.data_dir) as mine:
            if not mine:
                report = SyncReport()
                report.errors.append(
                    "Er loopt al een synchronisatie (bijvoorbeeld vanuit de app); probeer het straks opnieuw."
                )
                return report
            return self._sync_locked(progress)

    def _sync_locked(self, progress: Callable[[str, int, int], None] | None) -> SyncReport:
        report = SyncReport()
        with self.ctx.workspace.session() as session:
            state = self._require_enrolled(session)
        client = self._client(state)
        try:
            # No separate health call: every push and inbox answer carries the server's epoch, and
            # a changed epoch is handled where it is seen (one round trip less per sync).
            if time.monotonic() - self._directory_checked > DIRECTORY_REFRESH_SECONDS:
                self._refresh_peers(client, report)
                self._directory_checked = time.monotonic()
            # The scan and the push overlap: each committed chunk of outbox rows is on the wire
            # while the next chunk is sealed. "prepare" is the scan (with the pushes it overlapped),
            # "push" what was left to send after it.
            started = time.perf_counter()
            with _Pusher(self, client, report, progress) as pusher:
                report.enqueued += self.enqueue_pending(on_chunk=pusher.added)
                report.timings["prepare"] = time.perf_counter() - started
                started = time.perf_counter()
                pusher.finish()
            report.timings["push"] = time.perf_counter() - started
            if report.rebased:
                # Streams were rebased onto the server's revision: send the current state on top.
                report.enqueued += self.enqueue_pending()
                self._push(client, report, progress)
            started = time.perf_counter()
            self._pull(client, report, progress)
            report.timings["pull"] = time.perf_counter() - started
            if report.epoch_changed:
                self._push(client, report, progress)  # what the restored server had lost
        except SyncError as exc:
            report.errors.append(str(exc))
            report.offline = exc.kind == "offline"
            self.close()  # start afresh next time (new connection, new login)
        except (ManifestError, EnvelopeError, KeyMaterialError) as exc:
            report.errors.append(str(exc))
        finally:
            with self.ctx.workspace.session() as session:
                report.pending = (
                    session.scalar(select(func.count()).select_from(OutboxOp).where(OutboxOp.status == "pending")) or 0
                )
                self._set_state(
                    session,
                    last_sync=utc_now_iso(),
                    last_error="; ".join(report.problems()) or None,
                    last_offline=report.offline,
                )
        return report

    def _recover_epoch(self, client: SyncClient, epoch: str, report: SyncReport) -> None:
        """The server was restored from a backup: re-send what it lost, re-read the inbox from 0."""
        with self.ctx.workspace.session() as session:
            acked = list(
                session.scalars(select(OutboxOp.op_id).where(OutboxOp.status == "acked").order_by(OutboxOp.id))
            )
        missing: list[str] = []
        for chunk in _chunks(acked, p.MAX_KNOWN_QUERY):
            known = client.known(chunk).known
            missing += [op_id for op_id in chunk if op_id not in known]
        with self.ctx.workspace.session() as session:
            for chunk in _chunks(missing, 500):
                session.execute(
                    update(OutboxOp).where(OutboxOp.op_id.in_(chunk)).values(status="pending", seq=None, acked_at=None)
                )
            self._set_state(session, epoch=epoch, inbox_cursor=0)
        report.epoch_changed = True
        report.resent_after_epoch_change += len(missing)

    def _push(self, client: SyncClient, report: SyncReport, progress: Callable[[str, int, int], None] | None) -> None:
        with _Pusher(self, client, report, progress) as pusher:
            pusher.finish()

    def _next_batch(self, after_id: int) -> tuple[list[Any], bytes, bool]:
        """The next pending rows after ``after_id`` that fit in one push, their request body, and
        whether the batch is full (more would not fit), so a partial one can wait for more rows."""
        with self.ctx.workspace.session() as session:
            rows = session.execute(
                select(
                    OutboxOp.id,
                    OutboxOp.op_id,
                    OutboxOp.kind,
                    OutboxOp.record_id,
                    OutboxOp.revision,
                    OutboxOp.base_revision,
                    OutboxOp.recipient_org,
                    OutboxOp.youth_id,
                    OutboxEnvelope.envelope,
                )
                .join(OutboxEnvelope, OutboxEnvelope.outbox_id == OutboxOp.id)
                .where(OutboxOp.status == "pending", OutboxOp.id > after_id)
                .order_by(OutboxOp.id)
                .limit(p.MAX_BATCH_OPS)
            ).all()
        batch: list[Any] = []
        items: list[p.OpItem] = []
        size = 0
        full = len(rows) == p.MAX_BATCH_OPS
        for row in rows:
            item = p.OpItem.model_construct(
                op_id=row.op_id,
                record_id=row.record_id,
                revision=row.revision,
                base_revision=row.base_revision,
                kind=row.kind,
                recipient_org=row.recipient_org,
                envelope=p.b64encode(row.envelope),
            )
            item_size = len(item.envelope) + 300
            if items and size + item_size > _BATCH_BYTES:
                full = True
                break
            batch.append(row)
            items.append(item)
            size += item_size
        if not batch:
            return [], b"", False
        return batch, p.PushRequest.model_construct(ops=items).model_dump_json().encode("utf-8"), full

    def _record_results(self, batch: list[Any], response: p.PushResponse, report: SyncReport) -> None:
        """Apply the server's answer to the outbox in one transaction (bulk updates: no blobs reloaded)."""
        results = {r.op_id: r for r in response.results}
        with self._applying() as session, session.no_autoflush:
            acked_youths: list[tuple[str, Any]] = []
            updates: list[dict[str, Any]] = []
            now = utcnow()
            for row in batch:
                result = results.get(row.op_id)
                if result is None:
                    continue  # no answer for it: stays pending and is sent again
                if result.status in ("stored", "duplicate") or (
                    result.status == "conflict" and result.reason == "op_id_reused" and row.kind == "receipt"
                ):
                    updates.append({"id": row.id, "status": "acked", "seq": result.seq, "acked_at": now, "error": None})
                    if result.status == "duplicate":
                        report.duplicates += 1
                    else:
                        report.stored += 1
                    if row.kind in ("dossier", "withdrawal") and row.youth_id:
                        acked_youths.append((row.youth_id, row))
                elif result.status == "conflict" and result.reason in ("stale_base", "revision_exists"):
                    op = session.get(OutboxOp, row.id)
                    if op is not None:
                        self._rebase(session, op, result)
                    report.rebased += 1
                elif result.status == "conflict":
                    updates.append({"id": row.id, "status": "conflict", "error": result.reason})
                    report.conflicts.append(row.op_id)
                else:
                    updates.append({"id": row.id, "status": "rejected", "error": result.reason})
                    report.rejected.append(row.op_id)
            for group in _group_by_keys(updates):
                _update_by_key(session, OutboxOp, group)
            self._mark_sent(session, acked_youths)

    def _rebase(self, session: Session, op: OutboxOp, result: p.OpResult) -> None:
        """The server has a newer revision of this stream (e.g. this PC was restored from a backup).

        Drop this op and the unsent ones after it, continue the stream from the server's revision,
        and let the next scan enqueue the dossier's current state on top of it.
        """
        later = session.scalars(
            select(OutboxOp).where(
                OutboxOp.record_id == op.record_id,
                OutboxOp.recipient_org == op.recipient_org,
                OutboxOp.status == "pending",
                OutboxOp.id >= op.id,
            )
        )
        for stale in [op, *later]:
            stale.status, stale.error = "conflict", (result.reason or "conflict")[:200]
        rec = session.get(SentRecord, (op.record_id, op.recipient_org))
        if rec is not None and result.server_revision is not None:
            rec.last_revision = result.server_revision
            rec.covered_revision = 0

    def _mark_sent(self, session: Session, acked: list[tuple[str, Any]]) -> None:
        """Audit 'send' and move klaar/besproken → verstuurd for a whole batch at once.

        Bulk statements on purpose: loading each Youth as an ORM object drags its nine
        relationships through the flush, which made a 10,000-dossier first sync crawl.
        """
        if not acked:
            return
        ids = list(dict.fromkeys(a[0] for a in acked))
        current = {
            r.id: (r.status, r.revision)
            for r in session.execute(select(Youth.id, Youth.status, Youth.revision).where(Youth.id.in_(ids)))
        }
        now = utcnow()
        youth_updates: list[dict[str, Any]] = []
        bumped: dict[str, tuple[int, int]] = {}
        for youth_id, op in acked:
            if youth_id not in current:
                continue
            status, revision = current[youth_id]
            detail: dict[str, Any] = {
                "op_id": op.op_id,
                "kind": op.kind,
                "recipient": op.recipient_org,
                "revision": op.revision,
            }
            if op.kind == "dossier" and status in ("klaar", "besproken") and youth_id not in bumped:
                rules.check_transition(status, "verstuurd", by_sync=True)
                youth_updates.append(
                    {
                        "id": youth_id,
                        "status": "verstuurd",
                        "status_changed_at": now,
                        "revision": revision + 1,
                        "updated_at": now,
                    }
                )
                bumped[youth_id] = (revision, revision + 1)
                # One event records both facts: sent, and the status change it caused.
                detail.update(old=status, new="verstuurd", by_sync=True)
            audit.record(session, self.ctx.actor, "send", "youth", youth_id, **detail)
        if youth_updates:
            _update_by_key(session, Youth, youth_updates)
            # A status set by the sync is not news for the recipient: keep it from being sent again.
            rec_updates = [
                {"record_id": r.record_id, "recipient_org": r.recipient_org, "covered_revision": bumped[r.youth_id][1]}
                for r in session.execute(
                    select(
                        SentRecord.record_id, SentRecord.recipient_org, SentRecord.youth_id, SentRecord.covered_revision
                    ).where(SentRecord.youth_id.in_(list(bumped)))
                )
                if r.covered_revision == bumped[r.youth_id][0]
            ]
            if rec_updates:
                _update_by_key(session, SentRecord, rec_updates)

    def _set_status(self, session: Session, youth: Youth, new: str) -> None:
        """Status change by the sync path (``by_sync``): the only way to 'verstuurd'/'ontvangen'."""
        rules.check_transition(youth.status, new, by_sync=True)
        old, old_revision = youth.status, youth.revision
        youth.status = new
        youth.status_changed_at = utcnow()
        youth.revision = old_revision + 1
        youth.updated_at = utcnow()
        audit.record(
            session, self.ctx.actor, "status", "youth", youth.id, youth=youth.id, old=old, new=new, by_sync=True
        )
        # A status set by the sync is not news for the recipient: keep it from being sent again.
        for rec in session.scalars(select(SentRecord).where(SentRecord.youth_id == youth.id)):
            if rec.covered_revision == old_revision:
                rec.covered_revision = youth.revision

    @contextmanager
    def _applying(self) -> Iterator[Session]:
        with self.ctx.workspace.session() as session:
            session.info[_APPLYING] = True
            try:
                yield session
            finally:
                session.info.pop(_APPLYING, None)

    # --- pull and apply -----------------------------------------------------------------------

    def _pull(self, client: SyncClient, report: SyncReport, progress: Callable[[str, int, int], None] | None) -> None:
        refreshed = False
        while True:
            with self.ctx.workspace.session() as session:
                state = self.state(session)
                known_peers = set(session.scalars(select(SyncPeer.org_id)))
            page = client.inbox(int(state.get("inbox_cursor", 0)), 100)
            if page.epoch != state.get("epoch"):
                self._recover_epoch(client, page.epoch, report)
                continue
            if not page.messages:
                return
            if not refreshed and any(m.sender_org not in known_peers for m in page.messages):
                self._refresh_peers(client, report)  # a new school: pin its keys before applying
                refreshed = True
            with self._applying() as session, session.no_autoflush:
                state = self.state(session)
                known = _Page.load(session, page.messages)
                for msg in page.messages:
                    report.pulled += 1
                    self._apply(session, state, msg, report, known)
                self._set_state(session, inbox_cursor=page.messages[-1].seq)
            if progress is not None:
                progress("ontvangen", page.messages[-1].seq, page.head)
            if not page.has_more:
                return

    def _apply(
        self, session: Session, state: dict[str, Any], msg: p.InboxMessage, report: SyncReport, page: _Page
    ) -> None:
        data = p.b64decode(msg.envelope)
        digest = hashlib.sha256(data).hexdigest()
        stream = (msg.sender_org, msg.record_id)
        done = page.applied.get((msg.sender_org, msg.op_id))
        if done is not None:
            if done != digest:
                self._quarantine(
                    session, msg, data, digest, "replay", "Herhaald bericht met andere inhoud.", report, page
                )
            return  # the same message again (e.g. re-read after a server restore): already applied
        try:
            peer = page.peers.get(msg.sender_org)
            if peer is None:
                raise _Reject("unknown_sender", "Dit bericht komt van een onbekende organisatie.")
            try:
                manifest = self._peer_manifest(peer)
            except ManifestError as exc:
                raise _Reject("unknown_sender", str(exc)) from None
            last = page.revisions.get(stream)
            opened = open_envelope(
                data,
                identity=self.keys.org_age,
                my_org=state["org_id"],
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
                last_revision=last,
            )
            if opened.header.recipient_org != state["org_id"]:
                raise _Reject("wrong_recipient", "Dit bericht is niet aan ons gericht.")
            try:
                body = json.loads(opened.body)
            except ValueError:
                raise _Reject("malformed", "Dit bericht is onleesbaar.") from None
            if not isinstance(body, dict):
                raise _Reject("malformed", "Dit bericht is onleesbaar.")
            role = state.get("org_kind")
            if role == "gemeente" and msg.kind == "dossier":
                self._apply_dossier(session, peer, msg, body, digest, opened.header.created_at, page)
            elif role == "gemeente" and msg.kind == "withdrawal":
                self._apply_withdrawal(session, peer, msg, body, digest, page)
            elif role == "school" and msg.kind in ("receipt", "status"):
                self._apply_reply(session, state, peer, msg, body, report)
            else:
                raise _Reject("unexpected", "Dit soort bericht hoort niet bij deze installatie.")
        except EnvelopeError as exc:
            self._quarantine(session, msg, data, digest, exc.code, str(exc), report, page)
            return
        except _Reject as exc:
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

    def _quarantine(
        self,
        session: Session,
        msg: p.InboxMessage,
        data: bytes,
        digest: str,
        code: str,
        message: str,
        report: SyncReport,
        page: _Page,
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
        if not seen:
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
                session,
                self.ctx.actor,
                "receive",
                "quarantine",
                None,
                reason=code,
                op_id=msg.op_id,
                sender=msg.sender_org,
            )
            report.quarantined += 1

    @staticmethod
    def _received_row(session: Session, page: _Page, sender_org: str, record_id: str) -> ReceivedDossier | None:
        key = (sender_org, record_id)
        if key not in page.received:
            row = session.get(ReceivedDossier, key)
            if row is None:
                return None
            page.received[key] = row
        return page.received[key]

    def _apply_dossier(
        self,
        session: Session,
        peer: SyncPeer,
        msg: p.InboxMessage,
        body: dict[str, Any],
        digest: str,
        sent_at: str,
        page: _Page,
    ) -> None:
        dossier = body.get("dossier")
        if body.get("type") != "overstapdossier" or not isinstance(dossier, dict) or dossier.get("id") != msg.record_id:
            raise _Reject("malformed", "Dit dossier is onleesbaar.")
        row = self._received_row(session, page, peer.org_id, msg.record_id)
        if row is None:
            row = ReceivedDossier(sender_org=peer.org_id, record_id=msg.record_id)
            session.add(row)
            page.received[(peer.org_id, msg.record_id)] = row
        school: dict[str, Any] = body["school"] if isinstance(body.get("school"), dict) else {}
        row.school_name = str(school.get("name") or peer.name)
        row.revision, row.op_id, row.envelope_sha256 = msg.revision, msg.op_id, digest
        row.signer_device, row.sent_at, row.received_at = msg.sender_device, sent_at, utcnow()
        row.body, row.withdrawn_at, row.receipt_op_id = body, None, None
        audit.record(
            session,
            self.ctx.actor,
            "receive",
            "received_dossier",
            msg.record_id,
            sender=peer.org_id,
            revision=msg.revision,
        )

    def _apply_withdrawal(
        self, session: Session, peer: SyncPeer, msg: p.InboxMessage, body: dict[str, Any], digest: str, page: _Page
    ) -> None:
        if body.get("type") != "intrekking" or body.get("dossier_id") != msg.record_id:
            raise _Reject("malformed", "Deze intrekking is onleesbaar.")
        row = self._received_row(session, page, peer.org_id, msg.record_id)
        if row is None:
            return
        # Consent was withdrawn: the content must go; what stays is that it was received and withdrawn.
        row.body = None
        row.withdrawn_at = utcnow()
        row.revision, row.op_id, row.envelope_sha256 = msg.revision, msg.op_id, digest
        audit.record(
            session,
            self.ctx.actor,
            "erase",
            "received_dossier",
            msg.record_id,
            sender=peer.org_id,
            reason="toestemming ingetrokken",
        )

    def _apply_reply(
        self,
        session: Session,
        state: dict[str, Any],
        peer: SyncPeer,
        msg: p.InboxMessage,
        body: dict[str, Any],
        report: SyncReport,
    ) -> None:
        youth_id = body.get("dossier_id")
        expected_type = "ontvangstbevestiging" if msg.kind == "receipt" else "statusbericht"
        if body.get("type") != expected_type or not isinstance(youth_id, str):
            raise _Reject("malformed", "Dit bericht is onleesbaar.")
        if msg.record_id != reply_record_id(state["org_id"], youth_id):
            raise _Reject("malformed", "Dit bericht hoort niet bij het genoemde dossier.")
        rec = session.get(SentRecord, (youth_id, peer.org_id))
        if rec is None:
            raise _Reject("wrong_recipient", "Dit bericht gaat over een dossier dat niet naar deze gemeente ging.")
        signer: dict[str, Any] = body["signer"] if isinstance(body.get("signer"), dict) else {}
        status = body.get("status") if msg.kind == "status" else "ontvangen"
        session.add(
            SyncReply(
                youth_id=youth_id,
                sender_org=peer.org_id,
                kind=msg.kind,
                op_id=msg.op_id,
                status=str(status) if status else None,
                detail=str(body.get("detail") or "") or None,
                signer_name=str(signer.get("name") or "onbekend")[:200],
                signer_device=msg.sender_device,
                at=str(body.get("at") or ""),
                body=body,
            )
        )
        audit.record(session, self.ctx.actor, "receive", "youth", youth_id, kind=msg.kind, sender=peer.org_id)
        report.replies.append(
            (
                youth_id,
                msg.kind,
                str(status) if status else None,
                str(body.get("detail") or ""),
                str(signer.get("name") or "onbekend"),
                str(body.get("at") or ""),
            )
        )
        youth = session.get(Youth, youth_id)
        if (
            msg.kind == "receipt"
            and youth is not None
            and body.get("dossier_revision") == rec.last_revision
            and rec.last_kind == "dossier"
        ):
            if youth.status in ("klaar", "besproken"):
                self._set_status(session, youth, "verstuurd")  # the ack of our push was lost
            if youth.status == "verstuurd":
                self._set_status(session, youth, "ontvangen")

    # --- overview for the GUI and the CLI -----------------------------------------------------

    def overview(self) -> SyncOverview:
        with self.ctx.workspace.session() as session:
            state = self.state(session)
            pending = (
                session.scalar(select(func.count()).select_from(OutboxOp).where(OutboxOp.status == "pending")) or 0
            )
            quarantined = session.scalar(select(func.count()).select_from(Quarantined)) or 0
        enrolled = "org_id" in state
        error = state.get("last_error")
        if not enrolled:
            label = "Niet ingeschreven"
        elif state.get("last_offline"):
            label = "Wacht op verbinding"
        elif error:
            label = f"Fout: {error}"
        elif pending:
            label = "Bezig met versturen"
        else:
            label = "Alles verstuurd"
        return SyncOverview(enrolled, pending, quarantined, state.get("last_sync"), error, label)


class _RecordCache:
    """The scan's stream states of one chunk as plain objects, written back with two executemany
    statements in the chunk's transaction (a SentRecord ORM object per dossier, and its flush,
    cost more than the rest of the bookkeeping together)."""

    _FIELDS = ("record_id", "recipient_org", "youth_id", "last_revision", "last_kind", "covered_revision")

    def __init__(self, org_id: str, rows: dict[str, SimpleNamespace]) -> None:
        self._org_id = org_id
        self._rows = rows
        self._loaded = {key: self._values(rec) for key, rec in rows.items()}

    @classmethod
    def load(cls, session: Session, org_id: str, record_ids: list[str]) -> _RecordCache:
        table = SentRecord.__table__
        result = session.execute(
            select(*(table.c[f] for f in cls._FIELDS)).where(
                table.c.recipient_org == org_id, table.c.record_id.in_(record_ids)
            )
        )
        return cls(org_id, {row.record_id: SimpleNamespace(**row._asdict()) for row in result})

    def _values(self, rec: SimpleNamespace) -> tuple[Any, ...]:
        return tuple(getattr(rec, f) for f in self._FIELDS)

    def get(self, record_id: str, youth_id: str | None) -> SimpleNamespace:
        rec = self._rows.get(record_id)
        if rec is None:
            rec = SimpleNamespace(
                record_id=record_id,
                recipient_org=self._org_id,
                youth_id=youth_id,
                last_revision=0,
                last_kind=None,
                covered_revision=0,
            )
            self._rows[record_id] = rec
        return rec

    def save(self, session: Session) -> None:
        new = [vars(rec) for key, rec in self._rows.items() if key not in self._loaded]
        changed = [
            vars(rec)
            for key, rec in self._rows.items()
            if key in self._loaded and self._values(rec) != self._loaded[key]
        ]
        if new:
            session.execute(insert(SentRecord), new)
        _update_by_key(session, SentRecord, changed)
        self._loaded = {key: self._values(rec) for key, rec in self._rows.items()}


class _Encryptor:
    """Encrypts the scan's signed plaintexts: on one worker process for a large scan, else inline.

    pyrage holds the GIL, so a thread would not help; a worker process encrypts group n while this
    process signs group n+1. Signing stays here: the device key never leaves this process, the
    worker only gets plaintexts and public age keys. If a worker cannot be started or dies, the
    rest is encrypted inline (same bytes, only slower). Rows get their ``envelope`` in
    :meth:`finish`, inside the chunk's transaction, so nothing is written before it is sealed.
    """

    def __init__(self, *, worker: bool) -> None:
        self._pool: ProcessPoolExecutor | None = None
        if worker:
            try:
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
            except (OSError, ValueError, NotImplementedError) as exc:
                log.warning("versleutelen zonder hulpproces: %s", type(exc).__name__)
        self._broken = False
        self._started = False  # has the worker answered yet?
        self._groups: list[tuple[list[dict[str, Any]], Future[list[bytes]] | None]] = []

    def __enter__(self) -> _Encryptor:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def submit(self, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        future: Future[list[bytes]] | None = None
        if self._pool is not None and not self._broken:
            signed: list[SignedPlaintext] = [r["signed"] for r in rows]
            try:
                future = self._pool.submit(encrypt_plaintexts, [s.plain for s in signed], signed[0].age_keys)
            except (BrokenProcessPool, RuntimeError):
                self._broken = True
        self._groups.append((rows, future))

    def finish(self) -> None:
        """Wait for every submitted group and give each row its envelope bytes.

        While the worker is still starting (~0.3-0.8 s), the chunk does not wait for it: its
        groups are encrypted here and the worker's answers for them are dropped.
        """
        for rows, future in self._groups:
            signed: list[SignedPlaintext] = [r.pop("signed") for r in rows]
            datas: list[bytes] | None = None
            if future is not None and not self._started and not future.done():
                future.cancel()
            elif future is not None and all(s.age_keys == signed[0].age_keys for s in signed):
                try:
                    datas = future.result()
                    self._started = True
                except Exception as exc:  # noqa: BLE001 - the worker only encrypts: redo it here
                    log.warning("hulpproces voor versleutelen mislukt (%s); verder zonder", type(exc).__name__)
                    datas = None
                    self._broken = True
            for i, s in enumerate(signed):
                data = datas[i] if datas is not None else encrypt_plaintexts([s.plain], s.age_keys)[0]
                rows[i]["envelope"] = finish_envelope(s, data).data
        self._groups.clear()


class _Pusher:
    """Pushes the outbox in batches, with the HTTP round trips on one background thread.

    While the server stores batch n, the caller goes on sealing dossiers (the catch-up scan calls
    :meth:`added` after each committed chunk). Reading the outbox and recording the answers stay on
    the caller's thread, so the local database still has one writer. Only committed rows are read,
    and a row is marked acked only after the server's answer was recorded: after a crash anywhere
    the rest is still pending, and goes again with the same bytes (the server answers duplicate).
    """

    def __init__(
        self,
        service: SyncService,
        client: SyncClient,
        report: SyncReport,
        progress: Callable[[str, int, int], None] | None,
    ) -> None:
        self._service = service
        self._client = client
        self._report = report
        self._progress = progress
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="overstap-push")
        self._in_flight: deque[tuple[list[Any], Future[p.PushResponse]]] = deque()
        self._last_id = 0
        self._done = 0
        self._error: SyncError | None = None
        with service.ctx.workspace.session() as session:
            self._total = (
                session.scalar(select(func.count()).select_from(OutboxOp).where(OutboxOp.status == "pending")) or 0
            )

    def __enter__(self) -> _Pusher:
        return self

    def __exit__(self, *exc: object) -> None:
        # After an error the requests still on the wire finish first; their rows stay pending.
        self._executor.shutdown(wait=True, cancel_futures=True)

    def added(self, count: int) -> None:
        """``count`` new rows were committed: send every full batch that is ready now.

        A push that fails (offline, server trouble) stops the sending, not the scan: every dossier
        is still sealed into the outbox, and :meth:`finish` raises the error.
        """
        self._total += count
        if self._error is not None:
            return
        try:
            self._send(final=False)
        except SyncError as exc:
            self._error = exc

    def finish(self) -> None:
        """Send everything that is pending and record every answer."""
        if self._error is not None:
            raise self._error
        while True:
            self._send(final=True)
            if not self._in_flight:
                return
            self._collect()

    def _send(self, *, final: bool) -> None:
        while True:
            batch, body, full = self._service._next_batch(self._last_id)
            if not batch or not (full or final):
                return
            while len(self._in_flight) >= _MAX_IN_FLIGHT:
                self._collect()
            self._in_flight.append((batch, self._executor.submit(self._client.push_raw, body)))
            self._last_id = batch[-1].id

    def _collect(self) -> None:
        """Wait for the oldest batch on the wire and record its answer, together with the answers
        that are already in for the batches behind it (one transaction and commit for all)."""
        batch, future = self._in_flight.popleft()
        response = future.result()
        while self._in_flight and self._in_flight[0][1].done() and self._in_flight[0][1].exception() is None:
            more = self._in_flight[0][1].result()
            if more.epoch != response.epoch:
                break
            batch = [*batch, *self._in_flight.popleft()[0]]
            response = p.PushResponse.model_construct(epoch=response.epoch, results=[*response.results, *more.results])
        self._record(batch, response)
        if response.epoch != self._service.state_value("epoch"):
            # The answers are valid in the new epoch (also those still on the wire); then what the
            # restored server lost goes again.
            while self._in_flight:
                batch, future = self._in_flight.popleft()
                self._record(batch, future.result())
            self._service._recover_epoch(self._client, response.epoch, self._report)
            self._last_id = 0

    def _record(self, batch: list[Any], response: p.PushResponse) -> None:
        self._service._record_results(batch, response, self._report)
        self._done += len(batch)
        if self._progress is not None:
            self._progress("versturen", self._done, max(self._total, self._done))


def _parse_stored_manifest(peer: SyncPeer) -> OrgManifest:
    # Re-verified on load: a manifest edited in the local database is not trusted either.
    return verify_manifest(
        SignedManifest(peer.root_public_key, peer.manifest, peer.manifest_signature),
        expected_org_id=peer.org_id,
        pinned_root=peer.root_public_key,
    )


def status_label(status: str) -> str:
    return HANDOVER_STATUS.label_of(status) or status


def fingerprint_of(peer: SyncPeer) -> str:
    return fingerprint(peer.root_public_key)
