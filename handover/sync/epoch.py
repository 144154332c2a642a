"""Epoch recovery: the server was restored from a backup, so re-send what it lost and re-read the inbox.

Every push answer and inbox page carries the server's epoch; a different one than we saw last means
the server's history may have gone back in time. Which of our acknowledged messages it still has is
asked in chunks; the missing ones become pending again (same bytes) and the inbox cursor goes back
to 0 (applying is idempotent), all in one transaction at the end, so a recovery that is
interrupted is simply done again.
"""

from __future__ import annotations

import threading
from dataclasses import replace

from sqlalchemy import select, update

from handover import wire
from handover.store.workspace import Workspace
from handover.sync.bulk import chunks
from handover.sync.client import SyncClient, check_cancel
from handover.sync.models import OutboxOp
from handover.sync.outbox import PENDING
from handover.sync.report import SyncReport
from handover.sync.state import load_state, save_state

ACKED = "acked"


class EpochRecovery:
    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace

    def recover(
        self, client: SyncClient, epoch: str, report: SyncReport, cancel: threading.Event | None = None
    ) -> None:
        with self._workspace.session() as session:
            acked = list(session.scalars(select(OutboxOp.op_id).where(OutboxOp.status == ACKED).order_by(OutboxOp.id)))
        missing: list[str] = []
        for chunk in chunks(acked, wire.MAX_KNOWN_QUERY):
            check_cancel(cancel)
            known = client.known(chunk).known
            missing += [op_id for op_id in chunk if op_id not in known]
        with self._workspace.session() as session:
            for part in chunks(missing, 500):
                session.execute(
                    update(OutboxOp).where(OutboxOp.op_id.in_(part)).values(status=PENDING, seq=None, acked_at=None)
                )
            save_state(session, replace(load_state(session), epoch=epoch, inbox_cursor=0))
        report.epoch_changed = True
        report.resent_after_epoch_change += len(missing)
