"""The 1 November reference-date snapshots (peildatum): frozen once taken, never changed afterwards.

A snapshot holds one entry per young person in follow-up on that date (leaving date in the two
years before it): the situation on the date, the route and "stabiel sinds". The entries carry the
young person's id but no name, so a snapshot may outlive the dossier (erasure after the retention
period leaves an anonymous entry). Database triggers (revision 0007) refuse every UPDATE and
DELETE of both tables: "frozen" does not depend on the code that reads them.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from handover.store.models import Base, utcnow


class ReferenceSnapshot(Base):
    """One peildatum: when and by whom it was frozen, and whether it was made afterwards from history."""

    __tablename__ = "reference_snapshots"
    peildatum: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    taken_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    taken_on: Mapped[dt.date] = mapped_column(Date)  # the app's "today" when it was frozen
    taken_by: Mapped[str] = mapped_column(String(200))
    retroactive: Mapped[bool] = mapped_column(Boolean, default=False)  # "achteraf berekend"
    count: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))  # over the entries, also in the audit event


class ReferenceEntry(Base):
    """One young person on one peildatum. No foreign key to youths: erasing a dossier keeps the entry."""

    __tablename__ = "reference_entries"
    peildatum: Mapped[dt.date] = mapped_column(
        ForeignKey("reference_snapshots.peildatum", ondelete="RESTRICT"), primary_key=True
    )
    youth_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    cohort: Mapped[int] = mapped_column(Integer)  # vertrekjaar
    school_type: Mapped[str] = mapped_column(String(10))  # "" when not filled in
    leaving_date: Mapped[dt.date] = mapped_column(Date)
    situation: Mapped[str] = mapped_column(String(40))  # a SITUATION code; "niet_bereikt" when not reached
    route: Mapped[str | None] = mapped_column(String(40))
    stable_since: Mapped[dt.date | None] = mapped_column(Date)
    last_contact: Mapped[dt.date | None] = mapped_column(Date)  # the check-in the situation comes from


FROZEN_TABLES = ("reference_snapshots", "reference_entries")
