"""Deliberate sending: where a dossier goes, what the mentor chose, and what leaves when.

A dossier leaves the school only after the mentor sent it once deliberately (the button on
section K, ``handover send``). Its later changes within the consent then follow automatically
(setting ``send_updates_automatically``, on by default). Enrolling sends nothing from the past.

A dossier goes to the gemeente its consent names (an enrolled organisation, by id) and only if
that is the gemeente of the young person's woonplaats: a young person who moved needs a new
consent. A woonplaats that matches no enrolled gemeente's name leaves the choice to the consent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from handover.domain import rules
from handover.domain.fields import SECTION_BY_CODE, full_name
from handover.services.consent import OrgConsent, unmapped_valid_consents, valid_consent_for_org
from handover.services.context import AppContext
from handover.services.settings import get_setting
from handover.services.views import load_dossier_views
from handover.store import audit
from handover.store.models import Consent, Youth, utcnow
from handover.sync.errors import SyncUsageError
from handover.sync.models import SendChoice, SentRecord, SyncPeer
from handover.sync.state import GEMEENTE, load_state

# Why a dossier that could go is waiting (the sync's held-back counts and the send state).
WAIT_CONSENT = "wacht op toestemming"
WAIT_RECIPIENT = "wacht op keuze ontvanger"
WAIT_CHOICE = "klaar om te versturen, nog niet gekozen"
WAIT_MOVED = "verhuisd, nieuwe toestemming nodig"
WAIT_CONCEPT = "nog in concept"

# Statuses from which a dossier may leave the school (a "concept" never does).
SENDABLE_STATUSES = frozenset(rules.SYNC_TRANSITIONS)


@dataclass(frozen=True)
class GemeenteRef:
    org_id: str
    name: str


class Routable(Protocol):
    """What routing reads of a dossier: a stored row and a frozen view both qualify."""

    @property
    def birth_date(self) -> dt.date | None: ...
    @property
    def city(self) -> str | None: ...
    @property
    def municipality(self) -> str | None: ...
    @property
    def consents(self) -> Iterable[OrgConsent]: ...


@dataclass(frozen=True)
class Route:
    """Where a dossier may go today: ``gemeente`` with ``consent``, or why not (``waiting``)."""

    gemeente: GemeenteRef | None
    consent: OrgConsent | None
    waiting: str | None


def gemeenten(session: Session) -> list[GemeenteRef]:
    """Every enrolled gemeente this installation knows, by name."""
    rows = session.execute(select(SyncPeer.org_id, SyncPeer.name).where(SyncPeer.kind == GEMEENTE))
    return sorted((GemeenteRef(r.org_id, r.name) for r in rows), key=lambda g: g.name.casefold())


def home_gemeente(youth: Routable, known: Sequence[GemeenteRef]) -> GemeenteRef | None:
    """The enrolled gemeente of the young person's municipality or woonplaats (section A), if any.

    A gemeente is recognised by its name ending in the place ("Werk en Inkomen gemeente Houten").
    """
    for place in (youth.municipality, youth.city):
        wanted = (place or "").strip().casefold()
        if not wanted:
            continue
        for gemeente in known:
            name = gemeente.name.strip().casefold()
            if name == wanted or name.endswith(" " + wanted):
                return gemeente
    return None


def consent_naming(youth: Routable, gemeente: GemeenteRef, today: dt.date) -> OrgConsent | None:
    """The newest valid consent naming this gemeente: by organisation id, or (not mapped yet, e.g.
    recorded before enrolling) by a recipient text that equals its name exactly."""
    found = valid_consent_for_org(youth.consents, gemeente.org_id, youth.birth_date, today)
    if found is None:
        exact = [
            c
            for c in unmapped_valid_consents(youth.consents, youth.birth_date, today)
            if c.recipient.strip() == gemeente.name.strip()
        ]
        found = max(exact, key=lambda c: c.given_on) if exact else None
    return found


def route(youth: Routable, known: Sequence[GemeenteRef], today: dt.date) -> Route:
    named = [(g, c) for g in known if (c := consent_naming(youth, g, today))]
    home = home_gemeente(youth, known)
    if home is not None:
        for gemeente, consent in named:
            if gemeente.org_id == home.org_id:
                return Route(gemeente, consent, None)
        if named:
            return Route(None, None, WAIT_MOVED)
    elif named:
        gemeente, consent = max(named, key=lambda gc: gc[1].given_on)
        return Route(gemeente, consent, None)
    if unmapped_valid_consents(youth.consents, youth.birth_date, today):
        return Route(None, None, WAIT_RECIPIENT)
    return Route(None, None, WAIT_CONSENT)


def map_free_text_recipients(session: Session, youth_ids: Collection[str] | None = None) -> int:
    """Name the gemeente of free-text consents whose text equals a pinned gemeente's name exactly
    (of the young people ``youth_ids`` only, when given)."""
    count = 0
    if youth_ids is not None and not youth_ids:
        return 0
    for peer in session.scalars(select(SyncPeer).where(SyncPeer.kind == GEMEENTE)):
        texts = {peer.name.strip(), (peer.recipient_label or "").strip()} - {""}
        query = update(Consent).where(Consent.recipient_org_id.is_(None), Consent.recipient.in_(texts))
        if youth_ids is not None:
            query = query.where(Consent.youth_id.in_(sorted(youth_ids)))
        result = session.execute(query.values(recipient_org_id=peer.org_id))
        count += int(getattr(result, "rowcount", 0) or 0)
    return count


def chosen_ids(session: Session, ids: Sequence[str]) -> dict[str, SendChoice]:
    return {c.youth_id: c for c in session.scalars(select(SendChoice).where(SendChoice.youth_id.in_(ids)))}


@dataclass(frozen=True)
class SendPreview:
    """What a deliberate send of one dossier would do: to whom, which sections, or why it cannot."""

    youth_id: str
    name: str
    gemeente: str | None
    sections: tuple[str, ...]
    includes_health: bool
    problem: str | None
    already_chosen: bool

    @property
    def section_lines(self) -> list[str]:
        return [f"{code}  {SECTION_BY_CODE[code].title}" for code in self.sections if code in SECTION_BY_CODE]


class Sending:
    """The use case behind the button "Versturen naar Werk en Inkomen" and ``handover send``."""

    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def _enrolled_school(self, session: Session) -> None:
        enrollment = load_state(session).enrollment
        if enrollment is None:
            raise SyncUsageError(
                "Deze installatie is nog niet verbonden met de server van de gemeente; "
                "er kan nog niets worden verstuurd."
            )
        if not enrollment.is_school:
            raise SyncUsageError("Alleen een school verstuurt overstapdossiers.")

    def preview(self, youth_ids: Sequence[str]) -> list[SendPreview]:
        """Per dossier: the gemeente and the sections its consent covers (nothing is sent yet)."""
        with self._ctx.workspace.session() as session:
            self._enrolled_school(session)
            map_free_text_recipients(session)
            known = gemeenten(session)
            choices = chosen_ids(session, youth_ids)
            views = load_dossier_views(session, youth_ids, checkins=False)
        found = {v.id for v in views}
        missing = [i for i in youth_ids if i not in found]
        if missing:
            raise SyncUsageError(f"Deze jongere bestaat niet (meer): {missing[0]}.")
        today = self._ctx.today()
        out = []
        for view in views:
            name = full_name(view.first_names, view.infix, view.last_name, view.called_name)
            where = route(view, known, today)
            problem = where.waiting
            if problem is None and view.anonymised:
                problem = "geanonimiseerd"
            elif problem is None and view.status not in SENDABLE_STATUSES:
                problem = WAIT_CONCEPT if view.status == "concept" else f"status {view.status}"
            sections = tuple(rules.shared_sections(where.consent)) if where.consent is not None else ()
            out.append(
                SendPreview(
                    view.id,
                    name,
                    where.gemeente.name if where.gemeente else None,
                    sections,
                    bool(where.consent and where.consent.includes_health),
                    problem,
                    view.id in choices,
                )
            )
        return out

    def qualifying(self) -> list[SendPreview]:
        """Every dossier that could go but was never sent deliberately: the list the mentor chooses from."""
        with self._ctx.workspace.session() as session:
            self._enrolled_school(session)
            ids = list(
                session.scalars(
                    select(Youth.id)
                    .where(Youth.status.in_(SENDABLE_STATUSES), Youth.anonymised.is_(False))
                    .where(Youth.id.not_in(select(SendChoice.youth_id)))
                    .order_by(Youth.last_name, Youth.first_names)
                )
            )
        if not ids:
            return []
        return [p for p in self.preview(ids) if p.problem is None]

    def send(self, youth_ids: Sequence[str]) -> list[SendPreview]:
        """Choose these dossiers: they go out with the next sync (the hook plans them right away).

        Refuses (and chooses nothing) when any of them cannot go; returns what was chosen.
        """
        previews = self.preview(youth_ids)
        refused = [p for p in previews if p.problem is not None]
        if refused:
            first = refused[0]
            raise SyncUsageError(f"{first.name} kan niet worden verstuurd: {first.problem}.")
        with self._ctx.workspace.session() as session:
            choices = chosen_ids(session, youth_ids)
            views = {v.id: v for v in load_dossier_views(session, youth_ids, checkins=False)}
            for preview in previews:
                revision = views[preview.youth_id].revision
                choice = choices.get(preview.youth_id)
                if choice is None:
                    session.add(SendChoice(youth_id=preview.youth_id, chosen_by=self._ctx.actor, revision=revision))
                else:
                    choice.revision, choice.chosen_at = revision, utcnow()
                # A revision looked at before the choice (and left alone) must be looked at again.
                session.execute(
                    update(SentRecord)
                    .where(SentRecord.youth_id == preview.youth_id)
                    .where(or_(SentRecord.last_kind.is_(None), SentRecord.last_kind != "dossier"))
                    .values(covered_revision=0)
                )
                audit.record(
                    session,
                    self._ctx.actor,
                    "send",
                    "youth",
                    preview.youth_id,
                    chosen=True,
                    gemeente=preview.gemeente,
                    sections=list(preview.sections),
                )
        return previews

    def auto_updates(self) -> bool:
        with self._ctx.workspace.session() as session:
            return bool(get_setting(session, "send_updates_automatically"))
