"""The real main window driven like a user: Vandaag, the list, new young person, Afspraken, settings."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from handover.services.dossiers import DossierService
from handover.services.settings import get_setting
from handover.ui.dialogs import SettingsDialog
from handover.ui.main_window import PAGE_AFSPRAKEN, PAGE_JONGEREN, MainWindow
from handover.ui.models import TodayListModel, YouthTableModel
from handover.ui.youth_dialogs import NewYouthDialog
from tests.conftest import youth_values

pytestmark = pytest.mark.timeout(90)


@pytest.fixture
def overdue_youth(ctx) -> str:
    """Left school on 10 September: the check-in "Na 1 maand" (10 October) is overdue on 29 November."""
    service = DossierService(ctx)
    youth_id = service.create_youth(youth_values(leaving_date=dt.date(2026, 9, 10), school_class="6B"))
    service.create_youth(
        youth_values(
            first_names="Noor",
            called_name="Noor",
            infix=None,
            last_name="Visser",
            bsn="999999011",
            leaving_date=dt.date(2027, 7, 10),
        )
    )
    return youth_id


def wait_for_opened(qtbot, window: MainWindow, youth_id: str) -> None:
    qtbot.waitUntil(lambda: window.editor is not None and window.stack.currentWidget() is window.editor, timeout=5000)
    editor = window.editor
    qtbot.waitUntil(
        lambda: getattr(editor, "is_loaded", True) and getattr(editor, "_youth_id", youth_id) == youth_id, timeout=5000
    )


def test_vandaag_shows_an_overdue_checkin_and_enter_opens_the_youth(qtbot, ctx, make_window, overdue_youth) -> None:
    window = make_window(ctx, wait_vandaag=True)
    card = window.vandaag.cards["te_laat"]
    model = card.model
    rows = [model.item_at(r) for r in range(model.rowCount())]
    late = [item for item in rows if item.youth_id == overdue_youth and item.what == "Na 1 maand (zomer)"]
    assert late and late[0].day == dt.date(2026, 10, 10)
    assert card.title.text().startswith("Contactmomenten te laat (")
    row = rows.index(late[0])
    assert model.index(row, TodayListModel.COL_DATE).data() == "10-10-2026"

    table = card.table
    table.setFocus()
    table.setCurrentIndex(model.index(row, 0))
    with qtbot.waitSignal(window.youth_opened, timeout=5000) as opened:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened.args == [overdue_youth]
    wait_for_opened(qtbot, window, overdue_youth)
    assert window.navigation.currentRow() == 3
    assert window.current_youth_id() == overdue_youth


def test_news_from_werk_en_inkomen_on_vandaag_opens_the_dossier_at_the_exchange(qtbot, ctx, make_window) -> None:
    """A receipt on the card "Nieuw van Werk en Inkomen": Enter opens the dossier at section K, not A."""
    from handover.sync.models import SyncReply

    youth_id = DossierService(ctx).create_youth(youth_values())
    with ctx.session() as session:
        session.add(
            SyncReply(
                youth_id=youth_id,
                sender_org="gemeente",
                kind="receipt",
                op_id="ontvangst-1",
                status="ontvangen",
                signer_name="A. de Vries",
                signer_device="apparaat",
                at="2026-11-27T10:15:00Z",
                body={},
                received_at=dt.datetime(2026, 11, 27, 10, 16),  # within the card's 30 days of FIXED_TODAY
            )
        )
    window = make_window(ctx, wait_vandaag=True)
    card = window.vandaag.cards["nieuw_wi"]
    model = card.model
    rows = [model.item_at(r) for r in range(model.rowCount())]
    assert [(item.youth_id, item.what) for item in rows] == [(youth_id, "Ontvangen door Werk en Inkomen (A. de Vries)")]

    card.table.setFocus()
    card.table.setCurrentIndex(model.index(0, 0))
    with qtbot.waitSignal(window.youth_opened, timeout=5000):
        qtbot.keyClick(card.table, Qt.Key.Key_Return)
    wait_for_opened(qtbot, window, youth_id)
    editor = window.editor
    qtbot.waitUntil(lambda: editor.is_loaded, timeout=5000)
    assert editor.stack.currentWidget() is editor.section_pages["K"]
    assert editor.nav.currentItem() is editor.nav_items["K"]


def test_ctrl_f_focuses_the_find_field_and_typing_filters(qtbot, ctx, make_window, overdue_youth) -> None:
    window = make_window(ctx)
    page = window.jongeren
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is page
    assert QApplication.focusWidget() is page.find_field
    assert page.count.text() == "2 jongeren"
    qtbot.keyClicks(page.find_field, "noor")
    assert page.proxy.rowCount() == 1
    assert page.proxy.index(0, 0).data() == "Noor Visser"
    assert page.count.text() == "1 van 2 jongeren"
    page.find_field.clear()
    qtbot.keyClicks(page.find_field, "6b")  # the school class
    assert [page.proxy.youth_at(r).id for r in range(page.proxy.rowCount())] == [overdue_youth]
    with qtbot.waitSignal(window.youth_opened, timeout=5000):
        qtbot.keyClick(page.find_field, Qt.Key.Key_Return)  # one match: Enter opens it


def test_ctrl_n_creates_a_young_person_and_opens_the_dossier(qtbot, ctx, make_window) -> None:
    window = make_window(ctx)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(NewYouthDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.edits["first_names"], "Sem Jan")  # QTest types ASCII only
    qtbot.keyClicks(dialog.edits["last_name"], "Dogan")
    qtbot.keyClicks(dialog.edits["birth_date"], "31-02-2008")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible()
    assert "geen geldige datum" in dialog.errors["birth_date"].text()
    dialog.edits["birth_date"].clear()
    qtbot.keyClicks(dialog.edits["birth_date"], "14-03-2008")
    assert dialog.errors["birth_date"].isHidden()
    with qtbot.waitSignal(window.youth_opened, timeout=5000) as opened:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    youth = DossierService(ctx).get(opened.args[0])
    assert (youth.first_names, youth.called_name, youth.last_name, youth.birth_date) == (
        "Sem Jan",
        "Sem",
        "Dogan",
        dt.date(2008, 3, 14),
    )
    with qtbot.waitSignal(window.youth_list_loaded, timeout=5000):
        pass  # the list refreshes after the save
    assert window.youth_model.rowCount() == 1


def test_afspraken_filter_overdue_and_mark_done(qtbot, ctx, make_window, overdue_youth) -> None:
    service = DossierService(ctx)
    late_id = service.add_item(
        overdue_youth,
        "agreements",
        {"action": "Intakegesprek plannen", "organisation": "werk_en_inkomen", "deadline": dt.date(2026, 11, 1)},
    )
    service.add_item(
        overdue_youth,
        "agreements",
        {"action": "Jobcoach aanvragen", "organisation": "uwv", "deadline": dt.date(2027, 2, 1)},
    )
    window = make_window(ctx)
    page = window.afspraken
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.navigation.currentRow() == PAGE_AFSPRAKEN
    assert page.proxy.rowCount() == 2
    page.only_overdue.click()
    assert page.proxy.rowCount() == 1
    assert page.proxy.agreement_at(0).agreement_id == late_id
    page.table.setFocus()
    page.table.selectRow(0)
    assert page.done_button.isEnabled()
    with qtbot.waitSignal(page.agreement_done, timeout=5000):
        qtbot.keyClick(page.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert page.proxy.rowCount() == 0  # done: no longer overdue
    stored = {a.id: a.status for a in service.get(overdue_youth).agreements}
    assert stored[late_id] == "gedaan"
    page.organisation.setCurrentIndex(page.organisation.findData("uwv"))
    page.only_overdue.click()
    assert [page.proxy.agreement_at(r).action for r in range(page.proxy.rowCount())] == ["Jobcoach aanvragen"]


def test_settings_dialog_saves_plan_and_school_data(qtbot, ctx, make_window) -> None:
    window = make_window(ctx)
    window.settings_action.trigger()  # the settings load in the background, then the dialog opens
    qtbot.waitUntil(lambda: window.findChild(SettingsDialog) is not None, timeout=5000)
    dialog = window.findChild(SettingsDialog)
    dialog.plan.setText("-9, 0, 3, 12, 24")
    dialog.brin.setText("AB12")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert "BRIN" in dialog.brin_error.text()  # refused: nothing saved
    dialog.brin.setText("12AB")
    dialog.plan.setText("-9, nul")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.plan_error.isVisible()
    dialog.plan.setText("-9, 0, 3, 12, 24")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    with ctx.session() as session:
        assert get_setting(session, "checkin_plan") == [-9, 0, 3, 12, 24]


def test_status_bar_sync_state_and_print_actions(qtbot, ctx, make_window) -> None:
    window = make_window(ctx)
    window.set_sync_state("Wacht op verbinding")
    assert window.sync_state.text() == "Wacht op verbinding"
    assert window.data_state.text().startswith("0 jongeren")
    for action in (window.print_action, window.pdf_action, window.batch_action):
        assert action.isEnabled()
    assert window.print_action.shortcut().toString() == "Ctrl+P"
    assert window.new_action.shortcut().toString() == "Ctrl+N"
    window.show_page(PAGE_JONGEREN)
    assert window.jongeren.table.accessibleName() == "Lijst van jongeren"


def test_english_from_the_ts_file_compiled_on_first_run(qtbot, qapp, ctx, runner) -> None:
    from handover.ui.dialogs import load_settings
    from handover.ui.i18n import compiled_translation, install_translators

    translators = install_translators(qapp, "en")
    try:
        qm = compiled_translation("en")
        assert qm is not None and qm.suffix == ".qm" and qm.exists()
        window = MainWindow(ctx, runner, settings=load_settings(ctx))
        qtbot.addWidget(window)
        assert [window.navigation.item(i).text() for i in range(4)] == [
            "Today",
            "Young people",
            "Agreements",
            "Handover file",
        ]
        assert window.jongeren.find_field.placeholderText() == "Find by name or class…"
        assert window.youth_model.headerData(YouthTableModel.COL_NEXT, Qt.Orientation.Horizontal) == "Next check-in"
        assert window.youth_model.headerData(YouthTableModel.COL_CLASS, Qt.Orientation.Horizontal) == "Class"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        install_translators(qapp, "nl")


def test_ctrl_p_prints_the_selected_young_person(qtbot, ctx, make_window, overdue_youth) -> None:
    from handover.ui.printing import PrintPreviewDialog

    window = make_window(ctx, page=PAGE_JONGEREN)
    page = window.jongeren
    row = next(r for r in range(page.proxy.rowCount()) if page.proxy.youth_at(r).id == overdue_youth)
    page.table.selectRow(row)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    previews = window.findChildren(PrintPreviewDialog)
    assert [preview.youth_id for preview in previews] == [overdue_youth]
    with qtbot.waitSignal(previews[0].pdf_loaded, timeout=30_000):
        pass
    previews[0].close()


def test_keyboard_only_tab_order_and_page_shortcuts(qtbot, ctx, make_window, overdue_youth) -> None:
    window = make_window(ctx)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.jongeren
    page = window.jongeren
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    order = [QApplication.focusWidget()]
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [page.find_field, page.cohort, page.route, page.status, page.only_mine, page.new_button, page.table]
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert page.table.currentIndex().isValid()
    with qtbot.waitSignal(window.youth_opened, timeout=5000):
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    for widget in (
        page.find_field,
        page.cohort,
        page.route,
        page.status,
        page.only_mine,
        page.new_button,
        page.table,
        window.navigation,
        window.afspraken.table,
        window.afspraken.organisation,
    ):
        assert widget.accessibleName() or (hasattr(widget, "text") and widget.text()), widget


def test_sync_status_is_wired_to_the_status_bar(qtbot, ctx, make_window) -> None:
    window = make_window(ctx)
    window.set_sync_state("")
    assert window.start_sync()
    qtbot.waitUntil(
        lambda: window.sync_state.text() == "Versturen naar de gemeente: nog niet ingesteld", timeout=5000
    )  # this folder is not enrolled with a municipality
    assert window.sync_action.isEnabled()
    window.sync_now()  # not enrolled: nothing happens, no error
    assert window.sync_state.text() == "Versturen naar de gemeente: nog niet ingesteld"


def test_about_box_shows_the_version(qtbot, ctx, make_window) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from handover import __version__

    window = make_window(ctx)
    seen: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, read_and_close)
            return
        seen.append(box.text())
        box.accept()

    QTimer.singleShot(0, read_and_close)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert seen and f"Overstap {__version__}" in seen[0] and "EUPL-1.2" in seen[0]
