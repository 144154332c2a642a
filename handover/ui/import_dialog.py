"""Import young people from the student administration (CSV) in the app: choose a file, see per row what
will happen, then import. The same service as ``handover import --csv FILE [--dry-run]``: the preview
is its dry run, the import its real run, both on the task runner, never on the GUI thread.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from handover.services.context import AppContext
from handover.services.importer import IMPORT, REJECT, SKIP, ImportFileError, ImportReport, RowVerdict, import_csv
from handover.ui import theme
from handover.ui.guard import alive
from handover.ui.models.base import TableModel
from handover.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


def verdict_label(verdict: str, warned: bool) -> str:
    if verdict == IMPORT:
        return (
            QCoreApplication.translate("ImportDialog", "Wordt ingelezen, met waarschuwing")
            if warned
            else QCoreApplication.translate("ImportDialog", "Wordt ingelezen")
        )
    if verdict == SKIP:
        return QCoreApplication.translate("ImportDialog", "Staat er al in")
    return QCoreApplication.translate("ImportDialog", "Niet ingelezen")


class ImportPreviewModel(TableModel):
    """One row per CSV row: line number, name, what happens, and why."""

    COL_LINE, COL_NAME, COL_VERDICT, COL_REASON = range(4)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RowVerdict] = []
        self.set_headers(
            (
                QCoreApplication.translate("ImportDialog", "Regel"),
                QCoreApplication.translate("ImportDialog", "Naam"),
                QCoreApplication.translate("ImportDialog", "Wat er gebeurt"),
                QCoreApplication.translate("ImportDialog", "Toelichting"),
            )
        )

    def set_rows(self, rows: list[RowVerdict]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_count(self) -> int:
        return len(self._rows)

    def object_at(self, row: int) -> RowVerdict:
        return self._rows[row]

    def sort_value(self, row: int, column: int) -> Any:
        item = self._rows[row]
        return (item.line, item.name.casefold(), item.verdict, " ".join(item.messages))[column]

    def cell(self, row: int, column: int, role: int) -> Any:
        item = self._rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_LINE:
                return str(item.line)
            if column == self.COL_NAME:
                return item.name or "–"
            if column == self.COL_VERDICT:
                return verdict_label(item.verdict, bool(item.messages))
            return " ".join(item.messages)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_REASON and item.messages:
            return "\n".join(item.messages)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_VERDICT:
            if item.verdict == REJECT:
                return theme.brush(theme.ERROR)
            if item.messages and item.verdict == IMPORT:
                return theme.brush(theme.WARNING)
        return None


class ImportDialog(QDialog):
    """Choose a CSV file, preview the verdict per row, then import it."""

    preview_ready = Signal(object)  # the dry run's ImportReport
    import_finished = Signal(object)  # the real run's ImportReport
    failed = Signal(str)  # a Dutch message

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.path: Path | None = None
        self.preview: ImportReport | None = None
        self.setWindowTitle(QCoreApplication.translate("ImportDialog", "Jongeren inlezen uit de leerlingadministratie"))
        self.resize(900, 560)

        intro = QLabel(
            QCoreApplication.translate(
                "ImportDialog",
                "Kies het CSV-bestand dat Magister, Somtoday, ParnasSys of Eduarte maakt. U ziet eerst per "
                "regel wat er gebeurt; pas bij 'Inlezen' wordt er iets opgeslagen.",
            )
        )
        intro.setWordWrap(True)
        self.file_label = QLabel(QCoreApplication.translate("ImportDialog", "Nog geen bestand gekozen."))
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_button = QPushButton(QCoreApplication.translate("ImportDialog", "&Kies bestand…"))
        self.choose_button.setAccessibleName(QCoreApplication.translate("ImportDialog", "Kies het CSV-bestand"))
        self.choose_button.clicked.connect(self.ask_for_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(self.choose_button)

        self.model = ImportPreviewModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(
            QCoreApplication.translate("ImportDialog", "Voorbeeld: wat er met elke regel gebeurt")
        )
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        for column in (ImportPreviewModel.COL_LINE, ImportPreviewModel.COL_NAME, ImportPreviewModel.COL_VERDICT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ImportPreviewModel.COL_REASON, QHeaderView.ResizeMode.Stretch)

        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(QCoreApplication.translate("ImportDialog", "Samenvatting"))

        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(
            QCoreApplication.translate("ImportDialog", "&Inlezen"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(False)
        self.close_button = self.buttons.addButton(
            QCoreApplication.translate("ImportDialog", "Sluiten"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.import_button.clicked.connect(self.start_import)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(file_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

    # -- choosing and previewing ----------------------------------------------------------------
    def ask_for_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("ImportDialog", "CSV-bestand kiezen"),
            str(Path.home()),
            QCoreApplication.translate("ImportDialog", "CSV-bestanden (*.csv *.txt);;Alle bestanden (*)"),
        )
        if name:
            self.choose_file(Path(name))

    def choose_file(self, path: Path) -> None:
        """Show the file and start its dry run (the preview)."""
        self.path = Path(path)
        self.preview = None
        self.file_label.setText(str(self.path))
        self.model.set_rows([])
        self.import_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.summary.setText(QCoreApplication.translate("ImportDialog", "Het bestand wordt gecontroleerd…"))
        ctx, chosen = self.ctx, self.path
        self.runner.run(
            lambda: import_csv(ctx, chosen, dry_run=True), _weakly(self, "_previewed"), _weakly(self, "_failed")
        )

    def _previewed(self, report: ImportReport) -> None:
        self.preview = report
        self.choose_button.setEnabled(True)
        self.model.set_rows(report.rows)
        counts = _counts(report)
        self.summary.setText(
            QCoreApplication.translate(
                "ImportDialog", "%1 worden ingelezen (%2 met een waarschuwing), %3 staan er al in, %4 niet ingelezen."
            )
            .replace("%1", str(counts[IMPORT]))
            .replace("%2", str(counts["warned"]))
            .replace("%3", str(counts[SKIP]))
            .replace("%4", str(counts[REJECT]))
            + (
                " "
                + QCoreApplication.translate("ImportDialog", "Niet gebruikte kolommen: %1.").replace(
                    "%1", ", ".join(report.ignored_columns)
                )
                if report.ignored_columns
                else ""
            )
        )
        self.import_button.setEnabled(counts[IMPORT] > 0)
        self.preview_ready.emit(report)

    # -- importing ------------------------------------------------------------------------------
    def start_import(self) -> None:
        if self.path is None or self.preview is None:
            return
        self.import_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.summary.setText(QCoreApplication.translate("ImportDialog", "Bezig met inlezen…"))
        ctx, chosen = self.ctx, self.path
        self.runner.run_write(lambda: import_csv(ctx, chosen), _weakly(self, "_imported"), _weakly(self, "_failed"))

    def _imported(self, report: ImportReport) -> None:
        self.choose_button.setEnabled(True)
        self.model.set_rows(report.rows)
        self.preview = None  # imported: a second click would only skip them all
        self.summary.setText(
            QCoreApplication.translate("ImportDialog", "%1 jongeren ingelezen, %2 overgeslagen, %3 niet ingelezen.")
            .replace("%1", str(len(report.imported)))
            .replace("%2", str(len(report.skipped)))
            .replace("%3", str(len(report.rejected)))
        )
        self.import_finished.emit(report)

    def _failed(self, error: BaseException) -> None:
        self.choose_button.setEnabled(True)
        self.import_button.setEnabled(False)
        if isinstance(error, ImportFileError):
            message = str(error)  # Dutch, and it names the file
        else:
            log.error("import failed", exc_info=(type(error), error, error.__traceback__))
            message = QCoreApplication.translate(
                "ImportDialog", "Het inlezen is niet gelukt; er is niets opgeslagen. Probeer het opnieuw."
            )
        self.summary.setText(message)
        self.failed.emit(message)


def _weakly(dialog: ImportDialog, method: str) -> Callable[[Any], None]:
    """A TaskRunner callback that holds the dialog weakly and reaches it only while it lives.

    The worker thread drops its task (and the callbacks in it) after the result is posted. A strong
    reference there could be the dialog's last one, and a widget must never be destroyed off the GUI
    thread; so the task holds only a weak one, and :func:`alive` skips a dialog already closed."""
    ref = weakref.ref(dialog)

    def deliver(value: Any) -> None:
        target = ref()
        if target is not None:
            alive(target, getattr(target, method))(value)

    return deliver


def _counts(report: ImportReport) -> dict[str, int]:
    counts = {IMPORT: 0, SKIP: 0, REJECT: 0, "warned": 0}
    for row in report.rows:
        counts[row.verdict] += 1
        counts["warned"] += row.verdict == IMPORT and bool(row.messages)
    return counts


def add_import_action(window: Any) -> None:
    """'Jongeren inlezen…' in the Bestand menu, after 'Nieuwe jongere'; a finished import reloads the lists."""

    def open_dialog() -> None:
        dialog = ImportDialog(window.ctx, window.runner, window)
        dialog.import_finished.connect(lambda _report: window._data_changed())
        dialog.open()

    window.import_action = window.make_action(
        QCoreApplication.translate("ImportDialog", "&Jongeren inlezen (CSV)…"), open_dialog, None, "importYouths"
    )
    menu = window.menuBar().actions()[0].menu()  # Bestand
    actions = menu.actions()
    after = actions.index(window.new_action) + 1 if window.new_action in actions else 0
    menu.insertAction(actions[after] if after < len(actions) else None, window.import_action)


SCREENSHOT_CSV = (
    "Leerlingnummer;Roepnaam;Voorvoegsel;Achternaam;Geboortedatum;Straat;Huisnummer;Postcode;Woonplaats;"
    "Stamgroep;Telefoonnummer;Verwachte uitstroomdatum;Profiel\n"
    "50101;Sem;de;Vries;03-04-2008;Biltstraat;12;3572 AB;Utrecht;5A;0612345678 (moeder);10-07-2026;PRO\n"
    "50102;Noor;;Bakker;04-05-2008;Kerkstraat;4;3701 AA;Zeist;5B;06-12345678;10-07-2026;PRO\n"
    "50103;Lars;;;05-06-2008;;;;;5B;;10-07-2026;PRO\n"
    "50104;Zoë;;Çelik;02-09-2008;Amsterdamsestraatweg;300;3551 CV;Utrecht;6A;;10-07-2026;PRO\n"
    "50105;Mohammed Amin;El;Amrani;05-06-2008;Vleutenseweg;1;3532 HA;Utrecht;6A;030 123 45;10-07-2026;PRO\n"
)


def screenshot(out: Path) -> None:
    """``import.png``: the dialog's preview of a Magister export, on a demo school (offscreen)."""
    import datetime as dt
    import tempfile

    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from handover.secrets import MemorySecretStore
    from handover.services.app import initialise
    from handover.services.demo import DEMO_SCHOOL, build_demo
    from handover.ui.i18n import install_translators

    app = QApplication.instance() or QApplication([])  # not ui.app: it imports the main window, which imports us
    assert isinstance(app, QApplication)
    install_translators(app, "nl")
    with tempfile.TemporaryDirectory(prefix="overstap-import-") as tmp:
        ctx, _code = initialise(Path(tmp) / "gegevens", secret_store=MemorySecretStore(), **DEMO_SCHOOL)
        ctx.clock = lambda: dt.date(2026, 11, 29)
        build_demo(ctx, 20, seed=3)
        csv_path = Path(tmp) / "magister-export.csv"
        csv_path.write_text(SCREENSHOT_CSV, encoding="utf-8")
        runner = TaskRunner(app)
        dialog = ImportDialog(ctx, runner)
        dialog.show()
        loop = QEventLoop()
        dialog.preview_ready.connect(lambda _r: loop.quit())
        dialog.failed.connect(lambda _m: loop.quit())
        dialog.choose_file(csv_path)
        loop.exec()
        app.processEvents()
        dialog.grab().save(str(out / "import.png"))
        dialog.close()
        runner.wait_idle()
        ctx.close()
    QApplication.processEvents()


if __name__ == "__main__":
    import os
    import sys

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from handover import paths

    screenshot(Path(sys.argv[1]) if len(sys.argv) > 1 else paths.resource_path("screenshots"))
