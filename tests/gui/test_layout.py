"""Small screens: the window usable at 900×600 logical px on every page and in a dossier, a first size
that fits the screen, a print preview whose buttons stay on a 768 px screen, columns that show their words."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, QSize, Qt
from PySide6.QtWidgets import QApplication, QWidget

from handover import APP_NAME
from handover.reports.service import ReportService
from handover.services.dossiers import DossierService
from handover.ui import window_size
from handover.ui.columns import fair_widths
from handover.ui.editor.page import LIST_SECTION
from handover.ui.main_window import GEOMETRY_KEY, PAGE_AFSPRAKEN, PAGE_JONGEREN, PAGE_VANDAAG, MainWindow
from handover.ui.models import YouthTableModel
from handover.ui.printing import PrintPreviewDialog
from tests.conftest import youth_values

pytestmark = pytest.mark.timeout(120)

SMALL = QSize(900, 600)
# 1366×768 at 125 %: 1093×614 logical px, less a 40 px taskbar; and the same screen at 100 %.
LAPTOP_125 = QRect(0, 0, 1093, 614 - 32)
LAPTOP_100 = QRect(0, 0, 1366, 768 - 40)


def fits(window: QWidget, widget: QWidget) -> bool:
    """The whole widget lies inside the window (it is on the screen, not cut off at the right or bottom)."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    return widget.isVisible() and window.rect().contains(QRect(top_left, widget.size()))


def assert_fits_small(qtbot, window: MainWindow) -> None:
    hint = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert hint.width() <= SMALL.width() and hint.height() <= SMALL.height(), hint
    window.resize(SMALL)
    qtbot.waitUntil(lambda: window.size() == SMALL, timeout=2000)
    QApplication.processEvents()


def test_every_page_and_a_dossier_fit_900_by_600(qtbot, demo_ctx, make_window) -> None:
    window = make_window(demo_ctx, wait_vandaag=True)
    for page in (PAGE_VANDAAG, PAGE_JONGEREN, PAGE_AFSPRAKEN):
        window.show_page(page)
        assert_fits_small(qtbot, window)
    window.show_page(PAGE_JONGEREN)
    assert fits(window, window.jongeren.new_button)
    assert fits(window, window.jongeren.only_mine)
    assert fits(window, window.jongeren.find_field)

    youth_id = window.jongeren.proxy.youth_at(0).id
    window.open_youth(youth_id)
    editor = window.editor
    qtbot.waitUntil(lambda: editor.is_loaded and editor.youth_id == youth_id, timeout=10_000)
    for code in editor.nav_items:
        editor.show_section(code)
        assert_fits_small(qtbot, window)
        header = editor.header
        for button in (header.close_button, header.status_button):
            assert fits(window, button), button.text()
        assert fits(window, editor.nav)
        assert editor.stack.width() >= 400  # room left for the form
        assert editor.section_pages[code].horizontalScrollBar().maximum() == 0, code  # no sideways scrolling


def test_a_long_attention_text_and_status_wrap_instead_of_widening_the_window(qtbot, demo_ctx, make_window) -> None:
    window = make_window(demo_ctx)
    window.open_youth(window.jongeren.proxy.youth_at(0).id)
    editor = window.editor
    qtbot.waitUntil(lambda: editor.is_loaded, timeout=10_000)
    long_text = "Situatie veranderd: " + "nog geen werk, school of dagbesteding en geen contact " * 6
    editor.header.show_youth(replace(editor.session.view, attention=long_text))
    editor.header.show_status("ontvangen", ["afgerond"])  # the longest status: "Ontvangen door Werk en Inkomen"
    assert editor.attention_label.isVisible()
    assert_fits_small(qtbot, window)
    assert fits(window, editor.attention_button)
    assert fits(window, editor.header.close_button)


def test_first_size_fits_the_screen_or_opens_maximised() -> None:
    size, maximised = window_size.first_size(LAPTOP_125)
    assert maximised
    assert size.width() <= LAPTOP_125.width() and size.height() + window_size.TITLE_BAR <= LAPTOP_125.height()
    size, maximised = window_size.first_size(LAPTOP_100)
    assert maximised and size.height() <= 768 - 40 - window_size.TITLE_BAR
    size, maximised = window_size.first_size(QRect(0, 0, 1920, 1040))
    assert (size, maximised) == (QSize(1280, 800), False)


def test_the_first_window_fits_the_screen_it_opens_on(qtbot, ctx, runner) -> None:
    QSettings().remove(GEOMETRY_KEY)  # a first start: no size remembered
    window = MainWindow(ctx, runner)
    qtbot.addWidget(window)
    available = window_size.available_area(window)  # offscreen: 800×800, smaller than 1280×800
    assert window.width() <= available.width() and window.height() <= available.height()
    assert window.isMaximized() is (available.width() < 1280 or available.height() - window_size.TITLE_BAR < 800)


def test_print_preview_fits_a_768_px_screen_with_its_buttons(qtbot, demo_ctx, runner) -> None:
    youth_id = ReportService(demo_ctx).cohort_ids(2026)[0]
    dialog = PrintPreviewDialog(None, demo_ctx, runner, youth_id)
    qtbot.addWidget(dialog)
    for screen in (LAPTOP_100, LAPTOP_125):
        window_size.fit_dialog(dialog, QSize(820, 980), screen)
        dialog.show()
        QApplication.processEvents()
        assert dialog.height() + window_size.TITLE_BAR <= screen.height()
        assert dialog.minimumSizeHint().height() + window_size.TITLE_BAR <= screen.height()
        for button in (dialog.print_button, dialog.save_button, dialog.close_button, dialog.audience_combo):
            assert fits(dialog, button)
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=10_000)


def test_headers_and_the_afspraken_status_are_not_cut(qtbot, demo_ctx, make_window) -> None:
    window = make_window(demo_ctx, page=PAGE_JONGEREN)
    window.resize(1280, 800)
    table = window.jongeren.table
    header = table.horizontalHeader()
    for column in range(header.count()):
        assert table.columnWidth(column) >= header.sectionSizeFromContents(column).width(), column
    window.show_page(PAGE_AFSPRAKEN)
    qtbot.waitUntil(lambda: window.afspraken.model.rowCount() > 0, timeout=10_000)
    afspraken = window.afspraken.table
    status = window.afspraken.model.COL_STATE
    widest = max(
        afspraken.fontMetrics().horizontalAdvance(window.afspraken.model.index(row, status).data())
        for row in range(window.afspraken.model.rowCount())
    )
    assert afspraken.columnWidth(status) >= widest


def test_the_window_title_names_the_app_once(qtbot, ctx, make_window) -> None:
    window = make_window(ctx)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.applicationDisplayName()
    app.setApplicationDisplayName(APP_NAME)  # as the real app does: Qt adds "— Overstap" itself
    try:
        window.set_settings({"org_name": "Praktijkschool De Brug"})
        assert window.windowTitle() == "Praktijkschool De Brug"
        app.setApplicationDisplayName("pytest")  # where Qt adds no name, the title says it itself, once
        window.set_settings({"org_name": "Praktijkschool De Brug"})
        assert window.windowTitle() == f"{APP_NAME} — Praktijkschool De Brug"
    finally:
        app.setApplicationDisplayName(before)


def test_the_youth_list_says_late_in_words(qtbot, ctx, make_window) -> None:
    late = DossierService(ctx).create_youth(youth_values(leaving_date=dt.date(2026, 9, 10)))
    window = make_window(ctx, page=PAGE_JONGEREN)
    model = window.youth_model
    row = next(r for r in range(model.rowCount()) if model.object_at(r).id == late)
    index = model.index(row, YouthTableModel.COL_NEXT)
    assert index.data().endswith("· te laat")
    assert "te laat" in index.data(Qt.ItemDataRole.AccessibleTextRole)


def test_fair_widths_keep_narrow_columns_and_share_the_rest() -> None:
    assert fair_widths([50, 100], [20, 20], 300) == [50, 100]
    assert fair_widths([50, 400, 300], [40, 40, 40], 450) == [50, 200, 200]
    assert fair_widths([300, 300], [200, 200], 300) == [200, 200]  # never below the floor


def test_dossier_tables_fit_without_sideways_scrolling_at_1280(qtbot, demo_ctx, make_window) -> None:
    window = make_window(demo_ctx)
    window.resize(1280, 800)
    youth_id = window.jongeren.proxy.youth_at(0).id
    window.open_youth(youth_id)
    editor = window.editor
    qtbot.waitUntil(lambda: editor.is_loaded, timeout=10_000)
    checked = []
    for code, view in [
        *((LIST_SECTION[name], lst.view) for name, lst in editor.lists.items()),
        ("J", editor.consent_panel.view),
        ("M", editor.checkins_panel.view),
    ]:
        editor.show_section(code)
        QApplication.processEvents()
        assert view.horizontalScrollBar().maximum() == 0, (code, view.objectName())
        checked.append(code)
    assert {"B", "E", "J", "M"} <= set(checked)


def test_larger_text_grows_the_style_sheet_and_the_rows(qtbot, qapp) -> None:
    """Windows "make text bigger" grows the application font: sizes derive from it, not fixed points."""
    from PySide6.QtWidgets import QTableView

    from handover.ui import theme
    from handover.ui.pages.jongeren import row_height

    before = qapp.font()
    try:
        sizes = []
        for points in (9.0, 13.5):
            font = qapp.font()
            font.setPointSizeF(points)
            qapp.setFont(font)
            title = re.search(r"QLabel#pageTitle \{ font-size: ([\d.]+)pt", theme.shell_style())
            assert title is not None
            view = QTableView()
            qtbot.addWidget(view)
            sizes.append((float(title.group(1)), row_height(view)))
        (small_title, small_row), (big_title, big_row) = sizes
        assert big_title == pytest.approx(small_title * 1.5, rel=0.02)
        assert big_row > small_row
    finally:
        qapp.setFont(before)


def test_vandaag_says_late_beside_a_red_date(qtbot, ctx, make_window) -> None:
    DossierService(ctx).create_youth(youth_values(leaving_date=dt.date(2026, 9, 10)))
    window = make_window(ctx, wait_vandaag=True)
    card = window.vandaag.cards["te_laat"]
    assert "te laat" in card.title.text()  # what the eye reads beside the red dates
    index = card.model.index(0, card.model.COL_DATE)
    assert re.fullmatch(r"\d\d-\d\d-\d{4}", index.data())  # the date alone on screen
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == f"{index.data()}, te laat"
    assert index.data(Qt.ItemDataRole.ToolTipRole) == f"{index.data()}, te laat"
