"""Several devices per organisation: the device registry, revoking a device, rotated-key packages, and
per-device inbox acknowledgements. Joining a device (one-time codes, requests, approving) is in
:mod:`handover.server.joins`, the registry's base class; the key-list checks in :mod:`handover.server.key_lists`.

The server only carries what the devices make: it accepts a new key list only when it is signed by the
organisation's registered root key with a higher serial, and stores rotated keys sealed for each device.
So it can neither add a device of its own nor read the school's keys.
"""

from __future__ import annotations

import hashlib
import logging

from sqlalchemy import and_, delete, func, insert, select, update

from handover import wire
from handover.server.joins import JoinCodes
from handover.server.key_lists import check_devices, new_manifest
from handover.server.schema import (
    Caller,
    StoreError,
    device_acks,
    device_info,
    devices,
    inbox_acks,
    inbox_heads,
    key_packages,
    orgs,
    tokens,
)
from handover.wire import devices as dw

log = logging.getLogger("handover.server")

REVOKED = (
    "Deze pc is ingetrokken: hij hoort niet meer bij de school en kan niet meer synchroniseren. "
    "De gegevens op deze pc blijven bewaard; beslis zelf wat ermee gebeurt."
)


class DeviceRegistry(JoinCodes):
    """The organisation's devices (listed, revoked, their key packages and inbox acknowledgements), and
    joining new ones through :class:`JoinCodes`."""

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

    def update_manifest(self, caller: Caller, req: dw.ManifestUpdate) -> None:
        with self.engine.begin() as conn:
            manifest = new_manifest(conn, caller.org_id, req.manifest, req.manifest_signature)
            check_devices(conn, caller.org_id, manifest)

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
            manifest = new_manifest(conn, caller.org_id, req.manifest, req.manifest_signature)
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
            check_devices(conn, caller.org_id, manifest)
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
