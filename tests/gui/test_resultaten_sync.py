"""From Resultaten to Regio through the real server on 127.0.0.1: the mentor confirms "Versturen naar de
gemeente", the school's sync carries the anonymised figures, and the gemeente's Regio page shows them."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from handover.services.checkins import CheckInService
from handover.services.dossiers import DossierService
from handover.ui.results.regio import RegioPage
from handover.ui.results.resultaten import ResultatenPage

# The sync tests' fixtures: a real server on 127.0.0.1, an enrolled gemeente and a confirmed school.
from tests.sync.conftest import Installation, gemeente, live_server, school, youth_values  # noqa: F401

pytestmark = pytest.mark.timeout(180)

LEFT = dt.date(2025, 7, 1)
AT_T12 = {"werk": 6, "mbo_2": 2}  # found at the one-year check-in (1 July 2026)


def left_in_2025(inst: Installation) -> None:
    dossiers, checkins = DossierService(inst.ctx), CheckInService(inst.ctx)
    number = 0
    for situation, count in AT_T12.items():
        for _ in range(count):
            number += 1
            youth_id = dossiers.create_youth(
                youth_values(
                    first_names=f"Jongere{number}", bsn=None, birth_date=dt.date(2007, 1, number), leaving_date=LEFT
                )
            )
            planned = next(c for c in dossiers.get(youth_id).checkins if c.plan_months == 12)
            held = {"held_on": dt.date(2026, 7, 1), "channel": "telefoon", "reached": True, "situation": situation}
            checkins.record(youth_id, held, checkin_id=planned.id)


def test_send_from_resultaten_arrives_in_regio(qtbot, runner, school, gemeente, monkeypatch) -> None:  # noqa: F811
    left_in_2025(school)
    page = ResultatenPage(school.ctx, runner)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        page.refresh()
    page.sync_service = lambda: school.sync

    asked: list[str] = []

    def answer_yes(box: QMessageBox) -> int:
        asked.append(box.text())
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "exec", answer_yes)
    with qtbot.waitSignal(page.figures_sent, timeout=30_000) as sent:
        page.send_button.click()
    assert sent.args == ["2026-11-01"]
    (question,) = asked
    assert "geen namen" in question and '"<5"' in question and "01-11-2026" in question
    assert school.sync.sync().ok
    assert gemeente.sync.sync().ok

    regio = RegioPage(gemeente.ctx, runner)
    qtbot.addWidget(regio)
    with qtbot.waitSignal(regio.loaded, timeout=30_000):
        regio.show()
    (column,) = [
        c
        for c in range(1, regio.model.columnCount())
        if regio.model.headerData(c, Qt.Orientation.Horizontal) == "Praktijkschool De Brug"
    ]
    regio.cohort.setCurrentIndex(regio.cohort.findData(2025))
    regio.school_type.setCurrentIndex(regio.school_type.findData("pro"))
    cells = {regio.proxy.index(r, 0).data(): regio.proxy.index(r, column).data() for r in range(regio.proxy.rowCount())}
    assert cells["Werk (regulier)"] == "6"  # sent as it was counted
    assert cells["Mbo-bol niveau 2"] == "<5"  # 2: under 5, hidden before it left the school
    assert "Jongere" not in repr(regio.model.region)
    assert "Totaal over 1 van de 1 scholen." in regio.note.text()
