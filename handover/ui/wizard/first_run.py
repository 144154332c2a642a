"""The first-run wizard itself and its last page, the herstelcode (shown, printed or saved as PDF)."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from handover import paths
from handover.domain.validation import ValidationFailed
from handover.secrets import SecretStore
from handover.services.context import AppContext
from handover.ui import theme
from handover.ui.dialogs import error_label, show_error
from handover.ui.failures import explain
from handover.ui.tasks import TaskRunner
from handover.ui.wizard.join_page import JoinFlow
from handover.ui.wizard.pages import (
    FolderPage,
    KeyStoragePage,
    OrganisationPage,
    RolePage,
)

PAGE_ROLE, PAGE_ORGANISATION, PAGE_FOLDER, PAGE_KEYS, PAGE_RECOVERY, PAGE_JOIN = range(6)


class RecoveryPage(QWizardPage):
    """Creates the data folder (in the background) and shows the herstelcode exactly once."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Uw herstelcode"))
        self.setSubTitle(
            self.tr(
                "Met deze code krijgt u weer toegang tot de gegevens, bijvoorbeeld na een "
                "herinstallatie. Hij wordt maar één keer getoond."
            )
        )
        self.status = QLabel(self.tr("Bezig met aanmaken van de versleutelde gegevens…"))
        self.status.setWordWrap(True)
        self.code = QLabel()
        self.code.setObjectName("recoveryCode")
        self.code.setAccessibleName(self.tr("Herstelcode"))
        self.code.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.code.setWordWrap(True)
        font = QFont("DejaVu Sans Mono")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.code.setFont(font)
        self.code.setStyleSheet(f"padding: 12px; border: 1px solid {theme.CODE_BORDER}; background: {theme.CODE_BG};")
        self.code.hide()
        self.print_button = QPushButton(self.tr("Afdrukken"))
        self.print_button.setAccessibleName(self.tr("Herstelcode afdrukken"))
        self.print_button.clicked.connect(self.print_code)
        self.pdf_button = QPushButton(self.tr("Opslaan als PDF"))
        self.pdf_button.setAccessibleName(self.tr("Herstelcode opslaan als PDF"))
        self.pdf_button.clicked.connect(self.save_pdf)
        for button in (self.print_button, self.pdf_button):
            button.setEnabled(False)
        self.saved = QCheckBox(self.tr("Ik heb de herstelcode bewaard"))
        self.saved.setObjectName("savedCheck")
        self.saved.setEnabled(False)  # until the folder exists and the code is shown
        self.registerField("saved*", self.saved)
        self.message = error_label()
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.code)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("Bewaar de code op papier op een veilige plek, niet op deze computer.")))
        layout.addWidget(self.saved)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self._wizard.create_data()

    def show_code(self, code: str) -> None:
        self.status.setText(self.tr("De gegevensmap is aangemaakt en versleuteld."))
        self.code.setText(code)
        self.code.show()
        for widget in (self.print_button, self.pdf_button, self.saved):
            widget.setEnabled(True)
        self.saved.setFocus()

    def show_failure(self, message: str) -> None:
        self.status.setText(self.tr("De gegevensmap kon niet worden aangemaakt."))
        show_error(self.message, message)

    # -- the printed sheet ------------------------------------------------------------------
    def document(self) -> QTextDocument:
        w = self._wizard
        body = self.tr(
            "<h2>Herstelcode Overstap</h2>"
            "<p><b>Organisatie:</b> %1<br><b>Gegevensmap:</b> %2<br><b>Aangemaakt op:</b> %3</p>"
            "<p style='font-family: monospace; font-size: 16pt; border: 1px solid black; padding: 8px'>%4</p>"
            "<p>Met deze code krijgt u weer toegang tot de versleutelde gegevens van Overstap, bijvoorbeeld na een "
            "herinstallatie van de computer. Bewaar dit blad op een veilige plek, bijvoorbeeld in de kluis van de "
            "school. Wie deze code en de gegevensmap heeft, kan de gegevens lezen.</p>"
        )
        for marker, value in (
            ("%1", w.org_page.org_name.text()),
            ("%2", str(w.folder_page.path())),
            ("%3", dt.date.today().strftime("%d-%m-%Y")),
            ("%4", self.code.text()),
        ):
            body = body.replace(marker, html.escape(value))
        doc = QTextDocument()
        doc.setHtml(body)
        return doc

    def print_code(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Herstelcode afdrukken"))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.document().print_(printer)

    def save_pdf(self) -> None:
        start = str(Path.home() / "Overstap-herstelcode.pdf")
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Herstelcode opslaan als PDF"), start, self.tr("PDF-bestanden (*.pdf)")
        )
        if path:
            self.write_pdf(Path(path))

    def write_pdf(self, path: Path) -> Path:
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setOutputFileName(str(path))
        paths.private_write(path, b"")  # created owner-only (0600) first; the printer keeps the file's rights
        self.document().print_(printer)
        show_error(self.message, None)
        self.status.setText(
            self.tr(
                "Opgeslagen als %1. Zet het bestand daarna op papier of een USB-stick, niet alleen op deze computer."
            ).replace("%1", str(path))
        )
        return path


class FirstRunWizard(QWizard):
    """After ``accept()``, ``context`` is the open AppContext of the new data folder.

    ``keyring_available`` and ``secret_store`` exist for tests and the demo (a memory store);
    normally the OS keychain is checked with :func:`handover.secrets.secure_keyring_backend`.
    """

    data_created = Signal(str)  # data folder

    def __init__(
        self,
        runner: TaskRunner,
        *,
        default_dir: Path | None = None,
        keyring_available: bool | None = None,
        secret_store: SecretStore | None = None,
        initialiser: Callable[..., tuple[AppContext, str]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        from handover.secrets import secure_keyring_backend

        self.runner = runner
        self.secret_store = secret_store
        self.context: AppContext | None = None
        self.recovery_code_shown = False
        self._initialiser = initialiser
        if keyring_available is None:
            keyring_available = secret_store is not None or secure_keyring_backend() is not None
        self.setWindowTitle(self.tr("Overstap instellen"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Volgende >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Vorige"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Klaar"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Annuleren"))
        self.role_page = RolePage()
        self.org_page = OrganisationPage(self.role_page)
        self.folder_page = FolderPage(default_dir or paths.default_data_dir())
        self.keys_page = KeyStoragePage(keyring_available)
        self.recovery_page = RecoveryPage(self)
        for page_id, page in (
            (PAGE_ROLE, self.role_page),
            (PAGE_ORGANISATION, self.org_page),
            (PAGE_FOLDER, self.folder_page),
            (PAGE_KEYS, self.keys_page),
            (PAGE_RECOVERY, self.recovery_page),
        ):
            self.setPage(page_id, page)
        self.setStartId(PAGE_ROLE)
        self.join_flow = JoinFlow(
            self, PAGE_JOIN, after=PAGE_ROLE, then=PAGE_FOLDER
        )  # issue 13: "Deze school gebruikt Overstap al" (join_page.py)
        self.resize(640, 480)

    def nextId(self) -> int:  # noqa: N802 - Qt override: the join page after the role page, in join mode
        return self.join_flow.next_id(self.currentId(), super().nextId())

    def create_data(self) -> None:
        from handover.services.app import initialise

        init = self._initialiser or initialise
        data_dir = self.folder_page.path()
        kwargs: dict[str, Any] = {
            "org_name": self.org_page.org_name.text(),
            "user_name": self.org_page.user_name.text(),
            "role": self.role_page.role(),
            "brin": self.org_page.brin_value(),
        }
        if self.secret_store is not None:
            kwargs["secret_store"] = self.secret_store
        else:
            kwargs["passphrase"] = self.keys_page.chosen_passphrase()
        self.runner.run_write(lambda: init(data_dir, **kwargs), self._created, self._failed)

    def _created(self, result: tuple[AppContext, str]) -> None:
        self.context, code = result
        self.recovery_page.show_code(code)
        self.recovery_code_shown = True
        self.join_flow.created(self.context)  # in join mode: join the school now (Klaar waits for it)
        # From here on the wizard can only be finished: the code must have been saved.
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.data_created.emit(str(self.folder_page.path()))

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationFailed):
            message = "\n".join(e.message for e in exc.errors)
        else:
            message = explain(exc, "De gegevensmap kon niet worden aangemaakt.")
        self.recovery_page.show_failure(message)

    def reject(self) -> None:
        if self.context is not None:
            return  # the folder exists now: the code must be confirmed before leaving
        super().reject()
