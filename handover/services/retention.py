"""The retention period (Bewaartermijn): which dossiers are past it, and anonymising or erasing them.

Two years after leaving plus the rest of that school year (``rules.retention_ends``); then the
school is asked to erase or anonymise (DOMAIN.md, Privacy). The command line (``handover
retention``) and the GUI (the Bewaartermijn dialog) both use this service. Sealed copies in the
sync tables go in the same transaction through ``purge``, which the caller takes from the sync
package (``handover.sync.erasure.purge_sealed_for_youth``): services never import sync.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from handover.domain import rules
from handover.domain.fields import full_name
from handover.services.context import AppContext
from handover.services.records import anonymise_youth, erase_youth
from handover.store.models import Youth

# Removes the young person's sealed envelopes inside the caller's transaction; returns how many.
Purge = Callable[[Session, str], int]

ANONYMISE = "anonimiseren"
ERASE = "wissen"
MODES = (ANONYMISE, ERASE)
MODE_LABELS = {
    ANONYMISE: "Anonimiseren: naam, adres, contactgegevens, notities en betrokkenen gaan weg; "
    "route, vertrekjaar en situaties blijven voor de cijfers",
    ERASE: "Wissen: de jongere en alles wat erbij hoort gaat helemaal weg",
}


class RetentionError(ValueError):
    """The request cannot be carried out; the message is plain Dutch."""


@dataclass(frozen=True)
class RetentionItem:
    youth_id: str
    name: str
    school_class: str | None
    leaving_date: dt.date
    retention_ended: dt.date


@dataclass(frozen=True)
class RetentionOutcome:
    youth_id: str
    mode: str
    envelopes_removed: int


class RetentionService:
    def __init__(self, ctx: AppContext, purge: Purge | None = None) -> None:
        self.ctx = ctx
        self.purge = purge

    def due(self) -> list[RetentionItem]:
        """Young people past the retention period and not yet anonymised, longest past first."""
        today = self.ctx.today()
        with self.ctx.session() as session:
            rows = session.execute(
                select(
                    Youth.id,
                    Youth.first_names,
                    Youth.called_name,
                    Youth.infix,
                    Youth.last_name,
                    Youth.school_class,
                    Youth.leaving_date,
                ).where(Youth.anonymised.is_(False), Youth.leaving_date.is_not(None))
            ).all()
        items = [
            RetentionItem(
                r.id,
                full_name(r.first_names, r.infix, r.last_name, r.called_name),
                r.school_class,
                r.leaving_date,
                rules.retention_ends(r.leaving_date),
            )
            for r in rows
            if rules.retention_ends(r.leaving_date) < today
        ]
        return sorted(items, key=lambda i: (i.retention_ended, i.name))

    def apply(self, youth_id: str, mode: str) -> RetentionOutcome:
        """Anonymise or erase one young person past the retention period, with an audit entry."""
        if mode not in MODES:
            raise RetentionError(f"Kies 'anonimiseren' of 'wissen', niet '{mode}'.")
        with self.ctx.session() as session:
            youth = session.get(Youth, youth_id)
            if youth is None or youth.anonymised:
                raise RetentionError("Deze jongere bestaat niet (meer) of is al geanonimiseerd.")
            if youth.leaving_date is None or rules.retention_ends(youth.leaving_date) >= self.ctx.today():
                raise RetentionError("De bewaartermijn van deze jongere is nog niet voorbij; er wordt niets gewist.")
            removed = self.purge(session, youth_id) if self.purge is not None else 0
            action = anonymise_youth if mode == ANONYMISE else erase_youth
            action(session, self.ctx.actor, youth_id, reason="bewaartermijn", envelopes_removed=removed)
        return RetentionOutcome(youth_id, mode, removed)
