"""The installed app: start-up policy (keychain, portable mode) and the packaging files that CI cannot run.

The fast tests here always run. The real proof, building the PyInstaller bundle and starting it
(selfcheck, demo, list, main window, print, audit, portable mode), takes minutes and 300 MB of disk,
so it runs only with ``HANDOVER_TEST_FROZEN=1`` (it calls packaging/build_linux.sh and
packaging/smoke_test.py, the same script a developer runs by hand).
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import keyring
import keyring.core
import pytest
from keyring.backends import fail

from handover import frozen, paths
from handover.secrets import SECURE_KEYRING_BACKENDS, PassphraseSecretStore
from handover.store.workspace import INFO_FILENAME

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


class _FakeSecureBackend:
    """Stands in for Credential Manager; the tests never reach a real keychain."""


@pytest.fixture
def keyring_state(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever a test does to keyring's global backend is undone afterwards."""
    monkeypatch.setattr(keyring.core, "_keyring_backend", fail.Keyring())


@pytest.fixture
def portable_exe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Pretend to be a frozen Overstap.exe in tmp_path/app with portable.txt beside it."""
    app = tmp_path / "app"
    app.mkdir()
    (app / paths.PORTABLE_MARKER).write_text("draagbaar\n", "utf-8")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(app / "Overstap.exe"))
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    return app


def test_portable_mode_keeps_data_beside_the_program_and_switches_the_keychain_off(
    portable_exe: Path, keyring_state: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("handover.secrets.secure_keyring_backend", lambda: _FakeSecureBackend())
    assert paths.is_portable()
    assert paths.default_data_dir() == portable_exe / "gegevens"
    assert frozen.requires_passphrase()

    frozen.prepare_runtime()

    assert isinstance(keyring.get_keyring(), fail.Keyring)
    # Even with a secure keychain on this PC, a portable folder needs the passphrase.
    assert frozen.key_storage_problem(portable_exe / "gegevens") == frozen.PORTABLE_NEEDS_PASSPHRASE
    assert frozen.key_storage_problem(portable_exe / "gegevens", passphrase="geheim") is None


def test_without_portable_txt_the_frozen_app_uses_the_normal_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "Overstap.exe"))
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    assert not paths.is_portable()
    assert not frozen.requires_passphrase()
    assert paths.default_data_dir() != tmp_path / "gegevens"


def test_frozen_windows_app_pins_credential_manager(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keyring_state: None
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "Overstap.exe"))
    monkeypatch.setattr(sys, "platform", "win32")
    pinned = []
    monkeypatch.setattr(frozen, "pin_windows_keychain", lambda: pinned.append(True) or True)
    frozen.prepare_runtime()
    assert pinned == [True]
    assert frozen.WINDOWS_KEYRING in SECURE_KEYRING_BACKENDS


def test_pinning_credential_manager_where_it_cannot_work_falls_back_quietly(keyring_state: None) -> None:
    if sys.platform == "win32":
        pytest.skip("on Windows this would select the real Credential Manager")
    before = keyring.get_keyring()
    assert frozen.pin_windows_keychain() is False  # not viable here: no exception, nothing changed
    assert keyring.get_keyring() is before


def test_no_secure_keychain_is_reported_in_dutch_before_opening(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("handover.secrets.secure_keyring_backend", lambda: None)
    problem = frozen.key_storage_problem(tmp_path / "nieuw")
    assert problem == frozen.NO_SECURE_KEYCHAIN
    assert "wachtwoord" in problem and "Referentiebeheer" in problem
    monkeypatch.setattr("handover.secrets.secure_keyring_backend", lambda: _FakeSecureBackend())
    assert frozen.key_storage_problem(tmp_path / "nieuw") is None


def test_a_passphrase_folder_needs_no_keychain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("handover.secrets.secure_keyring_backend", lambda: None)
    folder = tmp_path / "gegevens"
    folder.mkdir()
    PassphraseSecretStore(folder, "lang-genoeg-wachtwoord", create=True)
    (folder / INFO_FILENAME).write_text('{"format": 1, "secret_store": "passphrase"}', "utf-8")
    assert frozen.key_storage_problem(folder) is None


def test_keyring_backends_are_found_through_entry_points() -> None:
    # The frozen build's --selfcheck fails when this list is empty (keyring metadata not bundled).
    assert {"Windows", "macOS", "SecretService"} <= set(frozen.discovered_keyring_backends())


# -- the packaging files (CI cannot run Windows; check what can be checked here) -------------------


def _spec_list(name: str) -> list[str]:
    tree = ast.parse((PACKAGING / "overstap.spec").read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return list(ast.literal_eval(node.value))
    raise AssertionError(f"{name} not found in overstap.spec")


def test_the_app_imports_no_qt_module_the_frozen_build_leaves_out() -> None:
    excluded = set(_spec_list("UNUSED_QT"))
    offenders = []
    for path in (ROOT / "handover").rglob("*.py"):
        for match in re.finditer(r"^\s*(?:from|import)\s+(PySide6\.Qt\w+)", path.read_text("utf-8"), re.M):
            if match.group(1) in excluded:
                offenders.append(f"{path.relative_to(ROOT)}: {match.group(1)}")
    assert not offenders, (
        "these Qt modules are excluded from the installer (UNUSED_QT in "
        f"packaging/overstap.spec); remove them there or stop importing them: {offenders}"
    )


def test_version_template_has_every_placeholder_the_spec_fills() -> None:
    template = (PACKAGING / "version_info.txt.in").read_text("utf-8")
    for placeholder in ("{version_tuple}", "{version}", "{internal_name}", "{description}"):
        assert placeholder in template
    assert "'ProductName', 'Overstap'" in template and "'CompanyName', 'Overstap project'" in template


def test_installer_is_per_user_bilingual_and_keeps_data_unless_ticked() -> None:
    iss = (PACKAGING / "overstap.iss").read_text("utf-8")
    assert re.search(r"^PrivilegesRequired=lowest$", iss, re.M)
    assert 'MessagesFile: "compiler:Languages\\Dutch.isl"' in iss and "compiler:Default.isl" in iss
    assert "ook mijn gegevens verwijderen" in iss.lower()
    assert "Check.Checked := False;" in iss  # unticked by default
    assert "if UninstallSilent() then" in iss  # silent uninstall never deletes data
    assert "{localappdata}\\Overstap" in iss
    assert 'Filename: "{app}\\Overstap.exe"' in iss


def _iss_code() -> str:
    return (PACKAGING / "overstap.iss").read_text("utf-8")


def test_uninstall_after_an_all_users_install_does_not_offer_to_delete_data() -> None:
    """Elevated, {localappdata} is the administrator's folder: "my data" would be the wrong folder."""
    iss = _iss_code()
    assert "Result := IsAdminInstallMode();" in iss
    assert "Check.Visible := not AllUsersMode();" in iss
    assert "Result := Check.Checked and not AllUsersMode();" in iss
    assert "RemoveUserData and not AllUsersMode() then" in iss  # and nothing is deleted in that mode
    for language in ("dutch", "english"):
        assert f"{language}.RemoveExplainAllUsers=" in iss


def test_the_installer_waits_for_the_running_app_through_its_mutex() -> None:
    iss = _iss_code()
    assert f'#define AppMutexName "{frozen.APP_MUTEX}"' in iss
    assert "AppMutex={#AppMutexName},Global\\{#AppMutexName}" in iss
    entry = (PACKAGING / "overstap_entry.py").read_text("utf-8")
    assert "hold_app_mutex()" in entry  # both frozen programs hold it from their start


def test_the_installer_refuses_to_pack_data_or_the_portable_marker() -> None:
    iss = _iss_code()
    assert re.search(r'#if FileExists\(.*DistDir \+ "\\portable\.txt"\)\n\s+#error', iss)
    assert re.search(r'#if DirExists\(.*DistDir \+ "\\gegevens"\)\n\s+#error', iss)
    script = (PACKAGING / "build_windows.ps1").read_text("utf-8")
    check = script.index('foreach ($Leftover in @("dist\\Overstap\\gegevens", "dist\\Overstap\\portable.txt"))')
    assert check < script.index("Invoke-Checked $Iscc")  # before packing
    assert "throw" in script[check : check + 300]


def test_both_programs_the_installer_and_the_uninstaller_are_signed_when_a_certificate_is_set() -> None:
    script = (PACKAGING / "build_windows.ps1").read_text("utf-8")
    assert "$SignThumbprint = $env:OVERSTAP_SIGN_THUMBPRINT" in script
    assert '"dist\\Overstap\\Overstap.exe", "dist\\Overstap\\handover.exe"' in script
    assert script.index("dist\\Overstap\\Overstap.exe") < script.index("smoke_test.py")  # smoke-test signed files
    assert '"/DSign=1", "/Ssigntool=' in script and "`$f" in script
    iss = _iss_code()
    assert re.search(r"#ifdef Sign\nSignTool=signtool\nSignedUninstaller=yes\n#endif", iss)


def test_the_build_script_runs_python_in_utf8_mode() -> None:
    script = (PACKAGING / "build_windows.ps1").read_text("utf-8")
    assert '$env:PYTHONUTF8 = "1"' in script
    assert script.index('$env:PYTHONUTF8 = "1"') < script.index('"-m", "pytest"')


def test_powershell_and_inno_scripts_are_ascii() -> None:
    """Windows PowerShell 5.1 reads a script without BOM in the ANSI code page; ISCC too, for .iss."""
    for name in ("build_windows.ps1", "overstap.iss"):
        (PACKAGING / name).read_bytes().decode("ascii")


def test_checkouts_are_the_same_on_every_os() -> None:
    attributes = (ROOT / ".gitattributes").read_text("utf-8").splitlines()
    assert "* text=auto eol=lf" in attributes
    for pattern in ("*.png", "*.ico", "*.ttf", "*.pdf", "*.qm", "*.age", "*.db"):
        assert f"{pattern} binary" in attributes, pattern
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False).stdout.split()
    binary = {p.rsplit(".", 1)[-1] for p in tracked if "." in p} & {"png", "ico", "ttf", "pdf", "qm", "jpg", "gz"}
    for suffix in binary:
        assert f"*.{suffix} binary" in attributes, f"*.{suffix} is tracked but not marked binary"


def test_windows_workflow_runs_the_build_script() -> None:
    workflow = (ROOT / ".github" / "workflows" / "windows.yml").read_text("utf-8")
    assert "runs-on: windows-latest" in workflow
    assert "packaging/build_windows.ps1" in workflow
    # The suite runs on its own step (skips listed with their reasons), then the build and smoke test.
    assert "python -m pytest -q -ra" in workflow
    assert workflow.index("python -m pytest") < workflow.index("packaging/build_windows.ps1 -Python python -SkipTests")
    script = (PACKAGING / "build_windows.ps1").read_text("utf-8")
    for step in ("pytest", "PyInstaller", "smoke_test.py", "overstap.iss"):
        assert step in script


def test_windowed_app_shows_a_failed_start_instead_of_vanishing(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("overstap_entry", PACKAGING / "overstap_entry.py")
    assert spec is not None and spec.loader is not None
    entry = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(entry)
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    shown: list[str] = []

    def failing_start() -> int:
        print("Fout: Er is geen veilige sleutelopslag.", file=sys.stderr)
        return 2

    assert entry.run_windowed(failing_start, shown.append) == 2
    assert shown == ["Fout: Er is geen veilige sleutelopslag."]
    assert entry.run_windowed(lambda: 0, shown.append) == 0
    assert len(shown) == 1


# -- the real thing: build and start the frozen app (minutes; opt-in) ------------------------------


@pytest.mark.slow
@pytest.mark.skipif(
    os.environ.get("HANDOVER_TEST_FROZEN") != "1",
    reason="builds the 280 MB PyInstaller bundle (minutes): set HANDOVER_TEST_FROZEN=1",
)
@pytest.mark.skipif(sys.platform != "linux", reason="Windows runs packaging/build_windows.ps1 instead")
@pytest.mark.timeout(1200)
def test_frozen_build_starts_and_does_the_work() -> None:
    build = subprocess.run(["bash", str(PACKAGING / "build_linux.sh")], cwd=ROOT, capture_output=True, text=True)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    smoke = subprocess.run(
        [sys.executable, str(PACKAGING / "smoke_test.py"), "--no-baseline"], cwd=ROOT, capture_output=True, text=True
    )
    assert smoke.returncode == 0, smoke.stdout[-5000:] + smoke.stderr[-3000:]
    assert "0 failed" in smoke.stdout
