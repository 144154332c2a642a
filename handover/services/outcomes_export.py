"""The figures as they leave the screen: CSV for Excel, and the anonymised copy for the gemeente.

Privacy rule for everything that leaves the school (``for_gemeente=True``, :func:`anonymised`):
no names and no ids, and every count under 5 (0 included) reads "<5". A percentage is given only
when neither its count nor the rest of its total is under 5 (otherwise the hidden count could be
worked out from the percentage). The school's own copy shows the real numbers.

CSV: ``;`` as separator, UTF-8 with BOM, so Excel opens it with the right characters.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from handover.domain.vocab import SITUATION
from handover.paths import private_write
from handover.services.outcomes import (
    CohortFigures,
    CohortRow,
    Ratio,
    cohort_figures,
    is_reference_date,
    load_people,
    school_type_label,
)
from handover.services.outcomes_snapshots import SnapshotInfo, entries_from_people, snapshot_entries, snapshot_info

CELL_MIN = 5
HIDDEN = "<5"
FORMAT = "overstap-cijfers"
FORMAT_VERSION = 1

MEASURES: tuple[tuple[str, str], ...] = (
    ("stabiel", "Stabiel (6 maanden of langer)"),
    ("bereikt", "Bereikt na vertrek"),
    ("intake", "Intake Werk en Inkomen binnen 3 maanden"),
    ("op_tijd", "Contactmomenten op tijd"),
)

Cell = int | str


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


def peildatum_rows(counts: PeildatumCounts, *, for_gemeente: bool) -> list[list[Cell]]:
    """vertrekjaar, schoolsoort, situatie, aantal: every situation of every cohort (zeros too)."""
    rows: list[list[Cell]] = []
    for (cohort, kind), by_situation in counts.counts.items():
        for situation, n in by_situation.items():
            rows.append(
                [cohort, school_type_label(kind), SITUATION.label_of(situation), cell(n) if for_gemeente else n]
            )
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
    rows: list[list[Cell]] = []
    labels = {m.key: m.label for m in figs.moments}
    situations = figs.situations()

    def count(n: int) -> Cell:
        return cell(n) if for_gemeente else n

    for row in figs.rows:
        kind = row.school_type_label
        rows.append([row.cohort, kind, "Vertrokken", "", count(row.left), "", ""])
        for moment in figs.moments:
            mix = row.mix.get(moment.key)
            if not mix:
                continue
            measured = sum(mix.values())
            for situation in situations:
                n = mix.get(situation, 0)
                ratio = Ratio(n, measured)
                pct = safe_pct(ratio) if for_gemeente else ratio.pct
                rows.append(
                    [
                        row.cohort,
                        kind,
                        labels[moment.key],
                        SITUATION.label_of(situation),
                        count(n),
                        count(measured),
                        _nl_pct(pct),
                    ]
                )
        for key, label in MEASURES:
            measure = _measure(row, key)
            if measure is None:
                rows.append([row.cohort, kind, label, "", "", "", "geen uitwisseling"])
                continue
            pct = safe_pct(measure) if for_gemeente else measure.pct
            rows.append([row.cohort, kind, label, "", count(measure.count), count(measure.total), _nl_pct(pct)])
    return rows


def figures_csv(figs: CohortFigures, path: Path, *, for_gemeente: bool) -> Path:
    """The figures as CSV (``;``, UTF-8 with BOM, column ``aantal``); anonymised when ``for_gemeente``."""
    return private_write(Path(path), _csv_bytes(FIGURES_HEADER, figures_rows(figs, for_gemeente=for_gemeente)))


def _ratio_body(ratio: Ratio | None) -> dict[str, Any] | None:
    if ratio is None:
        return None
    return {"aantal": cell(ratio.count), "van": cell(ratio.total), "pct": safe_pct(ratio)}


def anonymised(figs: CohortFigures, *, peildatum: PeildatumCounts | None = None) -> dict[str, Any]:
    """The copy that leaves the school: no names, no ids, every count under 5 reads "<5".

    With ``peildatum`` the situation on that date comes from its counts (the frozen snapshot when
    there is one), so the gemeente sees what the school recorded, not a recalculation.
    """
    moments = [{"key": m.key, "label": m.label} for m in figs.moments]
    cohorts = []
    for row in figs.rows:
        mix = {
            key: {situation: cell(n) for situation, n in counts.items()} for key, counts in row.mix.items() if counts
        }
        cohorts.append(
            {
                "vertrekjaar": row.cohort,
                "schoolsoort": row.school_type,
                "vertrokken": cell(row.left),
                "situaties": mix,
                "gemeten": {key: cell(sum(counts.values())) for key, counts in row.mix.items() if counts},
                "stabiel": _ratio_body(row.stable),
                "bereikt": _ratio_body(row.reached),
                "intake": _ratio_body(row.intake),
                "op_tijd": _ratio_body(row.on_time),
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
        body["rows"] = [
            {
                "vertrekjaar": cohort,
                "schoolsoort": kind,
                "situaties": {situation: cell(n) for situation, n in counts.items()},
                "totaal": cell(sum(counts.values())),
            }
            for (cohort, kind), counts in peildatum.counts.items()
        ]
    return body


def figures_for_gemeente(session: Session, peildatum: dt.date, *, today: dt.date) -> dict[str, Any]:
    """The anonymised body a school sends for one peildatum: the figures as they stood on that date."""
    counts = peildatum_counts(session, peildatum, today=today)
    figs = cohort_figures(session, today=min(peildatum, today))
    return anonymised(figs, peildatum=counts)
