"""`handover enroll / sync / inbox / receive / status` as a scheduled task or an admin would run them."""

from __future__ import annotations

from pathlib import Path

import pytest

from handover.cli import run
from handover.server.testing import LiveServer

from .conftest import RECIPIENT


@pytest.fixture(autouse=True)
def passphrase_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    # No OS keychain in CI: the CLI uses passphrase mode, as on a PC without Credential Manager.
    monkeypatch.setenv("HANDOVER_PASSPHRASE", "correct horse battery staple")


def test_cli_round_trip(tmp_path: Path, live_server: LiveServer, capsys: pytest.CaptureFixture[str]) -> None:
    g, s = str(tmp_path / "gemeente"), str(tmp_path / "school")
    assert run(["--data-dir", g, "init", "--org", RECIPIENT, "--user", "Kees Klantmanager", "--role", "gemeente"]) == 0
    _, g_code = live_server.add_org(RECIPIENT, "gemeente")
    assert run(["--data-dir", g, "enroll", "--server", live_server.url, "--code", g_code]) == 0
    gemeente_fp = next(o.fingerprint for o in live_server.store.list_orgs() if o.kind == "gemeente")

    assert run(["--data-dir", s, "sync"]) == 2  # not a data folder yet
    assert (
        run(
            [
                "--data-dir",
                s,
                "init",
                "--org",
                "Praktijkschool De Brug",
                "--user",
                "Marieke de Jong",
                "--recipient",
                RECIPIENT,
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert run(["--data-dir", s, "sync"]) == 2
    assert "nog niet ingeschreven" in capsys.readouterr().err

    _, s_code = live_server.add_org("Praktijkschool De Brug", "school")
    # Without --yes and without a keyboard nothing is registered; the fingerprint is shown.
    assert run(["--data-dir", s, "enroll", "--server", live_server.url, "--code", s_code]) == 1
    out = capsys.readouterr()
    assert gemeente_fp in out.out and "--yes" in out.err
    assert run(["--data-dir", s, "enroll", "--server", live_server.url, "--code", s_code, "--yes"]) == 0
    assert run(["--data-dir", s, "enroll", "--server", live_server.url, "--code", s_code, "--yes"]) == 2

    assert run(["--data-dir", s, "demo", "--youths", "6", "--seed", "3"]) == 0
    capsys.readouterr()
    # After enrolling nothing from the past goes out by itself: sync says what waits, and why.
    assert run(["--data-dir", s, "sync"]) == 0
    out = capsys.readouterr().out
    assert "Alles verstuurd" not in out and "klaar om te versturen, nog niet gekozen" in out
    # send --all lists what qualifies (sections per gemeente) and, with --yes, sends it.
    assert run(["--data-dir", s, "send", "--all", "--yes"]) == 0
    out = capsys.readouterr().out
    offered = [line for line in out.splitlines() if f"→ {RECIPIENT}: onderdelen A, " in line]
    assert offered
    sent = int(out.split("Synchronisatie: ")[1].split(" verstuurd")[0])
    assert sent == len(offered)
    assert run(["--data-dir", s, "send", "--all", "--yes"]) == 0
    assert "niets dat nog verstuurd kan worden" in capsys.readouterr().out

    # The gemeente keeps the school's dossiers unopened until it compared the school's fingerprint,
    # read aloud from the school's own installation (never from a listing of the server).
    assert run(["--data-dir", g, "receive"]) == 0
    assert f"{sent} bericht(en) van een school wachten ongeopend" in capsys.readouterr().out
    assert run(["--data-dir", s, "fingerprint"]) == 0
    school_fp = capsys.readouterr().out.splitlines()[0].rsplit(": ", 1)[1]
    assert run(["--data-dir", g, "scholen", "--offline"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert school_fp in line and line.endswith(f"wacht op bevestiging, {sent} bericht(en) wachten")
    assert run(["--data-dir", g, "bevestig", "--school", "Praktijkschool De Brug"]) == 1  # no keyboard, no --yes
    assert run(["--data-dir", g, "bevestig", "--school", "Praktijkschool De Brug", "--yes"]) == 0
    assert f"{sent} wachtend(e) bericht(en) geopend" in capsys.readouterr().out

    assert run(["--data-dir", g, "receive", "--ack"]) == 0
    out = capsys.readouterr().out
    assert f"{sent} ontvangstbevestiging" in out
    assert run(["--data-dir", g, "inbox", "--offline"]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert len(listing) == sent and all("bevestigd" in line for line in listing)

    assert run(["--data-dir", s, "sync"]) == 0
    receipts = [line for line in capsys.readouterr().out.splitlines() if "Ontvangen door Werk en Inkomen" in line]
    assert len(receipts) == sent and all("ondertekend door Kees Klantmanager" in line for line in receipts)
    assert run(["--data-dir", s, "list"]) == 0
    listed = capsys.readouterr().out
    # The send state beside the dossier status (an 'afgerond' dossier keeps its status, and is received too).
    assert listed.count("ontvangen op ") == sent
    assert 0 < listed.count("Ontvangen door") <= sent

    record = listing[0].split()[0]
    assert (
        run(["--data-dir", g, "status", "--dossier", record, "--status", "klantmanager", "--detail", "Sanne Hofman"])
        == 0
    )
    capsys.readouterr()
    assert run(["--data-dir", s, "sync"]) == 0
    assert "Status van Werk en Inkomen: Klantmanager toegewezen (Sanne Hofman)" in capsys.readouterr().out
    assert run(["--data-dir", s, "berichten", "--youth", record]) == 0
    history = capsys.readouterr().out.splitlines()
    assert [line.split("  ")[1].split(" op ")[0] for line in history] == [
        "Ontvangen door Werk en Inkomen",
        "Status van Werk en Inkomen: Klantmanager toegewezen (Sanne Hofman)",
    ]
    assert all(line.startswith(record) and "ondertekend door Kees Klantmanager" in line for line in history)
    assert run(["--data-dir", s, "quarantaine"]) == 0
    assert "Geen berichten in quarantaine" in capsys.readouterr().out

    key_file = tmp_path / "gemeente-sleutel.txt"
    assert run(["--data-dir", g, "export-key", "--out", str(key_file)]) == 0
    assert key_file.read_text().splitlines()[-1].startswith("AGE-SECRET-KEY-1")


def test_status_choices_match_the_service() -> None:
    from handover.cli.sync import STATUS_CHOICES
    from handover.sync.service import STATUS_MESSAGES

    assert sorted(STATUS_CHOICES) == sorted(STATUS_MESSAGES)
