"""A data folder: the encrypted database, its key in a SecretStore, and the recovery file.

Layout of a data folder::

    overstap.db (+ -wal)   SQLCipher database
    werkplek.json          which secret store holds the key (no secrets)
    herstel.age            the database key, encrypted to the school's offline recovery key
    geheimen.enc           only in passphrase mode: secrets encrypted with the passphrase
    backups/               copies made before a migration
    logs/overstap.log      the app's log for IT, without personal data (handover.frozen.start_log_file)

A data folder must be on this computer: on a network drive SQLite's write-ahead log is not safe,
so opening or creating one there is refused (:func:`handover.paths.network_location`).
"""

from __future__ import annotations

import json
import os
import secrets as _secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyrage
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from handover import paths
from handover.secrets import SecretStore, SecretStoreError, open_secret_store
from handover.store.database import StoreError, create_store_engine, migrate
from handover.store.models import Setting

RECOVERY_RECIPIENT_KEY = "internal.recovery_recipient"

DB_KEY = "database-key"
INFO_FILENAME = "werkplek.json"


class MissingKey(StoreError):
    pass


class NetworkFolder(StoreError):
    """The data folder is on a network drive (UNC path or mapped drive letter)."""


@dataclass
class Workspace:
    data_dir: Path
    engine: Engine
    secrets: SecretStore
    _factory: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._factory = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: commits on success, rolls back whole on any error."""
        with self._factory.begin() as session:
            yield session

    def read_session(self) -> Session:
        return self._factory()

    def close(self) -> None:
        self.engine.dispose()


def _info_path(data_dir: Path) -> Path:
    return data_dir / INFO_FILENAME


def read_info(data_dir: Path) -> dict[str, object] | None:
    path = _info_path(data_dir)
    if not path.exists():
        return None
    return dict(json.loads(path.read_text("utf-8")))


def is_initialised(data_dir: Path) -> bool:
    return _info_path(data_dir).exists() and paths.db_path(data_dir).exists()


def format_recovery_code(identity: str) -> str:
    """The recovery key in groups of six for reading aloud and typing back."""
    body = identity.removeprefix("AGE-SECRET-KEY-1")
    return "-".join(body[i : i + 6] for i in range(0, len(body), 6))


def parse_recovery_code(code: str) -> pyrage.x25519.Identity:
    body = "".join(ch for ch in code.upper() if ch.isalnum())
    body = body.removeprefix("AGESECRETKEY1")
    try:
        return pyrage.x25519.Identity.from_str("AGE-SECRET-KEY-1" + body)
    except Exception:  # noqa: BLE001 - pyrage raises ValueError or IdentityError
        raise StoreError("Deze herstelcode is niet geldig. Controleer de tekens.") from None


def _resolve_store(
    data_dir: Path, secret_store: SecretStore | None, passphrase: str | None, mode: str | None, create: bool
) -> SecretStore:
    if secret_store is not None:
        return secret_store
    if mode is None:
        mode = "passphrase" if passphrase else "keyring"
    return open_secret_store(data_dir, mode, passphrase, create=create)


def init_workspace(
    data_dir: Path, *, secret_store: SecretStore | None = None, passphrase: str | None = None
) -> tuple[Workspace, str]:
    """Create a new data folder. Returns the open workspace and the recovery code (show it once)."""
    data_dir = Path(data_dir)
    _refuse_network_folder(data_dir)
    if is_initialised(data_dir):
        raise StoreError(f"In {data_dir} staan al gegevens van Overstap.")
    data_dir.mkdir(parents=True, exist_ok=True)
    store = _resolve_store(data_dir, secret_store, passphrase, None, create=True)
    key = _secrets.token_bytes(32)
    store.set(DB_KEY, key)
    recovery = pyrage.x25519.Identity.generate()
    paths.recovery_path(data_dir).write_bytes(pyrage.encrypt(key, [recovery.to_public()]))
    # werkplek.json is plain text anyone with the folder can edit: nothing that matters for
    # security goes there. The recovery key's public half (where the school's own copy of every
    # sent message goes) lives in the encrypted database instead.
    _info_path(data_dir).write_text(json.dumps({"format": 1, "secret_store": store.kind}, indent=2), "utf-8")
    workspace = _open(data_dir, store, key)
    with workspace.session() as session:
        session.add(Setting(key=RECOVERY_RECIPIENT_KEY, value=str(recovery.to_public())))
    return workspace, format_recovery_code(str(recovery))


def recovery_recipient(session: Session) -> str | None:
    """The public half of the recovery code, kept in the encrypted database (None in data folders
    made before it was kept there: their plain-text copy in werkplek.json is not trusted)."""
    row = session.get(Setting, RECOVERY_RECIPIENT_KEY)
    value = row.value if row is not None else None
    return value if isinstance(value, str) and value.startswith("age1") else None


def _refuse_network_folder(data_dir: Path) -> None:
    """SQLite's write-ahead log is not safe on a network drive: refuse before anything is written."""
    problem = paths.refuse_network_folder(data_dir)
    if problem is not None:
        raise NetworkFolder(problem)


def _open(data_dir: Path, store: SecretStore, key: bytes) -> Workspace:
    db_file = paths.db_path(data_dir)
    engine = create_store_engine(db_file, key)
    try:
        migrate(engine, db_file, backup_to=paths.backup_dir(data_dir))
    except Exception:
        engine.dispose()
        raise
    return Workspace(data_dir, engine, store)


def open_workspace(
    data_dir: Path, *, secret_store: SecretStore | None = None, passphrase: str | None = None
) -> Workspace:
    data_dir = Path(data_dir)
    _refuse_network_folder(data_dir)
    info = read_info(data_dir)
    if info is None or not paths.db_path(data_dir).exists():
        raise StoreError(f"In {data_dir} staan nog geen gegevens. Begin met 'handover init'.")
    store = _resolve_store(data_dir, secret_store, passphrase, str(info.get("secret_store")), create=False)
    key = store.get(DB_KEY)
    if key is None:
        raise MissingKey(
            "De sleutel van deze gegevens staat niet op deze computer (bijvoorbeeld na een herinstallatie). "
            "Herstel de toegang met de herstelcode: handover recover --code ..."
        )
    return _open(data_dir, store, key)


def recover_workspace(
    data_dir: Path, code: str, *, secret_store: SecretStore | None = None, passphrase: str | None = None
) -> Workspace:
    """Put the database key back in the secret store using the printed recovery code."""
    data_dir = Path(data_dir)
    _refuse_network_folder(data_dir)
    identity = parse_recovery_code(code)
    try:
        key = pyrage.decrypt(paths.recovery_path(data_dir).read_bytes(), [identity])
    except FileNotFoundError:
        raise StoreError("Het herstelbestand (herstel.age) ontbreekt in de gegevensmap.") from None
    except Exception:  # noqa: BLE001
        raise StoreError("Deze herstelcode hoort niet bij deze gegevens.") from None
    info = read_info(data_dir) or {}
    mode = "passphrase" if passphrase else str(info.get("secret_store", "keyring"))
    if mode == "memory" and secret_store is None:
        mode = "passphrase" if passphrase else "keyring"
    try:
        store = _resolve_store(data_dir, secret_store, passphrase, mode, create=True)
    except SecretStoreError:
        if passphrase and (data_dir / "geheimen.enc").exists():
            os.replace(data_dir / "geheimen.enc", data_dir / "geheimen.enc.oud")
            store = _resolve_store(data_dir, secret_store, passphrase, mode, create=True)
        else:
            raise
    store.set(DB_KEY, key)
    info["secret_store"] = store.kind
    _info_path(data_dir).write_text(json.dumps(info, indent=2), "utf-8")
    return _open(data_dir, store, key)
