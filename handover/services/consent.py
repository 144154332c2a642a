"""Toestemming (consent) and inzage. No dossier leaves the school without valid consent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, Protocol, TypeVar

from handover.domain import rules
from handover.domain.fields import CONSENT_FIELDS, SHAREABLE_SECTIONS
from handover.domain.validation import FieldError, ValidationFailed, age_on, clean_fields
from handover.services.context import AppContext
from handover.services.dossiers import NotFound, load_youth, touch
from handover.services.views import DossierView
from handover.store.models import Consent, Inspection, Youth

CONSENT_SPECS = {f.name: f for f in CONSENT_FIELDS}


class ConsentService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def record(
        self,
        youth_id: str,
        values: Mapping[str, Any],
        sections: Iterable[str],
        *,
        recipient_org_id: str | None = None,
    ) -> str:
        """Record a consent; ``recipient_org_id`` is the enrolled gemeente chosen from the list.

        Without it the recipient is free text (an installation not yet enrolled): the sync maps it
        to a gemeente whose name it equals exactly, otherwise the mentor is asked to choose.
        """
        sections = sorted(set(sections))
        values = dict(values)
        # The GUI's consent form passes the chosen gemeente along with the typed fields.
        chosen = values.pop("recipient_org_id", None)
        recipient_org_id = recipient_org_id or (str(chosen) if chosen else None)
        cleaned, errors = clean_fields(CONSENT_SPECS, values, today=self.ctx.today())
        errors += [
            FieldError(f.name, f"{f.label} is verplicht.")
            for f in CONSENT_FIELDS
            if f.required and f.name not in values
        ]
        unknown = [s for s in sections if s not in SHAREABLE_SECTIONS]
        if unknown:
            errors.append(FieldError("sections", f"Onbekende onderdelen: {', '.join(unknown)}"))
        if cleaned.get("given_on") and cleaned["given_on"] > self.ctx.today():
            errors.append(FieldError("given_on", "De datum van de toestemming ligt in de toekomst."))
        if errors:
            raise ValidationFailed(errors)
        with self.ctx.session() as session:
            youth = load_youth(session, youth_id)
            if cleaned.get("age_at_consent") is None:
                cleaned["age_at_consent"] = age_on(youth.birth_date, cleaned["given_on"])
            consent = Consent(**cleaned, sections=sections, recipient_org_id=recipient_org_id)
            problem = rules.consent_problem(consent, youth.birth_date, cleaned["given_on"])
            if problem and "ingetrokken" not in problem:
                raise ValidationFailed([FieldError("given_by", problem)])
            youth.consents.append(consent)
            session.flush()
            touch(self.ctx, session, youth, "consent", "consent", consent.id, sections=sections, given=True)
            return consent.id

    def choose_recipient(self, youth_id: str, consent_id: str, org_id: str, name: str) -> None:
        """Name the enrolled gemeente a free-text consent meant ("kies de ontvanger")."""
        with self.ctx.session() as session:
            youth = load_youth(session, youth_id)
            consent = session.get(Consent, consent_id)
            if consent is None or consent.youth_id != youth_id:
                raise NotFound("Deze toestemming bestaat niet (meer).")
            if consent.recipient_org_id == org_id:
                return
            old = consent.recipient
            consent.recipient_org_id = org_id
            consent.recipient = name
            touch(self.ctx, session, youth, "consent", "consent", consent_id, recipient=org_id, was=old)

    def withdraw(self, youth_id: str, consent_id: str, on: dt.date | None = None) -> None:
        """Withdrawing stops further sending; the sync hook tells the recipient."""
        on = on or self.ctx.today()
        with self.ctx.session() as session:
            youth = load_youth(session, youth_id)
            consent = session.get(Consent, consent_id)
            if consent is None or consent.youth_id != youth_id:
                raise NotFound("Deze toestemming bestaat niet (meer).")
            if consent.withdrawn_on is not None:
                return
            consent.withdrawn_on = on
            touch(self.ctx, session, youth, "consent", "consent", consent_id, withdrawn=on.isoformat())

    def record_inspection(self, youth_id: str, seen_on: dt.date, agrees: bool, reason: str = "") -> str:
        if not agrees and not reason.strip():
            raise ValidationFailed([FieldError("reason", "Geef aan waarmee de jongere het niet eens is.")])
        if seen_on > self.ctx.today():
            raise ValidationFailed([FieldError("seen_on", "De datum van inzage ligt in de toekomst.")])
        with self.ctx.session() as session:
            youth = load_youth(session, youth_id)
            inspection = Inspection(seen_on=seen_on, agrees=agrees, reason=reason.strip() or None)
            youth.inspections.append(inspection)
            session.flush()
            touch(self.ctx, session, youth, "change", "inspection", inspection.id, agrees=agrees)
            return inspection.id


def sendable_consent(youth: DossierView | Youth, recipient: str, today: dt.date) -> rules.ConsentLike | None:
    """The consent that allows sending to this recipient today, or None: then it is not sent."""
    return rules.valid_consent_for(youth.consents, recipient, youth.birth_date, today)


def may_send(youth: DossierView | Youth, recipient: str, today: dt.date) -> bool:
    return sendable_consent(youth, recipient, today) is not None


class OrgConsent(rules.ConsentLike, Protocol):
    """A consent that may name an enrolled gemeente: a stored row and a frozen view both qualify."""

    @property
    def id(self) -> str: ...
    @property
    def recipient_org_id(self) -> str | None: ...


C = TypeVar("C", bound=OrgConsent)


def valid_consent_for_org(consents: Iterable[C], org_id: str, birth_date: dt.date | None, on: dt.date) -> C | None:
    """The newest valid consent that names this enrolled gemeente (by organisation id), or None."""
    best: C | None = None
    for consent in consents:
        if consent.recipient_org_id != org_id or rules.consent_problem(consent, birth_date, on) is not None:
            continue
        if best is None or consent.given_on > best.given_on:
            best = consent
    return best


def unmapped_valid_consents(consents: Iterable[C], birth_date: dt.date | None, on: dt.date) -> list[C]:
    """Valid consents whose recipient is still free text: the mentor must choose the gemeente."""
    return [c for c in consents if c.recipient_org_id is None and rules.consent_problem(c, birth_date, on) is None]
