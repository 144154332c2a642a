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


_DRIVE_REMOTE = 4  # GetDriveTypeW: a mapped network drive


def _drive_type(root: str) -> int:  # pragma: no cover - Windows only; tests replace it
    import ctypes

    windll = getattr(ctypes, "windll", None)
    if windll is None:
        return 0
    return int(windll.kernel32.GetDriveTypeW(root))


def network_location(folder: Path | str) -> str | None:
    """The share or drive when ``folder`` is on a network drive on Windows, else None.

    A UNC path (``\\\\server\\share\\...``, also ``\\\\?\\UNC\\...``) or a drive letter that
    Windows reports as remote (a mapped ``H:``). SQLite's write-ahead log needs shared memory
    that network file systems do not provide, so the database there can be damaged.
    """
    if sys.platform != "win32":
        return None
    from pathlib import PureWindowsPath

    text = (os.path.abspath(folder) if os.name == "nt" else str(folder)).replace("/", "\\")
    if text.upper().startswith("\\\\?\\UNC\\"):  # the long-path form of \\server\share
        text = "\\\\" + text[8:]
    elif text.startswith(("\\\\?\\", "\\\\.\\")):  # a local long path or a device
        text = text[4:]
    drive = PureWindowsPath(text).drive
    if drive.startswith("\\\\"):
        return drive
    if len(drive) == 2 and drive[1] == ":" and _drive_type(drive + "\\") == _DRIVE_REMOTE:
        return drive
    return None


def refuse_network_folder(folder: Path) -> str | None:
    """A Dutch explanation why ``folder`` cannot hold the data (a network drive), or None when it can."""
    location = network_location(folder)
    if location is None:
        return None
    return (
        f"De gegevensmap {folder} staat op een netwerkschijf ({location}). Daar kan de database van "
        "Overstap beschadigd raken, omdat een netwerkschijf het gelijktijdig lezen en schrijven niet "
        "betrouwbaar afhandelt. Kies een map op deze computer, bijvoorbeeld de voorgestelde map."
    )


def private_write(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` for the owner only, in one step (never a half-written file).

    Exports, PDFs and other files with personal data. On Linux and macOS the file gets mode 0600,
    also when it replaces an existing file with wider rights. On Windows POSIX modes do not apply:
    the file inherits the ACL of its folder, which in the user's profile (Documenten, Bureaublad)
    gives access to that user and the administrators only.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if os.name != "nt":
            os.chmod(tmp, 0o600)  # the umask cannot widen it, but be explicit
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
