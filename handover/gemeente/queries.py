"""What Werk en Inkomen lists: the received dossiers (Jongeren) and the work waiting today (Vandaag).

Both read only a few fields of each received body, straight from the JSON column with SQLite's
``json_extract`` (one call for all the list's fields: SQLite parses each body once), so 5,000 dossiers
list without decoding a single whole body in Python.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from handover.domain.fields import full_name, sort_name
from handover.gemeente.agreements import effective_agreements, heads_by_dossier
from handover.gemeente.body import WITHDRAWN_NAME, parse_date
from handover.sync.models import ReceivedDossier, ReceivedUpdate, ReceivedVersion

CASE_STATUSES = ("ontvangen", "intake gepland", "in begeleiding", "afgerond")
INTAKE_WORKING_DAYS = 10
WITHDRAWN_SHOWN_DAYS = 30  # "toestemming ingetrokken" stays on Vandaag this long

# The Vandaag cards, in the order the page shows them.
CARD_NEW = "nieuw"
CARD_INTAKE = "intake"
CARD_AGREEMENTS = "afspraken"
CARD_SITUATION = "situatie"
CARD_WITHDRAWN = "ingetrokken"
CARD_NEW_VERSION = "nieuwe_versie"
CARDS = (CARD_NEW, CARD_INTAKE, CARD_AGREEMENTS, CARD_SITUATION, CARD_WITHDRAWN, CARD_NEW_VERSION)


def short_id(record_id: str) -> str:
    return record_id[:8]


@dataclass(frozen=True)
class ReceivedRow:
    """One received dossier in the list (nothing of a withdrawn one but that it was withdrawn)."""

    sender_org: str
    record_id: str
    name: str
    sort_key: str
    school: str
    leaving_date: dt.date | None
    route: str | None
    city: str | None
    status: str  # one of CASE_STATUSES
    klantmanager: str
    withdrawn: bool
    revision: int
    received_at: dt.datetime
    intake_date: dt.date | None = None
    new: bool = False  # not picked up yet
    new_version: bool = False  # changed since the klantmanager last opened it
    withdrawn_at: dt.datetime | None = None

    @property
    def short_id(self) -> str:
        return short_id(self.record_id)

    @property
    def cohort(self) -> int | None:
        """The leaving year (the cohort), when the consent covered section C."""
        return self.leaving_date.year if self.leaving_date else None

    @property
    def key(self) -> tuple[str, str]:
        return (self.sender_org, self.record_id)


LIST_FIELDS = ("first_names", "called_name", "infix", "last_name", "leaving_date", "route", "city")


def _extract(path: str) -> Any:
    return func.json_extract(ReceivedDossier.body, f"$.dossier.{path}")


def _str(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def received_rows(session: Session, *, today: dt.date) -> list[ReceivedRow]:
    """Every received dossier, by name (withdrawn ones last). ``today``: for the day-bound flags."""
    d = ReceivedDossier
    stmt = select(
        d.sender_org,
        d.record_id,
        d.school_name,
        d.revision,
        d.received_at,
        d.withdrawn_at,
        d.case_status,
        d.klantmanager,
        d.intake_date,
        d.picked_up_at,
        d.last_opened_revision,
        func.json_extract(ReceivedDossier.body, *(f"$.dossier.{name}" for name in LIST_FIELDS)).label("fields"),
    )
    rows: list[ReceivedRow] = []
    for r in session.execute(stmt):
        withdrawn = r.withdrawn_at is not None
        values = json.loads(r.fields) if isinstance(r.fields, str) else [None] * len(LIST_FIELDS)
        first, called, infix, last, leaving, route, city = (_str(v) for v in values)
        if withdrawn:
            name, key = WITHDRAWN_NAME, "\uffff" + r.record_id
        else:
            name = full_name(first, infix, last, called) or short_id(r.record_id)
            key = sort_name(last, infix, first).casefold()
        opened = r.last_opened_revision
        rows.append(
            ReceivedRow(
                sender_org=r.sender_org,
                record_id=r.record_id,
                name=name,
                sort_key=key,
                school=r.school_name or "",
                leaving_date=None if withdrawn else parse_date(leaving),
                route=None if withdrawn else route,
                city=None if withdrawn else city,
                status=r.case_status or "ontvangen",
                klantmanager=r.klantmanager or "",
                withdrawn=withdrawn,
                revision=r.revision,
                received_at=r.received_at,
                intake_date=r.intake_date,
                new=r.picked_up_at is None and not withdrawn,
                new_version=opened is not None and r.revision > opened and not withdrawn,
                withdrawn_at=r.withdrawn_at,
            )
        )
    rows.sort(key=lambda row: (row.withdrawn, row.sort_key, row.record_id))
    return rows


# ------------------------------------------------------------------------------------------------
# Vandaag


@dataclass(frozen=True)
class TodayRow:
    """One line on the gemeente's Vandaag: who, what, when; it opens the dossier."""

    sender_org: str
    record_id: str
    name: str
    what: str
    day: dt.date | None
    prominent: bool = False  # a job loss in the first two years after school: marked, listed first


@dataclass(frozen=True)
class GemeenteToday:
    cards: dict[str, list[TodayRow]] = field(default_factory=dict)

    def __getitem__(self, key: str) -> list[TodayRow]:
        return self.cards.get(key, [])


def add_working_days(day: dt.date, count: int) -> dt.date:
    """``count`` working days (Monday to Friday) after ``day``."""
    while count > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def gemeente_today(
    session: Session,
    *,
    today: dt.date,
    intake_days: int = INTAKE_WORKING_DAYS,
    rows: Sequence[ReceivedRow] | None = None,
) -> GemeenteToday:
    """The six cards. ``rows``: the list just read (:func:`received_rows`), so it is not read twice."""
    if rows is None:
        rows = received_rows(session, today=today)
    by_key = {r.key: r for r in rows}
    active = [r for r in rows if not r.withdrawn]
    cards: dict[str, list[TodayRow]] = {key: [] for key in CARDS}

    def line(r: ReceivedRow, what: str, day: dt.date | None, prominent: bool = False) -> TodayRow:
        return TodayRow(r.sender_org, r.record_id, r.name, what, day, prominent)

    for r in active:
        if r.new:
            cards[CARD_NEW].append(line(r, r.school, r.received_at.date()))
        if r.new_version:
            cards[CARD_NEW_VERSION].append(line(r, f"{r.school}: versie {r.revision}", r.received_at.date()))
    waiting = [r for r in active if r.intake_date is None and r.status == "ontvangen"]
    first = _first_received(session) if waiting else {}
    for r in waiting:
        due = add_working_days(first.get(r.key, r.received_at).date(), intake_days)
        if due <= today:
            cards[CARD_INTAKE].append(line(r, f"{r.school}: nog geen intake gepland", due))
    cards[CARD_AGREEMENTS] = _overdue_agreements(session, by_key, today)
    cards[CARD_SITUATION] = _situation_updates(session, by_key)
    since = dt.datetime.combine(today - dt.timedelta(days=WITHDRAWN_SHOWN_DAYS), dt.time())
    for r in rows:
        if r.withdrawn_at is not None and r.withdrawn_at >= since:
            what = "de inhoud is gewist"
            cards[CARD_WITHDRAWN].append(
                TodayRow(r.sender_org, r.record_id, f"{r.school} · {r.short_id}", what, r.withdrawn_at.date())
            )
    cards[CARD_NEW].sort(key=lambda t: t.day or dt.date.min, reverse=True)
    cards[CARD_NEW_VERSION].sort(key=lambda t: t.day or dt.date.min, reverse=True)
    cards[CARD_INTAKE].sort(key=lambda t: t.day or dt.date.min)
    cards[CARD_WITHDRAWN].sort(key=lambda t: t.day or dt.date.min, reverse=True)
    return GemeenteToday(cards)


def _first_received(session: Session) -> dict[tuple[str, str], dt.datetime]:
    v = ReceivedVersion
    return {
        (r.sender_org, r.record_id): r.first
        for r in session.execute(
            select(v.sender_org, v.record_id, func.min(v.received_at).label("first")).group_by(
                v.sender_org, v.record_id
            )
        )
        if r.first is not None
    }


def _overdue_agreements(session: Session, by_key: dict[tuple[str, str], ReceivedRow], today: dt.date) -> list[TodayRow]:
    d = ReceivedDossier
    heads = heads_by_dossier(session)
    found: list[TodayRow] = []
    stmt = select(d.sender_org, d.record_id, _extract("agreements")).where(d.withdrawn_at.is_(None))
    for org, record, raw in session.execute(stmt):
        items = json.loads(raw) if isinstance(raw, str) else (raw or [])
        for a in effective_agreements(items, heads.get((org, record), {})):
            if a.for_werk_en_inkomen and a.state(today) == "verlopen":
                r = by_key[(org, record)]
                what = a.action + (" (conflict: kies een versie)" if a.conflict else "")
                found.append(TodayRow(org, record, r.name, what, a.deadline))
    found.sort(key=lambda t: t.day or dt.date.min, reverse=True)
    return found


JOB_LOSS_TEXT = "Werk gestopt binnen twee jaar na school"


def update_text(situation: str | None, reason: str | None, care_signal: str | None, job_loss: bool) -> str:
    from handover.domain.vocab import CARE_SIGNAL, SITUATION, SITUATION_REASON

    parts = []
    if job_loss:
        parts.append(JOB_LOSS_TEXT)
    if situation:
        text = SITUATION.label_of(situation)
        if reason:
            text += f" ({SITUATION_REASON.label_of(reason)})"
        parts.append(text)
    if care_signal == "zorg":
        parts.append(f"zorgsignaal: {CARE_SIGNAL.label_of(care_signal).lower()}")
    return " · ".join(parts) or "Nieuws van school"


def _situation_updates(session: Session, by_key: dict[tuple[str, str], ReceivedRow]) -> list[TodayRow]:
    u = ReceivedUpdate
    latest: dict[tuple[str, str], TodayRow] = {}
    job_loss: dict[tuple[str, str], bool] = defaultdict(bool)
    stmt = select(u).where(u.seen_at.is_(None)).order_by(u.held_on, u.id)
    for upd in session.scalars(stmt):
        key = (upd.sender_org, upd.record_id)
        r = by_key.get(key)
        if r is None or r.withdrawn:
            continue
        job_loss[key] |= bool(upd.job_loss)
        text = update_text(upd.situation, upd.situation_reason, upd.care_signal, job_loss[key])
        latest[key] = TodayRow(r.sender_org, r.record_id, r.name, text, upd.held_on, prominent=job_loss[key])
    return sorted(latest.values(), key=lambda t: (not t.prominent, -(t.day or dt.date.min).toordinal()))
