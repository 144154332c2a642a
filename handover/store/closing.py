"""Begeleiding afronden: the closing of a young person's case at the end of the two years, and its reopening.

One row per closing. Reopening fills in the ``reopened_*`` columns of that row and never deletes it,
so the history stays (closed on …, reopened on … because of a job loss, closed again on …). A case
is closed while its newest row has no ``reopened_on``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from handover.store.models import Base, new_id, utcnow


class CaseClosure(Base):
    __tablename__ = "case_closures"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    youth_id: Mapped[str] = mapped_column(ForeignKey("youths.id", ondelete="CASCADE"), index=True)
    closed_on: Mapped[dt.date] = mapped_column(Date)
    situation: Mapped[str] = mapped_column(String(40))  # a SITUATION code: the final situation
    situation_reason: Mapped[str | None] = mapped_column(String(40))
    closed_by: Mapped[str] = mapped_column(String(200))
    closed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    reopened_on: Mapped[dt.date | None] = mapped_column(Date)
    reopened_by: Mapped[str | None] = mapped_column(String(200))
    reopen_reason: Mapped[str | None] = mapped_column(String(300))
