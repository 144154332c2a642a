"""Sign-then-encrypt message envelopes.

Wire format: a standard binary **age** file, encrypted to the recipient organisation's age keys and
to the sender organisation's own key (so the sender can recover its own messages). Its plaintext is
line-oriented so that ``age -d -i identity.txt message.age`` output can be read without Overstap::

    OVERSTAP-ENVELOPE/1\\n
    <base64 Ed25519 signature>\\n
    <header: canonical JSON, one line>\\n
    <body: exactly header.body_length bytes (Overstap bodies are one line of JSON)>\\n
    <padding: newline bytes up to the size bucket>

The signature covers ``context ‖ header ‖ '\\n' ‖ body``; the header carries ``body_length`` and the
recipient key ids, so neither the body boundary nor the intended recipients can be altered, and a
recipient cannot re-encrypt a signed message to a third party unnoticed (surreptitious forwarding).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime

import pyrage

from handover.crypto.canonical import canonical_json
from handover.crypto.keys import AgeIdentity, SigningKey, key_id, parse_age_recipient, verify_signature

ENVELOPE_VERSION = 1
MAGIC = b"OVERSTAP-ENVELOPE/1"
_SIGN_CONTEXT = b"overstap-envelope-v1\n"
_PAD_BYTE = b"\n"
# Padding hides the size of a dossier to within 2 KiB (and within 64 KiB for very large ones).
# Power-of-two buckets would hide more but nearly double the bytes of a typical 4-5 KiB dossier;
# 2 KiB steps already hide whether a free-text field holds a sentence or a paragraph.
_STEP = 2 * 1024
_LARGE_STEP = 64 * 1024
MAX_ENVELOPE_BYTES = 512 * 1024

KINDS = frozenset({"dossier", "withdrawal", "receipt", "status", "agreement", "update", "figures", "replica"})


class EnvelopeError(Exception):
    """An envelope is rejected. ``code`` is stable for code and tests; the message is Dutch."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class EnvelopeHeader:
    version: int
    kind: str
    sender_org: str
    sender_device: str
    recipient_org: str
    recipient_key_ids: tuple[str, ...]
    record_id: str
    revision: int
    base_revision: int
    op_id: str
    created_at: str
    body_length: int

    def to_bytes(self) -> bytes:
        # Not dataclasses.asdict: its recursive deep copy was a noticeable share of sealing time.
        obj = {f.name: getattr(self, f.name) for f in fields(self)}
        obj["recipient_key_ids"] = list(self.recipient_key_ids)
        return canonical_json(obj)

    @classmethod
    def from_bytes(cls, data: bytes) -> EnvelopeHeader:
        obj = json.loads(data)
        if not isinstance(obj, dict) or obj.get("version") != ENVELOPE_VERSION:
            raise EnvelopeError("bad_version", "Dit bericht heeft een onbekende versie.")
        try:
            header = cls(
                version=int(obj["version"]),
                kind=str(obj["kind"]),
                sender_org=str(obj["sender_org"]),
                sender_device=str(obj["sender_device"]),
                recipient_org=str(obj["recipient_org"]),
                recipient_key_ids=tuple(str(k) for k in obj["recipient_key_ids"]),
                record_id=str(obj["record_id"]),
                revision=int(obj["revision"]),
                base_revision=int(obj["base_revision"]),
                op_id=str(obj["op_id"]),
                created_at=str(obj["created_at"]),
                body_length=int(obj["body_length"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise EnvelopeError("malformed", "Dit bericht is onleesbaar.") from exc
        # Re-encoding must give the same bytes: no extra fields, no alternative encodings.
        if header.to_bytes() != data:
            raise EnvelopeError("malformed", "Dit bericht is onleesbaar.")
        return header


@dataclass(frozen=True)
class ServerMetadata:
    """What the server says about a message in clear text; must equal the signed header."""

    op_id: str
    kind: str
    sender_org: str
    sender_device: str
    recipient_org: str
    record_id: str
    revision: int
    base_revision: int


@dataclass(frozen=True)
class SealedEnvelope:
    header: EnvelopeHeader
    data: bytes


@dataclass(frozen=True)
class OpenedEnvelope:
    header: EnvelopeHeader
    body: bytes


def padded_size(length: int) -> int:
    step = _STEP if length <= _LARGE_STEP else _LARGE_STEP
    return max(_STEP, -(-length // step) * step)


def _signed_bytes(header_bytes: bytes, body: bytes) -> bytes:
    return _SIGN_CONTEXT + header_bytes + b"\n" + body


def utc_now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class SignedPlaintext:
    """A signed, padded envelope plaintext and the age keys it must be encrypted to (see
    :func:`sign_envelope`); :func:`encrypt_envelope` turns it into the envelope bytes."""

    header: EnvelopeHeader
    plain: bytes
    age_keys: tuple[str, ...]


def sign_envelope(
    *,
    kind: str,
    sender_org: str,
    sender_device: str,
    device_key: SigningKey,
    recipient_org: str,
    recipient_age_keys: Sequence[str],
    own_age_key: str,
    record_id: str,
    revision: int,
    base_revision: int,
    op_id: str,
    body: bytes,
    created_at: str | None = None,
) -> SignedPlaintext:
    """The first half of :func:`seal_envelope`: header, signature and padding (no encryption yet)."""
    if kind not in KINDS:
        raise ValueError(f"unknown envelope kind {kind!r}")
    if not recipient_age_keys:
        raise EnvelopeError("no_recipient", "Er is geen sleutel van de ontvanger bekend.")
    all_keys = tuple(dict.fromkeys([*recipient_age_keys, own_age_key]))
    header = EnvelopeHeader(
        version=ENVELOPE_VERSION,
        kind=kind,
        sender_org=sender_org,
        sender_device=sender_device,
        recipient_org=recipient_org,
        recipient_key_ids=tuple(key_id(k) for k in all_keys),
        record_id=record_id,
        revision=revision,
        base_revision=base_revision,
        op_id=op_id,
        created_at=created_at or utc_now_iso(),
        body_length=len(body),
    )
    header_bytes = header.to_bytes()
    signature = device_key.sign(_signed_bytes(header_bytes, body))
    plain = b"\n".join([MAGIC, base64.b64encode(signature), header_bytes, body]) + b"\n"
    plain += _PAD_BYTE * (padded_size(len(plain)) - len(plain))
    return SignedPlaintext(header, plain, all_keys)


def encrypt_plaintexts(plains: Sequence[bytes], age_keys: Sequence[str]) -> list[bytes]:
    """age-encrypt each plaintext to ``age_keys``. Needs no secret key, so a worker process can do
    it for a large first sync while the caller signs the next dossiers (pyrage holds the GIL)."""
    recipients = [parse_age_recipient(k) for k in age_keys]
    return [pyrage.encrypt(plain, recipients) for plain in plains]


def finish_envelope(signed: SignedPlaintext, data: bytes) -> SealedEnvelope:
    """Check the encrypted size; the second half of :func:`seal_envelope`."""
    if len(data) > MAX_ENVELOPE_BYTES:
        raise EnvelopeError("too_large", "Dit dossier is te groot om te versturen.")
    return SealedEnvelope(signed.header, data)


def seal_envelope(
    *,
    kind: str,
    sender_org: str,
    sender_device: str,
    device_key: SigningKey,
    recipient_org: str,
    recipient_age_keys: Sequence[str],
    own_age_key: str,
    record_id: str,
    revision: int,
    base_revision: int,
    op_id: str,
    body: bytes,
    created_at: str | None = None,
) -> SealedEnvelope:
    """Sign ``body`` with the device key, then encrypt to the recipient's keys and our own key."""
    signed = sign_envelope(
        kind=kind,
        sender_org=sender_org,
        sender_device=sender_device,
        device_key=device_key,
        recipient_org=recipient_org,
        recipient_age_keys=recipient_age_keys,
        own_age_key=own_age_key,
        record_id=record_id,
        revision=revision,
        base_revision=base_revision,
        op_id=op_id,
        body=body,
        created_at=created_at,
    )
    (data,) = encrypt_plaintexts([signed.plain], signed.age_keys)
    return finish_envelope(signed, data)


def decrypt_envelope(data: bytes, identity: AgeIdentity) -> tuple[bytes, EnvelopeHeader, bytes]:
    """Decrypt and split; no signature or metadata checks (see :func:`open_envelope`)."""
    if len(data) > MAX_ENVELOPE_BYTES:
        raise EnvelopeError("too_large", "Dit bericht is te groot.")
    try:
        plain = pyrage.decrypt(data, [identity.pyrage_identity])
    except Exception as exc:  # noqa: BLE001 - pyrage.DecryptError and friends
        # age cannot tell "not for us" from "damaged": both mean we must not trust it.
        raise EnvelopeError(
            "undecryptable", "Dit bericht kan niet worden geopend: het is beschadigd of niet voor ons bestemd."
        ) from exc
    parts = plain.split(b"\n", 3)
    if len(parts) != 4 or parts[0] != MAGIC:
        raise EnvelopeError("malformed", "Dit bericht is onleesbaar.")
    try:
        signature = base64.b64decode(parts[1], validate=True)
        header = EnvelopeHeader.from_bytes(parts[2])
    except (binascii.Error, ValueError) as exc:
        raise EnvelopeError("malformed", "Dit bericht is onleesbaar.") from exc
    rest = parts[3]
    body = rest[: header.body_length]
    trailer = rest[header.body_length :]
    if len(body) != header.body_length or not trailer.startswith(b"\n") or trailer.strip(_PAD_BYTE):
        raise EnvelopeError("malformed", "Dit bericht is onleesbaar.")
    return signature, header, body


_AGE_MAGIC = b"age-encryption.org/v1\n"
_X25519_STANZA = b"-> X25519 "


def age_x25519_stanzas(data: bytes) -> int:
    """How many X25519 recipients an age file was encrypted to, read from its header.

    An X25519 stanza does not say which key it is for (only an ephemeral share), so this counts;
    together with the signed ``recipient_key_ids`` it shows that no key beyond the signed ones
    can open the message. Other stanzas (age adds random "grease" ones) are not recipients.
    """
    if not data.startswith(_AGE_MAGIC):
        raise EnvelopeError("malformed", "Dit bericht is onleesbaar.")
    end = data.find(b"\n---", 0, 64 * 1024)
    if end < 0:
        raise EnvelopeError("malformed", "Dit bericht is onleesbaar.")
    return sum(1 for line in data[len(_AGE_MAGIC) : end].split(b"\n") if line.startswith(_X25519_STANZA))


DeviceKeyLookup = Callable[[str, str], bytes | None]
"""(sender org id, sender device id) → that device's Ed25519 public key from a verified manifest."""


def check_replay(revision: int, last_revision: int | None) -> None:
    """Refuse a revision not newer than ``last_revision``, the highest already applied from this stream
    (None when none): a replay or a rollback. Part of :func:`open_envelope`; a message opened ahead with
    ``last_revision=None`` gets it when its turn comes."""
    if last_revision is not None and revision <= last_revision:
        raise EnvelopeError("replay", "Dit bericht is ouder dan wat al is ontvangen (herhaald bericht).")


def open_envelope(
    data: bytes,
    *,
    identity: AgeIdentity,
    my_org: str,
    device_key_lookup: DeviceKeyLookup,
    metadata: ServerMetadata,
    last_revision: int | None,
    expected_recipient_ids: Collection[str] | None = None,
) -> OpenedEnvelope:
    """Decrypt, verify and check an incoming envelope. Raises :class:`EnvelopeError` on any doubt.

    ``last_revision`` is the highest revision of this record already applied from this sender
    (None when none); anything not newer is a replay or a rollback and is refused.
    ``expected_recipient_ids``: the key ids the message must be encrypted to, no more and no fewer
    (the recipient's keys and the sender's own-copy key, both from verified manifests); an extra
    recipient would be someone outside both organisations who can read it.
    """
    signature, header, body = decrypt_envelope(data, identity)
    public = device_key_lookup(header.sender_org, header.sender_device)
    if public is None:
        raise EnvelopeError("unknown_sender", "Dit bericht komt van een onbekend apparaat.")
    if not verify_signature(public, signature, _signed_bytes(header.to_bytes(), body)):
        raise EnvelopeError("bad_signature", "De handtekening van dit bericht klopt niet.")
    signed_meta = ServerMetadata(
        op_id=header.op_id,
        kind=header.kind,
        sender_org=header.sender_org,
        sender_device=header.sender_device,
        recipient_org=header.recipient_org,
        record_id=header.record_id,
        revision=header.revision,
        base_revision=header.base_revision,
    )
    if signed_meta != metadata:
        raise EnvelopeError("metadata_mismatch", "De gegevens van de server passen niet bij dit bericht.")
    if header.kind not in KINDS:
        raise EnvelopeError("malformed", "Dit bericht is onleesbaar.")
    if identity.key_id not in header.recipient_key_ids or my_org not in (header.recipient_org, header.sender_org):
        raise EnvelopeError("wrong_recipient", "Dit bericht is niet aan ons gericht.")
    if expected_recipient_ids is not None:
        expected = frozenset(expected_recipient_ids)
        if (
            frozenset(header.recipient_key_ids) != expected
            or len(header.recipient_key_ids) != len(expected)
            or age_x25519_stanzas(data) != len(expected)
        ):
            raise EnvelopeError("recipient_set", "Dit bericht is (ook) versleuteld voor een ontvanger die niet klopt.")
    check_replay(header.revision, last_revision)
    if header.revision <= header.base_revision:
        raise EnvelopeError("malformed", "Dit bericht is onleesbaar.")
    return OpenedEnvelope(header, body)
