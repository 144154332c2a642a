"""What the GUI and the command line show about sync: the status line, and the lists behind it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from handover.store.workspace import Workspace
from handover.sync.inbox import HELD
from handover.sync.models import Quarantined, ReceivedDossier, SyncPeer, SyncReply
from handover.sync.outbox import pending_count
from handover.sync.state import load_state


@dataclass(frozen=True)
class SyncOverview:
    """What the GUI shows: enrolled?, counts and one Dutch status label."""

    enrolled: bool
    pending: int
    quarantined: int
    last_sync: str | None
    last_error: str | None
    label: str
    # Gemeente: messages of schools not confirmed yet (handover scholen / bevestig), kept unopened.
    held: int = 0


def overview(workspace: Workspace) -> SyncOverview:
    with workspace.session() as session:
        state = load_state(session)
        pending = pending_count(session)
        quarantined = (
            session.scalar(select(func.count()).select_from(Quarantined).where(Quarantined.reason != HELD)) or 0
        )
        held = session.scalar(select(func.count()).select_from(Quarantined).where(Quarantined.reason == HELD)) or 0
    if not state.enrolled:
        label = "Niet ingeschreven"
    elif state.last_offline:
        label = "Wacht op verbinding"
    elif state.last_error:
        label = f"Fout: {state.last_error}"
    elif pending:
        label = "Bezig met versturen"
    else:
        label = "Alles verstuurd"
    return SyncOverview(state.enrolled, pending, quarantined, state.last_sync, state.last_error, label, held)


def received_dossiers(workspace: Workspace) -> list[ReceivedDossier]:
    with workspace.session() as session:
        return list(session.scalars(select(ReceivedDossier).order_by(ReceivedDossier.received_at)))


def replies(workspace: Workspace, youth_id: str | None = None) -> list[SyncReply]:
    """Receipts and status messages from Werk en Inkomen, oldest first."""
    query = select(SyncReply).order_by(SyncReply.id)
    if youth_id is not None:
        query = query.where(SyncReply.youth_id == youth_id)
    with workspace.session() as session:
        return list(session.scalars(query))


def quarantined(workspace: Workspace) -> list[Quarantined]:
    with workspace.session() as session:
        return list(session.scalars(select(Quarantined).where(Quarantined.reason != HELD).order_by(Quarantined.id)))


def pinned_peers(workspace: Workspace) -> list[SyncPeer]:
    with workspace.session() as session:
        return list(session.scalars(select(SyncPeer).order_by(SyncPeer.name)))
