"""Import from the student administration in the app: choose a file, preview the verdict per row, import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from handover.services import queries
from handover.services.context import AppContext
from handover.services.dossiers import DossierService
from handover.ui.import_dialog import ImportDialog, ImportPreviewModel
from tests.conftest import youth_values

EXPORT = (
    "Leerlingnummer;Roepnaam;Voorvoegsel;Achternaam;Geboortedatum;Stamgroep;Telefoonnummer;Verwachte uitstroomdatum\n"
    "40001;Sem;de;Vries;03-04-2008;5A;0612345678 (moeder);10-07-2026\n"
    "40002;Noor;;Bakker;04-05-2008;5B;;10-07-2026\n"
    "40003;Lars;;;05-06-2008;5B;;10-07-2026\n"
    "40004;Ĳsbrand;van der;Özdemir;14-03-2008;6A;;10-07-2026\n"
)


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "magister-export.csv"
    path.write_text(EXPORT, encoding="utf-8")
    return path


def _column(model: ImportPreviewModel, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_preview_shows_a_verdict_per_row_then_import_adds_the_rows(qtbot, ctx: AppContext, runner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    DossierService(ctx).create_youth(youth_values())  # Ĳsbrand Jan van der Özdemir, typed in by hand
    before = len(queries.youth_rows(ctx))
    dialog = ImportDialog(ctx, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.import_button.isEnabled()

    with qtbot.waitSignal(dialog.preview_ready, timeout=10_000):
        dialog.choose_file(_write(tmp_path))
    model = dialog.model
    assert _column(model, ImportPreviewModel.COL_LINE) == ["2", "3", "4", "5"]
    assert _column(model, ImportPreviewModel.COL_NAME) == [
        "Sem de Vries",
        "Noor Bakker",
        "Lars",
        "Ĳsbrand van der Özdemir",
    ]
    assert _column(model, ImportPreviewModel.COL_VERDICT) == [
        "Wordt ingelezen, met waarschuwing",
        "Wordt ingelezen",
        "Niet ingelezen",
        "Staat er al in",
    ]
    reasons = _column(model, ImportPreviewModel.COL_REASON)
    assert reasons[0] == "Telefoon leeg gelaten: Telefoon: geen geldig telefoonnummer."
    assert reasons[2] == "Achternaam ontbreekt."
    assert "zelfde naam en geboortedatum" in reasons[3]
    assert dialog.summary.text().startswith("2 worden ingelezen (1 met een waarschuwing), 1 staan er al in, 1 niet")
    assert len(queries.youth_rows(ctx)) == before  # the preview saves nothing

    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.import_finished, timeout=10_000) as done:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert len(done.args[0].imported) == 2
    assert dialog.summary.text() == "2 jongeren ingelezen, 1 overgeslagen, 1 niet ingelezen."
    names = {row.name for row in queries.youth_rows(ctx)}
    assert {"Sem de Vries", "Noor Bakker"} <= names and len(names) == before + 2
    assert not dialog.import_button.isEnabled()  # done: a second click would add nothing


def test_a_missing_file_is_named_in_the_dialog(qtbot, ctx: AppContext, runner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dialog = ImportDialog(ctx, runner)
    qtbot.addWidget(dialog)
    gone = tmp_path / "weg.csv"
    with qtbot.waitSignal(dialog.failed, timeout=10_000) as failed:
        dialog.choose_file(gone)
    assert failed.args[0] == f"Het bestand {gone} bestaat niet."
    assert dialog.summary.text() == failed.args[0]
    assert not dialog.import_button.isEnabled() and dialog.choose_button.isEnabled()


def test_the_bestand_menu_opens_the_import_and_an_import_reloads_the_list(
    qtbot, ctx: AppContext, make_window, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(ctx)
    file_menu = window.menuBar().actions()[0].menu()
    actions = file_menu.actions()
    assert actions[actions.index(window.new_action) + 1] is window.import_action
    assert window.import_action.text() == "&Jongeren inlezen (CSV)…"
    window.import_action.trigger()
    dialog = window.findChild(ImportDialog)
    assert dialog is not None and dialog.isVisible()
    with qtbot.waitSignal(dialog.preview_ready, timeout=10_000):
        dialog.choose_file(_write(tmp_path))
    with qtbot.waitSignal(dialog.import_finished, timeout=20_000):
        dialog.import_button.click()
    qtbot.waitUntil(lambda: window.youth_model.rowCount() == 3, timeout=20_000)  # the list reloads by itself
