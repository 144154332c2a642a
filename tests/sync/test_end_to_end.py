"""School → server → municipality and back, over a real server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from concurrent.futures import Executor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace

import pytest
from sqlalchemy import select

from handover.crypto import AgeIdentity, fingerprint
from handover.crypto.envelope import decrypt_envelope, sign_envelope
from handover.server.testing import LiveServer
from handover.services.consent import ConsentService
from handover.services.dossiers import DossierService
from handover.store.workspace import parse_recovery_code
from handover.sync.client import SyncClient
from handover.sync.encryptor import Encryptor, spawn_pool
from handover.sync.models import OutboxOp, SentRecord
from handover.sync.outbox import OutboxRow
from handover.sync.sending import Sending
from handover.sync.service import EnrollAborted, SyncService
from handover.sync.state import load_state, save_state
from handover.sync.tuning import SyncTuning

from .conftest import Installation, make_installation, ready_dossier


def _outbox(inst: Installation) -> list[OutboxOp]:
    with inst.ctx.session() as session:
        return list(session.scalars(select(OutboxOp).order_by(OutboxOp.id)))


def test_school_enrollment_pins_the_fingerprint_the_user_confirmed(
    tmp_path, live_server: LiveServer, gemeente: Installation
) -> None:
    school = make_installation(tmp_path, "s2", role="school", org="School Twee", user="Piet")
    _, code = live_server.add_org("School Twee", "school")
    shown: list[str] = []
    declined = SyncService(school.ctx)
    with pytest.raises(EnrollAborted, match="afgebroken"):
        declined.enroll(live_server.url, code, confirm=lambda peer: shown.append(peer.fingerprint) or False)
    assert not school.sync.is_enrolled()
    expected = gemeente.sync.keys.root_fingerprint
    assert shown == [expected]
    # Declining registered nothing: the same code still works.
    outcome = school.sync.enroll(live_server.url, code, confirm=lambda peer: True)
    assert outcome.peer is not None and outcome.peer.fingerprint == expected
    assert fingerprint(outcome.peer.root_public_key) == expected
    school.ctx.close()


def test_dossier_travels_to_the_municipality_and_the_receipt_comes_back(
    school: Installation, gemeente: Installation, live_server: LiveServer
) -> None:
    youth_id = ready_dossier(school)
    no_consent = ready_dossier(school, consent=False, first_names="Zonder", last_name="Toestemming", bsn="999999011")
    concept = DossierService(school.ctx).create_youth(
        {"first_names": "Nog", "last_name": "Concept", "birth_date": dt.date(2008, 5, 1)}
    )
    # The outbox row was written by the change itself (hook), with its envelope sealed already.
    queued = _outbox(school)
    assert [op.youth_id for op in queued] == [youth_id]
    envelope_at_enqueue = queued[0].envelope

    report = school.sync.sync()
    assert report.ok, report.problems()
    assert report.stored == 1
    sent = _outbox(school)
    assert [op.status for op in sent] == ["acked"] and sent[0].envelope == envelope_at_enqueue
    assert DossierService(school.ctx).get(youth_id).status == "verstuurd"
    # The server holds ciphertext only.
    raw = live_server.store.raw_envelope(school.sync.state_value("org_id"), sent[0].op_id)
    assert raw == envelope_at_enqueue and "Özdemir".encode() not in raw and b"999999990" not in raw
    # The school's own copy is readable with the printed recovery code alone (PC and keychain lost).
    recovery = AgeIdentity(parse_recovery_code(school.recovery_code))
    _, header, body = decrypt_envelope(raw, recovery)
    assert header.record_id == youth_id and "Özdemir" in body.decode()

    assert gemeente.sync.sync().ok
    received = gemeente.sync.received()
    assert len(received) == 1
    dossier = received[0].body["dossier"]
    assert (received[0].record_id, dossier["last_name"], dossier["bsn"]) == (youth_id, "Özdemir", "999999990")
    assert "checkins" not in dossier and "health_notes" not in dossier
    assert received[0].signer_device == school.sync.keys.device_id

    assert gemeente.sync.acknowledge_received() == 1
    assert gemeente.sync.acknowledge_received() == 0  # idempotent
    assert gemeente.sync.sync().ok

    assert school.sync.sync().ok
    youth = DossierService(school.ctx).get(youth_id)
    assert youth.status == "ontvangen"
    (receipt,) = school.sync.replies(youth_id)
    assert receipt.kind == "receipt" and receipt.signer_name == "Kees Klantmanager"
    assert receipt.signer_device == gemeente.sync.keys.device_id and receipt.at.startswith("20")
    # Never sent: no consent, or still a concept.
    for other in (no_consent, concept):
        assert DossierService(school.ctx).get(other).status in ("klaar", "concept")
        assert all(op.youth_id != other for op in _outbox(school))
    assert live_server.store.count_ops() == 2  # one dossier, one receipt

    # Later status messages travel the same way.
    gemeente.sync.send_status(received[0].sender_org, youth_id, "intake_gepland", "15 december, 10:00")
    assert gemeente.sync.sync().ok
    assert school.sync.sync().ok
    kinds = [(r.kind, r.status, r.detail) for r in school.sync.replies(youth_id)]
    assert kinds[-1] == ("status", "intake_gepland", "15 december, 10:00")
    assert DossierService(school.ctx).get(youth_id).status == "ontvangen"


def test_changes_are_sent_as_new_revisions_and_withdrawal_erases_at_the_municipality(
    school: Installation, gemeente: Installation
) -> None:
    youth_id = ready_dossier(school)
    assert school.sync.sync().ok
    DossierService(school.ctx).update_fields(youth_id, {"city": "Nieuwegein"})
    assert school.sync.sync().ok
    assert gemeente.sync.sync().ok
    (row,) = gemeente.sync.received()
    assert row.revision == 2 and row.body["dossier"]["city"] == "Nieuwegein"

    consent_id = DossierService(school.ctx).get(youth_id).consents[0].id
    ConsentService(school.ctx).withdraw(youth_id, consent_id)
    assert [op.kind for op in _outbox(school)][-1] == "withdrawal"
    DossierService(school.ctx).update_fields(youth_id, {"city": "Houten"})  # no consent: not sent
    assert [op.kind for op in _outbox(school)][-1] == "withdrawal"
    assert school.sync.sync().ok
    assert gemeente.sync.sync().ok
    (row,) = gemeente.sync.received()
    assert row.body is None and row.withdrawn_at is not None


def test_status_set_by_sync_does_not_resend(school: Installation, gemeente: Installation) -> None:
    youth_id = ready_dossier(school)
    assert school.sync.sync().ok
    assert gemeente.sync.sync().ok and gemeente.sync.acknowledge_received() == 1 and gemeente.sync.sync().ok
    assert school.sync.sync().ok
    assert school.sync.sync().ok
    assert len(_outbox(school)) == 1
    with school.ctx.session() as session:
        rec = session.get(SentRecord, (youth_id, gemeente.sync.state_value("org_id")))
        assert rec is not None and rec.last_revision == 1


def test_sync_reports_offline_in_dutch(school: Installation, live_server: LiveServer) -> None:
    ready_dossier(school)
    with school.ctx.session() as session:
        state = load_state(session)
        assert state.enrollment is not None
        save_state(session, replace(state, enrollment=replace(state.enrollment, server_url="http://127.0.0.1:9")))
    offline = SyncService(school.ctx, client_factory=lambda url: SyncClient(url, max_attempts=1))
    report = offline.sync()
    offline.close()
    assert not report.ok and report.offline and report.pending == 1
    assert "verbinding" in report.problems()[0]
    assert school.sync.overview().label == "Wacht op verbinding"


class CountingPool(Executor):
    """The real 'spawn' worker, counting the plaintexts of each group handed to it."""

    def __init__(self, submitted: list[int]) -> None:
        inner = spawn_pool()
        assert inner is not None
        self.inner = inner
        self.submitted = submitted

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.submitted.append(len(args[0]))
        return self.inner.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.inner.shutdown(wait=wait, cancel_futures=cancel_futures)


class DeadPool(Executor):
    """A worker that died before it could take anything."""

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise BrokenProcessPool("worker died")


@pytest.mark.parametrize("worker", ["process", "broken"])
def test_large_scan_encrypts_on_a_worker_process_and_everything_opens(
    worker: str, school: Installation, gemeente: Installation, live_server: LiveServer
) -> None:
    """The first sync of many dossiers encrypts on a 'spawn' worker; a worker that dies falls back inline."""
    school.sync.remove_hooks()  # made before enrolment: the scan sends them
    ids = [ready_dossier(school, send=False, first_names=f"Kind{i}", bsn=None) for i in range(5)]
    Sending(school.ctx).send(ids)  # chosen, not yet planned: the next sync's scan seals them
    submitted: list[int] = []
    pool: Callable[[], Executor] = (lambda: CountingPool(submitted)) if worker == "process" else DeadPool
    tuned = SyncService(school.ctx, tuning=SyncTuning(worker_min_dossiers=1, encrypt_group=2, encrypt_pool=pool))
    report = tuned.sync()
    tuned.close()
    assert report.ok and report.stored == 5
    if worker == "process":
        assert submitted == [2, 2, 1]  # groups of encrypt_group went to the worker
    assert gemeente.sync.sync().ok
    assert {r.record_id for r in gemeente.sync.received()} == set(ids)
    assert gemeente.sync.quarantine() == []
    # Our own copy opens with the school's recovery key, as with inline encryption.
    identity = AgeIdentity(parse_recovery_code(school.recovery_code))
    for op in _outbox(school):
        _, header, _ = decrypt_envelope(op.envelope, identity)
        assert header.op_id == op.op_id


def test_the_encryption_worker_answers_are_used_once_it_runs(school: Installation) -> None:
    keys = school.sync.keys
    rows = [
        OutboxRow(
            op_id=f"op{i}",
            kind="dossier",
            record_id=f"r{i}",
            revision=1,
            base_revision=0,
            recipient_org="gemeente",
            youth_id=None,
            signed=sign_envelope(
                kind="dossier",
                sender_org="school",
                sender_device=keys.device_id,
                device_key=keys.device,
                recipient_org="gemeente",
                recipient_age_keys=[keys.org_age.recipient],
                own_age_key=keys.org_age.recipient,
                record_id=f"r{i}",
                revision=1,
                base_revision=0,
                op_id=f"op{i}",
                body=b'{"x":1}',
            ),
        )
        for i in range(3)
    ]
    with Encryptor(spawn_pool()) as encryptor:
        encryptor.submit(rows[:2])
        encryptor.submit(rows[2:])
        encryptor.finish(wait_for_worker=True)
        assert encryptor.worker_used  # the envelopes below came from the worker process
    for i, row in enumerate(rows):
        assert row.envelope is not None
        _, header, body = decrypt_envelope(row.envelope, keys.org_age)
        assert header.op_id == f"op{i}" and body == b'{"x":1}'


def test_the_scan_seals_the_same_body_as_the_change_hook(school: Installation) -> None:
    """The hook reads the saved ORM row, the scan a frozen view loaded in bulk: the message is the same."""
    youth_id = ready_dossier(school)
    DossierService(school.ctx).update_fields(youth_id, {"notes": "Ĳverig; wil graag in de zorg werken."})
    identity = AgeIdentity(parse_recovery_code(school.recovery_code))

    def last_body() -> bytes:
        _, _, body = decrypt_envelope(_outbox(school)[-1].envelope, identity)
        return body

    from_hook = last_body()
    with school.ctx.session() as session:  # forget that it was planned: the scan plans it again
        for op in session.scalars(select(OutboxOp)):
            session.delete(op)
        for rec in session.scalars(select(SentRecord)):
            session.delete(rec)
    assert school.sync.enqueue_pending() == 1
    assert last_body() == from_hook
    assert b'"checkins":' not in from_hook and "Ĳverig".encode() in from_hook
