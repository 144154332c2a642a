"""Contactmomenten in the editor: timeline, recording one through the dialog, planning an extra one."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from handover.services.checkins import CheckInService
from handover.services.dossiers import DossierService
from handover.ui.editor import DossierEditorPage
from tests.conftest import youth_values

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def youth_id(ctx) -> str:
    # Left school on 10-07-2026; today (fixed) is 29-11-2026.
    return DossierService(ctx).create_youth(youth_values())


@pytest.fixture
def page(qtbot, ctx, runner, youth_id) -> DossierEditorPage:
    page = DossierEditorPage(ctx, runner)
    qtbot.addWidget(page)
    page.resize(1200, 850)
    page.show()
    with qtbot.waitSignal(page.dossier_opened, timeout=5000):
        page.open_youth(youth_id)
    page.show_section("M")
    return page


def states(page: DossierEditorPage) -> dict[str, str]:
    return {e.checkin.label: e.state for e in page.checkins_panel.entries()}


def choose(editor, code: str) -> None:
    editor.widget.setCurrentIndex(editor.widget.findData(code))


def test_timeline_shows_plan_with_states_in_words(page) -> None:
    panel = page.checkins_panel
    found = states(page)
    assert found["Na 3 maanden"] == "te_laat"
    assert found["Na 6 maanden"] == "gepland"
    model = panel.model
    texts = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert "! Te laat" in texts and "○ Gepland" in texts  # state as text, not colour alone
    assert model.index(0, 2).data(0x08) is not None  # BackgroundRole: colour as well
    assert panel.next_label.text().startswith("Volgende contactmoment: Na 6 maanden op 10-01-2027")
    assert panel.stable_label.text() == "Nog geen situatie bekend uit een contactmoment."


def test_record_a_checkin_through_the_dialog_and_see_the_next_one_planned(qtbot, ctx, page, youth_id) -> None:
    panel = page.checkins_panel
    panel.record_button.click()
    dialog = panel.dialog
    assert dialog is not None and dialog.checkin_id is not None
    assert "Na 3 maanden" in dialog.findChild(type(panel.next_label), "uitleg").text()

    # Inline validation: a date in the future, and a missing channel, are refused with Dutch messages.
    held = dialog.editors["held_on"]
    held.widget.selectAll()
    qtbot.keyClicks(held.widget, "01-12-2026")
    assert held.error_label.text() == "Een contactmoment kan niet in de toekomst zijn gehouden."
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible()
    assert dialog.editors["channel"].error_label.text() == "Kanaal is verplicht."

    held.widget.selectAll()
    qtbot.keyClicks(held.widget, "27-11-2026")
    assert held.error_label.text() == ""
    choose(dialog.editors["channel"], "telefoon")
    choose(dialog.editors["situation"], "werk")
    assert not dialog.editors["situation_reason"].widget.isEnabled()
    choose(dialog.editors["care_signal"], "geen")
    qtbot.keyClicks(dialog.editors["notes"].widget, "Werkt bij de bakker, gaat goed.")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: page.is_idle() and states(page)["Na 3 maanden"] == "gehouden", timeout=5000)

    found = states(page)
    assert found["Na 1 maand (zomer)"] == "gemist"  # a later one was held
    assert found["Na 6 maanden"] == "gepland"
    assert panel.next_label.text().startswith("Volgende contactmoment: Na 6 maanden op 10-01-2027")
    assert panel.stable_label.text() == "Werk (regulier), stabiel sinds 27-11-2026"
    row = next(r for r, e in enumerate(panel.entries()) if e.checkin.label == "Na 3 maanden")
    panel.view.selectRow(row)
    assert panel.details.text() == (
        "Na 3 maanden: gehouden op 27-11-2026 · Kanaal: Telefoon · Bereikt: Ja · "
        "Situatie: Werk (regulier) · Zorgsignaal: Geen\n"
        "Notities: Werkt bij de bakker, gaat goed."
    )
    youth = DossierService(ctx).get(youth_id)
    held_ones = [c for c in youth.checkins if c.held_on]
    assert [(c.label, c.channel, c.situation) for c in held_ones] == [("Na 3 maanden", "telefoon", "werk")]
    assert youth.actual_situation == "werk"


def test_situation_reason_required_for_no_work_school_or_day_activity(qtbot, ctx, page, youth_id) -> None:
    dialog = page.checkins_panel.open_record_dialog()
    choose(dialog.editors["channel"], "huisbezoek")
    choose(dialog.editors["situation"], "geen")
    assert dialog.editors["situation_reason"].widget.isEnabled()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert "Kies een reden" in dialog.editors["situation_reason"].error_label.text()
    choose(dialog.editors["situation_reason"], "zoekend")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(page.is_idle, timeout=5000)
    checkin = next(c for c in DossierService(ctx).get(youth_id).checkins if c.held_on)
    assert (checkin.situation, checkin.situation_reason) == ("geen", "zoekend")


def test_not_reached_is_recorded_as_nog_niet_bereikt(qtbot, ctx, page, youth_id) -> None:
    dialog = page.checkins_panel.open_record_dialog()
    choose(dialog.editors["channel"], "telefoon")
    dialog.editors["reached"].widget.click()
    assert not dialog.editors["situation"].widget.isEnabled()
    qtbot.keyClicks(dialog.editors["attempts"].widget, "3")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    checkin = next(c for c in DossierService(ctx).get(youth_id).checkins if c.held_on)
    assert (checkin.reached, checkin.attempts, checkin.situation) == (False, 3, "niet_bereikt")


def test_plan_an_extra_checkin(qtbot, ctx, page, youth_id) -> None:
    panel = page.checkins_panel
    panel.extra_button.click()
    dialog = panel.dialog
    due = dialog.editors["due"]
    assert due.widget.text() == "13-12-2026"  # two weeks from today
    due.widget.selectAll()
    qtbot.keyClicks(due.widget, "01-11-2026")
    assert due.error_label.text() == "Plan het contactmoment vandaag of later."
    due.widget.selectAll()
    qtbot.keyClicks(due.widget, "08-12-2026")
    label = dialog.editors["label"].widget
    label.selectAll()
    qtbot.keyClicks(label, "Na ontslag bij de bakker")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: page.is_idle() and "Na ontslag bij de bakker" in states(page), timeout=5000)
    assert states(page)["Na ontslag bij de bakker"] == "gepland"
    assert panel.next_label.text().startswith("Volgende contactmoment: Na ontslag bij de bakker op 08-12-2026")
    extra = [c for c in DossierService(ctx).get(youth_id).checkins if c.label == "Na ontslag bij de bakker"]
    assert [c.due_date for c in extra] == [dt.date(2026, 12, 8)]


def test_stable_since_follows_consecutive_checkins(qtbot, ctx, runner, youth_id) -> None:
    service = CheckInService(ctx)
    for day, situation in [
        (dt.date(2026, 8, 12), "mbo_entree"),
        (dt.date(2026, 10, 9), "werk"),
        (dt.date(2026, 11, 20), "werk"),
    ]:
        service.record(youth_id, {"held_on": day, "channel": "telefoon", "reached": True, "situation": situation})
    page = DossierEditorPage(ctx, runner)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.dossier_opened, timeout=5000):
        page.open_youth(youth_id)
    panel = page.checkins_panel
    assert panel.stable_label.text() == "Werk (regulier), stabiel sinds 09-10-2026"
    assert panel.history_label.text().splitlines()[-1] == "12-08-2026  Mbo-bol entree"


def test_a_worry_plans_an_extra_checkin_and_asks_attention(qtbot, ctx, page, youth_id) -> None:
    dialog = page.checkins_panel.open_record_dialog()
    choose(dialog.editors["channel"], "gesprek_school")
    choose(dialog.editors["situation"], "traject")
    choose(dialog.editors["care_signal"], "zorg")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: page.is_idle() and "Extra: situatie veranderd" in states(page), timeout=5000)
    assert page.attention_label.isVisibleTo(page)
    assert page.attention_label.text() == "Vraagt aandacht: Zorgsignaal bij laatste contactmoment"
    assert page.checkins_panel.next_label.text().startswith(
        "Volgende contactmoment: Extra: situatie veranderd op 13-12-2026"
    )
    page.attention_button.click()
    qtbot.waitUntil(lambda: page.is_idle() and not page.attention_label.isVisibleTo(page), timeout=5000)
    assert DossierService(ctx).get(youth_id).attention is None


def test_a_new_leaving_date_moves_the_plan(qtbot, ctx, page, youth_id) -> None:
    page.autosave_delay_ms = 30
    page.show_section("C")
    leaving = page.editors["leaving_date"].widget
    leaving.selectAll()
    qtbot.keyClicks(leaving, "10-01-2027")

    def due() -> dict[str, dt.date]:
        return {e.checkin.label: e.checkin.due_date for e in page.checkins_panel.entries()}

    qtbot.waitUntil(lambda: page.is_idle() and due()["Vertrek van school"] == dt.date(2027, 1, 10), timeout=5000)
    due = due()
    assert due["Vertrek van school"] == dt.date(2027, 1, 10)
    assert due["Na 6 maanden"] == dt.date(2027, 7, 10)
    assert page.checkins_panel.next_label.text().startswith("Volgende contactmoment: Vertrek van school op 10-01-2027")
