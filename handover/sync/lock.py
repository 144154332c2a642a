"""One sync at a time per data folder, across processes (the app's timer and a scheduled task)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SYNC_LOCK_FILENAME = "sync.lock"


@contextmanager
def exclusive_sync(data_dir: Path) -> Iterator[bool]:
    """An OS file lock so the app's timer and a scheduled ``handover sync`` never sync at once.

    Yields False (without waiting) when another process or window holds it. The OS releases the
    lock when a process dies, so a crash never leaves it stuck.
    """
    handle = open(data_dir / SYNC_LOCK_FILENAME, "a+b")  # noqa: SIM115 - closed in finally
    locked = False
    try:
        handle.seek(0)
        try:
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            locked = True
        except OSError:
            locked = False
        yield locked
    finally:
        if locked:
            handle.seek(0)
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        handle.close()
