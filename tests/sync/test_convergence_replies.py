"""Werk en Inkomen's answers about a dossier that one PC of the school sent reach every PC of that
school (they all read the school's inbox): the other PCs must not quarantine them as misaddressed.

Found by the convergence test (issue 13): the gemeente's receipt for a dossier PC 1 sent was put in
quarantine on PC 2 and PC 3 ("gaat over een dossier dat niet naar deze gemeente ging"), because only
the sending PC has the record of what it sent.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from handover.server.testing import LiveServer

from .conftest import Installation, make_installation, ready_dossier


@pytest.fixture
def second(tmp_path: Path, live_server: LiveServer, school: Installation) -> Iterator[Installation]:
    inst = make_installation(tmp_path, "school-pc2", role="school", org="Praktijkschool De Brug", user="Ahmed Bakker")
    code = school.sync.add_device()
    errors: list[BaseException] = []

    def join() -> None:
        try:
            inst.sync.join(live_server.url, code.code, "Ahmed Bakker", yes=True, timeout=60)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            errors.append(exc)

    thread = threading.Thread(target=join)
    thread.start()
    joined = school.sync.wait_for_device(code, timeout=60)
    thread.join(60)
    assert not errors and joined is not None and joined.accepted
    yield inst
    inst.sync.close()
    inst.ctx.close()


def test_the_receipt_and_the_intake_for_a_dossier_another_pc_sent_are_not_quarantined(
    school: Installation, second: Installation, gemeente: Installation
) -> None:
    youth_id = ready_dossier(school)
    assert school.sync.sync().ok
    assert not second.sync.sync().errors  # the caseload arrives on the second PC
    assert not gemeente.sync.sync_and_count().errors  # received; the receipt goes back
    school_org = str(school.sync.state_value("org_id"))
    gemeente.sync.plan_intake(school_org, youth_id, dt.date(2026, 12, 14), "A. de Vries")
    assert not gemeente.sync.sync().errors

    for pc in (school, second, school, second):
        report = pc.sync.sync()
        assert not report.errors and report.quarantined == 0, (report.errors, pc.sync.quarantine())
    assert second.sync.quarantine() == []
    # Every PC of the school shows what Werk en Inkomen answered (section K).
    for pc in (school, second):
        statuses = {r.status for r in pc.sync.replies(youth_id)}
        assert {"ontvangen", "intake_gepland"} <= statuses, (pc.data_dir.name, statuses)
