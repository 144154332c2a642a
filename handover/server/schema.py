"""Server storage schema: SQLAlchemy Core tables on their own MetaData, the engine, and the small
values the store hands out (callers, organisations, refusals).

The server keeps routing metadata and ciphertext only. Secrets it hands out (enrollment codes,
login tokens, nonces) are stored as SHA-256 hashes: they are 100+ bit random values, so a fast hash
is enough and a stolen database does not let anyone log in.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass
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
)
from sqlalchemy.engine import Connection

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

# How far each organisation has read its inbox, and since when: a client asks for messages after
# SEQ only once it stored everything up to SEQ (cursor and data commit together), so a read with
# ``since=SEQ`` acknowledges them. ``handover-server purge`` uses it; created by ``create_all``.
inbox_acks = Table(
    "inbox_acks",
    metadata,
    Column("org_id", String(64), ForeignKey("orgs.org_id"), primary_key=True),
    Column("seq", BigInteger, primary_key=True),
    Column("at", Float, nullable=False),
)

# --- several devices per organisation (issue 13); new tables, so ``create_all`` adds them to an
# existing database and every older row keeps working (a device without a ``device_info`` row is
# an enrolled device from before: no user name, state from ``devices.revoked``).

# What the school's PCs list: who uses the device, since when, last seen; ``age_recipient`` is the
# device's own age key as the device gave it (the trusted copy is in the root-signed key list).
device_info = Table(
    "device_info",
    metadata,
    Column("device_id", String(64), ForeignKey("devices.device_id"), primary_key=True),
    Column("org_id", String(64), ForeignKey("orgs.org_id"), nullable=False, index=True),
    Column("user_name", String(200), nullable=False, default=""),
    Column("added_at", Float, nullable=True),
    Column("last_seen", Float, nullable=True),
    Column("revoked_at", Float, nullable=True),
)

# One-time join codes: only the SHA-256 of the lookup part (the server never sees the secret part).
join_codes = Table(
    "join_codes",
    metadata,
    Column("lookup_hash", String(64), primary_key=True),
    Column("org_id", String(64), ForeignKey("orgs.org_id"), nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("created_at", Float, nullable=False),
    Column("expires_at", Float, nullable=False),
    Column("used_at", Float, nullable=True),
)

# A new device's request to join with a code: its keys and its proof of the secret part. Nothing
# is registered for authentication until a device of the school approved it (checked the proof).
join_requests = Table(
    "join_requests",
    metadata,
    Column("lookup_hash", String(64), ForeignKey("join_codes.lookup_hash"), primary_key=True),
    Column("device_id", String(64), primary_key=True),
    Column("org_id", String(64), ForeignKey("orgs.org_id"), nullable=False),
    Column("device_public_key", LargeBinary, nullable=False),
    Column("age_recipient", String(128), nullable=False),
    Column("user_name", String(200), nullable=False),
    Column("proof", LargeBinary, nullable=False),
    Column("state", String(16), nullable=False),  # pending | approved | refused
    Column("created_at", Float, nullable=False),
    Column("decided_at", Float, nullable=True),
    Column("sealed_keys", LargeBinary, nullable=True),
    Column("keys_mac", LargeBinary, nullable=True),
)

# A rotated organisation key, sealed by one device to another device's own age key and signed by it.
key_packages = Table(
    "key_packages",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("org_id", String(64), ForeignKey("orgs.org_id"), nullable=False),
    Column("device_id", String(64), nullable=False, index=True),
    Column("from_device", String(64), nullable=False),
    Column("serial", BigInteger, nullable=False),
    Column("sealed", LargeBinary, nullable=False),
    Column("signature", LargeBinary, nullable=False),
    Column("created_at", Float, nullable=False),
)

# How far each device read its organisation's inbox (the newest only). The organisation's row in
# ``inbox_acks`` (what purge uses) moves only to the lowest of its active devices.
device_acks = Table(
    "device_acks",
    metadata,
    Column("device_id", String(64), primary_key=True),
    Column("org_id", String(64), ForeignKey("orgs.org_id"), nullable=False, index=True),
    Column("seq", BigInteger, nullable=False),
    Column("at", Float, nullable=False),
)

# Who may send which kind to whom: (sender kind, recipient kind) -> message kinds.
ALLOWED_ROUTES: dict[tuple[str, str], frozenset[str]] = {
    ("school", "gemeente"): frozenset({"dossier", "withdrawal", "update", "figures", "agreement"}),
    ("gemeente", "school"): frozenset({"receipt", "status", "agreement"}),
    # Replication between the PCs of one school: only ever to the sender's own organisation.
    ("school", "school"): frozenset({"replica"}),
}
SAME_ORG_KINDS = frozenset({"replica"})


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
