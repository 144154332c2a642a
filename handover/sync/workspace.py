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

from handover.services.context import AppContext
from handover.sync.agreements import Agreements
from handover.sync.figures import send_figures
from handover.sync.intake import Intake
from handover.sync.news import enqueue_news
from handover.sync.outbox import OutboxWriter
from handover.sync.replies import Replies
from handover.sync.state import load_state
from handover.sync.workspace_appliers import WorkspaceAppliers


class Workspace:
    def __init__(self, ctx: AppContext, writer: OutboxWriter, replies: Replies, agreements: Agreements) -> None:
        self._ctx = ctx
        self._writer = writer
        self.agreements = agreements
        self.intake = Intake(ctx, replies)
        self.appliers = WorkspaceAppliers(ctx, agreements)

    def at_sync(self) -> int:
        """School, during every sync after the dossiers: agreement edits and news after school."""
        with self._ctx.workspace.session() as session:
            enrollment = load_state(session).enrollment
            if enrollment is None or not enrollment.is_school:
                return 0
            count = self.agreements.capture(session, enrollment)
            count += enqueue_news(self._ctx, self._writer, session, enrollment)
            return count

    def send_figures(self, gemeente_org: str | None, body: dict[str, Any]) -> int:
        return send_figures(self._ctx, self._writer, gemeente_org, body)
