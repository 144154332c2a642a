"""Privacy of the figures: every export that leaves the school has no names or ids and no count under 5."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from handover.reports.figures import figures_pdf
from handover.services.context import AppContext
from handover.services.outcomes import CohortFigures, Ratio, cohort_figures
from handover.services.outcomes_export import (
    anonymised,
    figures_csv,
    figures_for_gemeente,
    peildatum_counts,
    peildatum_csv,
    safe_pct,
)
from tests.unit.test_outcomes import END, live_through

P2025 = dt.date(2025, 11, 1)
COUNT_KEYS = {"aantal", "van", "vertrokken", "totaal"}


@pytest.fixture
def lived(ctx: AppContext) -> tuple[AppContext, dict[str, str]]:
    return ctx, live_through(ctx)


def _counts_in(value: Any, key: str = "") -> list[Any]:
    """Every count in an anonymised body (situation cells, 'gemeten', aantal/van/vertrokken/totaal)."""
    found: list[Any] = []
    if isinstance(value, dict):
        for k, v in value.items():
            if k in COUNT_KEYS or key in ("situaties", "gemeten") or (key == "situaties_moment"):
                if not isinstance(v, dict | list):
                    found.append(v)
            found += _counts_in(v, "situaties_moment" if key == "situaties" else k)
    elif isinstance(value, list):
        for item in value:
            found += _counts_in(item, key)
    return found


def _read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads the accents right
    return list(csv.DictReader(io.StringIO(raw[3:].decode("utf-8")), delimiter=";"))


def test_the_body_for_the_gemeente_has_no_ids_names_or_small_counts(lived) -> None:  # type: ignore[no-untyped-def]
    ctx, ids = lived
    with ctx.session() as session:
        body = figures_for_gemeente(session, P2025, today=END)
    text = json.dumps(body, ensure_ascii=False)
    for youth_id in ids.values():
        assert youth_id not in text and youth_id[:8] not in text
    assert "Özdemir" not in text and "Ĳsbrand" not in text
    counts = _counts_in(body)
    assert len(counts) > 50
    assert all(c in ("<5", "x") or (isinstance(c, int) and c >= 5) for c in counts), counts
    assert "<5" in counts
    assert body["peildatum"] == "2025-11-01" and body["rows"]
    # The percentages that would reveal a small count (its own or the rest) are left out.
    shown = 0
    for cohort in body["cohorten"]:
        for key in ("stabiel", "bereikt", "op_tijd"):
            ratio = cohort[key]
            if ratio["pct"] is not None:
                shown += 1
                assert ratio["aantal"] >= 5 and ratio["van"] - ratio["aantal"] >= 5, ratio
            else:
                assert ratio["aantal"] in ("<5", "x") or ratio["van"] == "<5", ratio
    assert shown >= 1  # on time, 2024 pro: enough check-ins on both sides


def test_csv_for_the_gemeente_hides_small_cells_the_schools_own_copy_shows_them(lived, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ctx, _ids = lived
    with ctx.session() as session:
        figs = cohort_figures(session, today=END)
        counts = peildatum_counts(session, P2025, today=END)
    own = _read_csv(figures_csv(figs, tmp_path / "eigen.csv", for_gemeente=False))
    out = _read_csv(figures_csv(figs, tmp_path / "gemeente.csv", for_gemeente=True))
    assert list(own[0]) == ["vertrekjaar", "schoolsoort", "onderdeel", "situatie", "aantal", "van", "percentage"]
    assert len(own) == len(out)
    assert {r["aantal"] for r in own} >= {"1", "4"}  # the school sees its real numbers
    for row in out:
        for key in ("aantal", "van"):
            assert row[key] in ("", "<5", "x") or int(row[key]) >= 5, row
        if row["percentage"] not in ("", "geen uitwisseling"):  # only on time, 2024 pro: 16 of 28
            assert (row["onderdeel"], row["aantal"], row["van"], row["percentage"]) == (
                "Contactmomenten op tijd",
                "16",
                "28",
                "57,1",
            )
    werk = next(r for r in own if r["onderdeel"] == "Na 6 maanden" and r["situatie"] == "Werk (regulier)")
    assert (werk["vertrekjaar"], werk["aantal"], werk["van"], werk["percentage"]) == ("2024", "1", "4", "25,0")
    own_day = _read_csv(peildatum_csv(counts, tmp_path / "dag.csv", for_gemeente=False))
    out_day = _read_csv(peildatum_csv(counts, tmp_path / "dag-gemeente.csv", for_gemeente=True))
    assert list(own_day[0]) == ["vertrekjaar", "schoolsoort", "situatie", "aantal"]
    assert sum(int(r["aantal"]) for r in own_day) == 6
    assert {r["aantal"] for r in out_day} == {"<5"}


def test_the_pdf_for_the_gemeente_hides_small_cells(lived, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ctx, _ids = lived
    data = figures_pdf(ctx, P2025, for_gemeente=True)
    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    assert "Geanonimiseerd" in text and "<5" in text
    assert "Özdemir" not in text
    own = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(figures_pdf(ctx, P2025))).pages)
    assert "Resultaten op peildatum 01-11-2025" in own and "Geanonimiseerd" not in own


def test_a_percentage_is_given_only_when_no_count_behind_it_is_small() -> None:
    assert safe_pct(Ratio(10, 40)) == 25.0
    assert safe_pct(Ratio(4, 40)) is None  # the count is small
    assert safe_pct(Ratio(38, 40)) is None  # the rest (2) is small
    body = anonymised(CohortFigures(END, None, [], [], False))
    assert body["cohorten"] == [] and "peildatum" not in body


def test_the_pdf_shows_the_school_type_the_screen_shows(lived, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from handover.reports.figures import save_figures_pdf

    ctx, _ids = lived

    def kinds(path: Path) -> set[str]:
        """The school types of the table rows (each cell is a line of the extracted text: year, type, ...)."""
        lines = [line.strip() for page in PdfReader(path).pages for line in (page.extract_text() or "").splitlines()]
        return {b for a, b in zip(lines, lines[1:], strict=False) if a in ("2024", "2025") and b in ("pro", "vso")}

    assert kinds(save_figures_pdf(ctx, tmp_path / "alle.pdf", P2025)) == {"pro", "vso"}
    assert kinds(save_figures_pdf(ctx, tmp_path / "vso.pdf", P2025, school_type="vso")) == {"vso"}
    assert kinds(save_figures_pdf(ctx, tmp_path / "pro.pdf", P2025, school_type="pro", for_gemeente=True)) == {"pro"}


def test_no_table_header_in_the_pdf_breaks_inside_a_word(lived) -> None:  # type: ignore[no-untyped-def]
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from handover.reports.figures import column_widths
    from handover.reports.layout import CELL_PADDING, CONTENT_WIDTH, styles

    ctx, _ids = lived
    header = ["Jaar", "Soort", "Vertrokken", "Op peildatum", "Werk, school, dagbest.", "Stabiel", "Bereikt"]
    widths = column_widths(header, [["2024", "pro", "12", "<5", "86%", "*", "100%"]], (7, 8, 13, 12, 17, 9, 9))
    assert abs(sum(widths) - CONTENT_WIDTH) < 0.01
    head = styles().head_cell
    for title, width in zip(header, widths, strict=True):
        for word in title.split():
            assert stringWidth(word, head.fontName, head.fontSize) <= width - 2 * CELL_PADDING, (word, width)
    for for_gemeente in (False, True):
        text = "\n".join(
            page.extract_text() or ""
            for page in PdfReader(io.BytesIO(figures_pdf(ctx, P2025, for_gemeente=for_gemeente))).pages
        )
        for word in ("Vertrokken", "Dagbesteding" if not for_gemeente else "Situatie", "peildatum"):
            assert word in text
        assert "Vertrokke\n" not in text and "Dagbestedin\n" not in text
