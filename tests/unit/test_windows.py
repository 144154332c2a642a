"""What differs on Windows, tested here with the platform simulated where that is honest.

No Windows runner is available to the project, so each Windows-only path (key file bytes, console
encoding, network drives, the server's exclusive port, the installer script) has a test that runs on
Linux too. `.github/workflows/windows.yml` runs the same suite on a Windows runner when there is one.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import keyring
import pyrage
import pytest

from handover import paths
from handover.crypto.keys import AgeIdentity
from handover.secrets import MemorySecretStore, secure_keyring_backend
from tests.conftest import MemoryKeyring

ROOT = Path(__file__).resolve().parents[2]

# -- the test session's keyring ---------------------------------------------------------------------


def test_the_test_session_uses_the_in_memory_keyring(session_keyring: MemoryKeyring) -> None:
    backend = keyring.get_keyring()
    assert isinstance(backend, MemoryKeyring) and backend is session_keyring
    # Not on the allowlist: the app sees "no secure key store" unless a test hands it in.
    assert secure_keyring_backend() is None
    keyring.set_password("Overstap-test", "x", "y")
    assert session_keyring.passwords[("Overstap-test", "x")] == "y"
    keyring.delete_password("Overstap-test", "x")


def test_programs_started_by_tests_get_the_failing_keyring() -> None:
    probe = "import keyring; print(type(keyring.get_keyring()).__module__)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=os.environ)
    assert out.stdout.strip() == "keyring.backends.fail"


# -- export-key: the age identity file -----------------------------------------------------------------


def test_the_exported_key_file_has_lf_line_ends_and_age_accepts_it(tmp_path: Path) -> None:
    """On Windows a text-mode write made CRLF (``\\r\\r\\n`` even) and age refused the key line."""
    identity = AgeIdentity.generate()
    key_file = tmp_path / "gemeente-sleutel.txt"
    identity.export_identity_file(key_file)
    data = key_file.read_bytes()
    assert b"\r" not in data
    lines = data.split(b"\n")
    assert lines[-1] == b"" and lines[2].startswith(b"AGE-SECRET-KEY-1") and len(lines) == 4
    assert lines[1] == f"# public key: {identity.recipient}".encode("ascii")
    if sys.platform != "win32":  # Windows has no POSIX modes; the profile's ACLs apply
        assert key_file.stat().st_mode & 0o777 == 0o600  # owner-only
    key_file.write_bytes(b"oud")  # exporting again replaces the file completely
    identity.export_identity_file(key_file)
    assert key_file.read_bytes().split(b"\n")[2] == lines[2]

    age = shutil.which("age")
    if age is None:
        pytest.skip("the 'age' command-line tool is not installed (apt-get install age)")
    message = tmp_path / "bericht.age"
    message.write_bytes(pyrage.encrypt("hallo Doğan".encode(), [identity.pyrage_identity.to_public()]))
    result = subprocess.run([age, "-d", "-i", str(key_file), str(message)], capture_output=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert result.stdout == b"hallo Do\xc4\x9fan"


# -- console encoding ------------------------------------------------------------------------------

NAMES = ("Yılmaz", "Doğan", "Ĳsbrand", "Nguyễn")


def _cp1252_env(**extra: str) -> dict[str, str]:
    """What a redirected Windows console gives Python: the ANSI code page, no UTF-8 mode."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HANDOVER_")}
    env.update(PYTHONIOENCODING="cp1252", PYTHONUTF8="0", **extra)
    return env


def test_the_cp1252_simulation_really_fails_without_the_fix() -> None:
    probe = f"print({NAMES[0]!r})"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, env=_cp1252_env(), timeout=60)
    assert result.returncode != 0 and b"UnicodeEncodeError" in result.stderr


def test_handover_prints_names_as_utf8_to_a_redirected_cp1252_console(tmp_path: Path) -> None:
    from handover.services.app import initialise
    from handover.services.dossiers import DossierService
    from tests.conftest import youth_values

    folder = tmp_path / "gegevens"
    ctx, _code = initialise(folder, org_name="School", user_name="Mentor", passphrase="lang wachtwoord 123")
    for name in NAMES:
        DossierService(ctx).create_youth(youth_values(first_names=name, called_name=name, last_name=name))
    ctx.close()
    result = subprocess.run(
        [sys.executable, "-m", "handover", "--data-dir", str(folder), "list"],
        capture_output=True,
        env=_cp1252_env(HANDOVER_PASSPHRASE="lang wachtwoord 123"),
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert b"UnicodeEncodeError" not in result.stderr
    text = result.stdout.decode("utf-8")  # strict: the bytes are UTF-8
    for name in NAMES:
        assert name in text


def test_the_server_command_prints_names_as_utf8_to_a_redirected_cp1252_console(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'server.db'}"
    server = [sys.executable, "-m", "handover.server.cli", "--db", db]
    for args in (["init"], ["add-org", "--name", "Praktijkschool Nguyễn Yılmaz", "--kind", "school"], ["list"]):
        result = subprocess.run([*server, *args], capture_output=True, env=_cp1252_env(), timeout=120)
        assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert "Praktijkschool Nguyễn Yılmaz" in result.stdout.decode("utf-8")


# -- --selfcheck: the key-store round trip counts -----------------------------------------------------


class _BrokenCredentialManager:
    """A secure store that is found but refuses to keep a secret (a locked-down Credential Manager)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        from keyring.errors import PasswordSetError

        raise PasswordSetError("Access is denied")

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def delete_password(self, service: str, username: str) -> None:
        pass


def _load_entry() -> Any:
    spec = importlib.util.spec_from_file_location("overstap_entry", ROOT / "packaging" / "overstap_entry.py")
    assert spec is not None and spec.loader is not None
    entry = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(entry)
    return entry


@pytest.mark.parametrize("working", [True, False], ids=["store-works", "store-fails"])
def test_the_selfcheck_fails_when_the_key_store_round_trip_fails(
    working: bool, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], session_keyring: MemoryKeyring
) -> None:
    from handover import frozen

    backend = session_keyring if working else _BrokenCredentialManager()
    monkeypatch.setattr("handover.secrets.secure_keyring_backend", lambda: backend)
    monkeypatch.setattr(frozen, "check_worker_process", lambda: "werkt")  # its own test starts a real worker
    lines, ok = frozen.selfcheck_lines()
    assert ok is working
    verdict = next(line for line in lines if line.startswith("sleutelopslag test:"))
    assert ("werkt NIET (PasswordSetError)" in verdict) is not working

    entry = _load_entry()
    monkeypatch.setattr(entry, "_qt_selfcheck", lambda: ([], True))
    assert entry.selfcheck() == (0 if working else 1)
    out = capsys.readouterr().out
    assert ("ZELFTEST GESLAAGD" in out) is working and ("ZELFTEST MISLUKT" in out) is not working


# -- the CSV importer's dialect -----------------------------------------------------------------------


@pytest.mark.parametrize("sniffed", [True, False], ids=["sniffed", "fallback"])
def test_the_csv_dialect_does_not_leak(sniffed: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading a Dutch Excel file (``;``) leaves csv.excel as it was for the rest of the process."""
    import csv

    from handover.services.importer import read_rows

    if not sniffed:  # the sniffer gives up on some files; then the semicolon fallback is used

        def give_up(self: csv.Sniffer, sample: str, delimiters: str | None = None) -> type[csv.Dialect]:
            raise csv.Error("Could not determine delimiter")

        monkeypatch.setattr(csv.Sniffer, "sniff", give_up)
    source = tmp_path / "leerlingen.csv"
    source.write_text("Achternaam;Roepnaam;Geboortedatum\nYılmaz;Doğan;14-03-2008\nNguyễn;Lan;01-02-2009\n", "utf-8")
    _ignored, rows = read_rows(source)
    assert [values["last_name"] for _line, values in rows] == ["Yılmaz", "Nguyễn"]
    assert csv.excel.delimiter == ","
    assert csv.get_dialect("excel").delimiter == ","
    assert list(csv.reader(["a,b;c"])) == [["a", "b;c"]]


# -- a data folder on a network drive ---------------------------------------------------------------


@pytest.fixture
def on_windows(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """sys.platform reads win32; H: is a mapped network drive, every other letter a local disk.

    Only the platform check and GetDriveTypeW are simulated: the path parsing is Python's own
    Windows path logic. The working directory is a temporary folder, so a refusal that did not
    happen would leave a visible trace there.
    """
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(paths, "_drive_type", lambda root: 4 if root.upper() == "H:\\" else 3)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("folder", "location"),
    [
        ("\\\\fileserver\\mentoren\\Overstap", "\\\\fileserver\\mentoren"),
        ("//fileserver/mentoren/Overstap", "\\\\fileserver\\mentoren"),
        ("\\\\?\\UNC\\fileserver\\mentoren\\Overstap", "\\\\fileserver\\mentoren"),
        ("H:\\Overstap\\gegevens", "H:"),
        ("h:/Overstap", "h:"),
        ("C:\\Users\\mentor\\AppData\\Local\\Overstap", None),
        ("\\\\?\\C:\\Users\\mentor\\Overstap", None),
        ("D:\\Overstap", None),
    ],
)
def test_network_drives_are_recognised(on_windows: Path, folder: str, location: str | None) -> None:
    assert paths.network_location(folder) == location


def test_network_drives_mean_nothing_off_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    assert paths.network_location("\\\\fileserver\\mentoren") is None  # a file name on Linux


@pytest.mark.parametrize("folder", ["\\\\fileserver\\mentoren\\Overstap", "H:\\Overstap"])
def test_a_data_folder_on_a_network_drive_is_refused_in_dutch(on_windows: Path, folder: str) -> None:
    from handover.secrets import MemorySecretStore
    from handover.services.app import initialise, open_app
    from handover.store.workspace import NetworkFolder

    with pytest.raises(NetworkFolder) as refused:
        initialise(Path(folder), org_name="School", user_name="Mentor", secret_store=MemorySecretStore())
    message = str(refused.value)
    assert message.startswith(f"De gegevensmap {folder} staat op een netwerkschijf")
    assert "beschadigd" in message and "Kies een map op deze computer" in message
    assert list(on_windows.iterdir()) == []  # nothing was created
    with pytest.raises(NetworkFolder):
        open_app(Path(folder), secret_store=MemorySecretStore())


def test_the_command_line_refuses_a_network_folder_with_exit_code_2(
    on_windows: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from handover.cli.entry import run

    monkeypatch.setenv("HANDOVER_PASSPHRASE", "een lang wachtwoord")
    code = run(["--data-dir", "\\\\fileserver\\mentoren\\Overstap", "init", "--org", "School", "--user", "Mentor"])
    assert code == 2
    err = capsys.readouterr().err
    assert "Fout: De gegevensmap \\\\fileserver\\mentoren\\Overstap staat op een netwerkschijf" in err
    assert "Error" not in err
    assert list(on_windows.iterdir()) == []


def test_a_local_folder_is_still_accepted_with_the_platform_simulated(
    on_windows: Path, tmp_path: Path, secret_store: MemorySecretStore
) -> None:
    from handover.services.app import initialise

    ctx, _code = initialise(tmp_path / "gegevens", org_name="School", user_name="Mentor", secret_store=secret_store)
    ctx.close()


# -- certificates and proxies ------------------------------------------------------------------------


def _self_signed_certificate(folder: Path) -> tuple[str, str]:
    """A certificate for 127.0.0.1 that no system store trusts (like a school's internal CA)."""
    import datetime as dt
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Overstap test-CA 127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "server.pem", folder / "server.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return str(cert_file), str(key_file)


def test_the_sync_client_verifies_https_with_the_system_certificate_store() -> None:
    import ssl

    import truststore

    from handover.sync.client import SyncClient

    with SyncClient("https://overstap.gemeente.example") as client:
        assert isinstance(client.ssl_context, truststore.SSLContext)
        assert client.ssl_context.verify_mode == ssl.CERT_REQUIRED and client.ssl_context.check_hostname
        assert client._http._trust_env  # the system proxy (environment; on Windows the registry)


def test_an_untrusted_server_certificate_is_refused_and_a_trusted_one_works(tmp_path: Path) -> None:
    """The real server over https on loopback: the system store refuses its private CA until it is added."""
    import ssl

    import truststore

    from handover.server.settings import ServerSettings
    from handover.server.testing import run_live_server
    from handover.sync.client import UNTRUSTED_CERTIFICATE, SyncClient, SyncError

    cert, key = _self_signed_certificate(tmp_path)
    settings = ServerSettings(db_url=f"sqlite:///{tmp_path / 'server.db'}")
    with run_live_server(settings, tls=(cert, key)) as live:
        assert live.url.startswith("https://127.0.0.1:")
        pauses: list[float] = []
        with SyncClient(live.url, max_attempts=3, sleep=pauses.append) as client:
            with pytest.raises(SyncError) as refused:
                client.health()
            assert refused.value.kind == "certificate" and str(refused.value) == UNTRUSTED_CERTIFICATE
            assert pauses == []  # not retried: trying again cannot help
        # What IT does on Windows (the CA in the certificate store), done here on the same kind of context.
        trusted = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        trusted.load_verify_locations(cert)
        with SyncClient(live.url, verify=trusted) as client:
            assert client.health().status == "ok"


# -- the server's port ------------------------------------------------------------------------------


class _RecordingSocket:
    """Stands in for socket.socket: records the options set, binds nothing."""

    def __init__(self, *args: object) -> None:
        self.options: list[tuple[int, int, int]] = []

    def setsockopt(self, level: int, option: int, value: int) -> None:
        self.options.append((level, option, value))

    def bind(self, address: object) -> None:
        pass


def test_on_windows_the_server_holds_its_port_exclusively(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    from handover.server import app

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(app.socket, "socket", _RecordingSocket)
    sock = app.bind_tcp("127.0.0.1", 8443)
    # Only SO_EXCLUSIVEADDRUSE (Winsock's value, ~SO_REUSEADDR), never SO_REUSEADDR: that lets others in.
    assert sock.options == [(socket.SOL_SOCKET, -5, 1)]


def test_elsewhere_the_server_may_restart_while_old_connections_linger(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    from handover.server import app

    monkeypatch.setattr(sys, "platform", "linux")
    assert app.port_sharing_option() == (socket.SOL_SOCKET, socket.SO_REUSEADDR)


def test_a_second_server_on_the_same_port_fails_clearly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from handover.server.cli import main as server_main
    from handover.server.settings import ServerSettings
    from handover.server.testing import run_live_server

    db = f"sqlite:///{tmp_path / 'tweede.db'}"
    assert server_main(["--db", db, "init"]) == 0
    with run_live_server(ServerSettings(db_url=f"sqlite:///{tmp_path / 'eerste.db'}")) as first:
        port = first.url.rsplit(":", 1)[1]
        capsys.readouterr()
        assert server_main(["--db", db, "serve", "--port", port]) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"Fout: poort {port} op 127.0.0.1 is al in gebruik")
        assert "Errno" not in err and "OSError" not in err


# -- the log file -------------------------------------------------------------------------------------


def _demo_people(ctx: Any) -> list[str]:
    from sqlalchemy import select

    from handover.store.models import Youth

    with ctx.session() as session:
        rows = session.execute(select(Youth.id, Youth.called_name, Youth.last_name, Youth.bsn)).all()
    return [value for row in rows for value in row[1:] if value]


def test_a_logged_failure_names_no_one_from_the_demo_set(demo_ctx: Any) -> None:
    import logging

    from sqlalchemy import select

    from handover import frozen
    from handover.store.models import Youth

    path = frozen.start_log_file(demo_ctx.workspace.data_dir)
    people = _demo_people(demo_ctx)
    assert len(people) > 60 and any(p.isdigit() and len(p) == 9 for p in people)  # names and BSNs
    with demo_ctx.session() as session:
        youth_id, last_name, bsn = session.execute(select(Youth.id, Youth.last_name, Youth.bsn).limit(1)).one()
    log = logging.getLogger("handover.ui")
    try:
        raise KeyError(f"{last_name} {bsn}")
    except KeyError as inner:
        try:
            raise ValueError(f"dossier van {' '.join(people)} niet opgeslagen") from inner
        except ValueError as exc:
            log.error("Niet opgeslagen.", exc_info=exc)
    log.info("dossier %s: %s (BSN %s, revisie %s)", youth_id, last_name, bsn, 12)
    for handler in logging.getLogger().handlers:
        handler.flush()

    text = path.read_text("utf-8")
    leaked = [p for p in people if p in text]
    assert leaked == []
    assert "Niet opgeslagen." in text and "builtins.ValueError (melding weggelaten)" in text
    assert "builtins.KeyError" in text and "test_a_logged_failure_names_no_one_from_the_demo_set" in text
    assert f"dossier {youth_id}: <weggelaten> (BSN <weggelaten>, revisie 12)" in text


def test_an_uncaught_exception_goes_to_the_log_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from handover import frozen

    shown: list[str] = []  # the hooks that were there before (stderr) still run after the log line
    monkeypatch.setattr(sys, "excepthook", lambda *a: shown.append("stderr"))
    monkeypatch.setattr(threading, "excepthook", lambda args: shown.append("thread"))
    path = frozen.start_log_file(tmp_path / "gegevens")
    assert path == tmp_path / "gegevens" / "logs" / "overstap.log"
    try:
        raise RuntimeError("Ĳsbrand Özdemir 999999990")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    worker = threading.Thread(target=lambda: 1 / 0)
    worker.start()
    worker.join()
    assert shown == ["stderr", "thread"]
    text = path.read_text("utf-8")
    assert "CRITICAL handover.onverwacht: onverwachte fout\nbuiltins.RuntimeError (melding weggelaten)" in text
    assert "onverwachte fout in een achtergrondtaak\nbuiltins.ZeroDivisionError" in text
    assert "Özdemir" not in text and "999999990" not in text
    assert "Overstap" in text.splitlines()[0] and "gestart" in text.splitlines()[0]


def test_the_log_file_rotates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import logging

    from handover import frozen

    monkeypatch.setattr(frozen, "LOG_MAX_BYTES", 4000)  # 1 MB in the app; the same code path
    path = frozen.start_log_file(tmp_path)
    for _ in range(frozen.LOG_MAX_BYTES // 40 * (frozen.LOG_BACKUPS + 2)):
        logging.getLogger("handover").warning("een regel van ongeveer veertig tekens")
    files = sorted(p.name for p in path.parent.iterdir())
    assert files == ["overstap.log", "overstap.log.1", "overstap.log.2", "overstap.log.3"]
    assert all(p.stat().st_size <= frozen.LOG_MAX_BYTES for p in path.parent.iterdir())


# -- the app's mutex, which the installer checks ----------------------------------------------------------


class _FakeKernel32:
    def __init__(self) -> None:
        self.created: list[tuple[object, bool, str]] = []

    def CreateMutexW(self, attributes: object, initial_owner: bool, name: str) -> int:  # noqa: N802 - Win32 name
        self.created.append((attributes, initial_owner, name))
        return 100 + len(self.created)


def test_on_windows_the_app_holds_the_mutex_the_installer_waits_for(monkeypatch: pytest.MonkeyPatch) -> None:
    import ctypes
    import types

    from handover import frozen

    kernel32 = _FakeKernel32()
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "windll", types.SimpleNamespace(kernel32=kernel32), raising=False)
    monkeypatch.setattr(frozen, "_held_mutexes", [])
    assert frozen.hold_app_mutex() is True
    assert kernel32.created == [(None, False, "OverstapRunning"), (None, False, "Global\\OverstapRunning")]
    assert frozen._held_mutexes == [101, 102]  # kept open until the process ends
    assert frozen.hold_app_mutex() is True and len(kernel32.created) == 2  # once per process
    iss = (ROOT / "packaging" / "overstap.iss").read_text("utf-8")
    assert f'#define AppMutexName "{frozen.APP_MUTEX}"' in iss


def test_elsewhere_there_is_no_installer_mutex(monkeypatch: pytest.MonkeyPatch) -> None:
    from handover import frozen

    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(frozen, "_held_mutexes", [])
    assert frozen.hold_app_mutex() is False
