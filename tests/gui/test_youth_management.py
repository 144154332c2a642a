"""Managing the list of young people in the real window: a duplicate warning when creating someone,
deleting a young person (asked first, audited, the outbox told), another mentor, the Klas column,
and finished cases apart from the active ones."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QPushButton
from sqlalchemy import select

from handover.services import queries
from handover.services.dossiers import DossierService, NotFound
from handover.store.models import AuditEvent, CheckIn, Consent, Youth
from handover.ui.main_window import PAGE_JONGEREN
from handover.ui.models import ACTIVE, YouthTableModel
from handover.ui.youth_dialogs import MentorDialog, NewYouthDialog
from tests.conftest import youth_values

pytestmark = pytest.mark.timeout(90)


def _ascii_youth(ctx, **overrides) -> str:
    values = youth_values(
        first_names="Sem Jan", called_name="Sem", infix=None, last_name="Dogan", bsn=None, school_class="5A"
    )
    values.update(overrides)
    return DossierService(ctx).create_youth(values)


def _audit(ctx, action: str, youth_id: str) -> list[AuditEvent]:
    with ctx.session() as session:
        return list(
            session.scalars(select(AuditEvent).where(AuditEvent.action == action, AuditEvent.entity_id == youth_id))
        )


def _select(page, youth_id: str) -> None:
    for row in range(page.proxy.rowCount()):
        if page.proxy.youth_at(row).id == youth_id:
            page.table.selectRow(row)
            page.table.setFocus()
            return
    raise AssertionError(f"{youth_id} staat niet in de lijst")


def _type_new_youth(qtbot, dialog: NewYouthDialog, first: str, last: str, birth: str) -> None:
    for name, text in (("first_names", first), ("last_name", last), ("birth_date", birth)):
        dialog.edits[name].clear()
        qtbot.keyClicks(dialog.edits[name], text)


def test_creating_someone_with_the_same_name_and_birth_date_warns_first(qtbot, ctx, make_window) -> None:
    existing = _ascii_youth(ctx)
    window = make_window(ctx, page=PAGE_JONGEREN)
    window.new_youth()
    dialog = window.findChild(NewYouthDialog)
    _type_new_youth(qtbot, dialog, "Sem", "dogan", "14-03-2008")  # the first of the voornamen, any case
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.click()
    qtbot.waitUntil(lambda: dialog.duplicate_warning.isVisible(), timeout=5000)
    text = dialog.duplicate_warning.text()
    assert "al een jongere met deze naam en geboortedatum" in text and "Sem Dogan (klas 5A)" in text
    assert ok.text() == "Toch aanmaken" and dialog.open_existing.isVisible()
    assert len(queries.youth_rows(ctx)) == 1  # nothing created yet

    # "Bestaande openen" opens the one already there instead.
    with qtbot.waitSignal(window.youth_opened, timeout=5000) as opened:
        dialog.open_existing.click()
    assert opened.args[0] == existing
    assert len(queries.youth_rows(ctx)) == 1

    # Someone else after all: the second click creates.
    window.new_youth()
    dialog = [d for d in window.findChildren(NewYouthDialog) if d.isVisible()][0]
    _type_new_youth(qtbot, dialog, "Sem", "Dogan", "14-03-2008")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: dialog.duplicate_warning.isVisible(), timeout=5000)
    with qtbot.waitSignal(dialog.created, timeout=5000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert len(queries.youth_rows(ctx)) == 2


def test_a_changed_birth_date_is_checked_again_and_no_warning_creates_at_once(qtbot, ctx, runner) -> None:
    _ascii_youth(ctx)
    dialog = NewYouthDialog(ctx, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    _type_new_youth(qtbot, dialog, "Sem", "Dogan", "14-03-2008")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: dialog.duplicate_warning.isVisible(), timeout=5000)
    _type_new_youth(qtbot, dialog, "Sem", "Dogan", "15-03-2008")  # another person: no warning, created
    with qtbot.waitSignal(dialog.created, timeout=5000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert len(queries.youth_rows(ctx)) == 2


def _confirm_box(qtbot, window) -> QMessageBox:
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "confirmDelete") is not None, timeout=5000)
    box = window.findChild(QMessageBox, "confirmDelete")
    qtbot.waitUntil(box.isVisible, timeout=5000)
    return box


def test_deleting_a_young_person_asks_first_and_is_audited(qtbot, ctx, make_window) -> None:
    keep = _ascii_youth(ctx, first_names="Noor", called_name="Noor", last_name="Visser")
    gone = _ascii_youth(ctx)
    window = make_window(ctx, page=PAGE_JONGEREN)
    page = window.jongeren

    _select(page, gone)
    page.delete_action.trigger()
    box = _confirm_box(qtbot, window)
    assert "Sem Dogan en alles wat over deze jongere is vastgelegd verwijderen?" in box.text()
    assert "Werk en Inkomen" in box.informativeText()
    cancel = [b for b in box.findChildren(QPushButton) if b.text() == "Annuleren"][0]
    cancel.click()
    assert len(queries.youth_rows(ctx)) == 2  # cancelled: nothing happened
    box.deleteLater()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "confirmDelete") is None, timeout=5000)

    _select(page, gone)
    page.delete_action.trigger()
    box = _confirm_box(qtbot, window)
    with qtbot.waitSignal(window.youth_actions.deleted, timeout=5000):
        box.findChild(QPushButton, "confirmDeleteButton").click()
    with qtbot.waitSignal(window.youth_list_loaded, timeout=5000):
        pass  # the list refreshes
    assert [r.id for r in queries.youth_rows(ctx)] == [keep]
    assert page.proxy.rowCount() == 1
    assert "Sem Dogan is verwijderd." in window.statusBar().currentMessage()
    with pytest.raises(NotFound):
        DossierService(ctx).get(gone)
    (event,) = _audit(ctx, "delete", gone)
    assert event.entity == "youth" and "Dogan" not in str(event.detail)  # the id, never the name
    with ctx.session() as session:
        assert session.scalars(select(CheckIn).where(CheckIn.youth_id == gone)).first() is None


def test_deleting_the_young_person_whose_dossier_is_open_closes_it(qtbot, ctx, make_window) -> None:
    youth_id = _ascii_youth(ctx)
    window = make_window(ctx, page=PAGE_JONGEREN)
    window.open_youth(youth_id)
    qtbot.waitUntil(lambda: window.editor is not None and window.open_youth_id == youth_id, timeout=5000)
    window.youth_actions.delete_youth(youth_id)
    box = _confirm_box(qtbot, window)
    with qtbot.waitSignal(window.youth_actions.deleted, timeout=5000):
        box.findChild(QPushButton, "confirmDeleteButton").click()
    assert window.open_youth_id is None
    assert window.current_page() is window.jongeren
    assert queries.youth_rows(ctx) == []


def test_delete_withdraws_the_consents_before_the_change_hooks_run(ctx) -> None:
    """The outbox hook (the sync) sees a dossier without valid consent, so it plans a withdrawal
    for a dossier it sent, in the same transaction as the erasure (tests/sync: it reaches the gemeente)."""
    from handover.services.consent import ConsentService

    youth_id = _ascii_youth(ctx)
    ConsentService(ctx).record(
        youth_id,
        {
            "given_by": "jongere",
            "given_by_name": "Sem",
            "recipient": "Werk en Inkomen gemeente Utrecht",
            "purpose": "overstap",
            "given_on": dt.date(2026, 6, 1),
            "form": "papier",
        },
        ["B", "C"],
    )
    seen: list[tuple[str, list[dt.date | None]]] = []
    ctx.change_hooks.append(
        lambda session, youth, action: seen.append((action, [c.withdrawn_on for c in youth.consents]))
    )
    DossierService(ctx).delete_youth(youth_id)
    assert seen == [("delete", [ctx.today()])]
    with ctx.session() as session:
        assert session.get(Youth, youth_id) is None
        assert session.scalars(select(Consent).where(Consent.youth_id == youth_id)).first() is None


def test_reassigning_the_mentor_from_the_list(qtbot, ctx, make_window) -> None:
    youth_id = _ascii_youth(ctx)
    window = make_window(ctx, page=PAGE_JONGEREN)
    page = window.jongeren
    _select(page, youth_id)
    page.mentor_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(MentorDialog) is not None, timeout=5000)
    dialog = window.findChild(MentorDialog)
    assert dialog.mentor.currentText() == "Marieke de Jong"  # the creator is the mentor
    dialog.mentor.setCurrentText("")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.general.text() == "Vul de naam van de mentor in."
    dialog.mentor.setCurrentText("  Ahmed   Benali ")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert DossierService(ctx).get(youth_id).mentor == "Ahmed Benali"
    changes = [e.detail for e in _audit(ctx, "change", youth_id)]
    assert {"fields": ["mentor"]} in [{k: v for k, v in d.items() if k == "fields"} for d in changes]
    qtbot.waitUntil(lambda: page.model.youth_at(0).mentor == "Ahmed Benali", timeout=5000)
    page.only_mine.setChecked(True)  # no longer one of Marieke's (she is not the vaste contactpersoon)
    assert page.proxy.rowCount() == 0


def test_the_list_shows_the_class_and_finished_cases_apart(qtbot, ctx, make_window) -> None:
    service = DossierService(ctx)
    active = _ascii_youth(ctx, school_class="6B")
    done = _ascii_youth(ctx, first_names="Noor", called_name="Noor", last_name="Visser", school_class="5C")
    for status, by_sync in (("klaar", False), ("verstuurd", True), ("ontvangen", True), ("afgerond", False)):
        service.set_status(done, status, by_sync=by_sync)
    window = make_window(ctx, page=PAGE_JONGEREN)
    page = window.jongeren

    assert page.model.headerData(YouthTableModel.COL_CLASS, Qt.Orientation.Horizontal) == "Klas"
    assert page.status.currentData() == ACTIVE and page.status.currentText() == "Actief (niet afgerond)"
    assert [page.proxy.youth_at(r).id for r in range(page.proxy.rowCount())] == [active]
    assert page.proxy.index(0, YouthTableModel.COL_CLASS).data() == "6B"
    assert page.count.text().startswith("1 jongeren · 1 afgerond")

    page.status.setCurrentIndex(page.status.findData("afgerond"))
    assert [page.proxy.youth_at(r).id for r in range(page.proxy.rowCount())] == [done]
    page.status.setCurrentIndex(page.status.findData(None))  # Alle statussen
    assert page.proxy.rowCount() == 2 and page.count.text() == "2 jongeren"
    qtbot.keyClicks(page.find_field, "5c")  # the find field searches the class it shows
    assert [page.proxy.youth_at(r).id for r in range(page.proxy.rowCount())] == [done]
