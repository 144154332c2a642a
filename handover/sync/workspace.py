"""The gemeente workspace's use cases behind the SyncService facade (issue 10), wired in one place.

* :mod:`~handover.sync.intake`: opening a received dossier, planning the intake, the case's state;
* :mod:`~handover.sync.agreements` (with :mod:`~handover.sync.agreement_graph`): agreement versions
  both ways, conflicts and their resolution;
* :mod:`~handover.sync.news`: news after school (school side, at sync);
* :mod:`~handover.sync.figures`: anonymised cohort figures (issue 12);
* :mod:`~handover.sync.workspace_appliers`: applying all of these on the receiving side;
* :mod:`~handover.sync.exchange`: what the school reads back (section K, Vandaag, ``afspraken``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from handover.services.context import AppContext
from handover.sync.agreements import Agreements
from handover.sync.figures import send_figures
from handover.sync.intake import Intake
from handover.sync.models import AgreementVersion, OutboxOp, SentUpdate
from handover.sync.news import enqueue_news
from handover.sync.outbox import OutboxWriter
from handover.sync.replies import Replies
from handover.sync.state import Enrollment, load_state
from handover.sync.workspace_appliers import WorkspaceAppliers

REBASED = ("stale_base", "revision_exists")


class Workspace:
    def __init__(self, ctx: AppContext, writer: OutboxWriter, replies: Replies, agreements: Agreements) -> None:
        self._ctx = ctx
        self._writer = writer
        self.agreements = agreements
        self.intake = Intake(ctx, replies)
        self.appliers = WorkspaceAppliers(ctx, agreements)

    def at_sync(self, marked: set[str] | None = None) -> int:
        """During every sync after the dossiers: what a rebase dropped goes again (both roles); the
        school also enqueues news after school (of the young people ``marked`` only, when given: the
        planner's scan found only those changed). (Agreement edits are captured by the planner, with
        the dossiers that changed: see ``OutboxPlanner``.)"""
        with self._ctx.workspace.session() as session:
            enrollment = load_state(session).enrollment
            if enrollment is None:
                return 0
            count, dropped = self._resend_rebased(session, enrollment)
            if enrollment.is_school:
                wanted = None if marked is None else marked | dropped
                count += enqueue_news(self._ctx, self._writer, session, enrollment, wanted)
            return count

    def _resend_rebased(self, session: Session, enrollment: Enrollment) -> tuple[int, set[str]]:
        """Agreement versions and news that a rebase dropped (the server had a newer revision of the
        stream: a restored PC or server) are sealed again on top of it, under the same op id.
        Returns how many versions, and the young people whose news goes again."""
        dropped = list(
            session.scalars(
                select(OutboxOp).where(
                    OutboxOp.status == "conflict",
                    OutboxOp.kind.in_(("agreement", "update")),
                    OutboxOp.error.in_(REBASED),
                )
            )
        )
        count = 0
        news_of: set[str] = set()
        for op in dropped:
            version = session.scalar(select(AgreementVersion).where(AgreementVersion.op_id == op.op_id))
            sent = session.scalar(select(SentUpdate).where(SentUpdate.op_id == op.op_id))
            session.delete(op)  # its op id is free again: the server never stored it
            session.flush()
            if version is not None:
                self.agreements.resend(session, enrollment, version, op.recipient_org)
                count += 1
            elif sent is not None:
                news_of.add(sent.youth_id)
                session.delete(sent)  # enqueue_news seals it again below
                session.flush()
        return count, news_of

    def send_figures(self, gemeente_org: str | None, body: dict[str, Any]) -> int:
        return send_figures(self._ctx, self._writer, gemeente_org, body)
