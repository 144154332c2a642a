"""Every colour the desktop app sets, by what it means, in one place, in a light and a dark variant.

Colour never carries meaning alone: each state also has a word (and often a symbol), see the pages.
The variant follows the application palette: Qt 6 with Fusion follows Windows dark mode, so the
palette's base colour decides (:func:`is_dark`). ``theme.ERROR`` and the other names below are
looked up in the active variant each time they are read (a module ``__getattr__``), so read them
where a widget or a cell is drawn, never into a module constant at import time.

The values are plain ``#rrggbb`` strings so they work in style sheets as well as in ``QColor``;
:func:`brush` gives a cached ``QBrush`` for models (``data()`` runs for every painted cell).
:data:`CONTRAST_PAIRS` names every foreground with the background it is drawn on; the contrast
test computes the WCAG ratio of each, in both variants. :func:`apply_palette` sets the palette
roles whose Qt defaults are too faint (selection, placeholder); a Windows high-contrast theme keeps
its own palette untouched.
"""

from __future__ import annotations

import functools
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QGuiApplication, QPalette
from PySide6.QtWidgets import QLabel

LIGHT: dict[str, str] = {
    # -- the palette this variant is drawn on (also the forced palette of dark_palette())
    "BASE": "#ffffff",  # lists, fields, the dossier header, Vandaag's cards
    "WINDOW": "#efefef",  # pages (Fusion's light window colour)
    "TEXT": "#1f1f1f",
    # -- text that signals something
    "ERROR": "#b3261e",  # an error message, a late date, an invalid field's frame
    "SOON": "#8a5a00",  # a date within the coming week
    "ATTENTION": "#8c1d18",  # "needs attention" text (also the text on ALERT_BG)
    "WARNING": "#7a4f00",  # a hint to check something (also the text on AMBER_BG)
    "SUCCESS": "#1b5e20",  # done, confirmed (also the text on GREEN_BG)
    "MUTED": "#595e63",  # secondary text, legends, placeholders
    "SUBTLE": "#55606c",  # page subtitles, "nothing here" texts
    "TITLE": "#1d2b3a",  # page and card titles
    "DONE": "#1b6e20",  # the editor's section navigation: complete
    "NOT_STARTED": "#595e63",  # the editor's section navigation: "1/2"
    # -- state chips: background, text
    "NEUTRAL_BG": "#eceff1",
    "NEUTRAL_FG": "#37474f",  # concept
    "BLUE_BG": "#e8f0fe",
    "BLUE_FG": "#174ea6",  # klaar, besproken
    "AMBER_BG": "#fff4d6",
    "AMBER_FG": "#7a4f00",  # verstuurd, deze week
    "GREEN_BG": "#e3f1e4",
    "GREEN_FG": "#1b5e20",  # ontvangen, afgerond, gehouden
    "ALERT_BG": "#fde2e0",
    "ALERT_FG": "#8c1d18",  # te laat
    "GREY_BG": "#eeeeee",
    "GREY_FG": "#595e63",  # gemist
    "PLAIN_BG": "#ffffff",
    "PLAIN_FG": "#37474f",  # gepland
    # -- the shell (navigation, cards, tables)
    "NAV_BG": "#243447",
    "NAV_TEXT": "#e8eef5",
    "NAV_SELECTED_BG": "#31475f",
    "NAV_SELECTED_TEXT": "#ffffff",
    "NAV_ACCENT": "#7cc4fa",  # the selected page's bar and the focus frame of the navigation
    "NAV_DISABLED": "#a3b0be",
    "CARD_BG": "#ffffff",
    "BORDER": "#d5dbe1",  # cards, table headers (decoration: the text inside carries no colour of its own)
    "GRIDLINE": "#e3e7eb",
    "SELECTION_BG": "#1a5fb4",  # a selected row: at least 3:1 against the list, so it is seen
    "SELECTION_FG": "#ffffff",
    "FOCUS": "#1a5fb4",  # the frame around the focused list or field
    "ALTERNATE_ROW_BG": "#f5f7f9",
    "HEADER_BG": "#eef1f4",
    "HEADER_TEXT": "#33414f",
    # -- the enrollment code box of the wizard
    "CODE_BORDER": "#767676",
    "CODE_BG": "#fbfbf6",
}

DARK: dict[str, str] = {
    "BASE": "#1e1f22",
    "WINDOW": "#2b2d30",
    "TEXT": "#e8eaed",
    "ERROR": "#f28b82",
    "SOON": "#fdd663",
    "ATTENTION": "#f6aea9",
    "WARNING": "#fdd663",
    "SUCCESS": "#81c995",
    "MUTED": "#aab0b6",
    "SUBTLE": "#b4bcc4",
    "TITLE": "#e8eaed",
    "DONE": "#81c995",
    "NOT_STARTED": "#aab0b6",
    "NEUTRAL_BG": "#3c4043",
    "NEUTRAL_FG": "#e8eaed",
    "BLUE_BG": "#1c3a5e",
    "BLUE_FG": "#c6dafc",
    "AMBER_BG": "#4a3b12",
    "AMBER_FG": "#fde293",
    "GREEN_BG": "#1e3a24",
    "GREEN_FG": "#b7e1c1",
    "ALERT_BG": "#5c1f1b",
    "ALERT_FG": "#fad2cf",
    "GREY_BG": "#3c4043",
    "GREY_FG": "#d0d4d8",
    "PLAIN_BG": "#1e1f22",
    "PLAIN_FG": "#e8eaed",
    "NAV_BG": "#17212c",
    "NAV_TEXT": "#e8eef5",
    "NAV_SELECTED_BG": "#2c4057",
    "NAV_SELECTED_TEXT": "#ffffff",
    "NAV_ACCENT": "#7cc4fa",
    "NAV_DISABLED": "#98a5b3",
    "CARD_BG": "#1e1f22",
    "BORDER": "#4a4d52",
    "GRIDLINE": "#35373b",
    "SELECTION_BG": "#8ab4f8",
    "SELECTION_FG": "#10161f",
    "FOCUS": "#8ab4f8",
    "ALTERNATE_ROW_BG": "#26282b",
    "HEADER_BG": "#2f3237",
    "HEADER_TEXT": "#e8eaed",
    "CODE_BORDER": "#9aa0a6",
    "CODE_BG": "#26282b",
}

# The charts of Resultaten (the Okabe-Ito set, told apart with colour blindness): a colour per situation
# group, then one per vertrekjaar for the lines; the same in both variants. Nothing is told by these
# colours alone: the table beside the charts names each situation with its numbers and shows its colour
# as the key, the chart views describe themselves in words, and the bars are split by the background.
CHART: dict[str, str] = {
    "CHART_WERK": "#0072b2",
    "CHART_SCHOOL": "#009e73",
    "CHART_DAGBESTEDING": "#56b4e9",
    "CHART_TRAJECT": "#e69f00",
    "CHART_GEEN": "#d55e00",
    "CHART_VERHUISD": "#999999",
    "CHART_NIET_BEREIKT": "#cc79a7",
    "CHART_ANDERS": "#6f6f6f",
    "CHART_LINE_1": "#0072b2",
    "CHART_LINE_2": "#d55e00",
    "CHART_LINE_3": "#009e73",
    "CHART_LINE_4": "#cc79a7",
    "CHART_LINE_5": "#e69f00",
    "CHART_LINE_6": "#56b4e9",
    "CHART_LINE_7": "#8c6bb1",
}
CHART_LINES = 7
LIGHT.update(CHART)
DARK.update(CHART)

# Every foreground with what it is drawn on, and the least ratio it needs: 4.5 for text, 3 for an
# indicator that is not text (a selected row, a focus frame, an input's border). Text colours are
# checked on every background a list or page can show them on.
PAGE_BACKGROUNDS = ("BASE", "WINDOW", "ALTERNATE_ROW_BG", "CARD_BG")
TEXT_COLOURS = ("TEXT", "ERROR", "SOON", "ATTENTION", "WARNING", "SUCCESS", "MUTED", "SUBTLE", "TITLE", "DONE")
TEXT_COLOURS += ("NOT_STARTED",)
CONTRAST_PAIRS: tuple[tuple[str, str, float], ...] = (
    *((fg, bg, 4.5) for fg in TEXT_COLOURS for bg in PAGE_BACKGROUNDS),
    *((f"{chip}_FG", f"{chip}_BG", 4.5) for chip in ("NEUTRAL", "BLUE", "AMBER", "GREEN", "ALERT", "GREY", "PLAIN")),
    ("NAV_TEXT", "NAV_BG", 4.5),
    ("NAV_SELECTED_TEXT", "NAV_SELECTED_BG", 4.5),
    ("NAV_DISABLED", "NAV_BG", 4.5),
    ("NAV_ACCENT", "NAV_SELECTED_BG", 3.0),
    ("NAV_ACCENT", "NAV_BG", 3.0),
    ("SELECTION_FG", "SELECTION_BG", 4.5),
    ("SELECTION_BG", "BASE", 3.0),
    ("SELECTION_BG", "ALTERNATE_ROW_BG", 3.0),
    ("FOCUS", "BASE", 3.0),
    ("FOCUS", "WINDOW", 3.0),
    ("ERROR", "BASE", 3.0),  # the frame of an invalid field
    ("HEADER_TEXT", "HEADER_BG", 4.5),
    ("TEXT", "CODE_BG", 4.5),
    ("CODE_BORDER", "CODE_BG", 3.0),
)
# Decoration only: lines between cells and around cards, and the charts (see CHART); nothing is told by them alone.
DECORATIVE = ("BORDER", "GRIDLINE", *CHART)

_forced: dict[str, str] | None = None
NAV_FONT_SCALE = 1.2  # the navigation's text against the application font
NAV_PADDING_SCALE = 1.3  # its padding left and right, in pixels per point of that font


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether the (application) palette is dark: its base colour, where lists and fields are drawn."""
    if palette is None:
        if QGuiApplication.instance() is None:
            return False
        palette = QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def colours() -> dict[str, str]:
    """The active variant: dark on a dark palette, light otherwise."""
    if _forced is not None:
        return _forced
    return DARK if is_dark() else LIGHT


def force(variant: dict[str, str] | None) -> None:
    """Use this variant whatever the palette (tests, screenshots); ``None`` follows the palette again."""
    global _forced
    _forced = variant


def __getattr__(name: str) -> Any:
    """``theme.ERROR`` and friends: the colour of the active variant; the style sheets built from them."""
    if name == "ERROR_TEXT_STYLE":
        return f"color: {colours()['ERROR']};"
    if name == "SHELL_STYLE":
        return shell_style()
    try:
        return colours()[name]
    except KeyError:
        raise AttributeError(name) from None


@functools.lru_cache(maxsize=128)
def brush(colour: str) -> QBrush:
    """A (shared, never modified) brush of one of the colours above, for a model's colour roles."""
    return QBrush(QColor(colour))


def high_contrast() -> bool:
    """Windows (or another desktop) asks for high contrast: its own palette is then left alone."""
    if QGuiApplication.instance() is None:
        return False
    hints = QGuiApplication.styleHints()
    return bool(hints.accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast)


def dark_palette() -> QPalette:
    """A dark palette built from the dark variant (Fusion's own when Windows is in dark mode looks alike);
    used for the dark screenshots and the tests."""
    c = DARK
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: c["WINDOW"],
        QPalette.ColorRole.WindowText: c["TEXT"],
        QPalette.ColorRole.Base: c["BASE"],
        QPalette.ColorRole.AlternateBase: c["ALTERNATE_ROW_BG"],
        QPalette.ColorRole.Text: c["TEXT"],
        QPalette.ColorRole.Button: c["WINDOW"],
        QPalette.ColorRole.ButtonText: c["TEXT"],
        QPalette.ColorRole.ToolTipBase: c["BASE"],
        QPalette.ColorRole.ToolTipText: c["TEXT"],
        QPalette.ColorRole.BrightText: c["ERROR"],
        QPalette.ColorRole.Link: c["FOCUS"],
        QPalette.ColorRole.Light: "#3a3c40",
        QPalette.ColorRole.Midlight: "#323438",
        QPalette.ColorRole.Mid: "#26282b",
        QPalette.ColorRole.Dark: "#141517",
        QPalette.ColorRole.Shadow: "#000000",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor(c["MUTED"]))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor(c["MUTED"]))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor(c["MUTED"]))
    return apply_roles(palette, c)


def apply_roles(palette: QPalette, c: dict[str, str]) -> QPalette:
    """The roles Qt draws too faintly by default: the selection (white on #308cc6 is 3.7:1), the
    placeholder text (#7f7f7f is 4.0:1)."""
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Highlight, QColor(c["SELECTION_BG"]))
        palette.setColor(group, QPalette.ColorRole.HighlightedText, QColor(c["SELECTION_FG"]))
        palette.setColor(group, QPalette.ColorRole.PlaceholderText, QColor(c["MUTED"]))
    return palette


def apply_palette(app: QGuiApplication) -> None:
    """At start-up: readable selection and placeholder colours in the palette the system gave (light or
    dark). A high-contrast theme's palette is the user's choice and stays as it is."""
    if high_contrast():
        return
    palette = app.palette()
    app.setPalette(apply_roles(palette, DARK if is_dark(palette) else LIGHT))


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of ``#rrggbb``."""
    channels = []
    for i in (1, 3, 5):
        v = int(colour[i : i + 2], 16) / 255
        channels.append(v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def base_point_size() -> float:
    """The application font's size: Windows "make text bigger" grows it, and every size below with it."""
    if QGuiApplication.instance() is None:
        return 9.0
    size = QGuiApplication.font().pointSizeF()
    return size if size > 0 else 9.0


def navigation_width(font: QFont, texts: list[str]) -> int:
    """The side navigation's width: its longest entry in the style sheet's font, its padding, its frame."""
    nav_font = QFont(font)
    nav_font.setPointSizeF(base_point_size() * NAV_FONT_SCALE)
    widest = max((QFontMetrics(nav_font).horizontalAdvance(text) for text in texts), default=0)
    return widest + 2 * round(base_point_size() * NAV_PADDING_SCALE) + 4 + 2 * 2 + 8


def shell_style() -> str:
    """The main window's style sheet in the active variant, its sizes derived from the font (Qt style
    sheets have no ``em`` for font sizes, so the points are computed here)."""
    c = colours()
    pt = base_point_size()
    return f"""
QListWidget#navigation {{ background: {c["NAV_BG"]}; color: {c["NAV_TEXT"]}; border: 2px solid {c["NAV_BG"]};
                         font-size: {pt * NAV_FONT_SCALE:.1f}pt; }}
QListWidget#navigation:focus {{ border: 2px solid {c["NAV_ACCENT"]}; }}
QListWidget#navigation::item {{ padding: {pt * 0.9:.0f}px {pt * NAV_PADDING_SCALE:.0f}px;
                               border-left: 4px solid transparent; }}
QListWidget#navigation::item:selected {{ background: {c["NAV_SELECTED_BG"]}; color: {c["NAV_SELECTED_TEXT"]}; \
border-left: 4px solid {c["NAV_ACCENT"]}; }}
QListWidget#navigation::item:disabled {{ color: {c["NAV_DISABLED"]}; }}
QLabel#pageTitle {{ font-size: {pt * 1.85:.1f}pt; font-weight: 600; color: {c["TITLE"]}; padding: 2px 0 4px 0; }}
QLabel#pageSubtitle {{ color: {c["SUBTLE"]}; padding-bottom: 6px; }}
QFrame#todayCard {{ background: {c["CARD_BG"]}; border: 1px solid {c["BORDER"]}; border-radius: 6px; }}
QLabel#cardTitle {{ font-size: {pt * 1.25:.1f}pt; font-weight: 600; color: {c["TITLE"]}; padding-bottom: 4px; }}
QLabel#emptyLabel {{ color: {c["SUBTLE"]}; }}
QStatusBar QLabel {{ padding: 0 8px; }}
QTableView {{ gridline-color: {c["GRIDLINE"]}; selection-background-color: {c["SELECTION_BG"]};
             selection-color: {c["SELECTION_FG"]}; alternate-background-color: {c["ALTERNATE_ROW_BG"]}; }}
QTableView:focus {{ border: 2px solid {c["FOCUS"]}; }}
QHeaderView::section {{ background: {c["HEADER_BG"]}; border: none; border-bottom: 1px solid {c["BORDER"]};
                       padding: 5px 6px; font-weight: 600; color: {c["HEADER_TEXT"]}; }}
"""


def error_label() -> QLabel:
    """A red message line (under a field or a list), hidden until it has something to say."""
    label = QLabel()
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {colours()['ERROR']};")  # (ERROR_TEXT_STYLE)
    label.hide()
    return label
