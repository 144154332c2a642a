"""Read-only lists for the screens and the CLI: fast, column-only queries (no ORM object graphs)."""

from __future__ import annotations

import datetime as dt
import operator
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from handover.domain import rules
from handover.domain.fields import full_name, sort_name
from handover.services.context import AppContext
from handover.store.closing import CaseClosure
from handover.store.models import Agreement, AuditEvent, CheckIn, Consent, Youth


class UnknownYouth(ValueError):
    """The id given names no young person, or more than one; the message says which, in Dutch."""


def resolve_youth(ctx: AppContext, ident: str) -> str:
    """A full id, or a unique prefix of at least 6 characters as printed by ``handover list``."""
    ident = ident.strip().lower()
    if len(ident) < 6:
        raise UnknownYouth("Geef minstens de eerste 6 tekens van het id (zie 'handover list').")
    with ctx.session() as session:
        found = list(session.scalars(select(Youth.id).where(Youth.id.like(ident + "%"))).all())
    if len(found) != 1:
        raise UnknownYouth(f"Geen jongere gevonden met id {ident}." if not found else f"Id {ident} is niet uniek.")
    return found[0]


@dataclass(frozen=True)
class DuplicateMatch:
    """Someone already in the list with the same name and birth date (a possible duplicate)."""

    id: str
    name: str
    school_class: str
    student_number: str


def name_key(text: str | None) -> str:
    """A name as compared for duplicates: NFKC ("Ĳ" is "IJ"), case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text or "").casefold().split())


def _same_first_name(given: str, first_names: str, called_name: str | None) -> bool:
    """A given first name "Jan" matches "Jan", any of the voornamen ("Pieter Jan") and a roepnaam "Jan".

    Lenient on purpose: the result is a warning to look, never a refusal."""
    wanted = name_key(given)
    if not wanted:
        return True  # only a last name and birth date were given: those decide
    firsts = name_key(first_names)
    candidates = {firsts, name_key(called_name), *firsts.split(" ")}
    return wanted in candidates or wanted.split(" ")[0] in candidates


_PERSON_COLUMNS = (
    Youth.id,
    Youth.first_names,
    Youth.called_name,
    Youth.infix,
    Youth.last_name,
    Youth.school_class,
    Youth.student_number,
    Youth.birth_date,
)


def _matches(rows: Iterable[Any], first: str, last: str, exclude_id: str | None) -> list[DuplicateMatch]:
    # Names compare in Python: SQLite's lower() knows ASCII only ("Özdemir").
    return [
        DuplicateMatch(
            r.id,
            full_name(r.first_names, r.infix, r.last_name, r.called_name),
            r.school_class or "",
            r.student_number or "",
        )
        for r in rows
        if r.id != exclude_id
        and name_key(r.last_name) == name_key(last)
        and _same_first_name(first, r.first_names, r.called_name)
    ]


def find_duplicates(
    source: AppContext | Session, first: str, last: str, birth_date: dt.date, *, exclude_id: str | None = None
) -> list[DuplicateMatch]:
    """People already there with this last name (any case) and birth date, and a matching first name.

    ``first`` may be the voornamen or the roepnaam. Shared by the import and the "new young person"
    dialog, which warn rather than refuse: two people can share a name and a birthday.
    """
    query = select(*_PERSON_COLUMNS).where(Youth.anonymised.is_(False), Youth.birth_date == birth_date)
    if isinstance(source, Session):
        rows = source.execute(query).all()
    else:
        with source.session() as session:
            rows = session.execute(query).all()
    return _matches(rows, first, last, exclude_id)


class DuplicateIndex:
    """:func:`find_duplicates` for many look-ups (an import of 10,000 rows): everyone read in one query."""

    def __init__(self, session: Session) -> None:
        self._by_birth: dict[dt.date, list[Any]] = {}
        for row in session.execute(select(*_PERSON_COLUMNS).where(Youth.anonymised.is_(False))).all():
            self._by_birth.setdefault(row.birth_date, []).append(row)

    def find(self, first: str, last: str, birth_date: dt.date) -> list[DuplicateMatch]:
        return _matches(self._by_birth.get(birth_date, ()), first, last, None)


@dataclass(frozen=True)
class YouthRow:
    id: str
    name: str
    sort_key: str
    school_class: str
    route: str | None
    leaving_date: dt.date | None
    status: str
    next_checkin: dt.date | None
    fixed_contact: str
    mentor: str
    attention: str | None

    @property
    def cohort(self) -> int | None:
        """Leaving year: the school year that ends in it."""
        return self.leaving_date.year if self.leaving_date else None


def youth_rows(ctx: AppContext) -> list[YouthRow]:
    """One row per young person for the list: one Core query of the list's columns on the session's
    connection (plain tuples: no ORM loading, it runs at every start), names made and sorted here."""
    c = Youth.__table__.c
    query = select(
        c.id,
        c.first_names,
        c.called_name,
        c.infix,
        c.last_name,
        c.school_class,
        c.route,
        c.leaving_date,
        c.status,
        c.mentor,
        c.attention,
        c.next_checkin_due,
        c.fixed_contact_name,
    ).where(c.anonymised.is_(False))
    with ctx.session() as session:
        raw = session.connection().execute(query).all()
    rows = [
        YouthRow(
            id_,
            full_name(first, infix, last, called),
            sort_name(last, infix, first).casefold(),
            school_class or "",
            route,
            leaving,
            status,
            next_due,
            fixed or "",
            mentor or "",
            attention,
        )
        for (
            id_,
            first,
            called,
            infix,
            last,
            school_class,
            route,
            leaving,
            status,
            mentor,
            attention,
            next_due,
            fixed,
        ) in raw
    ]
    rows.sort(key=_SORT_KEY)
    return rows


_SORT_KEY = operator.attrgetter("sort_key")


@dataclass(frozen=True)
class CheckInRow:
    checkin_id: str
    youth_id: str
    name: str
    label: str
    due_date: dt.date
    state: str


def case_open() -> ColumnElement[bool]:
    """The young person's case is not closed (Begeleiding afronden, services.closing): closed ones leave
    the Vandaag cards and the schedule."""
    return Youth.id.not_in(select(CaseClosure.youth_id).where(CaseClosure.reopened_on.is_(None)))


def _checkin_rows(ctx: AppContext, condition: ColumnElement[bool]) -> list[CheckInRow]:
    """Open check-ins (not held, not marked gemist met reden) of open cases."""
    today = ctx.today()
    with ctx.session() as session:
        rows = session.execute(
            select(
                CheckIn.id,
                CheckIn.youth_id,
                CheckIn.label,
                CheckIn.due_date,
                Youth.first_names,
                Youth.called_name,
                Youth.infix,
                Youth.last_name,
            )
            .join(Youth, Youth.id == CheckIn.youth_id)
            .where(Youth.anonymised.is_(False), CheckIn.held_on.is_(None), CheckIn.missed_on.is_(None), condition)
            .order_by(CheckIn.due_date)
        ).all()
        # Closed cases are few: left out here rather than with a NOT IN per row.
        closed = set(session.scalars(select(CaseClosure.youth_id).where(CaseClosure.reopened_on.is_(None))).all())
    return [
        CheckInRow(
            r.id,
            r.youth_id,
            full_name(r.first_names, r.infix, r.last_name, r.called_name),
            r.label,
            r.due_date,
            rules.checkin_state(r.due_date, None, today),
        )
        for r in rows
        if r.youth_id not in closed
    ]


def due_this_week(ctx: AppContext) -> list[CheckInRow]:
    today = ctx.today()
    _, sunday = rules.week_bounds(today)
    return _checkin_rows(ctx, and_(CheckIn.due_date >= today, CheckIn.due_date <= sunday))


def overdue_checkins(ctx: AppContext) -> list[CheckInRow]:
    """Open check-ins whose date has passed, however long ago: one stays until it is held or marked
    gemist met reden (nobody drops out of sight). A check-in is "missed", not overdue, once a later
    one has been held (computed per youth below)."""
    today = ctx.today()
    rows = _checkin_rows(ctx, CheckIn.due_date < today)
    youth_ids = sorted({r.youth_id for r in rows})
    last_held: dict[str, dt.date] = {}
    with ctx.session() as session:
        # Only for the young people with an open overdue check-in (by the youth_id index), not a scan of all.
        for start in range(0, len(youth_ids), 500):
            last_held.update(
                session.execute(
                    select(CheckIn.youth_id, func.max(CheckIn.due_date))
                    .where(CheckIn.held_on.is_not(None), CheckIn.youth_id.in_(youth_ids[start : start + 500]))
                    .group_by(CheckIn.youth_id)
                ).all()
            )
    return [r for r in rows if not (last_held.get(r.youth_id) and last_held[r.youth_id] > r.due_date)]


@dataclass(frozen=True)
class AgreementRow:
    agreement_id: str
    youth_id: str
    name: str
    action: str
    organisation: str
    person: str
    deadline: dt.date | None
    state: str


def agreement_rows(
    ctx: AppContext, *, only_overdue: bool = False, organisation: str | None = None, include_done: bool = False
) -> list[AgreementRow]:
    today = ctx.today()
    query = (
        select(
            Agreement.id,
            Agreement.youth_id,
            Agreement.action,
            Agreement.organisation,
            Agreement.person,
            Agreement.deadline,
            Agreement.status,
            Youth.first_names,
            Youth.called_name,
            Youth.infix,
            Youth.last_name,
        )
        .join(Youth, Youth.id == Agreement.youth_id)
        .where(Youth.anonymised.is_(False))
    )
    if not include_done:
        query = query.where(Agreement.status == "open")
    if organisation:
        query = query.where(Agreement.organisation == organisation)
    if only_overdue:
        query = query.where(Agreement.status == "open", Agreement.deadline < today, case_open())
    with ctx.session() as session:
        rows = session.execute(query.order_by(Agreement.deadline)).all()
    return [
        AgreementRow(
            r.id,
            r.youth_id,
            full_name(r.first_names, r.infix, r.last_name, r.called_name),
            r.action,
            r.organisation,
            r.person or "",
            r.deadline,
            rules.agreement_state(r.status, r.deadline, today),
        )
        for r in rows
    ]


def not_reached(ctx: AppContext) -> list[YouthRow]:
    """Young people whose latest held check-in did not reach them."""
    # A window function: the join on max(held_on) made SQLite scan check-ins per young person (minutes at 10,000).
    ranked = (
        select(
            CheckIn.youth_id,
            CheckIn.reached,
            func.row_number()
            .over(partition_by=CheckIn.youth_id, order_by=(CheckIn.held_on.desc(), CheckIn.updated_at.desc()))
            .label("rn"),
        )
        .where(CheckIn.held_on.is_not(None))
        .subquery()
    )
    with ctx.session() as session:
        ids = set(session.scalars(select(ranked.c.youth_id).where(ranked.c.rn == 1, ranked.c.reached.is_(False))).all())
        ids -= set(session.scalars(select(CaseClosure.youth_id).where(CaseClosure.reopened_on.is_(None))).all())
    return [row for row in youth_rows(ctx) if row.id in ids]


def waiting_for_consent(ctx: AppContext) -> list[YouthRow]:
    """Dossiers that are ready or discussed but have no valid consent yet."""
    today = ctx.today()
    with ctx.session() as session:
        consents = session.execute(select(Consent.youth_id, Consent.given_on, Consent.withdrawn_on)).all()
    valid = {c.youth_id for c in consents if c.given_on <= today and (c.withdrawn_on is None or c.withdrawn_on > today)}
    return [
        row
        for row in youth_rows(ctx)
        if row.id not in valid
        and row.status in ("concept", "klaar", "besproken")
        and row.leaving_date is not None
        and row.leaving_date >= today - dt.timedelta(days=365)
    ]


def closed_ids(ctx: AppContext) -> set[str]:
    """The young people whose case is closed now (Begeleiding afronden)."""
    with ctx.session() as session:
        return set(session.scalars(select(CaseClosure.youth_id).where(CaseClosure.reopened_on.is_(None))).all())


def needs_attention(ctx: AppContext) -> list[YouthRow]:
    closed = closed_ids(ctx)
    return [row for row in youth_rows(ctx) if row.attention and row.id not in closed]


@dataclass(frozen=True)
class OutOfSightRow:
    """Someone not reached for more than N months ("Uit beeld"), with the last contact and who tried."""

    youth_id: str
    name: str
    last_reached: dt.date | None  # the last check-in that reached them (None: never after school)
    last_attempt: dt.date | None  # the last check-in held that did not reach them
    tried_by: str  # who recorded that attempt (from the audit log), or else the mentor
    attempted: bool  # False: nobody recorded an attempt since the last contact
    since: dt.date  # out of sight since: the last contact, or the leaving date when that is later


def out_of_sight(ctx: AppContext, months: int = 4) -> list[OutOfSightRow]:
    """Everyone in follow-up (left school, within the two years, case open) not reached for more than
    ``months`` months: the last reached check-in, or else the leaving date, lies before that. Longest first."""
    today = ctx.today()
    limit = rules.add_months(today, -months)
    earliest_leaving = rules.add_months(today, -12 * rules.SUPPORT_YEARS)
    in_follow_up = and_(
        Youth.anonymised.is_(False),
        Youth.leaving_date.is_not(None),
        Youth.leaving_date < limit,
        Youth.leaving_date >= earliest_leaving,
    )
    with ctx.session() as session:
        closed = set(session.scalars(select(CaseClosure.youth_id).where(CaseClosure.reopened_on.is_(None))).all())
        people = {
            p.id: p
            for p in session.execute(
                select(
                    Youth.id,
                    Youth.first_names,
                    Youth.called_name,
                    Youth.infix,
                    Youth.last_name,
                    Youth.leaving_date,
                    Youth.mentor,
                ).where(in_follow_up)
            ).all()
            if p.id not in closed
        }
        if not people:
            return []
        # One pass over the held check-ins of the people in follow-up: the last reached one and the last
        # attempt (held, not reached) per young person.
        reached: dict[str, dt.date] = {}
        last_attempt: dict[str, tuple[str, dt.date]] = {}
        # (Filtered here, not joined: walking the youths by leaving date and their check-ins by youth_id
        # took twice as long at 10,000 young people.)
        for c in session.execute(
            select(CheckIn.id, CheckIn.youth_id, CheckIn.held_on, CheckIn.reached).where(CheckIn.held_on.is_not(None))
        ).all():
            if c.youth_id not in people:
                continue
            if c.reached:
                if c.youth_id not in reached or reached[c.youth_id] < c.held_on:
                    reached[c.youth_id] = c.held_on
            elif c.youth_id not in last_attempt or last_attempt[c.youth_id][1] < c.held_on:
                last_attempt[c.youth_id] = (c.id, c.held_on)
        candidates = {
            youth_id: p
            for youth_id, p in people.items()
            if max(reached.get(youth_id) or p.leaving_date, p.leaving_date) < limit
        }
        # Who recorded the attempt: the audit event of that check-in (ids only, no names in the log's detail).
        attempt_ids = [last_attempt[i][0] for i in candidates if i in last_attempt]
        recorded_by: dict[str, str] = {}
        for start in range(0, len(attempt_ids), 500):
            for event in session.execute(
                select(AuditEvent.entity_id, AuditEvent.actor)
                .where(AuditEvent.entity == "checkin", AuditEvent.entity_id.in_(attempt_ids[start : start + 500]))
                .order_by(AuditEvent.seq)
            ).all():
                recorded_by[event.entity_id] = event.actor
    rows = []
    for youth_id, p in candidates.items():
        last = reached.get(youth_id)
        since = max(last or p.leaving_date, p.leaving_date)
        attempt = last_attempt.get(youth_id)
        tried = attempt is not None and attempt[1] >= since
        rows.append(
            OutOfSightRow(
                youth_id,
                full_name(p.first_names, p.infix, p.last_name, p.called_name),
                last,
                attempt[1] if tried and attempt else None,
                (recorded_by.get(attempt[0]) or p.mentor or "") if tried and attempt else (p.mentor or ""),
                tried,
                since,
            )
        )
    return sorted(rows, key=lambda r: (r.since, r.name.casefold()))
