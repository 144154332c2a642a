"""Sizes and thresholds of the sync engine, in one place (tests and benchmarks pass their own)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass


@dataclass(frozen=True)
class SyncTuning:
    # Dossiers sealed per transaction of the catch-up scan.
    scan_chunk: int = 500
    # Bytes of envelopes per push: stays under the server's 1 MiB body limit with JSON overhead.
    batch_bytes: int = 900 * 1024
    # Push batches on the wire at once (a chunk of the scan fills about five): the server stores
    # one while the next wait, so the scan seldom waits for the server.
    max_in_flight: int = 4
    # A scan of at least this many dossiers encrypts on a worker process (starting one costs
    # ~0.3 s, on Windows more); plaintexts go to it in groups of ``encrypt_group``.
    worker_min_dossiers: int = 1000
    encrypt_group: int = 50
    # Where that worker runs: None is one 'spawn' process (see handover.sync.encryptor.spawn_pool).
    encrypt_pool: Callable[[], Executor | None] | None = None
    # Receiving: while a replica message is written, a worker process plans the next ones once at least
    # this many follow it in the inbox page, each of at least ``replica_ahead_states`` states (see
    # handover.sync.replica_ahead; handover.services.merge.BULK_STATES); the worker runs where
    # ``replica_pool`` says (None: one 'spawn' process). Until it first answers, messages are merged here
    # meanwhile, unless ``replica_wait_for_worker``.
    replica_ahead_min: int = 3
    replica_ahead_states: int = 200
    replica_pool: Callable[[], Executor | None] | None = None
    replica_wait_for_worker: bool = False
    # Messages asked for per inbox page.
    inbox_page: int = 100
    # Key changes of peers are picked up within this time (and at once when an unknown sender appears).
    directory_refresh_seconds: float = 300.0
