"""One sync: refresh the directory, scan and push, pull and apply, recover from a restored server.

The scan and the push overlap: each committed chunk of outbox rows is on the wire while the next
chunk is sealed. Network trouble never raises out of :meth:`SyncRunner.run`: it is in the report.
A cancel event stops the run at the next safe point (between chunks, batches and pages; a backoff
wait wakes up at once); whatever was committed stays, and the next run goes on from there.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace

from handover.crypto.envelope import EnvelopeError, utc_now_iso
from handover.crypto.keys import KeyMaterialError
from handover.crypto.manifest import ManifestError
from handover.services.context import AppContext
from handover.sync.client import SyncCancelled, SyncClient, SyncError, check_cancel
from handover.sync.epoch import EpochRecovery
from handover.sync.errors import NOT_ENROLLED, SyncUsageError
from handover.sync.identity import LocalIdentity
from handover.sync.inbox import Inbox
from handover.sync.lock import exclusive_sync
from handover.sync.outbox import pending_count
from handover.sync.peers import PeerDirectory
from handover.sync.planning import OutboxPlanner
from handover.sync.push import OutboxBatches, Pusher, PushRecorder
from handover.sync.report import Progress, SyncReport
from handover.sync.state import Enrollment, load_state, save_state
from handover.sync.tuning import SyncTuning

ALREADY_RUNNING = "Er loopt al een synchronisatie (bijvoorbeeld vanuit de app); probeer het straks opnieuw."


class SyncRunner:
    def __init__(
        self,
        ctx: AppContext,
        identity: LocalIdentity,
        peers: PeerDirectory,
        planner: OutboxPlanner,
        inbox: Inbox,
        recovery: EpochRecovery,
        tuning: SyncTuning,
        client_factory: Callable[[str], SyncClient],
        after_scan: Callable[[], int] | None = None,
        before_pull: Callable[[], None] | None = None,
    ) -> None:
        self._ctx = ctx
        # School: its own PCs (key list, devices, join requests), after the push told whether they changed.
        self._before_pull = before_pull
        # School: what is enqueued at sync time besides the dossiers (agreement edits, news after school).
        self._after_scan = after_scan
        self._identity = identity
        self._peers = peers
        self._planner = planner
        self._inbox = inbox
        self._recovery = recovery
        self._tuning = tuning
        self._client_factory = client_factory
        self._batches = OutboxBatches(ctx.workspace, tuning.batch_bytes)
        self._batches.fresh = planner.sealed  # what the scan just sealed goes out without a read back
        self._recorder = PushRecorder(ctx)
        # Kept between syncs in a running app: creating an httpx client (TLS context) and logging
        # in cost more than a whole small sync.
        self._cached_client: tuple[str, SyncClient] | None = None

    def close(self) -> None:
        if self._cached_client is not None:
            self._cached_client[1].close()
            self._cached_client = None

    def _client(self, enrollment: Enrollment) -> SyncClient:
        url = enrollment.server_url
        if self._cached_client is None or self._cached_client[0] != url:
            self.close()
            client = self._client_factory(url)
            keys = self._identity.keys
            client.set_credentials(keys.device_id, keys.device)
            self._cached_client = (url, client)
        return self._cached_client[1]

    def run(self, progress: Progress | None = None, cancel: threading.Event | None = None) -> SyncReport:
        """Push the outbox, pull and apply the inbox. Never raises for network trouble: see the report."""
        with exclusive_sync(self._ctx.workspace.data_dir) as mine:
            if not mine:
                report = SyncReport()
                report.errors.append(ALREADY_RUNNING)
                return report
            return self._run_locked(progress, cancel)

    def _run_locked(self, progress: Progress | None, cancel: threading.Event | None) -> SyncReport:
        report = SyncReport()
        with self._ctx.workspace.session() as session:
            state = load_state(session)
        enrollment = state.enrollment
        if enrollment is None:
            raise SyncUsageError(NOT_ENROLLED)
        client = self._client(enrollment)
        client.cancel = cancel
        # Each push tells the server how far this PC has read its inbox, and its answer says how far
        # the inbox goes (and whether the school's devices changed): one round trip when nothing came.
        client.forget_hints(state.inbox_cursor)
        try:
            check_cancel(cancel)
            # No separate health call: every push and inbox answer carries the server's epoch, and
            # a changed epoch is handled where it is seen (one round trip less per sync).
            if self._peers.refresh_due():
                self._peers.refresh(client, enrollment.org_kind, report.errors)
            # "prepare" is the scan (with the pushes it overlapped), "push" what was left after it.
            started = time.perf_counter()
            with self._pusher(client, report, progress, cancel) as pusher:
                report.enqueued += self._planner.scan(on_chunk=pusher.added, cancel=cancel)
                if self._after_scan is not None:
                    check_cancel(cancel)
                    extra = self._after_scan()
                    report.enqueued += extra
                    if extra:
                        pusher.added(extra)
                report.timings["prepare"] = time.perf_counter() - started
                started = time.perf_counter()
                pusher.finish()
            report.timings["push"] = time.perf_counter() - started
            if report.rebased:
                # Streams were rebased onto the server's revision: send the current state on top.
                self._planner.forget_mark()
                report.enqueued += self._planner.scan(cancel=cancel)
                self._push(client, report, progress, cancel)
            if self._before_pull is not None:
                check_cancel(cancel)
                self._before_pull()
            started = time.perf_counter()
            if client.inbox_head is None or client.inbox_head > state.inbox_cursor or report.epoch_changed:
                self._inbox.pull(client, report, progress, cancel)
            report.timings["pull"] = time.perf_counter() - started
            if report.epoch_changed:
                self._planner.forget_mark()
                self._push(client, report, progress, cancel)  # what the restored server had lost
        except SyncCancelled:
            report.cancelled = True
        except SyncError as exc:
            report.errors.append(str(exc))
            report.offline = exc.kind == "offline"
            self.close()  # start afresh next time (new connection, new login)
        except (ManifestError, EnvelopeError, KeyMaterialError) as exc:
            report.errors.append(str(exc))
        finally:
            client.cancel = None
            client.forget_hints()
            self._batches.fresh.clear()  # not sent in this run: read from the database next time
            with self._ctx.workspace.session() as session:
                report.pending = pending_count(session)
                if not report.cancelled:  # an interrupted run says nothing new about the connection
                    state = load_state(session)
                    last_error = "; ".join(report.problems()) or None
                    save_state(
                        session,
                        replace(state, last_sync=utc_now_iso(), last_error=last_error, last_offline=report.offline),
                    )
        return report

    def _pusher(
        self, client: SyncClient, report: SyncReport, progress: Progress | None, cancel: threading.Event | None
    ) -> Pusher:
        return Pusher(
            self._ctx.workspace,
            self._batches,
            self._recorder,
            self._recovery,
            client,
            report,
            progress=progress,
            cancel=cancel,
            max_in_flight=self._tuning.max_in_flight,
        )

    def _push(
        self, client: SyncClient, report: SyncReport, progress: Progress | None, cancel: threading.Event | None
    ) -> None:
        with self._pusher(client, report, progress, cancel) as pusher:
            pusher.finish()
