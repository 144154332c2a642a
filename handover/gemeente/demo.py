"""A gemeente data folder with dossiers received from several demo schools, through the real sync.

A sync server runs on 127.0.0.1 for as long as the demo is built; every school is a real data folder
(in a temporary folder) with invented young people, enrolled, sending its dossiers with consent.
The gemeente enrolls, confirms the schools, receives and acknowledges, plans intakes and works some
agreements; the schools then send a second version, news after school and one withdrawal. What the
klantmanager then sees is exactly what a real exchange leaves behind. Afterwards the server is gone:
the gemeente's sync says "wacht op verbinding", and everything else works offline.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from handover.secrets import MemorySecretStore
from handover.server.settings import ServerSettings
from handover.server.testing import run_live_server
from handover.services.app import initialise
from handover.services.checkins import CheckInService
from handover.services.context import AppContext
from handover.services.demo import build_demo
from handover.services.dossiers import DossierService
from handover.store.models import CheckIn, Consent, Youth
from handover.sync.service import SyncService

DEMO_GEMEENTE: Final = {
    "org_name": "Werk en Inkomen gemeente Utrecht",
    "user_name": "Anouk Visser",
}
DEMO_STAFF: Final = ("Anouk Visser", "Bram de Graaf", "Samira El Idrissi", "Jeroen Bakker")
DEMO_SCHOOLS: Final = (
    ("Praktijkschool De Brug", "12AB", "Marieke de Jong"),
    ("Vso De Horizon", "34CD", "Peter Jansen"),
    ("Praktijkcollege Oost", "56EF", "Fatma Yilmaz"),
    ("Vso Het Kompas", "78GH", "Linda Smit"),
)
Progress = Callable[[str], None]


@dataclass
class GemeenteDemo:
    received: int = 0
    schools: list[str] = field(default_factory=list)


def build_gemeente_demo(
    ctx: AppContext,
    *,
    per_school: int = 12,
    schools: int = 3,
    seed: int = 1,
    progress: Progress | None = None,
    work_dir: Path | None = None,
) -> GemeenteDemo:
    """Fill the (empty, gemeente-role) data folder of ``ctx`` with received dossiers. Takes some seconds."""
    from handover.gemeente.staff import set_staff

    say = progress or (lambda _text: None)
    outcome = GemeenteDemo()
    with ctx.session() as session:
        set_staff(session, DEMO_STAFF)
    with tempfile.TemporaryDirectory(prefix="overstap-demo-", dir=work_dir) as tmp:
        root = Path(tmp)
        with run_live_server(ServerSettings(db_url=f"sqlite:///{root / 'server.db'}")) as live:
            gemeente = SyncService(ctx)
            gemeente.install_hooks()
            _, code = live.add_org(DEMO_GEMEENTE["org_name"], "gemeente")
            gemeente.enroll(live.url, code, confirm=lambda _peer: True)
            org_id = str(gemeente.state_value("org_id"))
            members: list[tuple[AppContext, SyncService, list[str]]] = []
            try:
                for i, (name, brin, mentor) in enumerate(DEMO_SCHOOLS[:schools]):
                    say(f"{name}: dossiers maken en versturen")
                    school_ctx, _code = initialise(
                        root / f"school{i}",
                        org_name=name,
                        user_name=mentor,
                        role="school",
                        brin=brin,
                        recipient=DEMO_GEMEENTE["org_name"],
                        secret_store=MemorySecretStore(),
                    )
                    school_ctx.clock = ctx.clock
                    sync = SyncService(school_ctx)
                    sync.install_hooks()
                    members.append((school_ctx, sync, []))
                    _, code = live.add_org(name, "school")
                    sync.enroll(live.url, code, confirm=lambda _peer: True)
                    build_demo(school_ctx, per_school, seed + i, gemeenten=[(org_id, DEMO_GEMEENTE["org_name"])])
                    ids = [p.youth_id for p in sync.qualifying() if p.problem is None]
                    sync.send(ids)
                    members[-1][2].extend(ids)
                    sync.sync()
                    outcome.schools.append(name)
                say("Werk en Inkomen: scholen bevestigen en ontvangen")
                gemeente.sync()
                for entry in gemeente.peer_entries("school"):
                    if not entry.confirmed:
                        gemeente.confirm_peer(entry.org_id)
                gemeente.sync()
                gemeente.acknowledge_received()
                _work_some(ctx, gemeente)
                gemeente.sync()
                say("Scholen: nieuwe versies, nieuws na school en een intrekking")
                for school_ctx, sync, ids in members:
                    sync.sync()
                    _school_changes(school_ctx, ids)
                    sync.sync()
                gemeente.sync()
                gemeente.acknowledge_received()
                gemeente.sync()  # the receipts go out while the server is still there
                outcome.received = len(gemeente.received())
            finally:
                for school_ctx, sync, _ids in members:
                    sync.close()
                    school_ctx.close()
                gemeente.close()
    return outcome


def _work_some(ctx: AppContext, gemeente: SyncService) -> None:
    """The klantmanagers already opened some dossiers, planned intakes and ticked off agreements."""
    from handover.gemeente.agreements import WERK_EN_INKOMEN
    from handover.gemeente.queries import received_rows
    from handover.gemeente.view import received_view

    today = ctx.today()
    with ctx.session() as session:
        rows = [r for r in received_rows(session, today=today) if not r.withdrawn]
    for n, row in enumerate(rows):
        if n % 3 == 0:
            continue  # nieuw ontvangen: nobody opened these yet
        gemeente.mark_opened(row.sender_org, row.record_id)
        if n % 3 == 1 and n % 2 == 1 and n % 5 != 2:
            gemeente.plan_intake(
                row.sender_org, row.record_id, today + dt.timedelta(days=3 + n % 9), DEMO_STAFF[n % len(DEMO_STAFF)]
            )
        if n % 5 == 2:  # intake held: a klantmanager took it on, the route is chosen
            klantmanager = DEMO_STAFF[n % len(DEMO_STAFF)]
            gemeente.plan_intake(row.sender_org, row.record_id, today - dt.timedelta(days=1), klantmanager)
            gemeente.send_status(row.sender_org, row.record_id, "route", "Route werk, met jobcoach")
        if n % 4 == 1:
            with ctx.session() as session:
                view = received_view(session, row.sender_org, row.record_id, today=today)
            for agreement in view.agreements:
                if agreement.organisation == WERK_EN_INKOMEN and agreement.status == "open":
                    gemeente.change_agreement(
                        agreement.agreement_id, dossier_id=row.record_id, status="gedaan", note="Besproken bij intake"
                    )
                    break


def _school_changes(ctx: AppContext, ids: list[str]) -> None:
    """A second version of a few dossiers, a check-in after school with a changed situation, one withdrawal."""
    from handover.services.consent import ConsentService

    dossiers = DossierService(ctx)
    checkins = CheckInService(ctx)
    today = ctx.today()
    with ctx.session() as session:
        left = {
            y.id: y.leaving_date
            for y in session.query(Youth).filter(Youth.id.in_(ids))
            if y.leaving_date is not None and y.leaving_date <= today
        }
        planned = {
            c.youth_id: c.id
            for c in session.query(CheckIn).filter(CheckIn.youth_id.in_(list(left)), CheckIn.held_on.is_(None))
        }
    for n, youth_id in enumerate(ids[:3]):
        dossiers.update_fields(youth_id, {"phone": f"06-1234{5600 + n:04d}"})
    followed = [i for i in left if i in planned][:2]
    with ctx.session() as session:  # these two consented to "contactmomenten na school" too
        for consent in session.query(Consent).filter(Consent.youth_id.in_(followed), Consent.withdrawn_on.is_(None)):
            consent.includes_checkins = True
    for n, youth_id in enumerate(followed):
        situation = {"situation": "geen", "situation_reason": "ontslag"} if n == 0 else {"situation": "mbo_2"}
        values = {"held_on": today - dt.timedelta(days=2), "channel": "telefoon", "reached": True, **situation}
        if n == 0:
            values["care_signal"] = "zorg"
        checkins.record(youth_id, values, planned[youth_id])
    if len(ids) > 4:
        with ctx.session() as session:
            youth = session.get(Youth, ids[-1])
            consent_ids = [c.id for c in youth.consents if c.withdrawn_on is None] if youth else []
        for consent_id in consent_ids:
            ConsentService(ctx).withdraw(ids[-1], consent_id, today)
