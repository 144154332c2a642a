"""Contrast: every colour the app sets, in the light and the dark variant, against what it is drawn on
(WCAG 2: at least 4.5:1 for text, 3:1 for a selection or focus indicator), and the dark variant in use
when the palette is dark (Qt 6 with Fusion follows Windows dark mode)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from handover.ui import theme
from handover.ui.main_window import PAGE_VANDAAG

UI = Path(__file__).resolve().parents[2] / "handover" / "ui"
HEX = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b")
NAMED = re.compile(r"QColor\(\s*[\"'][a-z]+[\"']|Qt\.GlobalColor\.|\bcolor:\s*(?!palette|\{)[a-z]+\b")


@pytest.mark.parametrize("variant", ["LIGHT", "DARK"])
def test_every_colour_meets_its_contrast_in_both_variants(variant: str) -> None:
    colours = getattr(theme, variant)
    failures = []
    for fg, bg, least in theme.CONTRAST_PAIRS:
        ratio = theme.contrast_ratio(colours[fg], colours[bg])
        if ratio < least:
            failures.append(f"{fg} {colours[fg]} on {bg} {colours[bg]}: {ratio:.2f} < {least}")
    assert not failures, "\n".join(failures)


def test_every_colour_is_checked_against_a_background() -> None:
    assert set(theme.LIGHT) == set(theme.DARK)
    paired = {name for fg, bg, _least in theme.CONTRAST_PAIRS for name in (fg, bg)}
    unchecked = set(theme.LIGHT) - paired - set(theme.DECORATIVE)
    assert not unchecked
    # Each text colour against each background text can appear on.
    for fg in theme.TEXT_COLOURS:
        for bg in theme.PAGE_BACKGROUNDS:
            assert (fg, bg, 4.5) in theme.CONTRAST_PAIRS


def test_the_ratio_is_wcag_s() -> None:
    assert theme.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert theme.contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    # The findings of issue 16, now fixed: the old values fail, the new ones pass.
    assert theme.contrast_ratio("#ffffff", "#308cc6") < 4.5  # Qt's default selection
    assert theme.contrast_ratio("#cfe6fb", "#ffffff") < 3  # the old selected row
    assert theme.contrast_ratio(theme.DARK["TITLE"], theme.DARK["WINDOW"]) >= 4.5  # dark page titles


def test_no_colour_is_set_outside_the_theme() -> None:
    """Every colour literal lives in theme.py, so the contrast test above sees every colour the app sets."""
    found = []
    for path in sorted(UI.rglob("*.py")):
        if path.name == "theme.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("  #")[0]
            if HEX.search(code) or NAMED.search(code):
                found.append(f"{path.relative_to(UI)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)


@pytest.fixture
def dark_palette(qapp) -> Iterator[QPalette]:
    before = QApplication.palette()
    QApplication.setPalette(theme.dark_palette())
    yield QApplication.palette()
    QApplication.setPalette(before)


def test_a_dark_palette_gets_the_dark_variant_everywhere(qtbot, ctx, make_window, dark_palette) -> None:
    assert theme.is_dark()
    assert theme.ERROR == theme.DARK["ERROR"] and theme.TITLE == theme.DARK["TITLE"]
    window = make_window(ctx, page=PAGE_VANDAAG)
    sheet = window.styleSheet()
    used = set(HEX.findall(sheet))
    assert used and used <= set(theme.DARK.values())  # page titles, rows, cards: all dark-variant colours
    assert theme.DARK["CARD_BG"] in sheet and theme.LIGHT["TITLE"] not in sheet
    brush = theme.brush(theme.ERROR)
    assert brush.color().name() == theme.DARK["ERROR"]
    highlight = dark_palette.color(QPalette.ColorRole.Highlight).name()
    assert highlight == theme.DARK["SELECTION_BG"]


def test_the_light_palette_gets_a_visible_selection_and_placeholder(qapp) -> None:
    palette = theme.apply_roles(QPalette(QApplication.palette()), theme.LIGHT)
    base = palette.color(QPalette.ColorRole.Base).name()
    highlight = palette.color(QPalette.ColorRole.Highlight).name()
    assert theme.contrast_ratio(highlight, base) >= 3
    assert theme.contrast_ratio(palette.color(QPalette.ColorRole.HighlightedText).name(), highlight) >= 4.5
    assert theme.contrast_ratio(palette.color(QPalette.ColorRole.PlaceholderText).name(), base) >= 4.5


def test_the_navigation_shows_where_the_focus_is() -> None:
    sheet = theme.shell_style()
    assert "outline: 0" not in sheet and "outline:0" not in sheet
    assert "QListWidget#navigation:focus" in sheet and "QTableView:focus" in sheet


def test_a_high_contrast_theme_keeps_its_own_palette(qapp, monkeypatch: pytest.MonkeyPatch) -> None:
    before = QApplication.palette()
    monkeypatch.setattr(theme, "high_contrast", lambda: True)
    try:
        theme.apply_palette(qapp)
        assert QApplication.palette() == before  # Windows' high-contrast colours stay as the user chose them
        monkeypatch.setattr(theme, "high_contrast", lambda: False)
        theme.apply_palette(qapp)
        assert QApplication.palette().color(QPalette.ColorRole.Highlight).name() == theme.LIGHT["SELECTION_BG"]
    finally:
        QApplication.setPalette(before)
