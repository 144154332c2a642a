"""Werk en Inkomen changes an agreement of a dossier PC 1 sent: every PC of the school should show it.

Found at the end of issue 13 (D4): the sending PC applied the gemeente's agreement version
(sync/workspace_appliers.py, Agreements.mirror) without moving the young person's revision, so the
merge capture (which stamps young people whose revision moved) never replicated the change, and the
other PCs, which leave the gemeente's version to the sending PC, never showed it.
"""

from __future__ import annotations

from handover.services.dossiers import DossierService

from .conftest import Installation
from .test_convergence_replies import second  # noqa: F401 - the paired second PC
from .test_gemeente_support import exchange, shared_dossier


def test_an_agreement_changed_by_the_gemeente_shows_on_every_pc_of_the_school(
    school: Installation,
    second: Installation,  # noqa: F811 - the fixture imported above
    gemeente: Installation,
) -> None:
    youth_id, (agreement_id,) = shared_dossier(school)
    exchange(school, gemeente)
    for pc in (school, second, gemeente, school, second):
        assert not pc.sync.sync().errors
    gemeente.sync.change_agreement(agreement_id, dossier_id=youth_id, status="gedaan", note="Ingeschreven")
    for pc in (gemeente, school, second, school, second):
        report = pc.sync.sync()
        assert not report.errors and report.quarantined == 0
    one = [(a.id, a.status) for a in DossierService(school.ctx).get(youth_id).agreements]
    two = [(a.id, a.status) for a in DossierService(second.ctx).get(youth_id).agreements]
    assert one == [(agreement_id, "gedaan")]
    assert two == one
