"""Shared fixtures: a fresh data folder per test, secrets in memory, Qt offscreen."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# No wall-clock limits in the suite (timings live in tests/benchmarks/): Hypothesis' default per-example
# deadline of 200 ms fails a property test on a busy machine, so it is off for every test.
hypothesis_settings.register_profile("overstap", deadline=None)
hypothesis_settings.load_profile("overstap")

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never let a test reach a real keychain or the user's data folder.
os.environ.pop("HANDOVER_PASSPHRASE", None)
os.environ.pop("HANDOVER_DATA_DIR", None)
# Subprocesses (the CLI started as a program) get keyring's failing backend: on a Windows runner
# they would otherwise store keys in the runner's Credential Manager.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

import keyring  # noqa: E402
from keyring.backend import KeyringBackend  # noqa: E402

from handover.secrets import MemorySecretStore  # noqa: E402
from handover.services.app import initialise  # noqa: E402
from handover.services.context import AppContext  # noqa: E402

FIXED_TODAY = dt.date(2026, 11, 29)


class MemoryKeyring(KeyringBackend):
    """A keyring backend that keeps passwords in a dict, for the whole test session.

    It is not on handover.secrets' allowlist, so the app treats it as "no secure key store"
    (passphrase mode) unless a test hands it in explicitly as the secure backend.
    """

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


@pytest.fixture(scope="session", autouse=True)
def session_keyring() -> Iterator[MemoryKeyring]:
    """No test reaches the OS key store (Credential Manager on a Windows runner, Secret Service here)."""
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory


@pytest.fixture(autouse=True)
def log_file_state() -> Iterator[None]:
    """A GUI start opens a log file in its data folder and hooks uncaught exceptions: undone after each test.

    Otherwise the next test would log into a folder that is gone (and Windows cannot delete a
    temporary folder while a file in it is open).
    """
    import logging
    import sys
    import threading

    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    hooks = sys.excepthook, threading.excepthook
    yield
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)
    sys.excepthook, threading.excepthook = hooks


@pytest.fixture
def secret_store() -> MemorySecretStore:
    return MemorySecretStore()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "gegevens"


@pytest.fixture
def ctx(data_dir: Path, secret_store: MemorySecretStore) -> Iterator[AppContext]:
    context, _code = initialise(
        data_dir,
        org_name="Praktijkschool De Brug",
        user_name="Marieke de Jong",
        brin="12AB",
        recipient="Werk en Inkomen gemeente Utrecht",
        secret_store=secret_store,
    )
    context.clock = lambda: FIXED_TODAY
    yield context
    context.close()


@pytest.fixture
def demo_ctx(ctx: AppContext) -> AppContext:
    from handover.services.demo import build_demo

    build_demo(ctx, 30, seed=7)
    return ctx


def youth_values(**overrides: object) -> dict[str, object]:
    values: dict[str, object] = {
        "first_names": "Ĳsbrand Jan",
        "called_name": "Ĳsbrand",
        "infix": "van der",
        "last_name": "Özdemir",
        "birth_date": dt.date(2008, 3, 14),
        "bsn": "999999990",
        "city": "Utrecht",
        "school": "Praktijkschool De Brug",
        "school_type": "pro",
        "leaving_date": dt.date(2026, 7, 10),
        "route": "werken",
    }
    values.update(overrides)
    return values
