"""Replica message bodies (issue 13): the states go one per line, as stored, and arrive the same."""

from __future__ import annotations

import base64
import json
import zlib

import pytest

from handover.services import merge
from handover.services.context import AppContext
from handover.services.dossiers import DossierService
from handover.sync.errors import Reject
from handover.sync.replica import ReplicaBody, Replication, _unpack
from tests.conftest import youth_values
from tests.unit.conftest import digest


def _taken(ctx: AppContext) -> list[merge.Taken]:
    """What a sync's capture hands over (as Replication.enqueue takes it)."""
    with ctx.session() as session:
        taken = merge.take_dirty_json(session)
        merge.capture(session, ctx.actor, taken=taken)
        return taken


def _body(count: int, z: str, version: int = 2) -> ReplicaBody:
    return ReplicaBody(merge_device="pc-a", count=count, z=z, at="2026-12-03T00:00:00+00:00", version=version)


def test_states_handed_over_by_the_capture_travel_as_lines_and_arrive_whole(pcs) -> None:  # type: ignore[no-untyped-def]
    a, b = pcs
    youth_id = DossierService(a).create_youth(youth_values())
    DossierService(a).add_item(youth_id, "contacts", {"role": "ouder", "name": "Els Bos\tde Wit"})
    taken = _taken(a)
    assert taken and {t[2] for t in taken} == {youth_id}
    with a.session() as session:
        assert merge.take_dirty(session) == []  # handed over at once, not left marked to send
    [(count, packed)] = Replication._groups(sorted(taken, key=lambda t: (t[2], t[0], t[1])))
    lines = zlib.decompress(base64.b64decode(packed)).decode().splitlines()
    assert count == len(lines) == len(taken)
    states = _unpack(_body(count, packed))
    assert [(s.entity, s.entity_id, s.youth_id) for s in states] == sorted(
        [(e, i, y) for e, i, y, _ in taken], key=lambda k: (k[2], k[0], k[1])
    )
    assert all(s.text is not None and json.loads(s.text) == s.state for s in states)
    with b.session() as session:
        merge.apply_states(session, b.actor, states)
    assert DossierService(b).get(youth_id).contacts[0].name == "Els Bos\tde Wit"
    assert digest(a) == digest(b)
    with b.session() as session:  # stored as it arrived, read back as the same state
        rows = merge.mc.load_states(session, [youth_id])
    assert {k: r.state for k, r in rows.items()} == {(s.entity, s.entity_id): s.state for s in states}


def test_a_version_1_body_is_still_read(pcs) -> None:  # type: ignore[no-untyped-def]
    a, b = pcs
    youth_id = DossierService(a).create_youth(youth_values())
    taken = _taken(a)
    array = "[" + ",".join(f"[{json.dumps(e)},{json.dumps(i)},{json.dumps(y)},{t}]" for e, i, y, t in taken) + "]"
    z = base64.b64encode(zlib.compress(array.encode())).decode()
    states = _unpack(_body(len(taken), z, version=1))
    assert [s.state for s in states] == [json.loads(t[3]) for t in taken]
    with b.session() as session:
        merge.apply_states(session, b.actor, states)
    assert DossierService(b).get(youth_id).last_name == "Özdemir"


@pytest.mark.parametrize(
    "text",
    [
        "youth\tabc\tabc\n",  # no state
        'youth\tabc\tabc\t{"c":{},"f":{},"m":{}}',  # no line end
        'youth\tabc\tabc\t{"c":{},"f":{"x":[["d",1,"a\nb"]]},"m":{"d":{"1":[1,"",""]}}}\n',  # a line broken up
        'youth\tabc\tabc\t{"c":{},"f":{"x":[["d",1,"a"]]},"m":{"d":{"1":[1,"",""]}}}\n',  # outside its context
        'elsewhere\tabc\tabc\t{"c":{},"f":{},"m":{}}\n',  # not a replicated entity
        'youth\tabc\tabc\t{"c":{"d":1},"f":{"x":[["d",1,"a",4]]},"m":{"d":{"1":[1,"",""]}}}\n',  # four values
        'youth\tabc\tabc\t{"c":{"d":1},"f":{"x":[["d",true,"a"]]},"m":{"d":{"1":[1,"",""]}}}\n',  # no counter
        'youth\tabc\tabc\t{"c":{"d":1},"f":{"x":"dd1"},"m":{"d":{"1":[1,"",""]}}}\n',  # siblings not a list
        'youth\tabc\tabc\t{"c":{"d":1},"f":{"x":[[["d"],1,"a"]]},"m":{"d":{"1":[1,"",""]}}}\n',  # no device
        'youth\tabc\tabc\t{"c":{"d":1},"f":{"x":[["d",1,"a"]]},"m":{"e":{"1":[1,"",""]}}}\n',  # write unknown
        'youth\tabc\tabc\t{"c":{},"f":{},"m":{}} {"c":{},"f":{},"m":{}}\n',  # two states on one line
        'youth\t\tabc\t{"c":{},"f":{},"m":{}}\n',  # no id
        'youth\tabc\tabc\t{"c":{"d":1},"v":{"x":"a"},"m":{"d":{"1":[1,"",""]}}}\n',  # compact without its write
        'youth\tabc\tabc\t{"c":{"d":1},"w":["d",2],"v":{"x":"a"},"m":{"d":{"2":[1,"",""]}}}\n',  # compact, outside
        'youth\tabc\tabc\t{"c":{"d":1},"w":["d",1],"v":{},"m":{"d":{"1":[1,"",""]}}}\n',  # compact, no values
        'youth\tabc\tabc\t{"c":{"d":1},"w":["d",1],"v":{"x":"a"},"f":{},"m":{"d":{"1":[1,"",""]}}}\n',  # both forms
    ],
)
def test_a_broken_line_makes_the_message_unreadable(text: str) -> None:
    z = base64.b64encode(zlib.compress(text.encode())).decode()
    with pytest.raises(Reject, match="onleesbaar"):
        _unpack(_body(max(1, text.count("\n")), z))


def test_a_checkin_marked_gemist_on_one_pc_is_skipped_as_volgend_contact_on_the_other(pcs) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from handover.services import queries
    from handover.services.checkins import CheckInService

    a, b = pcs
    youth_id = DossierService(a).create_youth(youth_values(leaving_date=dt.date(2026, 7, 10)))
    first = min((c for c in DossierService(a).get(youth_id).checkins), key=lambda c: c.due_date)
    CheckInService(a).mark_missed(youth_id, first.id, "Verhuisd, geen nummer")
    expected = next(r for r in queries.youth_rows(a) if r.id == youth_id).next_checkin
    assert expected is not None and expected > first.due_date
    taken = _taken(a)
    [(count, packed)] = Replication._groups(sorted(taken, key=lambda t: (t[2], t[0], t[1])))
    with b.session() as session:
        merge.apply_states(session, b.actor, _unpack(_body(count, packed)))
    assert next(r for r in queries.youth_rows(b) if r.id == youth_id).next_checkin == expected
