"""Regio (gemeente role): the real page over figures the schools sent; a school that sent nothing reads
"geen cijfers ontvangen" and is not counted, and the CSV export carries the same."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from handover.secrets import MemorySecretStore
from handover.services.app import initialise
from handover.services.context import AppContext
from handover.services.demo import build_demo
from handover.services.outcomes_export import figures_for_gemeente
from handover.sync.models import ReceivedFigures, SyncPeer
from handover.ui.results.regio import RegioPage
from tests.conftest import FIXED_TODAY

pytestmark = pytest.mark.timeout(180)

PEILDATUM = dt.date(2026, 11, 1)
SCHOOLS = (  # org id, name, seed of its demo data (None: sent no figures)
    ("org-brug", "Praktijkschool De Brug", 5),
    ("org-horizon", "Vso De Horizon", 6),
    ("org-oost", "Praktijkcollege Oost", None),
)


def school_body(tmp_path: Path, name: str, seed: int) -> dict:
    """What a school sends: its own demo data, anonymised by the figures service."""
    ctx, _code = initialise(
        tmp_path / name, org_name=name, user_name="Mentor", brin="12AB", secret_store=MemorySecretStore()
    )
    try:
        ctx.clock = lambda: FIXED_TODAY
        build_demo(ctx, 80, seed=seed)
        with ctx.session() as session:
            return figures_for_gemeente(session, PEILDATUM, today=FIXED_TODAY)
    finally:
        ctx.close()


@pytest.fixture
def gemeente_ctx(tmp_path: Path) -> Iterator[AppContext]:
    ctx, _code = initialise(
        tmp_path / "gemeente",
        org_name="Werk en Inkomen gemeente Utrecht",
        user_name="Anouk Visser",
        role="gemeente",
        secret_store=MemorySecretStore(),
    )
    ctx.clock = lambda: FIXED_TODAY
    bodies = {org: school_body(tmp_path, name, seed) for org, name, seed in SCHOOLS if seed is not None}
    with ctx.session() as session:
        for org, name, _seed in SCHOOLS:
            session.add(
                SyncPeer(
                    org_id=org,
                    name=name,
                    kind="school",
                    root_public_key=b"k",
                    manifest=b"m",
                    manifest_signature=b"s",
                    recipient_label=name,
                    confirmed=True,
                )
            )
            if org in bodies:
                session.add(
                    ReceivedFigures(sender_org=org, peildatum=PEILDATUM.isoformat(), school_name=name, body=bodies[org])
                )
    yield ctx
    ctx.close()


def open_page(qtbot, ctx: AppContext, runner) -> RegioPage:
    page = RegioPage(ctx, runner)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        page.show()  # loads when first shown
    return page


def test_a_school_without_figures_reads_geen_cijfers_ontvangen_never_zero(qtbot, gemeente_ctx, runner) -> None:
    page = open_page(qtbot, gemeente_ctx, runner)
    model = page.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "Cijfer",
        "Praktijkcollege Oost",
        "Praktijkschool De Brug",
        "Vso De Horizon",
        "Totaal regio",
    ]
    assert model.rowCount() > 10
    oost = headers.index("Praktijkcollege Oost")
    assert {model.index(r, oost).data() for r in range(model.rowCount())} == {"geen cijfers ontvangen"}
    assert page.peildatum.currentText() == "01-11-2026"
    assert "Praktijkcollege Oost" in page.note.text() and "niet als nul" in page.note.text()
    assert "Totaal over 2 van de 3 scholen" in page.note.text()
    # The total adds up exactly what the two schools sent (a "<5" makes it a range).
    brug, horizon, total = oost + 1, oost + 2, oost + 3
    checked = 0
    for r in range(model.rowCount()):
        row = model.row_at(r)
        if row.part != "Op peildatum":
            continue
        # "–": the school sent its figures, with nobody of this cohort and school type (0).
        cells = [model.index(r, c).data().replace("–", "0") for c in (brug, horizon)]
        if all(cell.isdigit() for cell in cells):
            assert model.index(r, total).data() == str(sum(int(cell) for cell in cells))
            checked += 1
        elif "<5" in cells and all(cell.isdigit() or cell == "<5" for cell in cells):
            low = sum(int(cell) for cell in cells if cell.isdigit())
            shown = model.index(r, total).data()
            assert shown == "<5" or shown.startswith(f"{low}–"), (cells, shown)
            checked += 1
    assert checked >= 5
    # The intake: the total adds what the schools sent; where none has an exchange it says so (not "0 van 0").
    intake = [r for r in range(model.rowCount()) if model.row_at(r).part.startswith("Intake")]
    assert intake
    for r in intake:
        sent = {model.index(r, c).data() for c in (brug, horizon)} - {"–"}
        shown = model.index(r, total).data()
        assert shown == "geen uitwisseling" if sent <= {"geen uitwisseling"} else " van " in shown, (sent, shown)
    # A count hidden so that a "<5" cannot be worked back reads "x"; the note says what it counts as.
    assert model.region is not None
    every = {cell.split(" ")[0] for row in model.region.rows for cell in row.cells}
    assert ("x" in every) == ('"x" is ook verborgen' in page.note.text())


def test_one_cohort_and_school_type_at_a_time_situations_then_percentages(qtbot, gemeente_ctx, runner) -> None:
    page = open_page(qtbot, gemeente_ctx, runner)
    cohorts = [page.cohort.itemData(i) for i in range(page.cohort.count())]
    assert cohorts == sorted(cohorts, reverse=True) and page.cohort.currentData() == cohorts[0]
    for position in range(page.cohort.count()):
        page.cohort.setCurrentIndex(position)
        for kind in range(page.school_type.count()):
            page.school_type.setCurrentIndex(kind)
            rows = [page.proxy.data(page.proxy.index(r, 0), page.model.ROW_ROLE) for r in range(page.proxy.rowCount())]
            assert {(row.cohort, row.school_type) for row in rows} <= {
                (page.cohort.currentData(), page.school_type.currentData())
            }
            parts = [row.part == "Op peildatum" for row in rows]
            assert parts == sorted(parts, reverse=True)  # the situations first, then the percentages
    page.cohort.setCurrentIndex(page.cohort.findData(2025))
    page.school_type.setCurrentIndex(page.school_type.findData("pro"))
    shown = [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]
    assert shown[0] == "Werk (regulier)" and "Bereikt na vertrek" in shown


def test_the_csv_export_has_bom_semicolons_and_says_who_sent_nothing(
    qtbot, gemeente_ctx, runner, tmp_path, monkeypatch
) -> None:
    page = open_page(qtbot, gemeente_ctx, runner)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(tmp_path / "regio"), ""))
    with qtbot.waitSignal(page.exported, timeout=10_000):
        page.csv_button.click()
    data = (tmp_path / "regio.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = [line.split(";") for line in data.decode("utf-8-sig").splitlines()]
    assert rows[0][-4:] == ["Praktijkcollege Oost", "Praktijkschool De Brug", "Vso De Horizon", "totaal"]
    assert {row[-4] for row in rows[1:]} == {"geen cijfers ontvangen"}
    assert any("<5" in row[-3:-1] for row in rows[1:])
    assert page.message.text().startswith("Opgeslagen als")


def test_without_any_school_the_page_says_so(qtbot, tmp_path, runner) -> None:
    ctx, _code = initialise(
        tmp_path / "leeg", org_name="Gemeente", user_name="A", role="gemeente", secret_store=MemorySecretStore()
    )
    try:
        page = open_page(qtbot, ctx, runner)
        assert page.model.rowCount() == 0
        assert page.note.text() == "Er is nog geen school verbonden met deze gemeente."
        assert not page.csv_button.isEnabled()
    finally:
        ctx.close()


def test_regio_in_the_gemeente_window_loads_when_chosen(qtbot, gemeente_ctx, runner) -> None:
    from handover.ui.dialogs import load_settings
    from handover.ui.gemeente.window import PAGE_REGIO, GemeenteWindow

    window = GemeenteWindow(gemeente_ctx, runner, settings=load_settings(gemeente_ctx))
    qtbot.addWidget(window)
    window.show()
    window.load()
    page = window.regio
    assert isinstance(page, RegioPage) and page.region is None  # nothing read before it is shown
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        window.show_page(PAGE_REGIO)
    assert window.navigation.item(PAGE_REGIO).text() == "Regio"
    assert page.model.columnCount() == 1 + len(SCHOOLS) + 1
    assert page.table.accessibleName() == "Cijfers per school en het totaal"
    assert page.csv_button.accessibleName() == "Opslaan als CSV"
