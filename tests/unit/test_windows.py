"""What differs on Windows, tested here with the platform simulated where that is honest.

No Windows runner is available to the project, so each Windows-only path (key file bytes, console
encoding, network drives, the server's exclusive port, the installer script) has a test that runs on
Linux too. `.github/workflows/windows.yml` runs the same suite on a Windows runner when there is one.
"""

from __future__ import annotations

import os
import subprocess
import sys

import keyring

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
