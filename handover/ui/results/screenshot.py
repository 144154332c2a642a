"""regio.png: the gemeente's Regio page over figures that really travelled, offscreen.

    QT_QPA_PLATFORM=offscreen python -m handover.ui.results.screenshot [OUT_DIR]

A sync server runs on 127.0.0.1 while the picture's data is made: four demo schools enroll, three
send their anonymised figures for 1 November 2026 (``SyncService.send_figures``), the fourth sends
nothing; the gemeente confirms the schools and receives. Then the server is gone and the gemeente's
window shows Regio at 1280×800. (``resultaten.png`` and ``cijfers_rapport.png``: handover.ui.screenshots.)
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

SCREENSHOT_DATE = dt.date(2026, 11, 29)
PEILDATUM = dt.date(2026, 11, 1)
GEMEENTE = "Werk en Inkomen gemeente Utrecht"
SCHOOLS = (  # name, brin, mentor, sends its figures
    ("Praktijkschool De Brug", "12AB", "Marieke de Jong", True),
    ("Vso De Horizon", "34CD", "Peter Jansen", True),
    ("Praktijkcollege Oost", "56EF", "Fatma Yilmaz", True),
    ("Vso Het Kompas", "78GH", "Linda Smit", False),
)


def build_region(root: Path) -> object:
    """The gemeente's context with the figures three schools sent through a real server."""
    from handover.secrets import MemorySecretStore
    from handover.server.settings import ServerSettings
    from handover.server.testing import run_live_server
    from handover.services.app import initialise
    from handover.services.demo import build_demo
    from handover.services.outcomes_export import figures_for_gemeente
    from handover.sync.service import SyncService
    from handover.sync.testing import confirm_schools

    ctx, _code = initialise(
        root / "gemeente",
        org_name=GEMEENTE,
        user_name="Anouk Visser",
        role="gemeente",
        secret_store=MemorySecretStore(),
    )
    ctx.clock = lambda: SCREENSHOT_DATE
    with run_live_server(ServerSettings(db_url=f"sqlite:///{root / 'server.db'}")) as live:
        gemeente = SyncService(ctx)
        _, code = live.add_org(GEMEENTE, "gemeente")
        gemeente.enroll(live.url, code, confirm=lambda _peer: True)
        try:
            for number, (name, brin, mentor, sends) in enumerate(SCHOOLS):
                school, _code = initialise(
                    root / f"school{number}",
                    org_name=name,
                    user_name=mentor,
                    brin=brin,
                    recipient=GEMEENTE,
                    secret_store=MemorySecretStore(),
                )
                school.clock = lambda: SCREENSHOT_DATE
                sync = SyncService(school)
                try:
                    _, code = live.add_org(name, "school")
                    sync.enroll(live.url, code, confirm=lambda _peer: True)
                    build_demo(school, 300, seed=20 + number)
                    if sends:
                        with school.session() as session:
                            body = figures_for_gemeente(session, PEILDATUM, today=SCREENSHOT_DATE)
                        sync.send_figures(None, body)
                    sync.sync()
                finally:
                    sync.close()
                    school.close()
            confirm_schools(gemeente)
            gemeente.sync()
        finally:
            gemeente.close()
    return ctx


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    args = argv if argv is not None else sys.argv[1:]
    from handover import paths

    out = Path(args[0]) if args else paths.resource_path("screenshots")
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtWidgets import QApplication

    from handover.ui.app import application
    from handover.ui.dialogs import load_settings
    from handover.ui.gemeente.window import PAGE_REGIO, GemeenteWindow
    from handover.ui.i18n import install_translators
    from handover.ui.screenshots import wait_until
    from handover.ui.tasks import TaskRunner

    app = application()
    install_translators(app, "nl")
    with tempfile.TemporaryDirectory(prefix="overstap-regio-") as tmp:
        ctx = build_region(Path(tmp))
        runner = TaskRunner(app)
        window = GemeenteWindow(ctx, runner, settings=load_settings(ctx))  # type: ignore[arg-type]
        window.show()
        window.showNormal()  # the offscreen screen is 800 px wide: the window would open maximised
        window.resize(1280, 800)
        window.load()
        window.show_page(PAGE_REGIO)
        page = window.regio
        wait_until(lambda: page.region is not None and not page.loading)
        page.cohort.setCurrentIndex(page.cohort.findData(PEILDATUM.year - 1))  # a whole year after leaving
        page.table.resizeColumnsToContents()
        app.processEvents()
        window.grab().save(str(out / "regio.png"))
        window.close()
        runner.wait_idle()
        ctx.close()  # type: ignore[attr-defined]
    QApplication.processEvents()
    print(f"Schermafbeelding opgeslagen in {out / 'regio.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
