"""The join code and what is derived from it (handover.crypto.pairing): typing mistakes are caught
before anything is sent; the proof and the key MAC cover every field they bind."""

from __future__ import annotations

import pytest

from handover.crypto.keys import AgeIdentity
from handover.crypto.pairing import (
    CHECK_CHARS,
    LOOKUP_CHARS,
    SECRET_CHARS,
    CodeFormatError,
    join_proof,
    join_transcript,
    keys_mac,
    keys_mac_ok,
    new_code,
    open_sealed,
    parse_code,
    proof_ok,
    seal_to,
)


def _transcript(**overrides: object) -> bytes:
    values: dict[str, object] = {
        "org_id": "org-1",
        "lookup": "ABCDEFGH",
        "device_id": "dev-1",
        "device_public_key": b"k" * 32,
        "age_recipient": "age1xyz",
        "user_name": "Jan",
    }
    values.update(overrides)
    return join_transcript(**values)  # type: ignore[arg-type]


def test_a_code_reads_back_whatever_the_case_spacing_or_look_alikes() -> None:
    code = new_code()
    text = code.text
    assert len(text.replace("-", "")) == LOOKUP_CHARS + SECRET_CHARS + CHECK_CHARS == 30
    assert [len(group) for group in text.split("-")] == [5] * 6
    assert parse_code(text) == code
    assert parse_code(" " + text.lower().replace("-", " ") + " ") == code
    assert parse_code(text.replace("O", "0").replace("I", "1").replace("B", "8")) == code


def test_every_single_typing_mistake_is_caught_before_anything_is_sent() -> None:
    code = new_code()
    raw = code.text.replace("-", "")
    missed = 0
    for i, ch in enumerate(raw):
        for other in "ACEGKMQSUWY2357":
            if other == ch:
                continue
            try:
                parse_code(raw[:i] + other + raw[i + 1 :])
                missed += 1
            except CodeFormatError:
                pass
    # Two check characters (10 bits): at most about one in a thousand slips through to the server,
    # where an unknown lookup registers nothing and a wrong secret is refused by the school's PC.
    assert missed <= 3
    with pytest.raises(CodeFormatError, match="30 letters"):
        parse_code(raw[:-1])
    with pytest.raises(CodeFormatError):
        parse_code(raw[:-1] + "9")


def test_the_proof_binds_the_secret_and_every_key_of_the_new_pc() -> None:
    code, other = new_code(), new_code()
    transcript = _transcript()
    proof = join_proof(code, transcript)
    assert proof_ok(code, transcript, proof)
    assert not proof_ok(other, transcript, proof)
    for field, value in (
        ("org_id", "org-2"),
        ("lookup", "ABCDEFGX"),
        ("device_id", "dev-2"),
        ("device_public_key", b"x" * 32),
        ("age_recipient", "age1other"),
        ("user_name", "Els"),
    ):
        assert not proof_ok(code, _transcript(**{field: value}), proof), field
    # The key MAC uses another key from the same secret: a proof is never a valid key MAC.
    sealed = b"sealed keys"
    mac = keys_mac(code, transcript, sealed)
    assert mac != proof and keys_mac_ok(code, transcript, sealed, mac)
    assert not keys_mac_ok(code, transcript, sealed + b"!", mac)
    assert not keys_mac_ok(other, transcript, sealed, mac)


def test_sealed_keys_open_only_with_the_new_pcs_own_age_key() -> None:
    mine, theirs = AgeIdentity.generate(), AgeIdentity.generate()
    sealed = seal_to(mine.recipient, b"the school's keys")
    assert open_sealed(mine, sealed) == b"the school's keys"
    assert open_sealed(theirs, sealed) is None
