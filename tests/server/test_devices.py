"""The server's side of several devices per school (issue 13): the "replica" route to the school's
own other devices, one-time join codes (single use, 24 hours on the server's clock, only a hash
stored), approving a join only with a key list signed by the school's root key, revoking a device
(refused at once), per-device acknowledgements."""

from __future__ import annotations

import base64
import json
import os
from dataclasses import replace

import pytest
from sqlalchemy import select

from handover import wire
from handover.crypto.keys import AgeIdentity, LocalKeys, SigningKey
from handover.crypto.manifest import DeviceEntry, OrgManifest, SignedManifest, sign_manifest, verify_manifest
from handover.server.joins import JOIN_CODE_TTL
from handover.server.schema import inbox_acks, join_codes, sha256_hex
from handover.server.testing import LiveServer
from handover.sync.client import SyncClient, SyncError
from handover.sync.testing import Member
from handover.wire import devices as dw


def _lookup() -> str:
    return base64.b32encode(os.urandom(5)).decode("ascii")


def _manifest_of(m: Member, live: LiveServer) -> OrgManifest:
    listing = m.client.device_list()
    signed = SignedManifest(
        wire.b64decode(listing.root_public_key),
        wire.b64decode(listing.manifest),
        wire.b64decode(listing.manifest_signature),
    )
    return verify_manifest(signed, expected_org_id=m.org_id, pinned_root=m.keys.org_root.public_bytes)


def _second_device(live: LiveServer, m: Member, *, root: SigningKey | None = None) -> Member:
    """A second device of ``m``'s school, joined through a code (the proof is not the server's concern)."""
    device = SigningKey.generate()
    keys = LocalKeys(org_age=m.keys.org_age, org_root=m.keys.org_root, device=device)
    lookup = _lookup()
    created = m.client.create_join_code(lookup, "Marieke")
    assert created.expires_at > 0
    anon = SyncClient(live.url, max_attempts=2, backoff_base=0.01)
    check = anon.join_check(lookup)
    assert check.org_id == m.org_id and check.root_public_key == m.keys.org_root.public_b64
    anon.join(
        dw.JoinRequest(
            lookup=lookup,
            device_id=keys.device_id,
            device_public_key=device.public_b64,
            age_recipient=AgeIdentity.generate().recipient,
            user_name="Jan",
            proof=wire.b64encode(os.urandom(32)),
        )
    )
    (pending,) = m.client.pending_joins().joins
    assert pending.device_id == keys.device_id and pending.lookup_hash == sha256_hex(lookup)
    current = _manifest_of(m, live)
    new = replace(
        current, serial=current.serial + 1, devices=(*current.devices, DeviceEntry(keys.device_id, device.public_bytes))
    )
    signed = sign_manifest(root or m.keys.org_root, new)
    m.client.approve_join(
        dw.JoinApprove(
            lookup_hash=pending.lookup_hash,
            device_id=keys.device_id,
            sealed_keys=wire.b64encode(b"sealed-for-the-new-device"),
            keys_mac=wire.b64encode(os.urandom(32)),
            manifest=wire.b64encode(signed.manifest_bytes),
            manifest_signature=wire.b64encode(signed.signature),
        )
    )
    status = anon.join_status(lookup, keys.device_id)
    assert status.state == "approved" and status.sealed_keys == wire.b64encode(b"sealed-for-the-new-device")
    anon.set_credentials(keys.device_id, device)
    return Member(m.org_id, m.kind, keys, anon)


def test_replica_goes_to_the_other_devices_of_the_same_school_only(
    live_server: LiveServer, members: dict[str, Member]
) -> None:
    g, a, b = members["G"], members["A"], members["B"]
    a2 = _second_device(live_server, a)
    op = a.seal(a, kind="replica")
    assert a.client.push([op]).results[0].status == "stored"
    # The other PC of school A reads it; the PC that sent it does not get its own message back.
    assert [m.op_id for m in a2.client.inbox(0).messages] == [op.op_id]
    assert [m.op_id for m in a.client.inbox(0).messages] == []
    # Never to another school, never to or from a gemeente.
    refused = a.client.push([a.seal(b, kind="replica"), a.seal(g, kind="replica")]).results
    assert [r.reason for r in refused] == ["not_allowed", "not_allowed"]
    assert g.client.push([g.seal(g, kind="replica")]).results[0].reason == "not_allowed"
    assert b.client.inbox(0).messages == [] and g.client.inbox(0).messages == []


def test_every_device_reads_every_message_to_the_school_and_acks_per_device(
    live_server: LiveServer, members: dict[str, Member]
) -> None:
    g, a = members["G"], members["A"]
    a2 = _second_device(live_server, a)
    sent = [g.seal(a, kind="status") for _ in range(3)]
    g.client.push(sent)
    first = a.client.inbox(0)
    assert [m.op_id for m in first.messages] == [o.op_id for o in sent]
    assert [m.op_id for m in a2.client.inbox(0).messages] == [o.op_id for o in sent]
    a.client.inbox(first.messages[-1].seq)  # device 1 kept everything; device 2 did not say so yet
    with live_server.store.engine.connect() as conn:
        assert conn.scalar(select(inbox_acks.c.seq).where(inbox_acks.c.org_id == a.org_id)) is None
    a2.client.inbox(first.messages[-1].seq)
    with live_server.store.engine.connect() as conn:
        assert conn.scalar(select(inbox_acks.c.seq).where(inbox_acks.c.org_id == a.org_id)) == first.messages[-1].seq
    listing = a.client.device_list()
    assert {d.device_id: d.user_name for d in listing.devices} == {
        a.keys.device_id: "Marieke",
        a2.keys.device_id: "Jan",
    }
    assert all(d.state == "active" and d.last_seen for d in listing.devices)


def test_a_join_code_is_single_use_expires_after_24_hours_and_only_its_hash_is_stored(
    live_server: LiveServer, members: dict[str, Member]
) -> None:
    a = members["A"]
    anon = SyncClient(live_server.url, max_attempts=1)
    with pytest.raises(SyncError) as unknown:
        anon.join_check(_lookup())
    assert unknown.value.status == 403 and "onbekend" in str(unknown.value)
    lookup = _lookup()
    a.client.create_join_code(lookup)
    with live_server.store.engine.connect() as conn:
        stored = [r.lookup_hash for r in conn.execute(select(join_codes))]
    assert stored == [sha256_hex(lookup)] and lookup not in json.dumps(stored)
    clock = live_server.store.registry.clock
    try:
        live_server.store.registry.clock = lambda: clock() + JOIN_CODE_TTL + 1
        with pytest.raises(SyncError) as expired:
            anon.join_check(lookup)
        assert expired.value.status == 410 and "verlopen" in str(expired.value)
    finally:
        live_server.store.registry.clock = clock
    a2 = _second_device(live_server, a)
    used = a2.client.pending_joins()  # the joined device works
    assert used.joins == []


def test_used_code_is_refused(live_server: LiveServer, members: dict[str, Member]) -> None:
    a = members["A"]
    a2 = _second_device(live_server, a)
    with live_server.store.engine.connect() as conn:
        (row,) = conn.execute(select(join_codes)).all()
    assert row.used_at is not None and a2.keys.device_id


def test_a_join_needs_a_key_list_signed_by_the_schools_root_key(
    live_server: LiveServer, members: dict[str, Member]
) -> None:
    a = members["A"]
    with pytest.raises(SyncError) as refused:
        _second_device(live_server, a, root=SigningKey.generate())  # the server's (or anyone's) own root key
    assert refused.value.status == 400
    assert [d.device_id for d in a.client.device_list().devices] == [a.keys.device_id]


def test_a_revoked_device_is_refused_at_once_and_told_so(live_server: LiveServer, members: dict[str, Member]) -> None:
    g, a = members["G"], members["A"]
    a2 = _second_device(live_server, a)
    a2.client.inbox(0)  # logged in, holds a token
    current = _manifest_of(a, live_server)
    new = replace(
        current,
        serial=current.serial + 1,
        devices=tuple(d for d in current.devices if d.device_id != a2.keys.device_id),
        age_recipients=(AgeIdentity.generate().recipient,),
    )
    signed = sign_manifest(a.keys.org_root, new)
    a.client.revoke_device(
        dw.RevokeRequest(
            device_id=a2.keys.device_id,
            manifest=wire.b64encode(signed.manifest_bytes),
            manifest_signature=wire.b64encode(signed.signature),
            packages=[],
        )
    )
    # Its live token is gone; logging in again is refused with the plain-Dutch reason.
    with pytest.raises(SyncError) as pull:
        a2.client.inbox(0)
    assert pull.value.kind == "revoked" and "ingetrokken" in str(pull.value)
    with pytest.raises(SyncError) as push:
        a2.client.push([a2.seal(g, kind="dossier")])
    assert push.value.kind == "revoked"
    states = {d.device_id: d.state for d in a.client.device_list().devices}
    assert states == {a.keys.device_id: "active", a2.keys.device_id: "revoked"}
    # A later key list cannot bring it back.
    back = sign_manifest(a.keys.org_root, replace(new, serial=new.serial + 1, devices=current.devices))
    with pytest.raises(SyncError) as again:
        a.client.update_manifest(
            dw.ManifestUpdate(
                manifest=wire.b64encode(back.manifest_bytes), manifest_signature=wire.b64encode(back.signature)
            )
        )
    assert again.value.status == 400


def test_a_gemeente_cannot_make_join_codes(members: dict[str, Member]) -> None:
    with pytest.raises(SyncError) as refused:
        members["G"].client.create_join_code(_lookup())
    assert refused.value.status == 403


def test_old_server_data_without_device_rows_still_lists_the_device(members: dict[str, Member]) -> None:
    a = members["A"]
    # Enrolled as before (no user name sent): listed with an empty name, active, seen at its login.
    (only,) = a.client.device_list().devices
    assert only.device_id == a.keys.device_id and only.state == "active" and only.user_name == ""


def test_the_device_tables_work_on_both_databases(db_url: str) -> None:
    """The same steps on SQLite and PostgreSQL (HANDOVER_TEST_PG_URL): join, replica, ack, revoke."""
    from handover.server.settings import ServerSettings
    from handover.server.testing import run_live_server
    from handover.sync.testing import enroll_member

    with run_live_server(ServerSettings(db_url=db_url)) as live:
        g = enroll_member(live, "Gemeente", "gemeente")
        a = enroll_member(live, "School A", "school")
        try:
            a2 = _second_device(live, a)
            op = a.seal(a, kind="replica")
            assert a.client.push([op]).results[0].status == "stored"
            page = a2.client.inbox(0)
            assert [m.op_id for m in page.messages] == [op.op_id]
            a2.client.inbox(page.messages[-1].seq)
            current = _manifest_of(a, live)
            new = replace(
                current,
                serial=current.serial + 1,
                devices=tuple(d for d in current.devices if d.device_id != a2.keys.device_id),
            )
            signed = sign_manifest(a.keys.org_root, new)
            a.client.revoke_device(
                dw.RevokeRequest(
                    device_id=a2.keys.device_id,
                    manifest=wire.b64encode(signed.manifest_bytes),
                    manifest_signature=wire.b64encode(signed.signature),
                    packages=[],
                )
            )
            with pytest.raises(SyncError) as refused:
                a2.client.inbox(0)
            assert refused.value.kind == "revoked"
            assert {d.state for d in a.client.device_list().devices} == {"active", "revoked"}
        finally:
            for m in (g, a):
                m.client.close()


def test_a_device_that_only_sends_to_its_own_school_still_acknowledges_its_inbox(
    live_server: LiveServer, members: dict[str, Member]
) -> None:
    a = members["A"]
    a2 = _second_device(live_server, a)
    ops_sent = [a.seal(a, kind="replica") for _ in range(3)]
    a.client.push(ops_sent)
    assert a.client.inbox(0).messages == []  # its own: never served back, but read through the head
    page = a2.client.inbox(0)
    a2.client.inbox(page.messages[-1].seq)
    with live_server.store.engine.connect() as conn:
        assert conn.scalar(select(inbox_acks.c.seq).where(inbox_acks.c.org_id == a.org_id)) == page.messages[-1].seq
