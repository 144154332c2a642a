"""The school's PCs as one use case for the facade (:class:`~handover.sync.service.SyncService`):
adding a PC (:mod:`~handover.sync.pairing`), listing and revoking (:mod:`~handover.sync.devices`,
:mod:`~handover.sync.rotation`), and what a school PC does about its devices at every sync."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from handover.services.context import AppContext
from handover.sync.client import SyncClient, SyncError
from handover.sync.devices import DeviceDirectory, DeviceInfo, JoinCode, school_enrollment
from handover.sync.errors import SyncUsageError
from handover.sync.identity import LocalIdentity
from handover.sync.joining import Joiner
from handover.sync.key_backup import backup_keys
from handover.sync.pairing import Joined, JoinOutcome, JoinPreview, PairingHost
from handover.sync.report import SyncReport
from handover.sync.rotation import Rotation

__all__ = ["DeviceInfo", "JoinCode", "JoinOutcome", "JoinPreview", "Joined", "SchoolDevices"]

# The device list is fetched at least this often even when the push's hint says nothing changed.
DEVICES_REFRESH_SECONDS = 300.0


class SchoolDevices:
    def __init__(self, ctx: AppContext, identity: LocalIdentity, client_factory: Callable[[str], SyncClient]) -> None:
        self._ctx = ctx
        self.directory = DeviceDirectory(ctx.workspace, identity, client_factory)
        self.host = PairingHost(ctx, identity, self.directory)
        self.joiner = Joiner(ctx, identity, client_factory)
        self.rotation = Rotation(ctx, identity, self.directory)
        # The server's digest of the key list, devices and key packages (issue 14) when this PC last
        # acted on them, and when: while a push says it is the same, the device list is not fetched.
        self._acted_on: tuple[str, float] | None = None

    def add_device(self) -> JoinCode:
        return self.host.add_device()

    def wait_for_device(
        self,
        code: JoinCode,
        *,
        timeout: float,
        progress: Callable[[str], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> Joined | None:
        return self.host.wait(code, timeout=timeout, progress=progress, cancel=cancel)

    def join(
        self,
        server_url: str,
        code: str,
        user: str,
        *,
        confirm: Callable[[JoinPreview], bool],
        timeout: float,
        progress: Callable[[str], None] | None = None,
    ) -> JoinOutcome:
        return self.joiner.join(server_url, code, user, confirm=confirm, timeout=timeout, progress=progress)

    def devices(self) -> list[DeviceInfo]:
        return self.directory.devices()

    def revoke(self, device_id: str) -> DeviceInfo:
        return self.rotation.revoke(device_id)

    def at_sync(self, client: SyncClient | None, report: SyncReport | None = None) -> None:
        """A school PC at every sync (before the pull): the key list and device list, a rotated age
        key for this PC, and join requests for the codes this PC made."""
        if client is None:
            return
        backup_keys(self._ctx.workspace)  # the key copy the recovery code brings back (no other session open)
        try:
            with self._ctx.workspace.session() as session:
                enrollment = school_enrollment(session)
        except SyncUsageError:
            return  # a gemeente, not enrolled, or revoked: nothing to do here
        version = client.devices_version  # from this sync's push (None: no push, or an older server)
        if (
            version is not None
            and self._acted_on is not None
            and self._acted_on[0] == version
            and time.monotonic() - self._acted_on[1] < DEVICES_REFRESH_SECONDS
            and not self.host.open_codes()  # waiting for a new PC: its request is not in the digest
        ):
            return  # no new key list, device, revocation or key package since: nothing to act on
        try:
            manifest = self.directory.refresh(client, enrollment)
        except SyncError as exc:
            if exc.status == 404:
                return  # a server from before several PCs per school: nothing to do yet
            raise
        self.rotation.at_sync(client, enrollment, manifest)
        if version is not None:
            self._acted_on = (version, time.monotonic())
        for joined in self.host.handle(client):
            if report is not None and not joined.accepted:
                report.errors.append(
                    f"Een verzoek om een pc toe te voegen ({joined.user}) had niet de juiste code en is geweigerd."
                )
