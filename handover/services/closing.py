"""Begeleiding afronden: closing a case at the end of the two years, reopening it, and the Doorstroompunt.

- :func:`close_case` records the final situation and closes the case; a closed case leaves the
  Vandaag cards and the schedule (``services.queries`` leaves it out). Audit-logged.
- :func:`reopen_case` opens it again (by hand, or by a check-in that records a job loss: see
  ``services.checkins``). The closing row stays, with when and why it was reopened.
- :func:`ready_to_close`: everyone at or past T+24 months whose case is still open.
- :class:`ClosingService` wraps these in a transaction each for the GUI and the CLI, and has the
  "Overdragen aan het Doorstroompunt" step: only with a valid consent that names the Doorstroompunt
  (as for Werk en Inkomen), it adds the agreement; the one-page handover is ``reports.doorstroompunt``.

Closing does not touch the handover status (section K, "Afgerond" there is about the dossier sent to
Werk en Inkomen) nor the dossier's fields, so nothing is sent because a case was closed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from handover.domain import rules
from handover.domain.fields import full_name
from handover.domain.validation import age_on
from handover.domain.vocab import DISENGAGED_SITUATIONS, SITUATION, SITUATION_REASON
from handover.services.context import AppContext
from handover.services.dossiers import DossierService, NotFound
from handover.services.views import DossierView, load_dossier_view
from handover.store import audit
from handover.store.closing import CaseClosure
from handover.store.models import Agreement, CheckIn, Youth

DOORSTROOMPUNT = "Doorstroompunt"
DOORSTROOMPUNT_ORG = "doorstroompunt"  # the AGREEMENT_ORG code
DOORSTROOMPUNT_AGE_LIMIT = 27
DOORSTROOMPUNT_ACTION = "Overdracht aan het Doorstroompunt: begeleiding na school voortzetten"
DOORSTROOMPUNT_DAYS = 14  # the agreement's deadline: the Doorstroompunt contacts the young person


class ClosingRefused(ValueError):
    """Closing, reopening or the Doorstroompunt step cannot be done; the message says why, in Dutch."""


@dataclass(frozen=True)
class Closure:
    youth_id: str
    closed_on: dt.date
    situation: str
    situation_reason: str | None
    closed_by: str
    reopened_on: dt.date | None = None
    reopened_by: str | None = None
    reopen_reason: str | None = None

    @property
    def closed(self) -> bool:
        return self.reopened_on is None

    @property
    def situation_text(self) -> str:
        text = SITUATION.label_of(self.situation)
        if self.situation_reason:
            text += f" ({SITUATION_REASON.label_of(self.situation_reason).lower()})"
        return text


def _closure(row: CaseClosure) -> Closure:
    return Closure(
        row.youth_id,
        row.closed_on,
        row.situation,
        row.situation_reason,
        row.closed_by,
        row.reopened_on,
        row.reopened_by,
        row.reopen_reason,
    )


def open_closure_ids() -> Select[str]:
    """A subquery of the young people whose case is closed now (for ``NOT IN`` in the lists)."""
    return select(CaseClosure.youth_id).where(CaseClosure.reopened_on.is_(None))


def _current_row(session: Session, youth_id: str) -> CaseClosure | None:
    return session.scalars(
        select(CaseClosure).where(CaseClosure.youth_id == youth_id, CaseClosure.reopened_on.is_(None))
    ).first()


def is_closed(session: Session, youth_id: str) -> bool:
    return _current_row(session, youth_id) is not None


def closure_of(session: Session, youth_id: str) -> Closure | None:
    """The current closing of this case (None while it is open)."""
    row = _current_row(session, youth_id)
    return _closure(row) if row is not None else None


def closure_history(session: Session, youth_id: str) -> list[Closure]:
    """Every closing of this case, oldest first (reopened ones included)."""
    rows = session.scalars(
        select(CaseClosure).where(CaseClosure.youth_id == youth_id).order_by(CaseClosure.closed_at)
    ).all()
    return [_closure(r) for r in rows]


def closed_cases(session: Session) -> dict[str, Closure]:
    """Every case that is closed now, by youth id."""
    rows = session.scalars(select(CaseClosure).where(CaseClosure.reopened_on.is_(None))).all()
    return {r.youth_id: _closure(r) for r in rows}


def check_situation(situation: str, reason: str | None = None) -> None:
    if situation not in SITUATION:
        valid = ", ".join(SITUATION.codes())
        raise ClosingRefused(f"Onbekende situatie '{situation}'. Kies uit: {valid}.")
    if reason is not None and reason not in SITUATION_REASON:
        valid = ", ".join(SITUATION_REASON.codes())
        raise ClosingRefused(f"Onbekende reden '{reason}'. Kies uit: {valid}.")


def close_case(
    session: Session,
    youth_id: str,
    *,
    situation: str,
    on: dt.date,
    actor: str,
    situation_reason: str | None = None,
) -> Closure:
    """Record the final situation and close the case (refused when it is closed already)."""
    check_situation(situation, situation_reason)
    if situation != "geen":
        situation_reason = None
    youth = session.get(Youth, youth_id)
    if youth is None or youth.anonymised:
        raise NotFound("Deze jongere bestaat niet (meer).")
    current = _current_row(session, youth_id)
    if current is not None:
        raise ClosingRefused(f"De begeleiding is al afgerond op {current.closed_on:%d-%m-%Y}.")
    row = CaseClosure(
        youth_id=youth_id, closed_on=on, situation=situation, situation_reason=situation_reason, closed_by=actor
    )
    session.add(row)
    session.flush()
    audit.record(
        session, actor, "status", "youth", youth_id, youth=youth_id, begeleiding="afgerond", situation=situation
    )
    return _closure(row)


def reopen_case(session: Session, youth_id: str, *, on: dt.date, actor: str, reason: str) -> Closure:
    """Open a closed case again; the closing stays in the history with when and why it was reopened."""
    row = _current_row(session, youth_id)
    if row is None:
        raise ClosingRefused("De begeleiding van deze jongere is niet afgerond, dus heropenen is niet nodig.")
    reason = " ".join(reason.split())[:300] or "Heropend"
    row.reopened_on, row.reopened_by, row.reopen_reason = on, actor, reason
    session.flush()
    audit.record(session, actor, "status", "youth", youth_id, youth=youth_id, begeleiding="heropend")
    return _closure(row)


@dataclass(frozen=True)
class ClosingCandidate:
    """Someone at or past T+24 months whose case is still open (the Vandaag card "Begeleiding afronden")."""

    youth_id: str
    name: str
    support_ends: dt.date
    situation: str | None  # the latest known situation (a suggestion for the final one)


def ready_to_close(session: Session, today: dt.date) -> list[ClosingCandidate]:
    """At or past the end of the two years (T+24 months), not closed: oldest end first."""
    # Leaving date at most two years before today (add_months clamps month ends, so compare per row).
    earliest = rules.add_months(today, -12 * rules.SUPPORT_YEARS) + dt.timedelta(days=3)
    rows = session.execute(
        select(
            Youth.id,
            Youth.first_names,
            Youth.called_name,
            Youth.infix,
            Youth.last_name,
            Youth.leaving_date,
            Youth.actual_situation,
        ).where(
            Youth.anonymised.is_(False),
            Youth.leaving_date.is_not(None),
            Youth.leaving_date <= earliest,
            Youth.id.not_in(open_closure_ids()),
        )
    ).all()
    found = []
    for r in rows:
        ends = rules.support_ends(r.leaving_date)
        if ends <= today:
            name = full_name(r.first_names, r.infix, r.last_name, r.called_name)
            found.append(ClosingCandidate(r.id, name, ends, r.actual_situation))
    return sorted(found, key=lambda c: (c.support_ends, c.name.casefold()))


def latest_situation(session: Session, youth_id: str) -> str | None:
    """The situation of the latest held and reached check-in (the suggested final situation)."""
    checkins = session.scalars(select(CheckIn).where(CheckIn.youth_id == youth_id)).all()
    stable = rules.stable_since(checkins)
    return stable[0] if stable else None


def doorstroompunt_consent(youth: DossierView, today: dt.date) -> rules.ConsentLike | None:
    """The newest valid consent whose recipient names the Doorstroompunt (e.g. "Doorstroompunt regio Utrecht")."""
    best: rules.ConsentLike | None = None
    for consent in youth.consents:
        if DOORSTROOMPUNT.casefold() not in consent.recipient.casefold():
            continue
        if rules.consent_problem(consent, youth.birth_date, today) is None and (
            best is None or consent.given_on > best.given_on
        ):
            best = consent
    return best


NO_DOORSTROOMPUNT_CONSENT = (
    "Er is geen geldige toestemming om gegevens aan het Doorstroompunt te geven. Leg eerst toestemming vast "
    "(onderdeel J) met als ontvanger het Doorstroompunt, bijvoorbeeld 'Doorstroompunt regio Utrecht'."
)


def check_doorstroompunt(youth: DossierView, situation: str | None, today: dt.date) -> rules.ConsentLike:
    """Why the Doorstroompunt step cannot be done (raises ClosingRefused), or the consent that covers it."""
    if situation not in DISENGAGED_SITUATIONS:
        raise ClosingRefused(
            "Overdragen aan het Doorstroompunt is voor een jongere die nog geen werk, school of dagbesteding "
            f"heeft. De situatie is nu: {SITUATION.label_of(situation) or 'onbekend'}."
        )
    if age_on(youth.birth_date, today) >= DOORSTROOMPUNT_AGE_LIMIT:
        raise ClosingRefused(f"Het Doorstroompunt helpt jongeren tot {DOORSTROOMPUNT_AGE_LIMIT} jaar.")
    consent = doorstroompunt_consent(youth, today)
    if consent is None:
        raise ClosingRefused(NO_DOORSTROOMPUNT_CONSENT)
    return consent


class ClosingService:
    """One transaction per action, for the GUI and the CLI."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def close(self, youth_id: str, situation: str, situation_reason: str | None = None) -> Closure:
        with self.ctx.session() as session:
            return close_case(
                session,
                youth_id,
                situation=situation,
                situation_reason=situation_reason,
                on=self.ctx.today(),
                actor=self.ctx.actor,
            )

    def reopen(self, youth_id: str, reason: str = "Heropend door de mentor") -> Closure:
        with self.ctx.session() as session:
            if session.get(Youth, youth_id) is None:
                raise NotFound("Deze jongere bestaat niet (meer).")
            return reopen_case(session, youth_id, on=self.ctx.today(), actor=self.ctx.actor, reason=reason)

    def state(self, youth_id: str) -> CaseState:
        """What the dossier shows about the end of support: closed or not, when it ends, the suggestion."""
        today = self.ctx.today()
        with self.ctx.session() as session:
            youth = session.get(Youth, youth_id)
            if youth is None:
                raise NotFound("Deze jongere bestaat niet (meer).")
            ends = rules.support_ends(youth.leaving_date) if youth.leaving_date else None
            history = closure_history(session, youth_id)
            suggestion = latest_situation(session, youth_id)
            handed = session.scalar(
                select(func.count(Agreement.id)).where(
                    Agreement.youth_id == youth_id,
                    Agreement.organisation == DOORSTROOMPUNT_ORG,
                    Agreement.action == DOORSTROOMPUNT_ACTION,
                )
            )
        current = history[-1] if history and history[-1].closed else None
        final = current.situation if current else suggestion
        return CaseState(
            youth_id, ends, current, history, suggestion, bool(ends and ends <= today), final, bool(handed)
        )

    def hand_over_to_doorstroompunt(self, youth_id: str) -> str:
        """Add the agreement "Overdracht aan het Doorstroompunt" (once), after the consent check. Returns its id."""
        state = self.state(youth_id)
        with self.ctx.session() as session:
            view = load_dossier_view(session, youth_id)
            if view is None:
                raise NotFound("Deze jongere bestaat niet (meer).")
            existing = session.scalar(
                select(Agreement.id).where(
                    Agreement.youth_id == youth_id,
                    Agreement.organisation == DOORSTROOMPUNT_ORG,
                    Agreement.action == DOORSTROOMPUNT_ACTION,
                )
            )
        check_doorstroompunt(view, state.final_situation, self.ctx.today())
        if existing is not None:
            return str(existing)
        return DossierService(self.ctx).add_item(
            youth_id,
            "agreements",
            {
                "action": DOORSTROOMPUNT_ACTION,
                "organisation": DOORSTROOMPUNT_ORG,
                "deadline": self.ctx.today() + dt.timedelta(days=DOORSTROOMPUNT_DAYS),
            },
        )


@dataclass(frozen=True)
class CaseState:
    youth_id: str
    support_ends: dt.date | None
    closure: Closure | None  # the current closing; None while open
    history: list[Closure]
    suggested_situation: str | None
    at_end: bool  # at or past T+24 months
    final_situation: str | None  # the closing's situation, or else the latest known one
    handed_to_doorstroompunt: bool

    @property
    def closed(self) -> bool:
        return self.closure is not None

    @property
    def offers_doorstroompunt(self) -> bool:
        return self.final_situation in DISENGAGED_SITUATIONS and (self.at_end or self.closed)
