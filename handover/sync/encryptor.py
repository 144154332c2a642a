"""Encrypting the scan's signed plaintexts: on one worker process for a large scan, else inline.

pyrage holds the GIL, so a thread would not help; a worker process encrypts group n while this
process signs group n+1. Signing stays in this process: the device key never leaves it, the worker
only gets plaintexts and public age keys. If a worker cannot be started or dies, the rest is
encrypted inline (same kind of bytes, only slower). Rows get their ``envelope`` in
:meth:`Encryptor.finish`, inside the chunk's transaction, so nothing is written before it is sealed.
"""

from __future__ import annotations

import logging
import multiprocessing
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from handover.crypto.envelope import encrypt_plaintexts, finish_envelope
from handover.sync.outbox import OutboxRow

log = logging.getLogger(__name__)


def spawn_pool(work: str = "versleutelen") -> Executor | None:
    """One 'spawn' worker process (works the same on Windows and in the frozen app), or None."""
    try:
        return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    except (OSError, ValueError, NotImplementedError) as exc:
        log.warning("%s zonder hulpproces: %s", work, type(exc).__name__)
        return None


class Encryptor:
    """Encrypts groups of rows on ``pool`` (None: inline) while the caller signs the next ones."""

    def __init__(self, pool: Executor | None = None) -> None:
        self._pool = pool
        self._broken = False
        self._started = False  # has the worker answered yet?
        self._groups: list[tuple[list[OutboxRow], Future[list[bytes]] | None]] = []

    def __enter__(self) -> Encryptor:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    @property
    def worker_used(self) -> bool:
        """Whether the worker's answers were used (it had started in time)."""
        return self._started

    def submit(self, rows: list[OutboxRow]) -> None:
        """Hand a group of signed rows to the worker (all to the same age keys)."""
        if not rows:
            return
        future: Future[list[bytes]] | None = None
        if self._pool is not None and not self._broken:
            try:
                future = self._pool.submit(encrypt_plaintexts, [r.signed.plain for r in rows], rows[0].signed.age_keys)
            except (BrokenProcessPool, RuntimeError):
                self._broken = True
        self._groups.append((rows, future))

    def finish(self, *, wait_for_worker: bool = False) -> None:
        """Wait for every submitted group and give each row its envelope bytes.

        While the worker is still starting (~0.3-0.8 s), the chunk does not wait for it: its
        groups are encrypted here and the worker's answers for them are dropped, unless
        ``wait_for_worker``.
        """
        for rows, future in self._groups:
            datas: list[bytes] | None = None
            if future is not None and not self._started and not wait_for_worker and not future.done():
                future.cancel()
            elif future is not None and all(r.signed.age_keys == rows[0].signed.age_keys for r in rows):
                try:
                    datas = future.result()
                    self._started = True
                except Exception as exc:  # noqa: BLE001 - the worker only encrypts: redo it here
                    log.warning("hulpproces voor versleutelen mislukt (%s); verder zonder", type(exc).__name__)
                    datas = None
                    self._broken = True
            for i, row in enumerate(rows):
                data = datas[i] if datas is not None else encrypt_plaintexts([row.signed.plain], row.signed.age_keys)[0]
                row.envelope = finish_envelope(row.signed, data).data
        self._groups.clear()
