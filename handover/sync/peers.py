"""The peer directory: organisations whose root key we pinned, their verified key lists, refreshing them.

A school pins the gemeente's root key at enrollment, after the user compared the fingerprint by
phone; a gemeente pins a school's root key when it first sees it but opens nothing from it until the
school is confirmed (``handover bevestig``, :mod:`handover.sync.confirm`). Every later
key list must be signed by the pinned root key, and a stored key list is verified again when it is
read, so a manifest edited in the local database is not trusted either.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from handover import wire
from handover.crypto.keys import fingerprint
from handover.crypto.manifest import ManifestError, OrgManifest, SignedManifest, verify_manifest
from handover.store.workspace import Workspace
from handover.sync.client import SyncClient
from handover.sync.models import SyncPeer, SyncStateEntry
from handover.sync.state import GEMEENTE


@dataclass(frozen=True)
class TrustedPeer:
    """An organisation whose manifest verified against its pinned root key."""

    org_id: str
    name: str
    kind: str
    root_public_key: bytes
    manifest: OrgManifest
    manifest_bytes: bytes
    manifest_signature: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.root_public_key)


def verify_peer(entry: wire.DirectoryEntry, pinned_root: bytes | None) -> TrustedPeer:
    signed = SignedManifest(
        wire.b64decode(entry.root_public_key), wire.b64decode(entry.manifest), wire.b64decode(entry.manifest_signature)
    )
    manifest = verify_manifest(signed, expected_org_id=entry.org_id, pinned_root=pinned_root)
    return TrustedPeer(
        entry.org_id, entry.name, entry.kind, signed.root_public_key, manifest, signed.manifest_bytes, signed.signature
    )


PROPOSED_ROOT = "proposed_root:"
"""Sync state key prefix of a root key the server offers in place of a pinned one (not trusted)."""


def propose_root(session: Session, entry: wire.DirectoryEntry) -> None:
    """Keep a directory entry whose root key differs from the pinned one, for a later confirmation."""
    key = PROPOSED_ROOT + entry.org_id
    value = entry.model_dump()
    row = session.get(SyncStateEntry, key)
    if row is None:
        session.add(SyncStateEntry(key=key, value=value))
    elif row.value != value:
        row.value = value


def proposed_roots(session: Session) -> dict[str, wire.DirectoryEntry]:
    rows = session.scalars(select(SyncStateEntry).where(SyncStateEntry.key.startswith(PROPOSED_ROOT)))
    out = {}
    for row in rows:
        try:
            entry = wire.DirectoryEntry.model_validate(row.value)
        except ValueError:
            continue
        out[entry.org_id] = entry
    return out


def fingerprint_of(peer: SyncPeer) -> str:
    return fingerprint(peer.root_public_key)


def pin_peer(session: Session, peer: TrustedPeer, label: str, *, confirmed: bool) -> None:
    session.merge(
        SyncPeer(
            org_id=peer.org_id,
            name=peer.name,
            kind=peer.kind,
            root_public_key=peer.root_public_key,
            manifest=peer.manifest_bytes,
            manifest_signature=peer.manifest_signature,
            recipient_label=label,
            confirmed=confirmed,
        )
    )


def gemeente_peers(session: Session) -> list[SyncPeer]:
    return list(session.scalars(select(SyncPeer).where(SyncPeer.kind == GEMEENTE)))


def peers_by_id(session: Session) -> dict[str, SyncPeer]:
    return {peer.org_id: peer for peer in session.scalars(select(SyncPeer))}


class PeerDirectory:
    """Verified key lists of the pinned peers (cached while unchanged) and the directory refresh."""

    def __init__(
        self, workspace: Workspace, *, refresh_seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._workspace = workspace
        self._refresh_seconds = refresh_seconds
        self._clock = clock
        self._checked: float | None = None
        # org id → (the stored bytes it was verified from, the manifest)
        self._manifests: dict[str, tuple[tuple[bytes, bytes, bytes], OrgManifest]] = {}

    def manifest(self, peer: SyncPeer) -> OrgManifest:
        """The peer's key list, verified against its pinned root key (raises ManifestError)."""
        stored = (peer.root_public_key, peer.manifest, peer.manifest_signature)
        cached = self._manifests.get(peer.org_id)
        if cached is not None and cached[0] == stored:
            return cached[1]
        manifest = verify_manifest(
            SignedManifest(*stored), expected_org_id=peer.org_id, pinned_root=peer.root_public_key
        )
        self._manifests[peer.org_id] = (stored, manifest)
        return manifest

    def refresh_due(self) -> bool:
        return self._checked is None or self._clock() - self._checked > self._refresh_seconds

    def refresh(self, client: SyncClient, own_kind: str | None, errors: list[str]) -> None:
        """Fetch the directory; accept key changes only when signed by the pinned root key.

        A gemeente pins schools it has not seen yet (trust on first use). Problems with one entry
        are added to ``errors`` and do not stop the others.
        """
        directory = client.directory()
        with self._workspace.session() as session:
            for entry in directory.organisations:
                pinned = session.get(SyncPeer, entry.org_id)
                if pinned is not None and wire.b64decode(entry.root_public_key) != pinned.root_public_key:
                    # Never taken over from the server: kept as a proposal until an administrator
                    # compared the new fingerprint by phone (handover bevestig).
                    propose_root(session, entry)
                    errors.append(
                        f"{pinned.name}: de sleutel is veranderd sinds de inschrijving; er wordt niets uitgewisseld "
                        "tot de nieuwe vingerafdruk telefonisch is vergeleken (handover bevestig)."
                    )
                    continue
                try:
                    trusted = verify_peer(entry, pinned.root_public_key if pinned else None)
                except ManifestError as exc:
                    errors.append(f"{entry.name}: {exc}")
                    continue
                if pinned is not None:
                    if trusted.manifest.serial > self.manifest(pinned).serial:
                        pinned.manifest = trusted.manifest_bytes
                        pinned.manifest_signature = trusted.manifest_signature
                elif own_kind == GEMEENTE:
                    # Pinned unconfirmed: the school's messages wait unopened until `handover bevestig`.
                    pin_peer(session, trusted, entry.name, confirmed=False)
        self._checked = self._clock()
