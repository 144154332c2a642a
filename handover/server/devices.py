"""Several devices per organisation: the device registry, one-time join codes, approving a join,
revoking a device, rotated-key packages, and per-device inbox acknowledgements.

The server only carries what the devices make: it stores the hash of a code's lookup part, a new
device's public keys and its proof (an HMAC it cannot check), and accepts a new key list only when
it is signed by the organisation's registered root key with a higher serial. So it can neither add
a device of its own (it has no root key and cannot make the proof the approving device checks) nor
read the school's keys (they travel sealed to the new device's own age key).
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable

from sqlalchemy import and_, delete, func, insert, select, update
from sqlalchemy.engine import Connection, Engine

from handover import wire
from handover.crypto.keys import device_id_for
from handover.crypto.manifest import ManifestError, OrgManifest, SignedManifest, verify_manifest
from handover.server.schema import (
    Caller,
    StoreError,
    device_acks,
    device_info,
    devices,
    inbox_acks,
    inbox_heads,
    join_codes,
    join_requests,
    key_packages,
    orgs,
    sha256_hex,
    tokens,
)
from handover.wire import devices as dw

log = logging.getLogger("handover.server")

JOIN_CODE_TTL = 24 * 3600
MAX_REQUESTS_PER_CODE = 3
MAX_OPEN_CODES_PER_ORG = 20
SEEN_RESOLUTION = 60.0

CODE_UNKNOWN = "Deze koppelcode is onbekend. Controleer de code op de andere pc; er is niets geregistreerd."
CODE_EXPIRED = "Deze koppelcode is verlopen (een code geldt 24 uur). Maak op de andere pc een nieuwe code."
CODE_USED = "Deze koppelcode is al gebruikt. Maak op de andere pc een nieuwe code."
REVOKED = (
    "Deze pc is ingetrokken: hij hoort niet meer bij de school en kan niet meer synchroniseren. "
    "De gegevens op deze pc blijven bewaard; beslis zelf wat ermee gebeurt."
)


class DeviceRegistry:
    def __init__(self, engine: Engine, epoch: Callable[[], str], clock: Callable[[], float] = time.time) -> None:
        self.engine = engine
        self._epoch = epoch
        self.clock = clock

    # --- registry -----------------------------------------------------------------------------

    def devices(self, caller: Caller) -> dw.DeviceList:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(
                    devices.c.device_id,
                    devices.c.created_at,
                    devices.c.revoked,
                    device_info.c.user_name,
                    device_info.c.added_at,
                    device_info.c.last_seen,
                )
                .outerjoin(device_info, device_info.c.device_id == devices.c.device_id)
                .where(devices.c.org_id == caller.org_id)
                .order_by(devices.c.created_at)
            ).all()
            org = conn.execute(select(orgs).where(orgs.c.org_id == caller.org_id)).one()
        return dw.DeviceList(
            devices=[
                dw.DeviceRecord(
                    device_id=r.device_id,
                    user_name=r.user_name or "",
                    added_at=r.added_at if r.added_at is not None else r.created_at,
                    last_seen=r.last_seen,
                    state="revoked" if r.revoked else "active",
                )
                for r in rows
            ],
            root_public_key=wire.b64encode(org.root_public_key),
            manifest=wire.b64encode(org.manifest),
            manifest_signature=wire.b64encode(org.manifest_signature),
        )

    def seen(self, conn: Connection, device_id: str, org_id: str) -> None:
        """Note that a device logged in or read its inbox (``last seen`` in the device list)."""
        now = self.clock()
        row = conn.execute(select(device_info.c.last_seen).where(device_info.c.device_id == device_id)).first()
        if row is None:
            conn.execute(insert(device_info).values(device_id=device_id, org_id=org_id, user_name="", last_seen=now))
        elif row.last_seen is None or row.last_seen < now - SEEN_RESOLUTION:
            # At most one write a minute per device: "last seen" is for people, not for the clock.
            conn.execute(update(device_info).where(device_info.c.device_id == device_id).values(last_seen=now))

    def version(self, caller: Caller) -> str:
        """A digest of what a PC acts on at every sync (issue 14): its organisation's signed key
        list, which devices it has and which are revoked, and the key packages waiting for this PC."""
        with self.engine.connect() as conn:
            signature = conn.scalar(select(orgs.c.manifest_signature).where(orgs.c.org_id == caller.org_id))
            rows = conn.execute(
                select(devices.c.device_id, devices.c.revoked)
                .where(devices.c.org_id == caller.org_id)
                .order_by(devices.c.device_id)
            ).all()
            packages = conn.scalars(
                select(key_packages.c.id)
                .where(key_packages.c.device_id == caller.device_id)
                .order_by(key_packages.c.id)
            ).all()
        digest = hashlib.sha256(bytes(signature or b""))
        digest.update(repr(([(r.device_id, bool(r.revoked)) for r in rows], list(packages))).encode())
        return digest.hexdigest()[:32]

    def is_revoked(self, device_id: str) -> bool:
        with self.engine.connect() as conn:
            return bool(conn.scalar(select(devices.c.revoked).where(devices.c.device_id == device_id)))

    # --- join codes ---------------------------------------------------------------------------

    def create_code(self, caller: Caller, req: dw.JoinCodeCreate) -> dw.JoinCodeCreated:
        lookup = req.lookup
        if caller.kind != "school":
            raise StoreError(403, "Alleen een school kan een pc toevoegen.")
        now = self.clock()
        expires = now + JOIN_CODE_TTL
        with self.engine.begin() as conn:
            open_codes = conn.scalar(
                select(func.count())
                .select_from(join_codes)
                .where(
                    join_codes.c.org_id == caller.org_id, join_codes.c.used_at.is_(None), join_codes.c.expires_at > now
                )
            )
            if (open_codes or 0) >= MAX_OPEN_CODES_PER_ORG:
                raise StoreError(429, "Er staan te veel koppelcodes open; wacht tot ze gebruikt of verlopen zijn.")
            if conn.scalar(select(join_codes.c.lookup_hash).where(join_codes.c.lookup_hash == sha256_hex(lookup))):
                raise StoreError(409, "Deze code bestaat al; maak een nieuwe.")
            conn.execute(
                insert(join_codes).values(
                    lookup_hash=sha256_hex(lookup),
                    org_id=caller.org_id,
                    created_by=caller.device_id,
                    created_at=now,
                    expires_at=expires,
                )
            )
            if req.user_name:
                self.seen(conn, caller.device_id, caller.org_id)
                conn.execute(
                    update(device_info)
                    .where(device_info.c.device_id == caller.device_id, device_info.c.user_name == "")
                    .values(user_name=req.user_name)
                )
        log.info("koppelcode gemaakt door apparaat %s van %s", caller.device_id, caller.org_id)
        return dw.JoinCodeCreated(expires_at=expires)

    def _code(self, conn: Connection, lookup_hash: str) -> tuple[str, float]:
        row = conn.execute(
            select(join_codes, orgs.c.status)
            .join(orgs, orgs.c.org_id == join_codes.c.org_id)
            .where(join_codes.c.lookup_hash == lookup_hash)
        ).first()
        if row is None or row.status != "active":
            raise StoreError(403, CODE_UNKNOWN)
        if row.used_at is not None:
            raise StoreError(409, CODE_USED)
        if row.expires_at < self.clock():
            raise StoreError(410, CODE_EXPIRED)
        return str(row.org_id), float(row.expires_at)

    def check(self, req: dw.JoinCheckRequest) -> dw.JoinCheckResponse:
        with self.engine.connect() as conn:
            org_id, expires = self._code(conn, sha256_hex(req.lookup))
            org = conn.execute(select(orgs).where(orgs.c.org_id == org_id)).one()
        return dw.JoinCheckResponse(
            org_id=org_id,
            org_name=org.name,
            kind=org.kind,
            root_public_key=wire.b64encode(org.root_public_key),
            expires_at=expires,
        )

    def request(self, req: dw.JoinRequest) -> dw.JoinStatus:
        device_pub = wire.b64decode(req.device_public_key)
        if req.device_id != device_id_for(device_pub):
            raise StoreError(400, "Ongeldige apparaatsleutel.")
        lookup_hash = sha256_hex(req.lookup)
        with self.engine.begin() as conn:
            org_id, _ = self._code(conn, lookup_hash)
            if conn.scalar(select(devices.c.device_id).where(devices.c.device_id == req.device_id)):
                raise StoreError(409, "Dit apparaat is al ingeschreven.")
            existing = conn.execute(
                select(join_requests).where(
                    join_requests.c.lookup_hash == lookup_hash, join_requests.c.device_id == req.device_id
                )
            ).first()
            if existing is None:
                count = conn.scalar(
                    select(func.count()).select_from(join_requests).where(join_requests.c.lookup_hash == lookup_hash)
                )
                if (count or 0) >= MAX_REQUESTS_PER_CODE:
                    raise StoreError(
                        429, "Met deze code is al te vaak geprobeerd. Maak op de andere pc een nieuwe code."
                    )
                conn.execute(
                    insert(join_requests).values(
                        lookup_hash=lookup_hash,
                        device_id=req.device_id,
                        org_id=org_id,
                        device_public_key=device_pub,
                        age_recipient=req.age_recipient,
                        user_name=req.user_name,
                        proof=wire.b64decode(req.proof),
                        state="pending",
                        created_at=self.clock(),
                    )
                )
            elif existing.device_public_key != device_pub or existing.proof != wire.b64decode(req.proof):
                raise StoreError(409, CODE_USED)
        log.info("koppelverzoek van apparaat %s voor %s", req.device_id, org_id)
        return dw.JoinStatus(state="pending", org_id=org_id, epoch=self._epoch())

    def status(self, req: dw.JoinStatusRequest) -> dw.JoinStatus:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(join_requests).where(
                    join_requests.c.lookup_hash == sha256_hex(req.lookup), join_requests.c.device_id == req.device_id
                )
            ).first()
            if row is None:
                raise StoreError(403, CODE_UNKNOWN)
            code = conn.execute(select(join_codes).where(join_codes.c.lookup_hash == row.lookup_hash)).one()
        if row.state == "pending" and code.expires_at < self.clock():
            raise StoreError(410, CODE_EXPIRED)
        if row.state == "pending" and code.used_at is not None:
            raise StoreError(409, CODE_USED)
        approved = row.state == "approved"
        return dw.JoinStatus(
            state=row.state,
            org_id=row.org_id,
            epoch=self._epoch(),
            sealed_keys=wire.b64encode(row.sealed_keys) if approved and row.sealed_keys else None,
            keys_mac=wire.b64encode(row.keys_mac) if approved and row.keys_mac else None,
        )

    def pending(self, caller: Caller) -> dw.PendingJoins:
        now = self.clock()
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(join_requests)
                .join(join_codes, join_codes.c.lookup_hash == join_requests.c.lookup_hash)
                .where(
                    join_requests.c.org_id == caller.org_id,
                    join_requests.c.state == "pending",
                    join_codes.c.used_at.is_(None),
                    join_codes.c.expires_at >= now,
                )
                .order_by(join_requests.c.created_at)
            ).all()
        return dw.PendingJoins(
            joins=[
                dw.PendingJoin(
                    lookup_hash=r.lookup_hash,
                    device_id=r.device_id,
                    device_public_key=wire.b64encode(r.device_public_key),
                    age_recipient=r.age_recipient,
                    user_name=r.user_name,
                    proof=wire.b64encode(r.proof),
                    created_at=r.created_at,
                )
                for r in rows
            ]
        )

    # --- key lists ----------------------------------------------------------------------------

    def _new_manifest(self, conn: Connection, org_id: str, manifest_b64: str, signature_b64: str) -> OrgManifest:
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

    def update_manifest(self, caller: Caller, req: dw.ManifestUpdate) -> None:
        with self.engine.begin() as conn:
            manifest = self._new_manifest(conn, caller.org_id, req.manifest, req.manifest_signature)
            self._check_devices(conn, caller.org_id, manifest)

    @staticmethod
    def _check_devices(conn: Connection, org_id: str, manifest: OrgManifest) -> None:
        """A key list may not bring back a revoked device nor name a device the server does not know."""
        rows = {
            r.device_id: r.revoked
            for r in conn.execute(select(devices.c.device_id, devices.c.revoked).where(devices.c.org_id == org_id))
        }
        for entry in manifest.devices:
            if rows.get(entry.device_id, 1):
                raise StoreError(400, "De sleutellijst noemt een apparaat dat niet (meer) bij de organisatie hoort.")

    def approve(self, caller: Caller, req: dw.JoinApprove) -> None:
        now = self.clock()
        with self.engine.begin() as conn:
            row = conn.execute(
                select(join_requests).where(
                    join_requests.c.lookup_hash == req.lookup_hash,
                    join_requests.c.device_id == req.device_id,
                    join_requests.c.org_id == caller.org_id,
                )
            ).first()
            if row is None or row.state != "pending":
                raise StoreError(404, "Dit koppelverzoek bestaat niet (meer).")
            used = conn.execute(
                update(join_codes)
                .where(
                    join_codes.c.lookup_hash == req.lookup_hash,
                    join_codes.c.used_at.is_(None),
                    join_codes.c.expires_at >= now,
                )
                .values(used_at=now)
            ).rowcount
            if used != 1:
                raise StoreError(409, CODE_USED)
            manifest = self._new_manifest(conn, caller.org_id, req.manifest, req.manifest_signature)
            if manifest.device_key(req.device_id) != row.device_public_key:
                raise StoreError(400, "Het nieuwe apparaat staat niet in de sleutellijst.")
            conn.execute(
                insert(devices).values(
                    device_id=req.device_id,
                    org_id=caller.org_id,
                    public_key=row.device_public_key,
                    created_at=now,
                    revoked=0,
                )
            )
            conn.execute(
                insert(device_info).values(
                    device_id=req.device_id, org_id=caller.org_id, user_name=row.user_name, added_at=now
                )
            )
            self._check_devices(conn, caller.org_id, manifest)
            conn.execute(
                update(join_requests)
                .where(join_requests.c.lookup_hash == req.lookup_hash, join_requests.c.device_id == req.device_id)
                .values(
                    state="approved",
                    decided_at=now,
                    sealed_keys=wire.b64decode(req.sealed_keys),
                    keys_mac=wire.b64decode(req.keys_mac),
                )
            )
            # Other requests with this code (a typo, or someone else): refused.
            conn.execute(
                update(join_requests)
                .where(join_requests.c.lookup_hash == req.lookup_hash, join_requests.c.state == "pending")
                .values(state="refused", decided_at=now)
            )
        log.info("apparaat %s toegevoegd aan %s door %s", req.device_id, caller.org_id, caller.device_id)

    def refuse(self, caller: Caller, req: dw.JoinRefuse) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(join_requests)
                .where(
                    join_requests.c.lookup_hash == req.lookup_hash,
                    join_requests.c.device_id == req.device_id,
                    join_requests.c.org_id == caller.org_id,
                    join_requests.c.state == "pending",
                )
                .values(state="refused", decided_at=self.clock())
            )
        log.info("koppelverzoek van %s geweigerd door %s", req.device_id, caller.device_id)

    # --- revoking and rotating ----------------------------------------------------------------

    def revoke(self, caller: Caller, req: dw.RevokeRequest) -> None:
        if req.device_id == caller.device_id:
            raise StoreError(400, "Een pc kan zichzelf niet intrekken; doe dat vanaf een andere pc van de school.")
        now = self.clock()
        with self.engine.begin() as conn:
            target = conn.execute(
                select(devices.c.org_id, devices.c.revoked).where(devices.c.device_id == req.device_id)
            ).first()
            if target is None or target.org_id != caller.org_id:
                raise StoreError(404, "Deze pc hoort niet bij deze school.")
            manifest = self._new_manifest(conn, caller.org_id, req.manifest, req.manifest_signature)
            if manifest.device_key(req.device_id) is not None:
                raise StoreError(400, "De nieuwe sleutellijst noemt de ingetrokken pc nog.")
            conn.execute(update(devices).where(devices.c.device_id == req.device_id).values(revoked=1))
            conn.execute(tokens.delete().where(tokens.c.device_id == req.device_id))
            done = conn.execute(
                update(device_info).where(device_info.c.device_id == req.device_id).values(revoked_at=now)
            ).rowcount
            if not done:
                conn.execute(
                    insert(device_info).values(
                        device_id=req.device_id, org_id=caller.org_id, user_name="", revoked_at=now
                    )
                )
            conn.execute(delete(device_acks).where(device_acks.c.device_id == req.device_id))
            self._check_devices(conn, caller.org_id, manifest)
            for package in req.packages:
                if manifest.device_key(package.device_id) is None or package.serial != manifest.serial:
                    raise StoreError(400, "Een sleutelpakket past niet bij de nieuwe sleutellijst.")
                conn.execute(
                    insert(key_packages).values(
                        org_id=caller.org_id,
                        device_id=package.device_id,
                        from_device=caller.device_id,
                        serial=package.serial,
                        sealed=wire.b64decode(package.sealed),
                        signature=wire.b64decode(package.signature),
                        created_at=now,
                    )
                )
        log.info("apparaat %s van %s ingetrokken door %s", req.device_id, caller.org_id, caller.device_id)

    def packages(self, caller: Caller) -> dw.KeyPackages:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(key_packages)
                .where(key_packages.c.org_id == caller.org_id, key_packages.c.device_id == caller.device_id)
                .order_by(key_packages.c.serial, key_packages.c.id)
            ).all()
        return dw.KeyPackages(
            packages=[
                dw.KeyPackage(
                    device_id=r.device_id,
                    from_device=r.from_device,
                    serial=r.serial,
                    sealed=wire.b64encode(r.sealed),
                    signature=wire.b64encode(r.signature),
                )
                for r in rows
            ]
        )

    # --- per-device inbox acknowledgements ----------------------------------------------------

    def head(self, org_id: str) -> int:
        with self.engine.connect() as conn:
            return int(conn.scalar(select(inbox_heads.c.head).where(inbox_heads.c.org_id == org_id)) or 0)

    def read_through(self, caller: Caller, since: int) -> None:
        """``caller`` kept its inbox up to ``since``; the organisation's acknowledgement (what purge
        empties) moves to the lowest point every active device of the organisation has read."""
        now = self.clock()
        with self.engine.begin() as conn:
            self.seen(conn, caller.device_id, caller.org_id)
            if since <= 0:
                return
            head = conn.scalar(select(inbox_heads.c.head).where(inbox_heads.c.org_id == caller.org_id)) or 0
            through = min(since, int(head))
            done = conn.execute(
                update(device_acks)
                .where(device_acks.c.device_id == caller.device_id, device_acks.c.seq < through)
                .values(seq=through, at=now)
            ).rowcount
            if (
                not done
                and conn.scalar(select(device_acks.c.seq).where(device_acks.c.device_id == caller.device_id)) is None
            ):
                conn.execute(
                    insert(device_acks).values(device_id=caller.device_id, org_id=caller.org_id, seq=through, at=now)
                )
            active = conn.execute(
                select(devices.c.device_id, device_acks.c.seq)
                .outerjoin(device_acks, device_acks.c.device_id == devices.c.device_id)
                .where(and_(devices.c.org_id == caller.org_id, devices.c.revoked == 0))
            ).all()
            lowest = min((int(r.seq or 0) for r in active), default=0)
            known = conn.scalar(select(func.max(inbox_acks.c.seq)).where(inbox_acks.c.org_id == caller.org_id)) or 0
            if lowest > known:
                conn.execute(insert(inbox_acks).values(org_id=caller.org_id, seq=lowest, at=now))


def lookup_hash(lookup: str) -> str:
    return hashlib.sha256(lookup.encode("ascii")).hexdigest()
