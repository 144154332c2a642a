"""The desktop app's background sync: state texts, and a change made in the app reaching the server."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from handover.secrets import MemorySecretStore
from handover.server.settings import ServerSettings
from handover.server.testing import LiveServer, run_live_server
from handover.services.app import initialise
from handover.services.consent import ConsentService
from handover.services.dossiers import DossierService
from handover.sync.service import SyncService
from handover.ui.sync_status import SyncController

RECIPIENT = "Werk en Inkomen gemeente Utrecht"


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    with run_live_server(ServerSettings(db_url=f"sqlite:///{tmp_path / 'server.db'}")) as live:
        yield live


def test_not_enrolled_says_so(qtbot, ctx, runner) -> None:  # type: ignore[no-untyped-def]
    controller = SyncController(ctx, runner)
    with qtbot.waitSignal(controller.state_changed, timeout=10_000) as blocker:
        controller.start()
    assert blocker.args == ["Versturen naar de gemeente: nog niet ingesteld"]


def test_background_sync_sends_what_the_mentor_saved(
    qtbot,
    ctx,
    runner,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    live_server: LiveServer,
) -> None:
    gemeente_ctx, _ = initialise(
        tmp_path / "gemeente", org_name=RECIPIENT, user_name="Kees", role="gemeente", secret_store=MemorySecretStore()
    )
    SyncService(gemeente_ctx).enroll(
        live_server.url, live_server.add_org(RECIPIENT, "gemeente")[1], confirm=lambda peer: True
    )
    service = SyncService(ctx)
    service.enroll(
        live_server.url, live_server.add_org("Praktijkschool De Brug", "school")[1], confirm=lambda peer: True
    )
    controller = SyncController(ctx, runner, service=service)
    states: list[str] = []
    controller.state_changed.connect(states.append)
    with qtbot.waitSignal(controller.sync_finished, timeout=20_000):
        controller.start()
    assert states == ["Bezig met versturen", "Alles verstuurd"]

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
    with qtbot.waitSignal(controller.sync_finished, timeout=20_000) as blocker:
        controller.sync_now()
    assert blocker.args[0].stored == 1 and states[-1] == "Alles verstuurd"
    assert dossiers.get(youth_id).status == "verstuurd"
    controller.stop()
    runner.wait_idle()
    gemeente_ctx.close()
