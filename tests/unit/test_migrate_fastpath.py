"""migrate() at every start: a database at head is recognised without importing Alembic; one behind
head (or without a schema) still goes through Alembic and is migrated."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from alembic import command

from handover import paths
from handover.store.database import (
    alembic_config,
    create_store_engine,
    current_revision,
    head_from_scripts,
    head_revision,
    migrate,
    stored_revision,
)

KEY = bytes(range(32))
ROOT = Path(__file__).resolve().parents[2]


def test_head_from_the_scripts_text_is_alembics_head() -> None:
    assert head_from_scripts() == head_revision()


def test_new_database_has_no_stored_revision_and_is_migrated(tmp_path: Path) -> None:
    engine = create_store_engine(tmp_path / "overstap.db", KEY)
    assert stored_revision(engine) is None
    assert migrate(engine, tmp_path / "overstap.db") is True
    assert stored_revision(engine) == current_revision(engine) == head_revision()
    engine.dispose()


def test_database_behind_head_is_still_migrated(tmp_path: Path) -> None:
    db = tmp_path / "overstap.db"
    engine = create_store_engine(db, KEY)
    migrate(engine, db)
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "-1")
    behind = stored_revision(engine)
    assert behind != head_revision()
    assert migrate(engine, db, backup_to=tmp_path / "backup") is True
    assert current_revision(engine) == head_revision()
    assert list((tmp_path / "backup").glob("*.db"))  # it held a schema, so it was copied first
    engine.dispose()


def test_database_at_head_opens_without_importing_alembic(tmp_path: Path) -> None:
    db = tmp_path / "overstap.db"
    engine = create_store_engine(db, KEY)
    migrate(engine, db)
    engine.dispose()
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from handover.store.database import create_store_engine, migrate\n"
        f"engine = create_store_engine(Path({str(db)!r}), bytes(range(32)))\n"
        f"print(migrate(engine, Path({str(db)!r})), 'alembic' in sys.modules)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_unclear_scripts_leave_the_decision_to_alembic(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    versions = tmp_path / "db" / "versions"
    versions.mkdir(parents=True)
    (versions / "a.py").write_text('revision = "a"\ndown_revision = None\n', encoding="utf-8")
    (versions / "b.py").write_text('revision = "b"\ndown_revision = "a"\n', encoding="utf-8")
    (versions / "c.py").write_text('revision: str = "c"\ndown_revision: str | None = "a"\n', encoding="utf-8")
    monkeypatch.setattr(paths, "alembic_dir", lambda: tmp_path / "db")
    assert head_from_scripts() is None  # two heads (b and c)
    (versions / "c.py").write_text('revision: str = "c"\ndown_revision: str | None = "b"\n', encoding="utf-8")
    assert head_from_scripts() == "c"
    (versions / "d.py").write_text("# no revision here\n", encoding="utf-8")
    assert head_from_scripts() is None
