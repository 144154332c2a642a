"""Resultaten: the real page on real data shows what the figures service computes, exports CSV (school
and gemeente copy), and lives in the school's main window."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import select

from handover.services.checkins import CheckInService
from handover.services.context import AppContext
from handover.services.dossiers import DossierService
from handover.services.outcomes import cohort_figures, merge_school_types
from handover.store.models import AuditEvent
from handover.ui.results.model import ratio_of
from handover.ui.results.resultaten import ResultatenPage
from tests.conftest import FIXED_TODAY, youth_values

pytestmark = pytest.mark.timeout(120)

LEFT = dt.date(2025, 7, 1)
T6 = dt.date(2026, 1, 1)
# The known cohort: six young people who left on 1 July 2025; the T+6 check-in found these.
AT_T6 = ["werk", "werk", "werk_lks", "mbo_2", "mbo_entree", None]  # None: tried, not reached


class Clock:
    def __init__(self, day: dt.date) -> None:
        self.day = day

    def __call__(self) -> dt.date:
        return self.day


@pytest.fixture
def known_ctx(ctx: AppContext) -> AppContext:
    clock = Clock(dt.date(2025, 6, 1))
    ctx.clock = clock
    dossiers = DossierService(ctx)
    for number, situation in enumerate(AT_T6):
        youth_id = dossiers.create_youth(
            youth_values(
                last_name=f"Jansen{number}",
                bsn=None,
                birth_date=dt.date(2008, 1, 1 + number),
                leaving_date=LEFT,
                school_type="pro",
            )
        )
        clock.day = T6
        planned = next(c for c in dossiers.get(youth_id).checkins if c.plan_months == 6)
        values: dict[str, object] = {"held_on": T6, "channel": "telefoon", "reached": situation is not None}
        if situation is not None:
            values["situation"] = situation
        CheckInService(ctx).record(youth_id, values, checkin_id=planned.id)
        clock.day = dt.date(2025, 6, 1)
    ctx.clock = lambda: FIXED_TODAY
    return ctx


def open_page(qtbot, ctx: AppContext, runner) -> ResultatenPage:
    page = ResultatenPage(ctx, runner)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        page.refresh()
    return page


def choose(combo, data: object) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def test_the_known_cohort_at_six_months_as_counted_by_hand(qtbot, known_ctx, runner) -> None:
    page = open_page(qtbot, known_ctx, runner)
    choose(page.moment, "T+6")
    model = page.model
    assert model.cohorts() == [2025]
    assert model.value("vertrokken", 2025) == 6
    assert model.value("gemeten", 2025) == 6
    assert model.value("groep:werk", 2025) == 3  # werk, werk, werk met loonkostensubsidie
    assert model.value("groep:school", 2025) == 2
    assert model.value("groep:niet_bereikt", 2025) == 1
    assert model.value("engaged", 2025) == 83.3  # 5 of 6
    row = model.figure_keys().index("groep:werk")
    assert model.index(row, 1).data() == "3 (50,0 %)"
    assert "3 van 6" not in model.index(row, 1).data()
    assert "5 van 6" in model.index(model.figure_keys().index("engaged"), 1).data(Qt.ItemDataRole.ToolTipRole)
    # The line of "werk, school of dagbesteding" has the cohort's point at 6 months.
    (line,) = page.engaged_chart.lines
    assert line.name() == "2025" and line.at(0).y() == pytest.approx(83.3)


def test_every_cell_is_what_the_service_computes(qtbot, demo_ctx, runner) -> None:
    page = open_page(qtbot, demo_ctx, runner)
    with demo_ctx.session() as session:
        computed = cohort_figures(session, today=demo_ctx.today())
    for school_type in (None, "pro", "vso"):
        choose(page.school_type, school_type)
        if school_type is None:
            expected_rows = merge_school_types(computed).rows
        else:
            expected_rows = [row for row in computed.rows if row.school_type == school_type]
        for position in range(page.moment.count()):
            page.moment.setCurrentIndex(position)
            moment = page.moment.currentData()
            assert page.model.cohorts() == [row.cohort for row in expected_rows]
            checked = 0
            for row in expected_rows:
                for key in page.model.figure_keys():
                    shown = page.model.value(key, row.cohort)
                    if key == "vertrokken":
                        assert shown == row.left
                    elif key == "gemeten":
                        assert shown == row.measured(moment)
                    elif key.startswith("groep:"):
                        assert shown == row.groups(moment)[key.split(":", 1)[1]], (key, moment)
                    else:
                        ratio = ratio_of(row, key, moment)
                        assert ratio is not None
                        assert shown == ratio.pct, (key, moment, row.cohort)
                    checked += 1
            assert checked >= 10 or not expected_rows


def test_the_chooser_opens_on_the_latest_1_november(qtbot, demo_ctx, runner) -> None:
    page = open_page(qtbot, demo_ctx, runner)
    texts = [page.moment.itemText(i) for i in range(page.moment.count())]
    assert texts[:3] == ["Na 6 maanden", "Na 1 jaar", "Na 2 jaar"]
    assert "Peildatum 1 november 2026" in texts
    assert page.moment.currentText() == "Peildatum 1 november 2026"
    assert page.mix_chart.view.toolTip().endswith("Peildatum 1 november 2026")
    # Only the cohorts in follow-up on that date have a bar (2024 left more than two years before).
    categories = next(a for a in page.mix_chart.chart.axes() if hasattr(a, "categories"))
    assert categories.categories() == ["2025", "2026"]


def read_csv(path: Path) -> tuple[bytes, list[list[str]]]:
    data = path.read_bytes()
    rows = [line.split(";") for line in data.decode("utf-8-sig").splitlines()]
    return data, rows


def test_csv_for_the_school_and_for_the_gemeente(qtbot, known_ctx, runner, tmp_path, monkeypatch) -> None:
    page = open_page(qtbot, known_ctx, runner)
    asked: list[str] = []

    def save_as(_parent, title, suggested, _filter):
        asked.append(title)
        name = "gemeente.csv" if "gemeente" in Path(suggested).name else "school"  # no suffix: added
        return str(tmp_path / name), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    with qtbot.waitSignal(page.exported, timeout=10_000) as school:
        page.csv_school_action.trigger()
    with qtbot.waitSignal(page.exported, timeout=10_000) as gemeente:
        page.csv_gemeente_action.trigger()
    assert asked == ["Cijfers opslaan als CSV", "Cijfers opslaan als CSV"]
    assert school.args == [str(tmp_path / "school.csv")]

    data, rows = read_csv(tmp_path / "school.csv")
    assert data.startswith(b"\xef\xbb\xbf")
    assert rows[0][:5] == ["vertrekjaar", "schoolsoort", "onderdeel", "situatie", "aantal"]
    werk = next(r for r in rows if r[2] == "Na 6 maanden" and r[3] == "Werk (regulier)")
    assert werk[4] == "2"  # the school's own copy: real numbers

    data, rows = read_csv(Path(gemeente.args[0]))
    assert data.startswith(b"\xef\xbb\xbf") and b";" in data
    werk = next(r for r in rows if r[2] == "Na 6 maanden" and r[3] == "Werk (regulier)")
    assert werk[4] == "<5"
    assert all(cell not in {"1", "2", "3", "4"} for row in rows[1:] for cell in row[4:6])
    # per school type, never also summed over the types (the sum beside the parts gives a hidden part back)
    assert "Alle schoolsoorten" not in {row[1] for row in rows[1:]}
    assert "Jansen" not in data.decode("utf-8-sig")
    assert page.message.text().startswith("Opgeslagen als")
    assert not page.progress.isVisible()


def test_sending_without_a_connection_says_so_and_sends_nothing(qtbot, known_ctx, runner, monkeypatch) -> None:
    page = open_page(qtbot, known_ctx, runner)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    page.send_button.click()  # no sync engine at all
    assert len(told) == 1 and "nog niet verbonden" in told[0]
    engine = RecordingEngine(enrolled=False)  # an engine, not (yet) enrolled: told before any question
    page.sync_service = lambda: engine
    page.send_button.click()
    qtbot.waitUntil(lambda: len(told) == 2, timeout=10_000)
    assert "nog niet verbonden" in told[1] and engine.sent == [] and page.send_button.isEnabled()


class RecordingEngine:
    """Stands in for the school's sync engine: records what would leave the school."""

    def __init__(self, enrolled: bool = True) -> None:
        self.sent: list[tuple[str | None, dict]] = []
        self.enrolled = enrolled

    def is_enrolled(self) -> bool:
        return self.enrolled

    def send_figures(self, gemeente_org: str | None, body: dict) -> None:
        self.sent.append((gemeente_org, body))


def test_sending_names_what_leaves_and_sends_the_anonymised_figures(qtbot, known_ctx, runner) -> None:
    page = open_page(qtbot, known_ctx, runner)
    engine = RecordingEngine()
    page.sync_service = lambda: engine
    peildatum = page.send_peildatum()
    assert peildatum == dt.date(2026, 11, 1)
    text = page.confirmation_text(peildatum)
    assert "geen namen" in text and '"<5"' in text and "01-11-2026" in text
    with qtbot.waitSignal(page.figures_sent, timeout=10_000):
        page.send_to_gemeente(confirmed=True)
    ((org, body),) = engine.sent
    assert org is None
    flat = repr(body)
    assert "Jansen" not in flat and "<5" in flat
    assert body["peildatum"] == "2026-11-01"
    assert "volgende verzending" in page.message.text()


def test_resultaten_in_the_main_window_by_keyboard_and_at_laptop_sizes(qtbot, demo_ctx, make_window) -> None:
    from PySide6.QtWidgets import QAbstractButton

    from handover.ui.main_window import PAGE_AFSPRAKEN, PAGE_DOSSIER, PAGE_RESULTATEN
    from tests.gui.test_keyboard import visible_text
    from tests.gui.test_layout import LAPTOP_125, SMALL, fits

    window = make_window(demo_ctx)
    assert window.navigation.item(PAGE_RESULTATEN).text() == "Resultaten"
    assert window.navigation.item(PAGE_DOSSIER).text() == "Overstapdossier"
    with qtbot.waitSignal(window.findChild(object, "resultatenPage") or _built(window), timeout=30_000):
        qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    page = window.resultaten
    assert window.stack.currentWidget() is page
    assert window.navigation.currentRow() == PAGE_RESULTATEN
    assert page.model.rowCount() > 0

    for button in page.findChildren(QAbstractButton):
        text, name = visible_text(button), button.accessibleName()
        if text:
            assert text.rstrip("…").casefold() in name.casefold(), (text, name)
    assert page.table.accessibleName() and page.mix_chart.view.accessibleDescription()

    for size in (SMALL, LAPTOP_125.size()):
        window.resize(size)
        qtbot.waitUntil(lambda s=size: window.size() == s, timeout=2000)
        for widget in (page.moment, page.school_type, page.csv_button, page.pdf_button, page.send_button, page.table):
            assert fits(window, widget), (size, widget.objectName())
        assert page.mix_chart.view.height() >= 150 and page.table.width() >= 300

    window.show_page(PAGE_AFSPRAKEN)  # the other pages keep their places
    assert window.stack.currentWidget() is window.afspraken
    window.show_page(PAGE_RESULTATEN)
    assert window.stack.currentWidget() is page


def _built(window):
    """The page's ``loaded`` signal, once Ctrl+5 built it (a proxy so waitSignal can start first)."""
    from PySide6.QtCore import QObject, Signal

    class Relay(QObject):
        loaded = Signal()

    relay = Relay(window)
    original = window.stack.addWidget

    def add(widget):
        result = original(widget)
        if widget.objectName() == "resultatenPage":
            widget.loaded.connect(relay.loaded)
        return result

    window.stack.addWidget = add
    return relay.loaded


def test_the_charts_follow_the_dark_theme(qtbot, known_ctx, runner) -> None:
    from handover.ui import theme

    theme.force(theme.DARK)
    try:
        page = open_page(qtbot, known_ctx, runner)
        assert page.mix_chart.chart.backgroundBrush().color().name() == theme.DARK["BASE"]
        axis = page.mix_chart.chart.axes()[0]
        assert axis.labelsColor().name() == theme.DARK["TEXT"]
    finally:
        theme.force(None)


def test_the_pdf_report_is_written_in_the_background(qtbot, known_ctx, runner, tmp_path, monkeypatch) -> None:
    page = open_page(qtbot, known_ctx, runner)
    suggested: list[str] = []

    def save_as(_parent, _title, name, _filter):
        suggested.append(Path(name).name)
        return str(tmp_path / "rapport"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    with qtbot.waitSignal(page.exported, timeout=30_000) as written:
        page.pdf_button.click()
    assert suggested == ["cijferrapport_2026-11-01.pdf"]  # the 1 November chosen
    assert written.args == [str(tmp_path / "rapport.pdf")]
    assert (tmp_path / "rapport.pdf").read_bytes().startswith(b"%PDF")
    assert not page.progress.isVisible()
    # the report shows the school type the screen shows (this school has only pro students)
    first = "".join(sheet.extract_text() or "" for sheet in PdfReader(tmp_path / "rapport.pdf").pages)
    assert "\npro\n" in first
    page.school_type.setCurrentIndex(page.school_type.findData("vso"))
    with qtbot.waitSignal(page.exported, timeout=30_000):
        page.pdf_button.click()
    with known_ctx.session() as session:
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.entity == "cijfers").order_by(AuditEvent.seq.desc())
        ).first()
    assert event is not None and event.detail.get("school_type") == "vso"
    text = "".join(sheet.extract_text() or "" for sheet in PdfReader(tmp_path / "rapport.pdf").pages)
    assert "\npro\n" not in text


def test_a_school_nobody_left_yet_says_so(qtbot, ctx, runner) -> None:
    page = open_page(qtbot, ctx, runner)
    assert page.model.rowCount() == 0
    assert page.subtitle.text().startswith("Nog geen oud-leerlingen om te tellen")
    assert page.mix_chart.view.accessibleDescription() == "Nog geen cijfers op dit moment"
    assert page.send_peildatum() is None


def test_showing_the_page_again_counts_what_was_recorded_meanwhile(qtbot, known_ctx, make_window) -> None:
    from handover.ui.main_window import PAGE_JONGEREN, PAGE_RESULTATEN

    window = make_window(known_ctx)
    window.show_page(PAGE_RESULTATEN)
    page = window.resultaten
    qtbot.waitUntil(lambda: page.figures is not None and not page.loading, timeout=30_000)
    assert page.model.value("vertrokken", 2025) == 6
    DossierService(known_ctx).create_youth(
        youth_values(last_name="Later", bsn=None, birth_date=dt.date(2008, 2, 2), leaving_date=LEFT)
    )
    window.show_page(PAGE_JONGEREN)
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        window.show_page(PAGE_RESULTATEN)
    assert page.model.value("vertrokken", 2025) == 7
