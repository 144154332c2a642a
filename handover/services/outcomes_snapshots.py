"""The 1 November reference-date snapshot (peildatum): everyone in follow-up, frozen for ever once taken.

On or after each 1 November the app freezes the snapshot of that date (:func:`ensure_snapshots`,
called when the workspace opens). Earlier years can be made afterwards from the check-in history
(:func:`take_snapshot` with ``retroactive=True``); they are marked "achteraf berekend". A snapshot
is never changed: the tables refuse updates and deletes (revision 0007), taking one twice is
refused, and the audit log holds its date, size and a SHA-256 over its entries.

The automatic snapshot is taken at the first start on or after 1 November: a check-in held before
1 November but recorded after that start is not in it (the snapshot is what the school knew then).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from handover.services.outcomes import (
    NOT_REACHED,
    Person,
    in_follow_up,
    is_reference_date,
    latest_reference_date,
    load_people,
    situation_on,
    stable_since_on,
)
from handover.services.settings import get_setting
from handover.store import audit
from handover.store.models import Youth, utcnow
from handover.store.outcomes import ReferenceEntry, ReferenceSnapshot


class SnapshotRefused(ValueError):
    """A snapshot cannot be taken; the message says why, in Dutch."""


@dataclass(frozen=True)
class SnapshotEntry:
    youth_id: str
    cohort: int
    school_type: str
    leaving_date: dt.date
    situation: str
    route: str | None
    stable_since: dt.date | None
    last_contact: dt.date | None


@dataclass(frozen=True)
class SnapshotInfo:
    peildatum: dt.date
    taken_at: dt.datetime
    taken_on: dt.date
    taken_by: str
    retroactive: bool
    count: int
    sha256: str

    @property
    def how(self) -> str:
        """Dutch: how this snapshot came about, for screens and print."""
        if self.retroactive:
            return f"Achteraf berekend op {_nl(self.taken_on)} uit de contactmomenten"
        return f"Vastgelegd op {_nl(self.taken_on)} door {self.taken_by}"


def _nl(day: dt.date) -> str:
    return f"{day.day:02d}-{day.month:02d}-{day.year}"


def entries_from_people(people: Iterable[Person], peildatum: dt.date) -> list[SnapshotEntry]:
    """Everyone in follow-up on ``peildatum``, in their situation of that date (pure)."""
    entries = []
    for person in people:
        if not in_follow_up(person.leaving_date, peildatum):
            continue
        situation, held_on = situation_on(person.history, peildatum)
        since = stable_since_on(person.history, peildatum) if situation != NOT_REACHED else None
        entries.append(
            SnapshotEntry(
                person.id,
                person.cohort,
                person.school_type,
                person.leaving_date,
                situation,
                person.route,
                since,
                held_on,
            )
        )
    entries.sort(key=lambda e: (e.cohort, e.school_type, e.youth_id))
    return entries


def _digest(peildatum: dt.date, entries: list[SnapshotEntry]) -> str:
    payload = [
        [
            e.youth_id,
            e.cohort,
            e.school_type,
            e.leaving_date.isoformat(),
            e.situation,
            e.route,
            e.stable_since.isoformat() if e.stable_since else None,
            e.last_contact.isoformat() if e.last_contact else None,
        ]
        for e in entries
    ]
    data = json.dumps([peildatum.isoformat(), payload], separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def _info(row: ReferenceSnapshot) -> SnapshotInfo:
    return SnapshotInfo(row.peildatum, row.taken_at, row.taken_on, row.taken_by, row.retroactive, row.count, row.sha256)


def check_peildatum(peildatum: dt.date, today: dt.date, *, retroactive: bool) -> None:
    if not is_reference_date(peildatum):
        raise SnapshotRefused("Een peildatum is altijd 1 november.")
    if peildatum > today:
        raise SnapshotRefused(f"De peildatum {_nl(peildatum)} ligt in de toekomst.")
    if not retroactive and peildatum != latest_reference_date(today):
        raise SnapshotRefused(
            f"De peildatum {_nl(peildatum)} is al voorbij. Die kan alleen achteraf worden berekend uit de "
            "contactmomenten (en wordt dan zo gemarkeerd)."
        )


def take_snapshot(
    session: Session, peildatum: dt.date, *, today: dt.date, actor: str, retroactive: bool = False
) -> SnapshotInfo:
    """Freeze the snapshot of ``peildatum`` (a 1 November). Refused when it exists: it never changes."""
    check_peildatum(peildatum, today, retroactive=retroactive)
    if session.get(ReferenceSnapshot, peildatum) is not None:
        raise SnapshotRefused(f"De peildatum {_nl(peildatum)} is al vastgelegd en verandert niet meer.")
    entries = entries_from_people(load_people(session, today=peildatum), peildatum)
    digest = _digest(peildatum, entries)
    head = ReferenceSnapshot(
        peildatum=peildatum,
        taken_at=utcnow(),
        taken_on=today,
        taken_by=actor,
        retroactive=retroactive,
        count=len(entries),
        sha256=digest,
    )
    session.add(head)
    session.flush()
    if entries:
        session.execute(
            insert(ReferenceEntry),
            [
                {
                    "peildatum": peildatum,
                    "youth_id": e.youth_id,
                    "cohort": e.cohort,
                    "school_type": e.school_type,
                    "leaving_date": e.leaving_date,
                    "situation": e.situation,
                    "route": e.route,
                    "stable_since": e.stable_since,
                    "last_contact": e.last_contact,
                }
                for e in entries
            ],
        )
    audit.record(
        session,
        actor,
        "create",
        "reference_snapshot",
        peildatum.isoformat(),
        count=len(entries),
        sha256=digest,
        retroactive=retroactive,
    )
    return _info(head)


def snapshots(session: Session) -> list[SnapshotInfo]:
    """Every snapshot taken, newest peildatum first."""
    rows = session.scalars(select(ReferenceSnapshot).order_by(ReferenceSnapshot.peildatum.desc()))
    return [_info(r) for r in rows]


def snapshot_info(session: Session, peildatum: dt.date) -> SnapshotInfo | None:
    row = session.get(ReferenceSnapshot, peildatum)
    return None if row is None else _info(row)


def snapshot_entries(session: Session, peildatum: dt.date) -> list[SnapshotEntry]:
    rows = session.execute(
        select(
            ReferenceEntry.youth_id,
            ReferenceEntry.cohort,
            ReferenceEntry.school_type,
            ReferenceEntry.leaving_date,
            ReferenceEntry.situation,
            ReferenceEntry.route,
            ReferenceEntry.stable_since,
            ReferenceEntry.last_contact,
        )
        .where(ReferenceEntry.peildatum == peildatum)
        .order_by(ReferenceEntry.cohort, ReferenceEntry.school_type, ReferenceEntry.youth_id)
    )
    return [SnapshotEntry(*r) for r in rows]


def verify_snapshot(session: Session, peildatum: dt.date) -> bool:
    """The entries still hash to what was recorded when the snapshot was taken."""
    row = session.get(ReferenceSnapshot, peildatum)
    return row is not None and _digest(peildatum, snapshot_entries(session, peildatum)) == row.sha256


def ensure_snapshots(session: Session, today: dt.date, actor: str) -> SnapshotInfo | None:
    """Take the latest 1 November's snapshot if it is not there yet (called when the app opens).

    Cheap when there is nothing to do: one primary-key look-up. A school's workspace only, and only
    once someone is in follow-up on that date (a folder set up in November before the import must
    not freeze an empty snapshot).
    """
    peildatum = latest_reference_date(today)
    if session.get(ReferenceSnapshot, peildatum) is not None:
        return None
    if (get_setting(session, "role") or "school") != "school":
        return None
    anyone = session.execute(
        select(func.count())
        .select_from(Youth)
        .where(Youth.leaving_date < peildatum, Youth.leaving_date >= _two_years_before(peildatum))
    ).scalar_one()
    if not anyone:
        return None
    return take_snapshot(session, peildatum, today=today, actor=actor)


def _two_years_before(peildatum: dt.date) -> dt.date:
    return dt.date(peildatum.year - 2, peildatum.month, peildatum.day)


def entries_of_youth(session: Session, youth_id: str) -> list[dict[str, object]]:
    """One young person's entries on every peildatum, as plain data (for the inzage export: AVG art. 15)."""
    rows = session.execute(
        select(ReferenceEntry, ReferenceSnapshot.retroactive)
        .join(ReferenceSnapshot, ReferenceSnapshot.peildatum == ReferenceEntry.peildatum)
        .where(ReferenceEntry.youth_id == youth_id)
        .order_by(ReferenceEntry.peildatum)
    ).all()
    return [
        {
            "peildatum": e.peildatum.isoformat(),
            "achteraf_berekend": bool(retroactive),
            "cohort": e.cohort,
            "school_type": e.school_type,
            "leaving_date": e.leaving_date.isoformat(),
            "situation": e.situation,
            "route": e.route,
            "stable_since": e.stable_since.isoformat() if e.stable_since else None,
            "last_contact": e.last_contact.isoformat() if e.last_contact else None,
        }
        for e, retroactive in rows
    ]
