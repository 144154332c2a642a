"""The one way to do background work in the GUI.

``TaskRunner.run(fn, on_done, on_error)`` runs ``fn`` on a worker thread and delivers its result
(or exception) on the GUI thread. Writes go through ``run_write`` on a one-thread pool so they
are serialised in the order they were asked for. Workers never touch widgets. Tests can make
the runner synchronous (``synchronous=True``) so a click's effect is visible right after it.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Relay(QObject):
    """Lives in the GUI thread; queued signals carry the outcome back to it."""

    succeeded = Signal(object, object)  # callback, result
    failed = Signal(object, object)  # callback, exception

    @Slot(object, object)
    def _deliver(self, callback: Callable[[Any], None] | None, value: Any) -> None:
        if callback is not None:
            callback(value)


class _Job(QRunnable):
    def __init__(
        self,
        fn: Callable[[], Any],
        relay: _Relay,
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
    ) -> None:
        super().__init__()
        self.fn, self.relay, self.on_done, self.on_error = fn, relay, on_done, on_error
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the GUI, never vanish
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.relay.failed.emit(self.on_error, exc)
        else:
            self.relay.succeeded.emit(self.on_done, result)


class TaskRunner(QObject):
    task_failed = Signal(object)  # an exception nobody handled

    def __init__(self, parent: QObject | None = None, *, synchronous: bool = False) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self._reads = QThreadPool(self)
        self._reads.setMaxThreadCount(2)
        self._writes = QThreadPool(self)
        self._writes.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.succeeded.connect(self._relay._deliver)
        self._relay.failed.connect(self._on_failed)

    def _on_failed(self, callback: Callable[[BaseException], None] | None, exc: BaseException) -> None:
        if callback is not None:
            callback(exc)
        else:
            self.task_failed.emit(exc)

    def _submit(
        self,
        pool: QThreadPool,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
    ) -> None:
        if self.synchronous:
            try:
                result = fn()
            except Exception as exc:  # noqa: BLE001
                self._on_failed(on_error, exc)
            else:
                if on_done is not None:
                    on_done(result)
            return
        pool.start(_Job(fn, self._relay, on_done, on_error))

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Reads and other work that may run alongside other tasks."""
        self._submit(self._reads, fn, on_done, on_error)

    def run_write(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Database writes: one at a time, in order."""
        self._submit(self._writes, fn, on_done, on_error)

    def wait_idle(self, msecs: int = 10_000) -> bool:
        """Block until queued work is done (closing the window: never lose a pending save)."""
        return self._writes.waitForDone(msecs) and self._reads.waitForDone(msecs)
