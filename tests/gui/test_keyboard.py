"""Keyboard and screen readers: where the focus goes when a dossier opens and leaves, no invisible Tab
stops, visible names that screen readers read too, and Alt+M moving the focus once."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QScrollArea, QWidget

from handover.reports.service import ReportService
from handover.services.dossiers import DossierService
from handover.ui.main_window import PAGE_AFSPRAKEN, PAGE_DOSSIER, PAGE_JONGEREN, PAGE_VANDAAG, MainWindow
from handover.ui.printing import PrintPreviewDialog
from tests.conftest import youth_values

pytestmark = pytest.mark.timeout(90)


@pytest.fixture
def youth_id(ctx) -> str:
    return DossierService(ctx).create_youth(youth_values(leaving_date=dt.date(2026, 9, 10)))


def open_from_the_list(qtbot, window: MainWindow, youth_id: str) -> None:
    window.show_page(PAGE_JONGEREN)
    table = window.jongeren.table
    table.setFocus()
    table.setCurrentIndex(window.jongeren.proxy.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    editor = window.editor
    qtbot.waitUntil(lambda: editor.is_loaded and editor.youth_id == youth_id, timeout=10_000)


def test_opening_a_dossier_puts_the_focus_on_the_section_list(qtbot, ctx, make_window, youth_id) -> None:
    window = make_window(ctx)
    window.activateWindow()
    open_from_the_list(qtbot, window, youth_id)
    focus = QApplication.focusWidget()
    assert focus is window.editor.nav
    assert focus is not window.editor.header.close_button
    qtbot.keyClick(focus, Qt.Key.Key_Space)  # what closed the dossier when "Sluiten" had the focus
    assert window.navigation.currentRow() == PAGE_DOSSIER


def test_escape_leaves_the_dossier_back_to_the_list_row(qtbot, ctx, make_window, youth_id) -> None:
    window = make_window(ctx)
    window.activateWindow()
    open_from_the_list(qtbot, window, youth_id)
    field = window.editor.editors["city"].widget
    window.editor.show_section("A")
    field.setFocus()
    qtbot.keyClicks(field, "Zeist")
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert window.navigation.currentRow() == PAGE_JONGEREN
    assert QApplication.focusWidget() is window.jongeren.table
    qtbot.waitUntil(lambda: window.editor.is_idle(), timeout=5000)
    assert DossierService(ctx).get(youth_id).city == "UtrechtZeist"  # what was typed was saved


def test_alt_left_leaves_the_dossier_back_to_vandaag(qtbot, ctx, make_window, youth_id) -> None:
    window = make_window(ctx, wait_vandaag=True)
    card = window.vandaag.cards["te_laat"]
    card.table.setFocus()
    card.table.setCurrentIndex(card.model.index(0, 0))
    qtbot.keyClick(card.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.editor is not None and window.editor.is_loaded, timeout=10_000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.navigation.currentRow() == PAGE_VANDAAG
    assert QApplication.focusWidget() is card.table


def test_no_scroll_area_is_a_tab_stop(qtbot, ctx, make_window, youth_id) -> None:
    window = make_window(ctx)
    window.open_youth(youth_id)
    qtbot.waitUntil(lambda: window.editor.is_loaded, timeout=10_000)
    areas = window.findChildren(QScrollArea)
    assert len(areas) > 10  # Vandaag's and one per dossier section
    for area in areas:
        assert area.focusPolicy() == Qt.FocusPolicy.NoFocus, area.objectName()


def test_alt_m_moves_the_focus_once(qtbot, ctx, make_window, youth_id) -> None:
    window = make_window(ctx)
    window.activateWindow()
    open_from_the_list(qtbot, window, youth_id)
    field = window.editor.editors["city"].widget
    window.editor.show_section("A")
    field.setFocus()
    moves: list[QWidget | None] = []
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.focusChanged.connect(lambda _old, new: moves.append(new))
    qtbot.keyClick(field, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert window.editor.stack.currentWidget() is window.editor.section_pages["M"]
    assert len(moves) == 1
    assert window.editor.section_pages["M"].isAncestorOf(moves[0])


def visible_text(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QAbstractButton | QLabel) else ""
    return re.sub(r"&(?!&)", "", text).strip()


def test_every_accessible_name_contains_the_visible_text(qtbot, ctx, make_window, youth_id) -> None:
    window = make_window(ctx)
    for page in (PAGE_VANDAAG, PAGE_JONGEREN, PAGE_AFSPRAKEN):
        window.show_page(page)
    window.open_youth(youth_id)
    qtbot.waitUntil(lambda: window.editor.is_loaded, timeout=10_000)
    checked = 0
    for button in window.findChildren(QAbstractButton):
        text, name = visible_text(button), button.accessibleName()
        if text and name:
            assert text.rstrip("…").casefold() in name.casefold(), (text, name)
            checked += 1
    assert checked >= 8


def test_print_preview_names_its_view_and_its_choice(qtbot, demo_ctx, runner) -> None:
    dialog = PrintPreviewDialog(None, demo_ctx, runner, ReportService(demo_ctx).cohort_ids(2026)[0])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.audience_label.text().replace("&", "") == "Afschrift voor:"
    assert dialog.audience_label.buddy() is dialog.audience_combo
    assert dialog.audience_label.isVisible()
    assert "Afschrift voor" in dialog.audience_combo.accessibleName()
    assert dialog.view.accessibleName() == dialog.view_label.text()
    assert dialog.view_label.buddy() is dialog.view
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=10_000)


def labelled_names(root: QWidget) -> list[tuple[str, str]]:
    """(visible label, accessible name) of every field that a label names (form rows, buddies)."""
    pairs = []
    for label in root.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is not None and buddy.accessibleName():
            pairs.append((visible_text(label).rstrip(":* ").strip(), buddy.accessibleName()))
    return pairs


def test_fields_are_named_with_their_visible_label(qtbot, ctx, make_window, youth_id) -> None:
    from handover.ui.dialogs import SettingsDialog, load_settings

    window = make_window(ctx)
    window.open_youth(youth_id)
    qtbot.waitUntil(lambda: window.editor.is_loaded, timeout=10_000)
    dialog = SettingsDialog(ctx, window.runner, load_settings(ctx), window)
    qtbot.addWidget(dialog)
    pairs = labelled_names(window) + labelled_names(dialog)
    assert len(pairs) > 20
    wrong = [(text, name) for text, name in pairs if text and text.casefold() not in name.casefold()]
    assert not wrong
