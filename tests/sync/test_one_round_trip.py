"""One changed dossier in a running app is one round trip (issue 14): the push tells the server how far
this PC read its inbox, and the answer says how far the inbox goes and whether the school's key list,
devices or key packages changed. A pull follows only when there is something; an older server that
gives no hints gets the pull and the device list as before."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from handover import wire
from handover.server.testing import LiveServer
from handover.services.dossiers import DossierService
from handover.sync.client import SyncClient
from handover.sync.service import SyncService

from .conftest import Installation, ready_dossier


class Counting(httpx.BaseTransport):
    """Notes each request (method, path); ``hints=False`` acts as a server from before the hints."""

    def __init__(self, *, hints: bool = True) -> None:
        self.inner = httpx.HTTPTransport()
        self.hints = hints
        self.calls: list[tuple[str, str]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.calls.append((request.method, request.url.path))
        response = self.inner.handle_request(request)
        if not self.hints:
            for name in (wire.INBOX_HEAD_HEADER, wire.DEVICES_VERSION_HEADER):
                response.headers.pop(name, None)
        return response


@contextmanager
def counting_sync(inst: Installation, *, hints: bool = True) -> Iterator[tuple[SyncService, Counting]]:
    """A sync engine for ``inst`` whose requests are counted (it takes over the change hooks), closed after."""
    transport = Counting(hints=hints)
    service = SyncService(inst.ctx, client_factory=lambda url: SyncClient(url, transport=transport))
    inst.sync.remove_hooks()
    service.install_hooks()
    try:
        yield service, transport
    finally:
        service.close()


def change_phone(inst: Installation, youth_id: str, phone: str, transport: Counting) -> None:
    """One changed dossier; the requests are counted from here."""
    DossierService(inst.ctx).update_fields(youth_id, {"phone": phone})
    transport.calls.clear()


def test_one_changed_dossier_is_one_push_and_a_waiting_receipt_is_still_pulled(
    school: Installation, gemeente: Installation, live_server: LiveServer
) -> None:
    with counting_sync(school) as (service, transport):
        youth_id = ready_dossier(school)
        assert service.sync().stored == 1
        change_phone(school, youth_id, "0612345678", transport)
        report = service.sync()
        assert report.ok and report.stored == 1
        assert transport.calls == [("POST", "/v1/ops")]

        # Werk en Inkomen confirms receipt: the next push's answer says the inbox holds more, so it is pulled.
        assert gemeente.sync.sync().ok and gemeente.sync.acknowledge_received() == 1 and gemeente.sync.sync().ok
        change_phone(school, youth_id, "0687654321", transport)
        report = service.sync()
        assert report.ok and report.stored == 1 and report.pulled >= 1
        assert ("GET", "/v1/inbox") in transport.calls


def test_without_hints_from_the_server_the_sync_pulls_and_reads_the_device_list(school: Installation) -> None:
    with counting_sync(school, hints=False) as (service, transport):
        youth_id = ready_dossier(school)
        assert service.sync().stored == 1
        change_phone(school, youth_id, "0612345678", transport)
        assert service.sync().stored == 1
        assert transport.calls == [("POST", "/v1/ops"), ("GET", "/v1/devices"), ("GET", "/v1/inbox")]


def test_the_push_records_how_far_this_pc_read_its_inbox(school: Installation, live_server: LiveServer) -> None:
    from sqlalchemy import select

    from handover.server.schema import device_info

    with counting_sync(school) as (service, transport):
        youth_id = ready_dossier(school)
        assert service.sync().ok
        with live_server.store.engine.begin() as conn:
            conn.execute(device_info.update().values(last_seen=0))
        change_phone(school, youth_id, "0612345678", transport)
        assert service.sync().ok and transport.calls == [("POST", "/v1/ops")]
        with live_server.store.engine.connect() as conn:
            seen = conn.scalar(select(device_info.c.last_seen).where(device_info.c.device_id == service.keys.device_id))
        assert seen and seen > 0  # "laatst gezien" moves on without an inbox read
