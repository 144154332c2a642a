"""The overstapdossier editor driven like a user: typing, validation, autosave, drafts, undo, lists, status.

Uses the `ctx` fixture (tests/conftest.py) and `runner` (tests/gui/conftest.py: a real, threaded TaskRunner).
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMainWindow, QMessageBox

from handover.domain import rules
from handover.domain.fields import SECTION_BY_CODE
from handover.services.consent import ConsentService
from handover.services.dossiers import DossierService
from handover.ui.editor import DossierEditorPage
from tests.conftest import FIXED_TODAY, youth_values

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def youth_id(ctx) -> str:
    return DossierService(ctx).create_youth(youth_values())


def make_page(qtbot, ctx, runner) -> DossierEditorPage:
    page = DossierEditorPage(ctx, runner)
    qtbot.addWidget(page)
    page.autosave_delay_ms = 30  # the real delay is 500 ms; the behaviour is the same
    page.resize(1200, 850)
    page.show()
    return page


@pytest.fixture
def page(qtbot, ctx, runner) -> DossierEditorPage:
    return make_page(qtbot, ctx, runner)


def open_dossier(qtbot, page: DossierEditorPage, youth_id: str) -> None:
    with qtbot.waitSignal(page.dossier_opened, timeout=5000):
        page.open_youth(youth_id)


def type_into(qtbot, page: DossierEditorPage, field: str, text: str) -> None:
    widget = page.editors[field].widget
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def stored(ctx, youth_id: str, field: str):
    return getattr(DossierService(ctx).get(youth_id), field)


def test_typing_saves_the_value(qtbot, ctx, page, youth_id) -> None:
    open_dossier(qtbot, page, youth_id)
    assert page.editors["city"].widget.text() == "Utrecht"
    assert page.name_label.text() == "Ĳsbrand van der Özdemir"
    type_into(qtbot, page, "city", "Zeist")
    qtbot.waitUntil(lambda: page.is_idle() and stored(ctx, youth_id, "city") == "Zeist", timeout=5000)
    assert DossierService(ctx).drafts(youth_id) == {}
    assert page.save_label.text() == "Alles opgeslagen"


def test_autosave_waits_for_a_pause_in_typing(qtbot, ctx, runner, youth_id) -> None:
    page = make_page(qtbot, ctx, runner)
    page.autosave_delay_ms = 500
    open_dossier(qtbot, page, youth_id)
    with qtbot.waitSignal(page.dossier_saved, timeout=3000):
        type_into(qtbot, page, "city", "Bunnik")
        assert stored(ctx, youth_id, "city") == "Utrecht"  # not yet: still typing
    assert stored(ctx, youth_id, "city") == "Bunnik"


def test_invalid_bsn_and_future_birth_date_show_a_message_and_never_reach_the_db(qtbot, ctx, page, youth_id) -> None:
    open_dossier(qtbot, page, youth_id)
    type_into(qtbot, page, "bsn", "123456789")
    bsn = page.editors["bsn"]
    assert bsn.error_label.isVisibleTo(page)
    assert "11-proef" in bsn.error_label.text()
    assert bsn.widget.accessibleDescription() == bsn.error_label.text()

    type_into(qtbot, page, "birth_date", "01-01-2030")
    birth = page.editors["birth_date"]
    assert birth.error_label.isVisibleTo(page)
    assert birth.error_label.text() == "De geboortedatum ligt in de toekomst."

    type_into(qtbot, page, "birth_date", "31-02-2008")
    assert "geen geldige datum" in birth.error_label.text()

    qtbot.waitUntil(
        lambda: page.is_idle() and DossierService(ctx).drafts(youth_id).keys() == {"bsn", "birth_date"}, timeout=5000
    )
    youth = DossierService(ctx).get(youth_id)
    assert youth.bsn == "999999990"
    assert youth.birth_date == dt.date(2008, 3, 14)
    assert page.undo_stack.count() == 0  # nothing was saved, so nothing to undo

    # Typing a valid value again clears the message and the draft, and saves.
    type_into(qtbot, page, "birth_date", "14-03-2009")
    assert not birth.error_label.isVisibleTo(page)
    qtbot.waitUntil(
        lambda: page.is_idle() and stored(ctx, youth_id, "birth_date") == dt.date(2009, 3, 14), timeout=5000
    )
    assert "birth_date" not in DossierService(ctx).drafts(youth_id)


def test_autosave_and_drafts_survive_closing_and_reopening(qtbot, ctx, runner, youth_id) -> None:
    page = make_page(qtbot, ctx, runner)
    page.autosave_delay_ms = 60_000  # only closing the page can save these in time
    open_dossier(qtbot, page, youth_id)
    type_into(qtbot, page, "city", "Houten")
    type_into(qtbot, page, "bsn", "12345")
    with qtbot.waitSignal(page.closed, timeout=5000):
        page.close()
    assert stored(ctx, youth_id, "city") == "Houten"
    assert DossierService(ctx).drafts(youth_id) == {"bsn": "12345"}

    again = make_page(qtbot, ctx, runner)
    open_dossier(qtbot, again, youth_id)
    assert again.editors["city"].widget.text() == "Houten"
    assert again.editors["bsn"].widget.text() == "12345"
    assert "11-proef" in again.editors["bsn"].error_label.text()
    assert again.editors["bsn"].error_label.isVisibleTo(again)


def test_undo_reverts_an_edit_in_the_db_and_redo_reapplies_it(qtbot, ctx, page, youth_id) -> None:
    open_dossier(qtbot, page, youth_id)
    assert not page.undo_action.isEnabled()
    type_into(qtbot, page, "city", "Zeist")
    qtbot.waitUntil(lambda: page.is_idle() and stored(ctx, youth_id, "city") == "Zeist", timeout=5000)
    assert page.undo_action.isEnabled()
    assert "Woonplaats" in page.undo_action.text()

    page.undo_action.trigger()
    assert page.editors["city"].widget.text() == "Utrecht"
    qtbot.waitUntil(lambda: page.is_idle() and stored(ctx, youth_id, "city") == "Utrecht", timeout=5000)
    assert page.redo_action.isEnabled()

    page.redo_action.trigger()
    assert page.editors["city"].widget.text() == "Zeist"
    qtbot.waitUntil(lambda: page.is_idle() and stored(ctx, youth_id, "city") == "Zeist", timeout=5000)


def test_ctrl_z_in_a_field_undoes_the_saved_edit(qtbot, ctx, page, youth_id) -> None:
    open_dossier(qtbot, page, youth_id)
    city = page.editors["city"].widget
    city.setFocus()
    type_into(qtbot, page, "city", "Zeist")
    # Ctrl+Z right away: the pending edit is saved first, then undone as one step.
    qtbot.keyClick(city, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert city.text() == "Utrecht"
    qtbot.waitUntil(lambda: page.is_idle() and stored(ctx, youth_id, "city") == "Utrecht", timeout=5000)
    qtbot.keyClick(city, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert city.text() == "Zeist"
    qtbot.waitUntil(lambda: page.is_idle() and stored(ctx, youth_id, "city") == "Zeist", timeout=5000)


def test_choice_and_checkbox_save_at_once_and_update_completeness(qtbot, ctx, page, youth_id) -> None:
    open_dossier(qtbot, page, youth_id)
    assert page.nav_items["A"].text(1) == "4/5"  # voorkeur contactkanaal is missing
    combo = page.editors["contact_channel"].widget
    combo.setCurrentIndex(combo.findData("whatsapp"))
    page.editors["interpreter"].widget.click()
    qtbot.waitUntil(lambda: page.is_idle() and page.nav_items["A"].text(1) == "✓", timeout=5000)
    youth = DossierService(ctx).get(youth_id)
    assert (youth.contact_channel, youth.interpreter) == ("whatsapp", True)


def add_contact(qtbot, page: DossierEditorPage, role: str, name: str) -> None:
    contacts = page.lists["contacts"]
    dialog = contacts.open_add_dialog()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible()  # required fields missing: refused with messages
    assert dialog.editors["name"].error_label.text() == "Naam is verplicht."
    combo = dialog.editors["role"].widget
    combo.setCurrentIndex(combo.findData(role))
    qtbot.keyClicks(dialog.editors["name"].widget, name)
    rows = contacts.model.rowCount()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: page.is_idle() and contacts.model.rowCount() == rows + 1, timeout=5000)


def test_contacts_add_edit_remove_and_undo_the_removal(qtbot, ctx, page, youth_id) -> None:
    open_dossier(qtbot, page, youth_id)
    page.show_section("B")
    contacts = page.lists["contacts"]
    assert page.fixed_contact_label.isVisibleTo(page)
    add_contact(qtbot, page, "ouder", "Fatma Özdemir")
    add_contact(qtbot, page, "jobcoach", "Rik Smeets")
    names = [c.name for c in DossierService(ctx).get(youth_id).contacts]
    assert names == ["Fatma Özdemir", "Rik Smeets"]

    # A cell with an invalid phone number is refused with a message; a valid one is saved.
    model = contacts.model
    phone = model.index(0, model.column_of("phone"))
    assert not model.setData(phone, "12")
    assert contacts.message.text() == "Telefoon: geen geldig telefoonnummer."
    assert model.setData(phone, "0612345678")
    qtbot.waitUntil(
        lambda: page.is_idle() and DossierService(ctx).get(youth_id).contacts[0].phone == "06 12345678", timeout=5000
    )

    # Exactly one vaste contactpersoon: ticking the second unticks the first.
    fixed = model.column_of("is_fixed_contact")
    model.setData(model.index(0, fixed), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    model.setData(model.index(1, fixed), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    qtbot.waitUntil(
        lambda: (
            page.is_idle() and [c.is_fixed_contact for c in DossierService(ctx).get(youth_id).contacts] == [False, True]
        ),
        timeout=5000,
    )
    assert not page.fixed_contact_label.isVisibleTo(page)
    assert page.nav_items["B"].text(1) == "✓"

    # Remove the first, then undo the removal: it comes back with what it held.
    contacts.view.selectRow(0)
    contacts.remove_button.click()
    qtbot.waitUntil(lambda: page.is_idle() and len(DossierService(ctx).get(youth_id).contacts) == 1, timeout=5000)
    assert contacts.model.rowCount() == 1
    assert page.save_label.text() == "Betrokkene verwijderd; ongedaan maken met Ctrl+Z."
    page.undo_action.trigger()
    qtbot.waitUntil(lambda: page.is_idle() and len(DossierService(ctx).get(youth_id).contacts) == 2, timeout=5000)
    back = next(c for c in DossierService(ctx).get(youth_id).contacts if c.name == "Fatma Özdemir")
    assert (back.role, back.phone) == ("ouder", "06 12345678")
    assert contacts.model.rowCount() == 2
    # Undo further: the phone edit on the re-added item is found under its new id.
    page.undo_action.trigger()  # the fixed-contact tick of Rik
    page.undo_action.trigger()  # the fixed-contact tick of Fatma
    page.undo_action.trigger()  # the phone number
    qtbot.waitUntil(
        lambda: (
            page.is_idle()
            and next(c for c in DossierService(ctx).get(youth_id).contacts if c.name == "Fatma Özdemir").phone is None
        ),
        timeout=5000,
    )


def test_cell_editor_validates_while_typing(qtbot, ctx, page, youth_id) -> None:
    open_dossier(qtbot, page, youth_id)
    page.show_section("B")
    add_contact(qtbot, page, "werkgever", "Bakkerij Van Vliet")
    contacts = page.lists["contacts"]
    index = contacts.model.index(0, contacts.model.column_of("email"))
    contacts.view.setCurrentIndex(index)
    contacts.view.edit(index)
    editor = contacts.view.indexWidget(index)
    assert editor is not None and editor.accessibleName() == "E-mail"
    qtbot.keyClicks(editor, "bakker@")
    assert contacts.message.text() == "E-mail: geen geldig e-mailadres."
    assert editor.accessibleDescription() == "E-mail: geen geldig e-mailadres."
    # Enter on an invalid cell: not saved, and the cell opens again with the text typed so far.
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: contacts.view.indexWidget(index) is not None, timeout=2000)
    editor = contacts.view.indexWidget(index)
    assert editor.text() == "bakker@"
    assert contacts.message.text() == "E-mail: geen geldig e-mailadres."
    assert DossierService(ctx).get(youth_id).contacts[0].email is None
    editor.end(False)
    qtbot.keyClicks(editor, "example.nl")
    assert contacts.message.isHidden()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: page.is_idle() and DossierService(ctx).get(youth_id).contacts[0].email == "bakker@example.nl",
        timeout=5000,
    )


def test_alt_letters_win_over_menu_mnemonics_inside_the_editor(qtbot, ctx, runner, youth_id) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    for title in ("&Bestand", "Beel&d", "&Help"):
        window.menuBar().addMenu(title).addAction("x")
    page = DossierEditorPage(ctx, runner, window)
    window.setCentralWidget(page)
    window.show()
    open_dossier(qtbot, page, youth_id)
    city = page.editors["city"].widget
    city.setFocus()
    for key, code in ((Qt.Key.Key_B, "B"), (Qt.Key.Key_D, "D"), (Qt.Key.Key_H, "H"), (Qt.Key.Key_A, "A")):
        qtbot.keyClick(QApplication.focusWidget() or city, key, Qt.KeyboardModifier.AltModifier)
        assert page.stack.currentWidget() is page.section_pages[code]
        assert page.section_pages[code].isAncestorOf(QApplication.focusWidget())
        assert QApplication.activePopupWidget() is None
    assert city.text() == "Utrecht"  # no letter typed anywhere
    assert QApplication.focusWidget() is page.editors["first_names"].widget
    assert page.editors["first_names"].widget.text() == "Ĳsbrand Jan"


def test_tab_reaches_every_field_of_a_section(qtbot, ctx, page, youth_id) -> None:
    open_dossier(qtbot, page, youth_id)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=2000)
    first = page.editors["first_names"].widget
    first.setFocus()
    seen = []
    for _ in range(40):
        seen.append(page.focusWidget())
        qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Tab)
    section_a = [f.name for f in SECTION_BY_CODE["A"].fields]
    order = [next((n for n in section_a if page.editors[n].widget is w), None) for w in seen]
    reached = [n for n in order if n]
    assert reached[: len(section_a)] == section_a


def test_status_change_offers_only_allowed_transitions(qtbot, ctx, page, youth_id) -> None:
    open_dossier(qtbot, page, youth_id)
    assert "Concept" in page.status_label.text()
    assert page.status_choices() == rules.allowed_manual_statuses("concept") == ["klaar"]
    assert [a.data() for a in page.status_menu.actions()] == ["klaar"]
    with qtbot.waitSignal(page.dossier_saved, timeout=5000):
        page.status_menu.actions()[0].trigger()
    assert stored(ctx, youth_id, "status") == "klaar"
    assert "Klaar voor gesprek" in page.status_label.text()
    offered = [a.data() for a in page.status_menu.actions()]
    assert offered == ["besproken", "concept"]
    assert not set(offered) & {"verstuurd", "ontvangen"}
    assert [b.text() for b in page.status_section.buttons()] == ["Zet op 'Besproken'", "Zet op 'Concept'"]


def test_health_notes_only_with_consent_that_includes_health(qtbot, ctx, page, youth_id) -> None:
    open_dossier(qtbot, page, youth_id)
    health = page.editors["health_notes"]
    assert not health.widget.isEnabled()
    assert "toestemming" in health.widget.toolTip()
    page.show_section("F")
    assert page.health_hint.isVisibleTo(page)
    assert "onderdeel J, Toestemming" in page.health_hint.text()
    page.show_section("J")

    dialog = page.consent_panel.open_consent_dialog()
    assert dialog.editors["given_by"].raw() == "jongere"  # 18 years old
    assert dialog.editors["recipient"].raw() == "Werk en Inkomen gemeente Utrecht"
    dialog.editors["form"].widget.setCurrentIndex(dialog.editors["form"].widget.findData("papier"))
    dialog.editors["includes_health"].widget.setChecked(True)
    dialog.section_boxes["F"].setChecked(True)
    with qtbot.waitSignal(dialog.recorded, timeout=5000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: page.is_idle() and health.widget.isEnabled(), timeout=5000)
    assert not page.health_hint.isVisibleTo(page)
    page.show_section("F")
    qtbot.keyClicks(health.widget, "Epilepsie; medicatie 's ochtends.")
    qtbot.waitUntil(
        lambda: page.is_idle() and stored(ctx, youth_id, "health_notes") == "Epilepsie; medicatie 's ochtends.",
        timeout=5000,
    )
    consent = DossierService(ctx).get(youth_id).consents[0]
    assert consent.includes_health and consent.given_by_name == "Ĳsbrand" and "F" in consent.sections
    assert "Geldige toestemming" in page.consent_panel.state_label.text()

    # Withdrawing asks first; after "Intrekken" the health field is closed again.
    panel = page.consent_panel
    panel.view.selectRow(0)
    box = panel.ask_withdraw()
    assert box is not None and "intrekken" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: page.is_idle() and not health.widget.isEnabled(), timeout=5000)
    assert DossierService(ctx).get(youth_id).consents[0].withdrawn_on == ctx.today()


def test_inspection_needs_a_reason_when_the_young_person_disagrees(qtbot, ctx, page, youth_id) -> None:
    open_dossier(qtbot, page, youth_id)
    panel = page.consent_panel
    panel.inspection["agrees"].widget.click()  # not agreeing
    assert panel.inspection["reason"].widget.isEnabled()
    panel.inspection_button.click()
    assert panel.inspection["reason"].error_label.text() == "Geef aan waarmee de jongere het niet eens is."
    qtbot.keyClicks(panel.inspection["reason"].widget, "De tekst over thuis klopt niet.")
    panel.inspection_button.click()
    qtbot.waitUntil(lambda: page.is_idle() and len(DossierService(ctx).get(youth_id).inspections) == 1, timeout=5000)
    inspection = DossierService(ctx).get(youth_id).inspections[0]
    assert (inspection.agrees, inspection.reason) == (False, "De tekst over thuis klopt niet.")
    assert "niet eens" in panel.inspections_label.text()


def test_sections_by_keyboard(qtbot, ctx, page, youth_id) -> None:
    open_dossier(qtbot, page, youth_id)
    page.editors["city"].widget.setFocus()
    qtbot.keyClick(page.editors["city"].widget, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    assert page.stack.currentWidget() is page.section_pages["G"]
    qtbot.keyClick(page.focusWidget() or page, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert page.stack.currentWidget() is page.section_pages["M"]
    codes = [page.nav.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) for i in range(page.nav.topLevelItemCount())]
    assert codes == [*"ABCDEFGHIJK", "M"]
    for editor in page.editors.values():
        assert editor.widget.accessibleName()
        assert editor.widget.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_consent_valid_for_demo_and_concept_consent_state(qtbot, ctx, page) -> None:
    youth_id = DossierService(ctx).create_youth(
        youth_values(first_names="Noor", called_name=None, infix=None, last_name="Bakker")
    )
    ConsentService(ctx).record(
        youth_id,
        {
            "given_by": "jongere",
            "given_by_name": "Noor",
            "recipient": "Werk en Inkomen gemeente Utrecht",
            "purpose": "overstap",
            "given_on": dt.date(2026, 9, 1),
            "form": "digitaal",
        },
        ["B", "C"],
    )
    open_dossier(qtbot, page, youth_id)
    assert page.name_label.text() == "Noor Bakker"
    assert page.consent_panel.model.rowCount() == 1
    assert page.nav_items["J"].text(1) == "1/2"  # inzage still missing


def test_leaving_a_field_shows_the_tidy_form_of_what_was_typed(qtbot, ctx, page, youth_id) -> None:
    open_dossier(qtbot, page, youth_id)
    page.activateWindow()
    phone = page.editors["phone"].widget
    phone.setFocus()
    type_into(qtbot, page, "phone", "0612345678")
    qtbot.waitUntil(lambda: page.is_idle() and stored(ctx, youth_id, "phone") == "06 12345678", timeout=5000)
    page.editors["email"].widget.setFocus()  # focus leaves the phone field
    qtbot.waitUntil(lambda: phone.text() == "06 12345678", timeout=2000)
    assert page.undo_stack.count() == 1


def test_item_table_model_without_a_view(qtbot) -> None:
    from handover.domain.fields import LISTS
    from handover.ui.editor.lists import ItemTableModel
    from handover.ui.models.roles import Role

    today = dt.date(2026, 11, 29)
    model = ItemTableModel(LISTS["agreements"], lambda: today)
    edits = []
    refused = []
    model.edit_requested.connect(lambda *args: edits.append(args))
    model.invalid.connect(refused.append)
    model.set_rows(
        [
            {
                "id": "a1",
                "action": "Intake plannen",
                "organisation": "werk_en_inkomen",
                "person": None,
                "deadline": dt.date(2026, 11, 1),
                "status": "open",
            },
            {
                "id": "a2",
                "action": "DigiD regelen",
                "organisation": "jongere",
                "person": "Noor",
                "deadline": dt.date(2027, 1, 1),
                "status": "gedaan",
            },
        ]
    )
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == [
        "Actie",
        "Organisatie",
        "Persoon",
        "Tot wanneer",
        "Status",
    ]
    status, deadline = model.column_of("status"), model.column_of("deadline")
    assert model.index(0, status).data() == "Verlopen"  # derived from the deadline, never stored
    assert model.index(1, status).data() == "Gedaan"
    assert model.index(0, model.column_of("organisation")).data() == "Werk en Inkomen"
    assert model.index(0, deadline).data() == "01-11-2026"
    assert model.index(0, deadline).data(Role.SORT) == dt.date(2026, 11, 1)
    assert model.index(1, 0).data(Role.OBJECT)["person"] == "Noor"

    assert not model.setData(model.index(0, status), "verlopen")
    assert not model.setData(model.index(0, deadline), "32-13-2026")
    assert refused == [
        "'Verlopen' volgt vanzelf uit de datum bij 'Tot wanneer'.",
        "Tot wanneer: geen geldige datum (gebruik dd-mm-jjjj).",
    ]
    assert model.setData(model.index(0, deadline), "15-12-2026")
    assert edits == [("a1", "deadline", dt.date(2026, 11, 1), dt.date(2026, 12, 15))]
    assert model.index(0, status).data() == "Open"


def test_refresh_shows_changes_made_elsewhere_and_keeps_what_was_typed(qtbot, ctx, page, youth_id) -> None:
    page.autosave_delay_ms = 60_000
    open_dossier(qtbot, page, youth_id)
    type_into(qtbot, page, "city", "Zeist")  # still pending
    DossierService(ctx).add_item(
        youth_id, "agreements", {"action": "Intake plannen", "organisation": "werk_en_inkomen"}
    )
    with qtbot.waitSignal(page.dossier_opened, timeout=5000):
        page.refresh()
    assert page.lists["agreements"].model.rowCount() == 1
    assert page.editors["city"].widget.text() == "Zeist"
    assert stored(ctx, youth_id, "city") == "Zeist"


def test_rows_model_answers_the_shared_roles_without_a_view(qtbot) -> None:
    from handover.ui import theme
    from handover.ui.editor.rows import Column, RowsModel
    from handover.ui.models.base import TableModel
    from handover.ui.models.roles import Role

    rows = [{"name": "Na 3 maanden", "due": dt.date(2027, 1, 10), "late": True}, {"name": "Extra", "due": None}]
    model = RowsModel(
        [
            Column("Contactmoment", lambda r: r["name"]),
            Column("Gepland op", lambda r: str(r["due"] or ""), sort=lambda r: r["due"] or dt.date.max),
            Column(
                "Stand",
                lambda r: "Te laat" if r.get("late") else "",
                foreground=lambda r: theme.ERROR if r.get("late") else None,
            ),
        ]
    )
    model.set_rows(rows)
    assert isinstance(model, TableModel)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == [
        "Contactmoment",
        "Gepland op",
        "Stand",
    ]
    assert model.index(1, 0).data(Role.OBJECT) == rows[1]
    assert model.index(0, 1).data(Role.SORT) == dt.date(2027, 1, 10)
    assert model.index(1, 1).data(Role.SORT) == dt.date.max
    assert model.index(0, 0).data(Role.SORT) == "Na 3 maanden"  # no sort function: the text
    assert model.index(0, 2).data(Qt.ItemDataRole.ForegroundRole).color().name() == theme.ERROR
    assert model.index(1, 2).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(0, 2).data(Qt.ItemDataRole.AccessibleTextRole) == "Te laat"


class _Typed:
    """What a field control gives the edit session: the typed value (or its refusal) and the raw text."""

    def __init__(self, spec_name: str, text: str) -> None:
        from handover.domain.fields import YOUTH_FIELDS

        self.spec, self.raw = YOUTH_FIELDS[spec_name], text

    def clean(self) -> object:
        from handover.domain.validation import clean_value

        return clean_value(self.spec, self.raw, today=FIXED_TODAY)

    def text(self) -> str:
        return self.raw


def test_edit_session_saves_keeps_drafts_and_undoes_without_a_page(qtbot, ctx, runner, youth_id) -> None:
    from handover.ui.editor.session import EditSession

    session = EditSession(ctx, runner)
    inputs = {"city": _Typed("city", "Zeist"), "bsn": _Typed("bsn", "12345")}
    session.bind_inputs(inputs)
    with qtbot.waitSignal(session.dossier_opened, timeout=5000) as opened:
        session.open(youth_id)
    assert opened.args[0].view.city == "Utrecht" and session.field_value("city") == "Utrecht"

    checked: list[tuple[str, str]] = []
    session.field_checked.connect(lambda name, message: checked.append((name, message)))
    with qtbot.waitSignal(session.field_saved, timeout=5000) as saved:
        session.field_edited("city")
        session.field_edited("bsn")
        session.flush()
    assert saved.args == ["city", "Zeist"]
    assert session.view is not None and session.view.city == "Zeist"  # a new frozen view, not a changed row
    qtbot.waitUntil(session.is_idle, timeout=5000)
    assert stored(ctx, youth_id, "city") == "Zeist"
    assert DossierService(ctx).drafts(youth_id) == {"bsn": "12345"}
    assert ("city", "") in checked and any(name == "bsn" and message for name, message in checked)
    assert session.draft_count == 1

    restored: list[tuple[str, object]] = []
    session.field_restored.connect(lambda name, value: restored.append((name, value)))
    session.undo_stack.undo()
    qtbot.waitUntil(lambda: session.is_idle() and stored(ctx, youth_id, "city") == "Utrecht", timeout=5000)
    assert restored == [("city", "Utrecht")]
