"""`handover intake / afspraken / afspraak` against the real server, in both roles (issue 10)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from handover.cli import run
from handover.server.testing import LiveServer
from handover.services.app import initialise
from handover.services.dossiers import DossierService
from handover.sync.service import SyncService
from handover.sync.testing import confirm_schools

from .conftest import RECIPIENT, TODAY, Installation
from .test_gemeente_support import exchange, shared_dossier

PASSPHRASE = "correct horse battery staple"


def _make(tmp_path: Path, name: str, *, role: str, org: str, user: str) -> Installation:
    ctx, code = initialise(
        tmp_path / name,
        org_name=org,
        user_name=user,
        role=role,
        brin="12AB" if role == "school" else "",
        recipient=RECIPIENT if role == "school" else "",
        passphrase=PASSPHRASE,
    )
    ctx.clock = lambda: TODAY
    service = SyncService(ctx)
    service.install_hooks()
    return Installation(ctx, service, tmp_path / name, None, code)  # type: ignore[arg-type]


@pytest.fixture
def pair(
    tmp_path: Path, live_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Installation, Installation]]:
    monkeypatch.setenv("HANDOVER_PASSPHRASE", PASSPHRASE)  # the command line opens the folders too
    gemeente = _make(tmp_path, "gemeente", role="gemeente", org=RECIPIENT, user="Kees Klantmanager")
    gemeente.sync.enroll(live_server.url, live_server.add_org(RECIPIENT, "gemeente")[1], confirm=lambda p: True)
    school = _make(tmp_path, "school", role="school", org="Praktijkschool De Brug", user="Marieke de Jong")
    school.sync.enroll(
        live_server.url, live_server.add_org("Praktijkschool De Brug", "school")[1], confirm=lambda p: True
    )
    confirm_schools(gemeente.sync)
    yield school, gemeente
    for inst in (school, gemeente):
        inst.sync.close()
        inst.ctx.close()


def test_intake_and_agreements_from_the_command_line(
    pair: tuple[Installation, Installation], capsys: pytest.CaptureFixture[str]
) -> None:
    school, gemeente = pair
    youth_id, (agreement_id,) = shared_dossier(school)
    exchange(school, gemeente)
    g, s = str(gemeente.data_dir), str(school.data_dir)
    capsys.readouterr()

    assert (
        run(
            [
                "--data-dir",
                g,
                "intake",
                "--youth",
                youth_id[:8],
                "--date",
                "2027-01-12",
                "--klantmanager",
                "A. de Vries",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "Intake gepland op 12-01-2027 met A. de Vries." in out and "Verstuurd." in out

    assert run(["--data-dir", g, "afspraken", "--youth", youth_id[:8]]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith(agreement_id[:8]) and "open" in line and "Inschrijven bij Werk en Inkomen" in line
    assert "CONFLICT" not in line

    assert run(["--data-dir", g, "afspraak", "--id", agreement_id[:8], "--gedaan", "--notitie", "Ingeschreven"]) == 0
    assert f"Afspraak {agreement_id[:8]}: gedaan." in capsys.readouterr().out

    assert school.sync.sync().ok
    assert run(["--data-dir", s, "afspraken", "--youth", youth_id[:8]]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith(agreement_id[:8]) and "gedaan" in line
    assert "gewijzigd door Kees Klantmanager – Werk en Inkomen gemeente Utrecht" in line
    assert "notitie: Ingeschreven" in line
    assert DossierService(school.ctx).get(youth_id).agreements[0].status == "gedaan"


def test_a_conflict_is_marked_on_both_sides(
    pair: tuple[Installation, Installation], capsys: pytest.CaptureFixture[str]
) -> None:
    school, gemeente = pair
    youth_id, (agreement_id,) = shared_dossier(school)
    exchange(school, gemeente)
    DossierService(school.ctx).update_item(youth_id, "agreements", agreement_id, {"status": "vervallen"})
    gemeente.sync.change_agreement(agreement_id, dossier_id=youth_id, status="gedaan")
    exchange(school, gemeente)
    assert gemeente.sync.sync().ok
    capsys.readouterr()
    for folder in (school.data_dir, gemeente.data_dir):
        assert run(["--data-dir", str(folder), "afspraken", "--youth", youth_id]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert lines[0].startswith(agreement_id[:8]) and lines[0].endswith("CONFLICT")
        versions = sorted(line.split(": ", 1)[1].split(" – ")[0] for line in lines[1:])
        assert versions == ["gedaan", "vervallen"]


def test_bad_ids_and_dates_get_a_dutch_error_and_change_nothing(
    pair: tuple[Installation, Installation], capsys: pytest.CaptureFixture[str]
) -> None:
    school, gemeente = pair
    youth_id, (agreement_id,) = shared_dossier(school)
    exchange(school, gemeente)
    g, s = str(gemeente.data_dir), str(school.data_dir)
    capsys.readouterr()
    cases = [
        ([g, "afspraak", "--id", "ffffffff", "--gedaan"], "Geen afspraak met id ffffffff"),
        ([g, "afspraak", "--id", "abc", "--vervallen"], "minstens 6 tekens"),
        ([g, "intake", "--youth", youth_id[:8], "--date", "12-01-2027", "--klantmanager", "A"], "geen datum"),
        ([g, "intake", "--youth", "ffffffff", "--date", "2027-01-12", "--klantmanager", "A"], "Geen ontvangen dossier"),
        ([s, "intake", "--youth", youth_id[:8], "--date", "2027-01-12", "--klantmanager", "A"], "school"),
        ([g, "afspraak", "--id", agreement_id[:8]], "--gedaan"),
    ]
    for argv, expected in cases:
        assert run(["--data-dir", *argv]) == 2, argv
        err = capsys.readouterr().err
        assert expected in err and "Traceback" not in err, (argv, err)
    (row,) = gemeente.sync.received()
    assert row.intake_date is None and row.case_status == "ontvangen"
