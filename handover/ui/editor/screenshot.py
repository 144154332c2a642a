"""Make the README screenshot of the editor: ``python -m handover.ui.editor.screenshot [OUT.png] [SECTION]``.

Runs offscreen on a fresh demo data set in a temporary folder (memory secrets, a fixed date),
so the picture is the same on every machine and no real data is ever involved.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

DEFAULT_OUT = Path("resources/screenshots/dossier.png")
FIXED_TODAY = dt.date(2026, 11, 29)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else DEFAULT_OUT
    section = args[1] if len(args) > 1 else "C"
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from handover.secrets import MemorySecretStore
    from handover.services.app import initialise
    from handover.services.demo import build_demo
    from handover.services.dossiers import DossierService
    from handover.services.records import completeness
    from handover.ui.app import application
    from handover.ui.editor import DossierEditorPage
    from handover.ui.tasks import TaskRunner

    app = application()  # the app's style and palette (selection colour), as users see it
    with tempfile.TemporaryDirectory() as tmp:
        ctx, _code = initialise(
            Path(tmp) / "gegevens",
            org_name="Praktijkschool De Brug",
            user_name="Marieke de Jong",
            brin="12AB",
            recipient="Werk en Inkomen gemeente Utrecht",
            secret_store=MemorySecretStore(),
        )
        ctx.clock = lambda: FIXED_TODAY
        ids = build_demo(ctx, 12, seed=7)
        service = DossierService(ctx)

        def interesting(youth_id: str) -> tuple[int, bool]:
            # A dossier in progress shows more of the editor: open sections and a status to move on.
            youth = service.get(youth_id)
            missing = sum(1 for s in completeness(youth, FIXED_TODAY) if not s.complete and s.total)
            return missing, youth.status in ("klaar", "besproken")

        youth_id = max(ids, key=interesting)
        runner = TaskRunner(synchronous=True)
        page = DossierEditorPage(ctx, runner)
        page.resize(1280, 800)
        page.show()
        page.open_youth(youth_id)
        page.show_section(section)
        app.processEvents()
        out.parent.mkdir(parents=True, exist_ok=True)
        ok = page.grab().save(str(out))
        page.close()
        ctx.close()
    print(out if ok else f"Kon {out} niet opslaan.")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
