"""Passphrase mode: the KDF parameters live in ``geheimen.enc``, old files are upgraded, one passphrase rule."""

from __future__ import annotations

import base64
import json
import os
import secrets
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from handover.secrets import (
    CURRENT_KDF,
    PASSPHRASE_RULE,
    KdfParams,
    PassphraseSecretStore,
    SecretStoreError,
    WrongPassphrase,
    passphrase_problem,
)

PASS = "een zin van vier woorden"


def write_format_1(folder: Path, passphrase: str, data: dict[str, bytes]) -> None:
    """``geheimen.enc`` exactly as the code before format 2 wrote it: scrypt N=2^15, r=8, p=1, only ``n`` stored."""
    salt = secrets.token_bytes(16)
    key = base64.urlsafe_b64encode(Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode()))
    token = Fernet(key).encrypt(json.dumps({k: base64.b64encode(v).decode() for k, v in data.items()}).encode())
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "geheimen.enc").write_text(
        json.dumps({"salt": base64.b64encode(salt).decode(), "n": 2**15, "token": token.decode()}), "utf-8"
    )


def test_current_parameters_follow_today_s_guidance() -> None:
    assert CURRENT_KDF.n >= 2**17 and CURRENT_KDF.r == 8 and CURRENT_KDF.p == 1


def test_parameters_round_trip_through_the_file(tmp_path: Path) -> None:
    store = PassphraseSecretStore(tmp_path, PASS, create=True)
    store.set("db", b"\x01" * 32)
    blob = json.loads((tmp_path / "geheimen.enc").read_text())
    assert blob["format"] == 2
    assert blob["kdf"] == {"name": "scrypt", "n": CURRENT_KDF.n, "r": 8, "p": 1}
    assert KdfParams.from_file(blob) == CURRENT_KDF
    again = PassphraseSecretStore(tmp_path, PASS)
    assert again.kdf == CURRENT_KDF and again.get("db") == b"\x01" * 32
    assert again.migrated_from is None
    assert not (tmp_path / "backups").exists()


def test_a_save_writes_back_the_parameters_in_use_not_the_default(tmp_path: Path) -> None:
    """The old bug: opened with the file's parameters, saved with the class constant, then unopenable."""
    stronger = KdfParams(n=2**18)
    PassphraseSecretStore(tmp_path, PASS, create=True, kdf=stronger).set("a", b"1")
    # Opened by a build whose default is weaker (a downgrade): the file keeps its own parameters.
    store = PassphraseSecretStore(tmp_path, PASS, kdf=KdfParams(n=2**17))
    assert store.kdf == stronger and store.migrated_from is None
    store.set("b", b"2")
    assert json.loads((tmp_path / "geheimen.enc").read_text())["kdf"]["n"] == 2**18
    reopened = PassphraseSecretStore(tmp_path, PASS)
    assert reopened.get("a") == b"1" and reopened.get("b") == b"2"


def test_a_file_in_today_s_format_is_upgraded_on_open_with_a_backup_first(tmp_path: Path) -> None:
    write_format_1(tmp_path, PASS, {"db": b"\x07" * 32, "age": b"AGE-SECRET-KEY-1XYZ"})
    old_bytes = (tmp_path / "geheimen.enc").read_bytes()
    # A wrong passphrase changes nothing and makes no backup.
    with pytest.raises(WrongPassphrase):
        PassphraseSecretStore(tmp_path, "een ander wachtwoord van lengte")
    assert (tmp_path / "geheimen.enc").read_bytes() == old_bytes
    assert not (tmp_path / "backups").exists()

    store = PassphraseSecretStore(tmp_path, PASS)
    assert store.migrated_from == KdfParams(n=2**15)
    assert store.kdf == CURRENT_KDF
    backups = list((tmp_path / "backups").glob("geheimen-*.enc"))
    assert len(backups) == 1 and backups[0].read_bytes() == old_bytes
    blob = json.loads((tmp_path / "geheimen.enc").read_text())
    assert blob["format"] == 2 and blob["kdf"]["n"] == CURRENT_KDF.n
    assert base64.b64decode(blob["salt"]) != base64.b64decode(json.loads(old_bytes)["salt"])

    second = PassphraseSecretStore(tmp_path, PASS)
    assert second.migrated_from is None
    assert second.get("db") == b"\x07" * 32 and second.get("age") == b"AGE-SECRET-KEY-1XYZ"
    second.set("extra", b"x")
    assert PassphraseSecretStore(tmp_path, PASS).get("extra") == b"x"
    with pytest.raises(WrongPassphrase):
        PassphraseSecretStore(tmp_path, "een ander wachtwoord van lengte")


def test_a_data_folder_in_today_s_format_opens_and_upgrades(tmp_path: Path) -> None:
    """The whole app: a folder made today, its secrets file rewritten in format 1, opens and migrates."""
    from handover.services.app import initialise, open_app

    folder = tmp_path / "d"
    ctx, _ = initialise(folder, org_name="School", user_name="Jan", passphrase=PASS)
    ctx.close()
    data = {k: v for k, v in PassphraseSecretStore(folder, PASS)._data.items()}  # noqa: SLF001 - the fixture
    (folder / "geheimen.enc").unlink()
    write_format_1(folder, PASS, data)
    open_app(folder, passphrase=PASS).close()
    assert json.loads((folder / "geheimen.enc").read_text())["kdf"]["n"] == CURRENT_KDF.n
    assert list((folder / "backups").glob("geheimen-*.enc"))
    open_app(folder, passphrase=PASS).close()


def test_a_wrong_passphrase_costs_the_full_key_derivation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    PassphraseSecretStore(tmp_path, PASS, create=True)
    derived: list[KdfParams] = []
    real = PassphraseSecretStore._derive

    def spy(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
        derived.append(params)
        return real(passphrase, salt, params)

    monkeypatch.setattr(PassphraseSecretStore, "_derive", staticmethod(spy))
    with pytest.raises(WrongPassphrase):
        PassphraseSecretStore(tmp_path, "verkeerd maar lang genoeg")
    assert derived == [CURRENT_KDF]


@pytest.mark.parametrize(
    "kdf",
    [
        {"name": "scrypt", "n": 2**40, "r": 8, "p": 1},  # would ask for terabytes of memory
        {"name": "scrypt", "n": 1000, "r": 8, "p": 1},  # not a power of two
        {"name": "argon2", "n": 2**17, "r": 8, "p": 1},
        {"name": "scrypt", "n": "veel"},
    ],
)
def test_damaged_parameters_give_a_clear_message(tmp_path: Path, kdf: dict[str, object]) -> None:
    PassphraseSecretStore(tmp_path, PASS, create=True)
    blob = json.loads((tmp_path / "geheimen.enc").read_text())
    blob["kdf"] = kdf
    (tmp_path / "geheimen.enc").write_text(json.dumps(blob))
    with pytest.raises(SecretStoreError) as info:
        PassphraseSecretStore(tmp_path, PASS)
    assert "beschadigd" in str(info.value) and not isinstance(info.value, WrongPassphrase)


@pytest.mark.skipif(sys.platform == "win32", reason="Windows has no POSIX modes; the profile's ACLs apply")
def test_secrets_file_is_owner_only(tmp_path: Path) -> None:
    PassphraseSecretStore(tmp_path, PASS, create=True)
    assert (tmp_path / "geheimen.enc").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("passphrase", "ok"),
    [
        ("", False),
        ("x", False),
        ("kort123", False),
        ("elf tekens!", False),  # 11 characters, two words
        ("twaalftekens", True),
        ("ik ga nu op", True),  # four words, 11 characters
        ("a b c d", False),  # one-letter "words" do not count
        ("correct paard batterij niet", True),
    ],
)
def test_the_passphrase_rule(passphrase: str, ok: bool) -> None:
    assert (passphrase_problem(passphrase) is None) is ok
    if not ok:
        assert passphrase_problem(passphrase) == PASSPHRASE_RULE
        assert "12 tekens" in PASSPHRASE_RULE and "vier woorden" in PASSPHRASE_RULE


@pytest.mark.parametrize(("passphrase", "ok"), [("kort", False), ("ik ga nu op", True)])
def test_command_line_init_follows_the_same_rule(tmp_path: Path, passphrase: str, ok: bool) -> None:
    import subprocess

    env = {k: v for k, v in os.environ.items() if not k.startswith("HANDOVER_")}
    env["HANDOVER_PASSPHRASE"] = passphrase
    folder = tmp_path / "d"
    result = subprocess.run(
        [sys.executable, "-m", "handover", "--data-dir", str(folder), "init", "--org", "School", "--user", "Jan"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    if ok:
        assert result.returncode == 0, result.stderr
        assert (folder / "geheimen.enc").exists()
    else:
        assert result.returncode == 2
        assert "minstens 12 tekens, of een zin van minstens vier woorden" in result.stderr
        assert not (folder / "geheimen.enc").exists()
