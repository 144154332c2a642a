"""The encrypted store: no plaintext on disk, wrong keys refused, migrations, audit chain, recovery."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import text

from handover import paths
from handover.secrets import MemorySecretStore, PassphraseSecretStore, WrongPassphrase
from handover.services.app import initialise, open_app, recover
from handover.services.consent import ConsentService
from handover.services.dossiers import DossierService
from handover.store import audit
from handover.store.database import NewerDatabase, StoreError, WrongKey, current_revision, head_revision
from handover.store.models import AuditEvent, Setting
from handover.store.workspace import DB_KEY, MissingKey, open_workspace
from tests.conftest import youth_values

SECRET_WORDS = ["Özdemir", "Ĳsbrand", "999999990", "Geheimestraat", "ZeldzameNotitie"]


def _raw_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


def test_no_plaintext_name_or_bsn_in_db_wal_or_journal(ctx, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    service = DossierService(ctx)
    youth_id = service.create_youth(youth_values(address="Geheimestraat 12"))
    service.update_fields(youth_id, {"notes": "ZeldzameNotitie over thuis"})
    service.save_draft(youth_id, "phone", "06-Özdemir-draft")
    # Look while the WAL still holds the last writes (connection open), and again after closing.
    files = {p.name for p in data_dir.iterdir()}
    assert "overstap.db" in files
    raw_open = _raw_bytes(data_dir)
    ctx.close()
    raw_closed = _raw_bytes(data_dir)
    for word in SECRET_WORDS:
        for encoding in ("utf-8", "utf-16-le"):
            needle = word.encode(encoding)
            assert needle not in raw_open, f"{word} found in plaintext"
            assert needle not in raw_closed, f"{word} found in plaintext"


def test_wal_and_pragmas_are_on(ctx) -> None:  # type: ignore[no-untyped-def]
    with ctx.workspace.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA cipher_version")).scalar()


def test_wrong_key_refused_and_db_untouched(ctx, data_dir: Path, secret_store: MemorySecretStore) -> None:  # type: ignore[no-untyped-def]
    DossierService(ctx).create_youth(youth_values())
    ctx.close()
    before = paths.db_path(data_dir).read_bytes()
    wrong = MemorySecretStore()
    wrong.set(DB_KEY, b"\x01" * 32)
    with pytest.raises(WrongKey) as info:
        open_workspace(data_dir, secret_store=wrong)
    assert "klopt niet" in str(info.value)
    assert paths.db_path(data_dir).read_bytes() == before
    with pytest.raises(MissingKey):
        open_workspace(data_dir, secret_store=MemorySecretStore())
    reopened = open_app(data_dir, secret_store=secret_store)
    reopened.close()


def test_passphrase_mode_wrong_passphrase(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    ctx, _ = initialise(folder, org_name="School", user_name="Jan", passphrase="goed wachtwoord")
    ctx.close()
    assert (folder / "geheimen.enc").exists()
    with pytest.raises(WrongPassphrase):
        open_app(folder, passphrase="fout wachtwoord")
    assert b"goed wachtwoord" not in _raw_bytes(folder)
    open_app(folder, passphrase="goed wachtwoord").close()
    secrets_file = json.loads((folder / "geheimen.enc").read_text())
    assert set(secrets_file) == {"format", "kdf", "salt", "token"}
    store = PassphraseSecretStore(folder, "goed wachtwoord")
    assert store.get(DB_KEY) is not None and len(store.get(DB_KEY) or b"") == 32


def test_migration_from_empty_and_reopen_is_noop(ctx, data_dir: Path, secret_store) -> None:  # type: ignore[no-untyped-def]
    assert current_revision(ctx.workspace.engine) == head_revision()
    ctx.close()
    mtime = paths.db_path(data_dir).stat().st_mtime_ns
    for _ in range(2):
        again = open_app(data_dir, secret_store=secret_store)
        assert current_revision(again.workspace.engine) == head_revision()
        again.close()
    assert not paths.backup_dir(data_dir).exists()  # nothing migrated, so nothing backed up
    assert paths.db_path(data_dir).stat().st_mtime_ns >= mtime


def test_database_from_newer_version_is_refused(ctx, data_dir: Path, secret_store) -> None:  # type: ignore[no-untyped-def]
    with ctx.workspace.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff_future'"))
    ctx.close()
    before = paths.db_path(data_dir).read_bytes()
    with pytest.raises(NewerDatabase) as info:
        open_app(data_dir, secret_store=secret_store)
    assert "nieuwere versie" in str(info.value)
    assert paths.db_path(data_dir).read_bytes() == before


def test_old_database_is_backed_up_then_migrated(ctx, data_dir: Path, secret_store) -> None:  # type: ignore[no-untyped-def]
    """Simulate the previous release: the schema one revision back (or empty when there is one revision)."""
    from alembic import command

    from handover.store.database import alembic_config

    youth_id = DossierService(ctx).create_youth(youth_values())
    ConsentService(ctx).record(
        youth_id,
        {
            "given_by": "jongere",
            "given_by_name": "Ayla",
            "recipient": "Werk en Inkomen",
            "purpose": "overstap",
            "given_on": "01-10-2025",
            "form": "papier",
        },
        sections=["B"],
    )
    heads = head_revision()
    with ctx.workspace.engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "-1")
    previous = current_revision(ctx.workspace.engine)
    assert previous != heads
    ctx.close()
    reopened = open_app(data_dir, secret_store=secret_store)
    assert current_revision(reopened.workspace.engine) == heads
    reopened.close()
    if previous is not None:  # a previous release with data: it was copied first and survives
        assert list(paths.backup_dir(data_dir).glob("*.db"))
        again = open_app(data_dir, secret_store=secret_store)
        kept = DossierService(again).get(youth_id)
        assert kept.last_name == "Özdemir"
        assert len(kept.consents) == 1  # going back one revision did not cascade through the young people
        again.close()


def test_audit_chain_detects_edit_and_delete(ctx) -> None:  # type: ignore[no-untyped-def]
    service = DossierService(ctx)
    youth_id = service.create_youth(youth_values())
    for n in range(3):
        service.update_fields(youth_id, {"city": f"Stad {n}"})
    with ctx.session() as session:
        report = audit.verify(session)
        assert report.ok and report.events == 5  # init + create + 3 changes
    # An edited event
    with ctx.session() as session:
        event = session.get(AuditEvent, 3)
        event.actor = "iemand anders"
    with ctx.session() as session:
        report = audit.verify(session)
        assert not report.ok and report.at_seq == 3 and "veranderd" in (report.problem or "")
        session.get(AuditEvent, 3).actor = "Marieke de Jong"
    with ctx.session() as session:
        assert audit.verify(session).ok
    # A deleted event in the middle
    with ctx.session() as session:
        saved = {
            c: getattr(session.get(AuditEvent, 2), c)
            for c in ("seq", "at", "actor", "action", "entity", "entity_id", "detail", "prev_hash", "hash")
        }
        session.delete(session.get(AuditEvent, 2))
    with ctx.session() as session:
        report = audit.verify(session)
        assert not report.ok and report.at_seq == 2
        session.add(AuditEvent(**saved))
    # The last event removed (tail cut off)
    with ctx.session() as session:
        session.delete(session.get(AuditEvent, 5))
    with ctx.session() as session:
        report = audit.verify(session)
        assert not report.ok and "ontbreken" in (report.problem or "")


def test_audit_detail_never_holds_names_or_bsn(ctx) -> None:  # type: ignore[no-untyped-def]
    service = DossierService(ctx)
    youth_id = service.create_youth(youth_values())
    service.update_fields(youth_id, {"last_name": "Çelik"})
    with ctx.session() as session:
        dumped = json.dumps([e.detail for e in session.query(AuditEvent).all()], ensure_ascii=False)
    for word in ("Özdemir", "Çelik", "999999990", "Ĳsbrand"):
        assert word not in dumped


def test_recovery_code_restores_access_after_reinstall(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    store = MemorySecretStore()
    ctx, code = initialise(folder, org_name="School", user_name="Jan", secret_store=store)
    youth_id = DossierService(ctx).create_youth(youth_values())
    ctx.close()
    fresh = MemorySecretStore()  # a reinstalled PC: the keychain is empty
    with pytest.raises(MissingKey):
        open_app(folder, secret_store=fresh)
    with pytest.raises(StoreError):
        recover(folder, code.replace(code[:6], "AAAAAA"), secret_store=fresh)
    restored = recover(folder, code.lower(), secret_store=fresh)
    assert DossierService(restored).get(youth_id).last_name == "Özdemir"
    restored.close()
    assert fresh.get(DB_KEY) == store.get(DB_KEY)


def test_init_twice_is_refused(ctx, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StoreError):
        initialise(data_dir, org_name="X", user_name="Y", secret_store=MemorySecretStore())


def test_settings_are_in_the_encrypted_db(ctx) -> None:  # type: ignore[no-untyped-def]
    with ctx.session() as session:
        assert session.get(Setting, "org_name").value == "Praktijkschool De Brug"


def test_keyring_refuses_plaintext_backends(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring
    from keyring.backends import fail

    from handover.secrets import KeyringSecretStore, SecretStoreError, secure_keyring_backend

    class PlaintextKeyring(fail.Keyring):
        """Stands in for keyrings.alt's plaintext file backend."""

    monkeypatch.setattr(keyring, "get_keyring", lambda: PlaintextKeyring())
    assert secure_keyring_backend() is None
    with pytest.raises(SecretStoreError) as info:
        KeyringSecretStore(tmp_path)
    assert "wachtwoord" in str(info.value)


def test_copy_of_data_folder_without_key_is_useless(ctx, data_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    DossierService(ctx).create_youth(youth_values())
    ctx.close()
    stolen = tmp_path / "gestolen"
    shutil.copytree(data_dir, stolen)
    with pytest.raises(MissingKey):
        open_app(stolen, secret_store=MemorySecretStore())


def test_concurrent_reads_from_short_lived_threads(ctx) -> None:  # type: ignore[no-untyped-def]
    """Like Qt's thread pool: many short jobs on fresh threads at once must not break each other's connection."""
    import threading

    from handover.services import queries

    DossierService(ctx).create_youth(youth_values())
    errors: list[BaseException] = []

    def job() -> None:
        try:
            for _ in range(5):
                assert len(queries.youth_rows(ctx)) == 1
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    for _ in range(4):
        threads = [threading.Thread(target=job) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert errors == []
