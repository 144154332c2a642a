"""Server storage: SQLAlchemy Core on its own MetaData (SQLite file by default, PostgreSQL by URL).

The server keeps routing metadata and ciphertext only. Secrets it hands out (enrollment codes,
login tokens, nonces) are stored as SHA-256 hashes: they are 100+ bit random values, so a fast hash
is enough and a stolen database does not let anyone log in.

**Inbox sequence.** Every recipient organisation has its own counter row in ``inbox_heads``. An
insert first does ``UPDATE inbox_heads SET head = head + 1 ... RETURNING head`` inside the insert
transaction. The row lock is held until commit, so the next insert for that recipient can only take
``head + 1`` after this one committed: sequence order equals commit order and a reader polling with
``since=N`` can never see N+2 while N+1 is still invisible. (A global autoincrement would not give
that on PostgreSQL, where a later number can commit before an earlier one.) On SQLite every write
transaction is serialised anyway (``BEGIN IMMEDIATE``).
"""

from __future__ import annotations

import base64
import hashlib
import logging
import secrets
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Engine,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    func,
    select,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from handover.crypto.keys import device_id_for, fingerprint
from handover.crypto.manifest import ManifestError, SignedManifest, verify_manifest
from handover.sync import protocol as p

log = logging.getLogger("handover.server")

SCHEMA_VERSION = 1

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

server_meta = Table(
    "server_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

orgs = Table(
    "orgs",
    metadata,
    Column("org_id", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("status", String(16), nullable=False),  # pending | active | revoked
    Column("created_at", Float, nullable=False),
    Column("root_public_key", LargeBinary, nullable=True),
    Column("manifest", LargeBinary, nullable=True),
    Column("manifest_signature", LargeBinary, nullable=True),
)

enrollment_codes = Table(
    "enrollment_codes",
    metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("org_id", String(64), ForeignKey("orgs.org_id"), nullable=False),
    Column("expires_at", Float, nullable=False),
    Column("used_at", Float, nullable=True),
)

devices = Table(
    "devices",
    metadata,
    Column("device_id", String(64), primary_key=True),
    Column("org_id", String(64), ForeignKey("orgs.org_id"), nullable=False),
    Column("public_key", LargeBinary, nullable=False),
    Column("created_at", Float, nullable=False),
    Column("revoked", Integer, nullable=False, default=0),
)

nonces = Table(
    "nonces",
    metadata,
    Column("nonce_hash", String(64), primary_key=True),
    Column("device_id", String(64), nullable=False),
    Column("expires_at", Float, nullable=False),
)

tokens = Table(
    "tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("org_id", String(64), ForeignKey("orgs.org_id"), nullable=False),
    Column("device_id", String(64), ForeignKey("devices.device_id"), nullable=False),
    Column("expires_at", Float, nullable=False),
)

inbox_heads = Table(
    "inbox_heads",
    metadata,
    Column("org_id", String(64), ForeignKey("orgs.org_id"), primary_key=True),
    Column("head", BigInteger, nullable=False),
)

ops = Table(
    "ops",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("sender_org", String(64), ForeignKey("orgs.org_id"), nullable=False),
    Column("sender_device", String(64), nullable=False),
    Column("op_id", String(64), nullable=False),
    Column("record_id", String(64), nullable=False),
    Column("revision", BigInteger, nullable=False),
    Column("base_revision", BigInteger, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("recipient_org", String(64), ForeignKey("orgs.org_id"), nullable=False),
    Column("recipient_seq", BigInteger, nullable=False),
    Column("envelope", LargeBinary, nullable=False),
    Column("envelope_sha256", String(64), nullable=False),
    Column("received_at", Float, nullable=False),
    UniqueConstraint("sender_org", "op_id", name="uq_ops_sender_op"),
    UniqueConstraint("sender_org", "record_id", "revision", name="uq_ops_sender_record_revision"),
    UniqueConstraint("recipient_org", "recipient_seq", name="uq_ops_recipient_seq"),
)

ALLOWED_ROUTES = {("school", "gemeente"), ("gemeente", "school")}


def sha256_hex(data: bytes | str) -> str:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def new_enrollment_code() -> str:
    """20 base32 characters (100 bits) in groups of four: typable, and unguessable."""
    text = base64.b32encode(secrets.token_bytes(15)).decode("ascii")[:20]
    return "-".join(text[i : i + 4] for i in range(0, 20, 4))


@dataclass(frozen=True)
class OrgInfo:
    org_id: str
    name: str
    kind: str
    status: str
    created_at: float
    fingerprint: str | None


@dataclass(frozen=True)
class Caller:
    org_id: str
    device_id: str
    kind: str


class StoreError(Exception):
    """Refused request; ``status`` is the HTTP status, the message is safe to show (no secrets)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def make_engine(db_url: str) -> Engine:
    if db_url.startswith("sqlite"):
        engine = create_engine(db_url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
            # We issue BEGIN ourselves (below); pysqlite's implicit transactions would defer the
            # write lock and can deadlock two writers that both read first.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn: Connection) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return create_engine(db_url, pool_pre_ping=True, pool_size=10, max_overflow=10)


class ServerStore:
    def __init__(self, db_url: str, *, token_ttl: int = 900, nonce_ttl: int = 120, code_ttl_days: int = 14) -> None:
        self.engine = make_engine(db_url)
        self.token_ttl = token_ttl
        self.nonce_ttl = nonce_ttl
        self.code_ttl = code_ttl_days * 86400
        self._epoch: str | None = None

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

    def is_initialised(self) -> bool:
        from sqlalchemy import inspect

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
        code = new_enrollment_code()
        with self.engine.begin() as conn:
            if conn.scalar(select(orgs.c.status).where(orgs.c.org_id == org_id)) in (None, "revoked"):
                raise StoreError(404, "Onbekende of ingetrokken organisatie.")
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

    def check_code(self, code: str) -> p.EnrollCheckResponse:
        with self.engine.connect() as conn:
            row = self._code_org(conn, code)
            peers = self._directory(conn, row.kind)
        return p.EnrollCheckResponse(org_id=row.org_id, org_name=row.name, kind=row.kind, peers=peers)

    def enroll(self, req: p.EnrollRequest) -> p.EnrollResponse:
        device_pub = p.b64decode(req.device_public_key)
        root_pub = p.b64decode(req.root_public_key)
        if len(device_pub) != 32 or len(root_pub) != 32 or req.device_id != device_id_for(device_pub):
            raise StoreError(400, "Ongeldige apparaatsleutel.")
        with self.engine.begin() as conn:
            row = self._code_org(conn, req.code)
            signed = SignedManifest(root_pub, p.b64decode(req.manifest), p.b64decode(req.manifest_signature))
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
        return p.EnrollResponse(
            org_id=row.org_id, org_name=row.name, kind=row.kind, device_id=req.device_id, epoch=self.epoch()
        )

    # --- authentication -----------------------------------------------------------------------

    def new_nonce(self, device_id: str) -> str:
        nonce = secrets.token_urlsafe(32)
        now = time.time()
        with self.engine.begin() as conn:
            conn.execute(nonces.delete().where(nonces.c.expires_at < now))
            # Unknown devices get a nonce too, so this route does not reveal which devices exist.
            conn.execute(
                nonces.insert().values(
                    nonce_hash=sha256_hex(nonce), device_id=device_id, expires_at=now + self.nonce_ttl
                )
            )
        return nonce

    def issue_token(self, device_id: str, nonce: str, signature: bytes) -> tuple[str, str]:
        from handover.crypto.keys import verify_signature

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
                and verify_signature(device.public_key, signature, p.auth_signed_bytes(device_id, nonce))
            )
            if not ok or device is None:
                raise StoreError(401, "Aanmelden is mislukt.")
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

    def _directory(self, conn: Connection, for_kind: str) -> list[p.DirectoryEntry]:
        peer_kind = "gemeente" if for_kind == "school" else "school"
        rows = conn.execute(
            select(orgs).where(orgs.c.kind == peer_kind, orgs.c.status == "active").order_by(orgs.c.name)
        ).all()
        return [
            p.DirectoryEntry(
                org_id=r.org_id,
                name=r.name,
                kind=r.kind,
                root_public_key=p.b64encode(r.root_public_key),
                manifest=p.b64encode(r.manifest),
                manifest_signature=p.b64encode(r.manifest_signature),
                fingerprint=fingerprint(r.root_public_key),
            )
            for r in rows
        ]

    def directory(self, caller: Caller) -> list[p.DirectoryEntry]:
        with self.engine.connect() as conn:
            return self._directory(conn, caller.kind)

    # --- push ---------------------------------------------------------------------------------

    def push(self, caller: Caller, items: Sequence[p.OpItem]) -> list[p.OpResult]:
        """Store a batch in one transaction, with a handful of statements whatever its size.

        Items are judged in order, so a batch may carry revisions 1, 2, 3 of one record. An
        integrity error (only possible in a race with another batch of the same organisation) rolls
        the whole batch back with 409; the client sends it again and gets duplicates for what the
        other batch stored.
        """
        decoded = [(item, p.b64decode(item.envelope)) for item in items]
        try:
            with self.engine.begin() as conn:
                results = self._push_batch(conn, caller, decoded)
        except IntegrityError:
            raise StoreError(409, "Gelijktijdige verzending; probeer het opnieuw.") from None
        stored = sum(1 for r in results if r.status == "stored")
        log.info("push van %s: %d ops, %d opgeslagen", caller.org_id, len(items), stored)
        return results

    def _push_batch(self, conn: Connection, caller: Caller, decoded: list[tuple[p.OpItem, bytes]]) -> list[p.OpResult]:
        items = [item for item, _ in decoded]
        recipients = sorted({i.recipient_org for i in items})
        # Lock the recipients' counters in a fixed order so two batches cannot deadlock.
        kinds = {
            r.org_id: (r.kind, r.status)
            for r in conn.execute(
                select(inbox_heads.c.org_id, orgs.c.kind, orgs.c.status)
                .join(orgs, orgs.c.org_id == inbox_heads.c.org_id)
                .where(inbox_heads.c.org_id.in_(recipients))
                .order_by(inbox_heads.c.org_id)
                .with_for_update(of=inbox_heads)
            ).all()
        }
        existing = {
            r.op_id: (r.envelope_sha256, r.recipient_seq)
            for r in conn.execute(
                select(ops.c.op_id, ops.c.envelope_sha256, ops.c.recipient_seq).where(
                    ops.c.sender_org == caller.org_id, ops.c.op_id.in_([i.op_id for i in items])
                )
            )
        }
        heads: dict[str, int] = {
            r.record_id: int(r.head)
            for r in conn.execute(
                select(ops.c.record_id, func.max(ops.c.revision).label("head"))
                .where(ops.c.sender_org == caller.org_id, ops.c.record_id.in_({i.record_id for i in items}))
                .group_by(ops.c.record_id)
            )
        }
        results: list[p.OpResult | None] = []
        accepted: list[tuple[int, p.OpItem, bytes, str]] = []
        for index, (item, envelope) in enumerate(decoded):
            digest = sha256_hex(envelope)
            known = existing.get(item.op_id)
            if known is not None:
                if known[0] == digest:
                    results.append(p.OpResult(op_id=item.op_id, status="duplicate", seq=known[1]))
                else:
                    results.append(p.OpResult(op_id=item.op_id, status="conflict", reason="op_id_reused"))
                continue
            recipient = kinds.get(item.recipient_org)
            if recipient is None:
                results.append(p.OpResult(op_id=item.op_id, status="rejected", reason="unknown_recipient"))
                continue
            kind, status = recipient
            if status != "active" or (caller.kind, kind) not in ALLOWED_ROUTES:
                results.append(p.OpResult(op_id=item.op_id, status="rejected", reason="not_allowed"))
                continue
            if item.revision <= item.base_revision:
                results.append(p.OpResult(op_id=item.op_id, status="rejected", reason="bad_revision"))
                continue
            current = heads.get(item.record_id, 0)
            if item.base_revision != current:
                reason = "revision_exists" if item.revision <= current else "stale_base"
                results.append(p.OpResult(op_id=item.op_id, status="conflict", reason=reason, server_revision=current))
                continue
            heads[item.record_id] = item.revision
            existing[item.op_id] = (digest, -1)  # the same op twice in one batch: second is a duplicate
            accepted.append((index, item, envelope, digest))
            results.append(None)
        # One counter update per recipient, inside this transaction (see the module docstring).
        seqs: dict[str, int] = {}
        for org_id in recipients:
            count = sum(1 for _, item, _, _ in accepted if item.recipient_org == org_id)
            if count:
                head = conn.execute(
                    update(inbox_heads)
                    .where(inbox_heads.c.org_id == org_id)
                    .values(head=inbox_heads.c.head + count)
                    .returning(inbox_heads.c.head)
                ).scalar_one()
                seqs[org_id] = int(head) - count
        now = time.time()
        rows = []
        for index, item, envelope, digest in accepted:
            seqs[item.recipient_org] += 1
            seq = seqs[item.recipient_org]
            rows.append(
                dict(
                    sender_org=caller.org_id,
                    sender_device=caller.device_id,
                    op_id=item.op_id,
                    record_id=item.record_id,
                    revision=item.revision,
                    base_revision=item.base_revision,
                    kind=item.kind,
                    recipient_org=item.recipient_org,
                    recipient_seq=seq,
                    envelope=envelope,
                    envelope_sha256=digest,
                    received_at=now,
                )
            )
            results[index] = p.OpResult(op_id=item.op_id, status="stored", seq=seq)
        if rows:
            conn.execute(ops.insert(), rows)
        final = [r for r in results if r is not None]
        # Duplicates inside one batch point at the seq the first copy just got.
        by_op = {r.op_id: r.seq for r in final if r.status == "stored"}
        return [
            r.model_copy(update={"seq": by_op[r.op_id]}) if r.status == "duplicate" and r.seq == -1 else r
            for r in final
        ]

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

    def inbox(self, caller: Caller, since: int, limit: int) -> p.InboxPage:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(ops)
                .where(ops.c.recipient_org == caller.org_id, ops.c.recipient_seq > since)
                .order_by(ops.c.recipient_seq)
                .limit(limit + 1)
            ).all()
            head = conn.scalar(select(inbox_heads.c.head).where(inbox_heads.c.org_id == caller.org_id)) or 0
        messages = [
            p.InboxMessage(
                seq=r.recipient_seq,
                op_id=r.op_id,
                kind=r.kind,
                sender_org=r.sender_org,
                sender_device=r.sender_device,
                recipient_org=r.recipient_org,
                record_id=r.record_id,
                revision=r.revision,
                base_revision=r.base_revision,
                envelope=p.b64encode(r.envelope),
                received_at=datetime.fromtimestamp(r.received_at, UTC).isoformat(),
            )
            for r in rows[:limit]
        ]
        return p.InboxPage(
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
