"""Server storage: organisations, enrollment, login, directory, push and pull over the schema in
:mod:`handover.server.schema` (SQLite file by default, PostgreSQL by URL).

Secrets the server hands out are stored as hashes only (see the schema module); how a push batch
takes its inbox sequence numbers is explained in :mod:`handover.server.push`.
"""

from __future__ import annotations

import logging
import secrets
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, inspect, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from handover import wire
from handover.crypto.keys import device_id_for, fingerprint, verify_signature
from handover.crypto.manifest import ManifestError, SignedManifest, verify_manifest
from handover.server.devices import REVOKED, DeviceRegistry
from handover.server.push import push_batch
from handover.server.schema import (
    SCHEMA_VERSION,
    Caller,
    OrgInfo,
    StoreError,
    devices,
    enrollment_codes,
    inbox_heads,
    make_engine,
    metadata,
    new_enrollment_code,
    nonces,
    normalise_code,
    ops,
    orgs,
    server_meta,
    sha256_hex,
    tokens,
)

log = logging.getLogger("handover.server")

# Live login challenges kept at most: per device (a client asks again after a failure; older ones
# go) and in all (challenges for made-up device ids from many addresses cannot fill the table).
MAX_NONCES_PER_DEVICE = 4
MAX_LIVE_NONCES = 10_000


class ServerStore:
    def __init__(
        self,
        db_url: str,
        *,
        token_ttl: int = 900,
        nonce_ttl: int = 120,
        code_ttl_days: int = 14,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.engine = make_engine(db_url)
        # Devices, join codes (their 24 hours on ``clock``), revoking, per-device acknowledgements.
        self.registry = DeviceRegistry(self.engine, self.epoch, clock)
        self.token_ttl = token_ttl
        self.nonce_ttl = nonce_ttl
        self.code_ttl = code_ttl_days * 86400
        self._epoch: str | None = None
        self.max_nonces_per_device = MAX_NONCES_PER_DEVICE
        self.max_live_nonces = MAX_LIVE_NONCES

    # --- lifecycle ----------------------------------------------------------------------------

    def init(self) -> str:
        """Create the tables (idempotent) and the epoch on first run; return the epoch."""
        metadata.create_all(self.engine)
        with self.engine.begin() as conn:
            version = conn.scalar(select(server_meta.c.value).where(server_meta.c.key == "schema_version"))
            if version is None:
                conn.execute(
                    server_meta.insert(),
                    [
                        {"key": "schema_version", "value": str(SCHEMA_VERSION)},
                        {"key": "epoch", "value": uuid.uuid4().hex},
                    ],
                )
            elif int(version) > SCHEMA_VERSION:
                raise StoreError(500, "De database is van een nieuwere serverversie.")
        return self.epoch(refresh=True)

    def add_missing_tables(self) -> None:
        metadata.create_all(self.engine)

    def is_initialised(self) -> bool:
        return inspect(self.engine).has_table("server_meta")

    def epoch(self, *, refresh: bool = False) -> str:
        if self._epoch is None or refresh:
            with self.engine.connect() as conn:
                value = conn.scalar(select(server_meta.c.value).where(server_meta.c.key == "epoch"))
            if value is None:
                raise StoreError(500, "De server is nog niet ingericht (handover-server init).")
            self._epoch = value
        return self._epoch

    def new_epoch(self) -> str:
        """After restoring a backup: tell every client the history may have gone back in time."""
        value = uuid.uuid4().hex
        with self.engine.begin() as conn:
            conn.execute(update(server_meta).where(server_meta.c.key == "epoch").values(value=value))
        self._epoch = value
        return value

    def dispose(self) -> None:
        self.engine.dispose()

    # --- organisations (admin CLI) -----------------------------------------------------------

    def add_org(self, name: str, kind: str) -> tuple[str, str]:
        if kind not in ("school", "gemeente"):
            raise StoreError(400, "Soort moet 'school' of 'gemeente' zijn.")
        org_id = str(uuid.uuid4())
        now = time.time()
        with self.engine.begin() as conn:
            conn.execute(orgs.insert().values(org_id=org_id, name=name, kind=kind, status="pending", created_at=now))
            conn.execute(inbox_heads.insert().values(org_id=org_id, head=0))
        return org_id, self.new_code(org_id)

    def new_code(self, org_id: str) -> str:
        """A new enrollment code for an organisation not enrolled yet; every older code stops working.

        An active organisation gets no code: its keys are registered, and a code would let whoever
        holds it enroll a second key set in its name.
        """
        code = new_enrollment_code()
        with self.engine.begin() as conn:
            status = conn.scalar(select(orgs.c.status).where(orgs.c.org_id == org_id))
            if status in (None, "revoked"):
                raise StoreError(404, "Onbekende of ingetrokken organisatie.")
            if status == "active":
                raise StoreError(
                    409,
                    "Deze organisatie is al ingeschreven; er komt geen nieuwe inschrijfcode.",
                )
            conn.execute(
                update(enrollment_codes)
                .where(enrollment_codes.c.org_id == org_id, enrollment_codes.c.used_at.is_(None))
                .values(used_at=time.time())
            )
            conn.execute(
                enrollment_codes.insert().values(
                    code_hash=sha256_hex(normalise_code(code)), org_id=org_id, expires_at=time.time() + self.code_ttl
                )
            )
        return code

    def list_orgs(self) -> list[OrgInfo]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(orgs).order_by(orgs.c.created_at)).all()
        return [
            OrgInfo(
                r.org_id,
                r.name,
                r.kind,
                r.status,
                r.created_at,
                fingerprint(r.root_public_key) if r.root_public_key else None,
            )
            for r in rows
        ]

    def revoke_org(self, org_id: str) -> bool:
        with self.engine.begin() as conn:
            done = conn.execute(update(orgs).where(orgs.c.org_id == org_id).values(status="revoked")).rowcount
            conn.execute(tokens.delete().where(tokens.c.org_id == org_id))
            conn.execute(update(devices).where(devices.c.org_id == org_id).values(revoked=1))
        return bool(done)

    # --- enrollment ---------------------------------------------------------------------------

    def _code_org(self, conn: Connection, code: str) -> Any:
        row = conn.execute(
            select(enrollment_codes, orgs.c.name, orgs.c.kind, orgs.c.status)
            .join(orgs, orgs.c.org_id == enrollment_codes.c.org_id)
            .where(enrollment_codes.c.code_hash == sha256_hex(normalise_code(code)))
        ).first()
        if row is None or row.used_at is not None or row.expires_at < time.time() or row.status == "revoked":
            raise StoreError(403, "Deze inschrijfcode is onbekend, al gebruikt of verlopen.")
        return row

    def check_code(self, code: str) -> wire.EnrollCheckResponse:
        with self.engine.connect() as conn:
            row = self._code_org(conn, code)
            peers = self._directory(conn, row.kind)
        return wire.EnrollCheckResponse(org_id=row.org_id, org_name=row.name, kind=row.kind, peers=peers)

    def enroll(self, req: wire.EnrollRequest) -> wire.EnrollResponse:
        device_pub = wire.b64decode(req.device_public_key)
        root_pub = wire.b64decode(req.root_public_key)
        if len(device_pub) != 32 or len(root_pub) != 32 or req.device_id != device_id_for(device_pub):
            raise StoreError(400, "Ongeldige apparaatsleutel.")
        with self.engine.begin() as conn:
            row = self._code_org(conn, req.code)
            signed = SignedManifest(root_pub, wire.b64decode(req.manifest), wire.b64decode(req.manifest_signature))
            try:
                manifest = verify_manifest(signed, expected_org_id=row.org_id, pinned_root=None)
            except ManifestError as exc:
                raise StoreError(400, "De sleutellijst is ongeldig.") from exc
            if manifest.device_key(req.device_id) != device_pub:
                raise StoreError(400, "Het apparaat staat niet in de sleutellijst.")
            if row.status == "active":
                # One enrolled key set per organisation; more devices need a manifest signed by
                # the root key that is already registered (not supported by this version).
                raise StoreError(409, "Deze organisatie is al ingeschreven.")
            used = conn.execute(
                update(enrollment_codes)
                .where(enrollment_codes.c.code_hash == row.code_hash, enrollment_codes.c.used_at.is_(None))
                .values(used_at=time.time())
            ).rowcount
            if used != 1:
                raise StoreError(403, "Deze inschrijfcode is onbekend, al gebruikt of verlopen.")
            conn.execute(
                update(orgs)
                .where(orgs.c.org_id == row.org_id)
                .values(
                    status="active",
                    root_public_key=root_pub,
                    manifest=signed.manifest_bytes,
                    manifest_signature=signed.signature,
                )
            )
            conn.execute(
                devices.insert().values(
                    device_id=req.device_id, org_id=row.org_id, public_key=device_pub, created_at=time.time(), revoked=0
                )
            )
        log.info("organisatie %s ingeschreven met apparaat %s", row.org_id, req.device_id)
        return wire.EnrollResponse(
            org_id=row.org_id, org_name=row.name, kind=row.kind, device_id=req.device_id, epoch=self.epoch()
        )

    # --- authentication -----------------------------------------------------------------------

    def new_nonce(self, device_id: str) -> str:
        nonce = secrets.token_urlsafe(32)
        now = time.time()
        with self.engine.begin() as conn:
            conn.execute(nonces.delete().where(nonces.c.expires_at < now))
            mine = conn.execute(
                select(nonces.c.nonce_hash).where(nonces.c.device_id == device_id).order_by(nonces.c.expires_at.desc())
            ).scalars()
            stale = list(mine)[self.max_nonces_per_device - 1 :]
            if stale:
                conn.execute(nonces.delete().where(nonces.c.nonce_hash.in_(stale)))
            live = conn.execute(select(func.count()).select_from(nonces)).scalar_one()
            if live >= self.max_live_nonces:
                raise StoreError(429, "Te veel aanmeldingen tegelijk; probeer het zo opnieuw.")
            # Unknown devices get a nonce too, so this route does not reveal which devices exist.
            conn.execute(
                nonces.insert().values(
                    nonce_hash=sha256_hex(nonce), device_id=device_id, expires_at=now + self.nonce_ttl
                )
            )
        return nonce

    def issue_token(self, device_id: str, nonce: str, signature: bytes) -> tuple[str, str]:
        now = time.time()
        with self.engine.begin() as conn:
            # Single use: the nonce is deleted whatever the outcome.
            consumed = conn.execute(
                nonces.delete().where(
                    nonces.c.nonce_hash == sha256_hex(nonce),
                    nonces.c.device_id == device_id,
                    nonces.c.expires_at >= now,
                )
            ).rowcount
            device = conn.execute(
                select(devices.c.public_key, devices.c.org_id, devices.c.revoked, orgs.c.status)
                .join(orgs, orgs.c.org_id == devices.c.org_id)
                .where(devices.c.device_id == device_id)
            ).first()
            ok = (
                consumed == 1
                and device is not None
                and not device.revoked
                and device.status == "active"
                and verify_signature(device.public_key, signature, wire.auth_signed_bytes(device_id, nonce))
            )
            if (
                not ok
                and device is not None
                and device.revoked
                and device.status == "active"
                and consumed == 1
                and verify_signature(device.public_key, signature, wire.auth_signed_bytes(device_id, nonce))
            ):
                # Only the device itself (its signature checked) learns that it was revoked.
                raise StoreError(403, REVOKED)
            if not ok or device is None:
                raise StoreError(401, "Aanmelden is mislukt.")
            self.registry.seen(conn, device_id, device.org_id)
            token = secrets.token_urlsafe(32)
            conn.execute(tokens.delete().where(tokens.c.expires_at < now))
            conn.execute(
                tokens.insert().values(
                    token_hash=sha256_hex(token),
                    org_id=device.org_id,
                    device_id=device_id,
                    expires_at=now + self.token_ttl,
                )
            )
        return token, device.org_id

    def authenticate(self, token: str) -> Caller | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(
                    tokens.c.org_id,
                    tokens.c.device_id,
                    tokens.c.expires_at,
                    orgs.c.kind,
                    orgs.c.status,
                    devices.c.revoked,
                )
                .join(orgs, orgs.c.org_id == tokens.c.org_id)
                .join(devices, devices.c.device_id == tokens.c.device_id)
                .where(tokens.c.token_hash == sha256_hex(token))
            ).first()
        if row is None or row.expires_at < time.time() or row.status != "active" or row.revoked:
            return None
        return Caller(row.org_id, row.device_id, row.kind)

    # --- directory ----------------------------------------------------------------------------

    def _directory(self, conn: Connection, for_kind: str) -> list[wire.DirectoryEntry]:
        peer_kind = "gemeente" if for_kind == "school" else "school"
        rows = conn.execute(
            select(orgs).where(orgs.c.kind == peer_kind, orgs.c.status == "active").order_by(orgs.c.name)
        ).all()
        return [
            wire.DirectoryEntry(
                org_id=r.org_id,
                name=r.name,
                kind=r.kind,
                root_public_key=wire.b64encode(r.root_public_key),
                manifest=wire.b64encode(r.manifest),
                manifest_signature=wire.b64encode(r.manifest_signature),
                fingerprint=fingerprint(r.root_public_key),
            )
            for r in rows
        ]

    def directory(self, caller: Caller) -> list[wire.DirectoryEntry]:
        with self.engine.connect() as conn:
            return self._directory(conn, caller.kind)

    # --- push ---------------------------------------------------------------------------------

    def push(self, caller: Caller, items: Sequence[wire.OpItem]) -> list[wire.OpResult]:
        """Store a batch in one transaction, with a handful of statements whatever its size.

        Items are judged in order, so a batch may carry revisions 1, 2, 3 of one record. An
        integrity error (only possible in a race with another batch of the same organisation) rolls
        the whole batch back with 409; the client sends it again and gets duplicates for what the
        other batch stored.
        """
        decoded = [(item, wire.b64decode(item.envelope)) for item in items]
        try:
            with self.engine.begin() as conn:
                results = push_batch(conn, caller, decoded)
        except IntegrityError:
            raise StoreError(409, "Gelijktijdige verzending; probeer het opnieuw.") from None
        stored = sum(1 for r in results if r.status == "stored")
        log.info("push van %s: %d ops, %d opgeslagen", caller.org_id, len(items), stored)
        return results

    def known(self, caller: Caller, op_ids: Iterable[str]) -> dict[str, int]:
        wanted = list(dict.fromkeys(op_ids))
        if not wanted:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(ops.c.op_id, ops.c.recipient_seq).where(
                    ops.c.sender_org == caller.org_id, ops.c.op_id.in_(wanted)
                )
            ).all()
        return {r.op_id: r.recipient_seq for r in rows}

    # --- pull ---------------------------------------------------------------------------------

    def inbox(self, caller: Caller, since: int, limit: int) -> wire.InboxPage:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(ops)
                .where(
                    ops.c.recipient_org == caller.org_id,
                    ops.c.recipient_seq > since,
                    # What a device sent to its own organisation is for the other devices only.
                    ops.c.sender_device != caller.device_id,
                    func.length(ops.c.envelope) > 0,  # tombstones (server.purge) are not served
                )
                .order_by(ops.c.recipient_seq)
                .limit(limit + 1)
            ).all()
            head = conn.scalar(select(inbox_heads.c.head).where(inbox_heads.c.org_id == caller.org_id)) or 0
        messages = [
            wire.InboxMessage(
                seq=r.recipient_seq,
                op_id=r.op_id,
                kind=r.kind,
                sender_org=r.sender_org,
                sender_device=r.sender_device,
                recipient_org=r.recipient_org,
                record_id=r.record_id,
                revision=r.revision,
                base_revision=r.base_revision,
                envelope=wire.b64encode(r.envelope),
                received_at=datetime.fromtimestamp(r.received_at, UTC).isoformat(),
            )
            for r in rows[:limit]
        ]
        return wire.InboxPage(
            epoch=self.epoch(),
            head=max(head, messages[-1].seq if messages else 0),
            messages=messages,
            has_more=len(rows) > limit,
        )

    # --- test and admin helpers ---------------------------------------------------------------

    def raw_envelope(self, sender_org: str, op_id: str) -> bytes | None:
        with self.engine.connect() as conn:
            return conn.scalar(select(ops.c.envelope).where(ops.c.sender_org == sender_org, ops.c.op_id == op_id))

    def count_ops(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.scalar(select(func.count()).select_from(ops)) or 0)
