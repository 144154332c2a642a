"""Bad messages are quarantined and never overwrite good data; lost answers and crashes converge."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any

import httpx
import pyrage
import pytest
from sqlalchemy import delete, select, update

from handover.crypto import AgeIdentity
from handover.crypto.envelope import MAGIC, decrypt_envelope, padded_size
from handover.server.schema import inbox_heads, ops
from handover.server.testing import LiveServer, inject_message, replace_envelope
from handover.services.dossiers import DossierService
from handover.store.workspace import parse_recovery_code
from handover.sync.appliers import MessageAppliers
from handover.sync.client import SyncClient
from handover.sync.models import InboxApplied, OutboxOp, Quarantined, SentRecord
from handover.sync.service import SyncService
from handover.sync.state import load_state, save_state
from handover.sync.tuning import SyncTuning

from .conftest import Installation, ready_dossier


def _org(inst: Installation) -> str:
    return str(inst.sync.state_value("org_id"))


def _sent(school: Installation) -> list[OutboxOp]:
    with school.ctx.session() as session:
        return list(session.scalars(select(OutboxOp).order_by(OutboxOp.id)))


def _inject_copy(
    live: LiveServer, school: Installation, gemeente: Installation, op: OutboxOp, envelope: bytes, **meta: object
) -> None:
    values: dict[str, object] = dict(
        sender_org=_org(school),
        sender_device=school.sync.keys.device_id,
        op_id=op.op_id,
        record_id=op.record_id,
        revision=op.revision,
        base_revision=op.base_revision,
        kind=op.kind,
        recipient_org=_org(gemeente),
        envelope=envelope,
    )
    values.update(meta)
    inject_message(live.store, **values)


def _quarantine_reasons(inst: Installation) -> list[str]:
    return [q.reason for q in inst.sync.quarantine()]


def test_flipped_bit_in_stored_envelope_is_quarantined(
    school: Installation, gemeente: Installation, live_server: LiveServer
) -> None:
    youth_id = ready_dossier(school)
    assert school.sync.sync().ok
    assert gemeente.sync.sync().ok
    DossierService(school.ctx).update_fields(youth_id, {"city": "Zeist"})
    assert school.sync.sync().ok
    rev2 = _sent(school)[-1]
    data = bytearray(live_server.store.raw_envelope(_org(school), rev2.op_id) or b"")
    data[len(data) // 2] ^= 0x04
    replace_envelope(live_server.store, _org(school), rev2.op_id, bytes(data))

    report = gemeente.sync.sync()
    assert not report.ok and report.quarantined == 1
    assert _quarantine_reasons(gemeente) == ["undecryptable"]
    (row,) = gemeente.sync.received()
    assert row.revision == 1 and row.body["dossier"]["city"] == "Utrecht"  # the good version stays
    assert gemeente.sync.sync().ok  # the cursor moved on: quarantined once, not every time


def test_swapped_header_wrong_recipient_and_unsigned_are_quarantined(
    school: Installation, gemeente: Installation, live_server: LiveServer
) -> None:
    ready_dossier(school)
    other = ready_dossier(school, first_names="Ander", bsn="999999011")
    assert school.sync.sync().ok
    first, second = _sent(school)
    assert gemeente.sync.sync().ok
    g_org, s_org = _org(gemeente), _org(school)
    env_first = live_server.store.raw_envelope(s_org, first.op_id) or b""

    # 1. Swapped header: the envelope of one dossier under the server metadata of the other.
    _inject_copy(live_server, school, gemeente, second, env_first, op_id=str(uuid.uuid4()), revision=2, base_revision=1)
    # 2. Addressed to another municipality (encrypted to other keys).
    from handover.crypto import load_or_create_keys
    from handover.secrets import MemorySecretStore

    stranger = load_or_create_keys(MemorySecretStore())
    own_copy = AgeIdentity(parse_recovery_code(school.recovery_code))  # the school's copy of what it sent
    plain = pyrage.decrypt(env_first, [own_copy.pyrage_identity])
    to_stranger = pyrage.encrypt(plain, [pyrage.x25519.Recipient.from_str(stranger.org_age.recipient)])
    _inject_copy(
        live_server, school, gemeente, first, to_stranger, op_id=str(uuid.uuid4()), revision=3, base_revision=2
    )
    # 3. Unsigned: a well-formed plaintext without a signature, encrypted to the municipality.
    _, header, body = decrypt_envelope(env_first, own_copy)
    unsigned = b"\n".join([MAGIC, b"", header.to_bytes(), body]) + b"\n"
    unsigned += b"\n" * (padded_size(len(unsigned)) - len(unsigned))
    enc = pyrage.encrypt(unsigned, [pyrage.x25519.Recipient.from_str(gemeente.sync.keys.org_age.recipient)])
    _inject_copy(live_server, school, gemeente, first, enc, op_id=str(uuid.uuid4()), revision=4, base_revision=3)
    # 4. Signed with a key that is not the school's device key.
    from handover.crypto import SigningKey, seal_envelope

    forged = seal_envelope(
        kind="dossier",
        sender_org=s_org,
        sender_device=school.sync.keys.device_id,
        device_key=SigningKey.generate(),
        recipient_org=g_org,
        recipient_age_keys=[gemeente.sync.keys.org_age.recipient],
        own_age_key=school.sync.keys.org_age.recipient,
        record_id=other,
        revision=5,
        base_revision=4,
        op_id=str(uuid.uuid4()),
        body=b'{"type":"overstapdossier"}',
    )
    _inject_copy(
        live_server,
        school,
        gemeente,
        second,
        forged.data,
        op_id=forged.header.op_id,
        record_id=other,
        revision=5,
        base_revision=4,
    )

    report = gemeente.sync.sync()
    assert report.quarantined == 4 and not report.ok
    assert _quarantine_reasons(gemeente) == ["metadata_mismatch", "undecryptable", "bad_signature", "bad_signature"]
    rows = {r.record_id: r for r in gemeente.sync.received()}
    assert set(rows) == {first.record_id, second.record_id}
    assert all(r.revision == 1 for r in rows.values())  # nothing overwritten
    assert gemeente.sync.sync().ok


def test_rollback_to_an_older_revision_is_quarantined(
    school: Installation, gemeente: Installation, live_server: LiveServer
) -> None:
    youth_id = ready_dossier(school)
    assert school.sync.sync().ok
    DossierService(school.ctx).update_fields(youth_id, {"city": "Bunnik"})
    assert school.sync.sync().ok
    rev1, rev2 = _sent(school)
    # The server withholds revision 1 and delivers revision 2 first ...
    with gemeente.ctx.session() as session:
        save_state(session, replace(load_state(session), inbox_cursor=1))
    first = gemeente.sync.sync()
    assert first.applied == 1 and first.pending == 1  # applied, and the school is told a version is missing
    assert [gap.label for gap in gemeente.sync.version_gaps()] == ["versie ontbreekt (versie 1)"]
    # ... then slips the old revision in again at the end of the feed: a rollback.
    _move_to_end(live_server, school, gemeente, rev1)
    report = gemeente.sync.sync()
    assert report.quarantined == 1 and _quarantine_reasons(gemeente) == ["replay"]
    (row,) = gemeente.sync.received()
    assert row.revision == 2 and row.body["dossier"]["city"] == "Bunnik"
    # Re-delivery of an already applied message is harmless and silent (e.g. after a server restore).
    _move_to_end(live_server, school, gemeente, rev2)
    assert gemeente.sync.sync().ok and len(gemeente.sync.quarantine()) == 1


def _move_to_end(live: LiveServer, school: Installation, gemeente: Installation, op: OutboxOp) -> None:
    """What a malicious server can do: deliver a stored message again under a new sequence number."""
    envelope = live.store.raw_envelope(_org(school), op.op_id) or b""
    with live.store.engine.begin() as conn:
        conn.execute(delete(ops).where(ops.c.op_id == op.op_id))
    _inject_copy(live, school, gemeente, op, envelope)


class LoseAnswers(httpx.BaseTransport):
    """Forwards to the real server, then drops the answer to the first N pushes (server did store)."""

    def __init__(self, lose: int) -> None:
        self.inner = httpx.HTTPTransport()
        self.lose = lose

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if request.url.path == "/v1/ops" and self.lose > 0:
            self.lose -= 1
            response.read()
            raise httpx.ReadError("connection reset after the server stored the batch", request=request)
        return response


def test_lost_answer_after_server_stored_duplicates_nothing(
    school: Installation, gemeente: Installation, live_server: LiveServer
) -> None:
    ids = [ready_dossier(school, first_names=f"Jongere{i}", bsn=None) for i in range(3)]
    transport = LoseAnswers(lose=1)
    flaky = SyncService(school.ctx, client_factory=lambda url: SyncClient(url, transport=transport, max_attempts=1))
    report = flaky.sync()
    flaky.close()
    assert not report.ok and report.pending == 3  # answer lost: nothing marked sent
    assert live_server.store.count_ops() == 3  # ... although the server has it
    assert {DossierService(school.ctx).get(i).status for i in ids} == {"klaar"}

    assert school.sync.sync().ok  # the same bytes again: the server says duplicate
    assert live_server.store.count_ops() == 3
    assert {op.status for op in _sent(school)} == {"acked"}
    assert {DossierService(school.ctx).get(i).status for i in ids} == {"verstuurd"}
    assert gemeente.sync.sync().ok and len(gemeente.sync.received()) == 3


def test_retry_inside_one_sync_recovers_from_a_lost_answer(school: Installation, live_server: LiveServer) -> None:
    ready_dossier(school)
    transport = LoseAnswers(lose=2)
    flaky = SyncService(
        school.ctx,
        client_factory=lambda url: SyncClient(url, transport=transport, max_attempts=4, backoff_base=0.001),
    )
    report = flaky.sync()
    flaky.close()
    assert report.ok and report.duplicates == 1 and live_server.store.count_ops() == 1


class PowerCutAfterPush(httpx.BaseTransport):
    """The server stores the pushed batch, then the power goes out before its answer is recorded."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if request.url.path == "/v1/ops":
            response.read()
            raise SystemExit("power cut")
        return response


class PowerCutWhileApplying(MessageAppliers):
    def apply_dossier(self, *args: Any, **kwargs: Any) -> None:
        raise SystemExit("power cut")


@pytest.mark.parametrize("crash_point", ["after_push_before_commit", "while_applying_inbox"])
def test_killed_process_converges(
    crash_point: str, school: Installation, gemeente: Installation, live_server: LiveServer
) -> None:
    ids = [ready_dossier(school, first_names=f"Kind{i}", bsn=None) for i in range(2)]
    if crash_point == "after_push_before_commit":
        crashing = SyncService(school.ctx, client_factory=lambda url: SyncClient(url, transport=PowerCutAfterPush()))
        with pytest.raises(SystemExit):
            crashing.sync()
        assert live_server.store.count_ops() == 2  # the server has them ...
        assert {op.status for op in _sent(school)} == {"pending"}  # ... but their answer never arrived
        restarted = SyncService(school.ctx)
        assert restarted.sync().ok
        restarted.close()
        assert live_server.store.count_ops() == 2
        assert {DossierService(school.ctx).get(i).status for i in ids} == {"verstuurd"}
    else:
        assert school.sync.sync().ok
        crashing = SyncService(gemeente.ctx, appliers=PowerCutWhileApplying(gemeente.ctx))
        with pytest.raises(SystemExit):
            crashing.sync()
        with gemeente.ctx.session() as session:  # the page's transaction rolled back as a whole
            assert session.scalars(select(InboxApplied)).all() == []
            assert load_state(session).inbox_cursor == 0
        restarted = SyncService(gemeente.ctx)
        assert restarted.sync().ok
        restarted.close()
        assert len(gemeente.sync.received()) == 2


def test_server_restored_from_backup_gets_the_lost_messages_again(
    school: Installation, gemeente: Installation, live_server: LiveServer
) -> None:
    first = ready_dossier(school, first_names="Eerste", bsn=None)
    assert school.sync.sync().ok
    assert gemeente.sync.sync().ok
    second = ready_dossier(school, first_names="Tweede", bsn=None)
    assert school.sync.sync().ok
    # Restore yesterday's backup: the server loses the second message, and the admin runs new-epoch.
    with live_server.store.engine.begin() as conn:
        conn.execute(delete(ops).where(ops.c.record_id == second))
        conn.execute(update(inbox_heads).where(inbox_heads.c.org_id == _org(gemeente)).values(head=1))
    live_server.store.new_epoch()
    assert live_server.store.count_ops() == 1

    report = school.sync.sync()
    assert report.ok and report.epoch_changed and report.resent_after_epoch_change == 1
    assert live_server.store.count_ops() == 2
    g_report = gemeente.sync.sync()
    assert g_report.ok and g_report.epoch_changed
    assert {r.record_id for r in gemeente.sync.received()} == {first, second}
    assert gemeente.sync.quarantine() == []


def test_stale_base_after_a_local_restore_is_rebased_and_converges(
    school: Installation, gemeente: Installation, live_server: LiveServer
) -> None:
    youth_id = ready_dossier(school)
    assert school.sync.sync().ok
    # This PC was restored from an old backup: it no longer knows revision 1 was sent.
    with school.ctx.session() as session:
        session.execute(delete(OutboxOp))
        rec = session.get(SentRecord, (youth_id, _org(gemeente)))
        assert rec is not None
        rec.last_revision, rec.last_kind, rec.covered_revision = 0, None, 0
    DossierService(school.ctx).update_fields(youth_id, {"city": "IJsselstein"})
    report = school.sync.sync()
    assert report.ok and report.rebased == 1
    assert [(op.status, op.revision) for op in _sent(school)] == [("conflict", 1), ("acked", 2)]
    assert gemeente.sync.sync().ok
    (row,) = gemeente.sync.received()
    assert row.revision == 2 and row.body["dossier"]["city"] == "IJsselstein"
    with gemeente.ctx.session() as session:
        assert session.scalars(select(Quarantined)).all() == []


def test_epoch_change_seen_in_a_push_answer_also_recovers(
    school: Installation, gemeente: Installation, live_server: LiveServer
) -> None:
    first = ready_dossier(school, first_names="Eerste", bsn=None)
    assert school.sync.sync().ok
    with live_server.store.engine.begin() as conn:  # restore a backup from before the first push
        conn.execute(delete(ops))
        conn.execute(update(inbox_heads).values(head=0))
    live_server.store.new_epoch()
    second = ready_dossier(school, first_names="Tweede", bsn=None)  # pending: the push sees the epoch
    report = school.sync.sync()
    assert report.ok and report.epoch_changed and report.resent_after_epoch_change == 1
    assert live_server.store.count_ops() == 2
    assert gemeente.sync.sync().ok
    assert {r.record_id for r in gemeente.sync.received()} == {first, second}


def test_a_broken_peer_key_never_blocks_saving_and_sends_nothing(school: Installation, live_server: LiveServer) -> None:
    from handover.sync.models import SyncPeer

    youth_id = ready_dossier(school)
    assert school.sync.sync().ok
    with school.ctx.session() as session:  # someone tampered with the pinned key list on this PC
        for peer in session.scalars(select(SyncPeer)):
            peer.manifest_signature = bytes(64)
    DossierService(school.ctx).update_fields(youth_id, {"city": "Houten"})  # the save itself works
    assert DossierService(school.ctx).get(youth_id).city == "Houten"
    assert len(_sent(school)) == 1
    report = school.sync.sync()
    assert not report.ok and "handtekening" in " ".join(report.problems())
    assert live_server.store.count_ops() == 1


def test_rollback_inside_one_inbox_page_is_caught(
    school: Installation, gemeente: Installation, live_server: LiveServer
) -> None:
    youth_id = ready_dossier(school)
    DossierService(school.ctx).update_fields(youth_id, {"city": "Zeist"})
    assert school.sync.sync().ok
    rev1, rev2 = _sent(school)
    _move_to_end(live_server, school, gemeente, rev1)  # the page now reads: revision 2, then revision 1
    report = gemeente.sync.sync()
    assert report.applied == 1 and report.quarantined == 1 and _quarantine_reasons(gemeente) == ["replay"]
    (row,) = gemeente.sync.received()
    assert row.revision == 2 and row.body["dossier"]["city"] == "Zeist"


def test_two_syncs_at_once_do_not_run_together(school: Installation, live_server: LiveServer) -> None:
    from handover.sync.service import exclusive_sync

    ready_dossier(school)
    with exclusive_sync(school.data_dir) as held:  # e.g. the app's timer is syncing right now
        assert held
        report = school.sync.sync()
        assert not report.ok and "al een synchronisatie" in report.problems()[0]
        assert live_server.store.count_ops() == 0
    assert school.sync.sync().ok and live_server.store.count_ops() == 1


class PowerCutWhileSealing(ThreadPoolExecutor):
    """Encrypts like the worker would, until the power goes out at the ``after``-th group."""

    def __init__(self, after: int) -> None:
        super().__init__(max_workers=1)
        self.after = after
        self.groups = 0

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.groups += 1
        if self.groups == self.after:
            raise SystemExit("power cut")
        return super().submit(fn, *args, **kwargs)


def test_crash_while_sealing_with_earlier_batches_on_the_wire_converges(
    school: Installation, gemeente: Installation, live_server: LiveServer
) -> None:
    """The first sync pushes committed chunks while it seals the next; a power cut mid-scan loses nothing."""
    school.sync.remove_hooks()  # dossiers made before enrolment: the scan finds them
    ids = [ready_dossier(school, first_names=f"Kind{i}", bsn=None) for i in range(7)]
    # Chunks of 3, one op per push (batches go out during the scan), one dossier per encryption
    # group: the 6th group is in the second chunk, after the first chunk was committed and pushed.
    tuning = SyncTuning(
        scan_chunk=3,
        batch_bytes=1,
        worker_min_dossiers=1,
        encrypt_group=1,
        encrypt_pool=lambda: PowerCutWhileSealing(after=6),
    )
    crashing = SyncService(school.ctx, tuning=tuning)
    with pytest.raises(SystemExit):
        crashing.sync()
    on_server = live_server.store.count_ops()
    assert 1 <= on_server < 7  # the pipeline was pushing before the crash ...
    local = {op.op_id: op.status for op in _sent(school)}
    assert len(local) == 3  # ... only rows whose chunk had committed

    restarted = SyncService(school.ctx)
    report = restarted.sync()
    restarted.close()
    assert report.ok and report.stored + report.duplicates == 7
    assert live_server.store.count_ops() == 7  # nothing twice on the server
    assert {op.status for op in _sent(school)} == {"acked"} and len(_sent(school)) == 7
    assert set(local) <= {op.op_id for op in _sent(school)}  # rows sealed before the crash went as they were
    assert {DossierService(school.ctx).get(i).status for i in ids} == {"verstuurd"}
    assert gemeente.sync.sync().ok and len(gemeente.sync.received()) == 7
    assert gemeente.sync.quarantine() == []


class RefusePushes(httpx.BaseTransport):
    """The connection drops for every push (login and directory still work)."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/ops":
            raise httpx.ConnectError("network gone", request=request)
        return self.inner.handle_request(request)


def test_a_push_failing_during_the_scan_still_seals_every_dossier(
    school: Installation, live_server: LiveServer
) -> None:
    school.sync.remove_hooks()
    ids = [ready_dossier(school, first_names=f"Kind{i}", bsn=None) for i in range(7)]
    tuning = SyncTuning(scan_chunk=3, batch_bytes=1)
    cut_off = SyncService(
        school.ctx, tuning=tuning, client_factory=lambda url: SyncClient(url, transport=RefusePushes(), max_attempts=1)
    )
    report = cut_off.sync()
    cut_off.close()
    assert not report.ok and report.offline and report.enqueued == 7 and report.pending == 7
    assert live_server.store.count_ops() == 0

    back_online = SyncService(school.ctx, tuning=tuning)
    report = back_online.sync()
    back_online.close()
    assert report.ok and report.stored == 7 and report.enqueued == 0
    assert {DossierService(school.ctx).get(i).status for i in ids} == {"verstuurd"}
