"""``handover-server`` admin CLI: exit codes and what the administrator sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from handover.server.cli import main


def _db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'srv.db'}"


def test_init_add_list_revoke(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _db(tmp_path)
    assert main(["--db", db, "list"]) == 1
    assert "init" in capsys.readouterr().err
    assert main(["--db", db, "init"]) == 0
    assert main(["--db", db, "init"]) == 0  # idempotent
    assert main(["--db", db, "add-org", "--name", "Gemeente Testdorp", "--kind", "gemeente"]) == 0
    out = capsys.readouterr().out
    org_id = out.split("Organisatie toegevoegd: ")[1].split()[0]
    code = out.split("Eenmalige inschrijfcode: ")[1].split()[0]
    assert len(code.replace("-", "")) == 20
    assert main(["--db", db, "list"]) == 0
    listing = capsys.readouterr().out
    assert org_id in listing and "pending" in listing and "Gemeente Testdorp" in listing
    assert code not in listing
    assert main(["--db", db, "revoke", org_id]) == 0
    assert main(["--db", db, "list"]) == 0
    assert "revoked" in capsys.readouterr().out
    assert main(["--db", db, "revoke", "no-such-org"]) == 1
    assert main(["--db", db, "new-epoch"]) == 0


def test_bad_usage_exits_2(tmp_path: Path) -> None:
    db = _db(tmp_path)
    assert main([]) == 2
    assert main(["--db", db, "add-org", "--name", "X", "--kind", "bedrijf"]) == 2
    assert main(["--db", db, "frobnicate"]) == 2


def test_serve_refuses_a_public_address_without_tls(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _db(tmp_path)
    assert main(["--db", db, "init"]) == 0
    # Refused before anything binds: no socket is opened on any address but loopback.
    assert main(["--db", db, "serve", "--host", "0.0.0.0", "--port", "1"]) == 2
    assert "TLS" in capsys.readouterr().err
    assert main(["--db", db, "serve", "--host", "127.0.0.1", "--tls-cert", "c.pem"]) == 2
