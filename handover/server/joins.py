"""Joining a device to its organisation on the server: one-time join codes, the new device's request
and its status, the requests waiting for another device of the organisation, and approving or refusing
one (see :mod:`handover.server.devices` for the rest of the device registry).

The server stores only the hash of a code's lookup part, the new device's public keys and its proof (an
HMAC it cannot check); the approving device checks the proof and hands over the school's keys sealed to
the new device's own age key, with a key list signed by the organisation's root key.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection, Engine

from handover import wire
from handover.crypto.keys import device_id_for
from handover.server.key_lists import check_devices, new_manifest
from handover.server.schema import (
    Caller,
    StoreError,
    device_info,
    devices,
    join_codes,
    join_requests,
    orgs,
    sha256_hex,
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


class JoinCodes:
    """The joining half of :class:`handover.server.devices.DeviceRegistry` (its base class), with the
    engine, the epoch and the clock they share (tests move ``clock`` past a code's expiry)."""

    def __init__(self, engine: Engine, epoch: Callable[[], str], clock: Callable[[], float] = time.time) -> None:
        self.engine = engine
        self._epoch = epoch
        self.clock = clock

    def seen(self, conn: Connection, device_id: str, org_id: str) -> None:
        """Note that a device logged in or read its inbox (``last seen`` in the device list)."""
        now = self.clock()
        row = conn.execute(select(device_info.c.last_seen).where(device_info.c.device_id == device_id)).first()
        if row is None:
            conn.execute(insert(device_info).values(device_id=device_id, org_id=org_id, user_name="", last_seen=now))
        elif row.last_seen is None or row.last_seen < now - SEEN_RESOLUTION:
            # At most one write a minute per device: "last seen" is for people, not for the clock.
            conn.execute(update(device_info).where(device_info.c.device_id == device_id).values(last_seen=now))

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
            manifest = new_manifest(conn, caller.org_id, req.manifest, req.manifest_signature)
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
            check_devices(conn, caller.org_id, manifest)
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


def lookup_hash(lookup: str) -> str:
    return hashlib.sha256(lookup.encode("ascii")).hexdigest()
