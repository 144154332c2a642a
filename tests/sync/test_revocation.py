"""Revoking a PC of the school (issue 13), against the real server on 127.0.0.1: the revoked PC can
neither push nor pull and is told so in plain Dutch, keeps its local data; the school's age key is
rotated, so what Werk en Inkomen sends afterwards opens with the new key on the remaining PCs and
not with the revoked PC's keys; the remaining PCs still open older messages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from handover.crypto.envelope import EnvelopeError, decrypt_envelope
from handover.crypto.keys import load_keys, previous_org_ages
from handover.server.schema import ops
from handover.server.testing import LiveServer
from handover.store.models import Youth
from handover.sync.client import SyncClient, SyncError
from handover.sync.errors import SyncUsageError
from handover.sync.models import Quarantined
from handover.sync.testing import Member
from tests.sync.conftest import Installation, make_installation, ready_dossier
from tests.sync.test_pairing import eager, pair, pinned_manifest


@pytest.fixture
def pcs(tmp_path: Path, live_server: LiveServer, school: Installation) -> Iterator[list[Installation]]:
    """The school's first PC plus two more, joined with codes."""
    extra = [
        make_installation(tmp_path, name, role="school", org="Praktijkschool De Brug", user=user)
        for name, user in (("pc2", "Jan de Vries"), ("pc3", "Els Bakker"))
    ]
    for inst in extra:
        pair(live_server, school, inst)
    yield [school, *extra]
    for inst in extra:
        inst.sync.close()
        inst.ctx.close()


def _receipts(live: LiveServer) -> list[bytes]:
    with live.store.engine.connect() as conn:
        return list(conn.execute(select(ops.c.envelope).where(ops.c.kind == "receipt").order_by(ops.c.id)).scalars())


def test_a_revoked_pc_is_refused_and_nothing_new_opens_with_its_keys(
    live_server: LiveServer, gemeente: Installation, pcs: list[Installation]
) -> None:
    pc1, pc2, pc3 = pcs
    # Before: a dossier goes out and Werk en Inkomen confirms it, sealed to the school's first key.
    ready_dossier(pc1)
    assert pc1.sync.sync().ok
    assert not eager(gemeente).sync_and_count().errors
    (before,) = _receipts(live_server)
    old = load_keys(pc2.secrets)
    assert old is not None
    decrypt_envelope(before, old.org_age)
    with pc2.ctx.session() as session:
        youths_on_pc2 = session.scalar(select(func.count()).select_from(Youth))

    target = next(d for d in pc1.sync.devices() if d.device_id == old.device_id)
    revoked = pc1.sync.revoke_device(target.short_id)  # the 8-character id, as typed
    assert revoked.state == "revoked" and revoked.user == "Jan de Vries"
    states = {d.device_id: d.state for d in pc1.sync.devices()}
    assert states[old.device_id] == "revoked" and list(states.values()).count("active") == 2

    # The revoked PC: refused at once (no push, no pull), told so, its data left as it was.
    report = pc2.sync.sync()
    assert any("Deze pc is ingetrokken" in e for e in report.errors)
    assert pc2.sync.is_revoked()
    with pytest.raises(SyncUsageError, match="ingetrokken"):
        pc2.sync.devices()
    client = SyncClient(live_server.url, max_attempts=1)
    client.set_credentials(old.device_id, old.device)
    member = Member(str(pc2.sync.state_value("org_id")), "school", old, client)
    with pytest.raises(SyncError) as pull:
        client.inbox(0)
    assert pull.value.kind == "revoked"
    with pytest.raises(SyncError) as push:
        client.push([member.seal(member, kind="replica")])
    assert push.value.kind == "revoked"
    with pc2.ctx.session() as session:
        assert session.scalar(select(func.count()).select_from(Youth)) == youths_on_pc2
    kept = load_keys(pc2.secrets)  # nothing deleted on the revoked PC, not even its keys
    assert kept is not None and (kept.device_id, kept.org_age.recipient) == (old.device_id, old.org_age.recipient)

    # The school's key was rotated: a new key list signed by the root key, with the new key only.
    new = load_keys(pc1.secrets)
    assert new is not None and new.org_age.recipient != old.org_age.recipient
    assert [i.recipient for i in previous_org_ages(pc1.secrets)] == [old.org_age.recipient]
    # The third PC takes the new key at its next sync (sealed to its own key, signed by pc1).
    assert not pc3.sync.sync().errors
    third = load_keys(pc3.secrets)
    assert third is not None and third.org_age.recipient == new.org_age.recipient

    # Werk en Inkomen picks up the new key list and seals what it sends to the new key only.
    manifest = pinned_manifest(gemeente, str(pc1.sync.state_value("org_id")), sync_first=True)
    assert manifest.age_recipients == (new.org_age.recipient,) and manifest.device_key(old.device_id) is None
    ready_dossier(pc1, first_names="Sanne", called_name="Sanne", bsn="111222333")
    sent = pc1.sync.sync()
    with pc1.ctx.session() as session:
        assert sent.ok, [(q.kind, q.reason, q.message) for q in session.scalars(select(Quarantined))]
    assert not eager(gemeente).sync_and_count().errors
    # What the school's PCs send each other after the rotation (replication) is sealed to the new key too.
    with live_server.store.engine.connect() as conn:
        replica = (
            conn.execute(
                select(ops.c.envelope)
                .where(ops.c.kind == "replica", ops.c.sender_device == new.device_id)
                .order_by(ops.c.id.desc())
            )
            .scalars()
            .first()
        )
    assert replica is not None
    with pytest.raises(EnvelopeError):
        decrypt_envelope(replica, old.org_age)
    decrypt_envelope(replica, third.org_age)
    after = _receipts(live_server)[-1]
    with pytest.raises(EnvelopeError) as refused:
        decrypt_envelope(after, old.org_age)  # the revoked PC's age identity
    assert refused.value.code == "undecryptable"
    decrypt_envelope(after, new.org_age)
    decrypt_envelope(after, third.org_age)

    # The remaining PCs still open the older message (the earlier key is kept for that).
    assert pc1.sync.sync().ok
    pc3.sync.sync()
    with pc3.ctx.session() as session:
        reasons = set(session.scalars(select(Quarantined.reason)))
    assert "undecryptable" not in reasons


def test_a_pc_cannot_revoke_itself_and_an_unknown_id_is_named(pcs: list[Installation]) -> None:
    pc1 = pcs[0]
    me = next(d for d in pc1.sync.devices() if d.is_this_pc)
    with pytest.raises(SyncUsageError, match="zichzelf"):
        pc1.sync.revoke_device(me.short_id)
    with pytest.raises(SyncUsageError, match="geen pc met id"):
        pc1.sync.revoke_device("zzzzzzzz")


def test_a_pc_away_during_two_revokes_gets_both_keys(
    tmp_path: Path, live_server: LiveServer, pcs: list[Installation]
) -> None:
    pc1, pc2, pc3 = pcs
    first = load_keys(pc1.secrets)
    lost = load_keys(pc2.secrets)
    assert first is not None and lost is not None
    pc1.sync.revoke_device(lost.device_id)
    between = load_keys(pc1.secrets)
    assert between is not None
    pc4 = make_installation(tmp_path, "pc4", role="school", org="Praktijkschool De Brug", user="Piet")
    try:
        pair(live_server, pc1, pc4)
        gone = load_keys(pc4.secrets)
        assert gone is not None and gone.org_age.recipient == between.org_age.recipient
        pc1.sync.revoke_device(gone.device_id)
    finally:
        pc4.sync.close()
        pc4.ctx.close()
    latest = load_keys(pc1.secrets)
    assert latest is not None
    assert not pc3.sync.sync().errors  # pc3 was away for both
    held = load_keys(pc3.secrets)
    assert held is not None and held.org_age.recipient == latest.org_age.recipient
    earlier = {i.recipient for i in previous_org_ages(pc3.secrets)}
    assert {first.org_age.recipient, between.org_age.recipient} <= earlier
