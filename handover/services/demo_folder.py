"""The demo's temporary data folder: marked as a demo folder and locked while its app runs.

``handover --demo`` works in a folder under the system's temporary folder and removes it on a normal
exit. A demo that was killed (Task Manager, a crash, a power cut) cannot, so the next start removes
the demo folders left behind: only folders that carry the marker file, and only when no running
demo holds their lock. The lock is an operating-system lock on an open file (``msvcrt.locking`` on
Windows, ``flock`` elsewhere): the system releases it when the process ends, however it ends, so a
folder whose lock can be taken belongs to nobody.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import IO

PREFIX = "overstap-demo-"
MARKER = "OVERSTAP-DEMO.txt"  # only folders with this file are ever removed
LOCK = "in-gebruik.lock"
MARKER_TEXT = (
    "Tijdelijke map van de demo van Overstap (verzonnen gegevens).\n"
    "Wordt verwijderd bij het afsluiten van de demo, of bij de volgende start als de demo niet meer draait.\n"
)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(handle: IO[bytes]) -> bool:
        handle.seek(0)  # msvcrt locks from the current position: always the first byte
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def temp_base() -> Path:
    return Path(tempfile.gettempdir())


class DemoFolder:
    """A fresh demo folder, locked by this process until :meth:`remove`."""

    def __init__(self, path: Path, lock: IO[bytes]) -> None:
        self.path = path
        self._lock: IO[bytes] | None = lock

    @property
    def data_dir(self) -> Path:
        return self.path / "gegevens"

    @classmethod
    def create(cls, base: Path | None = None) -> DemoFolder:
        path = Path(tempfile.mkdtemp(prefix=PREFIX, dir=base))
        handle = (path / LOCK).open("wb")
        handle.write(b"\0")
        handle.flush()
        if not _try_lock(handle):  # a fresh folder: nobody else can hold it
            handle.close()
            raise OSError(f"De demomap {path} kon niet worden vergrendeld.")
        # The marker last: a folder with a marker always has its lock taken by a live process, or none.
        (path / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        return cls(path, handle)

    def remove(self) -> None:
        """Unlock and delete the folder (the database must be closed first, for Windows)."""
        if self._lock is not None:
            try:
                _unlock(self._lock)
            finally:
                self._lock.close()
                self._lock = None
        shutil.rmtree(self.path, ignore_errors=True)


def _in_use(folder: Path) -> bool:
    try:
        handle = (folder / LOCK).open("r+b")
    except FileNotFoundError:
        return False  # marked but no lock file: its creator is gone
    except OSError:
        return True  # cannot even open it (Windows: opened without sharing): leave it alone
    with handle:
        if not _try_lock(handle):
            return True
        _unlock(handle)
        return False


def remove_stale(base: Path | None = None) -> list[Path]:
    """Remove the demo folders no running demo holds. Returns the folders removed."""
    removed: list[Path] = []
    root = base or temp_base()
    try:
        candidates = sorted(root.glob(PREFIX + "*"))
    except OSError:
        return removed
    for folder in candidates:
        if not folder.is_dir() or folder.is_symlink() or not (folder / MARKER).is_file():
            continue
        if _in_use(folder):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            removed.append(folder)
    return removed
