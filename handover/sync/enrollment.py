"""Enrollment of this installation with the sync server (no storage; see the sync service)."""

from __future__ import annotations

from dataclasses import dataclass

from handover import wire
from handover.crypto.keys import LocalKeys
from handover.crypto.manifest import ManifestError, OrgManifest, SignedManifest, build_manifest, verify_manifest
from handover.sync.client import SyncClient


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
        from handover.crypto.keys import fingerprint

        return fingerprint(self.root_public_key)


def verify_peer(entry: wire.DirectoryEntry, pinned_root: bytes | None) -> TrustedPeer:
    signed = SignedManifest(
        wire.b64decode(entry.root_public_key), wire.b64decode(entry.manifest), wire.b64decode(entry.manifest_signature)
    )
    manifest = verify_manifest(signed, expected_org_id=entry.org_id, pinned_root=pinned_root)
    return TrustedPeer(
        entry.org_id, entry.name, entry.kind, signed.root_public_key, manifest, signed.manifest_bytes, signed.signature
    )


def enroll_request(keys: LocalKeys, org_id: str, code: str) -> wire.EnrollRequest:
    signed = build_manifest(keys, org_id)
    return wire.EnrollRequest(
        code=code,
        device_id=keys.device_id,
        device_public_key=keys.device.public_b64,
        root_public_key=keys.org_root.public_b64,
        manifest=wire.b64encode(signed.manifest_bytes),
        manifest_signature=wire.b64encode(signed.signature),
    )


def enroll(client: SyncClient, keys: LocalKeys, code: str) -> tuple[wire.EnrollResponse, list[TrustedPeer]]:
    """Check the code, register our keys; return our org and the peers (verified, not yet pinned)."""
    check = client.enroll_check(code)
    peers = []
    for entry in check.peers:
        try:
            peers.append(verify_peer(entry, None))
        except ManifestError:
            continue  # a broken peer entry must not block enrolling; it is never trusted
    response = client.enroll(enroll_request(keys, check.org_id, code))
    client.set_credentials(keys.device_id, keys.device)
    return response, peers
