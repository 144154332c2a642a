"""The dossier editor on 10,000 young people (DESIGN.md: open a dossier ≤100 ms, save ≤50 ms), measured end
to end in the GUI: reading the dossier on the worker *and* filling sections A–K, lists, consent and the
contactmomenten timeline; a save is the write, the re-read and the page update. Each figure also as a
ratio against the service alone doing the same read or write (no Qt), measured in the same run.

Run: python tests/benchmarks/bench_editor.py   (offscreen; builds the shared demo set on first use)

A plain field save does not re-read the dossier (the page updates its own copy), so its figure is the
service's write plus the page update; the service's write itself is measured in bench_store.py.
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import select  # noqa: E402

from handover.services.dossiers import DossierService  # noqa: E402
from handover.store.models import Youth  # noqa: E402
from handover.ui.editor import DossierEditorPage  # noqa: E402
from handover.ui.tasks import TaskRunner  # noqa: E402
from tests.benchmarks.common import YOUTHS, open_demo, stats, write_json  # noqa: E402

SAMPLES = 100
CITIES = ("Utrecht", "Zeist", "Houten", "Bunnik")


def main() -> None:
    app = QApplication.instance() or QApplication([])
    ctx = open_demo()
    with ctx.session() as session:
        ids = list(session.scalars(select(Youth.id)))
    sample = random.Random(5).sample(ids, SAMPLES)
    service = DossierService(ctx)
    runner = TaskRunner(synchronous=True)  # the same work, timed without thread hand-over noise
    page = DossierEditorPage(ctx, runner)
    page.resize(1280, 820)
    page.show()
    app.processEvents()

    opened, raw_open = [], []
    for youth_id in sample:
        t = time.perf_counter()
        service.get(youth_id, audit_view=True)
        raw_open.append(time.perf_counter() - t)
        t = time.perf_counter()
        page.open_youth(youth_id)
        app.processEvents()
        opened.append(time.perf_counter() - t)
        assert page.youth_id == youth_id and page.is_loaded

    saved, raw_save = [], []
    for i, youth_id in enumerate(sample):
        page.open_youth(youth_id)
        app.processEvents()
        city = CITIES[i % len(CITIES)] if page.field_value("city") != CITIES[i % len(CITIES)] else "Vleuten"
        t = time.perf_counter()
        page.editors["city"].widget.setText(city)
        page.session.field_edited("city")  # what typing does; then the save that follows the pause
        page.flush()
        app.processEvents()
        saved.append(time.perf_counter() - t)
        assert page.field_value("city") == city
        t = time.perf_counter()
        service.update_fields(youth_id, {"city": "Wijk bij Duurstede" if city != "Wijk bij Duurstede" else "Odijk"})
        raw_save.append(time.perf_counter() - t)

    figures: dict[str, object] = {}
    for key, label, samples, base, budget in (
        ("editor_open", "open a dossier in the editor", opened, raw_open, 100),
        ("editor_save", "save one field from the editor", saved, raw_save, 50),
    ):
        median, p95 = stats(samples)
        base_median, _ = stats(base)
        verdict = "ok" if median <= budget else "OVER BUDGET"
        print(
            f"{label:34s} median {median:6.1f} ms  p95 {p95:6.1f} ms  (budget {budget} ms for the median: "
            f"{verdict}); service alone {base_median:5.1f} ms, ratio {median / base_median:4.1f}x  "
            f"[{YOUTHS} young people]"
        )
        figures[f"{key}_ms"], figures[f"{key}_ratio"] = median, median / base_median
    write_json(sys.argv[sys.argv.index("--json") + 1] if "--json" in sys.argv else None, figures)
    page.close()
    ctx.close()


if __name__ == "__main__":
    main()
