"""The klantmanager's forms: plan the intake, send a status message, the gemeente's settings.

Each form writes through the TaskRunner's write lane and stays open with the reason when the sync
engine refuses (a withdrawn dossier, no connection set up yet): nothing typed is lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from handover.services.context import AppContext
from handover.ui.failures import failure_text
from handover.ui.guard import alive
from handover.ui.tasks import TaskRunner

DETAIL_MAX = 300


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class _WriteDialog(QDialog):
    """A form whose OK runs one write on the runner; it closes only when that write succeeded."""

    saved = Signal()

    def __init__(self, runner: TaskRunner, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.message = QLabel()
        self.message.setObjectName("errorLabel")
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def write(self) -> Callable[[], Any] | None:
        """The write to run, or None after showing why the form cannot be sent yet."""
        raise NotImplementedError

    def show_problem(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def submit(self) -> None:
        job = self.write()
        if job is None:
            return
        self.buttons.setEnabled(False)
        self.runner.run_write(job, alive(self, self._done), alive(self, self._failed))

    def _done(self, _result: Any) -> None:
        self.saved.emit()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.show_problem(failure_text(self.tr("Niet verstuurd."), exc))


class IntakeDialog(_WriteDialog):
    """Intake plannen: a date and a klantmanager from the gemeente's own staff list."""

    def __init__(
        self,
        runner: TaskRunner,
        service: Any,
        key: tuple[str, str],
        *,
        staff: list[str],
        today: dt.date,
        current: tuple[dt.date | None, str | None] = (None, None),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, self.tr("Intake plannen"), parent)
        self.service, self.key = service, key
        self.date = QDateEdit()
        self.date.setObjectName("intakeDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd-MM-yyyy")
        self.date.setMinimumDate(_qdate(today - dt.timedelta(days=30)))
        self.date.setDate(_qdate(current[0] or today + dt.timedelta(days=7)))
        self.klantmanager = QComboBox()
        self.klantmanager.setObjectName("intakeKlantmanager")
        self.klantmanager.setEditable(True)
        self.klantmanager.addItems(staff)
        if current[1]:
            self.klantmanager.setCurrentText(current[1])
        self.klantmanager.setAccessibleName(self.tr("Klantmanager"))
        self.form.addRow(self.tr("Datum van de intake"), self.date)
        self.form.addRow(self.tr("Klantmanager"), self.klantmanager)
        if not staff:
            hint = QLabel(self.tr("Tip: zet de namen van uw collega's onder Instellingen, dan kunt u ze hier kiezen."))
            hint.setWordWrap(True)
            self.form.addRow(hint)

    def write(self) -> Callable[[], Any] | None:
        name = self.klantmanager.currentText().strip()
        if not name:
            self.show_problem(self.tr("Kies of typ de klantmanager."))
            return None
        day = _pydate(self.date.date())
        sender, record = self.key
        return lambda: self.service.plan_intake(sender, record, day, name)


STATUS_CHOICES = (
    ("intake_gepland", "Intake gepland"),
    ("route", "Route gekozen"),
    ("klantmanager", "Klantmanager toegewezen"),
    ("afgerond", "Begeleiding afgerond"),
)


class StatusDialog(_WriteDialog):
    """Statusbericht: one of the four messages with an optional short text; the school sees the signer."""

    def __init__(self, runner: TaskRunner, service: Any, key: tuple[str, str], parent: QWidget | None = None) -> None:
        super().__init__(runner, self.tr("Statusbericht aan de school"), parent)
        self.service, self.key = service, key
        self.status = QComboBox()
        self.status.setObjectName("statusChoice")
        labels = {  # literal texts, so the translation tools see them
            "intake_gepland": self.tr("Intake gepland"),
            "route": self.tr("Route gekozen"),
            "klantmanager": self.tr("Klantmanager toegewezen"),
            "afgerond": self.tr("Begeleiding afgerond"),
        }
        for code, label in STATUS_CHOICES:
            self.status.addItem(labels.get(code, label), code)
        self.detail = QLineEdit()
        self.detail.setObjectName("statusDetail")
        self.detail.setMaxLength(DETAIL_MAX)
        self.detail.setPlaceholderText(self.tr("Bijvoorbeeld: route werk, via jobcoach"))
        self.form.addRow(self.tr("Bericht"), self.status)
        self.form.addRow(self.tr("Korte toelichting (mag leeg)"), self.detail)
        note = QLabel(self.tr("De school ziet dit bericht met uw naam, ondertekend en versleuteld."))
        note.setWordWrap(True)
        self.form.addRow(note)

    def write(self) -> Callable[[], Any] | None:
        status = str(self.status.currentData())
        detail = self.detail.text().strip()
        sender, record = self.key
        return lambda: self.service.send_status(sender, record, status, detail)


class GemeenteSettingsDialog(_WriteDialog):
    """Instellingen van Werk en Inkomen: your name and the staff list the intake form offers."""

    def __init__(
        self, ctx: AppContext, runner: TaskRunner, settings: dict[str, Any], staff: list[str], parent: QWidget | None
    ) -> None:
        super().__init__(runner, self.tr("Instellingen"), parent)
        self.ctx = ctx
        self.user = QLineEdit(str(settings.get("user_name") or ""))
        self.user.setObjectName("userName")
        self.staff = QPlainTextEdit("\n".join(staff))
        self.staff.setObjectName("staffList")
        self.staff.setAccessibleName(self.tr("Medewerkers, één naam per regel"))
        self.staff.setMinimumHeight(self.fontMetrics().height() * 8)
        self.form.addRow(self.tr("Uw naam"), self.user)
        self.form.addRow(self.tr("Medewerkers (klantmanagers),\néén naam per regel"), self.staff)
        self.result_settings: dict[str, Any] = dict(settings)

    def write(self) -> Callable[[], Any] | None:
        from handover.gemeente.staff import set_staff
        from handover.services.settings import set_setting

        user = self.user.text().strip()
        if not user:
            self.show_problem(self.tr("Vul uw naam in: die staat onder elk bericht aan de school."))
            return None
        names = self.staff.toPlainText().splitlines()
        self.result_settings["user_name"] = user

        def save() -> list[str]:
            with self.ctx.session() as session:
                set_setting(session, "user_name", user)
                return set_staff(session, names)

        return save
