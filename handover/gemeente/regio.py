"""Regio: the contact municipality compares the schools' anonymised figures side by side, with the total.

Each school the gemeente is connected to (a pinned school) is a column. A school that sent no
figures for the peildatum reads "geen cijfers ontvangen" in every row and is left out of the total:
it is never counted as zero. A school that did send but has nobody in a row (that cohort or school
type is not in its figures) reads "–" and counts as 0 there: it sent everything it had.

Counts under 5 arrive as "<5" (the school suppressed them), and a few larger ones as "x" (hidden
so that a "<5" cannot be worked back from the school's total). The total stays honest: "<5" stands
for 0 to 4 and "x" for 5 up to what the school's total leaves for it, so a total with such cells is
the range of every sum the schools' cells allow ("37–45"); a total whose range stays under 5 reads
"<5" itself. Percentages are summed the same way from their counts, and only given when every
count behind them is known. A measure no school exchanges (intake without an exchange with Werk
en Inkomen) reads "geen uitwisseling" in the total too.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, column, select, table
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from handover.domain.vocab import SCHOOL_TYPE, SITUATION
from handover.paths import private_write
from handover.services.outcomes_export import CELL_MIN, HIDDEN, MEASURES, SECONDARY
from handover.services.outcomes_suppress import hidden_ranges
from handover.sync.models import SyncPeer

NOT_RECEIVED = "geen cijfers ontvangen"
NO_EXCHANGE = "geen uitwisseling"
ON_DATE = "Op peildatum"
SMALL_MAX = CELL_MIN - 1  # "<5" is at most 4

_received = table(
    "received_figures",
    column("sender_org"),
    column("peildatum"),
    column("school_name"),
    column("body", JSON),
    column("received_at"),
)


@dataclass(frozen=True)
class Span:
    """A count known exactly (low == high) or only as a range because of "<5" and "x" cells
    (``high`` None: no upper limit known, when the school hid its total as well)."""

    low: int
    high: int | None

    @staticmethod
    def of(cell: object) -> Span:
        if isinstance(cell, bool):
            return Span(int(cell), int(cell))
        if isinstance(cell, int):
            return Span(cell, cell)
        if cell == HIDDEN:
            return Span(0, SMALL_MAX)
        if cell == SECONDARY:
            return Span(CELL_MIN, None)
        if isinstance(cell, str) and cell.strip().isdigit():
            return Span(int(cell), int(cell))
        return Span(0, 0)

    def __add__(self, other: Span) -> Span:
        high = None if self.high is None or other.high is None else self.high + other.high
        return Span(self.low + other.low, high)

    @property
    def exact(self) -> bool:
        return self.low == self.high

    def text(self) -> str:
        if self.exact:
            return str(self.low)
        if self.high is None:
            return f"{self.low} of meer"
        if self.high < CELL_MIN:
            return HIDDEN
        return f"{self.low}–{self.high}"


def _cell(cell: object) -> int | str:
    """A received cell as the suppression check reads it: an int, "<5" or "x"."""
    if isinstance(cell, bool):
        return int(cell)
    if isinstance(cell, int):
        return cell
    if cell in (HIDDEN, SECONDARY):
        return str(cell)
    if isinstance(cell, str) and cell.strip().isdigit():
        return int(cell)
    return 0


def row_spans(cells: Mapping[str, object], total: object) -> dict[str, Span]:
    """Each situation of one school's row as a span: "<5" as 0 to 4, an "x" from the row's total."""
    codes = list(cells)
    values = [_cell(cells[c]) for c in codes]
    ranges = hidden_ranges(values, _cell(total) if total is not None else None)
    result = {}
    for index, code in enumerate(codes):
        value = values[index]
        if isinstance(value, int):
            result[code] = Span(value, value)
        elif value == HIDDEN:
            result[code] = Span(0, SMALL_MAX)  # "<5": 0 to 4, as it reads
        else:
            result[code] = Span(*ranges[index])  # "x": 5 up to what the total leaves
    return result


def ratio_spans(ratio: Mapping[str, Any]) -> tuple[Span, Span]:
    """ "a van b" as spans: "x" for a is 5 up to b (the school hides a when b - a is under 5)."""
    count, of = _cell(ratio.get("aantal")), _cell(ratio.get("van"))
    of_span = Span.of(of)
    if isinstance(count, int):
        return Span(count, count), of_span
    if count == HIDDEN:
        return Span(0, SMALL_MAX if of_span.high is None else min(SMALL_MAX, of_span.high)), of_span
    if isinstance(of, int):
        return Span(max(CELL_MIN, of - SMALL_MAX), of), of_span
    return Span(CELL_MIN, None), of_span


@dataclass(frozen=True)
class SchoolColumn:
    org_id: str
    name: str
    received: bool
    received_at: dt.datetime | None = None


@dataclass(frozen=True)
class RegionRow:
    cohort: int
    school_type: str  # code; "" unknown
    part: str  # "Op peildatum" or a measure's label
    situation: str  # the situation's label ("" for a measure)
    cells: tuple[str, ...]  # per school column, as shown
    total: str
    total_span: Span
    of_span: Span | None = None  # a measure's denominator in the total

    @property
    def school_type_label(self) -> str:
        return SCHOOL_TYPE.label_of(self.school_type) if self.school_type else "Schoolsoort onbekend"


@dataclass
class RegionTable:
    peildatum: str | None  # ISO; None when nothing was ever received
    peildata: list[str]  # every peildatum received, newest first
    schools: list[SchoolColumn]
    rows: list[RegionRow] = field(default_factory=list)

    @property
    def received_count(self) -> int:
        return sum(1 for s in self.schools if s.received)

    @property
    def note(self) -> str:
        """Dutch: what the total covers."""
        missing = [s.name for s in self.schools if not s.received]
        text = f"Totaal over {self.received_count} van de {len(self.schools)} scholen."
        if missing:
            text += f" Geen cijfers ontvangen van: {', '.join(missing)} (niet meegeteld, niet als nul)."
        return text + (
            ' "<5" telt in het totaal als 0 tot 4, "x" (verborgen, 5 of meer) als wat het totaal van die school'
            " ervoor overlaat: dan staat er een bereik."
        )


def _cell_text(cell: object) -> str:
    if cell in (HIDDEN, SECONDARY):
        return str(cell)
    return str(Span.of(cell).low)


def _ratio_text(ratio: Mapping[str, Any] | None) -> str:
    if ratio is None:
        return NO_EXCHANGE
    text = f"{_cell_text(ratio.get('aantal'))} van {_cell_text(ratio.get('van'))}"
    pct = ratio.get("pct")
    if isinstance(pct, int | float):
        text += f" ({pct:.0f}%)"
    return text


def _rows_from(bodies: Mapping[str, Mapping[str, Any]], schools: list[SchoolColumn]) -> list[RegionRow]:
    """Every (cohort, school type, part, situation) any school sent, with a cell per school and the total."""
    # per school: key -> (cell text, span, of span)
    per_school: dict[str, dict[tuple[int, str, int, str], tuple[str, Span, Span | None]]] = {}
    keys: set[tuple[int, str, int, str]] = set()
    situations = SITUATION.codes()
    for org_id, body in bodies.items():
        found: dict[tuple[int, str, int, str], tuple[str, Span, Span | None]] = {}
        for row in body.get("rows") or []:
            cohort, kind = int(row.get("vertrekjaar", 0)), str(row.get("schoolsoort") or "")
            sent = row.get("situaties") or {}
            spans = row_spans(sent, row.get("totaal"))
            for situation, cell in sent.items():
                found[(cohort, kind, 0, situation)] = (_cell_text(cell), spans[situation], None)
        for row in body.get("cohorten") or []:
            cohort, kind = int(row.get("vertrekjaar", 0)), str(row.get("schoolsoort") or "")
            for index, (measure, _label) in enumerate(MEASURES, start=1):
                ratio = row.get(measure)
                if isinstance(ratio, Mapping):
                    found[(cohort, kind, index, measure)] = (_ratio_text(ratio), *ratio_spans(ratio))
                elif measure in row:
                    found[(cohort, kind, index, measure)] = (NO_EXCHANGE, Span(0, 0), None)
        per_school[org_id] = found
        keys |= set(found)

    def order(key: tuple[int, str, int, str]) -> tuple[int, str, int, int, str]:
        cohort, kind, part, code = key
        position = situations.index(code) if part == 0 and code in situations else len(situations)
        return cohort, kind, part, position, code

    labels = dict(MEASURES)
    rows = []
    for key in sorted(keys, key=order):
        cohort, kind, part, code = key
        cells: list[str] = []
        total = Span(0, 0)
        of_total: Span | None = Span(0, 0) if part else None
        exchanged = False  # a measure: at least one school has it (not "geen uitwisseling")
        for school in schools:
            if not school.received:
                cells.append(NOT_RECEIVED)
                continue
            got = per_school[school.org_id].get(key)
            if got is None:  # sent, but nobody of this cohort or school type there
                cells.append("–")
                continue
            text, span, of_span = got
            cells.append(text)
            total = total + span
            if of_total is not None and of_span is not None:
                of_total = of_total + of_span
                exchanged = True
        total_text = total.text()
        if part and of_total is not None:
            total_text = f"{total.text()} van {of_total.text()}"
            if total.exact and of_total.exact and of_total.low:
                total_text += f" ({100 * total.low / of_total.low:.0f}%)"
            if not exchanged:  # every school that sent: "geen uitwisseling" (never "0 van 0")
                total_text = NO_EXCHANGE
        rows.append(
            RegionRow(
                cohort,
                kind,
                ON_DATE if part == 0 else labels[code],
                SITUATION.label_of(code) if part == 0 else "",
                tuple(cells),
                total_text,
                total,
                of_total,
            )
        )
    return rows


def _received_rows(session: Session) -> list[Any]:
    try:
        return list(
            session.execute(
                select(_received.c.sender_org, _received.c.peildatum, _received.c.body, _received.c.received_at)
            )
        )
    except OperationalError:  # a workspace from before the table existed
        return []


def regional_table(session: Session, peildatum: str | dt.date | None = None) -> RegionTable:
    """Each pinned school and the total, side by side, for ``peildatum`` (default: the newest received)."""
    received = _received_rows(session)
    peildata = sorted({str(r.peildatum) for r in received}, reverse=True)
    wanted = (
        peildatum.isoformat() if isinstance(peildatum, dt.date) else peildatum or (peildata[0] if peildata else None)
    )
    bodies: dict[str, Mapping[str, Any]] = {}
    received_at: dict[str, Any] = {}
    for row in received:
        if str(row.peildatum) == wanted and isinstance(row.body, Mapping):
            bodies[row.sender_org] = row.body
            received_at[row.sender_org] = row.received_at
    peers = session.scalars(select(SyncPeer).where(SyncPeer.kind == "school").order_by(SyncPeer.name)).all()
    schools = [
        SchoolColumn(p.org_id, p.name, p.org_id in bodies, _as_datetime(received_at.get(p.org_id))) for p in peers
    ]
    known = {s.org_id for s in schools}
    names = {r.sender_org: r.sender_org for r in received}
    for org_id in sorted(set(bodies) - known):  # figures from a school no longer pinned: still shown
        schools.append(SchoolColumn(org_id, names[org_id], True, _as_datetime(received_at.get(org_id))))
    return RegionTable(wanted, peildata, schools, _rows_from(bodies, schools))


def _as_datetime(value: object) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            return None
    return None


HEADER = ["vertrekjaar", "schoolsoort", "onderdeel", "situatie"]


def regional_csv(region: RegionTable, path: Path) -> Path:
    """The regional table as CSV (";", UTF-8 with BOM): a column per school and "totaal"."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([*HEADER, *[s.name for s in region.schools], "totaal"])
    for row in region.rows:
        writer.writerow([row.cohort, row.school_type_label, row.part, row.situation, *row.cells, row.total])
    return private_write(Path(path), ("\ufeff" + buffer.getvalue()).encode("utf-8"))


def totals(rows: Iterable[RegionRow]) -> dict[tuple[int, str, str, str], Span]:
    """The total spans by (cohort, school type, part, situation): for tests and the screen."""
    return {(r.cohort, r.school_type, r.part, r.situation): r.total_span for r in rows}
