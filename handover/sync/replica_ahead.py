"""Receiving a school's caseload on two cores: the next replica messages are planned on a worker process
while this process writes the current one.

A PC that joins the school receives the whole caseload at once (for 10,000 young people some 170
messages). Per message, unpacking and checking the states and planning every row is Python work of
about the size of writing those rows into the database. While the sync writes message n, one worker
process unpacks and plans the next ones (:func:`handover.sync.replica_lines.prepare_message`), so both
cores work.

- Only a run of consecutive replica messages of one inbox page is opened ahead: no message between them
  can change the keys they are checked with. Each is opened and checked here, in this process, by the
  same code that opens it when it is applied (the keys never leave this process; the worker gets the
  opened body only). Only the replay check waits until the message is applied, because it needs the
  revision applied just before it (:func:`handover.crypto.envelope.check_replay`).
- The worker's plan holds only for young people this PC does not know yet (a new PC). When the message
  is applied that is checked again (:func:`handover.services.merge_apply.known_here`); otherwise the
  message merges here the usual way. So do the messages written while the worker is still starting
  (nothing is given to it before it answers that it is up, so no message is planned twice), a
  message the worker could not read, and every message after the worker died: slower, never
  different.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from typing import Protocol

from handover import wire
from handover.services.merge_apply import BULK_STATES, Prepared
from handover.sync.encryptor import spawn_pool
from handover.sync.replica_lines import KIND, prepare_message, worker_ready

log = logging.getLogger(__name__)

# Messages opened (and planned) ahead of the one being written.
DEPTH = 2


class Body(Protocol):
    """What the worker needs of an opened replica body (:class:`handover.sync.replica.ReplicaBody`)."""

    version: int
    count: int
    z: str


@dataclass
class Ahead:
    """A replica message opened ahead, and the worker's plan for it (None: merged here)."""

    envelope: str
    body: Body
    future: Future[Prepared | None] | None


class LookAhead:
    """Opens the next replica messages of an inbox page ahead and has a worker process plan them."""

    def __init__(
        self,
        pool: Callable[[], Executor | None] | None = None,
        min_messages: int = 3,
        *,
        min_states: int = BULK_STATES,
        wait: bool = False,
    ) -> None:
        self._make_pool = pool or (lambda: spawn_pool("ontvangen"))
        self._min_messages = min_messages  # replica messages following in the page before looking ahead
        self._min_states = min_states  # states in a message before the worker plans it
        self._wait = wait  # wait until the worker is up (tests), instead of merging here meanwhile
        self._pool: Executor | None = None
        self._broken = False
        self._started: Future[bool] | None = None  # the worker's first answer (it is up)
        self._page: list[wire.InboxMessage] = []
        self._ahead: dict[str, Ahead] = {}
        # Messages written from the worker's plan, and plans set aside (their young people were known
        # here after all): counted by handover.sync.replica, read by tests and benchmarks.
        self.worker_used = 0
        self.set_aside = 0

    def begin_page(self, messages: Sequence[wire.InboxMessage]) -> None:
        """A new inbox page. (The worker starts only for an opened message of ``min_states`` or more:
        the size of a message is known once it is open, and a page of small ones needs no process.)"""
        self._page = list(messages)

    def take(self, msg: wire.InboxMessage) -> Ahead | None:
        """This message as opened ahead (None: not opened ahead, or not the same message)."""
        ahead = self._ahead.pop(msg.op_id, None)
        if ahead is None or ahead.envelope != msg.envelope:
            return None
        return ahead

    def schedule(self, msg: wire.InboxMessage, open_body: Callable[[wire.InboxMessage], Body | None]) -> None:
        """Open the replica messages that follow ``msg`` in its page (a run of them, up to DEPTH not yet
        written) and give the large ones to the worker. A message that does not open is left alone: it
        is opened again when its turn comes, and refused then."""
        following = self._run_after(msg)
        if len(following) < self._min_messages and not self._ahead:
            return
        for nxt in following[:DEPTH]:
            if nxt.op_id in self._ahead:
                continue
            try:
                body = open_body(nxt)
            except Exception:  # noqa: BLE001 - refused when it is applied, with its reason
                return
            if body is None:
                continue
            future = self._submit(body) if body.count >= self._min_states else None
            self._ahead[nxt.op_id] = Ahead(nxt.envelope, body, future)

    def _run_after(self, msg: wire.InboxMessage) -> list[wire.InboxMessage]:
        try:
            index = next(i for i, m in enumerate(self._page) if m.op_id == msg.op_id)
        except StopIteration:
            return []
        run: list[wire.InboxMessage] = []
        for nxt in self._page[index + 1 :]:
            if nxt.kind != KIND:
                break
            run.append(nxt)
        return run

    def _submit(self, body: Body) -> Future[Prepared | None] | None:
        if not self._ready():
            return None
        assert self._pool is not None
        try:
            return self._pool.submit(prepare_message, body.version, body.count, body.z)
        except Exception as exc:  # noqa: BLE001 - the pool is gone: merged here from now on
            self._give_up(exc)
            return None

    def _ready(self) -> bool:
        """Whether the worker is up. The first call starts it and asks it a question that imports
        what it plans with; until it answers, messages are merged here and none wait for it (unless
        ``wait``), so none is planned twice."""
        if self._broken:
            return False
        if self._pool is None:
            self._pool = self._make_pool()
            if self._pool is None:
                self._broken = True
                return False
            try:
                self._started = self._pool.submit(worker_ready)
            except Exception as exc:  # noqa: BLE001 - no worker: merged here
                self._give_up(exc)
                return False
        started = self._started
        if started is None or not (self._wait or started.done()):
            return False
        try:
            started.result()
        except Exception as exc:  # noqa: BLE001 - no worker: merged here
            self._give_up(exc)
            return False
        return True

    def _give_up(self, exc: BaseException) -> None:
        log.warning("hulpproces voor ontvangen niet beschikbaar (%s); verder zonder", type(exc).__name__)
        self._broken = True

    def plan(self, ahead: Ahead | None) -> Prepared | None:
        """The worker's plan for a message opened ahead; None when it is merged here instead."""
        future = None if ahead is None else ahead.future
        if future is None:
            return None
        try:
            return future.result()
        except Exception as exc:  # noqa: BLE001 - the worker only plans: merged here instead
            self._give_up(exc)
            return None

    def close(self) -> None:
        """At the end of a pull: the worker stops, what was opened ahead is dropped."""
        self._ahead.clear()
        self._page = []
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
        self._started = None
        self._broken = False
