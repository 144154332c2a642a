"""Every path the app uses comes from here: data folder, resources, Alembic scripts.

Works from a source checkout, an installed package and a PyInstaller build (``sys._MEIPASS``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from handover import APP_NAME

DATA_DIR_ENV = "HANDOVER_DATA_DIR"
DB_FILENAME = "overstap.db"
RECOVERY_FILENAME = "herstel.age"
BACKUP_DIRNAME = "backups"
PORTABLE_MARKER = "portable.txt"


def _bundle_root() -> Path:
    """Folder that holds ``resources/`` and ``db/``: the PyInstaller bundle or the source tree."""
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass:
        return Path(meipass)
    return Path(__file__).resolve().parent.parent


def executable_dir() -> Path:
    return Path(sys.executable).resolve().parent


def is_portable() -> bool:
    """A ``portable.txt`` beside a frozen executable keeps the data next to it (USB stick use)."""
    return bool(getattr(sys, "frozen", False)) and (executable_dir() / PORTABLE_MARKER).exists()


def default_data_dir() -> Path:
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    if is_portable():
        return executable_dir() / "gegevens"
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def resource_path(*parts: str) -> Path:
    return _bundle_root().joinpath("resources", *parts)


def alembic_dir() -> Path:
    return _bundle_root() / "db"


def db_path(data_dir: Path) -> Path:
    return data_dir / DB_FILENAME


def recovery_path(data_dir: Path) -> Path:
    return data_dir / RECOVERY_FILENAME


def backup_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIRNAME


def use_utf8_console() -> None:
    """Print UTF-8 whatever the console's code page, replacing what a stream still cannot take.

    With output redirected (Task Scheduler ``> log``, a pipe) Python on Windows writes in the ANSI
    code page (cp1252), and names like Yılmaz, Doğan, Ĳsbrand or Nguyễn raise UnicodeEncodeError.
    The entry points call this first. A windowed app has no streams (None): nothing to do.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            reconfigure(encoding="utf-8", errors="replace")
        except (ValueError, OSError):  # a stream that cannot change any more keeps its encoding
            continue
