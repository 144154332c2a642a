"""Push: the outbox in batches on the wire, and the server's answers recorded.

Reading the outbox and recording the answers stay on the caller's thread, so the local database
still has one writer; only the HTTP round trips run on a background thread. Only committed rows are
read, and a row is marked acked only after the server's answer was recorded: after a crash anywhere
the rest is still pending, and goes again with the same bytes (the server answers ``duplicate``).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from handover import wire
from handover.services.context import AppContext
from handover.services.settings import get_setting
from handover.store.models import utcnow
from handover.store.workspace import Workspace
from handover.sync.bulk import table_of, update_by_key
from handover.sync.client import SyncCancelled, SyncClient, SyncError, check_cancel
from handover.sync.dossier_status import AckedOp, mark_sent, sync_session
from handover.sync.epoch import ACKED, EpochRecovery
from handover.sync.erasure import prune_acknowledged
from handover.sync.models import OutboxEnvelope, OutboxOp, SentRecord
from handover.sync.outbox import PENDING, pending_count
from handover.sync.report import Progress, SyncReport
from handover.sync.state import load_state

_ITEM_OVERHEAD = 300  # JSON around one envelope in a push body, generously
# Acknowledged envelopes are pruned at most this often (by days; the query reads the whole outbox).
PRUNE_SECONDS = 3600.0


class BatchRow(NamedTuple):
    id: int
    op_id: str
    kind: str
    record_id: str
    revision: int
    base_revision: int
    recipient_org: str
    youth_id: str | None


_BATCH_COLUMNS = (
    OutboxOp.id,
    OutboxOp.op_id,
    OutboxOp.kind,
    OutboxOp.record_id,
    OutboxOp.revision,
    OutboxOp.base_revision,
    OutboxOp.recipient_org,
    OutboxOp.youth_id,
)


@dataclass(frozen=True)
class Batch:
    rows: list[BatchRow]
    body: bytes  # the PushRequest, serialised
    full: bool  # more rows would not fit: worth sending now, not waiting for more


class OutboxBatches:
    """The pending outbox, read in batches that fit one push."""

    def __init__(self, workspace: Workspace, batch_bytes: int) -> None:
        self._workspace = workspace
        self._batch_bytes = batch_bytes
        # Sealed bytes of rows committed in this process (op id -> envelope; the scan fills it after
        # each chunk's commit): taken from here instead of read back from the database.
        self.fresh: dict[str, bytes] = {}

    def next_batch(self, after_id: int) -> Batch | None:
        """The next pending rows after ``after_id`` that fit in one push (None when there are none).

        The rows are chosen by their envelopes' stored lengths; only the chosen envelopes are read (a
        whole caseload waiting as large replica messages is not read again for every push)."""
        with self._workspace.session() as session:
            found = session.execute(
                select(*_BATCH_COLUMNS, func.length(OutboxEnvelope.envelope))
                .join(OutboxEnvelope, OutboxEnvelope.outbox_id == OutboxOp.id)  # only sealed rows
                .where(OutboxOp.status == PENDING, OutboxOp.id > after_id)
                .order_by(OutboxOp.id)
                .limit(wire.MAX_BATCH_OPS)
            ).all()
            chosen: list[BatchRow] = []
            size = 0
            full = len(found) == wire.MAX_BATCH_OPS
            for *columns, length in found:
                item_size = 4 * ((int(length or 0) + 2) // 3) + _ITEM_OVERHEAD  # its base64 in the body
                if chosen and size + item_size > self._batch_bytes:
                    full = True
                    break
                chosen.append(BatchRow._make(columns))
                size += item_size
            missing = [r.id for r in chosen if r.op_id not in self.fresh]
            stored: dict[int, bytes] = {}
            if missing:
                query = select(OutboxEnvelope.outbox_id, OutboxEnvelope.envelope).where(
                    OutboxEnvelope.outbox_id.in_(missing)
                )
                stored = {outbox_id: envelope for outbox_id, envelope in session.execute(query)}
        rows: list[BatchRow] = []
        items: list[wire.OpItem] = []
        for row in chosen:
            envelope = self.fresh.pop(row.op_id, None) or stored.get(row.id)
            if envelope is None:
                continue  # erased between the two reads: nothing to send
            items.append(
                wire.OpItem.model_construct(
                    op_id=row.op_id,
                    record_id=row.record_id,
                    revision=row.revision,
                    base_revision=row.base_revision,
                    kind=row.kind,
                    recipient_org=row.recipient_org,
                    envelope=wire.b64encode(envelope),
                )
            )
            rows.append(row)
        if not rows:
            return None
        return Batch(rows, wire.PushRequest.model_construct(ops=items).model_dump_json().encode("utf-8"), full)


class PushRecorder:
    """Records the server's answer to one or more batches in one transaction."""

    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx
        self._pruned_at: float | None = None

    def prune(self) -> None:
        """Sealed copies the server has had for longer than the setting say are no longer kept
        (after a sync's pushes; at most every ``PRUNE_SECONDS`` in a running app)."""
        if self._pruned_at is not None and time.monotonic() - self._pruned_at < PRUNE_SECONDS:
            return
        with sync_session(self._ctx.workspace) as session:
            prune_acknowledged(session, get_setting(session, "acked_envelope_days"), utcnow())
        self._pruned_at = time.monotonic()

    def record(self, rows: list[BatchRow], response: wire.PushResponse, report: SyncReport) -> None:
        results = {r.op_id: r for r in response.results}
        with sync_session(self._ctx.workspace) as session, session.no_autoflush:
            acked: list[AckedOp] = []
            updates: list[dict[str, Any]] = []
            now = utcnow()
            for row in rows:
                result = results.get(row.op_id)
                if result is None:
                    continue  # no answer for it: stays pending and is sent again
                if result.status in ("stored", "duplicate") or (
                    result.status == "conflict" and result.reason == "op_id_reused" and row.kind == "receipt"
                ):
                    updates.append({"id": row.id, "status": ACKED, "seq": result.seq, "acked_at": now, "error": None})
                    if result.status == "duplicate":
                        report.duplicates += 1
                    else:
                        report.stored += 1
                    if row.kind in ("dossier", "withdrawal") and row.youth_id:
                        acked.append(AckedOp(row.youth_id, row.op_id, row.kind, row.recipient_org, row.revision))
                elif result.status == "conflict" and result.reason in ("stale_base", "revision_exists"):
                    self._rebase(session, row, result)
                    report.rebased += 1
                elif result.status == "conflict":
                    updates.append({"id": row.id, "status": "conflict", "error": result.reason})
                    report.conflicts.append(row.op_id)
                else:
                    updates.append({"id": row.id, "status": "rejected", "error": result.reason})
                    report.rejected.append(row.op_id)
            update_by_key(session, table_of(OutboxOp), updates)
            mark_sent(session, self._ctx.actor, acked)

    @staticmethod
    def _rebase(session: Session, row: BatchRow, result: wire.OpResult) -> None:
        """The server has a newer revision of this stream (e.g. this PC was restored from a backup).

        Drop this op and the unsent ones after it, continue the stream from the server's revision,
        and let the next scan enqueue the dossier's current state on top of it.
        """
        stale = session.scalars(
            select(OutboxOp).where(
                OutboxOp.record_id == row.record_id,
                OutboxOp.recipient_org == row.recipient_org,
                OutboxOp.status == PENDING,
                OutboxOp.id >= row.id,
            )
        )
        for op in stale:
            op.status, op.error = "conflict", (result.reason or "conflict")[:200]
        rec = session.get(SentRecord, (row.record_id, row.recipient_org))
        if rec is not None and result.server_revision is not None:
            rec.last_revision = result.server_revision
            rec.covered_revision = 0


class Pusher:
    """Pushes the outbox in batches, with the HTTP round trips on one background thread.

    While the server stores batch n, the caller goes on sealing dossiers (the catch-up scan calls
    :meth:`added` after each committed chunk). When ``cancel`` is set no new batch goes out; the
    answers of those already on the wire are recorded, then :meth:`finish` raises SyncCancelled.
    """

    def __init__(
        self,
        workspace: Workspace,
        batches: OutboxBatches,
        recorder: PushRecorder,
        recovery: EpochRecovery,
        client: SyncClient,
        report: SyncReport,
        *,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
        max_in_flight: int = 4,
    ) -> None:
        self._workspace = workspace
        self._batches = batches
        self._recorder = recorder
        self._recovery = recovery
        self._client = client
        self._report = report
        self._progress = progress
        self._cancel = cancel
        self._max_in_flight = max_in_flight
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="overstap-push")
        self._in_flight: deque[tuple[list[BatchRow], Future[wire.PushResponse]]] = deque()
        self._last_id = 0
        self._done = 0
        self._error: SyncError | None = None
        self._epoch: str | None = None  # this PC's epoch, read once per push
        # Answers in but not yet recorded: written in one transaction between the scan's chunks
        # (not one per batch); until then their rows are still pending, so a crash sends them again
        # with the same bytes and the server answers ``duplicate``.
        self._answered: list[tuple[list[BatchRow], wire.PushResponse]] = []
        with workspace.session() as session:
            self._total = pending_count(session)

    def __enter__(self) -> Pusher:
        return self

    def __exit__(self, *exc: object) -> None:
        # After an error the requests still on the wire finish first; their rows stay pending.
        self._executor.shutdown(wait=True, cancel_futures=True)

    def added(self, count: int) -> None:
        """``count`` new rows were committed: send every full batch that is ready now.

        A push that fails (offline, server trouble) stops the sending, not the scan: every dossier
        is still sealed into the outbox, and :meth:`finish` raises the error.
        """
        self._total += count
        if self._error is not None:
            return
        try:
            self._send(final=False)
        except SyncError as exc:
            self._error = exc
        self._flush()

    def finish(self) -> None:
        """Send everything that is pending and record every answer."""
        if self._error is not None:
            self._flush()
            raise self._error
        try:
            while True:
                self._send(final=True)
                if not self._in_flight:
                    check_cancel(self._cancel)
                    break
                self._collect()
        finally:
            self._flush()
        self._recorder.prune()

    def _cancelled(self) -> bool:
        return self._cancel is not None and self._cancel.is_set()

    def _send(self, *, final: bool) -> None:
        while not self._cancelled():
            batch = self._batches.next_batch(self._last_id)
            if batch is None or not (batch.full or final):
                return
            while len(self._in_flight) >= self._max_in_flight:
                self._collect()
                if self._cancelled():
                    return
            self._in_flight.append((batch.rows, self._executor.submit(self._client.push_raw, batch.body)))
            self._last_id = batch.rows[-1].id

    def _collect(self) -> None:
        """Wait for the oldest batch on the wire and record its answer, together with the answers
        that are already in for the batches behind it (one transaction and commit for all)."""
        rows, future = self._in_flight.popleft()
        try:
            response = future.result()
        except SyncCancelled:
            self._drain()
            raise
        while self._in_flight and self._in_flight[0][1].done() and self._in_flight[0][1].exception() is None:
            more = self._in_flight[0][1].result()
            if more.epoch != response.epoch:
                break
            rows = [*rows, *self._in_flight.popleft()[0]]
            response = wire.PushResponse.model_construct(
                epoch=response.epoch, results=[*response.results, *more.results]
            )
        self._record(rows, response)
        if self._epoch is None:
            with self._workspace.session() as session:
                self._epoch = load_state(session).epoch
        if response.epoch != self._epoch:
            # The answers are valid in the new epoch (also those still on the wire); then what the
            # restored server lost goes again.
            while self._in_flight:
                rows, future = self._in_flight.popleft()
                self._record(rows, future.result())
            self._flush()
            self._epoch = None
            self._recovery.recover(self._client, response.epoch, self._report, self._cancel)
            self._last_id = 0

    def _drain(self) -> None:
        """Cancelled: record the answers that did come back; rows without one stay pending."""
        while self._in_flight:
            rows, future = self._in_flight.popleft()
            if future.exception() is None:
                self._record(rows, future.result())
        self._flush()

    def _record(self, rows: list[BatchRow], response: wire.PushResponse) -> None:
        self._answered.append((rows, response))
        self._done += len(rows)
        if self._progress is not None:
            self._progress("versturen", self._done, max(self._total, self._done))

    def _flush(self) -> None:
        """Record every answer that is in, in one transaction."""
        if not self._answered:
            return
        rows = [row for batch, _ in self._answered for row in batch]
        results = [result for _, response in self._answered for result in response.results]
        response = wire.PushResponse.model_construct(epoch=self._answered[-1][1].epoch, results=results)
        self._answered.clear()
        self._recorder.record(rows, response, self._report)
