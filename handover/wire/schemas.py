"""Request and response bodies of the sync protocol (``/v1``), as pydantic models.

Envelopes travel base64-encoded inside JSON. Everything else in these messages is routing
metadata the server needs; it is exactly what the receiver compares with the signed header.
"""

from __future__ import annotations

import base64
import binascii
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from handover.domain.text import one_line
from handover.wire.limits import MAX_BATCH_OPS, MAX_ENVELOPE_B64, MAX_KNOWN_QUERY

OrgKind = Literal["school", "gemeente"]
# "agreement": an agreement's new version (both ways); "update": news after school and "figures":
# anonymised cohort figures (school -> gemeente); "replica": a change replicated between the PCs of
# one school (school -> the same school). See handover.server.schema.ALLOWED_ROUTES.
OpKind = Literal["dossier", "withdrawal", "receipt", "status", "agreement", "update", "figures", "replica"]
Id = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._:-]+$")]


# Encoded fields say what they hold in the schema (OpenAPI), so a request the schema calls valid is
# not refused as malformed: standard base64 with padding (what ``b64decode(validate=True)`` takes),
# and for keys and signatures the exact length of what they decode to.
B64_PATTERN = r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"


def _b64_field(description: str, *, max_length: int, min_length: int = 0) -> object:
    return Field(
        min_length=min_length,
        max_length=max_length,
        pattern=B64_PATTERN,
        description=description,
        json_schema_extra={"format": "byte", "contentEncoding": "base64"},
    )


# Ed25519: a public key is 32 bytes (44 base64 characters), a signature 64 bytes (88).
Key32 = Annotated[
    str,
    Field(
        min_length=44,
        max_length=44,
        pattern=r"^[A-Za-z0-9+/]{43}=$",
        description="Ed25519-publieke sleutel: 32 bytes, base64 (44 tekens).",
        json_schema_extra={"format": "byte", "contentEncoding": "base64"},
    ),
]
Signature64 = Annotated[
    str,
    Field(
        min_length=88,
        max_length=88,
        pattern=r"^[A-Za-z0-9+/]{86}==$",
        description="Ed25519-handtekening: 64 bytes, base64 (88 tekens).",
        json_schema_extra={"format": "byte", "contentEncoding": "base64"},
    ),
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64decode(text: str) -> bytes:
    return base64.b64decode(text, validate=True)


class _B64(_Model):
    @staticmethod
    def _check_b64(value: str) -> str:
        try:
            base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ValueError("not valid base64") from exc
        return value


# --- enrollment -------------------------------------------------------------------------------


class EnrollCheckRequest(_Model):
    code: Annotated[str, Field(min_length=8, max_length=64)]


class DirectoryEntry(_Model):
    org_id: Id
    name: Annotated[str, Field(max_length=200)]
    kind: OrgKind
    root_public_key: str
    manifest: str
    manifest_signature: str
    fingerprint: str

    @field_validator("name")
    @classmethod
    def _one_line(cls, value: str) -> str:
        # The name comes from the server: shown and printed, so no terminal escapes or line breaks.
        return one_line(value)


class EnrollCheckResponse(_Model):
    org_id: Id
    org_name: str
    kind: OrgKind
    peers: list[DirectoryEntry]

    @field_validator("org_name")
    @classmethod
    def _one_line(cls, value: str) -> str:
        return one_line(value)


class EnrollRequest(_B64):
    code: Annotated[str, Field(min_length=8, max_length=64)]
    device_id: Id
    device_public_key: Key32
    root_public_key: Key32
    manifest: Annotated[
        str, _b64_field("De ondertekende sleutellijst (JSON), base64.", min_length=4, max_length=16_384)
    ]
    manifest_signature: Signature64

    @field_validator("device_public_key", "root_public_key", "manifest", "manifest_signature")
    @classmethod
    def _b64(cls, value: str) -> str:
        return cls._check_b64(value)


class EnrollResponse(_Model):
    org_id: Id
    org_name: str
    kind: OrgKind
    device_id: Id
    epoch: str


# --- authentication ---------------------------------------------------------------------------


class ChallengeRequest(_Model):
    device_id: Id


class ChallengeResponse(_Model):
    nonce: str
    expires_in: int


class TokenRequest(_B64):
    device_id: Id
    nonce: Annotated[str, Field(max_length=128, description="De uitdaging van /v1/auth/challenge, ongewijzigd.")]
    signature: Signature64

    @field_validator("signature")
    @classmethod
    def _b64(cls, value: str) -> str:
        return cls._check_b64(value)


class TokenResponse(_Model):
    token: str
    expires_in: int
    org_id: Id
    epoch: str


def auth_signed_bytes(device_id: str, nonce: str) -> bytes:
    """What a device signs to log in; the context string keeps it from being any other signature."""
    return f"overstap-auth-v1\n{device_id}\n{nonce}".encode("ascii")


# --- directory --------------------------------------------------------------------------------


class DirectoryResponse(_Model):
    epoch: str
    organisations: list[DirectoryEntry]


# --- push -------------------------------------------------------------------------------------


class OpItem(_B64):
    op_id: Id
    record_id: Id
    revision: Annotated[int, Field(ge=1, le=2**53)]
    base_revision: Annotated[int, Field(ge=0, le=2**53)]
    kind: OpKind
    recipient_org: Id
    envelope: Annotated[
        str,
        _b64_field(
            f"Het versleutelde bericht (age, binair), base64; hoogstens {MAX_ENVELOPE_B64} tekens.",
            min_length=4,
            max_length=MAX_ENVELOPE_B64,
        ),
    ]

    @field_validator("envelope")
    @classmethod
    def _b64(cls, value: str) -> str:
        return cls._check_b64(value)


class PushRequest(_Model):
    ops: Annotated[list[OpItem], Field(min_length=1, max_length=MAX_BATCH_OPS)]


class OpResult(_Model):
    op_id: str
    status: Literal["stored", "duplicate", "conflict", "rejected"]
    seq: int | None = None
    # For a conflict: "stale_base" (server_revision says what is there), "op_id_reused",
    # "revision_exists"; for rejected: "unknown_recipient", "not_allowed".
    reason: str | None = None
    server_revision: int | None = None


class PushResponse(_Model):
    epoch: str
    results: list[OpResult]


class KnownRequest(_Model):
    op_ids: Annotated[list[Id], Field(max_length=MAX_KNOWN_QUERY)]


class KnownResponse(_Model):
    epoch: str
    known: dict[str, int]


# --- pull -------------------------------------------------------------------------------------


class InboxMessage(_Model):
    seq: int
    op_id: str
    kind: OpKind
    sender_org: str
    sender_device: str
    recipient_org: str
    record_id: str
    revision: int
    base_revision: int
    envelope: str
    received_at: str


class InboxPage(_Model):
    epoch: str
    head: int
    messages: list[InboxMessage]
    has_more: bool


class HealthResponse(_Model):
    status: Literal["ok"]
    epoch: str
    version: str


class ErrorResponse(_Model):
    detail: str
