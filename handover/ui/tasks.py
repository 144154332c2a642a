"""The one way to do background work in the GUI.

``TaskRunner.run(fn, on_done, on_error)`` runs ``fn`` on a worker thread and delivers its result
(or exception) on the GUI thread. Three lanes:

- ``run``: reads and other work that may run alongside other tasks (two threads);
- ``run_write``: database writes, on a one-thread pool so they are serialised in the order they
  were asked for (autosaves, agreements, settings);
- ``run_network``: long work that mostly waits on the network (the sync with the server), one job
  at a time on its own thread, so a sync that waits for a server (Retry-After up to 300 s) never
  holds up a save. Such work takes a cancel event; closing the window sets it and does not wait.

Workers never touch widgets. Tests can make the runner synchronous (``synchronous=True``) so a
click's effect is visible right after it.

Why the network lane is a daemon thread and not a third ``QThreadPool``: a pool's destructor waits
for its running job, so quitting the app would wait for a request in flight (up to its 30 s read
timeout). A daemon thread is left behind at exit instead. That is safe for the database: every
write is a transaction, and one that has not committed when the process ends is rolled back by
SQLite (WAL) when the data folder is next opened; the sync's outbox keeps what was not yet sent.
"""

from __future__ import annotations

import queue
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

Callback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]


class _Relay(QObject):
    """Lives in the GUI thread; queued signals carry the outcome back to it."""

    succeeded = Signal(object, object)  # callback, result
    failed = Signal(object, object)  # callback, exception

    @Slot(object, object)
    def _deliver(self, callback: Callback | None, value: Any) -> None:
        if callback is not None:
            callback(value)


def _execute(fn: Callable[[], Any], relay: _Relay, on_done: Callback | None, on_error: ErrorCallback | None) -> None:
    """Run one job on the current (worker) thread and send its outcome to the GUI thread."""
    try:
        result = fn()
    except BaseException as exc:  # noqa: BLE001 - every failure must reach the GUI, never vanish
        exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
        outcome: tuple[Any, Any, Any] = (relay.failed, on_error, exc)
    else:
        outcome = (relay.succeeded, on_done, result)
    signal, callback, value = outcome
    try:
        signal.emit(callback, value)
    except RuntimeError:  # the relay is gone: the app is shutting down, nobody is left to tell
        pass


class _Job(QRunnable):
    def __init__(
        self, fn: Callable[[], Any], relay: _Relay, on_done: Callback | None, on_error: ErrorCallback | None
    ) -> None:
        super().__init__()
        self.fn, self.relay, self.on_done, self.on_error = fn, relay, on_done, on_error
        self.setAutoDelete(True)

    def run(self) -> None:
        _execute(self.fn, self.relay, self.on_done, self.on_error)


class _Lane:
    """One daemon thread that runs its jobs in order (see the module note for why not a pool)."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._jobs: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._pending = 0
        self._changed = threading.Condition()

    def start(self, job: Callable[[], None]) -> None:
        with self._changed:
            self._pending += 1
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name=self._name, daemon=True)
                self._thread.start()
        self._jobs.put(job)

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            try:
                job()
            finally:
                with self._changed:
                    self._pending -= 1
                    self._changed.notify_all()

    def wait(self, msecs: int) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: self._pending == 0, timeout=msecs / 1000)


class TaskRunner(QObject):
    task_failed = Signal(object)  # an exception nobody handled

    def __init__(self, parent: QObject | None = None, *, synchronous: bool = False) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self._reads = QThreadPool(self)
        self._reads.setMaxThreadCount(2)
        self._writes = QThreadPool(self)
        self._writes.setMaxThreadCount(1)
        self._network = _Lane("overstap-network")
        self._relay = _Relay(self)
        self._relay.succeeded.connect(self._relay._deliver)
        self._relay.failed.connect(self._on_failed)

    def _on_failed(self, callback: ErrorCallback | None, exc: BaseException) -> None:
        if callback is not None:
            callback(exc)
        else:
            self.task_failed.emit(exc)

    def _run_here(self, fn: Callable[[], Any], on_done: Callback | None, on_error: ErrorCallback | None) -> None:
        try:
            result = fn()
        except Exception as exc:  # noqa: BLE001
            self._on_failed(on_error, exc)
        else:
            if on_done is not None:
                on_done(result)

    def _submit(
        self, pool: QThreadPool, fn: Callable[[], Any], on_done: Callback | None, on_error: ErrorCallback | None
    ) -> None:
        if self.synchronous:
            self._run_here(fn, on_done, on_error)
            return
        pool.start(_Job(fn, self._relay, on_done, on_error))

    def run(
        self, fn: Callable[[], Any], on_done: Callback | None = None, on_error: ErrorCallback | None = None
    ) -> None:
        """Reads and other work that may run alongside other tasks."""
        self._submit(self._reads, fn, on_done, on_error)

    def run_write(
        self, fn: Callable[[], Any], on_done: Callback | None = None, on_error: ErrorCallback | None = None
    ) -> None:
        """Database writes: one at a time, in order."""
        self._submit(self._writes, fn, on_done, on_error)

    def run_network(
        self, fn: Callable[[], Any], on_done: Callback | None = None, on_error: ErrorCallback | None = None
    ) -> None:
        """Long work that waits on the network (the sync): one at a time, in order, on its own thread.

        Its database writes may overlap with those of ``run_write`` (SQLite serialises them; a write
        waits for the other's transaction). ``wait_idle`` does not wait for this lane: give such work
        a cancel event and set it when closing."""
        if self.synchronous:
            self._run_here(fn, on_done, on_error)
            return
        relay = self._relay
        self._network.start(lambda: _execute(fn, relay, on_done, on_error))

    def wait_idle(self, msecs: int = 10_000) -> bool:
        """Block until queued reads and writes are done (closing the window: never lose a pending save).
        The network lane is not waited for (see :meth:`run_network`)."""
        return self._writes.waitForDone(msecs) and self._reads.waitForDone(msecs)

    def wait_network(self, msecs: int = 10_000) -> bool:
        """Block until the network lane has finished its jobs, or ``msecs`` passed (False then)."""
        return self._network.wait(msecs)
