"""Enrollment of this installation with the sync server: check the code, confirm, register, pin.

:func:`enroll` is the bare protocol (for tests and benchmarks that drive the client directly);
:class:`Enrollment` is the use case behind ``handover enroll`` and the GUI's wizard.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from handover import wire
from handover.crypto.envelope import utc_now_iso
from handover.crypto.keys import LocalKeys
from handover.crypto.manifest import ManifestError, build_manifest
from handover.services.context import AppContext
from handover.services.settings import get_setting
from handover.store import audit
from handover.store.workspace import recovery_recipient
from handover.sync import state as sync_state
from handover.sync.client import SyncClient
from handover.sync.errors import EnrollAborted, SyncUsageError
from handover.sync.identity import LocalIdentity, pin_own_copy
from handover.sync.peers import TrustedPeer, pin_peer, verify_peer

__all__ = [
    "EnrollOutcome",
    "EnrollPreview",
    "Enrollment",
    "TrustedPeer",
    "enroll",
    "enroll_request",
    "verify_peer",
]


def enroll_request(
    keys: LocalKeys, org_id: str, code: str, own_copy_recipient: str | None = None
) -> wire.EnrollRequest:
    signed = build_manifest(keys, org_id, own_copy_recipient=own_copy_recipient)
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


@dataclass(frozen=True)
class EnrollPreview:
    """What an enrollment code is for, before anything is registered: the comparison screen's data."""

    org_name: str
    kind: str
    # School: the gemeenten whose fingerprints the user compares by phone (verified key lists).
    gemeenten: tuple[TrustedPeer, ...]


@dataclass(frozen=True)
class EnrollOutcome:
    org_id: str
    org_name: str
    kind: str
    own_fingerprint: str
    peer: TrustedPeer | None


class Enrollment:
    def __init__(self, ctx: AppContext, identity: LocalIdentity, client_factory: Callable[[str], SyncClient]) -> None:
        self._ctx = ctx
        self._identity = identity
        self._client_factory = client_factory

    def preview(self, server_url: str, code: str) -> EnrollPreview:
        """Check the code only: which organisation it enrolls, and the keys to compare. Registers nothing.

        The GUI shows these fingerprints, then calls :meth:`run` with a ``confirm`` that accepts
        exactly the fingerprints the user saw; a key the server swaps in between is refused there.
        """
        with self._ctx.workspace.session() as session:
            if sync_state.load_state(session).enrolled:
                raise SyncUsageError("Deze installatie is al ingeschreven bij een server.")
            role = get_setting(session, "role")
        client = self._client_factory(server_url)
        try:
            check = client.enroll_check(code)
        finally:
            client.close()
        if check.kind != role:
            raise SyncUsageError(
                f"Deze inschrijfcode is voor een {check.kind}, maar deze installatie heeft de rol {role}."
            )
        gemeenten = []
        for entry in check.peers if role == sync_state.SCHOOL else []:
            if entry.kind != sync_state.GEMEENTE:
                continue
            try:
                gemeenten.append(verify_peer(entry, None))
            except ManifestError:
                continue  # never offered for comparison, never trusted
        return EnrollPreview(check.org_name, check.kind, tuple(gemeenten))

    def run(
        self,
        server_url: str,
        code: str,
        *,
        confirm: Callable[[TrustedPeer], bool],
        gemeente: str | None = None,
        recipient_label: str | None = None,
    ) -> EnrollOutcome:
        """Check the code, let the user confirm the municipality's fingerprint, then register.

        Nothing is registered when the user does not confirm: the code stays usable.
        """
        with self._ctx.workspace.session() as session:
            if sync_state.load_state(session).enrolled:
                raise SyncUsageError("Deze installatie is al ingeschreven bij een server.")
            role = get_setting(session, "role")
            default_recipient = get_setting(session, "default_recipient")
            own_copy = recovery_recipient(session)
        keys = self._identity.create_keys()
        client = self._client_factory(server_url)
        try:
            check = client.enroll_check(code)
            if check.kind != role:
                raise SyncUsageError(
                    f"Deze inschrijfcode is voor een {check.kind}, maar deze installatie heeft de rol {role}."
                )
            # A school serves young people of several municipalities: it pins every gemeente on the
            # server (each confirmed), and each dossier goes to the gemeente of the woonplaats.
            gemeenten = self._choose_gemeenten(check, gemeente, confirm) if role == sync_state.SCHOOL else []
            chosen = gemeenten[0] if gemeenten else None
            response = client.enroll(enroll_request(keys, check.org_id, code, own_copy))
        finally:
            client.close()
        with self._ctx.workspace.session() as session:
            enrolled = sync_state.Enrollment(
                server_url=server_url.rstrip("/"),
                org_id=response.org_id,
                org_name=response.org_name,
                org_kind=response.kind,
                device_id=keys.device_id,
                enrolled_at=utc_now_iso(),
            )
            sync_state.save_state(session, sync_state.SyncState(enrollment=enrolled, epoch=response.epoch))
            pin_own_copy(session, own_copy)
            for peer in gemeenten:
                label = (recipient_label or default_recipient or peer.name) if len(gemeenten) == 1 else peer.name
                pin_peer(session, peer, label, confirmed=True)
            audit.record(
                session,
                self._ctx.actor,
                "init",
                "sync",
                None,
                org=response.org_id,
                peer=chosen.org_id if chosen else None,
            )
        return EnrollOutcome(response.org_id, response.org_name, response.kind, keys.root_fingerprint, chosen)

    @staticmethod
    def _choose_gemeenten(
        check: wire.EnrollCheckResponse, gemeente: str | None, confirm: Callable[[TrustedPeer], bool]
    ) -> list[TrustedPeer]:
        candidates = []
        for entry in check.peers:
            if entry.kind != sync_state.GEMEENTE or (gemeente and gemeente not in (entry.org_id, entry.name)):
                continue
            try:
                candidates.append(verify_peer(entry, None))
            except ManifestError:
                continue
        if not candidates:
            raise SyncUsageError(
                "Er is op deze server nog geen gemeente (Werk en Inkomen) ingeschreven. "
                "Vraag de ICT-beheerder van de gemeente om eerst de gemeente in te schrijven."
            )
        for candidate in candidates:  # each gemeente's fingerprint is compared; one "nee" registers nothing
            if not confirm(candidate):
                raise EnrollAborted("Inschrijving afgebroken. Er is niets geregistreerd; de code blijft geldig.")
        return candidates
