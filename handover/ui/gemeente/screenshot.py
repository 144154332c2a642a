"""The gemeente's screenshots: Vandaag, Jongeren and a received dossier on the gemeente demo folder.

Called by :mod:`handover.ui.screenshots` (variant ``gemeente``) in its own process; writes
``gemeente_vandaag.png``, ``gemeente_jongeren.png`` and ``gemeente_dossier.png``.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path


def shoot_gemeente(out: Path, size: tuple[int, int], wait_until: Callable[..., None]) -> None:
    from PySide6.QtCore import QCoreApplication

    from handover.gemeente import queries as q
    from handover.gemeente.demo import DEMO_GEMEENTE, build_gemeente_demo
    from handover.secrets import MemorySecretStore
    from handover.services.app import initialise
    from handover.ui.app import application
    from handover.ui.dialogs import load_settings
    from handover.ui.gemeente.window import PAGE_JONGEREN, PAGE_VANDAAG, GemeenteWindow
    from handover.ui.i18n import install_translators
    from handover.ui.tasks import TaskRunner

    day = dt.date.today() + dt.timedelta(days=14)
    app = application()
    install_translators(app, "nl")
    with tempfile.TemporaryDirectory(prefix="overstap-shots-gemeente-") as tmp:
        ctx, _code = initialise(
            Path(tmp) / "gegevens", role="gemeente", secret_store=MemorySecretStore(), **DEMO_GEMEENTE
        )
        # The exchange runs with the real clock (its messages carry real times); the pictures then show
        # the klantmanager's screen two weeks later, when the first intakes are overdue.
        build_gemeente_demo(ctx, per_school=10, schools=3, seed=3, work_dir=Path(tmp))
        ctx.clock = lambda: day
        runner = TaskRunner(app)
        window = GemeenteWindow(ctx, runner, settings=load_settings(ctx))
        window.show()
        window.showNormal()  # never the geometry a previous run left in this user's settings
        window.resize(*size)
        loaded: set[str] = set()
        window.youth_list_loaded.connect(lambda _n: loaded.add("list"))
        window.vandaag.loaded.connect(lambda: loaded.add("vandaag"))
        window.load()
        wait_until(lambda: {"list", "vandaag"} <= loaded)
        window.sync_state.setText(QCoreApplication.translate("SyncController", "Alles verstuurd"))

        def save(name: str) -> None:
            app.processEvents()
            window.grab().save(str(out / f"{name}.png"))

        window.show_page(PAGE_VANDAAG)
        save("gemeente_vandaag")
        window.show_page(PAGE_JONGEREN)
        window.jongeren.table.selectRow(1)
        save("gemeente_jongeren")
        # A dossier with a second version (changed fields marked) and news after school in its timeline.
        with ctx.session() as session:
            cards = q.gemeente_today(session, today=day)
        news = {t.record_id for t in cards[q.CARD_SITUATION]}
        versions = cards[q.CARD_NEW_VERSION]
        pick = next((t for t in versions if t.record_id in news), None) or (versions or cards[q.CARD_NEW])[0]
        opened: list[str] = []
        window.dossier_opened.connect(opened.append)
        window.open_dossier(pick.sender_org, pick.record_id)
        wait_until(lambda: bool(opened))
        window.dossier.document.scrollToAnchor("gewijzigd")  # the changed fields in view
        save("gemeente_dossier")
        window.close()
        runner.wait_idle()
        ctx.close()
