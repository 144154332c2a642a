"""Confirming another organisation's key out of band: the gemeente confirms each school, either side a new root key.

The server's directory is only a proposal. A gemeente pins a school's keys when it first sees them
but opens none of its messages until an administrator confirmed the school's fingerprint by phone,
read aloud from the school's own installation (``handover fingerprint``), never from a listing of
the server. A root key that differs from the pinned one is kept aside as a proposal and used only
after the same confirmation (:mod:`handover.sync.peers` refuses it until then).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from handover import wire
from handover.crypto.keys import fingerprint
from handover.crypto.manifest import ManifestError
from handover.services.context import AppContext
from handover.store import audit
from handover.sync.dossier_status import sync_session
from handover.sync.errors import SyncUsageError
from handover.sync.inbox import HELD, Inbox
from handover.sync.models import Quarantined, SyncPeer, SyncStateEntry
from handover.sync.peers import PROPOSED_ROOT, proposed_roots, verify_peer
from handover.sync.report import SyncReport
from handover.sync.state import load_state


@dataclass(frozen=True)
class PeerEntry:
    """One organisation as the confirmation list shows it (names as pinned, never from a message)."""

    org_id: str
    name: str
    kind: str
    fingerprint: str
    confirmed: bool
    held: int
    # A different root key the server offers for this organisation, waiting for confirmation.
    proposed_fingerprint: str | None

    @property
    def state(self) -> str:
        if self.proposed_fingerprint:
            return "nieuwe sleutel, wacht op bevestiging"
        return "bevestigd" if self.confirmed else "wacht op bevestiging"


class PeerConfirmations:
    def __init__(self, ctx: AppContext, inbox: Inbox) -> None:
        self._ctx = ctx
        self._inbox = inbox

    def entries(self, kind: str | None = None) -> list[PeerEntry]:
        with self._ctx.workspace.session() as session:
            held: dict[str, int] = {
                str(org): int(count)
                for org, count in session.execute(
                    select(Quarantined.sender_org, func.count())
                    .where(Quarantined.reason == HELD)
                    .group_by(Quarantined.sender_org)
                )
            }
            proposals = proposed_roots(session)
            peers = list(session.scalars(select(SyncPeer).order_by(SyncPeer.name)))
        return [
            PeerEntry(
                peer.org_id,
                peer.name,
                peer.kind,
                fingerprint(peer.root_public_key),
                peer.confirmed,
                held.get(peer.org_id, 0),
                fingerprint(wire.b64decode(proposals[peer.org_id].root_public_key))
                if peer.org_id in proposals
                else None,
            )
            for peer in peers
            if kind is None or peer.kind == kind
        ]

    def find(self, ident: str, kind: str) -> PeerEntry:
        """The one organisation of ``kind`` named ``ident`` (its pinned name, or the start of its id)."""
        wanted = ident.strip().casefold()
        entries = self.entries(kind)
        matches = [e for e in entries if e.name.casefold() == wanted] or [
            e for e in entries if len(wanted) >= 6 and e.org_id.startswith(wanted)
        ]
        what = "school" if kind == "school" else "gemeente"
        if not matches:
            raise SyncUsageError(f"Geen {what} met de naam of het id '{ident}' (zie 'handover scholen').")
        if len(matches) > 1:
            listing = "; ".join(
                f"{e.org_id[:8]} vingerafdruk {e.proposed_fingerprint or e.fingerprint}" for e in matches
            )
            raise SyncUsageError(
                f"Er zijn {len(matches)} organisaties met de naam '{ident}': {listing}. "
                "Gebruik het id van de organisatie waarvan de vingerafdruk overeenkomt."
            )
        return matches[0]

    def confirm(self, org_id: str) -> SyncReport:
        """The administrator compared the fingerprint by phone: trust this organisation's key.

        A proposed new root key replaces the pinned one now; a gemeente opens and applies what it
        held for the school. Returns what releasing the held messages did.
        """
        report = SyncReport()
        with sync_session(self._ctx.workspace) as session:
            peer = session.get(SyncPeer, org_id)
            if peer is None:
                raise SyncUsageError("Deze organisatie is onbekend.")
            proposed = session.get(SyncStateEntry, PROPOSED_ROOT + org_id)
            if proposed is not None:
                try:
                    trusted = verify_peer(wire.DirectoryEntry.model_validate(proposed.value), None)
                except (ManifestError, ValueError) as exc:
                    raise SyncUsageError(f"De nieuwe sleutel van {peer.name} is ongeldig: {exc}") from None
                peer.root_public_key = trusted.root_public_key
                peer.manifest = trusted.manifest_bytes
                peer.manifest_signature = trusted.manifest_signature
                session.delete(proposed)
            peer.confirmed = True
            audit.record(
                session,
                self._ctx.actor,
                "change",
                "sync_peer",
                None,
                org=org_id,
                confirmed=True,
                fingerprint=fingerprint(peer.root_public_key),
                new_root=proposed is not None,
            )
            session.flush()
            enrollment = load_state(session).enrollment
            if enrollment is not None:
                self._inbox.release(session, enrollment, org_id, report)
        return report
