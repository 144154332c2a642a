"""Outcome figures per leaving cohort (vertrekjaar) and school type, from the check-in history.

Pure functions over the store with an injected ``today``; no Qt. What each figure means:

- **Cohort** (vertrekjaar): the year of the leaving date. Only young people who have left
  (leaving date on or before ``today``) are counted.
- **Situation on a date**: the situation of the last check-in held on or before that date at which
  the young person was reached. When no check-in in the six months up to that date reached them,
  the situation is "nog niet bereikt" (``niet_bereikt``).
- **Moments**: T+6, T+12 and T+24 months after the leaving date, and every 1 November reference
  date (peildatum) on which the young person was in follow-up: the leaving date lies in the two
  years before it (``peildatum - 24 months <= leaving date < peildatum``). At T+6, T+12 and T+24
  the situation is taken 14 days after that date, so the check-in planned for it counts when it
  was held on time (see "op tijd"); a young person counts there once those 14 days have passed. On
  a peildatum it is the situation on the date itself.
- **Stabiel (>= 6 maanden)**: at the end of the follow-up (T+24, or today when earlier) the last
  known situation is work, school or day activity (including a traject naar werk, as everywhere in
  the app), was found within the six months before, and consecutive check-ins found it over at
  least six months (a 14-day margin, as for "op tijd": the later check-in may be held a little
  early or the first a little late). Counted among those at least six months after leaving.
- **Bereikt**: reached at least once at a check-in held on or after the leaving date (up to T+24).
- **Intake binnen 3 maanden**: Werk en Inkomen planned an intake (status message "intake
  gepland") on a date no later than three months after the leaving date. Counted among those at
  least three months after leaving. ``None`` when this school has no exchange with Werk en Inkomen.
- **Op tijd**: a check-in of the plan from the leaving date on (T+0 and later; extra check-ins are
  not planned, so they do not count) is on time when it was held no later than 14 days after its
  planned date (earlier is fine; an attempt that did not reach the young person counts as held). A
  planned check-in counts once it was held or once its 14 days have passed.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from handover.domain.rules import add_months
from handover.domain.vocab import ENGAGED_SITUATIONS, SCHOOL_TYPE, SITUATION
from handover.services.outcomes_intake import intake_dates

POINT_MONTHS = (6, 12, 24)
FOLLOW_UP_MONTHS = 24
NOT_REACHED_MONTHS = 6
STABLE_MONTHS = 6
INTAKE_MONTHS = 3
ON_TIME_DAYS = 14
NOT_REACHED = "niet_bereikt"
UNKNOWN_TYPE = ""  # school type not filled in

# Situations grouped for the charts; every SITUATION code belongs to exactly one group.
SITUATION_GROUPS: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("werk", "Werk", frozenset({"werk", "werk_lks", "beschut_werk", "werk_bbl"})),
    ("school", "School", frozenset({"mbo_entree", "mbo_2", "mbo_hoger", "ander_onderwijs"})),
    ("dagbesteding", "Dagbesteding", frozenset({"dagbesteding_arbeid", "dagbesteding_activiteit"})),
    ("traject", "Traject naar werk", frozenset({"traject"})),
    ("geen", "Nog geen werk, school of dagbesteding", frozenset({"geen"})),
    ("verhuisd", "Verhuisd/buitenland", frozenset({"verhuisd"})),
    (NOT_REACHED, "Nog niet bereikt", frozenset({NOT_REACHED})),
)
OTHER_GROUP = ("anders", "Anders")
ENGAGED_LABEL = "Werk, school of dagbesteding"


def group_of(situation: str) -> str:
    for code, _label, members in SITUATION_GROUPS:
        if situation in members:
            return code
    return OTHER_GROUP[0]


def school_type_label(code: str) -> str:
    return SCHOOL_TYPE.label_of(code) if code else "Schoolsoort onbekend"


# ----------------------------------------------------------------------------------------------
# Reference dates


def is_reference_date(day: dt.date) -> bool:
    return day.month == 11 and day.day == 1


def latest_reference_date(today: dt.date) -> dt.date:
    """The most recent 1 November on or before ``today``."""
    this_year = dt.date(today.year, 11, 1)
    return this_year if today >= this_year else dt.date(today.year - 1, 11, 1)


def in_follow_up(leaving_date: dt.date, peildatum: dt.date) -> bool:
    """The leaving date lies in the two years before the reference date."""
    return _months_after(peildatum, -FOLLOW_UP_MONTHS) <= leaving_date < peildatum


def reference_dates_of(leaving_date: dt.date, today: dt.date) -> list[dt.date]:
    """Every 1 November up to ``today`` on which this young person was in follow-up."""
    found = []
    year = leaving_date.year
    while True:
        day = dt.date(year, 11, 1)
        if day > today or not day <= _months_after(leaving_date, FOLLOW_UP_MONTHS):
            break
        if in_follow_up(leaving_date, day):
            found.append(day)
        year += 1
    return found


# ----------------------------------------------------------------------------------------------
# One young person's history


@dataclass
class Person:
    """What the figures need of one young person: no name, nothing else."""

    id: str
    leaving_date: dt.date
    school_type: str
    route: str | None
    # Held check-ins at which the young person was reached with a real situation, oldest first.
    history: list[tuple[dt.date, str]] = field(default_factory=list)
    # Planned check-ins from the leaving date on: (due date, held on).
    planned: list[tuple[dt.date, dt.date | None]] = field(default_factory=list)
    # Or, when read by load_people, already counted in the database: (on time, counted).
    on_time: tuple[int, int] | None = None

    @property
    def cohort(self) -> int:
        return self.leaving_date.year


def situation_on(history: Sequence[tuple[dt.date, str]], day: dt.date) -> tuple[str, dt.date | None]:
    """The situation on ``day`` and the date of the check-in it comes from (None: not reached)."""
    index = bisect.bisect_right(history, (day, "\uffff"))
    if index == 0:
        return NOT_REACHED, None
    held_on, situation = history[index - 1]
    if held_on <= _months_after(day, -NOT_REACHED_MONTHS):
        return NOT_REACHED, None
    return situation, held_on


def stable_since_on(history: Sequence[tuple[dt.date, str]], day: dt.date) -> dt.date | None:
    """ "Stabiel sinds" on ``day``: the first of the consecutive check-ins up to then in today's situation."""
    index = bisect.bisect_right(history, (day, "\uffff"))
    if index == 0:
        return None
    current = history[index - 1][1]
    since = history[index - 1][0]
    for held_on, situation in reversed(history[: index - 1]):
        if situation != current:
            break
        since = held_on
    return since


def is_stable(history: Sequence[tuple[dt.date, str]], day: dt.date) -> bool:
    """In work, school or day activity on ``day``, found so over at least six months (see the module doc)."""
    situation, held_on = situation_on(history, day)
    if held_on is None or situation not in ENGAGED_SITUATIONS:
        return False
    since = stable_since_on(history, day)
    assert since is not None
    return since <= _months_after(held_on, -STABLE_MONTHS) + dt.timedelta(days=ON_TIME_DAYS)


def end_of_follow_up(person: Person, today: dt.date) -> dt.date:
    return min(today, add_months(person.leaving_date, FOLLOW_UP_MONTHS))


# ----------------------------------------------------------------------------------------------
# The figures


@dataclass(frozen=True)
class Ratio:
    count: int
    total: int

    @property
    def pct(self) -> float | None:
        """Percentage, one decimal; None when nobody counts yet."""
        return round(100.0 * self.count / self.total, 1) if self.total else None

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.count + other.count, self.total + other.total)


@dataclass(frozen=True)
class Moment:
    key: str  # "T+6", "T+12", "T+24" or the ISO date of a 1 November
    label: str
    months: int | None = None
    day: dt.date | None = None

    @property
    def is_reference(self) -> bool:
        return self.day is not None


def point_moment(months: int) -> Moment:
    label = "Na 1 jaar" if months == 12 else "Na 2 jaar" if months == 24 else f"Na {months} maanden"
    return Moment(f"T+{months}", label, months=months)


def reference_moment(day: dt.date) -> Moment:
    return Moment(day.isoformat(), f"Peildatum {day.day}-{day.month}-{day.year}", day=day)


@dataclass
class CohortRow:
    cohort: int  # vertrekjaar
    school_type: str  # SCHOOL_TYPE code, "" when unknown, "alle" after merge_school_types
    left: int = 0  # young people of this cohort who have left
    mix: dict[str, dict[str, int]] = field(default_factory=dict)  # moment key -> situation -> count
    stable: Ratio = Ratio(0, 0)
    reached: Ratio = Ratio(0, 0)
    intake: Ratio | None = None
    on_time: Ratio = Ratio(0, 0)

    @property
    def school_type_label(self) -> str:
        return "Alle schoolsoorten" if self.school_type == ALL_TYPES else school_type_label(self.school_type)

    def measured(self, moment_key: str) -> int:
        return sum(self.mix.get(moment_key, {}).values())

    def engaged(self, moment_key: str) -> Ratio:
        """In work, school or day activity at that moment (the line in the chart)."""
        counts = self.mix.get(moment_key, {})
        return Ratio(sum(n for s, n in counts.items() if s in ENGAGED_SITUATIONS), sum(counts.values()))

    def groups(self, moment_key: str) -> dict[str, int]:
        """The mix at that moment in the chart's groups (werk, school, ...), every group present."""
        result = {code: 0 for code, _label, _members in SITUATION_GROUPS}
        for situation, n in self.mix.get(moment_key, {}).items():
            group = group_of(situation)
            result[group] = result.get(group, 0) + n
        return result


ALL_TYPES = "alle"


@dataclass
class CohortFigures:
    today: dt.date
    school_type: str | None
    moments: list[Moment]
    rows: list[CohortRow]
    intake_known: bool  # False: no exchange with Werk en Inkomen, the intake figure is None everywhere

    def situations(self) -> list[str]:
        """The situation codes in display order: the vocabulary's, then any school-specific ones."""
        seen = {s for row in self.rows for counts in row.mix.values() for s in counts}
        known = SITUATION.codes()
        return known + sorted(seen - set(known))

    def row(self, cohort: int, school_type: str) -> CohortRow | None:
        return next((r for r in self.rows if r.cohort == cohort and r.school_type == school_type), None)


def _empty_mix() -> dict[str, int]:
    return dict.fromkeys(SITUATION.codes(), 0)


def figures_from_people(
    people: Iterable[Person],
    *,
    today: dt.date,
    school_type: str | None = None,
    intake_dates: Mapping[str, dt.date] | None = None,
) -> CohortFigures:
    """The figures of :func:`cohort_figures` from people already read (pure; used by the tests)."""
    rows: dict[tuple[int, str], CohortRow] = {}
    # Per row: stable, stable total, reached, intake, intake total, on time, on time total (plain ints: fast).
    tallies: dict[tuple[int, str], list[int]] = {}
    reference_days: set[dt.date] = set()
    grace = dt.timedelta(days=ON_TIME_DAYS)
    for person in people:
        leaving = person.leaving_date
        if leaving > today or (school_type is not None and person.school_type != school_type):
            continue
        key = (person.cohort, person.school_type)
        row = rows.get(key)
        if row is None:
            row = rows[key] = CohortRow(person.cohort, person.school_type)
            tallies[key] = [0] * 7
        tally = tallies[key]
        row.left += 1
        history = person.history
        for months in POINT_MONTHS:
            day = _months_after(leaving, months) + grace  # the check-in of that moment, held on time
            if day <= today:
                counts = row.mix.get(_POINT_KEYS[months])
                if counts is None:
                    counts = row.mix[_POINT_KEYS[months]] = _empty_mix()
                situation = situation_on(history, day)[0]
                counts[situation] = counts.get(situation, 0) + 1
        for day in reference_dates_of(leaving, today):
            reference_days.add(day)
            counts = row.mix.get(_iso(day))
            if counts is None:
                counts = row.mix[_iso(day)] = _empty_mix()
            situation = situation_on(history, day)[0]
            counts[situation] = counts.get(situation, 0) + 1
        end = min(today, _months_after(leaving, FOLLOW_UP_MONTHS))
        if _months_after(leaving, STABLE_MONTHS) <= today:
            tally[1] += 1
            if is_stable(history, end):
                tally[0] += 1
        if any(leaving <= held_on <= end for held_on, _situation in history):
            tally[2] += 1
        if intake_dates is not None:
            deadline = _months_after(leaving, INTAKE_MONTHS)
            if deadline <= today:
                tally[4] += 1
                intake = intake_dates.get(person.id)
                if intake is not None and intake <= deadline:
                    tally[3] += 1
        if person.on_time is not None:
            tally[5] += person.on_time[0]
            tally[6] += person.on_time[1]
        for due, held_on in person.planned:
            if held_on is not None:
                tally[6] += 1
                if held_on <= due + grace:
                    tally[5] += 1
            elif due + grace < today:
                tally[6] += 1
    for key, row in rows.items():
        tally = tallies[key]
        row.stable = Ratio(tally[0], tally[1])
        row.reached = Ratio(tally[2], row.left)
        row.intake = None if intake_dates is None else Ratio(tally[3], tally[4])
        row.on_time = Ratio(tally[5], tally[6])
    moments = [point_moment(m) for m in POINT_MONTHS] + [reference_moment(d) for d in sorted(reference_days)]
    ordered = sorted(rows.values(), key=lambda r: (r.cohort, r.school_type))
    return CohortFigures(today, school_type, moments, ordered, intake_dates is not None)


_POINT_KEYS = {m: f"T+{m}" for m in POINT_MONTHS}


@functools.lru_cache(maxsize=65536)
def _months_after(day: dt.date, months: int) -> dt.date:
    """:func:`rules.add_months`, cached: 10,000 young people share a few hundred leaving dates."""
    return add_months(day, months)


@functools.lru_cache(maxsize=4096)
def _iso(day: dt.date) -> str:
    return day.isoformat()


def merge_school_types(figs: CohortFigures) -> CohortFigures:
    """One row per cohort over all school types (school type "alle")."""
    merged: dict[int, CohortRow] = {}
    for row in figs.rows:
        target = merged.get(row.cohort)
        if target is None:
            target = merged[row.cohort] = CohortRow(
                row.cohort, ALL_TYPES, intake=None if row.intake is None else Ratio(0, 0)
            )
        target.left += row.left
        for key, counts in row.mix.items():
            into = target.mix.setdefault(key, _empty_mix())
            for situation, n in counts.items():
                into[situation] = into.get(situation, 0) + n
        target.stable += row.stable
        target.reached += row.reached
        target.on_time += row.on_time
        if target.intake is not None and row.intake is not None:
            target.intake += row.intake
    rows = [merged[c] for c in sorted(merged)]
    return CohortFigures(figs.today, ALL_TYPES, figs.moments, rows, figs.intake_known)


# ----------------------------------------------------------------------------------------------
# Reading the store


_YOUTHS_SQL = (
    "SELECT id, leaving_date, school_type, route FROM youths WHERE leaving_date IS NOT NULL AND leaving_date <= ?"
)


@functools.lru_cache(maxsize=65536)
def _parse_cached(day: str) -> dt.date:
    return dt.date.fromisoformat(day)


# One scan of the table (NOT INDEXED: through the held_on index 50,000 look-ups cost three times as much).
_CHECKINS_SQL = (
    "SELECT youth_id, plan_months, due_date, held_on, reached, situation FROM checkins NOT INDEXED "
    "WHERE held_on IS NOT NULL OR plan_months >= 0"
)


@functools.lru_cache(maxsize=65536)
def _on_time_until(due: str) -> str:
    """The last day (ISO) a check-in planned on ``due`` is held on time."""
    return (dt.date.fromisoformat(due) + dt.timedelta(days=ON_TIME_DAYS)).isoformat()


def _raw(session: Session, statement: str, params: tuple[object, ...]) -> list[tuple[Any, ...]]:
    """Rows from the driver's own cursor, inside the session's transaction: no row objects, no type processing."""
    cursor = session.connection().connection.cursor()
    try:
        cursor.execute(statement, params)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def load_people(
    session: Session, *, today: dt.date, school_type: str | None = None, with_on_time: bool = True
) -> list[Person]:
    """Everyone who has left by ``today``, with their reached situations up to then (and the on-time counts)."""
    limit = today.isoformat()
    parse = dt.date.fromisoformat
    people: dict[str, Person] = {}
    for youth_id, leaving, kind, route in _raw(session, _YOUTHS_SQL, (limit,)):
        kind = kind or UNKNOWN_TYPE
        if school_type is None or kind == school_type:
            people[youth_id] = Person(youth_id, _parse_cached(leaving), kind, route)
    if not people:
        return []
    # The driver's plain rows: SQLite keeps dates as ISO text (10,000 young people have about 90,000
    # check-ins; the ORM's row processing alone cost 300 ms). "On time" is counted by the database.
    on_time: dict[str, list[int]] = {}
    for youth_id, plan_months, due, held_on, reached, situation in _raw(session, _CHECKINS_SQL, ()):
        person = people.get(youth_id)
        if person is None:
            continue
        held = held_on is not None and held_on <= limit
        if held and reached and situation and situation != NOT_REACHED:
            person.history.append((parse(held_on), situation))
        if with_on_time and plan_months is not None and plan_months >= 0:
            until = _on_time_until(due)
            if held or until < limit:
                tally = on_time.get(youth_id)
                if tally is None:
                    tally = on_time[youth_id] = [0, 0]
                tally[1] += 1
                if held and held_on <= until:
                    tally[0] += 1
    if with_on_time:
        for person in people.values():
            counts = on_time.get(person.id)
            person.on_time = (counts[0], counts[1]) if counts else (0, 0)
    for person in people.values():
        person.history.sort()
    return list(people.values())


def cohort_figures(
    session: Session,
    *,
    today: dt.date,
    school_type: str | None = None,
    intake: Mapping[str, dt.date] | None | bool = True,
) -> CohortFigures:
    """Per leaving cohort and school type: the situation mix at T+6, T+12, T+24 and on each 1 November,
    and the four percentages (see the module docstring for what each one means).

    ``school_type``: only that type ("" for those without one). ``intake``: True reads the intake
    dates from the replies of Werk en Inkomen; a mapping gives them (youth id -> date); None or
    False leaves the intake figure out.
    """
    people = load_people(session, today=today, school_type=school_type)
    if intake is True:
        dates: Mapping[str, dt.date] | None = intake_dates(session)
    elif intake is False or intake is None:
        dates = None
    else:
        dates = intake
    return figures_from_people(people, today=today, school_type=school_type, intake_dates=dates)
