"""Instellingen → "Verbinden met de gemeente": server address and code, then the fingerprint comparison.

Three steps on one dialog: (1) the address and the one-time code; (2) the comparison screen, where the
user reads the gemeente's fingerprint aloud to the gemeente's administrator, who sees the same six
groups on his own installation (``handover fingerprint``), never in a listing from the server;
(3) the outcome. "Nee" registers nothing and the code stays valid. "Ja" enrolls, accepting exactly
the fingerprints that were on the screen: a key the server swaps in between is refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from handover.services.context import AppContext
from handover.ui.dialogs import error_label, show_error
from handover.ui.failures import failure_text
from handover.ui.guard import alive
from handover.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from handover.sync.enrollment import EnrollOutcome, EnrollPreview
    from handover.sync.service import SyncService

PAGE_FORM, PAGE_COMPARE, PAGE_DONE = range(3)


def fingerprint_label(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont("DejaVu Sans Mono")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSize(font.pointSize() + 6)
    font.setBold(True)
    label.setFont(font)
    label.setMinimumHeight(QFontMetrics(font).height() + 12)
    label.setContentsMargins(0, 4, 0, 8)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setObjectName("fingerprint")
    return label


class EnrollDialog(QDialog):
    """Connect this installation to the gemeente's sync server, with the fingerprint comparison."""

    enrolled = Signal(object)  # EnrollOutcome

    def __init__(
        self,
        ctx: AppContext,
        runner: TaskRunner,
        service: SyncService | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Verbinden met de gemeente"))
        self.setMinimumWidth(560)
        self.ctx = ctx
        self.runner = runner
        self._service = service
        self.preview: EnrollPreview | None = None
        self.outcome: EnrollOutcome | None = None
        self.pages = QStackedWidget()
        self.pages.addWidget(self._form_page())
        self.pages.addWidget(self._compare_page())
        self.pages.addWidget(self._done_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

    @property
    def service(self) -> SyncService:
        if self._service is None:
            from handover.sync.service import SyncService

            self._service = SyncService(self.ctx)
        return self._service

    # -- pages ------------------------------------------------------------------------------

    def _form_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel(
            self.tr(
                "Vraag de ICT-beheerder van de gemeente om het adres van de server en een eenmalige "
                "inschrijfcode. Geef de code nooit per e-mail door."
            )
        )
        intro.setWordWrap(True)
        self.server = QLineEdit()
        self.server.setPlaceholderText("https://overstap.gemeente.nl:8443")
        self.server.setAccessibleName(self.tr("Adres van de server"))
        self.code = QLineEdit()
        self.code.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX")
        self.code.setAccessibleName(self.tr("Inschrijfcode"))
        self.form_error = error_label()
        form = QFormLayout()
        form.addRow(self.tr("Adres van de server"), self.server)
        form.addRow(self.tr("Inschrijfcode"), self.code)
        self.next_button = QPushButton(self.tr("Volgende"))
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.check_code)
        cancel = QPushButton(self.tr("Annuleren"))
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addStretch(1)
        layout.addLayout(_buttons(cancel, self.next_button))
        return page

    def _compare_page(self) -> QWidget:
        page = QWidget()
        title = QLabel(self.tr("Vergelijk de vingerafdruk"))
        title.setObjectName("pageTitle")
        font = title.font()
        font.setPointSize(font.pointSize() + 3)
        font.setBold(True)
        title.setFont(font)
        explain = QLabel(
            self.tr(
                "Bel de beheerder van de gemeente. Lees deze 6 groepen voor aan de beheerder van de gemeente, "
                "die ze op zijn eigen scherm ziet. Vergelijk nooit met een lijst van de server."
            )
        )
        explain.setWordWrap(True)
        self.peer_list = QVBoxLayout()
        question = QLabel(self.tr("Zegt de beheerder dat alle groepen gelijk zijn?"))
        question.setWordWrap(True)
        self.yes_button = QPushButton(self.tr("Ja, ze zijn gelijk"))
        self.yes_button.clicked.connect(self.confirm)
        self.no_button = QPushButton(self.tr("Nee"))
        self.no_button.clicked.connect(self.decline)
        self.compare_error = error_label()
        layout = QVBoxLayout(page)
        layout.addWidget(title)
        layout.addWidget(explain)
        layout.addLayout(self.peer_list)
        layout.addWidget(question)
        layout.addWidget(self.compare_error)
        layout.addStretch(1)
        layout.addLayout(_buttons(self.no_button, self.yes_button))
        return page

    def _done_page(self) -> QWidget:
        page = QWidget()
        self.done_text = QLabel()
        self.done_text.setWordWrap(True)
        self.done_text.setObjectName("doneText")
        self.own_fingerprint = fingerprint_label("")
        self.own_fingerprint.hide()
        close = QPushButton(self.tr("Sluiten"))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(page)
        layout.addWidget(self.done_text)
        layout.addWidget(self.own_fingerprint)
        layout.addStretch(1)
        layout.addLayout(_buttons(close))
        return page

    # -- steps ------------------------------------------------------------------------------

    def check_code(self) -> None:
        from handover.sync.client import require_secure_url
        from handover.sync.errors import SyncUsageError

        url, code = self.server.text().strip(), self.code.text().strip()
        if not url or not code:
            show_error(self.form_error, self.tr("Vul het adres van de server en de inschrijfcode in."))
            return
        try:
            require_secure_url(url)
        except SyncUsageError as exc:
            show_error(self.form_error, str(exc))
            return
        show_error(self.form_error, None)
        self.next_button.setEnabled(False)
        service = self.service
        self.runner.run_network(
            lambda: service.enroll_preview(url, code), alive(self, self._previewed), alive(self, self._form_failed)
        )

    def _previewed(self, preview: EnrollPreview) -> None:
        self.preview = preview
        self.next_button.setEnabled(True)
        if not preview.gemeenten:
            self._enroll(set())  # a gemeente enrolls first: there is no other key to compare yet
            return
        while self.peer_list.count():
            item = self.peer_list.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for peer in preview.gemeenten:
            name = QLabel(peer.name)
            bold = name.font()
            bold.setBold(True)
            name.setFont(bold)
            self.peer_list.addWidget(name)
            self.peer_list.addWidget(fingerprint_label(peer.fingerprint))
        self.pages.setCurrentIndex(PAGE_COMPARE)
        self.adjustSize()
        self.no_button.setFocus()

    def _form_failed(self, exc: BaseException) -> None:
        self.next_button.setEnabled(True)
        show_error(self.form_error, _problem(self.tr("Verbinden is niet gelukt."), exc))

    def decline(self) -> None:
        """The fingerprints differ: nothing is registered, the code stays valid."""
        self.done_text.setText(
            self.tr(
                "Er is niets geregistreerd en er wordt niets verstuurd. De code blijft geldig. "
                "Meld aan de beheerder van de gemeente dat de vingerafdruk niet klopte: "
                "iemand kan de sleutel op de server hebben vervangen."
            )
        )
        self.pages.setCurrentIndex(PAGE_DONE)

    def confirm(self) -> None:
        assert self.preview is not None
        self._enroll({peer.fingerprint for peer in self.preview.gemeenten})

    def _enroll(self, seen: set[str]) -> None:
        url, code = self.server.text().strip(), self.code.text().strip()
        service = self.service
        self.yes_button.setEnabled(False)
        self.no_button.setEnabled(False)

        def enroll() -> Any:
            # Only the fingerprints that were on the screen are accepted.
            return service.enroll(url, code, confirm=lambda peer: peer.fingerprint in seen)

        self.runner.run_network(enroll, alive(self, self._enrolled), alive(self, self._enroll_failed))

    def _enrolled(self, outcome: EnrollOutcome) -> None:
        self.outcome = outcome
        self.done_text.setText(
            self.tr(
                "Verbonden als %1. Dit is de vingerafdruk van uw eigen organisatie; de gemeente vraagt "
                "u die voor te lezen voordat ze uw dossiers opent:"
            ).replace("%1", outcome.org_name)
        )
        self.own_fingerprint.setText(outcome.own_fingerprint)
        self.own_fingerprint.show()
        self.pages.setCurrentIndex(PAGE_DONE)
        self.adjustSize()
        self.enrolled.emit(outcome)

    def _enroll_failed(self, exc: BaseException) -> None:
        self.yes_button.setEnabled(True)
        self.no_button.setEnabled(True)
        message = _problem(self.tr("Inschrijven is niet gelukt."), exc)
        if self.pages.currentIndex() == PAGE_COMPARE:
            show_error(self.compare_error, message)
        else:
            show_error(self.form_error, message)


def _problem(prefix: str, exc: BaseException) -> str:
    """Our own errors carry a Dutch message meant for the user; anything else gets the generic text."""
    from handover.sync.client import SyncError
    from handover.sync.errors import SyncUsageError

    if isinstance(exc, SyncUsageError | SyncError):
        return f"{prefix} {exc}"
    return failure_text(prefix, exc)


def _buttons(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row
