"""Vandaag on the real main window: nobody drops out of sight (200 days overdue, "Uit beeld", old agreements
grouped not hidden) and "Begeleiding afronden"; closed cases leave the cards. The clock is FIXED_TODAY."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from handover.services.checkins import CheckInService
from handover.services.closing import ClosingService
from handover.services.dossiers import DossierService
from handover.services.settings import set_setting
from handover.ui.models.today import TodayListModel
from tests.conftest import FIXED_TODAY, youth_values


def _lines(card) -> list:  # type: ignore[no-untyped-def]
    model = card.model
    return [model.object_at(r) for r in range(model.rowCount())]


def _ids(card) -> set[str]:  # type: ignore[no-untyped-def]
    return {item.youth_id for item in card.model.items()}


def _reload(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.vandaag.loaded, timeout=30_000):
        window.vandaag.refresh()


def test_someone_200_days_overdue_is_on_vandaag_until_marked_gemist(qtbot, ctx, make_window) -> None:  # type: ignore[no-untyped-def]
    # Left 12-02-2026: T+1 (12-03-2026) is 262 days late, T+3 (12-05-2026) exactly 201, T+6 109.
    youth_id = DossierService(ctx).create_youth(youth_values(leaving_date=dt.date(2026, 2, 12)))
    plan = {c.plan_months: c for c in DossierService(ctx).get(youth_id).checkins}
    assert (FIXED_TODAY - plan[3].due_date).days > 200
    window = make_window(ctx, wait_vandaag=True)
    card = window.vandaag.cards["te_laat"]
    late = {(item.what, item.day) for item in _lines(card) if item.youth_id == youth_id}
    assert ("Na 3 maanden", dt.date(2026, 5, 12)) in late and ("Na 1 maand (zomer)", dt.date(2026, 3, 12)) in late
    # Also "Uit beeld": never reached since leaving, more than four months ago.
    [out] = [i for i in _lines(window.vandaag.cards["uit_beeld"]) if i.youth_id == youth_id]
    assert out.what == "Niet bereikt sinds vertrek (12-02-2026) · Nog niet geprobeerd (mentor: Marieke de Jong)"
    assert out.day is None
    assert window.vandaag.cards["uit_beeld"].title.text() == "Uit beeld (1)"

    for months in (-9, -3, 0, 1, 3):
        CheckInService(ctx).mark_missed(youth_id, plan[months].id, "Niet gelukt: jongere verhuisd")
    _reload(qtbot, window)
    assert {i.what for i in _lines(card) if i.youth_id == youth_id} == {"Na 6 maanden"}


def test_uit_beeld_follows_the_setting_and_says_who_tried(qtbot, ctx, make_window) -> None:  # type: ignore[no-untyped-def]
    youth_id = DossierService(ctx).create_youth(
        youth_values(first_names="Romy", called_name=None, infix=None, last_name="El Amrani", bsn=None,
                     leaving_date=dt.date(2025, 7, 10))
    )  # fmt: skip
    plan = {c.plan_months: c.id for c in DossierService(ctx).get(youth_id).checkins}
    checkins = CheckInService(ctx)
    ctx.clock = lambda: dt.date(2025, 10, 20)
    checkins.record(youth_id, {"held_on": "15-10-2025", "channel": "telefoon", "reached": True, "situation": "werk"},
                    checkin_id=plan[3])  # fmt: skip
    ctx.clock = lambda: dt.date(2026, 3, 1)
    ctx.actor = "Jeroen Bakker"
    checkins.record(youth_id, {"held_on": "20-02-2026", "channel": "telefoon", "reached": False}, checkin_id=plan[6])
    ctx.actor, ctx.clock = "Marieke de Jong", lambda: FIXED_TODAY
    window = make_window(ctx, wait_vandaag=True)
    card = window.vandaag.cards["uit_beeld"]
    [line] = [i for i in _lines(card) if i.youth_id == youth_id]
    assert line.name == "Romy El Amrani" and line.day == dt.date(2025, 10, 15)
    assert line.what == "Geprobeerd op 20-02-2026 door Jeroen Bakker"
    assert card.model.index(0, TodayListModel.COL_DATE).data() == "15-10-2025"
    # 14 months without contact: off the card when the setting says 18.
    with ctx.session() as session:
        set_setting(session, "out_of_sight_months", 18)
    _reload(qtbot, window)
    assert youth_id not in _ids(card) and card.empty.isVisibleTo(card)


def test_old_overdue_agreements_are_one_line_that_opens_with_a_click(qtbot, ctx, make_window) -> None:  # type: ignore[no-untyped-def]
    dossiers = DossierService(ctx)
    youth_id = dossiers.create_youth(youth_values())
    for i in range(12):  # 2023: more than six months overdue
        deadline = dt.date(2023, 9, 1 + i)
        dossiers.add_item(youth_id, "agreements", {"action": f"Oude afspraak {i}", "organisation": "school",
                                                   "deadline": deadline})  # fmt: skip
    dossiers.add_item(youth_id, "agreements", {"action": "Recent", "organisation": "jongere",
                                               "deadline": dt.date(2026, 11, 1)})  # fmt: skip
    window = make_window(ctx, wait_vandaag=True)
    card = window.vandaag.cards["afspraken"]
    assert card.title.text() == "Verlopen afspraken (13)"  # grouped, never hidden: counted
    model = card.model
    assert model.rowCount() == 2
    assert model.item_at(0).what == "Recent (Jongere)"
    assert model.index(1, 0).data() == "▸ ouder dan 6 maanden (12)"
    rect = card.table.visualRect(model.index(1, 0))
    qtbot.mouseClick(card.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert model.rowCount() == 14 and model.index(1, 0).data() == "▾ ouder dan 6 maanden (12)"
    assert model.item_at(2).what.startswith("Oude afspraak ")
    # Enter on an opened item opens that dossier at the agreements; on the group line it closes it again.
    card.table.setFocus()
    card.table.setCurrentIndex(model.index(1, 0))
    qtbot.keyClick(card.table, Qt.Key.Key_Return)
    assert model.rowCount() == 2


def test_begeleiding_afronden_card_and_a_closed_case_leaves_vandaag(qtbot, ctx, make_window) -> None:  # type: ignore[no-untyped-def]
    youth_id = DossierService(ctx).create_youth(youth_values(leaving_date=dt.date(2024, 7, 12)))  # T+24: 12-07-2026
    plan = {c.plan_months: c.id for c in DossierService(ctx).get(youth_id).checkins}
    CheckInService(ctx).record(
        youth_id,
        {"held_on": "20-07-2026", "channel": "telefoon", "reached": True, "situation": "beschut_werk"},
        checkin_id=plan[24],
    )
    DossierService(ctx).add_item(
        youth_id, "agreements", {"action": "Jobcoach regelen", "organisation": "uwv", "deadline": dt.date(2026, 9, 1)}
    )
    window = make_window(ctx, wait_vandaag=True)
    card = window.vandaag.cards["afronden"]
    [line] = [i for i in _lines(card) if i.youth_id == youth_id]
    assert line.what == "Beschut werk" and line.day == dt.date(2026, 7, 12)
    assert youth_id in _ids(window.vandaag.cards["afspraken"])
    ClosingService(ctx).close(youth_id, "beschut_werk")
    _reload(qtbot, window)
    for key in ("afronden", "te_laat", "uit_beeld", "afspraken", "niet_bereikt", "aandacht"):
        assert youth_id not in _ids(window.vandaag.cards[key]), key
