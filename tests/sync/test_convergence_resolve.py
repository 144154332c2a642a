"""A choice made in a conflict that a local save had already ended must not overwrite that save.

Found by the convergence test (issue 13, seed 1): on PC 2 a field was in conflict; the mentor saved a
new value over it (the save ends the conflict, but the register only learns it when the change is
stamped, at the next sync); before that sync the conflict was still listed, and choosing one of its
old values replaced the newer save without it ever being shown as a choice.
"""

from __future__ import annotations

import pytest

from handover.services import merge
from handover.services.dossiers import DossierService

from .conftest import Installation, youth_values
from .test_convergence_replies import second  # noqa: F401 - the paired second PC


def _conflicts(pc: Installation) -> list[merge.FieldConflict]:
    with pc.ctx.session() as session:
        return merge.conflicts(session)


def test_choosing_in_a_conflict_a_local_save_already_ended_keeps_the_save(
    school: Installation,
    second: Installation,  # noqa: F811 - the fixture imported above
) -> None:
    youth_id = DossierService(school.ctx).create_youth(youth_values())
    assert not school.sync.sync().errors and not second.sync.sync().errors
    DossierService(school.ctx).update_fields(youth_id, {"city": "Zeist"})
    DossierService(second.ctx).update_fields(youth_id, {"city": "Bunnik"})
    for pc in (school, second, school, second):
        assert not pc.sync.sync().errors
    (conflict,) = _conflicts(second)

    # The mentor on PC 2 saves a third value over the conflict (not synced yet) ...
    editor = DossierService(second.ctx)
    editor.save_fields(youth_id, {"city": "Houten"}, base_revision=editor.get(youth_id).revision)
    # ... and then picks one of the old values the stale list still offered.
    with second.ctx.session() as session:
        listed = merge.conflicts(session)
    if listed:
        with pytest.raises(merge.ConflictGone), second.ctx.session() as session:
            merge.resolve_conflict(session, conflict.key, 0, second.ctx.actor)
    assert editor.get(youth_id).city == "Houten"
    for pc in (second, school, second):
        assert not pc.sync.sync().errors
    assert DossierService(school.ctx).get(youth_id).city == "Houten"
    assert _conflicts(school) == _conflicts(second) == []
