"""The figures as they leave the screen: CSV for Excel, and the anonymised copy for the gemeente.

Privacy rule for everything that leaves the school (``for_gemeente=True``, :func:`anonymised`):
no names and no ids, and every count under 5 (0 included) reads "<5". No hidden count can be
worked back from a shown total and the other shown counts: then a further count reads "x"
(complementary suppression, :mod:`handover.services.outcomes_suppress`, one plan per cohort and
school type: :func:`protect_cohort`). A percentage is given only when its count is shown and
neither the count nor the rest of its total is under 5. The school's own copy shows the real
numbers. What leaves the school is always per school type, never also summed over the types
(the sum beside the parts would give a hidden part back).

CSV: ``;`` as separator, UTF-8 with BOM, so Excel opens it with the right characters.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from handover.domain.vocab import SITUATION
from handover.paths import private_write
from handover.services.outcomes import (
    ALL_TYPES,
    CohortFigures,
    CohortRow,
    Ratio,
    cohort_figures,
    is_reference_date,
    load_people,
    school_type_label,
)
from handover.services.outcomes_snapshots import SnapshotInfo, entries_from_people, snapshot_entries, snapshot_info
from handover.services.outcomes_suppress import (
    CELL_MIN,
    HIDDEN,
    SECONDARY,
    Cell,
    Protected,
    ProtectedRatio,
    protect,
    protect_ratio,
)

__all__ = ["CELL_MIN", "HIDDEN", "SECONDARY", "Cell", "Protected", "ProtectedRatio"]
FORMAT = "overstap-cijfers"
FORMAT_VERSION = 1

MEASURES: tuple[tuple[str, str], ...] = (
    ("stabiel", "Stabiel (6 maanden of langer)"),
    ("bereikt", "Bereikt na vertrek"),
    ("intake", "Intake Werk en Inkomen binnen 3 maanden"),
    ("op_tijd", "Contactmomenten op tijd"),
)


def cell(n: int) -> Cell:
    """A count as it may leave the school: under 5 reads "<5"."""
    return HIDDEN if n < CELL_MIN else n


def safe_pct(ratio: Ratio) -> float | None:
    """The percentage, or None when it would reveal a count under 5 (the count or the rest)."""
    if ratio.count < CELL_MIN or ratio.total - ratio.count < CELL_MIN:
        return None
    return ratio.pct


def _measure(row: CohortRow, key: str) -> Ratio | None:
    return {"stabiel": row.stable, "bereikt": row.reached, "intake": row.intake, "op_tijd": row.on_time}[key]


def _nl_pct(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}".replace(".", ",")


def _hide(n: int) -> Cell:
    return HIDDEN if n < CELL_MIN else SECONDARY


@dataclass(frozen=True)
class ProtectedCohort:
    """One cohort and school type as it may leave the school (every table of it protected together)."""

    left: Cell
    mix: dict[str, Protected]  # moment key -> the situations (in ``situations`` order) and "gemeten"
    measures: dict[str, ProtectedRatio | None]
    on_date: Protected | None  # the situations on the peildatum and their "totaal"
    situations: tuple[str, ...]
    on_date_situations: tuple[str, ...]

    def mix_cells(self, key: str) -> dict[str, Cell]:
        return dict(zip(self.situations, self.mix[key].cells, strict=True))

    def on_date_cells(self) -> dict[str, Cell]:
        assert self.on_date is not None
        return dict(zip(self.on_date_situations, self.on_date.cells, strict=True))


def situation_order(codes: Iterable[str]) -> list[str]:
    """Every vocabulary situation, then any others sorted: one order for every copy, so each copy of
    the same row hides the same cells (two copies hiding different ones would give both back)."""
    known = SITUATION.codes()
    return known + sorted(set(codes) - set(known))


def protect_cohort(
    row: CohortRow,
    on_date: dict[str, int] | None = None,
    situations: list[str] | None = None,
    on_date_situations: list[str] | None = None,
) -> ProtectedCohort:
    """Hide every count under 5 and enough others that none can be worked back (per row, with its total).

    When one row cannot keep its total (total 5, all in one situation), every total of this cohort
    and school type is hidden, and every percentage: the same number stands in the other tables."""
    codes = situations or situation_order(s for counts in row.mix.values() for s in counts)
    peil_codes = on_date_situations or situation_order(on_date or {})
    mix = {key: protect([counts.get(s, 0) for s in codes]) for key, counts in row.mix.items() if counts}
    ratios = {key: _measure(row, key) for key, _label in MEASURES}
    measures = {key: None if r is None else protect_ratio(r.count, r.total) for key, r in ratios.items()}
    peil = protect([on_date.get(s, 0) for s in peil_codes]) if on_date else None
    left: Cell = cell(row.left)
    totals_lost = (
        any(not p.total_shown and p.total == SECONDARY for p in mix.values())
        or any(m is not None and m.total == SECONDARY for m in measures.values())
        or (peil is not None and peil.total == SECONDARY)
    )
    if totals_lost:
        left = _hide(row.left)
        mix = {k: Protected(p.cells, _hide(sum(row.mix[k].values()))) for k, p in mix.items()}
        measures = {
            k: None if m is None else ProtectedRatio(m.count, _hide(ratios[k].total), None)  # type: ignore[union-attr]
            for k, m in measures.items()
        }
        if peil is not None and on_date is not None:
            peil = Protected(peil.cells, _hide(sum(on_date.values())))
    return ProtectedCohort(left, mix, measures, peil, tuple(codes), tuple(peil_codes))


def mix_pct(protected: Protected, index: int, n: int) -> float | None:
    """A situation's share, only when its count and the total are shown and neither it nor the rest is under 5."""
    total = protected.total
    if not protected.shown(index) or not isinstance(total, int):
        return None
    return safe_pct(Ratio(n, total))


# ----------------------------------------------------------------------------------------------
# The figures on one peildatum (the CLI's `cijfers`)


@dataclass
class PeildatumCounts:
    """Per cohort and school type, the situation counts on one 1 November (or any date asked)."""

    peildatum: dt.date
    source: str  # Dutch: where the counts come from
    snapshot: SnapshotInfo | None
    counts: dict[tuple[int, str], dict[str, int]]

    def total(self) -> int:
        return sum(sum(c.values()) for c in self.counts.values())


def peildatum_counts(session: Session, peildatum: dt.date, *, today: dt.date) -> PeildatumCounts:
    """From the frozen snapshot when there is one; otherwise computed now from the check-in history."""
    info = snapshot_info(session, peildatum)
    if info is not None:
        entries = snapshot_entries(session, peildatum)
        source = info.how
    else:
        if peildatum > today:
            raise ValueError(
                f"De peildatum {peildatum.day:02d}-{peildatum.month:02d}-{peildatum.year} ligt in de toekomst."
            )
        entries = entries_from_people(load_people(session, today=peildatum), peildatum)
        source = (
            "Berekend uit de contactmomenten (deze peildatum is niet vastgelegd)"
            if is_reference_date(peildatum)
            else "Berekend uit de contactmomenten (dit is geen 1 november)"
        )
    counts: dict[tuple[int, str], dict[str, int]] = {}
    for e in entries:
        into = counts.setdefault((e.cohort, e.school_type), dict.fromkeys(SITUATION.codes(), 0))
        into[e.situation] = into.get(e.situation, 0) + 1
    return PeildatumCounts(peildatum, source, info, dict(sorted(counts.items())))


def _csv_bytes(header: list[str], rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def peildatum_situations(counts: PeildatumCounts) -> list[str]:
    return situation_order(s for by in counts.counts.values() for s in by)


def peildatum_rows(counts: PeildatumCounts, *, for_gemeente: bool) -> list[list[Cell]]:
    """vertrekjaar, schoolsoort, situatie, aantal: every situation of every cohort (zeros too)."""
    rows: list[list[Cell]] = []
    codes = peildatum_situations(counts)
    for (cohort, kind), by_situation in counts.counts.items():
        shown: dict[str, Cell] = {c: by_situation.get(c, 0) for c in codes}
        if for_gemeente:
            shown = dict(zip(codes, protect([by_situation.get(c, 0) for c in codes]).cells, strict=True))
        for situation, n in shown.items():
            rows.append([cohort, school_type_label(kind), SITUATION.label_of(situation), n])
    return rows


PEILDATUM_HEADER = ["vertrekjaar", "schoolsoort", "situatie", "aantal"]


def peildatum_csv(counts: PeildatumCounts, path: Path, *, for_gemeente: bool) -> Path:
    return private_write(
        Path(path), _csv_bytes(PEILDATUM_HEADER, list(peildatum_rows(counts, for_gemeente=for_gemeente)))
    )


# ----------------------------------------------------------------------------------------------
# The full figures (Resultaten)

FIGURES_HEADER = ["vertrekjaar", "schoolsoort", "onderdeel", "situatie", "aantal", "van", "percentage"]


def figures_rows(figs: CohortFigures, *, for_gemeente: bool) -> list[list[Cell]]:
    """Every count of the figures; ``for_gemeente``: protected, and per school type (never "alle")."""
    rows: list[list[Cell]] = []
    labels = {m.key: m.label for m in figs.moments}
    situations = figs.situations()
    for row in figs.rows:
        kind = row.school_type_label
        plan = protect_cohort(row, situations=situations) if for_gemeente else None
        rows.append([row.cohort, kind, "Vertrokken", "", plan.left if plan else row.left, "", ""])
        for moment in figs.moments:
            mix = row.mix.get(moment.key)
            if not mix:
                continue
            measured = sum(mix.values())
            for index, situation in enumerate(situations):
                n = mix.get(situation, 0)
                if plan is None:
                    values: tuple[Cell, Cell, float | None] = (n, measured, Ratio(n, measured).pct)
                else:
                    protected = plan.mix[moment.key]
                    values = (protected.cells[index], protected.total, mix_pct(protected, index, n))
                count, of, pct = values
                rows.append(
                    [row.cohort, kind, labels[moment.key], SITUATION.label_of(situation), count, of, _nl_pct(pct)]
                )
        for key, label in MEASURES:
            measure = _measure(row, key)
            if measure is None:
                rows.append([row.cohort, kind, label, "", "", "", "geen uitwisseling"])
                continue
            if plan is None:
                rows.append([row.cohort, kind, label, "", measure.count, measure.total, _nl_pct(measure.pct)])
                continue
            safe = plan.measures[key]
            assert safe is not None
            rows.append([row.cohort, kind, label, "", safe.count, safe.total, _nl_pct(_round(safe.pct))])
    return rows


def _round(pct: float | None) -> float | None:
    return None if pct is None else round(pct, 1)


def figures_csv(figs: CohortFigures, path: Path, *, for_gemeente: bool) -> Path:
    """The figures as CSV (``;``, UTF-8 with BOM, column ``aantal``); anonymised when ``for_gemeente``.

    The gemeente's copy never holds rows summed over school types (pass the rows per school type)."""
    if for_gemeente and any(r.school_type == ALL_TYPES for r in figs.rows):
        raise ValueError("De kopie voor de gemeente gaat per schoolsoort, niet opgeteld over de schoolsoorten.")
    return private_write(Path(path), _csv_bytes(FIGURES_HEADER, figures_rows(figs, for_gemeente=for_gemeente)))


def _ratio_body(ratio: ProtectedRatio | None) -> dict[str, Any] | None:
    if ratio is None:
        return None
    return {"aantal": ratio.count, "van": ratio.total, "pct": _round(ratio.pct)}


def anonymised(figs: CohortFigures, *, peildatum: PeildatumCounts | None = None) -> dict[str, Any]:
    """The copy that leaves the school: no names, no ids, every count under 5 reads "<5", and no
    hidden count can be worked back from a total (a further count then reads "x").

    With ``peildatum`` the situation on that date comes from its counts (the frozen snapshot when
    there is one), so the gemeente sees what the school recorded, not a recalculation.
    """
    if any(r.school_type == ALL_TYPES for r in figs.rows):
        raise ValueError("De kopie voor de gemeente gaat per schoolsoort, niet opgeteld over de schoolsoorten.")
    moments = [{"key": m.key, "label": m.label} for m in figs.moments]
    situations = figs.situations()
    on_date = dict(peildatum.counts) if peildatum is not None else {}
    peil_codes = peildatum_situations(peildatum) if peildatum is not None else None
    plans: dict[tuple[int, str], ProtectedCohort] = {}
    for row in figs.rows:
        plans[(row.cohort, row.school_type)] = protect_cohort(
            row, on_date.get((row.cohort, row.school_type)), situations, peil_codes
        )
    for key, counts in on_date.items():  # on the peildatum, but not (or no longer) in the figures' rows
        if key not in plans:
            plans[key] = protect_cohort(CohortRow(key[0], key[1]), counts, situations, peil_codes)
    cohorts = []
    for row in figs.rows:
        plan = plans[(row.cohort, row.school_type)]
        cohorts.append(
            {
                "vertrekjaar": row.cohort,
                "schoolsoort": row.school_type,
                "vertrokken": plan.left,
                "situaties": {key: plan.mix_cells(key) for key in plan.mix},
                "gemeten": {key: p.total for key, p in plan.mix.items()},
                "stabiel": _ratio_body(plan.measures["stabiel"]),
                "bereikt": _ratio_body(plan.measures["bereikt"]),
                "intake": _ratio_body(plan.measures["intake"]),
                "op_tijd": _ratio_body(plan.measures["op_tijd"]),
            }
        )
    body: dict[str, Any] = {
        "formaat": FORMAT,
        "formaat_versie": FORMAT_VERSION,
        "gemaakt_op": figs.today.isoformat(),
        "momenten": moments,
        "cohorten": cohorts,
        "intake_bekend": figs.intake_known,
    }
    if peildatum is not None:
        body["peildatum"] = peildatum.peildatum.isoformat()
        body["peildatum_bron"] = (
            "achteraf berekend"
            if peildatum.snapshot and peildatum.snapshot.retroactive
            else ("vastgelegd" if peildatum.snapshot else "berekend")
        )
        # "rows": the situation on the peildatum per cohort and school type (the message's main table).
        rows = []
        for cohort, kind in peildatum.counts:
            protected = plans[(cohort, kind)].on_date
            assert protected is not None
            rows.append(
                {
                    "vertrekjaar": cohort,
                    "schoolsoort": kind,
                    "situaties": plans[(cohort, kind)].on_date_cells(),
                    "totaal": protected.total,
                }
            )
        body["rows"] = rows
    return body


def figures_for_gemeente(session: Session, peildatum: dt.date, *, today: dt.date) -> dict[str, Any]:
    """The anonymised body a school sends for one peildatum: the figures as they stood on that date."""
    counts = peildatum_counts(session, peildatum, today=today)
    figs = cohort_figures(session, today=min(peildatum, today))
    return anonymised(figs, peildatum=counts)
