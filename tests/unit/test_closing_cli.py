"""``handover afronden`` and ``handover print --mijn-overstap``, run in-process on a passphrase data folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from handover.cli.entry import run
from handover.services.app import initialise, open_app
from handover.services.closing import closure_history
from handover.services.dossiers import DossierService
from tests.conftest import youth_values

PASS = "een lang wachtwoord voor tests"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    data_dir = tmp_path / "gegevens"
    ctx, _ = initialise(data_dir, org_name="Praktijkschool De Brug", user_name="Marieke de Jong", passphrase=PASS)
    youth_id = DossierService(ctx).create_youth(youth_values(leaving_date=dt.date(2024, 7, 12)))
    ctx.close()
    monkeypatch.setenv("HANDOVER_PASSPHRASE", PASS)
    return data_dir, youth_id


def _history(data_dir: Path, youth_id: str):  # type: ignore[no-untyped-def]
    ctx = open_app(data_dir, passphrase=PASS)
    try:
        with ctx.session() as session:
            return closure_history(session, youth_id)
    finally:
        ctx.close()


def test_afronden_closes_reopens_and_explains_a_wrong_situation(folder, capsys) -> None:  # type: ignore[no-untyped-def]
    data_dir, youth_id = folder
    base = ["--data-dir", str(data_dir), "afronden", "--youth", youth_id[:8]]
    assert run([*base, "--situatie", "baan"]) == 2
    err = capsys.readouterr().err
    assert "Onbekende situatie 'baan'. Kies een van deze:" in err
    assert "werk_lks" in err and "Nog geen werk, school of dagbesteding" in err
    assert run([*base, "--situatie", "geen"]) == 2
    assert "--reden" in capsys.readouterr().err
    assert _history(data_dir, youth_id) == []  # nothing written by a refusal

    assert run([*base, "--situatie", "Beschut werk"]) == 0  # a label works too
    assert "Begeleiding afgerond op" in capsys.readouterr().err
    assert run([*base, "--situatie", "werk"]) == 2
    assert "al afgerond" in capsys.readouterr().err
    assert run([*base, "--heropenen", "--waarom", "Baan kwijt"]) == 0
    [closure] = _history(data_dir, youth_id)
    assert closure.situation == "beschut_werk" and closure.reopen_reason == "Baan kwijt"
    assert run([*base, "--heropenen"]) == 2
    assert "niet afgerond" in capsys.readouterr().err
    assert run([*base, "--situatie", "geen", "--reden", "zoekend"]) == 0
    assert "Doorstroompunt" in capsys.readouterr().err  # the next step is offered


def test_afronden_doorstroompunt_is_refused_without_consent(folder, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data_dir, youth_id = folder
    base = ["--data-dir", str(data_dir), "afronden", "--youth", youth_id]
    assert run([*base, "--situatie", "geen", "--reden", "motivatie"]) == 0
    capsys.readouterr()
    out = tmp_path / "overdracht.pdf"
    assert run([*base, "--doorstroompunt", "--out", str(out)]) == 2
    assert "geen geldige toestemming" in capsys.readouterr().err and not out.exists()


def test_print_mijn_overstap(folder, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data_dir, youth_id = folder
    out = tmp_path / "mijn-overstap.pdf"
    assert (
        run(["--data-dir", str(data_dir), "print", "--youth", youth_id[:8], "--mijn-overstap", "--out", str(out)]) == 0
    )
    assert out.read_bytes().startswith(b"%PDF") and "'Mijn overstap' staat in" in capsys.readouterr().err
    assert (
        run(["--data-dir", str(data_dir), "print", "--cohort", "2024", "--mijn-overstap", "--out", str(tmp_path)]) == 2
    )
    assert "--mijn-overstap hoort bij --youth" in capsys.readouterr().err
