"""Deleting a young person at the school after the dossier was sent: the gemeente erases its copy
(a withdrawal, in the deleting transaction), and the next syncs run without errors. Real server."""

from __future__ import annotations

from sqlalchemy import select

from handover.services.dossiers import DossierService
from handover.sync.models import OutboxOp

from .conftest import Installation, ready_dossier


def _kinds(inst: Installation) -> list[str]:
    with inst.ctx.session() as session:
        return [op.kind for op in session.scalars(select(OutboxOp).order_by(OutboxOp.id))]


def test_deleting_a_sent_dossier_erases_it_at_the_gemeente(school: Installation, gemeente: Installation) -> None:
    youth_id = ready_dossier(school)
    assert school.sync.sync().ok
    assert gemeente.sync.sync().ok
    (row,) = gemeente.sync.received()
    assert row.body is not None

    DossierService(school.ctx).delete_youth(youth_id)
    assert _kinds(school)[-1] == "withdrawal"
    assert school.sync.sync().ok
    assert gemeente.sync.sync().ok
    (row,) = gemeente.sync.received()
    assert row.body is None and row.withdrawn_at is not None
    assert school.sync.sync().ok  # nothing left over that refers to the deleted young person


def test_deleting_a_dossier_that_never_left_sends_nothing(school: Installation) -> None:
    youth_id = ready_dossier(school, consent=False)
    assert school.sync.sync().ok
    before = _kinds(school)
    DossierService(school.ctx).delete_youth(youth_id)
    assert _kinds(school) == before
    assert school.sync.sync().ok
