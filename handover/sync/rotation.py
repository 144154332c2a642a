"""Revoking a PC of the school and rotating the school's age key (issue 13).

From another PC of the school: a new age key is made; a new key list without the revoked PC and
with only the new age key is signed by the root key; the new age key is sealed to each remaining
PC's own age key (from the root-signed key list, never from the server) and signed by this PC's
device key. The server revokes the PC in the same transaction that stores the key list, so from
then on it refuses the revoked PC's token, login, push and pull. Werk en Inkomen picks up the new
key list (signed by the root key it pinned) and seals to the new key only; so do the school's PCs.
The old key stays on the remaining PCs, to open older messages.

A crash halfway loses nothing: the new key is kept as *pending* before the server is asked, and
made the current key once the server's key list names it (here, or at the next sync).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import replace

from handover import wire
from handover.crypto.keys import (
    ORG_AGE_PENDING,
    AgeIdentity,
    load_device_age,
    previous_org_ages,
    rotate_org_age,
    set_previous_org_ages,
    verify_signature,
)
from handover.crypto.manifest import OrgManifest, sign_manifest
from handover.crypto.pairing import open_sealed, seal_to
from handover.services.context import AppContext
from handover.store import audit
from handover.sync.client import SyncClient, SyncError
from handover.sync.devices import DeviceDirectory, DeviceInfo, find_device, save_own_manifest, short_id
from handover.sync.errors import SyncUsageError
from handover.sync.identity import LocalIdentity
from handover.sync.key_backup import backup_keys
from handover.sync.state import Enrollment
from handover.wire import devices as dw


class Rotation:
    def __init__(self, ctx: AppContext, identity: LocalIdentity, directory: DeviceDirectory) -> None:
        self._ctx = ctx
        self._identity = identity
        self._directory = directory

    def revoke(self, ident: str) -> DeviceInfo:
        """Revoke the PC whose (8-character) id is ``ident``; rotate the school's age key."""
        enrollment = self._directory.enrollment()
        target = find_device(self._directory.devices(), ident)
        if target.is_this_pc:
            raise SyncUsageError("Deze pc kan zichzelf niet intrekken; doe dat vanaf een andere pc van de school.")
        if target.state == "revoked":
            raise SyncUsageError(f"De pc {target.short_id} ({target.user or 'onbekend'}) is al ingetrokken.")
        client = self._directory.client(enrollment)
        try:
            self._revoke(client, enrollment, target)
        except SyncError as exc:
            raise SyncUsageError(str(exc)) from None
        finally:
            client.close()
        return replace(target, state="revoked")

    def _revoke(self, client: SyncClient, enrollment: Enrollment, target: DeviceInfo) -> None:
        keys = self._identity.keys
        store = self._ctx.workspace.secrets
        current = self._directory.refresh(client, enrollment)
        pending = store.get(ORG_AGE_PENDING)
        new_age = AgeIdentity.from_secret(pending) if pending else AgeIdentity.generate()
        store.set(ORG_AGE_PENDING, new_age.secret_bytes())  # before the server knows: a crash loses nothing
        my_age = load_device_age(store, create=True)
        assert my_age is not None
        remaining = tuple(
            replace(d, age_recipient=d.age_recipient or my_age.recipient) if d.device_id == keys.device_id else d
            for d in current.devices
            if d.device_id != target.device_id
        )
        manifest = replace(
            current,
            serial=current.serial + 1,
            issued_at=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
            age_recipients=(new_age.recipient,),
            devices=remaining,
        )
        signed = sign_manifest(keys.org_root, manifest)
        packages = []
        for device in remaining:
            if device.device_id == keys.device_id or not device.age_recipient:
                continue
            body = json.dumps(
                {"org_id": enrollment.org_id, "serial": manifest.serial, "org_age": new_age.secret_bytes().decode()}
            ).encode("utf-8")
            sealed = seal_to(device.age_recipient, body)
            signature = keys.device.sign(
                dw.key_package_signed_bytes(
                    enrollment.org_id,
                    device.device_id,
                    keys.device_id,
                    manifest.serial,
                    hashlib.sha256(sealed).hexdigest(),
                )
            )
            packages.append(
                dw.KeyPackage(
                    device_id=device.device_id,
                    from_device=keys.device_id,
                    serial=manifest.serial,
                    sealed=wire.b64encode(sealed),
                    signature=wire.b64encode(signature),
                )
            )
        client.revoke_device(
            dw.RevokeRequest(
                device_id=target.device_id,
                manifest=wire.b64encode(signed.manifest_bytes),
                manifest_signature=wire.b64encode(signed.signature),
                packages=packages,
            )
        )
        self._take_new_key(new_age)
        with self._ctx.workspace.session() as session:
            save_own_manifest(session, signed, manifest)
            audit.record(
                session,
                self._ctx.actor,
                "change",
                "device",
                target.device_id,
                state="revoked",
                user=target.user,
                key_list=manifest.serial,
            )

    def _take_new_key(self, new_age: AgeIdentity) -> None:
        store = self._ctx.workspace.secrets
        rotate_org_age(store, new_age)
        store.delete(ORG_AGE_PENDING)
        self._identity.reload()
        backup_keys(self._ctx.workspace)

    def at_sync(self, client: SyncClient, enrollment: Enrollment, manifest: OrgManifest) -> bool:
        """At every sync of a school PC: take the school's new age key when the key list names one
        this PC does not hold yet. True when the key changed."""
        keys = self._identity.keys
        if keys.org_age.recipient in manifest.age_recipients:
            return False
        store = self._ctx.workspace.secrets
        pending = store.get(ORG_AGE_PENDING)
        if pending:
            candidate = AgeIdentity.from_secret(pending)
            if candidate.recipient in manifest.age_recipients:  # our own revoke went through before a crash
                self._take_new_key(candidate)
                return True
        my_age = load_device_age(store)
        if my_age is None:
            return False
        held = {keys.org_age.recipient, *(i.recipient for i in previous_org_ages(store))}
        newest: tuple[AgeIdentity, str] | None = None
        earlier: list[AgeIdentity] = []
        # Oldest first: a PC that was away during two revokes also needs the key in between, to open
        # what was sealed to it meanwhile (kept as an earlier key; only the key list's key is current).
        for package in sorted(client.key_packages().packages, key=lambda p: p.serial):
            new_age = self._open_package(package, enrollment, keys.device_id, manifest, my_age)
            if new_age is None or new_age.recipient in held:
                continue
            held.add(new_age.recipient)
            if new_age.recipient in manifest.age_recipients:
                newest = (new_age, package.from_device)
            else:
                earlier.append(new_age)
        if earlier:
            set_previous_org_ages(store, [*earlier[::-1], *previous_org_ages(store)])
        if newest is None:
            return False
        self._take_new_key(newest[0])
        with self._ctx.workspace.session() as session:
            audit.record(
                session,
                self._ctx.actor,
                "receive",
                "sync_key",
                None,
                key_list=manifest.serial,
                by=short_id(newest[1]),
            )
        return True

    @staticmethod
    def _open_package(
        package: dw.KeyPackage, enrollment: Enrollment, device_id: str, manifest: OrgManifest, my_age: AgeIdentity
    ) -> AgeIdentity | None:
        """The age key in a package for this PC, signed by a PC in the root-signed key list; else None."""
        if package.device_id != device_id:
            return None
        sender = manifest.device_key(package.from_device)
        sealed = wire.b64decode(package.sealed)
        signed = dw.key_package_signed_bytes(
            enrollment.org_id, device_id, package.from_device, package.serial, hashlib.sha256(sealed).hexdigest()
        )
        if sender is None or not verify_signature(sender, wire.b64decode(package.signature), signed):
            return None  # not from a PC in the root-signed key list: never trusted
        plain = open_sealed(my_age, sealed)
        if plain is None:
            return None
        try:
            body = json.loads(plain)
            new_age = AgeIdentity.from_secret(str(body["org_age"]).encode("ascii"))
        except (ValueError, KeyError, TypeError):
            return None
        return new_age if body.get("org_id") == enrollment.org_id else None
