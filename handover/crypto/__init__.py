"""End-to-end cryptography for sync: age (pyrage) encryption, Ed25519 signatures, fingerprints.

No Qt, no database. Private keys only go through a :class:`handover.secrets.SecretStore`.
"""

from handover.crypto.envelope import (
    EnvelopeError,
    EnvelopeHeader,
    OpenedEnvelope,
    SealedEnvelope,
    ServerMetadata,
    open_envelope,
    seal_envelope,
)
from handover.crypto.keys import (
    AgeIdentity,
    KeyMaterialError,
    LocalKeys,
    SigningKey,
    device_id_for,
    fingerprint,
    key_id,
    load_keys,
    load_or_create_keys,
    verify_signature,
)
from handover.crypto.manifest import ManifestError, OrgManifest, SignedManifest, build_manifest, verify_manifest

__all__ = [
    "AgeIdentity",
    "EnvelopeError",
    "EnvelopeHeader",
    "KeyMaterialError",
    "LocalKeys",
    "ManifestError",
    "OpenedEnvelope",
    "OrgManifest",
    "SealedEnvelope",
    "ServerMetadata",
    "SignedManifest",
    "SigningKey",
    "build_manifest",
    "device_id_for",
    "fingerprint",
    "key_id",
    "load_keys",
    "load_or_create_keys",
    "open_envelope",
    "seal_envelope",
    "verify_manifest",
    "verify_signature",
]
