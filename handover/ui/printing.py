"""Printing in the app: preview (QtPdf), print (QPrinter), save as PDF, and batch print with progress.

The PDF is made by ``handover.reports`` on a worker thread (through the TaskRunner) and held in
memory (a QBuffer) for the preview, so no plaintext temporary file is written. Printing renders
each PDF page with QPdfDocument onto the printer. Every print and save is audited by the service.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QRectF,
    QSize,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from handover.reports.service import BatchCancelled, BatchResult, NoValidConsent, ReportService, atomic_write
from handover.services.context import AppContext
from handover.ui.guard import alive
from handover.ui.tasks import TaskRunner

MAX_PRINT_DPI = 300  # enough for text on paper; 600 dpi pages would need ~140 MB each as images


def _documents_dir() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


class PrinterError(Exception):
    """The printer could not be opened (message in Dutch)."""


def _error_text(exc: BaseException) -> str:
    if isinstance(exc, NoValidConsent | PrinterError):
        return str(exc)
    if isinstance(exc, OSError):
        return QCoreApplication.translate("Printing", "Het bestand kon niet worden opgeslagen ({reason}).").format(
            reason=exc.strerror or type(exc).__name__
        )
    return QCoreApplication.translate("Printing", "Het afdrukken is mislukt ({kind}).").format(kind=type(exc).__name__)


def _status(parent: QWidget | None, text: str) -> None:
    window = parent.window() if parent is not None else None
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, 6000)


def print_pdf_document(document: QPdfDocument, printer: QPrinter) -> int:
    """Render the PDF's pages onto the printer (within the page range the user chose). Returns pages printed."""
    count = document.pageCount()
    if count <= 0:
        return 0
    first, last = 1, count
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = max(1, printer.fromPage()), min(count, printer.toPage() or count)
    printer.setFullPage(True)  # the PDF carries its own margins
    painter = QPainter()
    if not painter.begin(printer):
        raise PrinterError(QCoreApplication.translate("Printing", "De printer kan niet worden geopend."))
    printed = 0
    try:
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        paper = printer.paperRect(QPrinter.Unit.DevicePixel)
        for page in range(first - 1, last):
            if printed:
                printer.newPage()
            size = document.pagePointSize(page)
            image = document.render(page, QSize(round(size.width() / 72 * dpi), round(size.height() / 72 * dpi)))
            scale = min(paper.width() / max(size.width(), 1), paper.height() / max(size.height(), 1))
            target = QRectF(0, 0, size.width() * scale, size.height() * scale)
            painter.drawImage(target, image)
            printed += 1
    finally:
        painter.end()
    return printed


class PrintPreviewDialog(QDialog):
    """The dossier as it will print, with Afdrukken and Opslaan als PDF."""

    pdf_loaded = Signal(int)  # page count
    printed = Signal(int)  # pages
    pdf_saved = Signal(str)
    failed = Signal(str)

    def __init__(
        self, parent: QWidget | None, ctx: AppContext, runner: TaskRunner, youth_id: str, *, audience: str = "school"
    ) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.youth_id, self.audience = ctx, runner, youth_id, audience
        self.service = ReportService(ctx)
        self.data = b""
        self.setWindowTitle(QCoreApplication.translate("Printing", "Afdrukvoorbeeld overstapdossier"))
        self.resize(820, 980)

        self.document = QPdfDocument(self)
        self._buffer = QBuffer(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        self.audience_combo = QComboBox(self)
        self.audience_combo.addItem(QCoreApplication.translate("Printing", "Voor de school (volledig)"), "school")
        self.audience_combo.addItem(
            QCoreApplication.translate("Printing", "Voor Werk en Inkomen (alleen met toestemming)"), "gemeente"
        )
        self.audience_combo.setCurrentIndex(max(0, self.audience_combo.findData(audience)))
        self.audience_combo.currentIndexChanged.connect(self._audience_changed)
        self.status = QLabel(QCoreApplication.translate("Printing", "Het dossier wordt opgemaakt…"), self)
        self.print_button = QPushButton(QCoreApplication.translate("Printing", "Afdrukken…"), self)
        self.save_button = QPushButton(QCoreApplication.translate("Printing", "Opslaan als PDF…"), self)
        self.close_button = QPushButton(QCoreApplication.translate("Printing", "Sluiten"), self)
        for button in (self.print_button, self.save_button):
            button.setEnabled(False)
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_with_dialog)
        self.save_button.clicked.connect(self.save_with_dialog)
        self.close_button.clicked.connect(self.reject)

        buttons = QHBoxLayout()
        buttons.addWidget(self.audience_combo)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.load()

    def _audience_changed(self) -> None:
        self.audience = self.audience_combo.currentData()
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.status.setText(QCoreApplication.translate("Printing", "Het dossier wordt opgemaakt…"))
        self.load()

    def load(self) -> None:
        youth_id, audience = self.youth_id, self.audience
        self.runner.run(
            lambda: self.service.dossier_pdf(youth_id, audience=audience),
            alive(self, self._loaded),
            alive(self, self._failed),
        )

    def _loaded(self, data: bytes) -> None:
        self.data = data
        self.document.close()
        self._buffer.close()
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        pages = self.document.pageCount()
        self.status.setText(
            QCoreApplication.translate("Printing", "{pages} pagina's").format(pages=pages)
            if pages != 1
            else QCoreApplication.translate("Printing", "1 pagina")
        )
        self.print_button.setEnabled(pages > 0)
        self.save_button.setEnabled(pages > 0)
        self.pdf_loaded.emit(pages)

    def _failed(self, exc: BaseException) -> None:
        message = _error_text(exc)
        if isinstance(exc, NoValidConsent):  # nothing may be shown as "for the recipient"
            self.data = b""
            self.document.close()
            self.print_button.setEnabled(False)
            self.save_button.setEnabled(False)
        self.status.setText(message)
        self.failed.emit(message)

    # -- printing ---------------------------------------------------------------------------------
    def make_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setDocName(QCoreApplication.translate("Printing", "Overstapdossier"))
        return printer

    def print_with_dialog(self) -> None:
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, max(1, self.document.pageCount()))
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Print the loaded PDF on ``printer`` and record the print in the audit log."""
        try:
            pages = print_pdf_document(self.document, printer)
        except PrinterError as exc:
            self._failed(exc)
            return 0
        youth_id, audience = self.youth_id, self.audience
        self.runner.run_write(
            lambda: self.service.record("print", [youth_id], output="printer", audience=audience),
            None,
            alive(self, self._failed),
        )
        self.status.setText(QCoreApplication.translate("Printing", "Afgedrukt: {pages} pagina's.").format(pages=pages))
        self.printed.emit(pages)
        return pages

    # -- saving -----------------------------------------------------------------------------------
    def save_with_dialog(self) -> None:
        suggested = _documents_dir() / self.service.file_name_for(self.youth_id)
        path, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("Printing", "Opslaan als PDF"),
            str(suggested),
            QCoreApplication.translate("Printing", "PDF (*.pdf)"),
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        data, youth_id, audience = self.data, self.youth_id, self.audience

        def save() -> str:
            self.service.record(
                "export", [youth_id], output="pdf-file", audience=audience, write=lambda: atomic_write(path, data)
            )
            return str(path)

        self.runner.run_write(save, alive(self, self._saved), alive(self, self._failed))

    def _saved(self, path: str) -> None:
        self.status.setText(
            QCoreApplication.translate("Printing", "Opgeslagen als {name}.").format(name=Path(path).name)
        )
        self.pdf_saved.emit(path)


def print_preview(
    parent: QWidget | None, ctx: AppContext, runner: TaskRunner, youth_id: str, *, audience: str = "school"
) -> PrintPreviewDialog:
    """Open the preview (non-blocking) and return it; the menu's Ctrl+P calls this."""
    dialog = PrintPreviewDialog(parent, ctx, runner, youth_id, audience=audience)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.show()
    return dialog


class SavePdfJob(QObject):
    """A running "Opslaan als PDF" from the menu; signals tell how it ended."""

    saved = Signal(str)
    failed = Signal(str)


def save_pdf(
    parent: QWidget | None, ctx: AppContext, runner: TaskRunner, youth_id: str, *, audience: str = "school"
) -> SavePdfJob | None:
    """Ask where to save (a name without BSN is suggested), then make and write the PDF in the background."""
    service = ReportService(ctx)
    suggested = _documents_dir() / service.file_name_for(youth_id)
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("Printing", "Overstapdossier opslaan als PDF"),
        str(suggested),
        QCoreApplication.translate("Printing", "PDF (*.pdf)"),
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    job = SavePdfJob(parent)

    def make() -> str:
        service.save_dossier(youth_id, path, audience=audience, action="export")
        return str(path)

    def done(result: str) -> None:
        _status(
            parent,
            QCoreApplication.translate("Printing", "Overstapdossier opgeslagen als {name}.").format(
                name=Path(result).name
            ),
        )
        job.saved.emit(result)

    def failed(exc: BaseException) -> None:
        message = _error_text(exc)
        job.failed.emit(message)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("Printing", "Opslaan mislukt"),
            message,
            QMessageBox.StandardButton.Ok,
            parent,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        box.open()

    runner.run_write(make, alive(job, done), alive(job, failed))
    return job


class _ProgressRelay(QObject):
    """Lives in the GUI thread; the worker only emits, so it never touches a widget."""

    progressed = Signal(int, int)


class BatchPrintDialog(QDialog):
    """Print many dossiers: one PDF or one file per young person, with progress and Annuleren."""

    batch_finished = Signal(object)  # BatchResult
    batch_cancelled = Signal()
    batch_failed = Signal(str)

    def __init__(self, parent: QWidget | None, ctx: AppContext, runner: TaskRunner, youth_ids: Sequence[str]) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.youth_ids = ctx, runner, list(youth_ids)
        self.service = ReportService(ctx)
        self.running = False
        self._cancel = threading.Event()
        self._close_when_done = False
        self._relay = _ProgressRelay(self)
        self._relay.progressed.connect(self._on_progress)
        self.setWindowTitle(QCoreApplication.translate("Printing", "Overstapdossiers afdrukken"))
        self.setMinimumWidth(520)

        count = len(self.youth_ids)
        intro = QLabel(
            QCoreApplication.translate("Printing", "{count} overstapdossiers afdrukken als PDF.").format(count=count)
            if count != 1
            else QCoreApplication.translate("Printing", "1 overstapdossier afdrukken als PDF."),
            self,
        )
        self.single_radio = QRadioButton(
            QCoreApplication.translate("Printing", "Eén PDF-bestand met alle dossiers"), self
        )
        self.files_radio = QRadioButton(
            QCoreApplication.translate("Printing", "Eén PDF-bestand per jongere, in een map"), self
        )
        self.single_radio.setChecked(True)
        self._mode = QButtonGroup(self)
        self._mode.addButton(self.single_radio)
        self._mode.addButton(self.files_radio)
        self._mode.buttonToggled.connect(lambda *_: self.target_edit.clear())

        self.audience_combo = QComboBox(self)
        self.audience_combo.addItem(
            QCoreApplication.translate("Printing", "Voor de school (volledig dossier)"), "school"
        )
        self.audience_combo.addItem(
            QCoreApplication.translate("Printing", "Voor Werk en Inkomen (alleen wat de toestemming dekt)"), "gemeente"
        )

        self.target_edit = QLineEdit(self)
        self.target_edit.setReadOnly(True)
        self.target_edit.setPlaceholderText(QCoreApplication.translate("Printing", "Kies waar de PDF komt"))
        self.choose_button = QPushButton(QCoreApplication.translate("Printing", "Kiezen…"), self)
        self.choose_button.clicked.connect(self.choose_target)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target_edit, 1)
        target_row.addWidget(self.choose_button)

        form = QFormLayout()
        form.addRow(QCoreApplication.translate("Printing", "Opmaak"), self.single_radio)
        form.addRow("", self.files_radio)
        form.addRow(QCoreApplication.translate("Printing", "Voor wie"), self.audience_combo)
        form.addRow(QCoreApplication.translate("Printing", "Opslaan in"), target_row)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, max(1, count))
        self.progress.setValue(0)
        self.status = QLabel("", self)
        self.status.setWordWrap(True)

        self.start_button = QPushButton(QCoreApplication.translate("Printing", "Afdrukken"), self)
        self.start_button.setDefault(True)
        self.start_button.setEnabled(False)
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(QCoreApplication.translate("Printing", "Annuleren"), self)
        self.cancel_button.clicked.connect(self.cancel)
        self.target_edit.textChanged.connect(lambda text: self.start_button.setEnabled(bool(text) and count > 0))

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    # -- choosing -----------------------------------------------------------------------------------
    def set_target(self, path: Path | str, *, single: bool) -> None:
        (self.single_radio if single else self.files_radio).setChecked(True)
        self.target_edit.setText(str(path))

    def choose_target(self) -> None:
        if self.single_radio.isChecked():
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                QCoreApplication.translate("Printing", "Alle dossiers opslaan als"),
                str(_documents_dir() / "overstapdossiers.pdf"),
                QCoreApplication.translate("Printing", "PDF (*.pdf)"),
            )
            if chosen and not chosen.lower().endswith(".pdf"):
                chosen += ".pdf"
        else:
            chosen = QFileDialog.getExistingDirectory(
                self, QCoreApplication.translate("Printing", "Map voor de dossiers"), str(_documents_dir())
            )
        if chosen:
            self.target_edit.setText(chosen)

    # -- running ------------------------------------------------------------------------------------
    def start(self) -> None:
        if self.running or not self.target_edit.text():
            return
        self.running = True
        self._cancel.clear()
        for widget in (self.start_button, self.choose_button, self.single_radio, self.files_radio, self.audience_combo):
            widget.setEnabled(False)
        self.status.setText(QCoreApplication.translate("Printing", "Bezig met afdrukken…"))
        target = Path(self.target_edit.text())
        single = self.single_radio.isChecked()
        audience = self.audience_combo.currentData()
        ids, relay, cancel, service = list(self.youth_ids), self._relay, self._cancel, self.service

        def work() -> BatchResult:
            progress = relay.progressed.emit
            if single:
                return service.batch_single(ids, target, audience=audience, progress=progress, cancel=cancel)
            return service.batch_files(ids, target, audience=audience, progress=progress, cancel=cancel)

        # The read pool, not the write pool: a long batch must not hold up autosaves. Its one write
        # (the audit events, at the end) waits on SQLite's busy timeout like any other.
        self.runner.run(work, alive(self, self._done), alive(self, self._failed))

    def cancel(self) -> None:
        if not self.running:
            self.reject()
            return
        self._cancel.set()
        self.cancel_button.setEnabled(False)
        self.status.setText(QCoreApplication.translate("Printing", "Bezig met annuleren…"))

    def reject(self) -> None:
        if self.running:  # closing mid-batch: stop it, close when the worker has let go
            self._close_when_done = True
            self.cancel()
            return
        super().reject()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)
        if self.running and not self._cancel.is_set():
            self.status.setText(
                QCoreApplication.translate("Printing", "{done} van {total} dossiers…").format(done=done, total=total)
            )

    def _finish(self) -> None:
        self.running = False
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(QCoreApplication.translate("Printing", "Sluiten"))
        if self._close_when_done:
            super().reject()

    def _done(self, result: BatchResult) -> None:
        self.progress.setValue(self.progress.maximum())
        skipped = len(self.youth_ids) - result.count
        text = QCoreApplication.translate("Printing", "Klaar: {count} dossiers opgeslagen.").format(count=result.count)
        if skipped:
            text += " " + QCoreApplication.translate(
                "Printing", "{skipped} overgeslagen: geen geldige toestemming."
            ).format(skipped=skipped)
        self.status.setText(text)
        self._finish()
        self.batch_finished.emit(result)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, BatchCancelled):
            self.progress.setValue(0)
            self.status.setText(QCoreApplication.translate("Printing", "Geannuleerd: er zijn geen bestanden gemaakt."))
            self._finish()
            self.batch_cancelled.emit()
            return
        message = _error_text(exc)
        self.status.setText(message)
        self._finish()
        self.batch_failed.emit(message)


__all__ = ["BatchPrintDialog", "PrintPreviewDialog", "SavePdfJob", "print_pdf_document", "print_preview", "save_pdf"]
