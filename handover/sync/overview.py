"""What the GUI and the command line show about sync: the status line, and the lists behind it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select

from handover.store.workspace import Workspace
from handover.sync.inbox import HELD
from handover.sync.models import Quarantined, ReceivedDossier, SyncPeer, SyncReply
from handover.sync.outbox import pending_count
from handover.sync.send_state import describe_held_back, held_back
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
    # What could go but waits, per reason (see sync.send_state): the status bar names them.
    held_back: dict[str, int] = field(default_factory=dict)


def overview(workspace: Workspace, today: dt.date | None = None) -> SyncOverview:
    """``today`` given: also count what waits, per reason (the dossiers' send states)."""
    with workspace.session() as session:
        state = load_state(session)
        pending = pending_count(session)
        quarantined = (
            session.scalar(select(func.count()).select_from(Quarantined).where(Quarantined.reason != HELD)) or 0
        )
        held = session.scalar(select(func.count()).select_from(Quarantined).where(Quarantined.reason == HELD)) or 0
        waiting = held_back(session, today) if today is not None and state.enrolled else {}
    if not state.enrolled:
        label = "Niet ingeschreven"
    elif state.last_offline:
        label = "Wacht op verbinding"
    elif state.last_error:
        label = f"Fout: {state.last_error}"
    elif pending:
        label = "Bezig met versturen"
    elif waiting:
        label = describe_held_back(waiting)[0].upper() + describe_held_back(waiting)[1:]
    else:
        label = "Alles verstuurd"
    return SyncOverview(state.enrolled, pending, quarantined, state.last_sync, state.last_error, label, held, waiting)


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
