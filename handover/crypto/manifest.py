"""Organisation key manifests: which age keys and device keys belong to an organisation.

The manifest is signed by the organisation's root key. The other side pins that root key at
enrollment (after comparing its fingerprint by phone), so a server that swaps keys in the
directory is caught: a manifest that does not verify against the pinned root key is refused.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from handover.crypto.canonical import canonical_json
from handover.crypto.keys import LocalKeys, SigningKey, device_id_for, fingerprint, key_id, verify_signature

MANIFEST_VERSION = 1
_MANIFEST_CONTEXT = b"overstap-manifest-v1\n"


class ManifestError(Exception):
    """A key manifest cannot be trusted; the message is plain Dutch."""


@dataclass(frozen=True)
class DeviceEntry:
    device_id: str
    public_key: bytes
    # The device's own age key (several devices per school): a rotated organisation key is sealed
    # to it. Absent for a device listed before devices had one (the field is then left out).
    age_recipient: str | None = None

    def to_json_obj(self) -> dict[str, str]:
        obj = {"device_id": self.device_id, "public_key": base64.b64encode(self.public_key).decode("ascii")}
        return obj | ({"age_recipient": self.age_recipient} if self.age_recipient else {})


@dataclass(frozen=True)
class OrgManifest:
    org_id: str
    serial: int
    issued_at: str
    age_recipients: tuple[str, ...]
    devices: tuple[DeviceEntry, ...]
    # Where the organisation's own copy of each message it sends goes (its offline recovery key),
    # pinned with the root signature so a receiver can check an envelope's recipient set exactly.
    # Empty for manifests from before this field: the own copy then goes to ``age_recipients``.
    own_copy_recipients: tuple[str, ...] = ()

    def to_json_obj(self) -> dict[str, object]:
        return {
            "version": MANIFEST_VERSION,
            "org_id": self.org_id,
            "serial": self.serial,
            "issued_at": self.issued_at,
            "age_recipients": list(self.age_recipients),
            "devices": [d.to_json_obj() for d in self.devices],
        } | ({"own_copy_recipients": list(self.own_copy_recipients)} if self.own_copy_recipients else {})

    @property
    def age_key_ids(self) -> tuple[str, ...]:
        return tuple(key_id(r) for r in self.age_recipients)

    @property
    def own_copy_key_ids(self) -> tuple[str, ...]:
        """Key ids a message from this organisation is also encrypted to (its own copy)."""
        return tuple(key_id(r) for r in (self.own_copy_recipients or self.age_recipients))

    def device_key(self, device_id: str) -> bytes | None:
        for d in self.devices:
            if d.device_id == device_id:
                return d.public_key
        return None

    def device(self, device_id: str) -> DeviceEntry | None:
        return next((d for d in self.devices if d.device_id == device_id), None)


@dataclass(frozen=True)
class SignedManifest:
    root_public_key: bytes
    manifest_bytes: bytes
    signature: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.root_public_key)


def build_manifest(
    keys: LocalKeys, org_id: str, serial: int = 1, *, own_copy_recipient: str | None = None
) -> SignedManifest:
    manifest = OrgManifest(
        org_id=org_id,
        serial=serial,
        issued_at=datetime.now(UTC).replace(microsecond=0).isoformat(),
        age_recipients=(keys.org_age.recipient,),
        devices=(DeviceEntry(keys.device_id, keys.device.public_bytes),),
        own_copy_recipients=(own_copy_recipient,) if own_copy_recipient else (),
    )
    return sign_manifest(keys.org_root, manifest)


def sign_manifest(root: SigningKey, manifest: OrgManifest) -> SignedManifest:
    data = canonical_json(manifest.to_json_obj())
    return SignedManifest(root.public_bytes, data, root.sign(_MANIFEST_CONTEXT + data))


def verify_manifest(signed: SignedManifest, *, expected_org_id: str, pinned_root: bytes | None) -> OrgManifest:
    """Check the root signature (and the pin, when there is one) and parse the manifest."""
    if pinned_root is not None and signed.root_public_key != pinned_root:
        raise ManifestError(
            "De sleutel van de andere organisatie is veranderd sinds de inschrijving. "
            "Er wordt niets verstuurd. Neem contact op met de ICT-beheerder."
        )
    if not verify_signature(signed.root_public_key, signed.signature, _MANIFEST_CONTEXT + signed.manifest_bytes):
        raise ManifestError("De sleutellijst van de andere organisatie heeft geen geldige handtekening.")
    try:
        obj = json.loads(signed.manifest_bytes)
        if obj.get("version") != MANIFEST_VERSION or obj.get("org_id") != expected_org_id:
            raise ManifestError("De sleutellijst hoort niet bij deze organisatie.")
        recipients = tuple(str(r) for r in obj["age_recipients"])
        devices = tuple(
            DeviceEntry(
                str(d["device_id"]),
                base64.b64decode(d["public_key"], validate=True),
                str(d["age_recipient"]) if d.get("age_recipient") else None,
            )
            for d in obj["devices"]
        )
        manifest = OrgManifest(
            org_id=str(obj["org_id"]),
            serial=int(obj["serial"]),
            issued_at=str(obj["issued_at"]),
            age_recipients=recipients,
            devices=devices,
            own_copy_recipients=tuple(str(r) for r in obj.get("own_copy_recipients", ())),
        )
    except ManifestError:
        raise
    except (ValueError, KeyError, TypeError, binascii.Error) as exc:
        raise ManifestError("De sleutellijst van de andere organisatie is onleesbaar.") from exc
    for device in manifest.devices:
        # A device id is derived from its key; a mismatch means someone edited the list.
        if device.device_id != device_id_for(device.public_key):
            raise ManifestError("De sleutellijst van de andere organisatie is onleesbaar.")
    if not manifest.age_recipients:
        raise ManifestError("De andere organisatie heeft geen sleutel om naar te versleutelen.")
    return manifest
