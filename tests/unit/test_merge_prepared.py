"""A new PC's receive planned without the database (issue 13): the same result as the merge itself.

``merge.apply_states`` writes the states of young people a PC does not know yet through
:func:`handover.services.merge_apply.prepare_new` (on a worker process while receiving a caseload, see
tests/sync/test_replica_ahead.py). Checked here against the usual merge: the same demo caseload
arrives on one PC all at once (planned) and on another one state at a time in a shuffled order (the
first state of each young person planned, every later one merged with what is there): both must hold
the same dossiers, the same replicated states and the same conflicts as the PC they came from.
"""

from __future__ import annotations

import random
from pathlib import Path

from sqlalchemy import select

from handover.services import merge
from handover.services.demo import build_demo
from handover.services.dossiers import DossierService
from handover.sync.replica import ReplicaBody, Replication
from handover.sync.replica_lines import prepare_message, unpack
from tests.conftest import youth_values
from tests.unit.conftest import digest, school_pc


def _states(ctx) -> list[tuple[str, str, str, str]]:  # type: ignore[no-untyped-def]
    with ctx.session() as session:
        taken = merge.take_dirty_json(session)
        merge.capture(session, ctx.actor, taken=taken)
        return sorted(taken, key=lambda t: (t[2], t[0], t[1]))


def _register(ctx) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    c = merge.mc.MERGE.c
    with ctx.session() as session:
        return [
            tuple(r)
            for r in session.execute(
                select(c.entity, c.entity_id, c.youth_id, c.state, c.conflicted).order_by(c.entity, c.entity_id)
            )
        ]


def test_a_caseload_planned_at_once_ends_as_the_usual_merge_of_one_state_at_a_time(tmp_path: Path) -> None:
    source = school_pc(tmp_path / "a", "Marieke de Jong")
    at_once = school_pc(tmp_path / "b", "Ahmed Bakker")
    by_one = school_pc(tmp_path / "c", "Sara Jansen")
    try:
        build_demo(source, 12, seed=5)
        # A conflict in the caseload too: two values kept for one field until someone chooses.
        youth_id = DossierService(source).create_youth(youth_values(first_names="Noor", bsn=None))
        with source.session() as session:
            merge.capture(session, source.actor)
            merge.record_conflicts(session, "Ahmed Bakker", "youth", youth_id, {"first_names": "Nora"})
        taken = _states(source)
        groups = Replication._groups(taken)
        bodies = [ReplicaBody(merge_device="pc-a", count=n, z=z, at="2026-12-03T00:00:00+00:00") for n, z in groups]
        for body in bodies:
            with at_once.session() as session:
                assert not merge.known_here(session, [s.youth_id for s in unpack(body.version, body.count, body.z)])
                prepared = prepare_message(body.version, body.count, body.z)  # what the worker process returns
                assert prepared is not None
                merge.write_prepared(session, prepared)
        states = [s for body in bodies for s in unpack(body.version, body.count, body.z)]
        random.Random(7).shuffle(states)
        for state in states:
            with by_one.session() as session:
                merge.apply_states(session, by_one.actor, [state])
        assert digest(at_once) == digest(by_one) == digest(source)
        assert _register(at_once) == _register(by_one)
        with at_once.session() as session:
            assert [c.key for c in merge.conflicts(session)] == [f"youth:{youth_id}:first_names"]
        # The planned PC goes on like any other: a later edit of a known young person merges.
        DossierService(source).update_fields(youth_id, {"phone": "0612345678"})
        with at_once.session() as session:
            later = [s for n, z in Replication._groups(_states(source)) for s in unpack(2, n, z)]
            assert merge.known_here(session, [s.youth_id for s in later])
            merge.apply_states(session, at_once.actor, later)
        assert DossierService(at_once).get(youth_id).phone == DossierService(source).get(youth_id).phone
        assert digest(at_once) == digest(source)
    finally:
        for ctx in (source, at_once, by_one):
            ctx.close()


def test_the_worker_gives_back_nothing_for_a_message_it_cannot_read() -> None:
    """The sync then opens the message itself and refuses it with its reason (the quarantine)."""
    assert prepare_message(2, 1, "dit is geen base64!") is None
    assert prepare_message(2, 3, "") is None
