"""The rules of the overstap: check-in plan, states, handover status machine, consent, agreements."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from handover.domain.fields import SHAREABLE_SECTIONS
from handover.domain.validation import age_on
from handover.domain.vocab import DISENGAGED_SITUATIONS, ENGAGED_SITUATIONS

# ----------------------------------------------------------------------------------------------
# Check-in plan


@dataclass(frozen=True)
class PlanStep:
    months: int  # relative to the leaving date T0
    label: str


DEFAULT_PLAN: tuple[PlanStep, ...] = (
    PlanStep(-9, "Start overstap, toestemming vragen"),
    PlanStep(-3, "Driegesprek, afspraken vastleggen"),
    PlanStep(0, "Vertrek van school"),
    PlanStep(1, "Na 1 maand (zomer)"),
    PlanStep(3, "Na 3 maanden"),
    PlanStep(6, "Na 6 maanden"),
    PlanStep(12, "Na 1 jaar"),
    PlanStep(18, "Na 1,5 jaar"),
    PlanStep(24, "Na 2 jaar"),
)
SUPPORT_YEARS = 2
EXTRA_CHECKIN_DAYS = 14


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months, clamped to the month's last day (31 January + 1 month = 28/29 February)."""
    month_index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(month_index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def plan_from_months(months: Iterable[int]) -> tuple[PlanStep, ...]:
    """A school's own plan from a list of month offsets; labels follow the default where they match."""
    known = {s.months: s.label for s in DEFAULT_PLAN}
    steps = []
    for m in sorted(set(months)):
        if not -24 <= m <= 36:
            raise ValueError(f"{m} maanden valt buiten het plan (van -24 tot 36).")
        label = known.get(m) or (f"{-m} maanden voor vertrek" if m < 0 else f"Na {m} maanden")
        steps.append(PlanStep(m, label))
    return tuple(steps)


def planned_dates(leaving_date: dt.date, plan: Sequence[PlanStep] = DEFAULT_PLAN) -> list[tuple[PlanStep, dt.date]]:
    return [(step, add_months(leaving_date, step.months)) for step in plan]


def week_bounds(today: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of today's week."""
    monday = today - dt.timedelta(days=today.weekday())
    return monday, monday + dt.timedelta(days=6)


CHECKIN_STATE_LABELS = {
    "gehouden": "Gehouden",
    "gepland": "Gepland",
    "deze_week": "Deze week",
    "te_laat": "Te laat",
    "gemist": "Gemist",
}


def checkin_state(due: dt.date, held_on: dt.date | None, today: dt.date, later_held: bool = False) -> str:
    """``gehouden``, ``gepland``, ``deze_week``, ``te_laat`` (overdue) or ``gemist`` (a later one was held)."""
    if held_on is not None:
        return "gehouden"
    if due < today:
        return "gemist" if later_held else "te_laat"
    if due <= week_bounds(today)[1]:
        return "deze_week"
    return "gepland"


def next_open_due(checkins: Iterable[tuple[dt.date, dt.date | None]]) -> dt.date | None:
    """Due date of the first open check-in after the last held one (older open ones were missed).

    ``checkins`` are (due date, held on) pairs.
    """
    pairs = list(checkins)
    held = [due for due, held_on in pairs if held_on is not None]
    last_held = max(held) if held else None
    open_dues = [due for due, held_on in pairs if held_on is None and (last_held is None or due > last_held)]
    return min(open_dues) if open_dues else None


def support_ends(leaving_date: dt.date) -> dt.date:
    return add_months(leaving_date, 12 * SUPPORT_YEARS)


def retention_ends(leaving_date: dt.date) -> dt.date:
    """Two years after leaving plus the rest of that school year (school years end on 31 July)."""
    end = support_ends(leaving_date)
    year = end.year if end <= dt.date(end.year, 7, 31) else end.year + 1
    return dt.date(year, 7, 31)


# ----------------------------------------------------------------------------------------------
# Situation history


class HeldCheckIn(Protocol):
    # Read-only members: a stored row and a frozen view (services.views) both qualify.
    @property
    def held_on(self) -> dt.date | None: ...
    @property
    def situation(self) -> str | None: ...
    @property
    def reached(self) -> bool: ...


def known_situations(checkins: Iterable[HeldCheckIn]) -> list[tuple[dt.date, str]]:
    """Held and reached check-ins with a real situation, oldest first ("nog niet bereikt" says nothing)."""
    return sorted(
        (c.held_on, c.situation)
        for c in checkins
        if c.held_on is not None and c.reached and c.situation and c.situation != "niet_bereikt"
    )


def stable_since(checkins: Iterable[HeldCheckIn]) -> tuple[str, dt.date] | None:
    """The current situation and the date of the first of the consecutive check-ins that found it."""
    history = known_situations(checkins)
    if not history:
        return None
    current = history[-1][1]
    since = history[-1][0]
    for day, situation in reversed(history):
        if situation != current:
            break
        since = day
    return current, since


def needs_reactivation(previous: str | None, new: str | None, care_signal: str | None = None) -> bool:
    """Losing work or school, or a serious worry, re-enters active support with an extra check-in."""
    if care_signal == "zorg":
        return True
    return previous in ENGAGED_SITUATIONS and new in DISENGAGED_SITUATIONS


# ----------------------------------------------------------------------------------------------
# Handover status (section K)

MANUAL_TRANSITIONS: dict[str, frozenset[str]] = {
    "concept": frozenset({"klaar"}),
    "klaar": frozenset({"concept", "besproken"}),
    "besproken": frozenset({"klaar"}),
    "verstuurd": frozenset(),
    "ontvangen": frozenset({"afgerond"}),
    "afgerond": frozenset({"besproken"}),  # reopened: it will be sent again
}
# Only the sync engine (and the municipality's signed receipt) may set these.
SYNC_TRANSITIONS: dict[str, frozenset[str]] = {
    "klaar": frozenset({"verstuurd"}),
    "besproken": frozenset({"verstuurd"}),
    "verstuurd": frozenset({"ontvangen", "verstuurd"}),
    "ontvangen": frozenset({"ontvangen"}),
    "afgerond": frozenset({"afgerond"}),
}
SYNC_ONLY_STATUSES = frozenset({"verstuurd", "ontvangen"})
# The case is finished (begeleiding afgerond): lists show these apart from the active ones.
CLOSED_STATUSES = frozenset({"afgerond"})


class TransitionRefused(Exception):
    pass


def check_transition(current: str, new: str, *, by_sync: bool = False) -> None:
    from handover.domain.vocab import HANDOVER_STATUS

    allowed = (SYNC_TRANSITIONS if by_sync else MANUAL_TRANSITIONS).get(current, frozenset())
    if new in allowed:
        return
    if new in SYNC_ONLY_STATUSES and not by_sync:
        raise TransitionRefused(f"'{HANDOVER_STATUS.label_of(new)}' wordt door het versturen gezet, niet met de hand.")
    raise TransitionRefused(
        f"Van '{HANDOVER_STATUS.label_of(current)}' naar '{HANDOVER_STATUS.label_of(new)}' kan niet."
    )


def allowed_manual_statuses(current: str) -> list[str]:
    return sorted(MANUAL_TRANSITIONS.get(current, frozenset()))


# ----------------------------------------------------------------------------------------------
# Agreements


def agreement_state(status: str, deadline: dt.date | None, today: dt.date) -> str:
    """ "verlopen" is derived: an open agreement whose deadline has passed."""
    if status == "open" and deadline is not None and deadline < today:
        return "verlopen"
    return status


# ----------------------------------------------------------------------------------------------
# Consent (section J)

CONSENT_AGE = 16


class ConsentLike(Protocol):
    # Read-only members: a stored row and a frozen view (services.views) both qualify.
    @property
    def given_by(self) -> str: ...
    @property
    def age_at_consent(self) -> int | None: ...
    @property
    def recipient(self) -> str: ...
    @property
    def given_on(self) -> dt.date: ...
    @property
    def withdrawn_on(self) -> dt.date | None: ...
    @property
    def sections(self) -> Sequence[str]: ...
    @property
    def includes_health(self) -> bool: ...
    @property
    def representative_reason(self) -> str | None: ...


def consent_problem(consent: ConsentLike, birth_date: dt.date | None, on: dt.date) -> str | None:
    """Why this consent is not valid on ``on`` (None when it is)."""
    if consent.given_on > on:
        return "De toestemming gaat pas later in."
    if consent.withdrawn_on is not None and consent.withdrawn_on <= on:
        return "De toestemming is ingetrokken."
    age = consent.age_at_consent
    if age is None and birth_date is not None:
        age = age_on(birth_date, consent.given_on)
    if age is not None and age >= CONSENT_AGE and consent.given_by != "jongere":
        # Under curatele or mentorschap a wettelijk vertegenwoordiger consents, with that reason recorded.
        if consent.given_by != "vertegenwoordiger":
            return (
                "Vanaf 16 jaar geeft de jongere zelf toestemming "
                "(of bij curatele of mentorschap een wettelijk vertegenwoordiger)."
            )
        if not (consent.representative_reason or "").strip():
            return (
                "Vanaf 16 jaar geeft de jongere zelf toestemming. Een wettelijk vertegenwoordiger kan dat alleen "
                "als de jongere onder curatele of mentorschap staat: vul die reden in."
            )
    if age is not None and age < CONSENT_AGE and consent.given_by == "jongere":
        return "Onder 16 jaar geeft een ouder of wettelijk vertegenwoordiger toestemming."
    return None


def valid_consent_for(
    consents: Iterable[ConsentLike], recipient: str, birth_date: dt.date | None, on: dt.date
) -> ConsentLike | None:
    """The newest valid consent covering this recipient, or None: then nothing may be sent."""
    best = None
    for consent in consents:
        if consent.recipient.strip().casefold() != recipient.strip().casefold():
            continue
        if consent_problem(consent, birth_date, on) is None and (best is None or consent.given_on > best.given_on):
            best = consent
    return best


def shared_sections(consent: ConsentLike | None) -> list[str]:
    """Sections that may leave the school: A and K always, others as far as the consent covers them."""
    if consent is None:
        return []
    return ["A", *[s for s in SHAREABLE_SECTIONS if s in consent.sections], "J", "K"]
