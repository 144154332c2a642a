"""Screenshots of the main window on a demo data set (offscreen), as the README shows them.

    QT_QPA_PLATFORM=offscreen python -m handover.ui.screenshots [OUT_DIR]

Writes, in OUT_DIR (default: resources/screenshots/):

- ``vandaag.png``, ``jongeren.png``, ``afspraken.png`` and ``resultaten.png`` at 1280×800
  (``dossier.png``: handover.ui.editor.screenshot), with ``cijfers_rapport.png`` (page 1 of the
  figures PDF, through pdftoppm) and ``mijn_overstap.png`` (the young person's page, the same way);
- ``vandaag_125.png``, ``jongeren_125.png``, ``dossier_125.png``: a 1366×768 laptop screen at 125 %
  scaling (``QT_SCALE_FACTOR=1.25``, so the window is 1093×614 logical px, maximised minus a taskbar);
- ``vandaag_donker.png``, ``dossier_donker.png``: Windows dark mode (the dark palette of ui/theme);
- ``gemeente_vandaag.png``, ``gemeente_jongeren.png``, ``gemeente_dossier.png``: Werk en Inkomen's window
  on the gemeente demo (``--variant gemeente``);
- ``dossier_overdracht.png``, ``dossier_afspraken_wi.png``, ``toestemming.png``: the school's sections K
  and I after a real exchange, and the consent dialog (``--variant overdracht``).
- ``pc_toevoegen.png`` and ``conflict.png``: the one-time code for a new pc of the school, and the
  conflict chooser in a dossier two pc's changed (``--variant pcs``, issue 13).

Each variant runs in its own process (the scale factor must be set before Qt starts). The data is
the invented demo set on a fixed date, so the pictures are reproducible.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

SCREENSHOT_DATE = dt.date(2026, 11, 29)
VARIANTS = {
    # name: (window size in logical px, QT_SCALE_FACTOR, dark, file suffix, pages)
    "normaal": ((1280, 800), "1", False, "", ("vandaag", "jongeren", "afspraken", "resultaten", "mijn_overstap")),
    "125": ((1093, 614 - 32), "1.25", False, "_125", ("vandaag", "jongeren", "dossier")),
    "donker": ((1280, 800), "1", True, "_donker", ("vandaag", "dossier")),
    # Werk en Inkomen (issue 10): gemeente_vandaag, gemeente_jongeren, gemeente_dossier (ui/gemeente/screenshot.py)
    "gemeente": ((1280, 800), "1", False, "", ("gemeente",)),
    # The school's side of the exchange (issue 10): dossier_overdracht, dossier_afspraken_wi, toestemming
    # (ui/editor/exchange_screenshot.py: a school and a gemeente exchange over a server on 127.0.0.1).
    "overdracht": ((1280, 800), "1", False, "", ("overdracht",)),
    # More pc's per school (issue 13): pc_toevoegen (the code, a school enrolled on a server on 127.0.0.1)
    # and conflict (the conflict chooser in the dossier: two pc's changed Woonplaats), shoot_pcs below.
    "pcs": ((1280, 800), "1", False, "", ("pcs",)),
}


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if len(args) >= 2 and args[0] == "--variant":
        return shoot(args[1], Path(args[2]))
    from handover import paths

    out = Path(args[0]) if args else paths.resource_path("screenshots")
    out.mkdir(parents=True, exist_ok=True)
    for name, (_size, scale, _dark, _suffix, _pages) in VARIANTS.items():
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=scale)
        subprocess.run(
            [sys.executable, "-m", "handover.ui.screenshots", "--variant", name, str(out)], check=True, env=env
        )
    print(f"Schermafbeeldingen opgeslagen in {out}")
    return 0


def shoot(variant: str, out: Path) -> int:
    """One variant, in this process (QT_SCALE_FACTOR is already set by the caller)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from handover.secrets import MemorySecretStore
    from handover.services.app import initialise
    from handover.services.demo import DEMO_SCHOOL, build_demo
    from handover.ui import theme
    from handover.ui.app import application
    from handover.ui.dialogs import load_settings
    from handover.ui.i18n import install_translators
    from handover.ui.main_window import PAGE_AFSPRAKEN, PAGE_JONGEREN, PAGE_RESULTATEN, PAGE_VANDAAG, MainWindow
    from handover.ui.tasks import TaskRunner

    size, _scale, dark, suffix, pages = VARIANTS[variant]
    if variant == "overdracht":
        from handover.ui.editor.exchange_screenshot import shoot_exchange

        shoot_exchange(out, size)
        return 0
    if variant == "pcs":
        shoot_pcs(out, size)
        return 0
    if variant == "gemeente":
        from handover.ui.gemeente.screenshot import shoot_gemeente

        shoot_gemeente(out, size, wait_until)
        return 0
    app = application()
    if dark:
        app.setPalette(theme.dark_palette())
    install_translators(app, "nl")
    with tempfile.TemporaryDirectory(prefix="overstap-shots-") as tmp:
        ctx, _code = initialise(Path(tmp) / "gegevens", secret_store=MemorySecretStore(), **DEMO_SCHOOL)
        ctx.clock = lambda: SCREENSHOT_DATE
        build_demo(ctx, 300, seed=3)
        runner = TaskRunner(app)
        window = MainWindow(ctx, runner, settings=load_settings(ctx), demo=False)
        window.set_sync_state(QCoreApplication.translate("SyncController", "Alles verstuurd"))
        window.resize(*size)
        window.show()
        loop = QEventLoop()
        pending = {"list", "vandaag"}

        def arrived(name: str) -> None:
            pending.discard(name)
            if not pending:
                loop.quit()

        window.youth_list_loaded.connect(lambda _n: arrived("list"))
        window.vandaag.loaded.connect(lambda: arrived("vandaag"))
        window.load()
        QTimer.singleShot(60_000, loop.quit)
        loop.exec()

        def save(name: str) -> None:
            app.processEvents()
            window.grab().save(str(out / f"{name}{suffix}.png"))

        for page in pages:
            if page == "vandaag":
                window.show_page(PAGE_VANDAAG)
                save("vandaag")
            elif page == "jongeren":
                window.show_page(PAGE_JONGEREN)
                window.jongeren.table.selectRow(2)
                save("jongeren")
            elif page == "afspraken":
                window.show_page(PAGE_AFSPRAKEN)
                wait_until(lambda: window.afspraken.model.rowCount() > 0)
                save("afspraken")
            elif page == "resultaten":  # issue 12: the page, and page 1 of its PDF report
                window.show_page(PAGE_RESULTATEN)
                wait_until(lambda: window.resultaten.figures is not None)
                save("resultaten")
                render_figures_report(ctx, out / "cijfers_rapport.png")
            elif page == "mijn_overstap":  # issue 12: the young person's own page, through pdftoppm
                render_mijn_overstap(ctx, out / "mijn_overstap.png")
            else:
                youth = window.vandaag.cards["te_laat"].model.item_at(0)
                window.open_youth(youth.youth_id, "contactmomenten")
                wait_until(lambda: window.editor.is_loaded)
                window.editor.show_section("B")
                save(page)
        window.close()
        runner.wait_idle()
        ctx.close()
    QApplication.processEvents()
    return 0


def render_figures_report(ctx: object, png: Path) -> None:
    """Page 1 of the figures report (latest 1 November) as a PNG, through pdftoppm (poppler-utils)."""
    from handover.reports.figures import save_figures_pdf
    from handover.services.outcomes import latest_reference_date

    pdf = png.with_suffix(".pdf")
    save_figures_pdf(ctx, pdf, latest_reference_date(SCREENSHOT_DATE))  # type: ignore[arg-type]
    try:
        subprocess.run(
            ["pdftoppm", "-png", "-r", "90", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(png.with_suffix(""))],
            check=True,
        )
    finally:
        pdf.unlink(missing_ok=True)


def render_mijn_overstap(ctx: object, png: Path) -> None:
    """'Mijn overstap' of a young person in follow-up with a contact person, open agreements and check-ins ahead."""
    from handover.reports.mijn_overstap import next_checkins, open_agreements, save_mijn_overstap
    from handover.services import queries
    from handover.services.dossiers import DossierService

    service = DossierService(ctx)  # type: ignore[arg-type]
    recent = [
        r.id
        for r in queries.youth_rows(ctx)  # type: ignore[arg-type]
        if r.leaving_date and dt.timedelta(0) < SCREENSHOT_DATE - r.leaving_date < dt.timedelta(days=400)
    ]

    def fullness(view: Any) -> tuple[bool, int, int]:
        contact = any(c.is_fixed_contact and c.phone for c in view.contacts)
        return contact, min(len(open_agreements(view)), 4), len(next_checkins(view, SCREENSHOT_DATE))

    youth = max((service.get(i) for i in recent), key=fullness)
    pdf = png.with_suffix(".pdf")
    save_mijn_overstap(ctx, youth.id, pdf)  # type: ignore[arg-type]
    try:
        subprocess.run(
            ["pdftoppm", "-png", "-r", "90", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(png.with_suffix(""))],
            check=True,
        )
    finally:
        pdf.unlink(missing_ok=True)


def shoot_pcs(out: Path, size: tuple[int, int]) -> None:
    """pc_toevoegen.png: "Pc toevoegen" on an enrolled school (a real server on 127.0.0.1, so a real code);
    conflict.png: the main window on the demo set, a dossier whose Woonplaats two pc's changed."""
    from PySide6.QtCore import QCoreApplication

    from handover.secrets import MemorySecretStore
    from handover.server.settings import ServerSettings
    from handover.server.testing import run_live_server
    from handover.services import merge, queries
    from handover.services.app import initialise
    from handover.services.demo import DEMO_SCHOOL, build_demo
    from handover.services.dossiers import DossierService
    from handover.ui.app import application
    from handover.ui.devices_join import AddDeviceDialog
    from handover.ui.dialogs import load_settings
    from handover.ui.editor.conflict import ConflictChooser
    from handover.ui.editor.exchange_screenshot import GEMEENTE, SCHOOL, _installation
    from handover.ui.i18n import install_translators
    from handover.ui.main_window import MainWindow
    from handover.ui.tasks import TaskRunner

    app = application()
    install_translators(app, "nl")
    runner = TaskRunner(app)
    with tempfile.TemporaryDirectory(prefix="overstap-pcs-") as tmp:
        root = Path(tmp)
        with run_live_server(ServerSettings(db_url=f"sqlite:///{root / 'server.db'}")) as live:
            g_ctx, gemeente = _installation(root, "gemeente", role="gemeente", org=GEMEENTE, user="Anouk Visser")
            gemeente.enroll(live.url, live.add_org(GEMEENTE, "gemeente")[1], confirm=lambda _peer: True)
            ctx, service = _installation(root, "school", role="school", org=SCHOOL, user="Marieke de Jong")
            service.enroll(live.url, live.add_org(SCHOOL, "school")[1], confirm=lambda _peer: True)
            dialog = AddDeviceDialog(ctx, runner, service=service, server_url="https://overstap.utrecht.nl")
            dialog.show()
            dialog.start()
            wait_until(lambda: dialog.code.isVisible())
            dialog.resize(max(dialog.width(), 660), dialog.sizeHint().height())
            app.processEvents()
            dialog.grab().save(str(out / "pc_toevoegen.png"))
            dialog.done(0)
            runner.wait_network(10_000)
            for engine, context in ((service, ctx), (gemeente, g_ctx)):
                engine.close()
                context.close()

        # Two pc's of one school: the demo set on both, then Woonplaats changed on each before they synced.
        pcs = []
        for name, user in (("pc-a", DEMO_SCHOOL["user_name"]), ("pc-b", "Ahmed Bakker")):
            pc, _code = initialise(root / name, secret_store=MemorySecretStore(), **{**DEMO_SCHOOL, "user_name": user})
            pc.clock = lambda: SCREENSHOT_DATE
            pcs.append(pc)
        here, other = pcs
        build_demo(here, 60, seed=3)

        def send(source: Any, target: Any) -> None:
            with source.session() as session:
                merge.capture(session, source.actor)
                states = [
                    merge.IncomingState(r.entity, r.entity_id, r.youth_id, r.state) for r in merge.take_dirty(session)
                ]
            with target.session() as session:
                merge.apply_states(session, target.actor, states)

        send(here, other)
        youth = queries.youth_rows(here)[4]
        DossierService(here).update_fields(youth.id, {"city": "Amersfoort"})
        DossierService(other).update_fields(youth.id, {"city": "Nieuwegein"})
        send(here, other)
        send(other, here)
        window = MainWindow(here, runner, settings=load_settings(here), demo=False)
        window.set_sync_state(QCoreApplication.translate("SyncController", "Alles verstuurd"))
        window.resize(*size)
        window.show()
        window.load()
        wait_until(lambda: window.youth_model.rowCount() > 0)
        window.open_youth(youth.id)
        wait_until(lambda: window.editor.is_loaded and bool(window.editor.findChildren(ConflictChooser)))
        window.editor.show_section("A")
        (chooser,) = window.editor.findChildren(ConflictChooser)
        chooser.radios[-1].setChecked(True)  # picked, not yet kept: "Deze houden" is ready
        chooser.radios[-1].setFocus()
        app.processEvents()
        window.grab().save(str(out / "conflict.png"))
        window.close()
        runner.wait_idle()
        for pc in pcs:
            pc.close()


def wait_until(condition: object, timeout_ms: int = 30_000) -> None:
    """Run the event loop until ``condition()`` holds (the data arrives on the runner's threads)."""
    from PySide6.QtCore import QDeadlineTimer, QEventLoop
    from PySide6.QtWidgets import QApplication

    deadline = QDeadlineTimer(timeout_ms)
    while not condition() and not deadline.hasExpired():  # type: ignore[operator]
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)


if __name__ == "__main__":
    sys.exit(main())
