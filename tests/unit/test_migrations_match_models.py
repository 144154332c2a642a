"""The revisions build exactly the schema the models describe, and 0006 goes down without losing data."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine

import handover.store
from handover.store.database import alembic_config
from handover.store.models import Base


def _import_all_models() -> None:
    for info in pkgutil.iter_modules(handover.store.__path__):
        importlib.import_module(f"handover.store.{info.name}")
    importlib.import_module("handover.sync.models")


def _engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _fk(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        dbapi_conn.execute("PRAGMA foreign_keys=ON")

    return engine


def _insert(conn, table: str, **given: object) -> None:  # type: ignore[no-untyped-def]
    """One row with the given values; every other NOT NULL column gets a plain value of its type."""
    values: dict[str, object] = {}
    for _cid, name, kind, notnull, _default, _pk in conn.execute(text(f"PRAGMA table_info({table})")):
        if notnull:
            values[name] = 0 if kind.upper() in ("INTEGER", "BOOLEAN") else "2026-01-01"
    values.update(given)
    names = ", ".join(values)
    conn.execute(text(f"INSERT INTO {table} ({names}) VALUES ({', '.join(':' + c for c in values)})"), values)


def _run(engine: Engine, fn: str, target: str) -> None:
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        getattr(command, fn)(cfg, target)


def test_upgraded_database_matches_the_models(tmp_path: Path) -> None:
    _import_all_models()
    engine = _engine(tmp_path / "schema.db")
    _run(engine, "upgrade", "head")
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_0006_adds_the_workspace_and_goes_down_without_losing_consents(tmp_path: Path) -> None:
    engine = _engine(tmp_path / "round.db")
    _run(engine, "upgrade", "0005_student_number_representative")
    with engine.begin() as conn:
        _insert(conn, "youths", id="y1", first_names="Ayla", last_name="Özdemir")
        _insert(conn, "consents", id="c1", youth_id="y1", sections="[]", given_on="2025-10-01")
        conn.execute(
            text(
                "INSERT INTO received_dossiers (sender_org, record_id, school_name, revision, op_id, "
                "envelope_sha256, signer_device, sent_at, received_at, body) VALUES ('s', 'r', 'School', 3, "
                "'op', 'sha', 'dev', 'now', '2026-01-01', '{\"a\": 1}')"
            )
        )
    _run(engine, "upgrade", "0006_gemeente_workspace")
    with engine.connect() as conn:
        consent = conn.execute(text("SELECT includes_checkins, includes_checkin_notes FROM consents")).one()
        assert tuple(consent) == (0, 0)  # off by default, also for consents given before
        assert conn.execute(text("SELECT case_status FROM received_dossiers")).scalar() == "ontvangen"
        kept = conn.execute(text("SELECT revision, body FROM received_versions")).one()
        assert kept[0] == 3 and '"a"' in kept[1]  # the version already held is the first kept version
    _run(engine, "downgrade", "0005_student_number_representative")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM consents")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM received_dossiers")).scalar() == 1
        columns = {r[1] for r in conn.execute(text("PRAGMA table_info(consents)"))}
        assert "includes_checkins" not in columns
        tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))}
        assert "agreement_versions" not in tables and "received_versions" not in tables
