"""The embedded TrueType font (DejaVu Sans): covers Dutch and other Latin diacritics (Ĳ, Ö, Ç, ễ).

Registered once per process; ReportLab then embeds a subset of it in every PDF, so names print
and extract exactly whatever fonts the reader's computer has.
"""

from __future__ import annotations

import threading

from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from handover.paths import resource_path

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", ITALIC: "DejaVuSans-Oblique.ttf"}

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Idempotent and thread-safe: parsing the TTF files is the slow part, so do it once."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, filename in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
        # <b> and <i> inside paragraphs map to the bold and oblique faces.
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, ITALIC)
        addMapping(REGULAR, 1, 1, BOLD)
        # Binary streams instead of ASCII85 text: smaller files, and ASCII85 encoding in pure Python
        # was a tenth of the time per dossier.
        rl_config.useA85 = 0
        _registered = True
