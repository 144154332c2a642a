"""Joining a school on the new PC (issue 13; the protocol is described in :mod:`handover.sync.pairing`).

The new PC checks the code's form, shows the school's name and root key fingerprint, sends its own
device key and age key with the proof, waits until a PC of the school let it in, checks the key MAC,
opens the school's keys and checks the root key against the fingerprint the person confirmed. Run
again after a stop, it continues: the same device keys, and keys already sealed to it are taken.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from typing import Any

from handover import wire
from handover.crypto import pairing as pc
from handover.crypto.keys import (
    DEVICE_SECRET,
    ORG_AGE_SECRET,
    ORG_ROOT_SECRET,
    AgeIdentity,
    SigningKey,
    device_id_for,
    fingerprint,
    load_device_age,
    set_previous_org_ages,
)
from handover.crypto.manifest import ManifestError, SignedManifest, verify_manifest
from handover.services.context import AppContext
from handover.services.settings import get_setting
from handover.store import audit
from handover.sync import state as sync_state
from handover.sync.client import SyncClient, SyncError
from handover.sync.devices import save_own_manifest
from handover.sync.errors import EnrollAborted, SyncUsageError
from handover.sync.identity import LocalIdentity, pin_own_copy
from handover.sync.key_backup import backup_keys
from handover.sync.models import SyncPeer
from handover.sync.pairing import POLL_SECONDS, JoinOutcome, JoinPreview, server_error
from handover.wire import devices as dw


class Joiner:
    def __init__(self, ctx: AppContext, identity: LocalIdentity, client_factory: Callable[[str], SyncClient]) -> None:
        self._ctx = ctx
        self._identity = identity
        self._client_factory = client_factory

    def _check_local(self) -> None:
        with self._ctx.workspace.session() as session:
            if sync_state.load_state(session).enrolled:
                raise SyncUsageError("Deze installatie is al ingeschreven bij een server.")
            role = get_setting(session, "role")
        if role != sync_state.SCHOOL:
            raise SyncUsageError("Een pc toevoegen aan een school kan alleen met een installatie in de rol school.")

    def join(
        self,
        server_url: str,
        code_text: str,
        user: str,
        *,
        confirm: Callable[[JoinPreview], bool],
        timeout: float = 600.0,
        progress: Callable[[str], None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> JoinOutcome:
        try:
            code = pc.parse_code(code_text)
        except pc.CodeFormatError as exc:
            raise SyncUsageError(str(exc)) from None
        user = " ".join(user.split())
        if not user:
            raise SyncUsageError("Geef de naam van wie deze pc gebruikt (--user NAAM).")
        self._check_local()
        client = self._client_factory(server_url)
        try:
            return self._join(client, server_url, code, user, confirm, timeout, progress, sleep)
        except SyncError as exc:
            raise server_error(exc) from None
        finally:
            client.close()

    def _device_keys(self) -> tuple[SigningKey, AgeIdentity]:
        """This PC's own keys: made once, so running ``join`` again continues the same request."""
        store = self._ctx.workspace.secrets
        secret = store.get(DEVICE_SECRET)
        device = SigningKey.from_secret(secret) if secret is not None else SigningKey.generate()
        if secret is None:
            store.set(DEVICE_SECRET, device.secret_bytes())
        age = load_device_age(store, create=True)
        assert age is not None
        return device, age

    def _join(
        self,
        client: SyncClient,
        server_url: str,
        code: pc.PairingCode,
        user: str,
        confirm: Callable[[JoinPreview], bool],
        timeout: float,
        progress: Callable[[str], None] | None,
        sleep: Callable[[float], None],
    ) -> JoinOutcome:
        try:
            check = client.join_check(code.lookup)
        except SyncError as exc:
            # "Already used": perhaps by this very PC, which stopped after it was let in. Then the
            # keys wait on the server, sealed to this PC and bound to the code: take them now.
            resumed = self._resume(client, server_url, code, user) if exc.status == 409 else None
            if resumed is None:
                raise
            return resumed
        if check.kind != sync_state.SCHOOL:
            raise SyncUsageError("Deze code hoort niet bij een school.")
        root_public = wire.b64decode(check.root_public_key)
        preview = JoinPreview(
            check.org_id, check.org_name, fingerprint(root_public), dt.datetime.fromtimestamp(check.expires_at, dt.UTC)
        )
        if not confirm(preview):
            raise EnrollAborted("Koppelen afgebroken. Er is niets geregistreerd; de code blijft geldig.")
        device, age = self._device_keys()
        device_id = device_id_for(device.public_bytes)
        transcript = pc.join_transcript(
            org_id=check.org_id,
            lookup=code.lookup,
            device_id=device_id,
            device_public_key=device.public_bytes,
            age_recipient=age.recipient,
            user_name=user,
        )
        client.join(
            dw.JoinRequest(
                lookup=code.lookup,
                device_id=device_id,
                device_public_key=device.public_b64,
                age_recipient=age.recipient,
                user_name=user,
                proof=wire.b64encode(pc.join_proof(code, transcript)),
            )
        )
        if progress is not None:
            progress(
                "Wacht op de andere pc van de school (daar: 'handover add-device' laten wachten of 'handover sync')."
            )
        deadline = time.monotonic() + timeout
        while True:
            status = client.join_status(code.lookup, device_id)
            if status.state == "refused":
                raise SyncUsageError(
                    "De andere pc heeft deze pc niet toegelaten: de code klopte niet. Controleer de code "
                    "en maak zo nodig een nieuwe. Er is niets geregistreerd."
                )
            if status.state == "approved":
                break
            if time.monotonic() >= deadline:
                raise SyncUsageError(
                    "De andere pc heeft nog niet gereageerd. Laat daar 'handover add-device' wachten of "
                    "'handover sync' draaien, en voer deze opdracht dan opnieuw uit (de code blijft 24 uur geldig)."
                )
            sleep(POLL_SECONDS)
        bundle = self._open_bundle(status, code, transcript, age, check.org_id, root_public, device_id)
        epoch = status.epoch
        self._install(bundle, server_url, check.org_id, check.org_name, device_id, epoch, user)
        return JoinOutcome(check.org_id, check.org_name, preview.fingerprint, device_id)

    def _resume(self, client: SyncClient, server_url: str, code: pc.PairingCode, user: str) -> JoinOutcome | None:
        store = self._ctx.workspace.secrets
        secret = store.get(DEVICE_SECRET)
        age = load_device_age(store)
        if secret is None or age is None:
            return None
        device = SigningKey.from_secret(secret)
        device_id = device_id_for(device.public_bytes)
        status = client.join_status(code.lookup, device_id)
        if status.state != "approved":
            return None
        transcript = pc.join_transcript(
            org_id=status.org_id,
            lookup=code.lookup,
            device_id=device_id,
            device_public_key=device.public_bytes,
            age_recipient=age.recipient,
            user_name=user,
        )
        # No root key was shown this time: the key MAC (keyed from the code's secret) vouches for it.
        bundle = self._open_bundle(status, code, transcript, age, status.org_id, None, device_id)
        name = str(bundle.get("org_name") or "")
        self._install(bundle, server_url, status.org_id, name, device_id, status.epoch, user)
        return JoinOutcome(status.org_id, name, fingerprint(bundle["_signed"].root_public_key), device_id)

    @staticmethod
    def _open_bundle(
        status: dw.JoinStatus,
        code: pc.PairingCode,
        transcript: bytes,
        age: AgeIdentity,
        org_id: str,
        root_public: bytes | None,
        device_id: str,
    ) -> dict[str, Any]:
        refused = SyncUsageError(
            "De sleutels van de school zijn onderweg veranderd of komen niet van een pc van de school. "
            "Er is niets overgenomen. Maak op de andere pc een nieuwe code."
        )
        if status.sealed_keys is None or status.keys_mac is None:
            raise refused
        sealed = wire.b64decode(status.sealed_keys)
        if not pc.keys_mac_ok(code, transcript, sealed, wire.b64decode(status.keys_mac)):
            raise refused
        plain = pc.open_sealed(age, sealed)
        if plain is None:
            raise refused
        try:
            bundle: dict[str, Any] = json.loads(plain)
            root = SigningKey.from_secret(wire.b64decode(bundle["org_root"]))
            signed = SignedManifest(
                root.public_bytes, wire.b64decode(bundle["manifest"]), wire.b64decode(bundle["manifest_signature"])
            )
            manifest = verify_manifest(signed, expected_org_id=org_id, pinned_root=root_public or root.public_bytes)
        except (ValueError, KeyError, TypeError, ManifestError):
            raise refused from None
        if (
            bundle.get("org_id") != org_id
            or (root_public is not None and root.public_bytes != root_public)
            or manifest.device(device_id) is None
        ):
            raise refused
        bundle["_signed"] = signed
        bundle["_manifest"] = manifest
        return bundle

    def _install(
        self,
        bundle: dict[str, Any],
        server_url: str,
        org_id: str,
        org_name: str,
        device_id: str,
        epoch: str,
        user: str,
    ) -> None:
        store = self._ctx.workspace.secrets
        set_previous_org_ages(store, [AgeIdentity.from_secret(s.encode("ascii")) for s in bundle["org_age_previous"]])
        store.set(ORG_AGE_SECRET, AgeIdentity.from_secret(str(bundle["org_age"]).encode("ascii")).secret_bytes())
        store.set(ORG_ROOT_SECRET, wire.b64decode(bundle["org_root"]))
        self._identity.reload()
        backup_keys(self._ctx.workspace)
        with self._ctx.workspace.session() as session:
            enrollment = sync_state.Enrollment(
                server_url=server_url.rstrip("/"),
                org_id=org_id,
                org_name=org_name,
                org_kind=sync_state.SCHOOL,
                device_id=device_id,
                enrolled_at=dt.datetime.now(dt.UTC).isoformat(),
            )
            sync_state.save_state(session, sync_state.SyncState(enrollment=enrollment, epoch=epoch))
            pin_own_copy(session, bundle.get("own_copy_recipient"))
            save_own_manifest(session, bundle["_signed"], bundle["_manifest"])
            for peer in bundle.get("peers", []):
                session.merge(
                    SyncPeer(
                        org_id=peer["org_id"],
                        name=peer["name"],
                        kind=peer["kind"],
                        root_public_key=wire.b64decode(peer["root_public_key"]),
                        manifest=wire.b64decode(peer["manifest"]),
                        manifest_signature=wire.b64decode(peer["manifest_signature"]),
                        recipient_label=peer.get("recipient_label") or peer["name"],
                        confirmed=bool(peer.get("confirmed")),
                    )
                )
            audit.record(session, self._ctx.actor, "init", "sync", None, org=org_id, device=device_id, user=user)
