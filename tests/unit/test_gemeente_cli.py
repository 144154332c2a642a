"""``handover list`` and ``handover print --youth`` in the gemeente role (the school's behaviour stays)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from handover.cli.entry import run
from handover.services.app import initialise
from handover.services.context import AppContext
from tests.unit.test_gemeente_queries import GEMEENTE, SCHOOL, receive, sealed_body, withdraw
from tests.unit.test_reports import full_youth

PASS = "een lang wachtwoord voor tests"


@pytest.fixture
def folder(ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[str]]:
    """A gemeente data folder (passphrase mode) holding two received dossiers, one of them withdrawn."""
    monkeypatch.setenv("HANDOVER_PASSPHRASE", PASS)
    data_dir = tmp_path / "gemeente"
    gemeente, _code = initialise(
        data_dir, org_name=GEMEENTE, user_name="Anouk Visser", role="gemeente", passphrase=PASS
    )
    ids = [full_youth(ctx, sections=("C", "F")), full_youth(ctx, sections=("C",))]
    try:
        for youth_id in ids:
            receive(gemeente, sealed_body(ctx, youth_id), revision=1, record_id=youth_id)
        withdraw(gemeente, ids[1])
    finally:
        gemeente.close()
    return data_dir, ids


def test_list_shows_received_dossiers(folder: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str]) -> None:
    data_dir, ids = folder
    assert run(["--data-dir", str(data_dir), "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    first, second = lines
    assert re.match(rf"^{ids[0][:8]}  Ĳsbrand van der Özdemir\s+{SCHOOL}\s+ontvangen$", first)
    assert second.startswith(f"{ids[1][:8]}  Toestemming ingetrokken") and second.endswith("toestemming ingetrokken")
    assert "9999" not in "\n".join(lines)
    assert run(["--data-dir", str(data_dir), "list", "--due"]) == 2


def test_print_a_received_dossier(
    folder: tuple[Path, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, ids = folder
    out = tmp_path / "ontvangen.pdf"
    assert run(["--data-dir", str(data_dir), "print", "--youth", ids[0][:8], "--out", str(out)]) == 0
    text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(out.read_bytes())).pages).split())
    assert f"Ontvangen van {SCHOOL} op" in text and "Özdemir" in text
    assert "ontvangen overstapdossier staat in" in capsys.readouterr().err
    # Withdrawn: refused in Dutch, nothing written.
    gone = tmp_path / "ingetrokken.pdf"
    assert run(["--data-dir", str(data_dir), "print", "--youth", ids[1], "--out", str(gone)]) == 2
    assert "ingetrokken" in capsys.readouterr().err and not gone.exists()
    # Unknown id, and the school's options.
    assert run(["--data-dir", str(data_dir), "print", "--youth", "ffffffff", "--out", str(gone)]) == 2
    assert "Geen ontvangen dossier" in capsys.readouterr().err
    assert run(["--data-dir", str(data_dir), "print", "--cohort", "2026", "--out", str(tmp_path)]) == 2
    assert "--youth" in capsys.readouterr().err
