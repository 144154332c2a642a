"""Batch print: many dossiers into one PDF or one PDF each, with progress and a cancel button."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from handover.reports.service import BatchCancelled, BatchResult, ReportService
from handover.services.context import AppContext
from handover.ui.guard import alive
from handover.ui.printing.overdracht import exchange_reader
from handover.ui.printing.pool import batch_files_parallel
from handover.ui.printing.preview import documents_dir, error_text
from handover.ui.tasks import TaskRunner


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
        self._mode.buttonToggled.connect(lambda *_: self.target_edit.clear())
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
                str(documents_dir() / "overstapdossiers.pdf"),
                QCoreApplication.translate("Printing", "PDF (*.pdf)"),
            )
            if chosen and not chosen.lower().endswith(".pdf"):
                chosen += ".pdf"
        else:
            chosen = QFileDialog.getExistingDirectory(
                self, QCoreApplication.translate("Printing", "Map voor de dossiers"), str(documents_dir())
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
        # The school's own print carries the block "Overdracht" (the exchange with Werk en Inkomen), as
        # a single print does; it is read here, a few dossiers at a time, never in a print worker.
        exchange = exchange_reader(self.ctx)

        def work() -> BatchResult:
            progress = relay.progressed.emit
            if single:
                return service.batch_single(
                    ids, target, audience=audience, progress=progress, cancel=cancel, exchange=exchange
                )
            # One file each: laid out over every core (worker processes get plain data, never the key).
            return batch_files_parallel(
                service, ids, target, audience=audience, progress=progress, cancel=cancel, exchange=exchange
            )

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
        message = error_text(exc)
        self.status.setText(message)
        self._finish()
        self.batch_failed.emit(message)
