"""Server store on SQLite and (when HANDOVER_TEST_PG_URL is set) PostgreSQL."""

from __future__ import annotations

import threading
import uuid

import pytest
from sqlalchemy import select

from handover import wire
from handover.crypto import load_or_create_keys
from handover.secrets import MemorySecretStore
from handover.server.schema import Caller, StoreError, enrollment_codes, sha256_hex, tokens
from handover.server.store import ServerStore
from handover.sync.enrollment import enroll_request


def _enroll(store: ServerStore, name: str, kind: str) -> Caller:
    org_id, code = store.add_org(name, kind)
    keys = load_or_create_keys(MemorySecretStore())
    store.enroll(enroll_request(keys, org_id, code))
    return Caller(org_id, keys.device_id, kind)


def _op(
    to: str,
    *,
    record: str = "r1",
    revision: int = 1,
    base: int = 0,
    op_id: str | None = None,
    data: bytes = b"ciphertext",
) -> wire.OpItem:
    return wire.OpItem(
        op_id=op_id or str(uuid.uuid4()),
        record_id=record,
        revision=revision,
        base_revision=base,
        kind="dossier",
        recipient_org=to,
        envelope=wire.b64encode(data),
    )


def test_init_is_idempotent_and_epoch_changes_only_on_request(store: ServerStore) -> None:
    epoch = store.epoch()
    assert store.init() == epoch
    assert store.new_epoch() != epoch


def test_same_op_twice_stores_once(store: ServerStore) -> None:
    g, a = _enroll(store, "G", "gemeente"), _enroll(store, "A", "school")
    op = _op(g.org_id)
    first = store.push(a, [op])[0]
    again = store.push(a, [op])[0]
    assert (first.status, again.status) == ("stored", "duplicate")
    assert first.seq == again.seq == 1
    assert store.count_ops() == 1
    reused = store.push(a, [op.model_copy(update={"envelope": wire.b64encode(b"other bytes")})])[0]
    assert (reused.status, reused.reason) == ("conflict", "op_id_reused")
    assert store.raw_envelope(a.org_id, op.op_id) == b"ciphertext"


def test_stale_base_revision_conflicts_and_nothing_is_overwritten(store: ServerStore) -> None:
    g, a = _enroll(store, "G", "gemeente"), _enroll(store, "A", "school")
    assert store.push(a, [_op(g.org_id, revision=1, base=0, data=b"v1")])[0].status == "stored"
    assert store.push(a, [_op(g.org_id, revision=2, base=1, data=b"v2")])[0].status == "stored"
    stale = store.push(a, [_op(g.org_id, revision=3, base=1, data=b"v3-from-old-base")])[0]
    assert (stale.status, stale.reason, stale.server_revision) == ("conflict", "stale_base", 2)
    same_rev = store.push(a, [_op(g.org_id, revision=2, base=1, data=b"v2-again")])[0]
    assert (same_rev.status, same_rev.reason) == ("conflict", "revision_exists")
    page = store.inbox(g, 0, 10)
    assert [wire.b64decode(m.envelope) for m in page.messages] == [b"v1", b"v2"]


def test_inbox_is_per_recipient_and_gapless(store: ServerStore) -> None:
    g1, g2 = _enroll(store, "G1", "gemeente"), _enroll(store, "G2", "gemeente")
    a = _enroll(store, "A", "school")
    batch = [_op(g1.org_id if i % 2 else g2.org_id, record=f"r{i}") for i in range(10)]
    results = store.push(a, batch)
    assert all(r.status == "stored" for r in results)
    for g in (g1, g2):
        page = store.inbox(g, 0, 100)
        assert [m.seq for m in page.messages] == [1, 2, 3, 4, 5]
        assert page.head == 5 and not page.has_more
        assert all(m.recipient_org == g.org_id for m in page.messages)
    assert [m.seq for m in store.inbox(g1, 2, 2).messages] == [3, 4]
    assert store.inbox(g1, 2, 2).has_more
    assert store.inbox(a, 0, 100).messages == []


def test_concurrent_pushes_never_skip_a_sequence_number(store: ServerStore) -> None:
    g = _enroll(store, "G", "gemeente")
    schools = [_enroll(store, f"S{i}", "school") for i in range(4)]
    errors: list[BaseException] = []

    def push(s: Caller) -> None:
        try:
            for i in range(5):
                store.push(s, [_op(g.org_id, record=f"{s.org_id}-{i}-{j}") for j in range(5)])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=push, args=(s,)) for s in schools]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    seqs = [m.seq for m in store.inbox(g, 0, 500).messages]
    assert seqs == list(range(1, 101))


def test_schools_cannot_send_to_schools_and_unknown_recipients_are_refused(store: ServerStore) -> None:
    a, b = _enroll(store, "A", "school"), _enroll(store, "B", "school")
    results = store.push(a, [_op(b.org_id), _op(str(uuid.uuid4()))])
    assert [(r.status, r.reason) for r in results] == [("rejected", "not_allowed"), ("rejected", "unknown_recipient")]
    assert store.count_ops() == 0


def test_enrollment_code_is_single_use_and_stored_hashed(store: ServerStore) -> None:
    org_id, code = store.add_org("A", "school")
    with store.engine.connect() as conn:
        stored = conn.execute(select(enrollment_codes.c.code_hash)).scalars().all()
    assert code not in stored and sha256_hex(code.replace("-", "")) in stored
    keys = load_or_create_keys(MemorySecretStore())
    store.enroll(enroll_request(keys, org_id, code))
    with pytest.raises(StoreError) as err:
        store.enroll(enroll_request(load_or_create_keys(MemorySecretStore()), org_id, code))
    assert err.value.status == 403
    with pytest.raises(StoreError):
        store.check_code(code)


def test_tokens_are_stored_as_hashes_and_revocation_ends_them(store: ServerStore) -> None:
    org_id, code = store.add_org("A", "school")
    keys = load_or_create_keys(MemorySecretStore())
    store.enroll(enroll_request(keys, org_id, code))
    nonce = store.new_nonce(keys.device_id)
    signature = keys.device.sign(wire.auth_signed_bytes(keys.device_id, nonce))
    token, _ = store.issue_token(keys.device_id, nonce, signature)
    with store.engine.connect() as conn:
        hashes = conn.execute(select(tokens.c.token_hash)).scalars().all()
    assert token not in hashes and sha256_hex(token) in hashes
    assert store.authenticate(token) is not None
    with pytest.raises(StoreError):  # a nonce works once
        store.issue_token(keys.device_id, nonce, keys.device.sign(wire.auth_signed_bytes(keys.device_id, nonce)))
    assert store.revoke_org(org_id)
    assert store.authenticate(token) is None


def test_known_reports_only_own_ops(store: ServerStore) -> None:
    g, a, b = _enroll(store, "G", "gemeente"), _enroll(store, "A", "school"), _enroll(store, "B", "school")
    op = _op(g.org_id)
    store.push(a, [op])
    assert store.known(a, [op.op_id, "missing"]) == {op.op_id: 1}
    assert store.known(b, [op.op_id]) == {}


def test_batch_with_chained_revisions_and_a_repeated_op(store: ServerStore) -> None:
    g, a = _enroll(store, "G", "gemeente"), _enroll(store, "A", "school")
    r1 = _op(g.org_id, record="rx", revision=1, base=0)
    r2 = _op(g.org_id, record="rx", revision=2, base=1)
    results = store.push(a, [r1, r2, r1])
    assert [(r.status, r.seq) for r in results] == [("stored", 1), ("stored", 2), ("duplicate", 1)]
    assert store.count_ops() == 2
