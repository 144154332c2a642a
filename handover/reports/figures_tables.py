"""The tables of the figures report and what the gemeente's copy may show of them (reports/figures.py).

The gemeente's copy shows exactly the cells of the anonymised message (services/outcomes_export:
``protect_cohort``, the same cells hidden); a sum of some of them (a group in the bars, the share in
work, school or day activity) only where no hidden cell follows from it
(services/outcomes_suppress: ``parts_safe``, ``shown_groups``).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from handover.domain.vocab import ENGAGED_SITUATIONS, SITUATION
from handover.reports.layout import (
    CELL_PADDING,
    CONTENT_WIDTH,
    data_table,
    styles,
)
from handover.services.outcomes import (
    SITUATION_GROUPS,
    CohortFigures,
    CohortRow,
    Ratio,
    group_of,
)
from handover.services.outcomes_export import (
    Cell,
    PeildatumCounts,
    ProtectedCohort,
    ProtectedRatio,
    peildatum_situations,
    protect_cohort,
    safe_pct,
)
from handover.services.outcomes_suppress import parts_safe, shown_groups

_SHORT_GROUP = {"geen": "Nog niets", "verhuisd": "Verhuisd", "traject": "Traject", "dagbesteding": "Dagbesteding"}


def _short_type(code: str) -> str:
    """The school type as schools write it in a table: pro, vso."""
    return code if code else "onbekend"


def _pct_text(ratio: Ratio | None, *, for_gemeente: bool) -> str:
    if ratio is None:
        return "–"  # no exchange with Werk en Inkomen (explained under the table)
    pct = safe_pct(ratio) if for_gemeente else ratio.pct
    if pct is None:
        return "*" if for_gemeente and ratio.total else "–"  # * explained under the table
    return _pct(pct)


def _pct(value: float) -> str:
    return f"{value:.0f}%"


def _shown(value: Cell) -> str:
    return str(value)


def column_widths(header: Sequence[str], rows: Sequence[Sequence[str]], weights: Sequence[float]) -> list[float]:
    """Column widths (points, the content width in all) in which no header or cell word is split:
    each column at least its longest word, what is left shared by ``weights``."""
    st = styles()
    need = []
    for index, title in enumerate(header):
        words = [(w, st.head_cell) for w in title.split()] + [
            (w, st.cell) for row in rows for w in str(row[index]).split()
        ]
        widest = max((stringWidth(w, style.fontName, style.fontSize) for w, style in words), default=0.0)
        need.append(widest + 2 * CELL_PADDING + 1)
    spare = max(0.0, CONTENT_WIDTH - sum(need))
    total_weight = sum(weights)
    return [n + spare * w / total_weight for n, w in zip(need, weights, strict=True)]


def _engaged_indexes(codes: Sequence[str]) -> list[int]:
    return [i for i, code in enumerate(codes) if code in ENGAGED_SITUATIONS]


def _plans(figs: CohortFigures, counts: PeildatumCounts) -> dict[tuple[int, str], ProtectedCohort]:
    """The gemeente copy's protection per cohort and school type: the same cells as in the message."""
    situations = figs.situations()
    peil_codes = peildatum_situations(counts)
    plans = {
        (row.cohort, row.school_type): protect_cohort(
            row, counts.counts.get((row.cohort, row.school_type)), situations, peil_codes
        )
        for row in figs.rows
    }
    for key, on_date in counts.counts.items():
        if key not in plans:
            plans[key] = protect_cohort(CohortRow(key[0], key[1]), on_date, situations, peil_codes)
    return plans


def _measure_text(ratio: Ratio | None, safe: ProtectedRatio | None) -> str:
    if ratio is None or safe is None:
        return "–"
    return _pct(safe.pct) if safe.pct is not None else ("*" if ratio.total else "–")


def _peildatum_groups(
    counts: PeildatumCounts, plans: dict[tuple[int, str], ProtectedCohort] | None = None
) -> dict[int, dict[str, int]]:
    """Per cohort (all school types) the mix on the peildatum in the chart's groups.

    With ``plans`` (the gemeente copy) a group counts only where its exact sum may be given in every
    school type (:func:`shown_groups`: no hidden cell follows from it); the others are 0 (left out)."""
    result: dict[int, dict[str, int]] = {}
    hidden: set[tuple[int, str]] = set()
    codes = [code for code, _l, _m in SITUATION_GROUPS]
    for (cohort, kind), by_situation in counts.counts.items():
        into = result.setdefault(cohort, dict.fromkeys(codes, 0))
        for situation, n in by_situation.items():
            group = group_of(situation)
            into[group] = into.get(group, 0) + n
        plan = plans.get((cohort, kind)) if plans is not None else None
        if plans is not None:
            if plan is None or plan.on_date is None or not plan.on_date.total_shown:
                hidden |= {(cohort, g) for g in into}
                continue
            situations = plan.on_date_situations
            values = [by_situation.get(s, 0) for s in situations]
            members = [[i for i, s in enumerate(situations) if group_of(s) == g] for g in codes]
            others = [i for i, s in enumerate(situations) if group_of(s) not in codes]
            if others:  # situations outside the chart's groups: never given as a sum
                members.append(others)
            shown = set(shown_groups(plan.on_date.cells, values, members))
            hidden |= {(cohort, g) for index, g in enumerate(codes) if index not in shown}
    for cohort, group in hidden:
        result[cohort][group] = 0
    return dict(sorted(result.items()))


def _engaged_follows(by_type: CohortFigures, cohort: int, key: str) -> bool:
    """Whether every school type's engaged part at ``key`` may be given (no hidden cell follows from it)."""
    situations = by_type.situations()
    for row in by_type.rows:
        if row.cohort != cohort or not row.mix.get(key):
            continue
        protected = protect_cohort(row, situations=situations).mix[key]
        values = [row.mix[key].get(s, 0) for s in situations]
        if not protected.total_shown or not _engaged_safe(protected.cells, values, situations):
            return False
    return True


def _engaged_safe(cells: Sequence[Cell], values: Sequence[int], situations: Sequence[str]) -> bool:
    engaged = _engaged_indexes(situations)
    rest = [i for i in range(len(situations)) if i not in engaged]
    return parts_safe(cells, values, [engaged, rest])


def _table(
    figs: CohortFigures, counts: PeildatumCounts, plans: dict[tuple[int, str], ProtectedCohort] | None
) -> Flowable:
    header = ["Jaar", "Soort", "Vertrokken", "Op peildatum", "Werk, school, dagbest.", "Stabiel", "Bereikt", "Intake"]
    header.append("Op tijd")
    rows = []
    for row in figs.rows:
        on_date = counts.counts.get((row.cohort, row.school_type), {})
        total = sum(on_date.values())
        engaged = Ratio(sum(n for s, n in on_date.items() if s in ENGAGED_SITUATIONS), total)
        if plans is None:
            cells = [
                str(row.left),
                str(total) if total else "–",
                _pct_text(engaged, for_gemeente=False),
                *[_pct_text(r, for_gemeente=False) for r in (row.stable, row.reached, row.intake, row.on_time)],
            ]
        else:
            plan = plans[(row.cohort, row.school_type)]
            engaged_text = "–"
            if plan.on_date is not None:
                protected = plan.on_date
                # the share gives the part's sum: only when no hidden cell follows from it
                values = [on_date.get(s, 0) for s in plan.on_date_situations]
                known = protected.total_shown and _engaged_safe(protected.cells, values, plan.on_date_situations)
                engaged_text = _pct_text(engaged, for_gemeente=True) if known else "*"
            cells = [
                _shown(plan.left),
                _shown(plan.on_date.total) if plan.on_date is not None else "–",
                engaged_text,
                *[
                    _measure_text(r, plan.measures[key])
                    for r, key in (
                        (row.stable, "stabiel"),
                        (row.reached, "bereikt"),
                        (row.intake, "intake"),
                        (row.on_time, "op_tijd"),
                    )
                ],
            ]
        rows.append([str(row.cohort), _short_type(row.school_type), *cells])
    return data_table(header, rows, column_widths(header, rows, (7, 8, 13, 12, 17, 9, 9, 8, 9)))


def _mix_table(counts: PeildatumCounts) -> Flowable:
    """The school's own copy: the peildatum's situations in the chart's groups, per cohort and type."""
    header = ["Jaar", "Soort", *[_SHORT_GROUP.get(code, label) for code, label, _m in SITUATION_GROUPS]]
    rows = []
    for (cohort, kind), by_situation in counts.counts.items():
        groups = {code: 0 for code, _l, _m in SITUATION_GROUPS}
        for situation, n in by_situation.items():
            groups[group_of(situation)] = groups.get(group_of(situation), 0) + n
        rows.append([str(cohort), _short_type(kind), *[str(groups[c]) for c, _l, _m in SITUATION_GROUPS]])
    return data_table(header, rows, column_widths(header, rows, (7, 8, 8, 8, 14, 8, 12, 11, 11)))


def _situation_table(counts: PeildatumCounts, plans: dict[tuple[int, str], ProtectedCohort]) -> Flowable:
    """The gemeente copy: every situation (a row) per cohort and type (a column), exactly the cells the
    message holds, with the total under it. Groups of situations are not summed here: a group's sum
    beside its hidden members would give a member back."""
    keys = list(counts.counts)
    codes = peildatum_situations(counts)
    header = ["Situatie", *[f"{cohort} {_short_type(kind)}" for cohort, kind in keys]]
    rows = []
    for index, code in enumerate(codes):
        cells = []
        for key in keys:
            protected = plans[key].on_date
            cells.append(_shown(protected.cells[index]) if protected is not None else "–")
        rows.append([SITUATION.label_of(code), *cells])
    totals = [plans[k].on_date for k in keys]
    rows.append(["Totaal", *[_shown(t.total) if t is not None else "–" for t in totals]])
    weights = (30, *([10] * len(keys)))
    return data_table(header, rows, column_widths(header, rows, weights))
