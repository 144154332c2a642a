"""Page layout shared by every printout: styles, header and footer, "pagina X van Y", tables.

The header and footer are drawn when the document is saved (a numbered canvas keeps each page's
state until then), so the footer knows the page count, and in a batch PDF each young person's
pages are numbered on their own ("pagina 1 van 4" restarts for the next dossier).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Table, TableStyle

from handover.reports.fonts import BOLD, ITALIC, REGULAR, register_fonts

ACCENT = colors.HexColor("#1F4E79")
ACCENT_LIGHT = colors.HexColor("#EAF0F6")
RULE = colors.HexColor("#B8C5D3")
MUTED = colors.HexColor("#5F6B76")
WARNING_HEX = "#A4262C"
WARNING = colors.HexColor(WARNING_HEX)
ZEBRA = colors.HexColor("#F6F8FA")

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 27 * mm
MARGIN_BOTTOM = 20 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
CELL_PADDING = 4
GRID_GAP = 6


def fmt_date(day: dt.date | None) -> str:
    return day.strftime("%d-%m-%Y") if day else ""


def yes_no(value: bool | None) -> str:
    return "Ja" if value else "Nee"


_BLANK_LINES = re.compile(r"\n\s*\n")


def text_markup(text: str) -> str:
    """User text as paragraph markup: XML special characters escaped, line breaks kept."""
    return escape(text.replace("\r\n", "\n").replace("\r", "\n")).replace("\n", "<br/>")


def text_blocks(text: str) -> list[str]:
    """Blank-line separated blocks, each as markup: separate paragraphs split across pages cheaply."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    return [text_markup(block.strip("\n")) for block in _BLANK_LINES.split(text) if block.strip()]


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    label: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    head_cell: ParagraphStyle
    title: ParagraphStyle
    name: ParagraphStyle
    subtitle: ParagraphStyle
    section: ParagraphStyle
    subheading: ParagraphStyle
    note: ParagraphStyle
    list_title: ParagraphStyle
    item: ParagraphStyle
    item_muted: ParagraphStyle


@functools.cache
def styles() -> Styles:
    """Built once per process and reused by every document."""
    register_fonts()
    base = ParagraphStyle("body", fontName=REGULAR, fontSize=9.5, leading=13.5, alignment=TA_LEFT, spaceAfter=4)
    return Styles(
        body=base,
        small=ParagraphStyle("small", parent=base, fontSize=8.5, leading=11.5, spaceAfter=0),
        muted=ParagraphStyle("muted", parent=base, fontSize=8.5, leading=11.5, textColor=MUTED, spaceAfter=0),
        label=ParagraphStyle("label", parent=base, fontSize=8, leading=11, textColor=MUTED, spaceAfter=0),
        cell=ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11, spaceAfter=0),
        cell_bold=ParagraphStyle("cell_bold", parent=base, fontName=BOLD, fontSize=8.5, leading=11, spaceAfter=0),
        head_cell=ParagraphStyle(
            "head_cell", parent=base, fontName=BOLD, fontSize=8, leading=10.5, textColor=ACCENT, spaceAfter=0
        ),
        title=ParagraphStyle(
            "title", parent=base, fontName=BOLD, fontSize=10, leading=13, textColor=ACCENT, spaceAfter=2
        ),
        name=ParagraphStyle("name", parent=base, fontName=BOLD, fontSize=21, leading=26, spaceAfter=2),
        subtitle=ParagraphStyle("subtitle", parent=base, fontSize=10, leading=13, textColor=MUTED, spaceAfter=10),
        section=ParagraphStyle(
            "section", parent=base, fontName=BOLD, fontSize=12.5, leading=16, textColor=ACCENT, spaceAfter=0
        ),
        subheading=ParagraphStyle(
            "subheading",
            parent=base,
            fontName=BOLD,
            fontSize=9,
            leading=12,
            textColor=colors.black,
            spaceBefore=7,
            spaceAfter=2,
            keepWithNext=1,
        ),
        note=ParagraphStyle(
            "note", parent=base, fontName=ITALIC, fontSize=8.5, leading=11.5, textColor=MUTED, spaceAfter=4
        ),
        list_title=ParagraphStyle(
            "list_title", parent=base, fontName=BOLD, fontSize=16, leading=20, textColor=ACCENT, spaceAfter=2
        ),
        item=ParagraphStyle("item", parent=base, spaceAfter=1),
        item_muted=ParagraphStyle("item_muted", parent=base, fontSize=8.5, leading=11.5, textColor=MUTED, spaceAfter=2),
    )


# ----------------------------------------------------------------------------------------------
# Header and footer


@dataclass
class PageDecor:
    """What every page carries: school name and logo above, confidentiality and page count below."""

    org_name: str
    printed_on: dt.date
    logo: ImageReader | None = None
    # "nr. 123 · 0123456789abcdef": the audit log's head when printed (see store.audit.head).
    audit_head: str = ""

    def draw(self, canv: Canvas, page: int, total: int, title: str) -> None:
        canv.saveState()
        top = PAGE_HEIGHT - 12 * mm
        x = MARGIN_X
        if self.logo is not None:
            width, height = self.logo.getSize()
            box_h = 10 * mm
            box_w = min(35 * mm, box_h * width / max(height, 1))
            canv.drawImage(
                self.logo,
                x,
                top - box_h + 2.5 * mm,
                width=box_w,
                height=box_h,
                preserveAspectRatio=True,
                anchor="sw",
                mask="auto",
            )
            x += box_w + 4 * mm
        canv.setFillColor(ACCENT)
        canv.setFont(BOLD, 10)
        canv.drawString(x, top - 2 * mm, self.org_name or "Overstap")
        canv.setFillColor(MUTED)
        canv.setFont(REGULAR, 8)
        canv.drawRightString(PAGE_WIDTH - MARGIN_X, top - 2 * mm, title)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.6)
        canv.line(MARGIN_X, top - 6 * mm, PAGE_WIDTH - MARGIN_X, top - 6 * mm)

        bottom = 11 * mm
        canv.line(MARGIN_X, bottom + 4.5 * mm, PAGE_WIDTH - MARGIN_X, bottom + 4.5 * mm)
        # One text object, so readers and text extraction see one line: "Vertrouwelijk — pagina X van Y".
        footer = canv.beginText(MARGIN_X, bottom)
        footer.setFont(BOLD, 8)
        footer.setFillColor(ACCENT)
        footer.textOut("Vertrouwelijk")
        footer.setFont(REGULAR, 8)
        footer.setFillColor(MUTED)
        footer.textOut(f" — pagina {page} van {total}")
        canv.drawText(footer)
        printed = f"Afgedrukt op {fmt_date(self.printed_on)}"
        if self.audit_head:
            printed += f" · auditlog {self.audit_head}"
        canv.drawRightString(PAGE_WIDTH - MARGIN_X, bottom, printed)
        canv.restoreState()


def load_logo(path: str | Path | None) -> ImageReader | None:
    """The school's logo from the settings; a missing or unreadable file prints without a logo."""
    if not path:
        return None
    try:
        data = Path(path).expanduser().read_bytes()
        reader = ImageReader(io.BytesIO(data))
        reader.getSize()
        return reader
    except Exception:  # noqa: BLE001 - any broken image: print without it rather than fail the dossier
        return None


class NumberedCanvas(Canvas):
    """Keeps every page until save, then draws header and footer with the page count per group."""

    def __init__(self, *args: Any, decor: PageDecor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._decor = decor
        self._group: tuple[int, str] = (0, "")
        self._saved: list[tuple[tuple[int, str], dict[str, Any]]] = []

    def set_group(self, key: int, title: str) -> None:
        self._group = (key, title)

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        self._saved.append((self._group, dict(self.__dict__)))
        self._startPage()  # type: ignore[attr-defined]  # ReportLab's own page reset; the stubs omit private names

    def save(self) -> None:
        totals = Counter(group[0] for group, _ in self._saved)
        seen: Counter[int] = Counter()
        for group, state in self._saved:
            self.__dict__.update(state)
            seen[group[0]] += 1
            self._decor.draw(self, seen[group[0]], totals[group[0]], group[1])
            Canvas.showPage(self)
        Canvas.save(self)


class GroupStart(Flowable):
    """Zero-size marker: the pages from here on belong to one dossier (numbering, header title)."""

    def __init__(self, key: int, title: str, on_drawn: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.key, self.title, self.on_drawn = key, title, on_drawn

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canv = self.canv
        if isinstance(canv, NumberedCanvas):
            canv.set_group(self.key, self.title)


class LazyStory(Flowable):
    """Placeholder expanded into real flowables only when the layout reaches it (batch printing:
    one dossier in memory at a time, progress and cancellation between dossiers)."""

    def __init__(self, expand: Callable[[], list[Flowable]]) -> None:
        super().__init__()
        self.expand = expand

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class ReportDoc(BaseDocTemplate):
    def __init__(self, buffer: io.BytesIO, *, title: str, author: str, subject: str) -> None:
        super().__init__(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=title,
            author=author,
            subject=subject,
            creator="Overstap",
            lang="nl-NL",
        )
        frame = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            CONTENT_WIDTH,
            PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])

    def filterFlowables(self, flowables: list[Flowable]) -> None:  # noqa: N802 - ReportLab's name
        while flowables and isinstance(lazy := flowables[0], LazyStory):
            flowables[0:1] = lazy.expand()
        if not flowables:
            flowables.append(None)  # type: ignore[arg-type]  # ReportLab skips a None; the build loop then ends


def build_pdf(story: list[Flowable], decor: PageDecor, *, title: str, author: str, subject: str) -> bytes:
    """Lay the story out into PDF bytes in memory: nothing touches the disk."""
    register_fonts()  # the header and footer use the fonts even when the story does not
    buffer = io.BytesIO()
    doc = ReportDoc(buffer, title=title, author=author, subject=subject)
    doc.build(story, canvasmaker=functools.partial(NumberedCanvas, decor=decor))
    return buffer.getvalue()


# ----------------------------------------------------------------------------------------------
# Building blocks


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of user text (escaped)."""
    return Paragraph(text_markup(text), style)


def fit_cell(text: str, style: ParagraphStyle, width: float) -> str | Paragraph:
    """A short one-line value stays a plain string (drawn by the table directly: no markup parsing,
    no wrapping pass, several times faster); anything longer becomes a wrapping paragraph."""
    if "\n" not in text and stringWidth(text, style.fontName, style.fontSize) <= width:
        return text
    return Paragraph(text_markup(text), style)


def font_commands(area: tuple[tuple[int, int], tuple[int, int]], style: ParagraphStyle) -> list[tuple[Any, ...]]:
    """Table commands so plain-string cells look exactly like paragraphs in ``style``."""
    start, stop = area
    return [
        ("FONTNAME", start, stop, style.fontName),
        ("FONTSIZE", start, stop, style.fontSize),
        ("LEADING", start, stop, style.leading),
        ("TEXTCOLOR", start, stop, style.textColor),
    ]


def data_table(header: Sequence[str], rows: Iterable[Sequence[Any]], widths: Sequence[float]) -> Table:
    """A list as a table: header repeated on every page, light rules, zebra rows.

    Strings are printed literally (escaped where they become paragraphs); flowables pass through.
    """
    st = styles()
    total = sum(widths)
    scaled = [w * CONTENT_WIDTH / total for w in widths]
    room = [w - 2 * CELL_PADDING for w in scaled]
    body: list[list[Any]] = [[fit_cell(h, st.head_cell, room[i]) for i, h in enumerate(header)]]
    for row in rows:
        body.append([fit_cell(c, st.cell, room[i]) if isinstance(c, str) else c for i, c in enumerate(row)])
    table = Table(body, colWidths=scaled, repeatRows=1, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        *font_commands(((0, 0), (-1, 0)), st.head_cell),
        *font_commands(((0, 1), (-1, -1)), st.cell),
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT_LIGHT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ]
    for index in range(2, len(body), 2):
        commands.append(("BACKGROUND", (0, index), (-1, index), ZEBRA))
    table.setStyle(TableStyle(commands))
    return table


def field_grid(pairs: Sequence[tuple[str, str]], *, columns: int = 2) -> Table:
    """Label/value pairs in a grid of ``columns`` pairs per row: compact and easy to scan."""
    st = styles()
    label_w, value_w = (0.22, 0.28) if columns == 2 else (0.3, 0.7)
    widths = [CONTENT_WIDTH * (label_w if i % 2 == 0 else value_w) for i in range(2 * columns)]
    cells: list[list[Any]] = []
    row: list[Any] = []
    for label, value in pairs:
        column = len(row)
        row += [
            fit_cell(label, st.label, widths[column] - GRID_GAP),
            fit_cell(value, st.cell, widths[column + 1] - GRID_GAP),
        ]
        if len(row) == 2 * columns:
            cells.append(row)
            row = []
    if row:
        row += [""] * (2 * columns - len(row))
        cells.append(row)
    table = Table(cells, colWidths=widths, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), GRID_GAP),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
    ]
    for column in range(2 * columns):
        commands += font_commands(((column, 0), (column, -1)), st.label if column % 2 == 0 else st.cell)
    table.setStyle(TableStyle(commands))
    return table


def section_heading(code: str, title: str) -> Table:
    """Letter badge and title with a rule below; kept with what follows."""
    st = styles()
    badge = Paragraph(
        f'<font color="white">{escape(code)}</font>',
        ParagraphStyle("badge", parent=st.section, alignment=1, fontSize=10.5, leading=13),
    )
    table = Table(
        [[badge, Paragraph(escape(title), st.section)]], colWidths=[7 * mm, CONTENT_WIDTH - 7 * mm], hAlign="LEFT"
    )
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (0, 0), ACCENT),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), 0),
                ("LEFTPADDING", (1, 0), (1, 0), 7),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
            ]
        )
    )
    table.keepWithNext = True
    table.spaceBefore = 12
    table.spaceAfter = 6
    return table
