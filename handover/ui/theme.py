"""Every colour the desktop app sets, by what it means, in one place.

Colour never carries meaning alone: each state also has a word (and often a symbol), see the pages.
The values are plain ``#rrggbb`` strings so they work in style sheets as well as in ``QColor``;
:func:`brush` gives a cached ``QBrush`` for models (``data()`` runs for every painted cell).
"""

from __future__ import annotations

import functools

from PySide6.QtGui import QBrush, QColor

# -- text that signals something ---------------------------------------------------------------
ERROR = "#b3261e"  # an error message, a late date, an invalid field's frame
SOON = "#8a5a00"  # a date within the coming week
ATTENTION = "#8c1d18"  # "needs attention" text (also the text on ALERT_BG)
WARNING = "#7a4f00"  # a hint to check something (also the text on AMBER_BG)
SUCCESS = "#1b5e20"  # done, confirmed (also the text on GREEN_BG)
MUTED = "#5f6368"  # secondary text, legends
SUBTLE = "#55606c"  # page subtitles, "nothing here" texts
TITLE = "#1d2b3a"  # page and card titles
# Qt's own darkGreen and darkGray (the editor's section navigation): done, not started.
DONE = "#008000"
NOT_STARTED = "#808080"

# -- state chips: background, text --------------------------------------------------------------
NEUTRAL_BG, NEUTRAL_FG = "#eceff1", "#37474f"  # concept
BLUE_BG, BLUE_FG = "#e8f0fe", "#174ea6"  # klaar, besproken
AMBER_BG, AMBER_FG = "#fff4d6", WARNING  # verstuurd, deze week
GREEN_BG, GREEN_FG = "#e3f1e4", SUCCESS  # ontvangen, afgerond, gehouden
ALERT_BG, ALERT_FG = "#fde2e0", ATTENTION  # te laat
GREY_BG, GREY_FG = "#eeeeee", MUTED  # gemist
PLAIN_BG, PLAIN_FG = "#ffffff", NEUTRAL_FG  # gepland

# -- the shell (navigation, cards, tables) --------------------------------------------------------
WHITE = "#ffffff"
NAV_BG = "#243447"
NAV_TEXT = "#e8eef5"
NAV_SELECTED_BG = "#31475f"
NAV_ACCENT = "#7cc4fa"
NAV_DISABLED = "#7d8a99"
BORDER = "#d5dbe1"  # cards, table headers
GRIDLINE = "#e3e7eb"
SELECTION_BG = "#cfe6fb"
ALTERNATE_ROW_BG = "#f5f7f9"
HEADER_BG = "#eef1f4"
HEADER_TEXT = "#33414f"

# -- the enrollment code box of the wizard --------------------------------------------------------
CODE_BORDER = "#8c8c8c"
CODE_BG = "#fbfbf6"
# (The printed recovery sheet's black frame is part of its translatable HTML text, so it stays there.)

# Style sheet snippets used in several places.
ERROR_TEXT_STYLE = f"color: {ERROR};"


@functools.lru_cache(maxsize=64)
def brush(colour: str) -> QBrush:
    """A (shared, never modified) brush of one of the colours above, for a model's colour roles."""
    return QBrush(QColor(colour))


SHELL_STYLE = f"""
QListWidget#navigation {{ background: {NAV_BG}; color: {NAV_TEXT}; border: none; font-size: 11pt; outline: 0; }}
QListWidget#navigation::item {{ padding: 10px 14px; border-left: 4px solid transparent; }}
QListWidget#navigation::item:selected {{ background: {NAV_SELECTED_BG}; color: {WHITE}; \
border-left: 4px solid {NAV_ACCENT}; }}
QListWidget#navigation::item:disabled {{ color: {NAV_DISABLED}; }}
QLabel#pageTitle {{ font-size: 17pt; font-weight: 600; color: {TITLE}; padding: 2px 0 4px 0; }}
QLabel#pageSubtitle {{ color: {SUBTLE}; padding-bottom: 6px; }}
QFrame#todayCard {{ background: {WHITE}; border: 1px solid {BORDER}; border-radius: 6px; }}
QLabel#cardTitle {{ font-size: 11.5pt; font-weight: 600; color: {TITLE}; padding-bottom: 4px; }}
QLabel#emptyLabel {{ color: {SUBTLE}; }}
QStatusBar QLabel {{ padding: 0 8px; }}
QTableView {{ gridline-color: {GRIDLINE}; selection-background-color: {SELECTION_BG}; selection-color: {TITLE};
             alternate-background-color: {ALTERNATE_ROW_BG}; }}
QHeaderView::section {{ background: {HEADER_BG}; border: none; border-bottom: 1px solid {BORDER};
                       padding: 5px 6px; font-weight: 600; color: {HEADER_TEXT}; }}
"""
