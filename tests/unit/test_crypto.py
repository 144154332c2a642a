"""Envelopes, keys, manifests and fingerprints: what a receiver accepts and what it refuses."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import uuid
from dataclasses import dataclass, replace
from pathlib import Path

import pyrage
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handover.crypto import (
    AgeIdentity,
    EnvelopeError,
    LocalKeys,
    ManifestError,
    ServerMetadata,
    SigningKey,
    build_manifest,
    fingerprint,
    key_id,
    load_keys,
    load_or_create_keys,
    open_envelope,
    seal_envelope,
    verify_manifest,
)
from handover.crypto.envelope import MAGIC, decrypt_envelope, padded_size
from handover.crypto.manifest import SignedManifest
from handover.secrets import MemorySecretStore


@dataclass
class Org:
    org_id: str
    keys: LocalKeys


def make_org() -> Org:
    return Org(str(uuid.uuid4()), load_or_create_keys(MemorySecretStore()))


SCHOOL = make_org()
GEMEENTE = make_org()
OTHER = make_org()


def lookup(org_id: str, device_id: str) -> bytes | None:
    for org in (SCHOOL, GEMEENTE, OTHER):
        if org.org_id == org_id and org.keys.device_id == device_id:
            return org.keys.device.public_bytes
    return None


def seal(
    body: bytes = b'{"naam":"x"}',
    *,
    revision: int = 1,
    base_revision: int = 0,
    to: Org = GEMEENTE,
    op_id: str | None = None,
    record_id: str = "rec-1",
):
    return seal_envelope(
        kind="dossier",
        sender_org=SCHOOL.org_id,
        sender_device=SCHOOL.keys.device_id,
        device_key=SCHOOL.keys.device,
        recipient_org=to.org_id,
        recipient_age_keys=[to.keys.org_age.recipient],
        own_age_key=SCHOOL.keys.org_age.recipient,
        record_id=record_id,
        revision=revision,
        base_revision=base_revision,
        op_id=op_id or str(uuid.uuid4()),
        body=body,
    )


def meta_of(sealed) -> ServerMetadata:
    h = sealed.header
    return ServerMetadata(
        h.op_id, h.kind, h.sender_org, h.sender_device, h.recipient_org, h.record_id, h.revision, h.base_revision
    )


def open_as(org: Org, data: bytes, meta: ServerMetadata, last_revision: int | None = None):
    return open_envelope(
        data,
        identity=org.keys.org_age,
        my_org=org.org_id,
        device_key_lookup=lookup,
        metadata=meta,
        last_revision=last_revision,
    )


def test_roundtrip_recipient_and_sender_copy() -> None:
    sealed = seal(b'{"a":1}')
    opened = open_as(GEMEENTE, sealed.data, meta_of(sealed))
    assert opened.body == b'{"a":1}'
    assert opened.header.sender_org == SCHOOL.org_id
    # The sender's own key is a recipient too, so a reinstalled school can read what it sent.
    assert open_as(SCHOOL, sealed.data, meta_of(sealed)).body == b'{"a":1}'


def test_sizes_are_padded_to_buckets() -> None:
    small = seal(b"x")
    bigger = seal(b"y" * 300)
    ident = GEMEENTE.keys.org_age.pyrage_identity
    # The age file itself varies by a few bytes (rage adds random "grease" header stanzas), but the
    # encrypted plaintext is exactly one bucket for both.
    assert len(pyrage.decrypt(small.data, [ident])) == len(pyrage.decrypt(bigger.data, [ident])) == 2048
    assert padded_size(1) == 2048 and padded_size(2049) == 4096 and padded_size(4097) == 6144
    assert padded_size(70_000) == 128 * 1024


def test_flipped_bit_anywhere_is_rejected() -> None:
    sealed = seal()
    for position in (0, 40, len(sealed.data) // 2, len(sealed.data) - 1):
        tampered = bytearray(sealed.data)
        tampered[position] ^= 0x01
        with pytest.raises(EnvelopeError) as err:
            open_as(GEMEENTE, bytes(tampered), meta_of(sealed))
        assert err.value.code in {"undecryptable", "malformed"}


def test_server_metadata_must_equal_signed_header() -> None:
    sealed = seal(revision=2, base_revision=1)
    for field, value in [
        ("record_id", "rec-2"),
        ("revision", 3),
        ("base_revision", 0),
        ("kind", "status"),
        ("op_id", str(uuid.uuid4())),
        ("recipient_org", OTHER.org_id),
    ]:
        with pytest.raises(EnvelopeError) as err:
            open_as(GEMEENTE, sealed.data, replace(meta_of(sealed), **{field: value}))
        assert err.value.code == "metadata_mismatch", field


def test_swapped_header_breaks_signature() -> None:
    """Take the header of message A and the signed body of message B: the signature must fail."""
    a, b = seal(b'{"who":"a"}', record_id="rec-a"), seal(b'{"who":"b"}', record_id="rec-b")
    sig_a, header_a, _ = decrypt_envelope(a.data, GEMEENTE.keys.org_age)
    _, _, body_b = decrypt_envelope(b.data, GEMEENTE.keys.org_age)
    import base64

    forged_plain = b"\n".join([MAGIC, base64.b64encode(sig_a), header_a.to_bytes(), body_b]) + b"\n"
    forged_plain += b"\n" * (padded_size(len(forged_plain)) - len(forged_plain))
    forged = pyrage.encrypt(forged_plain, [pyrage.x25519.Recipient.from_str(GEMEENTE.keys.org_age.recipient)])
    with pytest.raises(EnvelopeError) as err:
        open_as(GEMEENTE, forged, meta_of(a))
    assert err.value.code == "bad_signature"


def test_message_for_another_org_is_rejected() -> None:
    sealed = seal(to=OTHER)
    with pytest.raises(EnvelopeError) as err:
        open_as(GEMEENTE, sealed.data, meta_of(sealed))
    assert err.value.code == "undecryptable"


def test_surreptitious_forwarding_is_rejected() -> None:
    """OTHER decrypts a message meant for it and re-encrypts the signed plaintext to GEMEENTE."""
    sealed = seal(to=OTHER)
    plain = pyrage.decrypt(sealed.data, [OTHER.keys.org_age.pyrage_identity])
    forwarded = pyrage.encrypt(plain, [pyrage.x25519.Recipient.from_str(GEMEENTE.keys.org_age.recipient)])
    with pytest.raises(EnvelopeError) as err:
        open_as(GEMEENTE, forwarded, replace(meta_of(sealed)))
    assert err.value.code == "wrong_recipient"


def test_unsigned_and_forged_messages_are_rejected() -> None:
    sealed = seal()
    _, header, body = decrypt_envelope(sealed.data, GEMEENTE.keys.org_age)
    for signature_line in (b"", b"A" * 88):
        plain = b"\n".join([MAGIC, signature_line, header.to_bytes(), body]) + b"\n"
        data = pyrage.encrypt(plain, [pyrage.x25519.Recipient.from_str(GEMEENTE.keys.org_age.recipient)])
        with pytest.raises(EnvelopeError) as err:
            open_as(GEMEENTE, data, meta_of(sealed))
        assert err.value.code in {"bad_signature", "malformed"}
    # Signed by a key that is not the school's registered device key.
    impostor = seal_envelope(
        kind="dossier",
        sender_org=SCHOOL.org_id,
        sender_device=SCHOOL.keys.device_id,
        device_key=SigningKey.generate(),
        recipient_org=GEMEENTE.org_id,
        recipient_age_keys=[GEMEENTE.keys.org_age.recipient],
        own_age_key=SCHOOL.keys.org_age.recipient,
        record_id="rec-1",
        revision=1,
        base_revision=0,
        op_id=str(uuid.uuid4()),
        body=b"{}",
    )
    with pytest.raises(EnvelopeError) as err:
        open_as(GEMEENTE, impostor.data, meta_of(impostor))
    assert err.value.code == "bad_signature"
    # Unknown device id.
    with pytest.raises(EnvelopeError) as err:
        open_envelope(
            sealed.data,
            identity=GEMEENTE.keys.org_age,
            my_org=GEMEENTE.org_id,
            device_key_lookup=lambda org, dev: None,
            metadata=meta_of(sealed),
            last_revision=None,
        )
    assert err.value.code == "unknown_sender"


def test_replay_and_rollback_are_rejected() -> None:
    rev3 = seal(revision=3, base_revision=2)
    assert open_as(GEMEENTE, rev3.data, meta_of(rev3), last_revision=2).header.revision == 3
    for last in (3, 4):
        with pytest.raises(EnvelopeError) as err:
            open_as(GEMEENTE, rev3.data, meta_of(rev3), last_revision=last)
        assert err.value.code == "replay"


def test_fingerprint_is_six_groups_of_four_and_stable() -> None:
    fp = fingerprint(SCHOOL.keys.org_root.public_bytes)
    assert re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){5}", fp)
    assert fp == fingerprint(SCHOOL.keys.org_root.public_bytes)
    assert fp != fingerprint(GEMEENTE.keys.org_root.public_bytes)
    assert len(key_id("age1xyz")) == 16


def test_keys_persist_only_through_secret_store() -> None:
    store = MemorySecretStore()
    assert load_keys(store) is None
    keys = load_or_create_keys(store)
    again = load_or_create_keys(store)
    assert again.org_age.recipient == keys.org_age.recipient
    assert again.device.public_bytes == keys.device.public_bytes
    assert load_keys(store) is not None and load_keys(MemorySecretStore()) is None


def test_manifest_verifies_and_pin_detects_key_swap() -> None:
    signed = build_manifest(GEMEENTE.keys, GEMEENTE.org_id)
    manifest = verify_manifest(signed, expected_org_id=GEMEENTE.org_id, pinned_root=GEMEENTE.keys.org_root.public_bytes)
    assert manifest.age_recipients == (GEMEENTE.keys.org_age.recipient,)
    assert manifest.device_key(GEMEENTE.keys.device_id) == GEMEENTE.keys.device.public_bytes
    with pytest.raises(ManifestError):
        verify_manifest(signed, expected_org_id=OTHER.org_id, pinned_root=None)
    swapped = build_manifest(OTHER.keys, GEMEENTE.org_id)  # a server presenting other keys
    with pytest.raises(ManifestError):
        verify_manifest(swapped, expected_org_id=GEMEENTE.org_id, pinned_root=GEMEENTE.keys.org_root.public_bytes)
    edited = SignedManifest(
        signed.root_public_key, signed.manifest_bytes.replace(b'"serial":1', b'"serial":2'), signed.signature
    )
    with pytest.raises(ManifestError):
        verify_manifest(edited, expected_org_id=GEMEENTE.org_id, pinned_root=None)


@settings(max_examples=25, deadline=None)
@given(body=st.binary(max_size=5000), revision=st.integers(min_value=1, max_value=2**40))
def test_roundtrip_property(body: bytes, revision: int) -> None:
    sealed = seal(body, revision=revision, base_revision=revision - 1)
    opened = open_as(GEMEENTE, sealed.data, meta_of(sealed), last_revision=revision - 1)
    assert opened.body == body and opened.header.revision == revision
    assert len(sealed.data) < len(body) + 2048 + 1024  # at most one padding step plus age overhead


def test_age_tool_decrypts_with_exported_identity(tmp_path: Path) -> None:
    age = shutil.which("age")
    if age is None:
        print("SKIP reason: the 'age' command-line tool is not installed (apt-get install age)")
        pytest.skip("the 'age' command-line tool is not installed (apt-get install age)")
    identity_file = tmp_path / "gemeente-identity.txt"
    GEMEENTE.keys.org_age.export_identity_file(identity_file)
    if sys.platform != "win32":  # Windows has no POSIX modes; the profile's ACLs apply
        assert identity_file.stat().st_mode & 0o077 == 0
    body = b'{"dossier":{"voornaam":"Test"}}'
    sealed = seal(body)
    message = tmp_path / "bericht.age"
    message.write_bytes(sealed.data)
    result = subprocess.run(
        [age, "-d", "-i", str(identity_file), str(message)], capture_output=True, check=True, timeout=30
    )
    lines = result.stdout.split(b"\n")
    assert lines[0] == MAGIC
    assert lines[2] == sealed.header.to_bytes()
    assert lines[3] == body
    assert set(b"".join(lines[4:])) <= set()


def test_age_identity_roundtrip_through_secret_bytes() -> None:
    ident = AgeIdentity.generate()
    assert AgeIdentity.from_secret(ident.secret_bytes()).recipient == ident.recipient
