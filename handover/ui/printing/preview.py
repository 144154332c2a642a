"""One dossier on paper or in a file: the preview dialog (print, save as PDF) and "Opslaan als PDF" from the menu."""

from __future__ import annotations

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
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from handover.reports.service import NoValidConsent, ReportService, atomic_write
from handover.services.context import AppContext
from handover.ui.failures import failure_text
from handover.ui.guard import alive
from handover.ui.tasks import TaskRunner
from handover.ui.window_size import fit_dialog

PREVIEW_SIZE = QSize(820, 980)  # wanted; made smaller to fit the screen (window_size.fit_dialog)
MAX_PRINT_DPI = 300  # enough for text on paper; 600 dpi pages would need ~140 MB each as images


def documents_dir() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def _exchange(ctx: AppContext, youth_id: str, audience: str) -> list[object]:
    """The school's own print gets the block "Overdracht" (the exchange with Werk en Inkomen)."""
    if audience != "school":
        return []
    from handover.ui.editor.exchange import entries_for_print

    return entries_for_print(ctx, youth_id)


class PrinterError(Exception):
    """The printer could not be opened (message in Dutch)."""


def error_text(exc: BaseException) -> str:
    if isinstance(exc, NoValidConsent | PrinterError):
        return str(exc)
    if isinstance(exc, OSError):
        return failure_text(QCoreApplication.translate("Printing", "Het bestand is niet opgeslagen."), exc)
    return failure_text(QCoreApplication.translate("Printing", "Het afdrukken is mislukt."), exc)


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
        self.view_label = QLabel(QCoreApplication.translate("Printing", "Voorbeeld van de afdruk"), self)

        self.document = QPdfDocument(self)
        self._buffer = QBuffer(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName(QCoreApplication.translate("Printing", "Voorbeeld van de afdruk"))
        self.view_label.setBuddy(self.view)

        self.audience_combo = QComboBox(self)
        self.audience_combo.addItem(QCoreApplication.translate("Printing", "Voor de school (volledig)"), "school")
        self.audience_combo.addItem(
            QCoreApplication.translate("Printing", "Voor Werk en Inkomen (alleen met toestemming)"), "gemeente"
        )
        self.audience_combo.setCurrentIndex(max(0, self.audience_combo.findData(audience)))
        self.audience_combo.currentIndexChanged.connect(self._audience_changed)
        self.audience_label = QLabel(QCoreApplication.translate("Printing", "A&fschrift voor:"), self)
        self.audience_label.setBuddy(self.audience_combo)
        self.audience_combo.setAccessibleName(QCoreApplication.translate("Printing", "Afschrift voor:"))
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

        # Two rows under the preview, so the buttons fit a narrow screen too.
        choice = QHBoxLayout()
        choice.addWidget(self.audience_label)
        choice.addWidget(self.audience_combo)
        choice.addWidget(self.status, 1)
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view_label)
        layout.addWidget(self.view, 1)
        layout.addLayout(choice)
        layout.addLayout(buttons)
        self.view.setMinimumHeight(200)
        fit_dialog(self, PREVIEW_SIZE)
        self.load()

    def _audience_changed(self) -> None:
        self.audience = self.audience_combo.currentData()
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.status.setText(QCoreApplication.translate("Printing", "Het dossier wordt opgemaakt…"))
        self.load()

    def load(self) -> None:
        ctx, youth_id, audience = self.ctx, self.youth_id, self.audience
        self.runner.run(
            lambda: self.service.dossier_pdf(youth_id, audience=audience, exchange=_exchange(ctx, youth_id, audience)),
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
        message = error_text(exc)
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
        suggested = documents_dir() / self.service.file_name_for(self.youth_id)
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
    suggested = documents_dir() / service.file_name_for(youth_id)
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
        service.save_dossier(
            youth_id, path, audience=audience, action="export", exchange=_exchange(ctx, youth_id, audience)
        )
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
        message = error_text(exc)
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
