"""The SQLCipher engine and migrate-on-open."""

from __future__ import annotations

import datetime as dt
import logging
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import URL, Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.pool import QueuePool

from handover import paths

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)


class StoreError(Exception):
    """The database cannot be opened; the message is plain Dutch for the user."""


class WrongKey(StoreError):
    pass


class NewerDatabase(StoreError):
    pass


def create_store_engine(db_file: Path, key: bytes) -> Engine:
    """SQLCipher with a raw 256-bit key (no slow key derivation), WAL, synchronous=FULL, foreign keys."""
    if len(key) != 32:
        raise StoreError("De databasesleutel heeft een verkeerde lengte.")
    url = URL.create("sqlite+pysqlcipher", password=f"x'{key.hex()}'", database=str(db_file))
    # QueuePool, not the dialect's default SingletonThreadPool: Qt's pool threads lose thread-local
    # state between jobs, so a per-thread pool keeps opening connections and then closes ones in use.
    engine = create_engine(
        url, poolclass=QueuePool, pool_size=4, max_overflow=4, connect_args={"check_same_thread": False}
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()

    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar()
    except DatabaseError as exc:
        engine.dispose()
        if "not a database" in str(exc):
            raise WrongKey(
                "De database kan niet worden geopend: de sleutel of het wachtwoord klopt niet. Er is niets veranderd."
            ) from None
        raise StoreError(f"De database kan niet worden geopend ({type(exc.orig).__name__}).") from None
    return engine


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(paths.alembic_dir()))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    if len(heads) != 1:
        raise StoreError(f"Meer dan één schemaversie gevonden: {heads}")
    return heads[0]


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


_REVISION = re.compile(r"^(down_revision|revision)\s*(?::[^=]*)?=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)


def head_from_scripts() -> str | None:
    """The head revision read from the scripts' text, without importing Alembic (its import and the
    parsing of every script cost ~0.3-1 s at every start): the one revision no script names as its
    down_revision. None when that is not clear (a merge, a script it cannot read): Alembic decides then."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (paths.alembic_dir() / "versions").glob("*.py"):
        found = dict(_REVISION.findall(script.read_text(encoding="utf-8")))
        if "revision" not in found:
            return None
        revisions.add(found["revision"])
        if "down_revision" in found:
            parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def stored_revision(engine: Engine) -> str | None:
    """The revision in ``alembic_version`` with one SELECT; None when there is no single one (a new database)."""
    with engine.connect() as conn:
        try:
            rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
        except DatabaseError:  # no such table: a new database
            return None
    return str(rows[0][0]) if len(rows) == 1 else None


def migrate(engine: Engine, db_file: Path, backup_to: Path | None = None) -> bool:
    """Bring the schema to the head revision. Backs up the file first when it holds data.

    Returns True when something was migrated. Refuses a database from a newer app version.
    """
    stored = stored_revision(engine)
    if stored is not None and stored == head_from_scripts():
        return False  # the common case, at every start: no Alembic import
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return False
    if current is not None:
        try:
            script.get_revision(current)
        except Exception:  # noqa: BLE001 - alembic raises several kinds for an unknown revision
            raise NewerDatabase(
                "Deze gegevens zijn gemaakt met een nieuwere versie van Overstap. Installeer de nieuwste "
                "versie; de gegevens zijn niet aangeraakt."
            ) from None
        if backup_to is not None:
            backup_file(engine, db_file, backup_to, current)
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    log.info("schema migrated from %s to %s", current, head)
    return True


def backup_file(engine: Engine, db_file: Path, folder: Path, label: str) -> Path:
    """Copy the (encrypted) database file after folding the WAL into it."""
    folder.mkdir(parents=True, exist_ok=True)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{db_file.stem}-{label}-{stamp}.db"
    shutil.copy2(db_file, target)
    return target
