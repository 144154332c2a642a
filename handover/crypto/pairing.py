"""Pairing a new device with its school: the one-time code and what is derived from it.

A code is ``LLLLL-LLLSS-SSSSS-SSSSS-SSSSS-SSSCC`` in base32 (no 0/1/8/9, so no O/0 or I/1 mix-up):

* 8 characters *lookup* (40 bits): the server sees it (only its SHA-256 is stored) and finds the
  school's pending code with it;
* 20 characters *secret* (100 bits): never leaves the two PCs. Guessing it is hopeless, also
  offline for a server that saw the proof (2**100 HMACs), and a code lives 24 hours;
* 2 characters *check*: a typing mistake is caught on the new PC before anything is sent.

From the secret, HKDF-SHA256 derives two keys (separate ``info`` labels): one for the new device's
*proof* (an HMAC over its public keys and the code's lookup part), one for the *key MAC* binding the
sealed school keys to this code and this device. The server carries both values and can make
neither: it cannot substitute its own device (the proof would not match) nor hand the new device
keys of its own (the MAC would not match). Only ``cryptography``'s HKDF and HMAC are used.
"""

from __future__ import annotations

import base64
import hashlib
import hmac as std_hmac
import os
from dataclasses import dataclass

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.hmac import HMAC
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from handover.crypto.canonical import canonical_json
from handover.crypto.keys import AgeIdentity, parse_age_recipient

LOOKUP_CHARS = 8
SECRET_CHARS = 20
CHECK_CHARS = 2
_GROUP = 5
_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_PROOF_INFO = b"overstap-join-proof-v1"
_KEYS_INFO = b"overstap-join-keys-v1"


class CodeFormatError(Exception):
    """The typed code cannot be a join code (length, characters, check); the message is Dutch."""


@dataclass(frozen=True)
class PairingCode:
    lookup: str
    secret: str

    @property
    def text(self) -> str:
        raw = self.lookup + self.secret + _check(self.lookup + self.secret)
        return "-".join(raw[i : i + _GROUP] for i in range(0, len(raw), _GROUP))

    @property
    def lookup_hash(self) -> str:
        return hashlib.sha256(self.lookup.encode("ascii")).hexdigest()


def _check(body: str) -> str:
    digest = hashlib.sha256(b"overstap-join-check\n" + body.encode("ascii")).digest()
    return base64.b32encode(digest).decode("ascii")[:CHECK_CHARS]


def new_code() -> PairingCode:
    text = base64.b32encode(os.urandom(20)).decode("ascii")  # 32 characters, 160 random bits
    return PairingCode(text[:LOOKUP_CHARS], text[LOOKUP_CHARS : LOOKUP_CHARS + SECRET_CHARS])


def parse_code(typed: str) -> PairingCode:
    """The code as typed (any case, spaces or dashes anywhere); raises :class:`CodeFormatError`."""
    raw = "".join(ch for ch in typed.upper() if ch.isalnum())
    raw = raw.replace("0", "O").replace("1", "I").replace("8", "B")  # what a reader may mistake
    total = LOOKUP_CHARS + SECRET_CHARS + CHECK_CHARS
    if len(raw) != total or any(ch not in _ALPHABET for ch in raw):
        raise CodeFormatError(
            f"Deze koppelcode klopt niet: een code heeft {total} letters en cijfers (2 tot en met 7), "
            "in groepjes van vijf. Er is niets geregistreerd."
        )
    body, check = raw[: LOOKUP_CHARS + SECRET_CHARS], raw[LOOKUP_CHARS + SECRET_CHARS :]
    if not std_hmac.compare_digest(_check(body), check):
        raise CodeFormatError(
            "Deze koppelcode klopt niet: er is waarschijnlijk een teken verkeerd overgetypt. "
            "Controleer de code op de andere pc. Er is niets geregistreerd."
        )
    return PairingCode(body[:LOOKUP_CHARS], body[LOOKUP_CHARS:])


def _derive(secret: str, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(secret.encode("ascii"))


def _mac(key: bytes, data: bytes) -> bytes:
    h = HMAC(key, hashes.SHA256())
    h.update(data)
    return h.finalize()


def _mac_ok(key: bytes, data: bytes, tag: bytes) -> bool:
    h = HMAC(key, hashes.SHA256())
    h.update(data)
    try:
        h.verify(tag)
    except InvalidSignature:
        return False
    return True


def join_transcript(
    *, org_id: str, lookup: str, device_id: str, device_public_key: bytes, age_recipient: str, user_name: str
) -> bytes:
    """What the proof and the key MAC cover: the school, the code, and the new device's keys."""
    return canonical_json(
        {
            "context": "overstap-join-v1",
            "org_id": org_id,
            "lookup": lookup,
            "device_id": device_id,
            "device_public_key": base64.b64encode(device_public_key).decode("ascii"),
            "age_recipient": age_recipient,
            "user_name": user_name,
        }
    )


def join_proof(code: PairingCode, transcript: bytes) -> bytes:
    return _mac(_derive(code.secret, _PROOF_INFO), transcript)


def proof_ok(code: PairingCode, transcript: bytes, proof: bytes) -> bool:
    return _mac_ok(_derive(code.secret, _PROOF_INFO), transcript, proof)


def keys_mac(code: PairingCode, transcript: bytes, sealed: bytes) -> bytes:
    return _mac(_derive(code.secret, _KEYS_INFO), transcript + b"\n" + hashlib.sha256(sealed).digest())


def keys_mac_ok(code: PairingCode, transcript: bytes, sealed: bytes, tag: bytes) -> bool:
    return _mac_ok(_derive(code.secret, _KEYS_INFO), transcript + b"\n" + hashlib.sha256(sealed).digest(), tag)


def seal_to(recipient: str, plain: bytes) -> bytes:
    """age-encrypt ``plain`` to one device's own age key (nobody else, not the server, can open it)."""
    return pyrage.encrypt(plain, [parse_age_recipient(recipient)])


def open_sealed(identity: AgeIdentity, data: bytes) -> bytes | None:
    try:
        return pyrage.decrypt(data, [identity.pyrage_identity])
    except Exception:  # noqa: BLE001 - pyrage's own error types: not for us, or damaged
        return None
