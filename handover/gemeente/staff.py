"""The gemeente's own staff list (klantmanagers), kept in its settings under ``gemeente.medewerkers``.

Read and written through the settings table directly, so it works whether or not the key is declared
in :data:`handover.services.settings.SETTINGS` yet; the value is a list of names.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from handover.domain.text import one_line
from handover.store.models import Setting

STAFF_KEY = "gemeente.medewerkers"
MAX_NAME = 200


def staff(session: Session) -> list[str]:
    row = session.get(Setting, STAFF_KEY)
    value = row.value if row is not None else []
    return [str(v) for v in value if isinstance(v, str) and v.strip()] if isinstance(value, list) else []


def clean_staff(names: Iterable[str]) -> list[str]:
    """One line each, no empty names, no duplicates (case-insensitive), in the order given."""
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        text = one_line(name).strip()[:MAX_NAME]
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            out.append(text)
    return out


def set_staff(session: Session, names: Iterable[str]) -> list[str]:
    value = clean_staff(names)
    row = session.get(Setting, STAFF_KEY)
    if row is None:
        session.add(Setting(key=STAFF_KEY, value=value))
    else:
        row.value = value
    return value
