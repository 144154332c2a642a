"""The school's own devices (issue 13): the device list, this school's own signed key list, and what a
school PC does about its devices at every sync.

Kept in ``sync_state`` rows (the encrypted database; no table of its own):

* ``own_manifest``: the school's newest key list, stored only after it verified against the school's
  own root key (so the server cannot add a device to it). Replication reads the other PCs' device
  keys from it (:func:`own_device_key`).
* ``device_list``: the last device list the server gave (``handover devices`` offline).
* ``device_revoked``: set when the server said this PC was revoked; nothing local is deleted.
* ``join_codes``: the codes this PC made and that wait for a new PC (lookup, secret, expiry);
  ``joined_codes``: who came in with a used code (the last 20), for a dialog that waited meanwhile.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from handover import wire
from handover.crypto.keys import LocalKeys
from handover.crypto.manifest import ManifestError, OrgManifest, SignedManifest, verify_manifest
from handover.store.workspace import Workspace
from handover.sync.client import REVOKED_TEXT, SyncClient, SyncError
from handover.sync.errors import NOT_ENROLLED, SyncUsageError
from handover.sync.identity import LocalIdentity
from handover.sync.models import SyncStateEntry
from handover.sync.state import Enrollment, load_state
from handover.wire import devices as dw

OWN_MANIFEST = "own_manifest"
DEVICE_LIST = "device_list"
DEVICE_REVOKED = "device_revoked"
JOIN_CODES = "join_codes"
JOINED = "joined_codes"
SHORT_ID = 8


@dataclass(frozen=True)
class DeviceInfo:
    device_id: str
    short_id: str  # 8 characters, what a person types (``revoke-device --device``)
    user: str
    last_seen: dt.datetime | None
    state: str  # "active" | "revoked"
    is_this_pc: bool


@dataclass(frozen=True)
class JoinCode:
    code: str
    expires_at: dt.datetime


def short_id(device_id: str) -> str:
    return device_id.removeprefix("dev-")[:SHORT_ID]


def get_entry(session: Session, key: str) -> Any:
    row = session.get(SyncStateEntry, key)
    return row.value if row is not None else None


def set_entry(session: Session, key: str, value: Any) -> None:
    row = session.get(SyncStateEntry, key)
    if row is None:
        session.add(SyncStateEntry(key=key, value=value))
    elif row.value != value:
        row.value = value


def school_enrollment(session: Session) -> Enrollment:
    enrollment = load_state(session).enrollment
    if enrollment is None:
        raise SyncUsageError(NOT_ENROLLED)
    if not enrollment.is_school:
        raise SyncUsageError("Pc's toevoegen en intrekken kan alleen op een school.")
    if get_entry(session, DEVICE_REVOKED):
        raise SyncUsageError(REVOKED_TEXT)
    return enrollment


# --- the school's own key list ------------------------------------------------------------------


def signed_from_listing(listing: dw.DeviceList) -> SignedManifest:
    return SignedManifest(
        wire.b64decode(listing.root_public_key),
        wire.b64decode(listing.manifest),
        wire.b64decode(listing.manifest_signature),
    )


def verify_own(signed: SignedManifest, keys: LocalKeys, org_id: str) -> OrgManifest:
    """The school's key list, trusted only when signed by the root key this PC holds itself."""
    return verify_manifest(signed, expected_org_id=org_id, pinned_root=keys.org_root.public_bytes)


def save_own_manifest(session: Session, signed: SignedManifest, manifest: OrgManifest) -> bool:
    """Keep ``signed`` (already verified) when it is newer than the stored one; True when kept."""
    stored = get_entry(session, OWN_MANIFEST)
    if isinstance(stored, dict) and int(stored.get("serial", 0)) >= manifest.serial:
        return False
    set_entry(
        session,
        OWN_MANIFEST,
        {
            "serial": manifest.serial,
            "root": wire.b64encode(signed.root_public_key),
            "manifest": wire.b64encode(signed.manifest_bytes),
            "signature": wire.b64encode(signed.signature),
        },
    )
    return True


def own_manifest(session: Session, root_public_key: bytes, org_id: str) -> OrgManifest | None:
    """The stored key list of our own school, verified again against our root key (None if none)."""
    stored = get_entry(session, OWN_MANIFEST)
    if not isinstance(stored, dict):
        return None
    try:
        signed = SignedManifest(
            wire.b64decode(stored["root"]), wire.b64decode(stored["manifest"]), wire.b64decode(stored["signature"])
        )
        return verify_manifest(signed, expected_org_id=org_id, pinned_root=root_public_key)
    except (KeyError, ValueError, ManifestError):
        return None


def own_device_key(session: Session, keys: LocalKeys, org_id: str, device_id: str) -> bytes | None:
    """Ed25519 key of another PC of our school, from our root-verified key list (for replication)."""
    manifest = own_manifest(session, keys.org_root.public_bytes, org_id)
    return manifest.device_key(device_id) if manifest is not None else None


# --- the device list ----------------------------------------------------------------------------


def _when(value: float | None) -> dt.datetime | None:
    return dt.datetime.fromtimestamp(value, dt.UTC) if value else None


def device_infos(records: list[dict[str, Any]], this_device: str) -> list[DeviceInfo]:
    return [
        DeviceInfo(
            device_id=str(r["device_id"]),
            short_id=short_id(str(r["device_id"])),
            user=str(r.get("user_name") or ""),
            last_seen=_when(r.get("last_seen")),
            state=str(r.get("state") or "active"),
            is_this_pc=r["device_id"] == this_device,
        )
        for r in records
    ]


def find_device(infos: list[DeviceInfo], ident: str) -> DeviceInfo:
    """The device whose id or 8-character id is ``ident`` (a unique prefix of either)."""
    wanted = ident.strip().lower().removeprefix("dev-")
    if len(wanted) < 4:
        raise SyncUsageError("Geef minstens de eerste 4 tekens van de id van de pc (zie 'handover devices').")
    matches = [d for d in infos if d.device_id.removeprefix("dev-").startswith(wanted)]
    if not matches:
        raise SyncUsageError(f"Er is geen pc met id {ident} bij deze school (zie 'handover devices').")
    if len(matches) > 1:
        raise SyncUsageError(f"Meer dan één pc heeft een id die met {ident} begint; geef meer tekens.")
    return matches[0]


class DeviceDirectory:
    """Logged-in clients for this school PC, the device list, and the revoked flag."""

    def __init__(
        self, workspace: Workspace, identity: LocalIdentity, client_factory: Callable[[str], SyncClient]
    ) -> None:
        self._workspace = workspace
        self._identity = identity
        self._client_factory = client_factory

    def enrollment(self) -> Enrollment:
        with self._workspace.session() as session:
            return school_enrollment(session)

    def client(self, enrollment: Enrollment) -> SyncClient:
        client = self._client_factory(enrollment.server_url)
        keys = self._identity.keys
        client.set_credentials(keys.device_id, keys.device)
        return client

    def refresh(self, client: SyncClient, enrollment: Enrollment) -> OrgManifest:
        """Fetch the device list, keep it, keep the key list when it is newer and verifies."""
        listing = client.device_list()
        signed = signed_from_listing(listing)
        manifest = verify_own(signed, self._identity.keys, enrollment.org_id)
        with self._workspace.session() as session:
            save_own_manifest(session, signed, manifest)
            set_entry(session, DEVICE_LIST, [d.model_dump() for d in listing.devices])
        return manifest

    def devices(self) -> list[DeviceInfo]:
        """The school's PCs as the server lists them (offline: as last seen)."""
        enrollment = self.enrollment()

        try:
            client = self.client(enrollment)
            try:
                self.refresh(client, enrollment)
            finally:
                client.close()
        except SyncError as exc:
            if exc.kind != "offline":
                raise SyncUsageError(str(exc)) from None
        with self._workspace.session() as session:
            cached = get_entry(session, DEVICE_LIST)
        if not isinstance(cached, list):
            raise SyncUsageError("De lijst met pc's is nog niet opgehaald: de server is niet bereikbaar.")
        return device_infos(cached, enrollment.device_id)

    def is_revoked(self) -> bool:
        with self._workspace.session() as session:
            return bool(get_entry(session, DEVICE_REVOKED))

    def mark_revoked(self) -> None:
        """The server said this PC was revoked: remember it (shown in plain Dutch); delete nothing."""
        with self._workspace.session() as session:
            if not get_entry(session, DEVICE_REVOKED):
                set_entry(session, DEVICE_REVOKED, {"at": dt.datetime.now(dt.UTC).isoformat()})
