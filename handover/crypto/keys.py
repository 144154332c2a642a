"""Organisation and device keys, key ids and human-comparable fingerprints.

An organisation has an age X25519 identity (messages are encrypted to it) and an Ed25519 *root*
key that signs the organisation's key manifest (which age keys and device keys belong to it).
Each device has its own Ed25519 signing key for messages and for logging in to the server.
Private keys are only ever persisted through a :class:`~handover.secrets.SecretStore`.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from handover.secrets import SecretStore

ORG_AGE_SECRET = "sync.org_age_identity"
ORG_ROOT_SECRET = "sync.org_root_key"
DEVICE_SECRET = "sync.device_key"
# Several devices per school (issue 13): this device's own age key (the school's keys are sealed to
# it when it joins, and a rotated organisation key after a revoke), the organisation's earlier age
# keys (one per line, to open older messages), and a rotated key not yet confirmed by the server.
DEVICE_AGE_SECRET = "sync.device_age_identity"
ORG_AGE_PREVIOUS = "sync.org_age_previous"
ORG_AGE_PENDING = "sync.org_age_pending"

_FINGERPRINT_GROUPS = 6
_FINGERPRINT_GROUP_LEN = 4


class KeyMaterialError(Exception):
    """A key is missing or malformed; the message is plain Dutch for the user."""


def key_id(public: bytes | str) -> str:
    """Short stable id of a public key (not secret, not for humans to compare)."""
    data = public.encode("ascii") if isinstance(public, str) else public
    return hashlib.sha256(data).hexdigest()[:16]


def fingerprint(public: bytes | str) -> str:
    """Six groups of four characters, read aloud by phone to compare keys.

    Base32 of SHA-256 gives 120 bits: far beyond what an attacker can match by brute force in the
    minutes a phone call takes, yet short enough to read. Base32 avoids 0/O and 1/l confusion.
    """
    data = public.encode("ascii") if isinstance(public, str) else public
    text = base64.b32encode(hashlib.sha256(data).digest()).decode("ascii")
    total = _FINGERPRINT_GROUPS * _FINGERPRINT_GROUP_LEN
    return "-".join(text[i : i + _FINGERPRINT_GROUP_LEN] for i in range(0, total, _FINGERPRINT_GROUP_LEN))


class AgeIdentity:
    """An organisation's age X25519 identity."""

    def __init__(self, identity: pyrage.x25519.Identity) -> None:
        self._identity = identity
        self.recipient: str = str(identity.to_public())
        self.key_id: str = key_id(self.recipient)

    @classmethod
    def generate(cls) -> AgeIdentity:
        return cls(pyrage.x25519.Identity.generate())

    @classmethod
    def from_secret(cls, secret: bytes) -> AgeIdentity:
        try:
            return cls(pyrage.x25519.Identity.from_str(secret.decode("ascii").strip()))
        except Exception as exc:  # noqa: BLE001 - pyrage raises its own types; never echo the secret
            raise KeyMaterialError("De organisatiesleutel is beschadigd.") from exc

    def secret_bytes(self) -> bytes:
        return str(self._identity).encode("ascii")

    @property
    def pyrage_identity(self) -> pyrage.x25519.Identity:
        return self._identity

    def export_identity_file(self, path: Path) -> None:
        """Write a standard age identity file, usable as ``age -d -i FILE``.

        This is how the municipality's IT administrator can decrypt a message body without Overstap.
        The file holds the private key: it is created with owner-only permissions. It is written as
        bytes with LF line ends: on Windows a text-mode write turns them into CRLF, and age then
        rejects the key line.
        """
        created = datetime.now(UTC).replace(microsecond=0).isoformat()
        text = f"# created: {created}\n# public key: {self.recipient}\n{self._identity}\n"
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("ascii"))


def parse_age_recipient(text: str) -> pyrage.x25519.Recipient:
    try:
        return pyrage.x25519.Recipient.from_str(text)
    except Exception as exc:  # noqa: BLE001
        raise KeyMaterialError("Een publieke sleutel van de ontvanger is ongeldig.") from exc


class SigningKey:
    """An Ed25519 private key (device key or organisation root key)."""

    def __init__(self, private: Ed25519PrivateKey) -> None:
        self._private = private
        self.public_bytes: bytes = private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        self.key_id: str = key_id(self.public_bytes)

    @classmethod
    def generate(cls) -> SigningKey:
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_secret(cls, secret: bytes) -> SigningKey:
        if len(secret) != 32:
            raise KeyMaterialError("Een ondertekeningssleutel is beschadigd.")
        return cls(Ed25519PrivateKey.from_private_bytes(secret))

    def secret_bytes(self) -> bytes:
        return self._private.private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        )

    def sign(self, data: bytes) -> bytes:
        return self._private.sign(data)

    @property
    def public_b64(self) -> str:
        return base64.b64encode(self.public_bytes).decode("ascii")


def verify_signature(public: bytes, signature: bytes, data: bytes) -> bool:
    """True when ``signature`` is a valid Ed25519 signature by ``public`` over ``data``."""
    if len(public) != 32 or len(signature) != 64:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def device_id_for(public: bytes) -> str:
    """Device ids derive from the device key so the server cannot re-bind a device to another key."""
    return "dev-" + key_id(public)


@dataclass(frozen=True)
class LocalKeys:
    """The private keys of this installation: its organisation's keys and its own device key."""

    org_age: AgeIdentity
    org_root: SigningKey
    device: SigningKey

    @property
    def device_id(self) -> str:
        return device_id_for(self.device.public_bytes)

    @property
    def root_fingerprint(self) -> str:
        return fingerprint(self.org_root.public_bytes)


def load_keys(store: SecretStore) -> LocalKeys | None:
    """The keys kept in ``store``, or None when this installation has none yet."""
    age_secret = store.get(ORG_AGE_SECRET)
    root_secret = store.get(ORG_ROOT_SECRET)
    device_secret = store.get(DEVICE_SECRET)
    if age_secret is None or root_secret is None or device_secret is None:
        return None
    return LocalKeys(
        org_age=AgeIdentity.from_secret(age_secret),
        org_root=SigningKey.from_secret(root_secret),
        device=SigningKey.from_secret(device_secret),
    )


def load_or_create_keys(store: SecretStore) -> LocalKeys:
    """Keys for enrollment. Created once; an existing complete set is never replaced."""
    existing = load_keys(store)
    if existing is not None:
        return existing
    keys = LocalKeys(org_age=AgeIdentity.generate(), org_root=SigningKey.generate(), device=SigningKey.generate())
    store.set(ORG_AGE_SECRET, keys.org_age.secret_bytes())
    store.set(ORG_ROOT_SECRET, keys.org_root.secret_bytes())
    store.set(DEVICE_SECRET, keys.device.secret_bytes())
    return keys


def load_device_age(store: SecretStore, *, create: bool = False) -> AgeIdentity | None:
    """This device's own age identity (created and stored when ``create`` and there is none)."""
    secret = store.get(DEVICE_AGE_SECRET)
    if secret is not None:
        return AgeIdentity.from_secret(secret)
    if not create:
        return None
    identity = AgeIdentity.generate()
    store.set(DEVICE_AGE_SECRET, identity.secret_bytes())
    return identity


def previous_org_ages(store: SecretStore) -> list[AgeIdentity]:
    """The organisation's earlier age identities, newest first (kept to open older messages)."""
    secret = store.get(ORG_AGE_PREVIOUS)
    if not secret:
        return []
    return [AgeIdentity.from_secret(line) for line in secret.split(b"\n") if line.strip()]


def set_previous_org_ages(store: SecretStore, identities: list[AgeIdentity]) -> None:
    unique = list({i.recipient: i for i in identities}.values())
    store.set(ORG_AGE_PREVIOUS, b"\n".join(i.secret_bytes() for i in unique))


def rotate_org_age(store: SecretStore, new: AgeIdentity) -> None:
    """Make ``new`` the organisation's age key; the current one moves to the earlier keys."""
    current = store.get(ORG_AGE_SECRET)
    if current is not None and AgeIdentity.from_secret(current).recipient == new.recipient:
        return
    older = previous_org_ages(store)
    if current is not None:
        older.insert(0, AgeIdentity.from_secret(current))
    set_previous_org_ages(store, older)  # first: a crash now loses no key
    store.set(ORG_AGE_SECRET, new.secret_bytes())
