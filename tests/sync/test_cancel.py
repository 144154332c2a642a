"""Cancelling a sync (the window closes): it stops at a safe point, and the next sync goes on from there.

Against the real server on 127.0.0.1. The cancel event is set from the progress callback, as the
GUI's worker thread would see it between batches and pages.
"""

from __future__ import annotations

import threading

import httpx
from sqlalchemy import select

from handover import wire
from handover.server.testing import LiveServer
from handover.sync.client import SyncClient
from handover.sync.models import OutboxOp
from handover.sync.report import CANCELLED_MESSAGE
from handover.sync.service import SyncService
from handover.sync.tuning import SyncTuning

from .conftest import Installation, ready_dossier


def _outbox_statuses(inst: Installation) -> list[str]:
    with inst.ctx.session() as session:
        return list(session.scalars(select(OutboxOp.status).order_by(OutboxOp.id)))


def test_cancel_after_the_first_batch_and_the_next_sync_sends_the_rest_exactly_once(
    school: Installation, gemeente: Installation, live_server: LiveServer
) -> None:
    school.sync.remove_hooks()  # dossiers from before enrolment: the scan seals them in chunks
    ids = [ready_dossier(school, first_names=f"Kind{i}", bsn=None) for i in range(7)]
    # Chunks of 3 dossiers, one dossier per push, one push on the wire at a time.
    service = SyncService(school.ctx, tuning=SyncTuning(scan_chunk=3, batch_bytes=1, max_in_flight=1))
    cancel = threading.Event()
    phases: list[str] = []

    def progress(phase: str, done: int, total: int) -> None:
        phases.append(phase)
        cancel.set()  # the window closes after the first batch

    before = school.sync.overview()
    report = service.sync(progress, cancel=cancel)
    assert report.cancelled and not report.ok and CANCELLED_MESSAGE in report.problems()
    assert phases == ["versturen"] and report.stored == 1 and report.errors == []
    assert live_server.store.count_ops() == 1
    # Nothing half-done: the first chunk is sealed and committed, its first row acked; the scan
    # stopped before the second chunk.
    assert _outbox_statuses(school) == ["acked", "pending", "pending"]
    assert report.pending == 2
    assert school.sync.overview().last_sync == before.last_sync  # an interrupted run records no outcome

    again = service.sync()
    service.close()
    assert again.ok and not again.cancelled
    assert again.stored == 6 and again.duplicates == 0 and again.enqueued == 4
    assert live_server.store.count_ops() == 7
    assert _outbox_statuses(school) == ["acked"] * 7
    assert gemeente.sync.sync().ok
    received = gemeente.sync.received()
    assert sorted(r.record_id for r in received) == sorted(ids) and {r.revision for r in received} == {1}


def test_cancel_between_inbox_pages_keeps_the_applied_pages_and_resumes(
    school: Installation, gemeente: Installation
) -> None:
    ids = [ready_dossier(school, first_names=f"Kind{i}", bsn=None) for i in range(5)]
    assert school.sync.sync().ok
    service = SyncService(gemeente.ctx, tuning=SyncTuning(inbox_page=2))
    cancel = threading.Event()
    pages: list[tuple[str, int, int]] = []

    def progress(phase: str, done: int, total: int) -> None:
        pages.append((phase, done, total))
        cancel.set()

    report = service.sync(progress, cancel=cancel)
    assert report.cancelled and report.applied == 2 and report.quarantined == 0
    assert pages == [("ontvangen", 2, 5)]
    assert service.current_state().inbox_cursor == 2  # the applied page and its cursor committed together
    assert len(gemeente.sync.received()) == 2

    again = service.sync()
    service.close()
    assert again.ok and again.applied == 3 and again.pulled == 3
    assert sorted(r.record_id for r in gemeente.sync.received()) == sorted(ids)
    assert gemeente.sync.quarantine() == []


class BusyServerThatClosesTheWindow(httpx.BaseTransport):
    """The inbox answers 503 with a Retry-After of five minutes; meanwhile the user closes the window."""

    def __init__(self, cancel: threading.Event) -> None:
        self.inner = httpx.HTTPTransport()
        self.cancel = cancel
        self.inbox_calls = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path != "/v1/inbox":
            response = self.inner.handle_request(request)
            response.headers.pop(wire.INBOX_HEAD_HEADER, None)  # no hint (an older server): the sync pulls
            return response
        self.inbox_calls += 1
        self.cancel.set()
        return httpx.Response(503, headers={"Retry-After": "300"})


def test_a_retry_after_wait_wakes_up_when_cancelled(school: Installation, live_server: LiveServer) -> None:
    ready_dossier(school)
    cancel = threading.Event()
    transport = BusyServerThatClosesTheWindow(cancel)
    service = SyncService(school.ctx, client_factory=lambda url: SyncClient(url, transport=transport, max_attempts=3))
    report = service.sync(cancel=cancel)  # returns without sleeping out the Retry-After
    assert report.cancelled and report.errors == [] and not report.offline
    assert transport.inbox_calls == 1  # no retry after the cancel
    assert report.stored == 1 and live_server.store.count_ops() == 1  # the push before it counts

    service.close()
    resumed = SyncService(school.ctx)  # the server answers again
    assert resumed.sync().ok
    resumed.close()
