"""Helpers for tests and benchmarks: an enrolled organisation driven directly through the client."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, Protocol

from handover import wire
from handover.crypto import LocalKeys, load_or_create_keys, seal_envelope
from handover.secrets import MemorySecretStore
from handover.sync.client import SyncClient
from handover.sync.enrollment import enroll


@dataclass
class Member:
    """An enrolled organisation: its keys and a logged-in client."""

    org_id: str
    kind: str
    keys: LocalKeys
    client: SyncClient

    def seal(
        self,
        to: Member,
        *,
        record_id: str | None = None,
        revision: int = 1,
        base_revision: int = 0,
        kind: wire.OpKind = "dossier",
        body: bytes = b'{"x":1}',
        op_id: str | None = None,
    ) -> wire.OpItem:
        sealed = seal_envelope(
            kind=kind,
            sender_org=self.org_id,
            sender_device=self.keys.device_id,
            device_key=self.keys.device,
            recipient_org=to.org_id,
            recipient_age_keys=[to.keys.org_age.recipient],
            own_age_key=self.keys.org_age.recipient,
            record_id=record_id or str(uuid.uuid4()),
            revision=revision,
            base_revision=base_revision,
            op_id=op_id or str(uuid.uuid4()),
            body=body,
        )
        h = sealed.header
        return wire.OpItem(
            op_id=h.op_id,
            record_id=h.record_id,
            revision=h.revision,
            base_revision=h.base_revision,
            kind=kind,
            recipient_org=to.org_id,
            envelope=wire.b64encode(sealed.data),
        )


def enroll_with_code(url: str, code: str, kind: str) -> Member:
    keys = load_or_create_keys(MemorySecretStore())
    client = SyncClient(url, max_attempts=2, backoff_base=0.01)
    response, _peers = enroll(client, keys, code)
    return Member(response.org_id, kind, keys, client)


class ServerAdmin(Protocol):
    """What enrolling a test organisation needs of a running server (e.g. ``server.testing.LiveServer``;
    a protocol, so that the client package does not import the server)."""

    url: str

    def add_org(self, name: str, kind: str) -> tuple[str, str]: ...


def enroll_member(live: ServerAdmin, name: str, kind: str) -> Member:
    _, code = live.add_org(name, kind)
    return enroll_with_code(live.url, code, kind)


class Confirming(Protocol):
    """The part of :class:`~handover.sync.service.SyncService` that confirming schools needs."""

    def sync(self) -> object: ...

    def peer_entries(self, kind: str | None = None) -> list[Any]: ...

    def confirm_peer(self, org_id: str) -> object: ...


def confirm_schools(gemeente: Confirming) -> None:
    """The gemeente pins every enrolled school and confirms it, as its administrator does after
    comparing each school's fingerprint by phone (``handover bevestig``)."""
    gemeente.sync()
    for entry in gemeente.peer_entries("school"):
        if not entry.confirmed:
            gemeente.confirm_peer(entry.org_id)
