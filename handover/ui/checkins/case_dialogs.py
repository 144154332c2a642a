"""The dialogs the dossier's "Einde van de begeleiding" box (ui/checkins/closing.py) opens.

:class:`CloseCaseDialog` (Begeleiding afronden, with the final situation) and :class:`ReopenDialog`
(Heropenen, with why) write through the dossier's write hook. :class:`OnePageDialog` shows a one-page
PDF ("Mijn overstap", the Doorstroompunt handover) as it will print, with Afdrukken and Opslaan als
PDF, both audit-logged.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QSize, Signal
from PySide6.QtGui import QPageSize
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from handover.domain.vocab import SITUATION, SITUATION_REASON
from handover.services.closing import ClosingRefused, ClosingService
from handover.ui import labels, theme
from handover.ui.checkins.dialogs import finish_form
from handover.ui.failures import explain
from handover.ui.guard import alive
from handover.ui.window_size import fit_dialog

Write = Callable[..., None]


def problem_text(exc: BaseException, what: str) -> str:
    """A refusal from the closing service is already a Dutch sentence; anything else is explained."""
    return str(exc) if isinstance(exc, ClosingRefused) else explain(exc, what)


class _CaseDialog(QDialog):
    saved = Signal(object)

    def _setup(self, title: str, intro: str) -> QVBoxLayout:
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        label = QLabel(intro, self)
        label.setWordWrap(True)
        label.setObjectName("uitleg")
        layout.addWidget(label)
        return layout

    def _finish(self, layout: QVBoxLayout, ok_text: str) -> None:
        self.message, self.buttons = finish_form(
            self, layout, ok_text, QCoreApplication.translate("Begeleiding", "Annuleren"), self.submit
        )

    def submit(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def _run(self, write: Write, job: Callable[[], Any]) -> None:
        self.buttons.setEnabled(False)
        write(job, on_done=alive(self, self._saved), on_error=alive(self, self._failed), refresh_lists=True)

    def _saved(self, result: Any) -> None:
        self.saved.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(problem_text(exc, "Begeleiding: niet opgeslagen."))
        self.message.show()


class CloseCaseDialog(_CaseDialog):
    """Begeleiding afronden: the final situation (the latest known one is proposed)."""

    def __init__(self, parent: QWidget, ctx: Any, write: Write, youth_id: str, suggestion: str | None) -> None:
        super().__init__(parent)
        self.setObjectName("begeleiding_afronden")
        self._ctx, self._write, self._youth_id = ctx, write, youth_id
        layout = self._setup(
            QCoreApplication.translate("Begeleiding", "Begeleiding afronden"),
            QCoreApplication.translate(
                "Begeleiding",
                "Leg de situatie aan het eind van de begeleiding vast. De jongere verdwijnt dan van Vandaag en "
                "uit de planning. Heropenen kan altijd; verliest de jongere werk of school, dan gebeurt het vanzelf.",
            ),
        )
        form = QFormLayout()
        self.situation = QComboBox(self)
        self.situation.setObjectName("eindsituatie")
        self.situation.setAccessibleName(QCoreApplication.translate("Begeleiding", "Situatie aan het eind"))
        for code, label in SITUATION:
            self.situation.addItem(labels.domain(label), code)
        self.situation.setCurrentIndex(max(0, self.situation.findData(suggestion or "niet_bereikt")))
        self.reason = QComboBox(self)
        self.reason.setObjectName("reden")
        self.reason.setAccessibleName(QCoreApplication.translate("Begeleiding", "Reden"))
        self.reason.addItem(QCoreApplication.translate("Begeleiding", "Kies een reden"), None)
        for code, label in SITUATION_REASON:
            self.reason.addItem(labels.domain(label), code)
        form.addRow(QCoreApplication.translate("Begeleiding", "Situatie aan het eind"), self.situation)
        form.addRow(QCoreApplication.translate("Begeleiding", "Reden"), self.reason)
        layout.addLayout(form)
        self.situation.currentIndexChanged.connect(self._situation_changed)
        self._situation_changed()
        self._finish(layout, QCoreApplication.translate("Begeleiding", "Afronden"))

    def _situation_changed(self) -> None:
        self.reason.setEnabled(self.situation.currentData() == "geen")

    def submit(self) -> None:
        situation = str(self.situation.currentData())
        reason = self.reason.currentData() if situation == "geen" else None
        if situation == "geen" and not reason:
            self.message.setText(
                QCoreApplication.translate("Begeleiding", "Kies een reden bij 'Nog geen werk, school of dagbesteding'.")
            )
            self.message.show()
            return
        service, youth_id = ClosingService(self._ctx), self._youth_id
        self._run(self._write, lambda: service.close(youth_id, situation, reason))


class ReopenDialog(_CaseDialog):
    def __init__(self, parent: QWidget, ctx: Any, write: Write, youth_id: str) -> None:
        super().__init__(parent)
        self.setObjectName("begeleiding_heropenen")
        self._ctx, self._write, self._youth_id = ctx, write, youth_id
        layout = self._setup(
            QCoreApplication.translate("Begeleiding", "Begeleiding heropenen"),
            QCoreApplication.translate(
                "Begeleiding", "De jongere komt weer op Vandaag en in de planning. Schrijf kort op waarom."
            ),
        )
        self.why = QLineEdit(self)
        self.why.setObjectName("waarom")
        self.why.setAccessibleName(QCoreApplication.translate("Begeleiding", "Waarom"))
        self.why.setMaxLength(300)
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("Begeleiding", "Waarom"), self.why)
        layout.addLayout(form)
        self._finish(layout, QCoreApplication.translate("Begeleiding", "Heropenen"))

    def submit(self) -> None:
        why = self.why.text().strip()
        if not why:
            self.message.setText(
                QCoreApplication.translate("Begeleiding", "Schrijf kort op waarom de begeleiding weer opengaat.")
            )
            self.message.show()
            return
        service, youth_id = ClosingService(self._ctx), self._youth_id
        self._run(self._write, lambda: service.reopen(youth_id, why))


class OnePageDialog(QDialog):
    """A one-page PDF as it will print, with Afdrukken and Opslaan als PDF (both in the audit log)."""

    loaded = Signal(int)  # pages
    failed = Signal(str)
    pdf_saved = Signal(str)

    def __init__(
        self,
        parent: QWidget | None,
        ctx: Any,
        runner: Any,
        title: str,
        make: Callable[[], bytes],
        save: Callable[[Path], Path],
        file_name: str,
        *,
        record_kind: str,
        youth_id: str,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("een_pagina")
        self.setWindowTitle(title)
        self.ctx, self.runner, self._make, self._save = ctx, runner, make, save
        self.file_name, self.record_kind, self.youth_id = file_name, record_kind, youth_id
        self.data = b""
        self.document = QPdfDocument(self)
        self._buffer = QBuffer(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.view.setAccessibleName(QCoreApplication.translate("Begeleiding", "Voorbeeld van de afdruk"))
        self.status = QLabel(QCoreApplication.translate("Begeleiding", "De pagina wordt opgemaakt…"), self)
        self.status.setObjectName("stand")
        self.status.setWordWrap(True)
        self.print_button = QPushButton(QCoreApplication.translate("Begeleiding", "Afdrukken…"), self)
        self.save_button = QPushButton(QCoreApplication.translate("Begeleiding", "Opslaan als PDF…"), self)
        close = QPushButton(QCoreApplication.translate("Begeleiding", "Sluiten"), self)
        for button in (self.print_button, self.save_button):
            button.setEnabled(False)
        self.print_button.clicked.connect(self.print_with_dialog)
        self.save_button.clicked.connect(self.save_with_dialog)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        fit_dialog(self, QSize(720, 960))
        self._start(self._make, self._loaded, self._failed)

    def _start(
        self, job: Callable[[], Any], done: Callable[[Any], None], failed: Callable[[BaseException], None]
    ) -> None:
        if self.runner is None:
            try:
                result = job()
            except Exception as exc:  # noqa: BLE001 - shown in the dialog, like the runner's error path
                failed(exc)
                return
            done(result)
            return
        self.runner.run_write(job, alive(self, done), alive(self, failed))

    def _loaded(self, data: bytes) -> None:
        self.data = data
        self.document.close()
        self._buffer.close()
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        pages = self.document.pageCount()
        self.status.setText(
            QCoreApplication.translate("Begeleiding", "1 pagina")
            if pages == 1
            else QCoreApplication.translate("Begeleiding", "%1 pagina's").replace("%1", str(pages))
        )
        self.print_button.setEnabled(pages > 0)
        self.save_button.setEnabled(pages > 0)
        self.loaded.emit(pages)

    def _failed(self, exc: BaseException) -> None:
        message = problem_text(exc, "Afdrukken: mislukt.")
        self.status.setText(message)
        self.status.setStyleSheet(theme.ERROR_TEXT_STYLE)
        self.failed.emit(message)

    def print_with_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setDocName(self.windowTitle())
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        from handover.reports.mijn_overstap import record_print
        from handover.ui.printing.preview import PrinterError, print_pdf_document

        try:
            pages = print_pdf_document(self.document, printer)
        except PrinterError as exc:
            self._failed(exc)
            return 0
        ctx, youth_id, kind = self.ctx, self.youth_id, self.record_kind
        self._start(lambda: record_print(ctx, youth_id, kind, action="print", write=lambda: None), lambda _r: None,
                    self._failed)  # fmt: skip
        self.status.setText(QCoreApplication.translate("Begeleiding", "Afgedrukt."))
        return pages

    def save_with_dialog(self) -> None:
        from handover.ui.printing.preview import documents_dir

        path, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("Begeleiding", "Opslaan als PDF"),
            str(documents_dir() / self.file_name),
            QCoreApplication.translate("Begeleiding", "PDF (*.pdf)"),
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        self._start(lambda: str(self._save(path)), self._saved, self._failed)

    def _saved(self, path: str) -> None:
        self.status.setText(
            QCoreApplication.translate("Begeleiding", "Opgeslagen als %1.").replace("%1", Path(path).name)
        )
        self.pdf_saved.emit(path)
