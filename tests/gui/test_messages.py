"""What the GUI says when something fails: a Dutch sentence without an exception's class name or
Python's own text; the detail goes to the log. And a proper noun keeps its capitals in the status bar."""

from __future__ import annotations

import errno
import logging

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from handover.services import queries
from handover.services.dossiers import DossierService, RevisionConflict
from handover.ui.dialogs import SettingsDialog, load_settings
from handover.ui.failures import failure_text
from handover.ui.printing.preview import error_text
from handover.ui.youth_dialogs import NewYouthDialog
from tests.conftest import youth_values

pytestmark = pytest.mark.timeout(60)


class InternalFault(RuntimeError):
    """Stands for anything the code did not expect (its name and text must not reach the screen)."""


def _no_internals(text: str) -> None:
    assert text
    assert "InternalFault" not in text and "RuntimeError" not in text
    assert "geheime interne tekst" not in text
    assert "(%1)" not in text and "%1" not in text


def test_a_failing_save_of_a_new_young_person_shows_a_sentence_and_logs_the_detail(
    qtbot, ctx, runner, monkeypatch, caplog
) -> None:
    def broken(self, values, *, mentor=None):
        raise InternalFault("geheime interne tekst")

    monkeypatch.setattr(DossierService, "create_youth", broken)
    dialog = NewYouthDialog(ctx, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.edits["first_names"], "Sem")
    qtbot.keyClicks(dialog.edits["last_name"], "Dogan")
    qtbot.keyClicks(dialog.edits["birth_date"], "14-03-2008")
    with caplog.at_level(logging.ERROR, logger="handover.ui"):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        qtbot.waitUntil(lambda: dialog.general.isVisible(), timeout=5000)
    text = dialog.general.text()
    _no_internals(text)
    assert text.startswith("De jongere is niet opgeslagen. Probeer het opnieuw.")
    assert dialog.isVisible() and dialog.buttons.isEnabled()  # the typed values are still there
    assert dialog.edits["last_name"].text() == "Dogan"
    logged = [r for r in caplog.records if r.exc_info and r.exc_info[0] is InternalFault]
    assert logged and "geheime interne tekst" in str(logged[0].exc_info[1])


def test_a_failing_settings_save_names_a_file_without_access(qtbot, ctx, runner, monkeypatch) -> None:
    def refused(session, key, value):
        raise PermissionError(errno.EACCES, "Permission denied", "/data/overstap.db")

    monkeypatch.setattr("handover.ui.dialogs.set_setting", refused)
    dialog = SettingsDialog(ctx, runner, load_settings(ctx))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.user_name.setText("Ahmed Benali")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: dialog.general.isVisible(), timeout=5000)
    text = dialog.general.text()
    assert text.startswith("De instellingen zijn niet opgeslagen. Geen toegang tot /data/overstap.db.")
    assert "Permission denied" not in text and "PermissionError" not in text


def test_a_failing_list_load_shows_a_sentence_in_the_status_bar(qtbot, ctx, make_window, monkeypatch) -> None:
    window = make_window(ctx)

    def broken(_ctx):
        raise InternalFault("geheime interne tekst")

    monkeypatch.setattr(queries, "youth_rows", broken)
    window.reload()
    qtbot.waitUntil(lambda: "kon niet worden geladen" in window.data_state.text(), timeout=5000)
    text = window.data_state.text()
    _no_internals(text)
    assert text.startswith("De lijst kon niet worden geladen. Probeer het opnieuw.")


def test_a_failing_background_task_and_sync_say_what_failed(qtbot, ctx, make_window) -> None:
    from handover.ui.sync_status import SyncController

    window = make_window(ctx)
    window._task_failed(InternalFault("geheime interne tekst"))
    _no_internals(window.statusBar().currentMessage())

    class BrokenSync:
        def install_hooks(self) -> None: ...

        def is_enrolled(self) -> bool:
            raise InternalFault("geheime interne tekst")

        def close(self) -> None: ...

    controller = SyncController(ctx, window.runner, service=BrokenSync(), parent=window)  # type: ignore[arg-type]
    with qtbot.waitSignal(controller.state_changed, timeout=5000) as said:
        controller.start()
    _no_internals(said.args[0])
    assert said.args[0].startswith("Versturen naar de gemeente is mislukt.")
    controller.stop()


def test_known_causes_are_explained_and_our_own_refusals_shown_as_written() -> None:
    full = OSError(errno.ENOSPC, "No space left on device", "/tmp/dossier.pdf")
    assert (
        error_text(full) == "Het bestand is niet opgeslagen. De schijf is vol. Maak ruimte vrij en probeer het opnieuw."
    )
    missing = FileNotFoundError(errno.ENOENT, "No such file or directory", "/map/lijst.pdf")
    assert "Het bestand /map/lijst.pdf bestaat niet (meer)." in error_text(missing)
    assert error_text(InternalFault("x")).startswith("Het afdrukken is mislukt. Probeer het opnieuw.")
    conflict = RevisionConflict("Dit dossier is intussen elders gewijzigd. Open het opnieuw.")
    assert failure_text("Niet opgeslagen.", conflict) == (
        "Niet opgeslagen. Dit dossier is intussen elders gewijzigd. Open het opnieuw."
    )


def test_the_status_bar_keeps_the_capitals_of_werk_en_inkomen(qtbot, ctx, make_window) -> None:
    service = DossierService(ctx)
    youth_id = service.create_youth(youth_values())
    service.set_status(youth_id, "klaar")
    service.set_status(youth_id, "verstuurd", by_sync=True)
    service.set_status(youth_id, "ontvangen", by_sync=True)
    service.create_youth(youth_values(first_names="Noor", called_name="Noor", bsn="999999011"))
    window = make_window(ctx)
    text = window.data_state.text()
    assert "1 ontvangen door Werk en Inkomen" in text, text
    assert "1 concept" in text
