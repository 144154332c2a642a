"""SQLAlchemy 2 models of the client database. Column names equal the field names in domain.fields."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    """Random UUID; never derived from the BSN or a name."""
    return str(uuid.uuid4())


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Setting(Base):
    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class Youth(Base):
    """A young person and the single-valued fields of their overstapdossier."""

    __tablename__ = "youths"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    mentor: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(30), default="concept")
    status_changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    attention: Mapped[str | None] = mapped_column(String(300))  # why the mentor should look now
    anonymised: Mapped[bool] = mapped_column(Boolean, default=False)
    # Kept up to date by every change (services.dossiers.touch) so the list of 10,000 loads from
    # this one table: the joins over check-ins and contacts cost more than the 1.5 s start budget allows.
    next_checkin_due: Mapped[dt.date | None] = mapped_column(Date)
    fixed_contact_name: Mapped[str | None] = mapped_column(String(200))
    # The student administration's own number (Leerlingnummer): the key a repeated import matches on.
    # School-internal, so not a dossier field: it is never printed or sent.
    student_number: Mapped[str | None] = mapped_column(String(40), index=True)
    # A
    first_names: Mapped[str] = mapped_column(String(200))
    called_name: Mapped[str | None] = mapped_column(String(200))
    infix: Mapped[str | None] = mapped_column(String(20))
    last_name: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[dt.date] = mapped_column(Date)
    address: Mapped[str | None] = mapped_column(String(200))
    postcode: Mapped[str | None] = mapped_column(String(10))
    city: Mapped[str | None] = mapped_column(String(200))
    municipality: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    contact_channel: Mapped[str | None] = mapped_column(String(40))
    bsn: Mapped[str | None] = mapped_column(String(9))
    secret_address: Mapped[bool] = mapped_column(Boolean, default=False)
    interpreter: Mapped[bool] = mapped_column(Boolean, default=False)
    # C
    school: Mapped[str | None] = mapped_column(String(200))
    brin: Mapped[str | None] = mapped_column(String(6))
    school_type: Mapped[str | None] = mapped_column(String(10))
    school_class: Mapped[str | None] = mapped_column(String(20))
    school_start: Mapped[dt.date | None] = mapped_column(Date)
    leaving_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    leaving_reason: Mapped[str | None] = mapped_column(String(200))
    development_plan_date: Mapped[dt.date | None] = mapped_column(Date)
    expected_level: Mapped[str | None] = mapped_column(String(200))
    route: Mapped[str | None] = mapped_column(String(40))
    # F
    strengths: Mapped[str | None] = mapped_column(Text)
    interests: Mapped[str | None] = mapped_column(Text)
    work_skills: Mapped[str | None] = mapped_column(Text)
    hours_per_day: Mapped[int | None] = mapped_column(Integer)
    hours_per_week: Mapped[int | None] = mapped_column(Integer)
    travels_alone: Mapped[bool] = mapped_column(Boolean, default=False)
    what_works: Mapped[str | None] = mapped_column(Text)
    what_to_avoid: Mapped[str | None] = mapped_column(Text)
    health_notes: Mapped[str | None] = mapped_column(Text)
    # H
    planned_situation: Mapped[str | None] = mapped_column(String(40))
    actual_situation: Mapped[str | None] = mapped_column(String(40))
    notes: Mapped[str | None] = mapped_column(Text)
    # I
    meeting_date: Mapped[dt.date | None] = mapped_column(Date)

    contacts: Mapped[list[Contact]] = relationship(
        back_populates="youth", cascade="all, delete-orphan", order_by="Contact.position"
    )
    certificates: Mapped[list[Certificate]] = relationship(
        back_populates="youth", cascade="all, delete-orphan", order_by="Certificate.position"
    )
    experiences: Mapped[list[Experience]] = relationship(
        back_populates="youth", cascade="all, delete-orphan", order_by="Experience.position"
    )
    support_needs: Mapped[list[SupportNeed]] = relationship(
        back_populates="youth", cascade="all, delete-orphan", order_by="SupportNeed.position"
    )
    schemes: Mapped[list[Scheme]] = relationship(
        back_populates="youth", cascade="all, delete-orphan", order_by="Scheme.position"
    )
    agreements: Mapped[list[Agreement]] = relationship(
        back_populates="youth", cascade="all, delete-orphan", order_by="Agreement.position"
    )
    consents: Mapped[list[Consent]] = relationship(
        back_populates="youth", cascade="all, delete-orphan", order_by="Consent.given_on"
    )
    inspections: Mapped[list[Inspection]] = relationship(
        back_populates="youth", cascade="all, delete-orphan", order_by="Inspection.seen_on"
    )
    checkins: Mapped[list[CheckIn]] = relationship(
        back_populates="youth", cascade="all, delete-orphan", order_by="CheckIn.due_date"
    )


class _Item:
    """Columns every list item shares."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    youth_id: Mapped[str] = mapped_column(ForeignKey("youths.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Contact(_Item, Base):
    __tablename__ = "contacts"
    role: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    is_fixed_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    youth: Mapped[Youth] = relationship(back_populates="contacts")


class Certificate(_Item, Base):
    __tablename__ = "certificates"
    kind: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    issued_by: Mapped[str | None] = mapped_column(String(200))
    issued_on: Mapped[dt.date | None] = mapped_column(Date)
    valid_until: Mapped[dt.date | None] = mapped_column(Date)
    youth: Mapped[Youth] = relationship(back_populates="certificates")


class Experience(_Item, Base):
    __tablename__ = "experiences"
    kind: Mapped[str] = mapped_column(String(40))
    employer: Mapped[str] = mapped_column(String(200))
    tasks: Mapped[str | None] = mapped_column(Text)
    start: Mapped[dt.date | None] = mapped_column(Date)
    end: Mapped[dt.date | None] = mapped_column(Date)
    hours_per_week: Mapped[int | None] = mapped_column(Integer)
    guidance: Mapped[str | None] = mapped_column(String(200))
    assessment: Mapped[str | None] = mapped_column(Text)
    can_stay: Mapped[bool] = mapped_column(Boolean, default=False)
    youth: Mapped[Youth] = relationship(back_populates="experiences")


class SupportNeed(_Item, Base):
    __tablename__ = "support_needs"
    area: Mapped[str] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(Text)
    youth: Mapped[Youth] = relationship(back_populates="support_needs")


class Scheme(_Item, Base):
    __tablename__ = "schemes"
    scheme: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(40))
    date: Mapped[dt.date | None] = mapped_column(Date)
    requested_by: Mapped[str | None] = mapped_column(String(200))
    youth: Mapped[Youth] = relationship(back_populates="schemes")


class Agreement(_Item, Base):
    __tablename__ = "agreements"
    action: Mapped[str] = mapped_column(String(500))
    organisation: Mapped[str] = mapped_column(String(40))
    person: Mapped[str | None] = mapped_column(String(200))
    deadline: Mapped[dt.date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(20), default="open")
    done_on: Mapped[dt.date | None] = mapped_column(Date)
    youth: Mapped[Youth] = relationship(back_populates="agreements")


class Consent(_Item, Base):
    __tablename__ = "consents"
    given_by: Mapped[str] = mapped_column(String(30))
    given_by_name: Mapped[str] = mapped_column(String(200))
    age_at_consent: Mapped[int | None] = mapped_column(Integer)
    recipient: Mapped[str] = mapped_column(String(200))
    # The enrolled gemeente this consent names, by its organisation id on the sync server (chosen
    # from a list; ``recipient`` keeps its name for print). None: a free-text consent not mapped yet.
    recipient_org_id: Mapped[str | None] = mapped_column(String(64))
    purpose: Mapped[str] = mapped_column(String(40))
    sections: Mapped[list[str]] = mapped_column(JSON, default=list)
    given_on: Mapped[dt.date] = mapped_column(Date)
    form: Mapped[str] = mapped_column(String(20))
    includes_health: Mapped[bool] = mapped_column(Boolean, default=False)
    withdrawn_on: Mapped[dt.date | None] = mapped_column(Date)
    # Why a wettelijk vertegenwoordiger consents for someone of 16 or older (curatele, mentorschap).
    representative_reason: Mapped[str | None] = mapped_column(String(300))
    # Scope "contactmomenten na school" (revision 0006, off by default): news after school may go to
    # the gemeente; the check-in's free notes only when includes_checkin_notes is on as well.
    includes_checkins: Mapped[bool] = mapped_column(Boolean, default=False)
    includes_checkin_notes: Mapped[bool] = mapped_column(Boolean, default=False)
    youth: Mapped[Youth] = relationship(back_populates="consents")


class Inspection(_Item, Base):
    """Inzage: the young person has seen the dossier and agrees, or disagrees with a reason."""

    __tablename__ = "inspections"
    seen_on: Mapped[dt.date] = mapped_column(Date)
    agrees: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str | None] = mapped_column(Text)
    youth: Mapped[Youth] = relationship(back_populates="inspections")


class CheckIn(_Item, Base):
    """A contactmoment: planned from the schedule (plan_months) or extra (plan_months is None)."""

    __tablename__ = "checkins"
    plan_months: Mapped[int | None] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(200))
    due_date: Mapped[dt.date] = mapped_column(Date, index=True)
    held_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    channel: Mapped[str | None] = mapped_column(String(40))
    reached: Mapped[bool] = mapped_column(Boolean, default=False)
    attempts: Mapped[int | None] = mapped_column(Integer)
    situation: Mapped[str | None] = mapped_column(String(40))
    situation_reason: Mapped[str | None] = mapped_column(String(40))
    income: Mapped[str | None] = mapped_column(String(40))
    care_signal: Mapped[str | None] = mapped_column(String(20))
    satisfaction: Mapped[str | None] = mapped_column(String(2))
    notes: Mapped[str | None] = mapped_column(Text)
    next_contact: Mapped[dt.date | None] = mapped_column(Date)
    # Gemist met reden (revision 0008): a planned check-in that will not be held, and why; it then
    # leaves "te laat" (services.checkins.CheckInService.mark_missed).
    missed_on: Mapped[dt.date | None] = mapped_column(Date)
    missed_reason: Mapped[str | None] = mapped_column(String(300))
    youth: Mapped[Youth] = relationship(back_populates="checkins")


class Draft(Base):
    """Text typed into a field that is not valid yet: kept so nothing typed is lost."""

    __tablename__ = "drafts"
    youth_id: Mapped[str] = mapped_column(ForeignKey("youths.id", ondelete="CASCADE"), primary_key=True)
    field: Mapped[str] = mapped_column(String(100), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class AuditEvent(Base):
    """Append-only and hash-chained. ``detail`` holds ids and field names, never names or a BSN."""

    __tablename__ = "audit_events"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(36), index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


LIST_MODELS: dict[str, type[Any]] = {
    "contacts": Contact,
    "certificates": Certificate,
    "experiences": Experience,
    "support_needs": SupportNeed,
    "schemes": Scheme,
    "agreements": Agreement,
}
