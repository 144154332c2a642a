"""An organisation's signed key list on the server: a new one is taken only when the registered root
key signed it with a higher serial, and it may name only the organisation's devices that are not revoked.
Approving a join, revoking a device and a plain key-list update all check a new list here, inside the
transaction that stores it.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from handover import wire
from handover.crypto.manifest import ManifestError, OrgManifest, SignedManifest, verify_manifest
from handover.server.schema import StoreError, devices, orgs


def new_manifest(conn: Connection, org_id: str, manifest_b64: str, signature_b64: str) -> OrgManifest:
    """A key list signed by the registered root key, newer than the stored one (else refused)."""
    org = conn.execute(select(orgs).where(orgs.c.org_id == org_id).with_for_update()).one()
    signed = SignedManifest(org.root_public_key, wire.b64decode(manifest_b64), wire.b64decode(signature_b64))
    try:
        manifest = verify_manifest(signed, expected_org_id=org_id, pinned_root=org.root_public_key)
        current = verify_manifest(
            SignedManifest(org.root_public_key, org.manifest, org.manifest_signature),
            expected_org_id=org_id,
            pinned_root=org.root_public_key,
        )
    except ManifestError as exc:
        raise StoreError(400, "De sleutellijst is ongeldig.") from exc
    if manifest.serial <= current.serial:
        raise StoreError(409, "Er is intussen een nieuwere sleutellijst; probeer het opnieuw.")
    conn.execute(
        update(orgs)
        .where(orgs.c.org_id == org_id)
        .values(manifest=signed.manifest_bytes, manifest_signature=signed.signature)
    )
    return manifest


def check_devices(conn: Connection, org_id: str, manifest: OrgManifest) -> None:
    """A key list may not bring back a revoked device nor name a device the server does not know."""
    rows = {
        r.device_id: r.revoked
        for r in conn.execute(select(devices.c.device_id, devices.c.revoked).where(devices.c.org_id == org_id))
    }
    for entry in manifest.devices:
        if rows.get(entry.device_id, 1):
            raise StoreError(400, "De sleutellijst noemt een apparaat dat niet (meer) bij de organisatie hoort.")
