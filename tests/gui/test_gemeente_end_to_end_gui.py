"""Issue 10 end to end: the school's window and Werk en Inkomen's window, driven with qtbot, against the real
sync server on 127.0.0.1. Every sync runs through each window's own sync controller ("Synchroniseren").

1. the school sends; 2. the gemeente's Vandaag and Jongeren show the dossier; 3. the read-only view holds
exactly the consented sections; 4. the klantmanager plans the intake; 5. the school's section K and Vandaag
show it; 6. the klantmanager marks an agreement gedaan and the school's section I shows it; 7. the mentor
records a check-in "nog geen werk, school of dagbesteding (ontslag)" and the gemeente's Vandaag shows it;
8. the consent is withdrawn: the gemeente sees "toestemming ingetrokken" and cannot open the dossier.
Plus the conflict: one agreement changed on both sides before they synced; both versions survive and
both windows show the conflict until one side chooses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox

from handover.domain.fields import SHAREABLE_SECTIONS
from handover.gemeente import queries as q
from handover.gemeente.staff import set_staff
from handover.gemeente.view import NOT_COVERED
from handover.services.dossiers import DossierService
from handover.ui.dialogs import load_settings
from handover.ui.gemeente.models import ReceivedTableModel
from handover.ui.gemeente.window import PAGE_DOSSIER, PAGE_JONGEREN, GemeenteWindow
from handover.ui.main_window import PAGE_AFSPRAKEN
from tests.gui.test_checkins_ui import choose
from tests.sync.conftest import Installation, gemeente, live_server, school, youth_values  # noqa: F401 - fixtures

pytestmark = pytest.mark.timeout(240)

CONSENTED = ("B", "C", "H", "I")  # what the young person agreed to share (plus A, J, K, always)
ACTION = "Inschrijven bij Werk en Inkomen"
KLANTMANAGER = "Bram de Graaf"


# --- the two windows ---------------------------------------------------------------------------------


@pytest.fixture
def windows(qtbot, runner, make_window, school: Installation, gemeente: Installation) -> Iterator[tuple[Any, Any]]:  # noqa: F811
    with gemeente.ctx.session() as session:
        set_staff(session, ["Kees Klantmanager", KLANTMANAGER])
    school_window = make_window(school.ctx)
    assert school_window.start_sync(school.sync)
    gemeente_window = GemeenteWindow(gemeente.ctx, runner, settings=load_settings(gemeente.ctx))
    qtbot.addWidget(gemeente_window)
    gemeente_window.resize(1280, 800)
    gemeente_window.show()
    with qtbot.waitSignals([gemeente_window.ready, gemeente_window.vandaag.loaded], timeout=60_000):
        gemeente_window.load()
    assert gemeente_window.start_sync(gemeente.sync)
    for window in (school_window, gemeente_window):  # the first sync each controller starts by itself
        qtbot.waitUntil(lambda w=window: w.sync._enrolled and not w.sync.running, timeout=60_000)
    yield school_window, gemeente_window
    for window in (school_window, gemeente_window):
        window.sync.stop()
    runner.wait_idle()


def sync(qtbot, window: Any) -> Any:
    """Press "Synchroniseren" in this window and wait for the report."""
    qtbot.waitUntil(lambda: not window.sync.running, timeout=60_000)
    with qtbot.waitSignal(window.sync.sync_finished, timeout=60_000) as finished:
        window.sync_now()
    report = finished.args[0]
    assert report.ok, report.problems()
    return report


def sync_all(qtbot, school_window: Any, gemeente_window: Any) -> None:
    """School, gemeente, school: what each side changed reaches the other and the receipts come back."""
    sync(qtbot, school_window)
    sync(qtbot, gemeente_window)
    sync(qtbot, school_window)


def refreshed_school_vandaag(qtbot, window: Any) -> Any:
    window.show_page(0)
    with qtbot.waitSignal(window.vandaag.loaded, timeout=60_000):
        window.vandaag.refresh()
    return window.vandaag


def refreshed_gemeente_vandaag(qtbot, window: Any) -> Any:
    window.show_page(0)
    with qtbot.waitSignal(window.vandaag.loaded, timeout=60_000):
        window.reload()
    return window.vandaag


def card_texts(card: Any) -> list[str]:
    model = card.model
    return [
        " | ".join(str(model.index(r, c).data() or "") for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]


def open_school_dossier(qtbot, window: Any, youth_id: str, section: str | None = None) -> Any:
    window.open_youth(youth_id)
    editor = window.editor
    qtbot.waitUntil(lambda: editor.is_loaded and editor.youth_id == youth_id and editor.is_idle(), timeout=30_000)
    if section:
        editor.show_section(section)
    return editor


def open_gemeente_dossier(qtbot, window: Any, youth_id: str, sender_org: str) -> Any:
    with qtbot.waitSignal(window.dossier.opened, timeout=30_000):
        window.open_dossier(sender_org, youth_id)
    return window.dossier


def section_text(page: Any, code: str) -> str:
    """What the received view shows of one section (empty when nothing is shown)."""
    sections = getattr(page, "sections", None)
    if isinstance(sections, dict):
        return str(sections.get(code, ""))
    return str(page.boxes[code].body.text())


def agreements_dialog(qtbot, page: Any) -> Any:
    page.show_agreements()
    dialog = page.last_dialog
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=10_000)
    return dialog


def set_agreement_status(qtbot, dialog: Any, action: str, status: str) -> None:
    row = next(i for i, a in enumerate(dialog.agreements) if a.action == action)
    dialog.select_row(row)
    button = dialog.done_button if status == "gedaan" else dialog.lapsed_button
    assert button.isEnabled()
    with qtbot.waitSignal(dialog.changed, timeout=30_000):
        button.click()


def new_dossier(school: Installation) -> str:  # noqa: F811
    """The mentor's dossier, ready to go, with one agreement for Werk en Inkomen (made like the mentor does)."""
    dossiers = DossierService(school.ctx)
    youth_id = dossiers.create_youth(youth_values())
    dossiers.add_item(
        youth_id,
        "agreements",
        {"action": ACTION, "organisation": "werk_en_inkomen", "status": "open", "deadline": dt.date(2026, 12, 15)},
    )
    dossiers.set_status(youth_id, "klaar")
    return youth_id


def consent_and_send(qtbot, window: Any, youth_id: str, *, checkins: bool) -> Any:
    """Section J: the consent (chosen sections, the scope after school); section K: Versturen."""
    editor = open_school_dossier(qtbot, window, youth_id, "J")
    panel = editor.consent_panel
    qtbot.waitUntil(lambda: bool(panel.gemeenten), timeout=30_000)
    dialog = panel.open_consent_dialog()
    for code, box in dialog.section_boxes.items():
        box.setChecked(code in CONSENTED)
    choose(dialog.editors["form"], "papier")
    dialog.checkins_box.setChecked(checkins)
    with qtbot.waitSignal(dialog.recorded, timeout=30_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: editor.is_idle() and panel.model.rowCount() == 1, timeout=30_000)
    editor.show_section("K")  # its send state follows the consent at once (no reopening)
    section_k = editor.status_section
    qtbot.waitUntil(lambda: "klaar om te versturen" in section_k.send_state.text(), timeout=30_000)
    with qtbot.waitSignal(window.send_flow.dialog_opened, timeout=30_000) as opened:
        section_k.send_button.click()
    with qtbot.waitSignal(window.sync.sync_finished, timeout=60_000) as finished:
        opened.args[0].send_button.click()
    assert finished.args[0].ok and finished.args[0].stored >= 1
    return editor


# --- the test the issue asks for -----------------------------------------------------------------------


def test_school_and_gemeente_windows_end_to_end(qtbot, windows, school: Installation, gemeente: Installation) -> None:  # noqa: F811
    school_window, gemeente_window = windows
    youth_id = new_dossier(school)
    school_org = school.sync.state_value("org_id")

    # 1. The school sends (consent in section J with "contactmomenten na school", then Versturen in K).
    editor = consent_and_send(qtbot, school_window, youth_id, checkins=True)
    qtbot.waitUntil(lambda: "verstuurd op" in editor.status_section.send_state.text(), timeout=30_000)
    qtbot.waitUntil(  # section K follows the sync while the dossier stays open
        lambda: any(line.text.startswith("Verstuurd (versie") for line in editor.exchange_panel.model.objects()),
        timeout=30_000,
    )

    # 2. The gemeente's Vandaag and Jongeren show it.
    sync(qtbot, gemeente_window)
    vandaag = refreshed_gemeente_vandaag(qtbot, gemeente_window)
    new = vandaag.cards[q.CARD_NEW]
    assert [new.model.item_at(r).youth_id for r in range(new.model.rowCount())] == [youth_id]
    gemeente_window.show_page(PAGE_JONGEREN)
    jongeren = gemeente_window.jongeren
    qtbot.waitUntil(lambda: jongeren.proxy.rowCount() == 1, timeout=30_000)
    assert jongeren.proxy.index(0, ReceivedTableModel.COL_NAME).data() == "Ĳsbrand van der Özdemir"
    assert jongeren.proxy.index(0, ReceivedTableModel.COL_ID).data() == youth_id[:8]

    # 3. The read-only view holds exactly the consented sections (opened from Vandaag, like a klantmanager).
    gemeente_window.show_page(0)
    with qtbot.waitSignal(gemeente_window.dossier.opened, timeout=30_000):
        new.table.activated.emit(new.model.index(0, 0))
    page = gemeente_window.dossier
    assert gemeente_window.navigation.currentRow() == PAGE_DOSSIER
    assert page.name.text() == "Ĳsbrand van der Özdemir"
    for code in SHAREABLE_SECTIONS:
        text = section_text(page, code)
        assert (NOT_COVERED in text) == (code not in CONSENTED), (code, text)
    assert "Utrecht" in section_text(page, "A") and NOT_COVERED not in section_text(page, "B")
    assert ACTION in section_text(page, "I")

    # 4. The klantmanager plans the intake (date, and a klantmanager from the staff list).
    page.plan_intake()
    dialog = page.last_dialog
    dialog.klantmanager.setCurrentIndex(dialog.klantmanager.findText(KLANTMANAGER))
    dialog.date.setDate(QDate(2026, 12, 10))
    with qtbot.waitSignal(page.opened, timeout=30_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert "intake gepland" in page.case.text() and KLANTMANAGER in page.case.text()
    sync(qtbot, gemeente_window)

    # 5. The school's Vandaag and section K show it, with the signer.
    sync(qtbot, school_window)
    school_vandaag = refreshed_school_vandaag(qtbot, school_window)
    news = card_texts(school_vandaag.cards["nieuw_wi"])
    intake = f"Intake gepland op 10-12-2026 met {KLANTMANAGER}"
    assert any(intake in t and "Kees Klantmanager" in t for t in news), news
    assert any("Ontvangen door Werk en Inkomen" in t for t in news), news
    card = school_vandaag.cards["nieuw_wi"]
    row = next(r for r in range(card.model.rowCount()) if intake in card.model.item_at(r).what)
    with qtbot.waitSignal(editor.dossier_opened, timeout=30_000):
        card.table.activated.emit(card.model.index(row, 0))
    editor.show_section("K")
    texts = editor.exchange_panel.texts()
    assert any("Ontvangen door Werk en Inkomen · Kees Klantmanager" in t for t in texts), texts
    assert any(t.endswith(f"{intake} · Kees Klantmanager") for t in texts), texts
    assert editor.exchange_panel.view.isVisibleTo(editor)

    # 6. The klantmanager marks the agreement gedaan; the school's section I shows it and who did it.
    dialog = agreements_dialog(qtbot, page)
    set_agreement_status(qtbot, dialog, ACTION, "gedaan")
    dialog.close()
    sync(qtbot, gemeente_window)
    sync(qtbot, school_window)
    editor.show_section("I")  # the open dossier shows what the sync brought, without reopening
    qtbot.waitUntil(
        lambda: [(r["action"], r["status"]) for r in editor.lists["agreements"].model.rows()] == [(ACTION, "gedaan")],
        timeout=30_000,
    )
    changes = editor.agreement_changes
    assert changes.isVisibleTo(editor)
    shown = changes.findChild(QLabel, "afspraken_door_gemeente").text()
    assert f"“{ACTION}”: gewijzigd door Kees Klantmanager (Werk en Inkomen) op " in shown
    school_window.show_page(PAGE_AFSPRAKEN)  # Afspraken: the same change, with who made it
    with qtbot.waitSignal(school_window.afspraken.loaded, timeout=30_000):
        school_window.afspraken.refresh()
    afspraken = school_window.afspraken.model
    (position,) = [i for i, r in enumerate(afspraken.rows) if r.youth_id == youth_id]
    assert afspraken.index(position, afspraken.COL_CHANGED).data().startswith("Kees Klantmanager (Werk en Inkomen), ")

    # 7. The mentor records a check-in: nog geen werk, school of dagbesteding, reden ontslag.
    editor = open_school_dossier(qtbot, school_window, youth_id, "M")
    record = editor.checkins_panel.open_record_dialog()
    choose(record.editors["channel"], "telefoon")
    choose(record.editors["situation"], "geen")
    choose(record.editors["situation_reason"], "ontslag")
    with qtbot.waitSignal(record.saved, timeout=30_000):
        record.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(editor.is_idle, timeout=30_000)
    sync(qtbot, school_window)
    sync(qtbot, gemeente_window)
    vandaag = refreshed_gemeente_vandaag(qtbot, gemeente_window)
    situation = card_texts(vandaag.cards[q.CARD_SITUATION])
    assert len(situation) == 1, situation
    assert q.JOB_LOSS_TEXT in situation[0] and "Nog geen werk, school of dagbesteding (Ontslag)" in situation[0]

    # 8. The consent is withdrawn (section J, with the question first).
    editor = open_school_dossier(qtbot, school_window, youth_id, "J")
    panel = editor.consent_panel
    panel.view.selectRow(0)
    box = panel.ask_withdraw()
    assert box is not None
    with qtbot.waitSignal(editor.dossier_saved, timeout=30_000):
        box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(editor.is_idle, timeout=30_000)
    sync_all(qtbot, school_window, gemeente_window)
    vandaag = refreshed_gemeente_vandaag(qtbot, gemeente_window)
    withdrawn = vandaag.cards[q.CARD_WITHDRAWN]
    assert [withdrawn.model.item_at(r).youth_id for r in range(withdrawn.model.rowCount())] == [youth_id]
    assert "Toestemming ingetrokken" in withdrawn.title.text()
    with qtbot.waitSignal(page.open_failed, timeout=30_000) as refused:
        gemeente_window.open_dossier(school_org, youth_id)
    assert "ingetrokken" in refused.args[0]
    assert all(not section_text(page, code) for code in SHAREABLE_SECTIONS)
    assert not page.intake_button.isEnabled() and not page.agreements_button.isEnabled()
    # The school sees the receipt of the withdrawal in section K.
    editor = open_school_dossier(qtbot, school_window, youth_id, "K")
    assert any("Intrekking" in t for t in editor.exchange_panel.texts()), editor.exchange_panel.texts()


def test_an_agreement_changed_on_both_sides_offline_is_a_conflict_in_both_windows(
    qtbot,
    windows,
    school: Installation,  # noqa: F811
) -> None:
    school_window, gemeente_window = windows
    youth_id = new_dossier(school)
    school_org = school.sync.state_value("org_id")
    consent_and_send(qtbot, school_window, youth_id, checkins=False)
    sync(qtbot, gemeente_window)
    sync(qtbot, school_window)
    page = open_gemeente_dossier(qtbot, gemeente_window, youth_id, school_org)

    # Before either syncs: the mentor marks it done on the Afspraken page, the klantmanager lets it lapse.
    afspraken = school_window.afspraken
    school_window.show_page(PAGE_AFSPRAKEN)
    with qtbot.waitSignal(afspraken.loaded, timeout=30_000):
        afspraken.refresh()
    afspraken.show_done.setChecked(True)
    (proxy_row,) = [r for r in range(afspraken.proxy.rowCount()) if afspraken.proxy.agreement_at(r).action == ACTION]
    afspraken.table.setCurrentIndex(afspraken.proxy.index(proxy_row, 0))
    with qtbot.waitSignal(afspraken.agreement_done, timeout=30_000):
        afspraken.mark_done()
    dialog = agreements_dialog(qtbot, page)
    set_agreement_status(qtbot, dialog, ACTION, "vervallen")

    # Now they sync: both versions survive, and both windows show the conflict.
    sync_all(qtbot, school_window, gemeente_window)
    sync(qtbot, gemeente_window)
    dialog._reload(dialog.set_agreements)
    qtbot.waitUntil(lambda: dialog.agreements[0].conflict, timeout=30_000)
    assert dialog.table.item(0, 3).text() == "Conflict: kies een versie"
    assert sorted(h.status for h in dialog.agreements[0].heads) == ["gedaan", "vervallen"]
    dialog.close()

    editor = open_school_dossier(qtbot, school_window, youth_id, "I")
    changes = editor.agreement_changes
    (agreement_id,) = changes.choosers
    assert changes.isVisibleTo(editor)
    text = " ".join(w.text() for w in changes.findChildren(QLabel))
    assert "Gewijzigd door Werk en Inkomen en op school: kies welke blijft." in text
    radios = changes.choosers[agreement_id].buttons()
    assert sorted(r.property("origin") for r in radios) == ["gemeente", "school"]
    assert any("vervallen" in r.text() and "Kees Klantmanager" in r.text() for r in radios)
    assert any("gedaan" in r.text() and "Marieke de Jong" in r.text() for r in radios)
    # Nothing was overwritten: the mentor's value stays in the list until someone chooses.
    assert [r["status"] for r in editor.lists["agreements"].model.rows()] == ["gedaan"]
    school_window.show_page(PAGE_AFSPRAKEN)
    with qtbot.waitSignal(afspraken.loaded, timeout=30_000):
        afspraken.refresh()
    assert afspraken.conflicts.isVisibleTo(school_window)
    (position,) = [i for i, r in enumerate(afspraken.model.rows) if r.youth_id == youth_id]
    assert afspraken.model.index(position, afspraken.model.COL_CHANGED).data() == (
        "Gewijzigd door Werk en Inkomen en op school: kies welke blijft"
    )

    # The mentor keeps Werk en Inkomen's version; after the next sync both sides agree again.
    editor = open_school_dossier(qtbot, school_window, youth_id, "I")
    assert agreement_id in editor.agreement_changes.choosers
    editor.agreement_changes.choose(agreement_id, "gemeente")
    qtbot.waitUntil(lambda: not editor.agreement_changes.choosers and editor.is_idle(), timeout=30_000)
    assert [r["status"] for r in editor.lists["agreements"].model.rows()] == ["vervallen"]
    sync_all(qtbot, school_window, gemeente_window)
    dialog = agreements_dialog(qtbot, page)
    qtbot.waitUntil(lambda: not dialog.agreements[0].conflict, timeout=30_000)
    assert dialog.agreements[0].status == "vervallen"


def test_the_editor_on_its_own_resolves_a_conflict_with_a_sync_engine_of_its_own(
    qtbot,
    runner,
    school: Installation,  # noqa: F811
    gemeente: Installation,  # noqa: F811
) -> None:
    """No main window (no running sync): the chooser makes its own engine, whose keys load before the write."""
    from handover.sync.exchange import agreement_heads
    from handover.ui.editor import DossierEditorPage
    from tests.sync.test_gemeente_support import exchange, shared_dossier

    youth_id, (agreement_id,) = shared_dossier(school)
    exchange(school, gemeente)
    DossierService(school.ctx).update_item(youth_id, "agreements", agreement_id, {"status": "vervallen"})
    gemeente.sync.change_agreement(agreement_id, dossier_id=youth_id, status="gedaan", note="Intake gehad")
    exchange(school, gemeente)
    assert gemeente.sync.sync().ok and school.sync.sync().ok
    page = DossierEditorPage(school.ctx, runner)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.dossier_opened, timeout=30_000):
        page.open_youth(youth_id)
    page.show_section("I")
    assert agreement_id in page.agreement_changes.choosers
    with qtbot.waitSignal(page.dossier_opened, timeout=30_000):
        page.agreement_changes.choose(agreement_id, "gemeente")
    assert not page.agreement_changes.choosers and page.lists["agreements"].message.text() == ""
    assert [r["status"] for r in page.lists["agreements"].model.rows()] == ["gedaan"]
    with school.ctx.session() as session:
        (head,) = agreement_heads(session, agreement_id)
        assert head.status == "gedaan" and len(head.parent_ids) == 2
