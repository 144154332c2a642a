"""Screenshots of the Vandaag page and the Jongeren list on a demo data set (offscreen).

    QT_QPA_PLATFORM=offscreen python -m handover.ui.screenshots [OUT_DIR]

Writes ``vandaag.png`` and ``jongeren.png`` (default: resources/screenshots/). The data is the
invented demo set on a fixed date, so the pictures are reproducible.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

SCREENSHOT_DATE = dt.date(2026, 11, 29)
SIZE = (1360, 820)


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from handover import paths
    from handover.secrets import MemorySecretStore
    from handover.services.app import initialise
    from handover.services.demo import DEMO_SCHOOL, build_demo
    from handover.ui.app import application
    from handover.ui.dialogs import load_settings
    from handover.ui.i18n import install_translators
    from handover.ui.main_window import PAGE_JONGEREN, PAGE_VANDAAG, MainWindow
    from handover.ui.tasks import TaskRunner

    args = argv if argv is not None else sys.argv[1:]
    out = Path(args[0]) if args else paths.resource_path("screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = application()
    install_translators(app, "nl")
    with tempfile.TemporaryDirectory(prefix="overstap-shots-") as tmp:
        ctx, _code = initialise(Path(tmp) / "gegevens", secret_store=MemorySecretStore(), **DEMO_SCHOOL)
        ctx.clock = lambda: SCREENSHOT_DATE
        build_demo(ctx, 300, seed=3)
        runner = TaskRunner(app)
        window = MainWindow(ctx, runner, settings=load_settings(ctx), demo=False)
        window.set_sync_state(QCoreApplication.translate("SyncController", "Alles verstuurd"))
        window.resize(*SIZE)
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
        window.show_page(PAGE_VANDAAG)
        app.processEvents()
        window.grab().save(str(out / "vandaag.png"))
        window.show_page(PAGE_JONGEREN)
        window.jongeren.table.selectRow(2)
        app.processEvents()
        window.grab().save(str(out / "jongeren.png"))
        window.close()
        runner.wait_idle()
        ctx.close()
    QApplication.processEvents()
    print(f"Schermafbeeldingen opgeslagen in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
