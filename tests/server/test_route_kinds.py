"""Which message kinds the server carries in which direction (issue 10: agreements, news, figures)."""

from __future__ import annotations

from typing import get_args

import pytest

from handover import wire
from handover.crypto.envelope import KINDS
from handover.server.schema import ALLOWED_ROUTES
from handover.sync.testing import Member

SCHOOL_TO_GEMEENTE = ["dossier", "withdrawal", "update", "figures", "agreement"]
GEMEENTE_TO_SCHOOL = ["receipt", "status", "agreement"]


def test_every_wire_kind_can_be_sealed_and_is_routed_somewhere() -> None:
    kinds = set(get_args(wire.OpKind))
    assert kinds == set(KINDS)
    assert kinds == set().union(*ALLOWED_ROUTES.values())


@pytest.mark.parametrize("kind", SCHOOL_TO_GEMEENTE)
def test_school_to_gemeente_kinds_are_stored_and_delivered(members: dict[str, Member], kind: wire.OpKind) -> None:
    g, a = members["G"], members["A"]
    op = a.seal(g, kind=kind)
    assert a.client.push([op]).results[0].status == "stored"
    (msg,) = [m for m in g.client.inbox(0).messages if m.op_id == op.op_id]
    assert msg.kind == kind and msg.sender_org == a.org_id


@pytest.mark.parametrize("kind", GEMEENTE_TO_SCHOOL)
def test_gemeente_to_school_kinds_are_stored_and_delivered(members: dict[str, Member], kind: wire.OpKind) -> None:
    g, a = members["G"], members["A"]
    op = g.seal(a, kind=kind)
    assert g.client.push([op]).results[0].status == "stored"
    assert [m.kind for m in a.client.inbox(0).messages if m.op_id == op.op_id] == [kind]


def test_kinds_in_the_wrong_direction_are_refused(members: dict[str, Member]) -> None:
    g, a, b = members["G"], members["A"], members["B"]
    # A school never sends receipts or status messages; a gemeente never sends dossiers, news or figures.
    from_school = [a.seal(g, kind=k) for k in ("receipt", "status")]
    from_gemeente = [g.seal(a, kind=k) for k in ("dossier", "withdrawal", "update", "figures")]
    assert [r.reason for r in a.client.push(from_school).results] == ["not_allowed"] * 2
    assert [r.reason for r in g.client.push(from_gemeente).results] == ["not_allowed"] * 4
    # School to school stays closed for the new kinds too.
    sideways = [a.seal(b, kind=k) for k in ("agreement", "update", "figures")]
    assert [r.reason for r in a.client.push(sideways).results] == ["not_allowed"] * 3
    assert g.client.inbox(0).messages == [] and b.client.inbox(0).messages == []
