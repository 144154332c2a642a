"""Adding a PC to the school (issue 13): the one-time code on the enrolled PC, joining on the new PC.

1. The enrolled PC makes a code (:mod:`handover.crypto.pairing`), registers its *lookup* part's
   hash with the server (24 hours) and keeps the secret part in its own encrypted database.
2. The new PC sends its device key, its own age key and an HMAC over them keyed from the secret.
3. The enrolled PC (while ``add-device`` waits, or at its next sync) checks that HMAC. Only when it
   matches does it seal the school's keys to the new PC's age key, with a second HMAC binding the
   sealed keys to the code and the device, and publish a key list with the new PC, signed by the
   root key. A proof that does not match (a typo, or a server that put in its own key) is refused.
4. The new PC checks the second HMAC, opens the keys, checks that the root key is the one whose
   fingerprint the person confirmed, and is a PC of the school.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from handover import wire
from handover.crypto import pairing as pc
from handover.crypto.keys import (
    device_id_for,
    fingerprint,
    load_device_age,
    previous_org_ages,
)
from handover.crypto.manifest import DeviceEntry, SignedManifest, sign_manifest
from handover.services.context import AppContext
from handover.store import audit
from handover.sync import state as sync_state
from handover.sync.client import SyncClient, SyncError
from handover.sync.devices import (
    JOIN_CODES,
    JOINED,
    DeviceDirectory,
    JoinCode,
    get_entry,
    save_own_manifest,
    set_entry,
    signed_from_listing,
    verify_own,
)
from handover.sync.errors import SyncUsageError
from handover.sync.identity import OWN_COPY_KEY, LocalIdentity
from handover.sync.key_backup import backup_keys
from handover.sync.models import SyncPeer
from handover.wire import devices as dw

BUNDLE_VERSION = 1
POLL_SECONDS = 1.0


@dataclass(frozen=True)
class JoinPreview:
    """What the new PC shows before it registers anything: the school and its root key fingerprint."""

    org_id: str
    org_name: str
    fingerprint: str
    expires_at: dt.datetime


@dataclass(frozen=True)
class JoinOutcome:
    org_id: str
    org_name: str
    fingerprint: str
    device_id: str


@dataclass(frozen=True)
class Joined:
    """A new PC the enrolled PC let in (or refused) while handling join requests."""

    device_id: str
    user: str
    accepted: bool
    lookup: str = ""  # the lookup part of the code it came with


def server_error(exc: SyncError) -> SyncUsageError:
    """The server's own Dutch reason (code unknown, expired, used) or the network's, as a usage error."""
    return SyncUsageError(str(exc))


def preview_join(client: SyncClient, code_text: str) -> JoinPreview:
    """Which school a code is for and its root key fingerprint; registers nothing (before a data
    folder exists, the command line asks this first and names the new folder after the school)."""
    try:
        code = pc.parse_code(code_text)
    except pc.CodeFormatError as exc:
        raise SyncUsageError(str(exc)) from None
    try:
        check = client.join_check(code.lookup)
    except SyncError as exc:
        raise server_error(exc) from None
    if check.kind != sync_state.SCHOOL:
        raise SyncUsageError("Deze code hoort niet bij een school.")
    return JoinPreview(
        check.org_id,
        check.org_name,
        fingerprint(wire.b64decode(check.root_public_key)),
        dt.datetime.fromtimestamp(check.expires_at, dt.UTC),
    )


# --- on the enrolled PC ---------------------------------------------------------------------------


class PairingHost:
    def __init__(self, ctx: AppContext, identity: LocalIdentity, directory: DeviceDirectory) -> None:
        self._ctx = ctx
        self._identity = identity
        self._directory = directory
        # Told (device id, code lookup) of every PC let in (the sync's replication: see Replication.accepted).
        self.on_accepted: Callable[[str, str], None] | None = None

    def add_device(self) -> JoinCode:
        enrollment = self._directory.enrollment()
        code = pc.new_code()
        client = self._directory.client(enrollment)
        try:
            created = client.create_join_code(code.lookup, self._ctx.actor or None)
        except SyncError as exc:
            raise server_error(exc) from None
        finally:
            client.close()
        expires = dt.datetime.fromtimestamp(created.expires_at, dt.UTC)
        with self._ctx.workspace.session() as session:
            codes = dict(get_entry(session, JOIN_CODES) or {})
            codes[code.lookup] = {"secret": code.secret, "expires_at": created.expires_at}
            set_entry(session, JOIN_CODES, codes)
            audit.record(session, self._ctx.actor, "create", "device_code", None, expires=expires.isoformat())
        return JoinCode(code.text, expires)

    def open_codes(self) -> dict[str, pc.PairingCode]:
        now = time.time()
        with self._ctx.workspace.session() as session:
            codes = dict(get_entry(session, JOIN_CODES) or {})
            live = {k: v for k, v in codes.items() if float(v.get("expires_at", 0)) > now}
            if live != codes:
                set_entry(session, JOIN_CODES, live)
        return {
            pc.PairingCode(k, str(v["secret"])).lookup_hash: pc.PairingCode(k, str(v["secret"]))
            for k, v in live.items()
        }

    def _forget(self, code: pc.PairingCode, joined: Joined) -> None:
        """The code is used: drop its secret, remember who came in with it (for a waiting dialog)."""
        with self._ctx.workspace.session() as session:
            codes = dict(get_entry(session, JOIN_CODES) or {})
            codes.pop(code.lookup, None)
            set_entry(session, JOIN_CODES, codes)
            used = dict(get_entry(session, JOINED) or {})
            used[code.lookup] = {"device_id": joined.device_id, "user": joined.user}
            set_entry(session, JOINED, dict(list(used.items())[-20:]))

    def joined_with(self, lookup: str) -> Joined | None:
        """Who came in with the code whose lookup part is ``lookup`` (None: nobody yet)."""
        with self._ctx.workspace.session() as session:
            entry = (get_entry(session, JOINED) or {}).get(lookup)
        if not isinstance(entry, dict):
            return None
        return Joined(str(entry["device_id"]), str(entry.get("user") or ""), True, lookup)

    def handle(self, client: SyncClient) -> list[Joined]:
        """Check every waiting join request for a code of this PC: let it in or refuse it."""
        codes = self.open_codes()
        if not codes:
            return []
        enrollment = self._directory.enrollment()
        done = []
        for request in client.pending_joins().joins:
            code = codes.get(request.lookup_hash)
            if code is None:
                continue  # a code another PC of the school made: that PC handles it
            transcript = pc.join_transcript(
                org_id=enrollment.org_id,
                lookup=code.lookup,
                device_id=request.device_id,
                device_public_key=wire.b64decode(request.device_public_key),
                age_recipient=request.age_recipient,
                user_name=request.user_name,
            )
            device_pub = wire.b64decode(request.device_public_key)
            if device_id_for(device_pub) != request.device_id or not pc.proof_ok(
                code, transcript, wire.b64decode(request.proof)
            ):
                # A typing mistake in the secret part, or keys the server put in: never let in.
                client.refuse_join(dw.JoinRefuse(lookup_hash=request.lookup_hash, device_id=request.device_id))
                with self._ctx.workspace.session() as session:
                    audit.record(session, self._ctx.actor, "receive", "device_join", request.device_id, accepted=False)
                done.append(Joined(request.device_id, request.user_name, False, code.lookup))
                continue
            try:
                self._approve(client, enrollment, code, request, transcript)
            except SyncError as exc:
                if exc.status in (404, 409):
                    continue  # handled meanwhile (another sync of this PC), or a newer key list: next round
                raise
            joined = Joined(request.device_id, request.user_name, True, code.lookup)
            self._forget(code, joined)
            if self.on_accepted is not None:
                self.on_accepted(request.device_id, code.lookup)
            done.append(joined)
            codes.pop(request.lookup_hash, None)
        return done

    def _approve(
        self,
        client: SyncClient,
        enrollment: sync_state.Enrollment,
        code: pc.PairingCode,
        request: dw.PendingJoin,
        transcript: bytes,
    ) -> None:
        keys = self._identity.keys
        listing = client.device_list()
        current = verify_own(signed_from_listing(listing), keys, enrollment.org_id)
        my_age = load_device_age(self._ctx.workspace.secrets, create=True)
        assert my_age is not None
        devices = [
            replace(d, age_recipient=d.age_recipient or my_age.recipient) if d.device_id == keys.device_id else d
            for d in current.devices
            if d.device_id != request.device_id
        ]
        devices.append(DeviceEntry(request.device_id, wire.b64decode(request.device_public_key), request.age_recipient))
        manifest = replace(
            current,
            serial=current.serial + 1,
            issued_at=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
            devices=tuple(devices),
        )
        signed = sign_manifest(keys.org_root, manifest)
        sealed = pc.seal_to(request.age_recipient, self._bundle(enrollment, signed))
        client.approve_join(
            dw.JoinApprove(
                lookup_hash=request.lookup_hash,
                device_id=request.device_id,
                sealed_keys=wire.b64encode(sealed),
                keys_mac=wire.b64encode(pc.keys_mac(code, transcript, sealed)),
                manifest=wire.b64encode(signed.manifest_bytes),
                manifest_signature=wire.b64encode(signed.signature),
            )
        )
        with self._ctx.workspace.session() as session:
            save_own_manifest(session, signed, manifest)
            audit.record(
                session, self._ctx.actor, "create", "device", request.device_id, user=request.user_name, accepted=True
            )
        self._identity.reload()
        backup_keys(self._ctx.workspace)  # this PC's own age key may be new: into the key copy

    def _bundle(self, enrollment: sync_state.Enrollment, signed: SignedManifest) -> bytes:
        """The school's secret keys and what a PC of the school needs besides (JSON, then sealed)."""
        keys = self._identity.keys
        with self._ctx.workspace.session() as session:
            peers = [
                {
                    "org_id": p.org_id,
                    "name": p.name,
                    "kind": p.kind,
                    "root_public_key": wire.b64encode(p.root_public_key),
                    "manifest": wire.b64encode(p.manifest),
                    "manifest_signature": wire.b64encode(p.manifest_signature),
                    "recipient_label": p.recipient_label,
                    "confirmed": bool(p.confirmed),
                }
                for p in session.query(SyncPeer).all()
            ]
            own_copy = get_entry(session, OWN_COPY_KEY)
        bundle = {
            "version": BUNDLE_VERSION,
            "org_id": enrollment.org_id,
            "org_name": enrollment.org_name,
            "org_age": keys.org_age.secret_bytes().decode("ascii"),
            "org_age_previous": [
                i.secret_bytes().decode("ascii") for i in previous_org_ages(self._ctx.workspace.secrets)
            ],
            "org_root": wire.b64encode(keys.org_root.secret_bytes()),
            "own_copy_recipient": own_copy if isinstance(own_copy, str) else None,
            "manifest": wire.b64encode(signed.manifest_bytes),
            "manifest_signature": wire.b64encode(signed.signature),
            "peers": peers,
        }
        return json.dumps(bundle, separators=(",", ":")).encode("utf-8")

    def wait(
        self,
        code: JoinCode,
        *,
        timeout: float,
        progress: Callable[[str], None] | None = None,
        cancel: threading.Event | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> Joined | None:
        """Wait for the new PC (polling every second) and let it in; None when ``timeout`` passed."""
        lookup = pc.parse_code(code.code).lookup
        enrollment = self._directory.enrollment()
        client = self._directory.client(enrollment)
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline and (cancel is None or not cancel.is_set()):
                for joined in self.handle(client):
                    if progress is not None:
                        progress(
                            f"Pc van {joined.user} toegevoegd."
                            if joined.accepted
                            else f"Een verzoek ({joined.user}) had niet de juiste code en is geweigerd."
                        )
                    if joined.accepted and joined.lookup == lookup:
                        return joined
                if lookup not in {c.lookup for c in self.open_codes().values()}:
                    return self.joined_with(lookup)  # let in by a sync meanwhile, or expired (None)
                sleep(POLL_SECONDS)
        finally:
            client.close()
        return None
