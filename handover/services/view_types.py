"""The dossier's view types: plain, immutable copies of one young person's dossier and its list items.

Without the database (no SQLAlchemy, no models): the print workers unpickle these and import only
this module. Reading them from the database: :mod:`handover.services.views`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

# ------------------------------------------------------------------------------------------------
# List items: typed named tuples (immutable like the dossier view). A full sync scan builds some
# 135,000 of them; a named tuple is built three times faster than a frozen dataclass (measured).
# Field names equal the columns (and domain.fields' specs); a unit test keeps them in step.


class ContactView(NamedTuple):
    id: str
    role: str
    name: str
    organisation: str | None
    phone: str | None
    email: str | None
    is_fixed_contact: bool


class CertificateView(NamedTuple):
    id: str
    kind: str
    name: str
    issued_by: str | None
    issued_on: dt.date | None
    valid_until: dt.date | None


class ExperienceView(NamedTuple):
    id: str
    kind: str
    employer: str
    tasks: str | None
    start: dt.date | None
    end: dt.date | None
    hours_per_week: int | None
    guidance: str | None
    assessment: str | None
    can_stay: bool


class SupportNeedView(NamedTuple):
    id: str
    area: str
    description: str


class SchemeView(NamedTuple):
    id: str
    scheme: str
    status: str
    date: dt.date | None
    requested_by: str | None


class AgreementView(NamedTuple):
    id: str
    action: str
    organisation: str
    person: str | None
    deadline: dt.date | None
    status: str


class ConsentView(NamedTuple):
    id: str
    given_by: str
    given_by_name: str
    age_at_consent: int | None
    recipient: str
    purpose: str
    given_on: dt.date
    form: str
    includes_health: bool
    withdrawn_on: dt.date | None
    representative_reason: str | None
    includes_checkins: bool = False  # scope "contactmomenten na school" (issue 10)
    includes_checkin_notes: bool = False
    recipient_org_id: str | None = None
    sections: tuple[str, ...] = ()


class InspectionView(NamedTuple):
    id: str
    seen_on: dt.date
    agrees: bool
    reason: str | None


class CheckInView(NamedTuple):
    id: str
    label: str
    plan_months: int | None
    due_date: dt.date
    held_on: dt.date | None
    channel: str | None
    reached: bool
    attempts: int | None
    situation: str | None
    situation_reason: str | None
    income: str | None
    care_signal: str | None
    satisfaction: str | None
    notes: str | None
    next_contact: dt.date | None
    missed_on: dt.date | None = None  # gemist met reden
    missed_reason: str | None = None


# ------------------------------------------------------------------------------------------------
# The dossier


@dataclass(frozen=True, slots=True)
class DossierView:
    """One young person's whole dossier, read at one moment. Immutable: ``dataclasses.replace`` makes
    an updated copy (the editor does so after saving a plain field, instead of reading it all again)."""

    id: str
    revision: int
    status: str
    status_changed_at: dt.datetime | None
    mentor: str | None
    attention: str | None
    anonymised: bool
    updated_at: dt.datetime
    # A
    first_names: str
    called_name: str | None
    infix: str | None
    last_name: str
    birth_date: dt.date
    address: str | None
    postcode: str | None
    city: str | None
    municipality: str | None
    phone: str | None
    email: str | None
    contact_channel: str | None
    bsn: str | None
    secret_address: bool
    interpreter: bool
    # C
    school: str | None
    brin: str | None
    school_type: str | None
    school_class: str | None
    school_start: dt.date | None
    leaving_date: dt.date | None
    leaving_reason: str | None
    development_plan_date: dt.date | None
    expected_level: str | None
    route: str | None
    # F
    strengths: str | None
    interests: str | None
    work_skills: str | None
    hours_per_day: int | None
    hours_per_week: int | None
    travels_alone: bool
    what_works: str | None
    what_to_avoid: str | None
    health_notes: str | None
    # H
    planned_situation: str | None
    actual_situation: str | None
    notes: str | None
    # I
    meeting_date: dt.date | None
    # lists, in the order the dossier shows them
    contacts: tuple[ContactView, ...] = ()
    certificates: tuple[CertificateView, ...] = ()
    experiences: tuple[ExperienceView, ...] = ()
    support_needs: tuple[SupportNeedView, ...] = ()
    schemes: tuple[SchemeView, ...] = ()
    agreements: tuple[AgreementView, ...] = ()
    consents: tuple[ConsentView, ...] = ()
    inspections: tuple[InspectionView, ...] = ()
    checkins: tuple[CheckInView, ...] = ()
