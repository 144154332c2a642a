"""The klantmanager's work on a received dossier: opening it, planning the intake, the case's state.

A received dossier's ``case_status`` is one of :data:`CASE_STATUSES`; status messages move it on
(:data:`~handover.sync.replies.CASE_STATUS_AFTER`). Planning the intake stores the date and the
klantmanager and sends the school a signed status message "intake_gepland" that carries both.
"""

from __future__ import annotations

import datetime as dt

from handover.services.context import AppContext
from handover.store import audit
from handover.store.models import utcnow
from handover.sync.errors import NOT_ENROLLED, SyncUsageError
from handover.sync.models import ReceivedDossier
from handover.sync.replies import CASE_STATUS_AFTER, CASE_STATUSES, Replies
from handover.sync.state import load_state

__all__ = ["CASE_STATUSES", "CASE_STATUS_AFTER", "Intake"]


class Intake:
    def __init__(self, ctx: AppContext, replies: Replies) -> None:
        self._ctx = ctx
        self._replies = replies

    def plan(self, sender_org: str, record_id: str, date: dt.date, klantmanager: str, detail: str = "") -> None:
        name = " ".join(klantmanager.split())
        if not name:
            raise SyncUsageError("Kies de klantmanager die de intake doet.")
        if len(name) > 200:
            raise SyncUsageError("De naam van de klantmanager is te lang (hoogstens 200 tekens).")
        if not isinstance(date, dt.date):
            raise SyncUsageError("Geef de datum van de intake als JJJJ-MM-DD.")
        if date < self._ctx.today() - dt.timedelta(days=366):
            raise SyncUsageError("De datum van de intake ligt meer dan een jaar terug.")
        with self._ctx.workspace.session() as session:
            extra = {"intake_date": date.isoformat(), "klantmanager": name}
            self._replies.send_status(sender_org, record_id, "intake_gepland", detail, extra=extra, session=session)
            row = session.get(ReceivedDossier, (sender_org, record_id))
            assert row is not None  # send_status refused otherwise
            row.intake_date = date
            row.klantmanager = name
            audit.record(
                session,
                self._ctx.actor,
                "change",
                "received_dossier",
                record_id,
                intake_date=date.isoformat(),
                klantmanager=name,
            )

    def mark_opened(self, sender_org: str, record_id: str) -> None:
        """The klantmanager opened this dossier: picked up (once) and this version seen."""
        with self._ctx.workspace.session() as session:
            enrollment = load_state(session).enrollment
            if enrollment is None:
                raise SyncUsageError(NOT_ENROLLED)
            if not enrollment.is_gemeente:
                raise SyncUsageError("Alleen Werk en Inkomen opent ontvangen dossiers.")
            row = session.get(ReceivedDossier, (sender_org, record_id))
            if row is None:
                raise SyncUsageError("Dit dossier is hier niet ontvangen.")
            if row.picked_up_at is None:
                row.picked_up_at = utcnow()
            row.last_opened_revision = row.revision
            audit.record(
                session,
                self._ctx.actor,
                "view",
                "received_dossier",
                record_id,
                sender=sender_org,
                revision=row.revision,
            )
