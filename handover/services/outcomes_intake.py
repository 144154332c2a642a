"""The intake dates Werk en Inkomen planned, read from the school's replies (for the figure "intake binnen 3 maanden").

Reads the sync tables by name (plain table references): the services layer does not import the
sync engine.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, column, select, table
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

_replies = table(
    "sync_replies",
    column("id"),
    column("youth_id"),
    column("kind"),
    column("status"),
    column("at"),
    column("body", JSON),
)
_sent = table("sync_records", column("youth_id"))
INTAKE_STATUS = "intake_gepland"


def _parse_day(value: object) -> dt.date | None:
    if isinstance(value, str) and len(value) >= 10:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def intake_dates(session: Session) -> dict[str, dt.date] | None:
    """Per young person the intake date Werk en Inkomen planned (its status message "intake gepland").

    The message's ``intake_date``; in messages from before that field, the date the message was
    made. A later message replaces an earlier one (the intake was moved). None when this school
    never sent a dossier nor received a reply: there is no exchange to count.

    Reads the sync tables by name (a plain table reference): the services layer does not import
    the sync engine.
    """
    try:
        exchange = session.execute(select(_sent.c.youth_id).limit(1)).first() is not None
        rows = session.execute(
            select(_replies.c.youth_id, _replies.c.at, _replies.c.body)
            .where(_replies.c.status == INTAKE_STATUS)
            .order_by(_replies.c.id)
        ).all()
        if not exchange and not rows:
            exchange = session.execute(select(_replies.c.youth_id).limit(1)).first() is not None
    except OperationalError:  # a database without the sync tables
        return None
    if not exchange and not rows:
        return None
    found: dict[str, dt.date] = {}
    for youth_id, at, body in rows:
        planned = _parse_day(body.get("intake_date")) if isinstance(body, dict) else None
        day = planned or _parse_day(at)
        if day is not None:
            found[youth_id] = day
    return found
