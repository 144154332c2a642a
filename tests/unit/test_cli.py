"""The ``handover`` command as scripts and Task Scheduler use it: real subprocesses, exit codes, stderr."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

PASS = "een lang wachtwoord voor tests"


def run(
    *args: str, data_dir: Path | None = None, passphrase: str | None = PASS, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HANDOVER_")}
    if passphrase is not None:
        env["HANDOVER_PASSPHRASE"] = passphrase
    cmd = [sys.executable, "-m", "handover"]
    if data_dir is not None:
        cmd += ["--data-dir", str(data_dir)]
    return subprocess.run(
        [*cmd, *args], capture_output=True, text=True, env=env, timeout=timeout, stdin=subprocess.DEVNULL
    )


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # How long the demo takes is a benchmark figure (tests/benchmarks), never an assertion here: a
    # timing fails on a busy machine and blocks every landing.
    folder = tmp_path_factory.mktemp("cli") / "gegevens"
    result = run("demo", "--youths", "2000", data_dir=folder)
    assert result.returncode == 0, result.stderr
    assert "2000 demojongeren" in result.stdout
    return folder


def test_list_overdue_prints_a_sensible_list(demo_dir: Path) -> None:
    folder = demo_dir
    result = run("list", "--overdue", data_dir=folder)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert 20 < len(lines) < 2000
    for line in lines:
        assert re.match(r"^[0-9a-f]{8}  \S", line)
        assert "te laat sinds" in line
        assert "9999" not in line  # never a BSN in a list
    dates = [re.search(r"te laat sinds (\d\d)-(\d\d)-(\d{4})", line).groups() for line in lines]  # type: ignore[union-attr]
    as_iso = [f"{y}-{m}-{d}" for d, m, y in dates]
    assert as_iso == sorted(as_iso)
    full = run("list", data_dir=folder)
    assert len(full.stdout.splitlines()) == 2000


def test_list_due_and_export_and_audit(demo_dir: Path, tmp_path: Path) -> None:
    folder = demo_dir
    due = run("list", "--due", data_dir=folder)
    assert due.returncode == 0 and "deze week" in due.stdout
    youth_id = due.stdout.split()[0]
    out = tmp_path / "inzage.json"
    exported = run("export", "--youth", youth_id, "--out", str(out), data_dir=folder)
    assert exported.returncode == 0, exported.stderr
    data = json.loads(out.read_text("utf-8"))
    assert data["dossier"]["id"].startswith(youth_id)
    verified = run("audit", "verify", data_dir=folder)
    assert verified.returncode == 0 and "in orde" in verified.stdout


def test_wrong_passphrase_exit_2_and_untouched(demo_dir: Path) -> None:
    folder = demo_dir
    before = (folder / "overstap.db").read_bytes()
    result = run("list", data_dir=folder, passphrase="fout")
    assert result.returncode == 2
    assert "wachtwoord klopt niet" in result.stderr
    assert result.stdout == ""
    none = run("list", data_dir=folder, passphrase=None)
    assert none.returncode == 2 and "wachtwoord" in none.stderr
    assert (folder / "overstap.db").read_bytes() == before


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("list", "--bestaat-niet", data_dir=tmp_path).returncode == 2
    missing = run("init", "--user", "Jan", data_dir=tmp_path / "x")
    assert missing.returncode == 2 and "--org" in missing.stderr
    not_there = run("list", data_dir=tmp_path / "leeg")
    assert not_there.returncode == 2 and "handover init" in not_there.stderr
    bad_youth = run("demo", "--youths", "0", data_dir=tmp_path / "y")
    assert bad_youth.returncode == 2


def test_init_prints_recovery_code_and_recover_works(tmp_path: Path) -> None:
    folder = tmp_path / "school"
    result = run("init", "--org", "Praktijkschool De Brug", "--brin", "12AB", "--user", "Jan", data_dir=folder)
    assert result.returncode == 0, result.stderr
    code = result.stdout.splitlines()[-1].strip()
    assert re.fullmatch(r"[A-Z0-9]{6}(-[A-Z0-9]{1,6})+", code)
    bad_brin = run("init", "--org", "X", "--brin", "1", "--user", "Jan", data_dir=tmp_path / "b")
    assert bad_brin.returncode == 2 and "BRIN" in bad_brin.stderr
    # A reinstall: the passphrase file is gone; a new passphrase and the recovery code restore access.
    (folder / "geheimen.enc").unlink()
    lost = run("list", data_dir=folder)
    assert lost.returncode == 2
    restored = run("recover", "--code", code, data_dir=folder, passphrase="nieuw wachtwoord")
    assert restored.returncode == 0, restored.stderr
    assert run("list", data_dir=folder, passphrase="nieuw wachtwoord").returncode == 0


def test_portable_copy_requires_a_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A portable copy never uses this PC's keychain: without a passphrase it refuses, and says why."""
    from handover import cli, paths

    monkeypatch.setattr(paths, "is_portable", lambda: True)
    monkeypatch.delenv("HANDOVER_PASSPHRASE", raising=False)
    folder = tmp_path / "stick"
    assert cli.run(["--data-dir", str(folder), "init", "--org", "School", "--user", "Jan"]) == 2
    assert "draagbare versie" in capsys.readouterr().err
    assert not (folder / "overstap.db").exists()
    monkeypatch.setenv("HANDOVER_PASSPHRASE", "een lange zin als wachtwoord")
    assert cli.run(["--data-dir", str(folder), "init", "--org", "School", "--user", "Jan"]) == 0
    assert (folder / "geheimen.enc").exists()
