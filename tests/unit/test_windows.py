"""What differs on Windows, tested here with the platform simulated where that is honest.

No Windows runner is available to the project, so each Windows-only path (key file bytes, console
encoding, network drives, the server's exclusive port, the installer script) has a test that runs on
Linux too. `.github/workflows/windows.yml` runs the same suite on a Windows runner when there is one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import keyring
import pyrage
import pytest

from handover.crypto.keys import AgeIdentity
from handover.secrets import secure_keyring_backend
from tests.conftest import MemoryKeyring

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
    if os.name == "posix":
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
