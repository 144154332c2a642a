"""The figures as a PDF report (vector charts drawn with ReportLab graphics) and the printable snapshot.

Same page furniture and fonts as the dossier (``layout``, ``fonts``). The report shows, per
leaving cohort: stacked bars of the situation mix on the peildatum, a line of "werk, school of
dagbesteding" at T+6, T+12 and T+24, and the table beside them. ``for_gemeente`` prints the copy
that may leave the school: every count under 5 reads "<5" and no young person is named.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer
from sqlalchemy import select

from handover.domain.fields import full_name
from handover.domain.vocab import ROUTE, SITUATION
from handover.paths import private_write
from handover.reports.figures_tables import (
    _engaged_follows,
    _mix_table,
    _peildatum_groups,
    _plans,
    _short_type,
    _situation_table,
    _table,
    column_widths,
)
from handover.reports.fonts import REGULAR
from handover.reports.layout import (
    ACCENT,
    CONTENT_WIDTH,
    GroupStart,
    PageDecor,
    build_pdf,
    data_table,
    fmt_date,
    load_logo,
    styles,
    text_markup,
)
from handover.services.context import AppContext
from handover.services.outcomes import (
    ENGAGED_LABEL,
    POINT_MONTHS,
    SITUATION_GROUPS,
    CohortFigures,
    CohortRow,
    cohort_figures,
    latest_reference_date,
    merge_school_types,
)
from handover.services.outcomes_export import (
    CELL_MIN,
    PeildatumCounts,
    peildatum_counts,
    safe_pct,
)
from handover.services.outcomes_snapshots import snapshot_entries, snapshot_info
from handover.services.settings import get_setting
from handover.store import audit
from handover.store.models import Youth

GROUP_COLOURS = {
    "werk": colors.HexColor("#1F4E79"),
    "school": colors.HexColor("#2E86C1"),
    "dagbesteding": colors.HexColor("#76B7B2"),
    "traject": colors.HexColor("#F2C45A"),
    "geen": colors.HexColor("#C0504D"),
    "verhuisd": colors.HexColor("#9E9E9E"),
    "niet_bereikt": colors.HexColor("#D9D9D9"),
}
LINE_COLOURS = [colors.HexColor(c) for c in ("#1F4E79", "#C0504D", "#2E86C1", "#F2A33A", "#6B8E23", "#7B4F9D")]
SUBJECT = "Resultaten: uitstroom per vertrekjaar"


def stacked_bars(groups: dict[int, dict[str, int]], *, title: str, for_gemeente: bool = False) -> Drawing:
    """One bar per cohort, stacked to 100 % by situation group.

    ``for_gemeente``: groups under 5 (and groups with a hidden cell, see :func:`_peildatum_groups`) are
    left out and the bar is 100 % of what is shown, so neither a segment nor a gap reveals a small count."""
    if for_gemeente:
        groups = {c: {g: n if n >= CELL_MIN else 0 for g, n in by.items()} for c, by in groups.items()}
    width, height = CONTENT_WIDTH, 75 * mm
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 10, title, fontName=REGULAR, fontSize=9, fillColor=ACCENT))
    cohorts = list(groups)
    if not cohorts:
        drawing.add(String(0, height / 2, "Nog geen jongeren op deze peildatum.", fontName=REGULAR, fontSize=9))
        return drawing
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 30, 20, int(width * 0.62), int(height - 45)
    data = []
    for code, _label, _members in SITUATION_GROUPS:
        series = []
        for cohort in cohorts:
            total = sum(groups[cohort].values())
            series.append(100.0 * groups[cohort].get(code, 0) / total if total else 0.0)
        data.append(series)
    chart.data = data
    chart.categoryAxis.categoryNames = [str(c) for c in cohorts]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 25
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.barWidth = 18
    chart.groupSpacing = 14
    for index, (code, _label, _members) in enumerate(SITUATION_GROUPS):
        chart.bars[index].fillColor = GROUP_COLOURS[code]
        chart.bars[index].strokeColor = colors.white
        chart.bars[index].strokeWidth = 0.3
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = chart.x + chart.width + 18, int(height - 22)
    legend.fontName, legend.fontSize = REGULAR, 7.5
    legend.alignment = "right"
    legend.columnMaximum = 8
    legend.colorNamePairs = [(GROUP_COLOURS[code], label) for code, label, _m in SITUATION_GROUPS]
    drawing.add(legend)
    return drawing


def engaged_line(figs: CohortFigures, *, for_gemeente: bool = False, by_type: CohortFigures | None = None) -> Drawing:
    """The share in work, school or day activity at T+6, T+12 and T+24: one line per cohort.

    ``for_gemeente``: a point is left out when it would reveal a count under 5, or (with ``by_type``,
    the rows per school type behind merged ``figs``) when a type's engaged part does not already
    follow from the cells the gemeente gets."""
    width, height = CONTENT_WIDTH, 62 * mm
    drawing = Drawing(width, height)
    drawing.add(
        String(0, height - 10, f"{ENGAGED_LABEL} na vertrek (%)", fontName=REGULAR, fontSize=9, fillColor=ACCENT)
    )
    rows = [r for r in figs.rows if any(r.mix.get(f"T+{m}") for m in POINT_MONTHS)]
    if not rows:
        drawing.add(String(0, height / 2, "Nog niemand is 6 maanden van school.", fontName=REGULAR, fontSize=9))
        return drawing
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 30, 18, int(width * 0.62), int(height - 40)

    def pct(row: CohortRow, key: str) -> float | None:
        ratio = row.engaged(key)
        if not for_gemeente:
            return ratio.pct
        if by_type is not None and not _engaged_follows(by_type, row.cohort, key):
            return None
        return safe_pct(ratio)

    chart.data = [[pct(row, f"T+{m}") for m in POINT_MONTHS] for row in rows]
    chart.categoryAxis.categoryNames = ["Na 6 maanden", "Na 1 jaar", "Na 2 jaar"]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 25
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.joinedLines = 0  # per line below: a cohort with one point gets its marker, not a line
    for index in range(len(rows)):
        chart.lines[index].strokeColor = LINE_COLOURS[index % len(LINE_COLOURS)]
        chart.lines[index].strokeWidth = 1.6
        if sum(value is not None for value in chart.data[index]) >= 2:
            chart.lines[index].lineStyle = "joinedLine"
        chart.lines[index].symbol = makeMarker("FilledCircle", size=4)  # type: ignore[no-untyped-call]
        chart.lines[index].symbol.fillColor = LINE_COLOURS[index % len(LINE_COLOURS)]
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = chart.x + chart.width + 18, int(height - 22)
    legend.fontName, legend.fontSize = REGULAR, 7.5
    legend.alignment = "right"
    legend.colorNamePairs = [
        (LINE_COLOURS[i % len(LINE_COLOURS)], f"Vertrekjaar {row.cohort}") for i, row in enumerate(rows)
    ]
    drawing.add(legend)
    return drawing


def _decor(ctx: AppContext) -> tuple[PageDecor, str]:
    with ctx.session() as session:
        org = str(get_setting(session, "org_name") or "")
        logo = str(get_setting(session, "logo_path") or "")
        seq, digest = audit.head(session)
    return PageDecor(
        org_name=org, printed_on=ctx.today(), logo=load_logo(logo), audit_head=f"nr. {seq} · {digest[:16]}"
    ), org


def figures_story(figs: CohortFigures, counts: PeildatumCounts, *, org_name: str, for_gemeente: bool) -> list[Flowable]:
    st = styles()
    title = f"Resultaten op peildatum {fmt_date(counts.peildatum)}"
    story: list[Flowable] = [
        GroupStart(0, title),
        Paragraph(text_markup(title), st.list_title),
        Paragraph(text_markup(f"{org_name} · {counts.source}"), st.subtitle),
    ]
    plans = _plans(figs, counts) if for_gemeente else None
    if for_gemeente:
        story.append(
            Paragraph(
                text_markup(
                    'Geanonimiseerd: geen namen, geen nummers; elk aantal onder de 5 staat er als "<5". '
                    'Een aantal met "x" is 5 of meer en ook verborgen, zodat een aantal onder de 5 niet uit het '
                    "totaal terug te rekenen is."
                ),
                st.note,
            )
        )
    story += [
        stacked_bars(
            _peildatum_groups(counts, plans),
            title=f"Situatie op {fmt_date(counts.peildatum)} per vertrekjaar (%)",
            for_gemeente=for_gemeente,
        ),
        Spacer(1, 4),
        engaged_line(merge_school_types(figs), for_gemeente=for_gemeente, by_type=figs if for_gemeente else None),
        Spacer(1, 6),
        Paragraph("Per vertrekjaar en schoolsoort", st.subheading),
        _table(figs, counts, plans),
        Spacer(1, 6),
        Paragraph(f"Situatie op {fmt_date(counts.peildatum)}", st.subheading),
        _situation_table(counts, plans) if plans is not None else _mix_table(counts),
        Spacer(1, 8),
        Paragraph(
            text_markup(
                "Situatie op een datum: van het laatste contactmoment daarvoor waarop de jongere bereikt is; "
                '"nog niet bereikt" als dat er in de zes maanden ervoor niet was. Stabiel: minstens zes maanden in '
                "werk, school of dagbesteding (ook een traject naar werk). Op tijd: uiterlijk 14 dagen na de "
                "geplande datum gehouden. Intake: gepland door Werk en Inkomen binnen drie maanden na vertrek "
                "(– als er geen uitwisseling met Werk en Inkomen is). * niet getoond: het aantal of de rest is kleiner "
                "dan 5, of het zou een verborgen aantal verraden. Nog niets: nog geen werk, school of "
                "dagbesteding. Soort: pro (praktijkonderwijs) of vso (voortgezet speciaal onderwijs)."
            ),
            st.note,
        ),
    ]
    return story


def figures_pdf(
    ctx: AppContext, peildatum: dt.date | None = None, *, for_gemeente: bool = False, school_type: str | None = None
) -> bytes:
    """The report in memory (no audit: the caller records print or export)."""
    today = ctx.today()
    day = peildatum or latest_reference_date(today)
    decor, org = _decor(ctx)
    with ctx.session() as session:
        counts = peildatum_counts(session, day, today=today)
        # For a peildatum asked for: the figures as they stood then; otherwise as they stand today.
        as_of = min(day, today) if peildatum is not None else today
        figs = cohort_figures(session, today=as_of, school_type=school_type)
    if school_type is not None:
        counts.counts = {k: v for k, v in counts.counts.items() if k[1] == school_type}
    story = figures_story(figs, counts, org_name=org, for_gemeente=for_gemeente)
    title = f"Resultaten peildatum {fmt_date(day)}"
    return build_pdf(story, decor, title=title, author=org or "Overstap", subject=SUBJECT)


def save_figures_pdf(
    ctx: AppContext,
    path: Path,
    peildatum: dt.date | None = None,
    *,
    for_gemeente: bool = False,
    school_type: str | None = None,
) -> Path:
    """Write the report; ``school_type`` as the screen's filter (None: every school type)."""
    data = figures_pdf(ctx, peildatum, for_gemeente=for_gemeente, school_type=school_type)
    day = peildatum or latest_reference_date(ctx.today())
    with ctx.session() as session:
        audit.record(
            session,
            ctx.actor,
            "print",
            "cijfers",
            day.isoformat(),
            output="pdf-file",
            anonymised=for_gemeente,
            **({"school_type": school_type} if school_type is not None else {}),
        )
        private_write(Path(path), data)
    return Path(path)


# ----------------------------------------------------------------------------------------------
# The printable snapshot (the school's own: with names where the dossier still exists)


def snapshot_pdf(ctx: AppContext, peildatum: dt.date) -> bytes:
    st = styles()
    decor, org = _decor(ctx)
    with ctx.session() as session:
        info = snapshot_info(session, peildatum)
        if info is None:
            raise ValueError(f"De peildatum {fmt_date(peildatum)} is nog niet vastgelegd.")
        entries = snapshot_entries(session, peildatum)
        names = {
            r.id: full_name(r.first_names, r.infix, r.last_name, r.called_name)
            for r in session.execute(
                select(Youth.id, Youth.first_names, Youth.infix, Youth.last_name, Youth.called_name, Youth.anonymised)
            )
            if not r.anonymised
        }
    title = f"Peildatum {fmt_date(peildatum)}"
    story: list[Flowable] = [
        GroupStart(0, title),
        Paragraph(text_markup(title), st.list_title),
        Paragraph(text_markup(f"{org} · {info.how} · {info.count} jongeren in de nazorg"), st.subtitle),
        Paragraph(
            text_markup(
                "Deze peildatum ligt vast en verandert niet meer "
                f"(controlegetal {info.sha256[:16]}, ook in het auditlog)."
            ),
            st.note,
        ),
    ]
    ordered = sorted(entries, key=lambda e: (e.cohort, e.school_type, names.get(e.youth_id, "~").casefold()))
    rows = [
        [
            names.get(e.youth_id, "(gegevens gewist)"),
            str(e.cohort),
            _short_type(e.school_type),
            SITUATION.label_of(e.situation),
            ROUTE.label_of(e.route) or "–",
            fmt_date(e.stable_since) if e.stable_since else "–",
            fmt_date(e.last_contact) if e.last_contact else "–",
        ]
        for e in ordered
    ]
    if rows:
        story.append(
            data_table(
                SNAPSHOT_HEADER,
                rows,
                column_widths(SNAPSHOT_HEADER, rows, (24, 7, 7, 26, 14, 12, 12)),
            )
        )
    else:
        story.append(Paragraph("Op deze peildatum was niemand in de nazorg.", st.note))
    return build_pdf(story, decor, title=title, author=org or "Overstap", subject="Peildatum")


SNAPSHOT_HEADER = ["Naam", "Jaar", "Soort", "Situatie", "Route", "Stabiel sinds", "Laatste contact"]


def save_snapshot_pdf(ctx: AppContext, path: Path, peildatum: dt.date) -> Path:
    data = snapshot_pdf(ctx, peildatum)
    with ctx.session() as session:
        audit.record(session, ctx.actor, "print", "reference_snapshot", peildatum.isoformat(), output="pdf-file")
        private_write(Path(path), data)
    return Path(path)
