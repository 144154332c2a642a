"""Fixtures for sync tests: a real server on 127.0.0.1, a school and a municipality installation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from handover.secrets import MemorySecretStore
from handover.server.settings import ServerSettings
from handover.server.testing import LiveServer, run_live_server
from handover.services.app import initialise
from handover.services.consent import ConsentService
from handover.services.context import AppContext
from handover.services.dossiers import DossierService
from handover.sync.service import SyncService
from handover.sync.testing import confirm_schools
from handover.sync.tuning import SyncTuning

TODAY = dt.date(2026, 11, 29)
RECIPIENT = "Werk en Inkomen gemeente Utrecht"


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    with run_live_server(ServerSettings(db_url=f"sqlite:///{tmp_path / 'server.db'}")) as live:
        yield live


@dataclass
class Installation:
    ctx: AppContext
    sync: SyncService
    data_dir: Path
    secrets: MemorySecretStore
    recovery_code: str


def make_installation(
    tmp_path: Path, name: str, *, role: str, org: str, user: str, tuning: SyncTuning | None = None
) -> Installation:
    secrets = MemorySecretStore()
    data_dir = tmp_path / name
    ctx, code = initialise(
        data_dir,
        org_name=org,
        user_name=user,
        role=role,
        brin="12AB" if role == "school" else "",
        recipient=RECIPIENT if role == "school" else "",
        secret_store=secrets,
    )
    ctx.clock = lambda: TODAY
    service = SyncService(ctx, tuning=tuning)
    service.install_hooks()
    return Installation(ctx, service, data_dir, secrets, code)


@pytest.fixture
def gemeente(tmp_path: Path, live_server: LiveServer) -> Iterator[Installation]:
    inst = make_installation(tmp_path, "gemeente", role="gemeente", org=RECIPIENT, user="Kees Klantmanager")
    _, code = live_server.add_org(RECIPIENT, "gemeente")
    inst.sync.enroll(live_server.url, code, confirm=lambda peer: True)
    yield inst
    inst.sync.close()
    inst.ctx.close()


@pytest.fixture
def school(tmp_path: Path, live_server: LiveServer, gemeente: Installation) -> Iterator[Installation]:
    inst = make_installation(tmp_path, "school", role="school", org="Praktijkschool De Brug", user="Marieke de Jong")
    _, code = live_server.add_org("Praktijkschool De Brug", "school")
    inst.sync.enroll(live_server.url, code, confirm=lambda peer: True)
    confirm_schools(gemeente.sync)  # the gemeente compared the school's fingerprint by phone
    yield inst
    inst.sync.close()
    inst.ctx.close()


def youth_values(**overrides: object) -> dict[str, object]:
    values: dict[str, object] = {
        "first_names": "Ĳsbrand Jan",
        "called_name": "Ĳsbrand",
        "infix": "van der",
        "last_name": "Özdemir",
        "birth_date": dt.date(2008, 3, 14),
        "bsn": "999999990",
        "city": "Utrecht",
        "school": "Praktijkschool De Brug",
        "school_type": "pro",
        "leaving_date": dt.date(2026, 7, 10),
        "route": "werken",
    }
    values.update(overrides)
    return values


def ready_dossier(inst: Installation, *, consent: bool = True, send: bool = True, **overrides: object) -> str:
    """A dossier marked 'klaar', with (by default) the young person's consent to send it to W&I.

    ``send``: the mentor then sends it deliberately (when this is an enrolled school and it can go),
    as the button "Versturen naar Werk en Inkomen" does; the next sync carries it.
    """
    dossiers = DossierService(inst.ctx)
    youth_id = dossiers.create_youth(youth_values(**overrides))
    if consent:
        ConsentService(inst.ctx).record(
            youth_id,
            {
                "given_by": "jongere",
                "given_by_name": "Ĳsbrand",
                "recipient": RECIPIENT,
                "purpose": "overstap",
                "given_on": dt.date(2026, 6, 1),
                "form": "papier",
            },
            ["B", "C", "F", "H"],
        )
    dossiers.set_status(youth_id, "klaar")
    if send and consent and inst.sync.is_enrolled():
        (preview,) = inst.sync.preview_send([youth_id])
        if preview.problem is None:
            inst.sync.send([youth_id])
    return youth_id
