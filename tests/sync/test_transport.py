"""Transport: http only on this computer, codes kept out of the command line, bounded cursors, new codes."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from handover.cli import run
from handover.server.cli import main as server_main
from handover.server.testing import LiveServer
from handover.sync.client import SyncClient
from handover.sync.errors import SyncUsageError

from .conftest import RECIPIENT


@pytest.fixture(autouse=True)
def passphrase_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDOVER_PASSPHRASE", "correct horse battery staple")


def _init_gemeente(tmp_path: Path) -> str:
    folder = str(tmp_path / "gemeente")
    assert run(["--data-dir", folder, "init", "--org", RECIPIENT, "--user", "Kees", "--role", "gemeente"]) == 0
    return folder


def test_http_to_another_computer_is_refused_with_exit_2(
    tmp_path: Path, live_server: LiveServer, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _init_gemeente(tmp_path)
    _, code = live_server.add_org(RECIPIENT, "gemeente")
    capsys.readouterr()
    assert (
        run(["--data-dir", folder, "enroll", "--server", "http://overstap.gemeente.example:8443", "--code", code]) == 2
    )
    assert "https://" in capsys.readouterr().err
    # Nothing was sent: the code still works, over loopback http.
    assert live_server.store.check_code(code).kind == "gemeente"
    assert run(["--data-dir", folder, "enroll", "--server", live_server.url, "--code", code]) == 0


@pytest.mark.parametrize("url", ["http://192.168.1.20:8443", "http://overstap.nl", "ftp://overstap.nl", "overstap.nl"])
def test_the_client_itself_refuses_insecure_urls(url: str) -> None:
    with pytest.raises(SyncUsageError, match="https://"):
        SyncClient(url)


@pytest.mark.parametrize("url", ["http://127.0.0.1:1", "http://localhost:1", "http://[::1]:1", "https://overstap.nl"])
def test_https_and_loopback_http_are_accepted(url: str) -> None:
    SyncClient(url).close()


def test_enrollment_code_from_a_file(
    tmp_path: Path, live_server: LiveServer, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _init_gemeente(tmp_path)
    _, code = live_server.add_org(RECIPIENT, "gemeente")
    empty = tmp_path / "leeg.txt"
    empty.write_text("\n", encoding="utf-8")
    capsys.readouterr()
    assert run(["--data-dir", folder, "enroll", "--server", live_server.url, "--code-file", str(empty)]) == 2
    assert "leeg.txt" in capsys.readouterr().err
    missing = tmp_path / "weg.txt"
    assert run(["--data-dir", folder, "enroll", "--server", live_server.url, "--code-file", str(missing)]) == 2
    assert "weg.txt" in capsys.readouterr().err
    code_file = tmp_path / "code.txt"
    code_file.write_text(f"{code}\n", encoding="utf-8")
    assert run(["--data-dir", folder, "enroll", "--server", live_server.url, "--code-file", str(code_file)]) == 0
    assert "Ingeschreven" in capsys.readouterr().out


def test_enrollment_code_typed_at_the_prompt(
    tmp_path: Path, live_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    import getpass
    import sys

    folder = _init_gemeente(tmp_path)
    _, code = live_server.add_org(RECIPIENT, "gemeente")
    asked: list[str] = []

    def typed(prompt: str) -> str:
        asked.append(prompt)
        return code

    monkeypatch.setattr(getpass, "getpass", typed)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    assert run(["--data-dir", folder, "enroll", "--server", live_server.url]) == 0
    assert asked == ["Typ de inschrijfcode: "]


def test_without_a_code_and_without_a_keyboard_it_says_how(
    tmp_path: Path, live_server: LiveServer, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _init_gemeente(tmp_path)
    capsys.readouterr()
    assert run(["--data-dir", folder, "enroll", "--server", live_server.url]) == 2
    assert "--code-file" in capsys.readouterr().err


def test_recovery_code_from_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = str(tmp_path / "school")
    assert run(["--data-dir", folder, "init", "--org", "Praktijkschool De Brug", "--user", "Jan"]) == 0
    recovery = capsys.readouterr().out.strip().splitlines()[-1].strip()
    code_file = tmp_path / "herstel.txt"
    code_file.write_text(recovery + "\n", encoding="utf-8")
    assert run(["--data-dir", folder, "recover", "--code-file", str(code_file)]) == 0
    code_file.write_text("AAAAAA-BBBBBB\n", encoding="utf-8")
    assert run(["--data-dir", folder, "recover", "--code-file", str(code_file)]) == 2


def test_new_code_refuses_active_organisations_and_voids_older_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'srv.db'}"
    assert server_main(["--db", db, "init"]) == 0
    assert server_main(["--db", db, "add-org", "--name", "Praktijkschool De Brug", "--kind", "school"]) == 0
    out = capsys.readouterr().out
    org_id = out.split("Organisatie toegevoegd: ")[1].split()[0]
    first = out.split("Eenmalige inschrijfcode: ")[1].split()[0]
    assert server_main(["--db", db, "new-code", org_id]) == 0
    second = capsys.readouterr().out.split("Eenmalige inschrijfcode: ")[1].split()[0]

    from handover.server.schema import StoreError
    from handover.server.store import ServerStore
    from handover.sync.testing import enroll_with_code

    store = ServerStore(db)
    try:
        with pytest.raises(StoreError):
            store.check_code(first)  # voided by the new one
        assert store.check_code(second).org_id == org_id
        from handover.server.settings import ServerSettings
        from handover.server.testing import run_live_server

        with run_live_server(ServerSettings(db_url=db), store=ServerStore(db)) as live:
            enroll_with_code(live.url, second, "school")
    finally:
        store.dispose()
    capsys.readouterr()
    assert server_main(["--db", db, "new-code", org_id]) == 1
    assert "al ingeschreven" in capsys.readouterr().err


def test_inbox_cursor_is_bounded(live_server: LiveServer) -> None:
    from handover import wire
    from handover.sync.testing import enroll_member

    g = enroll_member(live_server, RECIPIENT, "gemeente")
    url, device = live_server.url, g.keys.device_id
    nonce = httpx.post(f"{url}/v1/auth/challenge", json={"device_id": device}).json()["nonce"]
    signature = wire.b64encode(g.keys.device.sign(wire.auth_signed_bytes(device, nonce)))
    answer = httpx.post(f"{url}/v1/auth/token", json={"device_id": device, "nonce": nonce, "signature": signature})
    headers = {"Authorization": f"Bearer {answer.json()['token']}"}
    for since in (2**64, 2**63, -1, "abc"):
        r = httpx.get(f"{url}/v1/inbox", params={"since": str(since)}, headers=headers)
        assert r.status_code == 422, (since, r.status_code)
    assert httpx.get(f"{url}/v1/inbox", params={"since": str(2**63 - 1)}, headers=headers).status_code == 200
