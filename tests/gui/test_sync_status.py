"""The desktop app's background sync: state texts, a change made in the app reaching the server, and
the sync on its own thread: an autosave never waits for it, and closing the window does not either."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from handover.secrets import MemorySecretStore
from handover.server.settings import ServerSettings
from handover.server.testing import LiveServer, run_live_server
from handover.services.app import initialise
from handover.services.consent import ConsentService
from handover.services.context import AppContext
from handover.services.dossiers import DossierService
from handover.sync.client import REVOKED_TEXT, SyncClient
from handover.sync.sending import Sending
from handover.sync.service import SyncReport, SyncService
from handover.sync.testing import confirm_schools
from handover.ui.sync_status import SyncController

RECIPIENT = "Werk en Inkomen gemeente Utrecht"


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    with run_live_server(ServerSettings(db_url=f"sqlite:///{tmp_path / 'server.db'}")) as live:
        yield live


@dataclass
class Enrolled:
    gemeente: SyncService  # the municipality's side, synced by hand to see what arrived
    url: str


@pytest.fixture
def enrolled(ctx: AppContext, tmp_path: Path, live_server: LiveServer) -> Iterator[Enrolled]:
    """The school (``ctx``) and a municipality, both enrolled at the live server."""
    gemeente_ctx, _ = initialise(
        tmp_path / "gemeente", org_name=RECIPIENT, user_name="Kees", role="gemeente", secret_store=MemorySecretStore()
    )
    gemeente = SyncService(gemeente_ctx)
    gemeente.enroll(live_server.url, live_server.add_org(RECIPIENT, "gemeente")[1], confirm=lambda peer: True)
    school = SyncService(ctx)
    school.enroll(
        live_server.url, live_server.add_org("Praktijkschool De Brug", "school")[1], confirm=lambda peer: True
    )
    school.close()
    confirm_schools(gemeente)  # the gemeente compared the school's fingerprint by phone
    yield Enrolled(gemeente, live_server.url)
    gemeente.close()
    gemeente_ctx.close()


def ready_dossier(ctx: AppContext) -> str:
    """A dossier marked 'klaar' with the young person's consent, sent deliberately (needs ``enrolled``)."""
    dossiers = DossierService(ctx)
    youth_id = dossiers.create_youth({"first_names": "Sem", "last_name": "Jansen", "birth_date": dt.date(2008, 1, 5)})
    ConsentService(ctx).record(
        youth_id,
        {
            "given_by": "jongere",
            "given_by_name": "Sem",
            "recipient": RECIPIENT,
            "purpose": "overstap",
            "given_on": dt.date(2026, 6, 1),
            "form": "papier",
        },
        ["C", "F"],
    )
    dossiers.set_status(youth_id, "klaar")
    Sending(ctx).send([youth_id])  # the mentor sent it deliberately ("Versturen naar Werk en Inkomen")
    return youth_id


class HeldPushes(httpx.BaseTransport):
    """The real HTTP transport, except that every push (POST /v1/ops) waits until ``release`` is set:
    a server that takes its time (or a Retry-After), seen from the app."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.holding = threading.Event()  # a push is being held now
        self.release = threading.Event()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path == "/v1/ops":
            self.holding.set()
            self.release.wait(timeout=120)  # a bound, so a failing test cannot hang the run
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


def held_service(ctx: AppContext, transport: HeldPushes, clients: list[SyncClient] | None = None) -> SyncService:
    def client(url: str) -> SyncClient:
        made = SyncClient(url, transport=transport)
        if clients is not None:
            clients.append(made)
        return made

    return SyncService(ctx, client_factory=client)


def test_not_enrolled_says_so(qtbot, ctx, runner) -> None:  # type: ignore[no-untyped-def]
    controller = SyncController(ctx, runner)
    with qtbot.waitSignal(controller.state_changed, timeout=10_000) as blocker:
        controller.start()
    assert blocker.args == ["Versturen naar de gemeente: nog niet ingesteld"]


def test_background_sync_sends_what_the_mentor_saved(qtbot, ctx, runner, enrolled: Enrolled) -> None:  # type: ignore[no-untyped-def]
    controller = SyncController(ctx, runner, service=SyncService(ctx))
    states: list[str] = []
    controller.state_changed.connect(states.append)
    with qtbot.waitSignal(controller.sync_finished, timeout=20_000):
        controller.start()
    assert states == ["Bezig met versturen", "Alles verstuurd"]

    youth_id = ready_dossier(ctx)
    with qtbot.waitSignal(controller.sync_finished, timeout=20_000) as blocker:
        controller.sync_now()
    assert blocker.args[0].stored == 1 and states[-1] == "Alles verstuurd"
    assert DossierService(ctx).get(youth_id).status == "verstuurd"
    controller.stop()
    assert runner.wait_network(20_000)


def test_an_autosave_completes_while_a_sync_waits_for_the_server(qtbot, ctx, runner, enrolled: Enrolled) -> None:  # type: ignore[no-untyped-def]
    youth_id = ready_dossier(ctx)
    transport = HeldPushes()
    controller = SyncController(ctx, runner, service=held_service(ctx, transport))
    try:
        controller.start()
        qtbot.waitUntil(transport.holding.is_set, timeout=20_000)
        # The editor's autosave goes through the write lane; the sync is stuck on the network.
        saved: list[object] = []
        runner.run_write(lambda: DossierService(ctx).update_fields(youth_id, {"city": "Nieuwegein"}), saved.append)
        qtbot.waitUntil(lambda: bool(saved), timeout=20_000)
        assert controller.running and not transport.release.is_set()
    finally:
        transport.release.set()
    with qtbot.waitSignal(controller.sync_finished, timeout=20_000) as first:
        pass
    assert first.args[0].ok, first.args[0].problems()
    # The change saved meanwhile went into the outbox; this sync or the next one sends it.
    with qtbot.waitSignal(controller.sync_finished, timeout=20_000) as second:
        controller.sync_now()
    assert second.args[0].ok and second.args[0].pending == 0
    assert enrolled.gemeente.sync().ok
    (received,) = enrolled.gemeente.received()
    assert received.record_id == youth_id and received.body["dossier"]["city"] == "Nieuwegein"
    controller.stop()
    assert runner.wait_network(20_000)


def test_closing_the_window_does_not_wait_for_a_sync_and_the_next_sync_sends_everything(  # type: ignore[no-untyped-def]
    qtbot, ctx, runner, make_window, enrolled: Enrolled
) -> None:
    youth_id = ready_dossier(ctx)
    transport = HeldPushes()
    clients: list[SyncClient] = []
    window = make_window(ctx)
    try:
        assert window.start_sync(held_service(ctx, transport, clients))
        qtbot.waitUntil(transport.holding.is_set, timeout=20_000)
        window.close()
        # close() came back while the push is still held: it set the sync's cancel event, and
        # nothing it waits for (reads, writes) is busy: the sync is on a lane of its own.
        assert window.closing and not transport.release.is_set()
        (client,) = clients
        assert client.cancel is not None and client.cancel.is_set()
        assert runner.wait_idle(0)
    finally:
        transport.release.set()
    assert runner.wait_network(30_000)  # the cancelled sync has stopped and let go of its client

    # Next time (a new window, a new engine): whatever the cancelled sync had not finished is sent.
    controller = SyncController(ctx, runner, service=SyncService(ctx))
    with qtbot.waitSignal(controller.sync_finished, timeout=20_000) as blocker:
        controller.start()
    report = blocker.args[0]
    assert report.ok and report.pending == 0, report.problems()
    assert DossierService(ctx).get(youth_id).status == "verstuurd"
    assert enrolled.gemeente.sync().ok
    assert [row.record_id for row in enrolled.gemeente.received()] == [youth_id]
    controller.stop()
    assert runner.wait_network(20_000)


class RevokedSync:
    """Stands in for the sync engine of a PC that another PC of the school revokes at ``revoke_at``."""

    def __init__(self, revoke_at: int) -> None:
        self.syncs = 0
        self.revoke_at = revoke_at

    def install_hooks(self) -> None: ...

    def is_enrolled(self) -> bool:
        return True

    def is_revoked(self) -> bool:
        return self.syncs >= self.revoke_at

    def sync_and_count(self, cancel: threading.Event | None = None) -> SyncReport:
        self.syncs += 1
        report = SyncReport()
        if self.is_revoked():
            report.errors.append(REVOKED_TEXT)
        return report

    def close(self) -> None: ...


REMOVED = (
    "Deze pc is ingetrokken: hij hoort niet meer bij de school en kan niet meer synchroniseren. "
    "De gegevens op deze pc blijven bewaard; beslis zelf wat ermee gebeurt."
)


def test_a_revoked_pc_says_it_was_removed_from_the_school_and_stops_syncing(qtbot, ctx, runner) -> None:  # type: ignore[no-untyped-def]
    service = RevokedSync(revoke_at=1)
    controller = SyncController(ctx, runner, service=service, interval_ms=50)  # type: ignore[arg-type]
    states: list[str] = []
    controller.state_changed.connect(states.append)
    with qtbot.waitSignal(controller.sync_finished, timeout=10_000):
        controller.start()
    assert states == ["Bezig met versturen", REMOVED]  # not "Fout: …"
    assert controller.revoked and not controller._timer.isActive()
    qtbot.wait(300)  # six timer intervals: no retry
    controller.sync_now()
    assert service.syncs == 1 and states[-1] == REMOVED
    controller.stop()
    assert runner.wait_network(10_000)

    # Opened again later: it says so at once and does not try.
    again = RevokedSync(revoke_at=0)
    controller = SyncController(ctx, runner, service=again, interval_ms=50)  # type: ignore[arg-type]
    with qtbot.waitSignal(controller.state_changed, timeout=10_000) as said:
        controller.start()
    assert said.args == [REMOVED]
    qtbot.wait(300)
    assert again.syncs == 0 and not controller._timer.isActive()
    controller.stop()
    assert runner.wait_network(10_000)
