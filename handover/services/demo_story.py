"""What makes the demo read like a school year in progress (services/demo.py builds the people).

- Romy El Amrani, the case of issue 12: last reached on 15 October, three months after she left,
  and since then two planned check-ins not held. She stands on Vandaag's "Uit beeld" and among the
  late check-ins.
- Between the planned moments (six months apart after the first half year) the mentor keeps in
  touch: most young people whose last contact is longer ago than the "Uit beeld" limit had a short
  contact in between. Those left are the realistic few on "Uit beeld".
- Werk en Inkomen planned the intake for most received dossiers (the school's copy of its message),
  so Resultaten has an intake figure; only without a real exchange (no enrolled gemeente).
- After the two years the case is closed ("Begeleiding afronden") for nearly everyone, with the
  last known situation; a few still wait on the card.

Every choice here comes from its own random generator (``story_rng``), so the people the main
generator draws stay the same per seed.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sqlalchemy import JSON, DateTime, column, insert, table
from sqlalchemy.orm import Session

from handover.domain import rules
from handover.services.bulk import Draft
from handover.services.checkins import EXTRA_LABEL
from handover.store import audit
from handover.store.closing import CaseClosure
from handover.store.models import CheckIn, new_id, utcnow

ROMY = ("Romy", "", "El Amrani")  # first name, infix, last name
OUT_OF_SIGHT_MONTHS = 4  # the setting's default (services/settings.py): the card the demo shows
IN_TOUCH = 0.9  # share of those past the limit between two planned moments who had a contact in between
CLOSED = 0.93  # share of those past the two years whose case is closed
Clean = Callable[[Mapping[str, Any]], dict[str, Any]]  # a check-in's values validated as typed (demo._clean)


def story_rng(seed: int) -> random.Random:
    return random.Random(f"overstap-demo-verhaal-{seed}")


def romy_leaving(today: dt.date) -> dt.date:
    """10 July of the year that puts her between T+12 and T+18 or later, before the end of the two years:
    T+6 and T+12 are then past and not held (as in the issue, on 10 July 2025 for a demo in late 2026)."""
    year = today.year - 1 if today >= dt.date(today.year, 7, 24) else today.year - 2
    return dt.date(year, 7, 10)


def romy(
    make: Callable[[dt.date, tuple[str, str, str]], Draft],
    plan: Callable[[Draft], None],
    today: dt.date,
    bsn: str | None,
    clean: Clean,
) -> Draft:
    """Her dossier: made like the others (``make`` with her leaving date and name), then her contacts."""
    leaving = romy_leaving(today)
    youth = make(leaving, ROMY)
    youth.first_names = youth.called_name = ROMY[0]
    youth.bsn = bsn
    youth.status = "ontvangen" if youth.consents else "besproken"
    plan(youth)
    situation = youth.planned_situation or "werk"
    for checkin in sorted(youth.checkins, key=lambda c: c.due_date):
        months = checkin.plan_months
        if checkin.due_date >= today or months is None or months > 3:
            continue  # T+6 and T+12 (and T+18 once past) are not held: she has not been reached since
        held = dt.date(leaving.year, 10, 15) if months == 3 else checkin.due_date + dt.timedelta(days=2)
        values = {
            "held_on": held,
            "channel": "telefoon" if months > 0 else "gesprek_school",
            "reached": True,
            "attempts": 1,
            "situation": situation,
            "income": "geen_uitkering",
            "care_signal": "let_op" if months == 3 else "geen",
            "satisfaction": "3",
            "notes": "Heeft werk, wil eigenlijk meer uren. Daarna niet meer gereageerd."
            if months == 3
            else "Gaat goed.",
        }
        for name, value in clean(values).items():
            setattr(checkin, name, value)
    youth.actual_situation = situation
    youth.attention = None
    return youth


def _last_reached(youth: Draft) -> tuple[dt.date | None, str | None]:
    best: tuple[dt.date | None, str | None] = (None, None)
    for c in youth.checkins:
        if c.held_on is not None and c.reached and (best[0] is None or c.held_on > best[0]):
            best = (c.held_on, c.situation)
    return best


def keep_in_touch(rng: random.Random, youth: Draft, today: dt.date, clean: Clean) -> None:
    """A short contact between two planned moments when the last one is longer ago than the card's limit."""
    leaving = youth.leaving_date
    if leaving is None or leaving > today or rules.support_ends(leaving) <= today:
        return
    limit = rules.add_months(today, -OUT_OF_SIGHT_MONTHS)
    last, situation = _last_reached(youth)
    if last is None or max(last, leaving) >= limit or rng.random() >= IN_TOUCH:
        return
    earliest = max(limit, last) + dt.timedelta(days=7)
    if earliest >= today:
        return
    held = earliest + dt.timedelta(days=rng.randrange(0, max(1, (today - earliest).days)))
    values = {
        "held_on": held,
        "channel": rng.choice(["telefoon", "bericht", "bericht", "werkplekbezoek"]),
        "reached": True,
        "attempts": 1,
        "situation": situation,
        "notes": "Even tussendoor contact: het gaat goed.",
    }
    checkin = Draft(CheckIn, plan_months=None, label=EXTRA_LABEL, due_date=held)
    for name, value in clean(values).items():
        setattr(checkin, name, value)
    youth.checkins.append(checkin)
    youth.actual_situation = situation


def closures(rng: random.Random, drafts: Iterable[Draft], today: dt.date) -> list[dict[str, Any]]:
    """The closed cases among those past the two years (rows of case_closures): most of them, a few wait."""
    rows = []
    for youth in drafts:
        leaving = youth.leaving_date
        if leaving is None or rules.support_ends(leaving) > today or rng.random() >= CLOSED:
            continue
        ends = rules.support_ends(leaving)
        on = min(today, ends + dt.timedelta(days=rng.randrange(2, 30)))
        _day, situation = _last_reached(youth)
        final = situation or "niet_bereikt"
        rows.append(
            {
                "youth_id": youth.id,
                "closed_on": on,
                "situation": final,
                "situation_reason": "ontslag" if final == "geen" else None,
                "closed_by": youth.mentor,
            }
        )
    return rows


def close_cases(session: Session, rows: list[dict[str, Any]], actor: str) -> None:
    """The closed cases: their rows and audit events as ``closing.close_case`` writes them, in bulk."""
    if not rows:
        return
    now = utcnow()
    session.execute(insert(CaseClosure), [{**row, "id": new_id(), "closed_at": now} for row in rows])
    events = [
        (
            "status",
            "youth",
            r["youth_id"],
            {"youth": r["youth_id"], "begeleiding": "afgerond", "situation": r["situation"]},
        )
        for r in rows
    ]
    audit.record_many(session, actor, events)


# The school's copy of Werk en Inkomen's "intake gepland" messages (sync_replies, read by name like
# services/outcomes_intake: services do not import the sync engine). Only in a demo without a real
# exchange: the demo's dossiers already read "ontvangen door Werk en Inkomen".
_replies = table(
    "sync_replies",
    column("youth_id"),
    column("sender_org"),
    column("kind"),
    column("op_id"),
    column("status"),
    column("detail"),
    column("signer_name"),
    column("signer_device"),
    column("at"),
    column("body", JSON),
    column("received_at", DateTime),
)
DEMO_GEMEENTE_ORG = "demo-werk-en-inkomen"
INTAKE_PLANNED = 0.7  # share of the received dossiers of those who left whose intake Werk en Inkomen planned


def intake_replies(rng: random.Random, drafts: Iterable[Draft], today: dt.date, recipient: str) -> list[dict[str, Any]]:
    """An intake planned by the klantmanager for most received dossiers of those who left, mostly within
    three months of leaving, as the message the school received (status "intake_gepland")."""
    rows = []
    for youth in drafts:
        leaving = youth.leaving_date
        klantmanager = next((c.name for c in youth.contacts if c.role == "klantmanager"), None)
        received = youth.status in ("ontvangen", "afgerond")  # afgerond: received, and the two years are over
        if leaving is None or leaving > today or not received or klantmanager is None:
            continue
        if rng.random() >= INTAKE_PLANNED:
            continue
        intake = leaving + dt.timedelta(days=rng.randrange(10, 120))
        sent = dt.datetime.combine(
            max(leaving - dt.timedelta(days=20), intake - dt.timedelta(days=rng.randrange(5, 25))),
            dt.time(9 + rng.randrange(8), rng.randrange(60)),
            tzinfo=dt.UTC,
        )
        if sent.date() > today:
            continue
        body = {
            "dossier_id": youth.id,
            "status": "intake_gepland",
            "detail": "",
            "at": sent.isoformat(),
            "signer": {"name": klantmanager, "org_name": recipient},
            "intake_date": intake.isoformat(),
            "klantmanager": klantmanager,
        }
        rows.append(
            {
                "youth_id": youth.id,
                "sender_org": DEMO_GEMEENTE_ORG,
                "kind": "status",
                "op_id": new_id(),
                "status": "intake_gepland",
                "detail": "",
                "signer_name": klantmanager,
                "signer_device": "demo",
                "at": sent.isoformat(),
                "body": body,
                "received_at": sent.replace(tzinfo=None),
            }
        )
    return rows


def record_intakes(session: Session, rows: list[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(_replies), rows)
