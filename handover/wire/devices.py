"""Request and response bodies for several devices per organisation (``/v1/devices``, ``/v1/join``).

A join code has a *lookup* part the server sees (to find the code) and a *secret* part it never
sees. The new device proves it knows the secret with an HMAC over its own public keys; a device of
the school checks that proof before it seals the school's keys to the new device. The server
carries these values and cannot make or check them.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator

from handover.domain.text import one_line
from handover.wire.schemas import _B64, B64_PATTERN, Id, Key32, OrgKind, Signature64, _Model

# The lookup part of a join code: 8 base32 characters (the server stores only its SHA-256).
Lookup = Annotated[str, Field(min_length=8, max_length=8, pattern=r"^[A-Z2-7]{8}$")]
LookupHash = Annotated[str, Field(min_length=64, max_length=64, pattern=r"^[0-9a-f]{64}$")]
AgeRecipient = Annotated[str, Field(min_length=20, max_length=128, pattern=r"^age1[02-9ac-hj-np-z]+$")]
UserName = Annotated[str, Field(min_length=1, max_length=200)]
DeviceState = Literal["active", "revoked"]
JoinState = Literal["pending", "approved", "refused"]


def _b64(description: str, max_length: int, min_length: int = 4) -> object:
    return Field(
        min_length=min_length,
        max_length=max_length,
        pattern=B64_PATTERN,
        description=description,
        json_schema_extra={"format": "byte", "contentEncoding": "base64"},
    )


Mac32 = Annotated[str, _b64("HMAC-SHA256: 32 bytes, base64.", 44, 44)]
Manifest = Annotated[str, _b64("De ondertekende sleutellijst (JSON), base64.", 32_768)]
Sealed = Annotated[str, _b64("Versleuteld met age voor de sleutel van het apparaat, base64.", 262_144)]


class JoinCodeCreate(_Model):
    lookup: Lookup
    # Who uses the device that makes the code (shown in the device list; kept when not known yet).
    user_name: UserName | None = None


class JoinCodeCreated(_Model):
    expires_at: float = Field(description="Unix-tijd waarop de code verloopt (24 uur na het maken).")


class JoinCheckRequest(_Model):
    lookup: Lookup


class JoinCheckResponse(_Model):
    org_id: Id
    org_name: str
    kind: OrgKind
    root_public_key: Key32
    expires_at: float

    @field_validator("org_name")
    @classmethod
    def _one_line(cls, value: str) -> str:
        return one_line(value)


class JoinRequest(_B64):
    lookup: Lookup
    device_id: Id
    device_public_key: Key32
    age_recipient: AgeRecipient
    user_name: UserName
    proof: Mac32

    @field_validator("device_public_key", "proof")
    @classmethod
    def _b64(cls, value: str) -> str:
        return cls._check_b64(value)

    @field_validator("user_name")
    @classmethod
    def _one_line(cls, value: str) -> str:
        return one_line(value)


class JoinStatusRequest(_Model):
    lookup: Lookup
    device_id: Id


class JoinStatus(_Model):
    state: JoinState
    org_id: Id
    epoch: str
    sealed_keys: str | None = None
    keys_mac: str | None = None


class PendingJoin(_Model):
    lookup_hash: LookupHash
    device_id: Id
    device_public_key: Key32
    age_recipient: AgeRecipient
    user_name: str
    proof: Mac32
    created_at: float


class PendingJoins(_Model):
    joins: list[PendingJoin]


class JoinApprove(_B64):
    lookup_hash: LookupHash
    device_id: Id
    sealed_keys: Sealed
    keys_mac: Mac32
    manifest: Manifest
    manifest_signature: Signature64

    @field_validator("sealed_keys", "keys_mac", "manifest", "manifest_signature")
    @classmethod
    def _b64(cls, value: str) -> str:
        return cls._check_b64(value)


class JoinRefuse(_Model):
    lookup_hash: LookupHash
    device_id: Id


class DeviceRecord(_Model):
    device_id: Id
    user_name: str
    added_at: float | None
    last_seen: float | None
    state: DeviceState


class DeviceList(_Model):
    devices: list[DeviceRecord]
    root_public_key: Key32
    manifest: str
    manifest_signature: str


class KeyPackage(_B64):
    device_id: Id = Field(description="Het apparaat voor wie dit pakket is.")
    from_device: Id
    serial: Annotated[int, Field(ge=1, le=2**53)]
    sealed: Sealed
    signature: Signature64

    @field_validator("sealed", "signature")
    @classmethod
    def _b64(cls, value: str) -> str:
        return cls._check_b64(value)


class RevokeRequest(_B64):
    device_id: Id
    manifest: Manifest
    manifest_signature: Signature64
    packages: Annotated[list[KeyPackage], Field(max_length=200)]

    @field_validator("manifest", "manifest_signature")
    @classmethod
    def _b64(cls, value: str) -> str:
        return cls._check_b64(value)


class KeyPackages(_Model):
    packages: list[KeyPackage]


class ManifestUpdate(_B64):
    manifest: Manifest
    manifest_signature: Signature64

    @field_validator("manifest", "manifest_signature")
    @classmethod
    def _b64(cls, value: str) -> str:
        return cls._check_b64(value)


def key_package_signed_bytes(org_id: str, device_id: str, from_device: str, serial: int, sealed_sha256: str) -> bytes:
    """What the sending device signs for a key package: who it is for, from, which key list, which bytes."""
    return f"overstap-key-package-v1\n{org_id}\n{device_id}\n{from_device}\n{serial}\n{sealed_sha256}".encode("ascii")
