"""Screenshots of what the school sees of the exchange with Werk en Inkomen (issue 10), made for real:
a school and a gemeente in temporary folders exchange over the sync server on 127.0.0.1.

    QT_QPA_PLATFORM=offscreen python -m handover.ui.editor.exchange_screenshot [OUT_DIR]

Writes ``dossier_overdracht.png`` (section K: the whole exchange), ``dossier_afspraken_wi.png``
(section I: an agreement changed by Werk en Inkomen and one in conflict, with the chooser) and
``toestemming.png`` (the consent dialog with the scope "contactmomenten na school"). Invented people,
memory secrets, a fixed date: the same pictures on every machine.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

TODAY = dt.date(2026, 11, 29)
SCHOOL = "Praktijkschool De Brug"
GEMEENTE = "Werk en Inkomen gemeente Utrecht"


def _installation(root: Path, name: str, *, role: str, org: str, user: str) -> Any:
    from handover.secrets import MemorySecretStore
    from handover.services.app import initialise
    from handover.sync.service import SyncService

    ctx, _code = initialise(
        root / name,
        org_name=org,
        user_name=user,
        role=role,
        brin="12AB" if role == "school" else "",
        recipient=GEMEENTE if role == "school" else "",
        secret_store=MemorySecretStore(),
    )
    ctx.clock = lambda: TODAY
    service = SyncService(ctx)
    service.install_hooks()
    return ctx, service


def build_exchange(root: Path, server_url: str, add_org: Callable[[str, str], tuple[str, str]]) -> tuple[Any, str]:
    """A dossier sent to the gemeente, received, its intake planned, one agreement done by Werk en
    Inkomen and one changed on both sides (a conflict). Returns the school's context and the youth id."""
    from handover.services.consent import ConsentService
    from handover.services.dossiers import DossierService
    from handover.sync.testing import confirm_schools

    g_ctx, gemeente = _installation(root, "gemeente", role="gemeente", org=GEMEENTE, user="Anouk Visser")
    gemeente.enroll(server_url, add_org(GEMEENTE, "gemeente")[1], confirm=lambda _peer: True)
    s_ctx, school = _installation(root, "school", role="school", org=SCHOOL, user="Marieke de Jong")
    school.enroll(server_url, add_org(SCHOOL, "school")[1], confirm=lambda _peer: True)
    confirm_schools(gemeente)
    dossiers = DossierService(s_ctx)
    youth_id = dossiers.create_youth(
        {
            "first_names": "Sanne",
            "last_name": "Bakker",
            "birth_date": dt.date(2008, 4, 2),
            "city": "Utrecht",
            "school": SCHOOL,
            "school_type": "pro",
            "leaving_date": dt.date(2026, 7, 10),
            "route": "werken",
        }
    )
    plans = (
        ("Inschrijven bij Werk en Inkomen", "werk_en_inkomen", dt.date(2026, 12, 1)),
        ("Intakegesprek plannen", "werk_en_inkomen", dt.date(2026, 12, 15)),
        ("Cv maken met de jobcoach", "school", dt.date(2026, 12, 20)),
    )
    ids = [
        dossiers.add_item(youth_id, "agreements", {"action": a, "organisation": o, "status": "open", "deadline": d})
        for a, o, d in plans
    ]
    ConsentService(s_ctx).record(
        youth_id,
        {
            "given_by": "jongere",
            "given_by_name": "Sanne",
            "recipient": GEMEENTE,
            "purpose": "overstap",
            "given_on": dt.date(2026, 6, 1),
            "form": "papier",
            "includes_checkins": True,
        },
        ["B", "C", "E", "H", "I"],
        recipient_org_id=school.peers()[0].org_id,
    )
    dossiers.set_status(youth_id, "klaar")
    school.send([youth_id])
    school.sync_and_count()
    gemeente.sync_and_count()  # receives and signs the receipt
    school_org = str(school.state_value("org_id"))
    gemeente.plan_intake(school_org, youth_id, dt.date(2026, 12, 10), "Anouk Visser")
    gemeente.send_status(school_org, youth_id, "klantmanager", "Anouk Visser is de vaste klantmanager")
    gemeente.change_agreement(ids[0], dossier_id=youth_id, status="gedaan", note="Ingeschreven op 1 december")
    # Both sides change the intake agreement before they sync: a conflict.
    dossiers.update_item(youth_id, "agreements", ids[1], {"status": "gedaan"})
    gemeente.change_agreement(ids[1], dossier_id=youth_id, status="vervallen", note="Intake loopt via het UWV")
    for service in (gemeente, school, gemeente, school):
        service.sync_and_count()
    for service in (gemeente, school):
        service.close()
    g_ctx.close()
    return s_ctx, youth_id


def shoot_exchange(out: Path, size: tuple[int, int] = (1280, 800)) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from handover.server.settings import ServerSettings
    from handover.server.testing import run_live_server
    from handover.ui.app import application
    from handover.ui.editor import DossierEditorPage
    from handover.ui.tasks import TaskRunner

    app = application()
    written: list[Path] = []
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="overstap-overdracht-") as tmp:
        root = Path(tmp)
        with run_live_server(ServerSettings(db_url=f"sqlite:///{root / 'server.db'}")) as live:
            ctx, youth_id = build_exchange(root, live.url, live.add_org)
        runner = TaskRunner(synchronous=True)
        page = DossierEditorPage(ctx, runner)
        page.resize(*size)
        page.show()
        page.open_youth(youth_id)
        for section, name in (("K", "dossier_overdracht.png"), ("I", "dossier_afspraken_wi.png")):
            page.show_section(section)
            app.processEvents()
            if page.grab().save(str(out / name)):
                written.append(out / name)
        page.show_section("J")
        dialog = page.consent_panel.open_consent_dialog()
        dialog.checkins_box.setChecked(True)
        dialog.resize(dialog.sizeHint())
        app.processEvents()
        if dialog.grab().save(str(out / "toestemming.png")):
            written.append(out / "toestemming.png")
        dialog.reject()
        page.close()
        ctx.close()
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from handover import paths

    out = Path(args[0]) if args else paths.resource_path("screenshots")
    written = shoot_exchange(out)
    for path in written:
        print(path)
    return 0 if len(written) == 3 else 1


if __name__ == "__main__":
    raise SystemExit(main())
