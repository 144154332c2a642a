"""`handover add-device / join / devices / revoke-device` as people at two PCs of one school run them,
against the real server on 127.0.0.1."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest

from handover.cli import run
from handover.server.testing import LiveServer

from .conftest import RECIPIENT


@pytest.fixture(autouse=True)
def passphrase_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDOVER_PASSPHRASE", "correct horse battery staple")


def _enrolled_school(tmp_path: Path, live: LiveServer) -> str:
    g, s = str(tmp_path / "gemeente"), str(tmp_path / "school")
    assert run(["--data-dir", g, "init", "--org", RECIPIENT, "--user", "Kees", "--role", "gemeente"]) == 0
    _, g_code = live.add_org(RECIPIENT, "gemeente")
    assert run(["--data-dir", g, "enroll", "--server", live.url, "--code", g_code]) == 0
    assert run(["--data-dir", s, "init", "--org", "De Brug", "--user", "Marieke", "--recipient", RECIPIENT]) == 0
    _, s_code = live.add_org("De Brug", "school")
    assert run(["--data-dir", s, "enroll", "--server", live.url, "--code", s_code, "--yes"]) == 0
    return s


def test_add_a_pc_list_the_pcs_and_revoke_one(
    tmp_path: Path, live_server: LiveServer, capsys: pytest.CaptureFixture[str]
) -> None:
    s, new = _enrolled_school(tmp_path, live_server), str(tmp_path / "pc2")
    capsys.readouterr()
    assert run(["--data-dir", s, "add-device", "--no-wait"]) == 0
    out = capsys.readouterr().out
    code = re.search(r"Koppelcode: (\S+)", out)
    assert code is not None and "Geldig tot " in out and "volgende 'handover sync'" in out
    school_fp = re.search(r"Vingerafdruk van de school: (\S+)", out)
    assert school_fp is not None

    # A typo: refused on the new PC before anything is sent; no data folder is made for it.
    typo = code.group(1)[:-1] + ("A" if code.group(1)[-1] != "A" else "B")
    assert run(["--data-dir", new, "join", "--server", live_server.url, "--code", typo, "--user", "Jan"]) == 2
    assert "klopt niet" in capsys.readouterr().err and not (tmp_path / "pc2").exists()

    # The new PC joins; the keys go over at the next `sync` of the enrolled PC.
    result: list[int] = []
    args = ["--data-dir", new, "join", "--server", live_server.url, "--code", code.group(1), "--user", "Jan"]
    thread = threading.Thread(target=lambda: result.append(run([*args, "--yes", "--wait-minutes", "1"])))
    thread.start()
    for _ in range(60):
        run(["--data-dir", s, "sync"])
        thread.join(1)
        if result:
            break
    assert result == [0]
    out = capsys.readouterr().out
    assert "School: De Brug" in out and school_fp.group(1) in out and "Deze pc hoort nu bij De Brug" in out

    assert run(["--data-dir", s, "devices"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ID", "Gebruiker", "Laatst", "gezien", "Status"]
    rows = {line.split()[0]: line for line in lines[1:]}
    assert len(rows) == 2 and all(len(key) == 8 for key in rows)
    (theirs,) = [key for key, line in rows.items() if "Jan" in line]
    assert "(deze pc)" not in rows[theirs] and "actief" in rows[theirs]

    # The code was used: a second join with it is refused in plain Dutch.
    third = ["--data-dir", str(tmp_path / "pc3"), "join", "--server", live_server.url, "--code", code.group(1)]
    assert run([*third, "--user", "Els", "--yes"]) == 2
    assert "al gebruikt" in capsys.readouterr().err

    assert run(["--data-dir", s, "revoke-device", "--device", theirs, "--yes"]) == 0
    assert f"Pc {theirs} (Jan) is ingetrokken" in capsys.readouterr().out
    assert run(["--data-dir", new, "sync"]) == 1
    assert "Deze pc is ingetrokken" in capsys.readouterr().err
    assert run(["--data-dir", new, "devices"]) == 2
    assert "ingetrokken" in capsys.readouterr().err
    assert run(["--data-dir", s, "devices"]) == 0
    assert "ingetrokken" in next(line for line in capsys.readouterr().out.splitlines() if line.startswith(theirs))


def test_device_commands_need_an_enrolled_school(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = str(tmp_path / "school")
    assert run(["--data-dir", d, "init", "--org", "De Brug", "--user", "Marieke", "--recipient", RECIPIENT]) == 0
    for command in (["add-device"], ["devices"], ["revoke-device", "--device", "abcdefgh", "--yes"]):
        capsys.readouterr()
        assert run(["--data-dir", d, *command]) == 2
        assert "nog niet ingeschreven" in capsys.readouterr().err
