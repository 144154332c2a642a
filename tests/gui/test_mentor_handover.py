"""Jongeren overdragen aan een andere mentor (issue 13): a selection or everyone of one mentor goes to
another mentor, the vaste contactpersoon follows if asked, the audit log records old and new mentor;
and "Alleen mijn jongeren" starts on for a mentor (Instellingen: Rol op deze pc, Mijn naam als mentor)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QDialogButtonBox, QMenu, QMessageBox, QPushButton
from sqlalchemy import select

from handover.domain.validation import ValidationFailed
from handover.services.dossiers import DossierService
from handover.services.settings import set_setting
from handover.store.models import AuditEvent
from handover.ui.dialogs import SettingsDialog, load_settings
from handover.ui.main_window import PAGE_JONGEREN
from handover.ui.mentor_handover import HandoverDialog
from tests.conftest import youth_values

pytestmark = pytest.mark.timeout(90)

OLD, OTHER, NEW = "Marieke de Jong", "Ahmed Benali", "Fatima el Amrani"


def _youth(ctx, first: str, last: str, mentor: str, *, fixed: str | None = "mentor") -> str:
    """A young person of ``mentor``; ``fixed``: "mentor" (the mentor is the vaste contactpersoon),
    "ouder" (a parent is), or None (no vaste contactpersoon)."""
    service = DossierService(ctx)
    youth_id = service.create_youth(
        youth_values(first_names=first, called_name=first, infix=None, last_name=last, bsn=None), mentor=mentor
    )
    if fixed == "mentor":
        service.add_item(
            youth_id,
            "contacts",
            {
                "role": "mentor",
                "name": mentor,
                "organisation": "Praktijkschool De Brug",
                "phone": "030 2345678",
                "email": "m.dejong@debrug.example.nl",
                "is_fixed_contact": True,
            },
        )
    elif fixed == "ouder":
        service.add_item(youth_id, "contacts", {"role": "ouder", "name": "Mevr. Pinas", "is_fixed_contact": True})
    return youth_id


def _handover_events(ctx, youth_id: str) -> list[AuditEvent]:
    with ctx.session() as session:
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.entity_id == youth_id, AuditEvent.action == "change")
        )
        return [e for e in events if (e.detail or {}).get("handover")]


def _select_ids(page, ids: set[str]) -> None:
    selection = page.table.selectionModel()
    selection.clearSelection()
    for row in range(page.proxy.rowCount()):
        if page.proxy.youth_at(row).id in ids:
            selection.select(
                page.proxy.index(row, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )


def _open_dialog(qtbot, window) -> HandoverDialog:
    window.mentor_handover.action.trigger()
    qtbot.waitUntil(lambda: window.mentor_handover.dialog is not None and window.mentor_handover.dialog.isVisible())
    return window.mentor_handover.dialog


def _confirm(qtbot, dialog: HandoverDialog) -> QMessageBox:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: dialog.confirm_box is not None and dialog.confirm_box.isVisible())
    return dialog.confirm_box


def test_the_service_hands_over_in_one_go_with_the_vaste_contactpersoon_and_the_audit(ctx) -> None:
    with_mentor = _youth(ctx, "Sem", "Dogan", OLD)
    with_parent = _youth(ctx, "Noa", "Pinas", OLD, fixed="ouder")
    without = _youth(ctx, "Daan", "Visser", OLD, fixed=None)
    service = DossierService(ctx)

    result = service.hand_over([with_mentor, with_parent, without, with_mentor], f"  {NEW} ", fixed_contact=True)

    assert (result.moved, result.contacts) == (3, 2)
    views = {i: service.get(i) for i in (with_mentor, with_parent, without)}
    assert {v.mentor for v in views.values()} == {NEW}
    contact = views[with_mentor].contacts[0]
    assert (contact.name, contact.is_fixed_contact, contact.phone, contact.email) == (NEW, True, "030 234 5678", None)
    assert [(c.name, c.is_fixed_contact) for c in views[with_parent].contacts] == [("Mevr. Pinas", True)]  # left alone
    added = views[without].contacts
    assert [(c.role, c.name, c.is_fixed_contact, c.organisation) for c in added] == [
        ("mentor", NEW, True, "Praktijkschool De Brug")
    ]
    event = _handover_events(ctx, with_mentor)[0]
    assert event.detail["old_mentor"] == OLD and event.detail["new_mentor"] == NEW
    assert event.detail["fixed_contact"] == "vervangen" and event.detail["fields"] == ["mentor"]
    assert event.actor == "Marieke de Jong"
    assert _handover_events(ctx, with_parent)[0].detail["fixed_contact"] is None
    assert _handover_events(ctx, without)[0].detail["fixed_contact"] == "toegevoegd"

    # Again to the same mentor: nothing to do, nothing logged twice.
    assert service.hand_over([with_mentor], NEW).moved == 0
    assert len(_handover_events(ctx, with_mentor)) == 1
    with pytest.raises(ValidationFailed):
        service.hand_over([with_mentor], "   ")


def test_handing_over_a_selection_from_the_jongeren_page(qtbot, ctx, make_window) -> None:
    first = _youth(ctx, "Sem", "Dogan", OLD)
    second = _youth(ctx, "Noa", "Pinas", OLD)
    stays = _youth(ctx, "Daan", "Visser", OLD)
    _youth(ctx, "Lina", "Bakker", OTHER)  # a mentor the dossiers know
    window = make_window(ctx, page=PAGE_JONGEREN)
    page = window.jongeren
    _select_ids(page, {first, second})
    assert set(page.chosen_ids()) == {first, second}

    dialog = _open_dialog(qtbot, window)
    assert dialog.use_selection.isChecked() and "De gekozen jongeren (2)" in dialog.use_selection.text()
    assert "Noa Pinas" in dialog.selection_names.text() and "Sem Dogan" in dialog.selection_names.text()
    assert [dialog.to_mentor.itemText(i) for i in range(dialog.to_mentor.count())] == [OTHER, OLD]

    # No mentor chosen: said, nothing asked or saved.
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.general.text() == "Vul de naam van de nieuwe mentor in." and dialog.confirm_box is None

    dialog.to_mentor.setCurrentText(NEW)  # typed: a mentor not in the dossiers yet
    assert dialog.summary.text() == f"2 jongeren gaan naar {NEW}."
    assert dialog.fixed_contact.isChecked()
    box = _confirm(qtbot, dialog)
    assert box.text() == f"2 jongeren overdragen aan {NEW}?"
    assert "logboek" in box.informativeText()

    with qtbot.waitSignal(dialog.handed_over, timeout=10_000):
        box.findChild(QPushButton, "confirmHandoverButton").click()
    service = DossierService(ctx)
    assert service.get(first).mentor == NEW and service.get(second).mentor == NEW
    assert service.get(first).contacts[0].name == NEW  # the vaste contactpersoon followed
    assert service.get(stays).mentor == OLD
    assert len(_handover_events(ctx, first)) == 1 and _handover_events(ctx, stays) == []
    assert (
        window.statusBar().currentMessage()
        == f"2 jongeren overgedragen aan {NEW}. Vaste contactpersoon bijgewerkt bij 2."
    )
    qtbot.waitUntil(lambda: {window.youth_model.prepared.rows[i].mentor for i in range(3)} >= {NEW}, timeout=10_000)


def test_everyone_of_one_mentor_without_the_vaste_contactpersoon(qtbot, ctx, make_window) -> None:
    leaving = [_youth(ctx, n, "Dogan", OTHER) for n in ("Sem", "Noa", "Daan")]
    mine = _youth(ctx, "Lina", "Bakker", OLD)
    window = make_window(ctx, page=PAGE_JONGEREN)
    window.jongeren.table.clearSelection()

    dialog = _open_dialog(qtbot, window)
    assert not dialog.use_selection.isEnabled() and dialog.use_mentor.isChecked()  # nothing chosen in the list
    dialog.from_mentor.setCurrentIndex(dialog.from_mentor.findData(OTHER))
    assert dialog.from_mentor.currentText() == f"{OTHER} (3 jongeren)"
    dialog.to_mentor.setCurrentText(OLD)
    dialog.fixed_contact.setChecked(False)
    assert dialog.summary.text() == f"3 jongeren gaan naar {OLD}."
    box = _confirm(qtbot, dialog)
    with qtbot.waitSignal(dialog.handed_over, timeout=10_000) as done:
        box.findChild(QPushButton, "confirmHandoverButton").click()
    assert done.args[0].moved == 3 and done.args[0].contacts == 0
    service = DossierService(ctx)
    assert {service.get(i).mentor for i in leaving} == {OLD}
    assert {service.get(i).contacts[0].name for i in leaving} == {OTHER}  # left as it was
    assert _handover_events(ctx, mine) == []


def test_cancelling_the_confirmation_changes_nothing(qtbot, ctx, make_window) -> None:
    youth = _youth(ctx, "Sem", "Dogan", OLD)
    window = make_window(ctx, page=PAGE_JONGEREN)
    _select_ids(window.jongeren, {youth})
    dialog = _open_dialog(qtbot, window)
    dialog.to_mentor.setCurrentText(NEW)
    box = _confirm(qtbot, dialog)
    [cancel] = [b for b in box.buttons() if b.text() == "Annuleren"]
    cancel.click()
    qtbot.wait(200)
    assert dialog.isVisible() and DossierService(ctx).get(youth).mentor == OLD
    assert _handover_events(ctx, youth) == []


def test_a_mentor_sees_only_their_own_young_people_first_the_coordinator_everyone(qtbot, ctx, make_window) -> None:
    for n in ("Sem", "Noa"):
        _youth(ctx, n, "Dogan", "M. de Jong")  # how this mentor is written in the dossiers
    _youth(ctx, "Daan", "Visser", OTHER)
    with ctx.session() as session:
        set_setting(session, "pc_role", "mentor")
        set_setting(session, "mentor_name", "m. de jong")
    window = make_window(ctx, page=PAGE_JONGEREN)
    page = window.jongeren
    assert page.only_mine.isChecked()
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 2)
    assert page.count.text() == "2 van 3 jongeren"

    # Instellingen: this pc is the coördinator's now; the list shows everyone.
    dialog = SettingsDialog(ctx, window.runner, load_settings(ctx), window)
    qtbot.addWidget(dialog)
    dialog.saved.connect(window._settings_saved)
    assert dialog.pc_role.currentData() == "mentor" and dialog.mentor_name.text() == "m. de jong"
    dialog.pc_role.setCurrentIndex(dialog.pc_role.findData("coordinator"))
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert load_settings(ctx)["pc_role"] == "coordinator"
    assert not page.only_mine.isChecked()
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 3)

    # The toggle stays the user's own: on again by hand, only the mentor's two.
    page.only_mine.setChecked(True)
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 2)


def test_a_fresh_installation_is_the_coordinators_and_shows_everyone(qtbot, ctx, make_window) -> None:
    _youth(ctx, "Sem", "Dogan", OTHER)
    window = make_window(ctx, page=PAGE_JONGEREN)
    assert load_settings(ctx)["pc_role"] == "coordinator"
    assert not window.jongeren.only_mine.isChecked() and window.jongeren.proxy.rowCount() == 1


def test_the_context_menu_keeps_a_multiple_selection(qtbot, ctx, make_window) -> None:
    ids = {_youth(ctx, n, "Dogan", OLD) for n in ("Sem", "Noa", "Daan")}
    window = make_window(ctx, page=PAGE_JONGEREN)
    page = window.jongeren
    _select_ids(page, ids)
    rect = page.table.visualRect(page.proxy.index(1, 0))
    page.table.customContextMenuRequested.emit(rect.center())
    menu = [m for m in page.findChildren(QMenu) if m.isVisible()][-1]
    assert page.handover_action in menu.actions()
    assert set(page.chosen_ids()) == ids  # a right click in the selection keeps it
    menu.close()
