"""The end of support in the dossier: "Begeleiding afronden", "Heropenen", "Overdragen aan het
Doorstroompunt" and "Mijn overstap afdrukken", in a box under the contactmomenten.

:class:`CaseBox` shows whether the case is open (and until when support runs) or closed (when, with
which final situation, by whom) and offers the actions that fit. Writes go through the dossier's
write hook (the edit session), so the dossier is read again and the Vandaag lists follow. The two
one-page PDFs ("Mijn overstap", the Doorstroompunt handover) open in :class:`OnePageDialog`: a
preview with Afdrukken and Opslaan als PDF, both audit-logged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import QPageSize
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from handover.domain import rules
from handover.domain.vocab import DISENGAGED_SITUATIONS, SITUATION, SITUATION_REASON
from handover.services.closing import (
    DOORSTROOMPUNT_ACTION,
    DOORSTROOMPUNT_ORG,
    ClosingRefused,
    ClosingService,
    Closure,
    closure_history,
)
from handover.ui import labels, theme
from handover.ui.failures import explain
from handover.ui.guard import alive
from handover.ui.window_size import fit_dialog

Write = Callable[..., None]


def _fmt(day: dt.date | None) -> str:
    return day.strftime("%d-%m-%Y") if day else ""


def _problem(exc: BaseException, what: str) -> str:
    return str(exc) if isinstance(exc, ClosingRefused) else explain(exc, what)


def _runner_of(write: Write) -> Any:
    """The task runner behind the dossier's write hook (the edit session), for reads and PDFs off the
    GUI thread; None runs them here (a panel built without a session, in a test)."""
    return getattr(getattr(write, "__self__", None), "runner", None)


class CaseBox(QGroupBox):
    """'Begeleiding na school': open until …, or closed on … with the final situation; the actions."""

    def __init__(self, ctx: Any, write: Write, today: Callable[[], dt.date], parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("Begeleiding", "Einde van de begeleiding"), parent)
        self.setObjectName("begeleiding")
        self._ctx, self._write, self._today = ctx, write, today
        self._youth: Any = None
        self.closure: Closure | None = None
        self.dialog: QDialog | None = None
        layout = QVBoxLayout(self)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("begeleiding_stand")
        self.state_label.setWordWrap(True)
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.state_label)
        row, second = QHBoxLayout(), QHBoxLayout()  # two rows: they fit the narrowest dossier (900 px window)
        self.close_button = QPushButton(QCoreApplication.translate("Begeleiding", "Begeleiding af&ronden…"), self)
        self.reopen_button = QPushButton(QCoreApplication.translate("Begeleiding", "Her&openen…"), self)
        self.doorstroompunt_button = QPushButton(
            QCoreApplication.translate("Begeleiding", "Overdragen aan het Doorstroom&punt…"), self
        )
        self.mijn_overstap_button = QPushButton(
            QCoreApplication.translate("Begeleiding", "'Mijn overstap' afdr&ukken…"), self
        )
        self.mijn_overstap_button.setToolTip(
            QCoreApplication.translate(
                "Begeleiding",
                "Eén pagina in gewone taal voor de jongere: contactpersoon, afspraken, volgende contactmomenten.",
            )
        )
        for button in (self.close_button, self.reopen_button, self.mijn_overstap_button):
            row.addWidget(button)
        row.addStretch(1)
        second.addWidget(self.doorstroompunt_button)
        second.addStretch(1)
        layout.addLayout(row)
        layout.addLayout(second)
        self.close_button.clicked.connect(lambda: self.open_close_dialog())
        self.reopen_button.clicked.connect(lambda: self.open_reopen_dialog())
        self.doorstroompunt_button.clicked.connect(lambda: self.open_doorstroompunt_dialog())
        self.mijn_overstap_button.clicked.connect(lambda: self.open_mijn_overstap())

    # -- state ----------------------------------------------------------------------------------
    def set_youth(self, youth: Any) -> None:
        """Shown from the dossier view; the closing itself is one small indexed read."""
        self._youth = youth
        with self._ctx.session() as session:
            history = closure_history(session, youth.id)
        self.closure = history[-1] if history and history[-1].closed else None
        today = self._today()
        ends = rules.support_ends(youth.leaving_date) if youth.leaving_date else None
        stable = rules.stable_since(youth.checkins)
        self.suggestion = stable[0] if stable else None
        handed = any(
            a.organisation == DOORSTROOMPUNT_ORG and a.action == DOORSTROOMPUNT_ACTION for a in youth.agreements
        )
        lines = []
        if self.closure is not None:
            c = self.closure
            lines.append(
                QCoreApplication.translate(
                    "Begeleiding", "Begeleiding afgerond op %1 door %2. Situatie aan het eind: %3."
                )
                .replace("%1", _fmt(c.closed_on))
                .replace("%2", c.closed_by)
                .replace("%3", labels.domain(c.situation_text))
            )
            lines.append(
                QCoreApplication.translate(
                    "Begeleiding", "Verliest de jongere werk of school, dan gaat de begeleiding vanzelf weer open."
                )
            )
        elif ends is None:
            lines.append(
                QCoreApplication.translate(
                    "Begeleiding", "Vul de einddatum (onderdeel C) in: daaruit volgt wanneer de begeleiding eindigt."
                )
            )
        elif ends <= today:
            lines.append(
                QCoreApplication.translate(
                    "Begeleiding", "De twee jaar begeleiding na school zijn om (sinds %1). Rond de begeleiding af."
                ).replace("%1", _fmt(ends))
            )
        else:
            lines.append(
                QCoreApplication.translate(
                    "Begeleiding", "Begeleiding na school loopt tot %1 (2 jaar na vertrek)."
                ).replace("%1", _fmt(ends))
            )
        reopened = [h for h in history if not h.closed]
        if reopened and self.closure is None:
            last = reopened[-1]
            lines.append(
                QCoreApplication.translate("Begeleiding", "Heropend op %1: %2")
                .replace("%1", _fmt(last.reopened_on))
                .replace("%2", last.reopen_reason or "")
            )
        final = self.closure.situation if self.closure else self.suggestion
        offers = final in DISENGAGED_SITUATIONS and (self.closure is not None or bool(ends and ends <= today))
        if handed:
            lines.append(
                QCoreApplication.translate("Begeleiding", "Overgedragen aan het Doorstroompunt (zie de afspraken).")
            )
        self.state_label.setText("\n".join(lines))
        self.close_button.setVisible(self.closure is None)
        self.reopen_button.setVisible(self.closure is not None)
        self.doorstroompunt_button.setVisible(offers)
        self.doorstroompunt_button.setText(
            QCoreApplication.translate("Begeleiding", "Overdrachtspagina Doorstroom&punt…")
            if handed
            else QCoreApplication.translate("Begeleiding", "Overdragen aan het Doorstroom&punt…")
        )

    # -- actions --------------------------------------------------------------------------------
    def _show(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_close_dialog(self) -> CloseCaseDialog | None:
        if self._youth is None or self.closure is not None:
            return None
        dialog = CloseCaseDialog(self, self._ctx, self._write, self._youth.id, self.suggestion)
        self._show(dialog)
        return dialog

    def open_reopen_dialog(self) -> ReopenDialog | None:
        if self._youth is None or self.closure is None:
            return None
        dialog = ReopenDialog(self, self._ctx, self._write, self._youth.id)
        self._show(dialog)
        return dialog

    def open_doorstroompunt_dialog(self) -> OnePageDialog | None:
        """Add the agreement (after the consent check), then show the one-page handover to print."""
        if self._youth is None:
            return None
        from handover.reports.doorstroompunt import TITLE, doorstroompunt_pdf, save_doorstroompunt

        ctx, youth_id = self._ctx, self._youth.id

        def make() -> bytes:
            ClosingService(ctx).hand_over_to_doorstroompunt(youth_id)  # refused (Dutch) without consent
            return doorstroompunt_pdf(ctx, youth_id)

        dialog = OnePageDialog(
            self,
            ctx,
            _runner_of(self._write),
            TITLE,
            make,
            lambda path: save_doorstroompunt(ctx, youth_id, path, action="export"),
            f"overdracht-doorstroompunt-{youth_id[:8]}.pdf",
            record_kind="doorstroompunt",
            youth_id=youth_id,
        )
        dialog.loaded.connect(lambda _pages: self._write(lambda: None, refresh_lists=True))  # the new agreement
        self._show(dialog)
        return dialog

    def open_mijn_overstap(self) -> OnePageDialog | None:
        if self._youth is None:
            return None
        from handover.reports.mijn_overstap import TITLE, mijn_overstap_pdf, save_mijn_overstap

        ctx, youth_id = self._ctx, self._youth.id
        dialog = OnePageDialog(
            self,
            ctx,
            _runner_of(self._write),
            TITLE,
            lambda: mijn_overstap_pdf(ctx, youth_id),
            lambda path: save_mijn_overstap(ctx, youth_id, path, action="export"),
            f"mijn-overstap-{youth_id[:8]}.pdf",
            record_kind="mijn_overstap",
            youth_id=youth_id,
        )
        self._show(dialog)
        return dialog


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
        self.message = QLabel(self)
        self.message.setObjectName("melding")
        self.message.setStyleSheet(theme.ERROR_TEXT_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            QCoreApplication.translate("Begeleiding", "Annuleren")
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

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
        self.message.setText(_problem(exc, "Begeleiding: niet opgeslagen."))
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
        message = _problem(exc, "Afdrukken: mislukt.")
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
