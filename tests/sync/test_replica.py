"""One caseload on two PCs of one school, against the real server on 127.0.0.1 (issue 13).

The second PC joins with a one-time code (D1's pairing); after that every local change travels as
a "replica" message, end-to-end encrypted to the school's own key, through the same outbox: an edit
on one PC is there on the other after its next sync; the same field changed on both becomes one
conflict on both; a message applied twice changes nothing; a tampered one is quarantined.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from handover.server.schema import ops
from handover.server.testing import LiveServer
from handover.services import merge
from handover.services.dossiers import DossierService
from handover.store import audit
from handover.store.merge import DeviceAuditHead
from handover.store.models import Youth
from handover.sync.models import InboxApplied, OutboxOp, Quarantined
from handover.sync.state import load_state, save_state
from tests.sync.conftest import Installation, make_installation, youth_values


def pair(live: LiveServer, school: Installation, second: Installation) -> None:
    """The new PC joins in a thread; the enrolled PC waits for it (as ``add-device`` does)."""
    code = school.sync.add_device()
    result: dict[str, object] = {}

    def join() -> None:
        try:
            result["outcome"] = second.sync.join(live.url, code.code, "Ahmed Bakker", yes=True, timeout=60)
        except Exception as exc:  # noqa: BLE001 - handed to the test thread
            result["error"] = exc

    thread = threading.Thread(target=join)
    thread.start()
    joined = school.sync.wait_for_device(code, timeout=60)
    thread.join(60)
    if "error" in result:
        raise result["error"]  # type: ignore[misc]
    assert joined is not None and joined.accepted


@pytest.fixture
def second(tmp_path: Path, live_server: LiveServer, school: Installation) -> Iterator[Installation]:
    inst = make_installation(tmp_path, "school-pc2", role="school", org="Praktijkschool De Brug", user="Ahmed Bakker")
    pair(live_server, school, inst)
    yield inst
    inst.sync.close()
    inst.ctx.close()


def sync(*pcs: Installation) -> None:
    for pc in pcs:
        report = pc.sync.sync()
        assert not report.errors, report.errors


def digest(inst: Installation) -> str:
    with inst.ctx.session() as session:
        return merge.canonical_export_hash(session)


def conflicts(inst: Installation) -> list[merge.FieldConflict]:
    with inst.ctx.session() as session:
        return merge.conflicts(session)


def test_an_edit_arrives_at_the_next_sync_and_a_concurrent_one_is_one_conflict_on_both(
    school: Installation, second: Installation
) -> None:
    first = DossierService(school.ctx)
    youth_id = first.create_youth(youth_values())
    first.add_item(youth_id, "contacts", {"role": "ouder", "name": "Els Bos", "is_fixed_contact": True})
    sync(school, second)
    other = DossierService(second.ctx)
    view = other.get(youth_id)
    assert (view.first_names, [c.name for c in view.contacts]) == ("Ĳsbrand Jan", ["Els Bos"])
    assert digest(school) == digest(second)

    # An edit on one PC is on the other after its next sync.
    other.update_fields(youth_id, {"city": "Zeist"})
    sync(second, school)
    assert first.get(youth_id).city == "Zeist"

    # The same field on both PCs at once: one conflict, shown the same on both.
    first.update_fields(youth_id, {"phone": "06 11111111"})
    other.update_fields(youth_id, {"phone": "06 22222222"})
    sync(school, second, school)
    found = conflicts(school)
    assert len(found) == 1 and found == conflicts(second)
    assert {a.value for a in found[0].alternatives} == {"06 11111111", "06 22222222"}
    assert {a.user for a in found[0].alternatives} == {"Marieke de Jong", "Ahmed Bakker"}
    assert first.get(youth_id).phone == other.get(youth_id).phone == found[0].alternatives[0].value
    assert digest(school) == digest(second)

    # The choice on one PC travels and ends the conflict on both.
    with second.ctx.session() as session:
        merge.resolve_conflict(session, found[0].key, 1, second.ctx.actor)
    sync(second, school)
    assert conflicts(school) == conflicts(second) == []
    assert first.get(youth_id).phone == other.get(youth_id).phone == found[0].alternatives[1].value
    assert digest(school) == digest(second)


def test_messages_go_once_apply_once_and_carry_the_audit_heads(
    live_server: LiveServer, school: Installation, second: Installation
) -> None:
    youth_id = DossierService(school.ctx).create_youth(youth_values())
    sync(school)
    sync(school)  # nothing new: nothing sent again
    with school.ctx.session() as session:
        sent = session.scalars(select(OutboxOp).where(OutboxOp.kind == "replica")).all()
    assert len(sent) == 1
    sync(second)
    before = digest(second)
    # Read the inbox again from the start (as after a lost cursor): applying again changes nothing.
    with second.ctx.session() as session:
        save_state(session, load_state(session).__class__(**{**vars(load_state(session)), "inbox_cursor": 0}))
    sync(second)
    assert digest(second) == before
    assert DossierService(second.ctx).get(youth_id).last_name == "Özdemir"
    with second.ctx.session() as session:
        heads = session.scalars(select(DeviceAuditHead)).all()
        assert heads and all(h.other_hash is None for h in heads)
        report = audit.verify(session)
        assert report.ok and report.devices == 1


def test_a_tampered_replica_message_is_quarantined_and_changes_nothing(
    live_server: LiveServer, school: Installation, second: Installation
) -> None:
    youth_id = DossierService(school.ctx).create_youth(youth_values())
    sync(school)
    with live_server.store.engine.begin() as conn:
        row = conn.execute(select(ops.c.op_id, ops.c.envelope).where(ops.c.kind == "replica")).first()
        assert row is not None
        data = bytearray(row.envelope)
        data[len(data) // 2] ^= 0x01
        conn.execute(update(ops).where(ops.c.op_id == row.op_id).values(envelope=bytes(data)))
    report = second.sync.sync()
    assert report.quarantined == 1
    with second.ctx.session() as session:
        assert session.scalars(select(Quarantined).where(Quarantined.kind == "replica")).all()
        assert not session.scalars(select(InboxApplied).where(InboxApplied.kind == "replica")).all()
    with pytest.raises(Exception):  # noqa: B017 - the dossier never arrived
        DossierService(second.ctx).get(youth_id)


def test_a_school_with_one_pc_sends_no_replica_messages(school: Installation) -> None:
    """Until a second PC joins there is no one to send to: nothing is stamped or sent (the first PC
    sends its whole state once the key list names another PC)."""
    DossierService(school.ctx).create_youth(youth_values())
    report = school.sync.sync()
    assert not report.errors and report.quarantined == 0
    with school.ctx.session() as session:
        assert session.scalars(select(OutboxOp).where(OutboxOp.kind == "replica")).all() == []
        assert merge.take_dirty(session) == []


def test_a_pc_added_later_gets_the_whole_caseload(
    tmp_path: Path, live_server: LiveServer, school: Installation, second: Installation
) -> None:
    """A third PC joins after the first two exchanged everything: its first message asks for all, and
    a PC that began sending before it existed sends its whole state once more."""
    service = DossierService(school.ctx)
    youth_id = service.create_youth(youth_values())
    service.add_item(youth_id, "contacts", {"role": "ouder", "name": "Els Bos"})
    DossierService(second.ctx).create_youth(youth_values(first_names="Noor", bsn=None))
    sync(school, second, school, second)
    third = make_installation(tmp_path, "school-pc3", role="school", org="Praktijkschool De Brug", user="Sara Jansen")
    try:
        code = school.sync.add_device()
        result: dict[str, object] = {}

        def join() -> None:
            try:
                result["outcome"] = third.sync.join(live_server.url, code.code, "Sara Jansen", yes=True, timeout=60)
            except Exception as exc:  # noqa: BLE001 - handed to the test thread
                result["error"] = exc

        thread = threading.Thread(target=join)
        thread.start()
        assert school.sync.wait_for_device(code, timeout=60) is not None
        thread.join(60)
        assert "error" not in result
        for _ in range(3):
            sync(third, school, second)
        sync(third)
        assert digest(third) == digest(school) == digest(second)
        with third.ctx.session() as session:
            assert session.scalar(select(func.count()).select_from(Youth)) == 2
    finally:
        third.sync.close()
        third.ctx.close()


def test_the_only_pc_gets_its_caseload_ready_while_the_code_is_shown(
    tmp_path: Path, live_server: LiveServer, school: Installation
) -> None:
    """While add-device waits, a school's only PC stamps and seals its caseload (Replication.prepare):
    the new PC finds it waiting, and its first message (send me everything) brings no second copy."""
    service = DossierService(school.ctx)
    ids = [service.create_youth(youth_values(first_names=name, bsn=None)) for name in ("Noor", "Sem", "Lina")]
    service.add_item(ids[0], "contacts", {"role": "ouder", "name": "Els Bos"})
    sync(school)  # the school's only PC: nothing to send yet
    new = make_installation(tmp_path, "school-pc2", role="school", org="Praktijkschool De Brug", user="Ahmed Bakker")
    try:
        pair(live_server, school, new)
        with school.ctx.session() as session:
            ready = session.scalars(select(OutboxOp).where(OutboxOp.kind == "replica")).all()
            assert ready, "sealed while the code was shown, before any sync after the join"
            assert merge.take_dirty(session) == []
        sync(school)  # pushes what waited
        with live_server.store.engine.connect() as conn:
            sent = conn.scalar(select(func.count()).select_from(ops).where(ops.c.kind == "replica"))
        sync(new)
        with new.ctx.session() as session:
            assert session.scalar(select(func.count()).select_from(Youth)) == 3
        assert digest(new) == digest(school)
        sync(school, new, school)
        with live_server.store.engine.connect() as conn:
            # Only the new PC's own first message came after: the first PC sent nothing again.
            after = conn.execute(select(ops.c.sender_device).where(ops.c.kind == "replica")).scalars().all()
        assert len(after) == sent + 1
        assert after.count(new.sync._identity.keys.device_id) == 1
        assert digest(new) == digest(school)
    finally:
        new.sync.close()
        new.ctx.close()
