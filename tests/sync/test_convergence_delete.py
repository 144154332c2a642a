"""A contact deleted on one PC and changed on another stays a conflict until someone chooses: a later
edit of another field of that contact does not end it by itself.

Found by the convergence test (issue 13, seed 4): PC 2 deleted a contact while PC 1 changed its
organisation (a conflict, as the issue asks); a later edit of the contact on PC 3 then silently
ended the conflict (every stamped item write also wrote "exists"), so the deletion vanished without
anyone choosing.
"""

from __future__ import annotations

from handover.services import merge
from handover.services.dossiers import DossierService

from .conftest import Installation, youth_values
from .test_convergence_replies import second  # noqa: F401 - the paired second PC


def _exists_conflicts(pc: Installation) -> list[merge.FieldConflict]:
    with pc.ctx.session() as session:
        return [c for c in merge.conflicts(session) if c.is_delete]


def test_a_delete_against_an_edit_stays_a_conflict_through_later_edits(
    school: Installation,
    second: Installation,  # noqa: F811 - the fixture imported above
) -> None:
    one, two = DossierService(school.ctx), DossierService(second.ctx)
    youth_id = one.create_youth(youth_values())
    contact = one.add_item(youth_id, "contacts", {"role": "ouder", "name": "Els Bos"})
    assert not school.sync.sync().errors and not second.sync.sync().errors
    two.delete_item(youth_id, "contacts", contact)
    one.update_item(youth_id, "contacts", contact, {"organisation": "Buurtteam"})
    for pc in (school, second, school, second):
        assert not pc.sync.sync().errors
    (conflict,) = _exists_conflicts(school)
    assert _exists_conflicts(second) == [conflict]

    # A later edit of another field of the contact, on either PC, is not a choice.
    one.update_item(youth_id, "contacts", contact, {"phone": "06 12345678"})
    for pc in (school, second, school, second):
        assert not pc.sync.sync().errors
    assert [c.key for c in _exists_conflicts(school)] == [conflict.key]
    assert _exists_conflicts(school) == _exists_conflicts(second)
