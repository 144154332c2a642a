"""The shell's dialogs: new young person, settings, about, and unlocking the data (passphrase, herstelcode)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from handover import APP_NAME, __version__
from handover.domain.fields import YOUTH_FIELDS
from handover.domain.rules import plan_from_months
from handover.domain.validation import FieldError, clean_value
from handover.secrets import passphrase_problem
from handover.services.context import AppContext
from handover.services.settings import all_settings, set_setting
from handover.ui import theme
from handover.ui.failures import failure_text
from handover.ui.guard import alive
from handover.ui.tasks import TaskRunner

LANGUAGE_KEY = "taal"  # QSettings mirror of the language, needed before the database is open
LANGUAGES = (("nl", "Nederlands"), ("en", "English"))


error_label = theme.error_label  # (imported from here by the other dialogs)


class _ContentArea(QScrollArea):
    """As large as its content (a plain QScrollArea asks for at most 24 lines)."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        inner = self.widget()
        return inner.sizeHint() + QSize(self.verticalScrollBar().sizeHint().width(), 0) if inner else super().sizeHint()


def scrolling(*parts: QWidget) -> QScrollArea:
    """``parts`` one under the other in a frameless scroll area as large as they are, until the screen
    is smaller (Qt keeps a new window within it): then they scroll and the buttons stay in view."""
    body = QWidget()
    column = QVBoxLayout(body)
    column.setContentsMargins(0, 0, 0, 0)
    for part in parts:
        column.addWidget(part)
    area = _ContentArea()
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(body)
    return area


def show_error(label: QLabel, message: str | None) -> None:
    label.setText(message or "")
    label.setVisible(bool(message))


def saved_language() -> str:
    value = QSettings().value(LANGUAGE_KEY, "nl")
    return value if value in dict(LANGUAGES) else "nl"


def save_language(code: str) -> None:
    QSettings().setValue(LANGUAGE_KEY, code)


# ----------------------------------------------------------------------------------------------


class SettingsDialog(QDialog):
    """School data, check-in plan, printing and language. Saved through services.settings."""

    saved = Signal(dict)
    connect_requested = Signal()  # "Verbinden met de gemeente…": the window opens the enrollment dialog

    def __init__(
        self, ctx: AppContext, runner: TaskRunner, settings: dict[str, Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Instellingen"))
        self.ctx = ctx
        self.runner = runner
        self.original = dict(settings)
        school = QGroupBox(self.tr("Gegevens van de school"))
        form = QFormLayout(school)
        self.org_name = QLineEdit(settings.get("org_name", ""))
        self.org_name.setAccessibleName(self.tr("Naam van de school of gemeente"))
        self.brin = QLineEdit(settings.get("brin", ""))
        self.brin.setAccessibleName(self.tr("BRIN-code"))
        self.brin_error = error_label()
        self.user_name = QLineEdit(settings.get("user_name", ""))
        self.user_name.setAccessibleName(self.tr("Uw naam"))
        self.recipient = QLineEdit(settings.get("default_recipient", ""))
        self.recipient.setAccessibleName(self.tr("Werk en Inkomen van de gemeente (ontvanger)"))
        form.addRow(self.tr("Naam van de school"), self.org_name)
        form.addRow(self.tr("BRIN-code"), self.brin)
        form.addRow("", self.brin_error)
        form.addRow(self.tr("Uw naam"), self.user_name)
        form.addRow(self.tr("Werk en Inkomen van de gemeente"), self.recipient)
        # Issue 13: who works on this pc. A mentor's Jongeren list opens on "Alleen mijn jongeren".
        self.pc_role = QComboBox()
        self.pc_role.setObjectName("pcRole")
        self.pc_role.setAccessibleName(self.tr("Rol op deze pc"))
        self.pc_role.addItem(self.tr("Mentor: eerst alleen mijn jongeren"), "mentor")
        self.pc_role.addItem(self.tr("Coördinator: alle jongeren"), "coordinator")
        self.pc_role.setCurrentIndex(max(0, self.pc_role.findData(settings.get("pc_role", "coordinator"))))
        self.mentor_name = QLineEdit(settings.get("mentor_name", ""))
        self.mentor_name.setObjectName("mentorName")
        self.mentor_name.setAccessibleName(self.tr("Mijn naam als mentor"))
        self.mentor_name.setPlaceholderText(self.tr("zoals in de dossiers (leeg: uw naam)"))
        form.addRow(self.tr("Rol op deze pc"), self.pc_role)
        form.addRow(self.tr("Mijn naam als mentor"), self.mentor_name)

        plan = QGroupBox(self.tr("Contactmomenten"))
        plan_form = QFormLayout(plan)
        self.plan = QLineEdit(", ".join(str(m) for m in settings.get("checkin_plan", [])))
        self.plan.setAccessibleName(self.tr("Maanden rond vertrek"))  # the visible label, as a screen reader says it
        self.plan.setAccessibleDescription(
            self.tr("Plan van contactmomenten in maanden ten opzichte van de vertrekdatum")
        )
        self.plan.setToolTip(self.tr("Maanden voor (negatief) en na de vertrekdatum, gescheiden door komma's."))
        self.plan_error = error_label()
        plan_form.addRow(self.tr("Maanden rond vertrek"), self.plan)
        plan_form.addRow("", self.plan_error)
        plan_form.addRow("", QLabel(self.tr("Bijvoorbeeld: -9, -3, 0, 1, 3, 6, 12, 18, 24")))
        # "Uit beeld" on Vandaag: not reached for more than this many months.
        self.out_of_sight = QSpinBox()
        self.out_of_sight.setObjectName("uitBeeldMaanden")
        self.out_of_sight.setRange(1, 24)
        self.out_of_sight.setSuffix(self.tr(" maanden"))
        self.out_of_sight.setValue(int(settings.get("out_of_sight_months", 4)))
        self.out_of_sight.setAccessibleName(self.tr("Uit beeld na"))
        self.out_of_sight.setAccessibleDescription(
            self.tr("Op Vandaag staat onder 'Uit beeld' wie zo lang niet is bereikt")
        )
        plan_form.addRow(self.tr("Uit beeld na"), self.out_of_sight)

        other = QGroupBox(self.tr("Afdrukken en taal"))
        other_form = QFormLayout(other)
        self.full_bsn = QCheckBox(self.tr("BSN volledig afdrukken (anders alleen de laatste drie cijfers)"))
        self.full_bsn.setChecked(bool(settings.get("print_full_bsn")))
        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Taal"))
        for code, label in LANGUAGES:
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.get("language", "nl"))))
        other_form.addRow(self.full_bsn)
        other_form.addRow(self.tr("Taal"), self.language)
        other_form.addRow("", QLabel(self.tr("Een andere taal gaat in bij de volgende start.")))

        link = QGroupBox(self.tr("Verbinding met de gemeente en de pc's van de school"))
        link_layout = QHBoxLayout(link)
        self.connect_button = QPushButton(self.tr("Verbinden met de gemeente…"))
        self.connect_button.setObjectName("connectGemeente")
        self.connect_button.clicked.connect(self.connect_requested)
        link_layout.addWidget(self.connect_button)
        # Issue 13: the other pc's of the school (ui/devices_dialog.py; opened from here, loaded on first use).
        self.add_device_button = QPushButton(self.tr("Pc toevoegen…"))
        self.add_device_button.setObjectName("addDevice")
        self.devices_button = QPushButton(self.tr("Pc's van deze school…"))
        self.devices_button.setObjectName("showDevices")
        for button, which in ((self.add_device_button, "add"), (self.devices_button, "list")):
            button.clicked.connect(lambda _c=False, w=which: self._devices(w))
            link_layout.addWidget(button)
        link_layout.addStretch(1)

        self.general = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Opslaan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(school, plan, other, link), 1)  # a laptop at 150-200 %: the groups scroll
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)

    def collect(self) -> dict[str, Any] | None:
        """The changed settings, or None when something is invalid (the message is shown)."""
        ok = True
        brin = self.brin.text().strip()
        try:
            brin = clean_value(YOUTH_FIELDS["brin"], brin) or ""
            show_error(self.brin_error, None)
        except FieldError as err:
            show_error(self.brin_error, err.message)
            ok = False
        try:
            months = [int(part) for part in self.plan.text().replace(";", ",").split(",") if part.strip()]
            if not months:
                raise ValueError(self.tr("Geef minstens één contactmoment op."))
            plan_from_months(months)
            show_error(self.plan_error, None)
        except ValueError as err:
            message = str(err)
            if "invalid literal" in message:
                message = self.tr("Gebruik alleen hele getallen, gescheiden door komma's.")
            show_error(self.plan_error, message)
            ok = False
        if not self.org_name.text().strip() or not self.user_name.text().strip():
            show_error(self.general, self.tr("De naam van de school en uw naam zijn verplicht."))
            ok = False
        if not ok:
            return None
        new = {
            "org_name": self.org_name.text().strip(),
            "brin": brin,
            "user_name": self.user_name.text().strip(),
            "default_recipient": self.recipient.text().strip(),
            "checkin_plan": sorted(set(months)),
            "out_of_sight_months": self.out_of_sight.value(),
            "print_full_bsn": self.full_bsn.isChecked(),
            "language": self.language.currentData(),
            "pc_role": self.pc_role.currentData(),
            "mentor_name": " ".join(self.mentor_name.text().split()),
        }
        return {k: v for k, v in new.items() if self.original.get(k) != v}

    def _devices(self, which: str) -> None:
        from handover.ui.devices_dialog import open_devices

        open_devices(self.ctx, self.runner, which, self.parentWidget() or self)

    def submit(self) -> None:
        changes = self.collect()
        if changes is None:
            return
        if not changes:
            self.accept()
            return
        self.buttons.setEnabled(False)
        ctx = self.ctx

        def write() -> dict[str, Any]:
            with ctx.session() as session:
                for key, value in changes.items():
                    set_setting(session, key, value)
                return all_settings(session)

        self.runner.run_write(write, alive(self, self._saved), alive(self, self._failed))

    def _saved(self, settings: dict[str, Any]) -> None:
        save_language(settings["language"])
        if settings.get("user_name"):
            self.ctx.actor = settings["user_name"]
        self.saved.emit(settings)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        show_error(self.general, failure_text(self.tr("De instellingen zijn niet opgeslagen."), exc))


def load_settings(ctx: AppContext) -> dict[str, Any]:
    with ctx.session() as session:
        return all_settings(session)


# ----------------------------------------------------------------------------------------------


def about_text(data_dir: Path | None, fingerprint: str | None = None) -> str:
    """The text of "Over deze installatie": version, data folder and this organisation's own fingerprint (from
    its own keys), which its administrator reads aloud when the other organisation compares keys."""
    text = QCoreApplication.translate(
        "AboutDialog",
        "<h3>%1 %2</h3>"
        "<p>Overstapdossiers en begeleiding na school voor scholen voor praktijkonderwijs "
        "en voortgezet speciaal onderwijs, samen met Werk en Inkomen van de gemeente.</p>"
        "<p>De gegevens staan versleuteld op deze computer.<br>Gegevensmap: %3</p>"
        "<p>Licentie: EUPL-1.2</p>",
    )
    text = text.replace("%1", APP_NAME).replace("%2", __version__).replace("%3", str(data_dir or "-"))
    if fingerprint:
        text += QCoreApplication.translate(
            "AboutDialog",
            "<p><b>Vingerafdruk van deze organisatie:</b><br><tt style='font-size:large'>%1</tt><br>"
            "Lees deze voor als de andere organisatie uw sleutel telefonisch vergelijkt.</p>",
        ).replace("%1", fingerprint)
    else:
        text += QCoreApplication.translate("AboutDialog", "<p>Nog niet verbonden met de server van de gemeente.</p>")
    return text


def show_about(parent: QWidget, data_dir: Path | None, fingerprint: str | None = None) -> None:
    QMessageBox.about(
        parent,
        QCoreApplication.translate("AboutDialog", "Over deze installatie"),
        about_text(data_dir, fingerprint),
    )


# ----------------------------------------------------------------------------------------------


class UnlockDialog(QDialog):
    """Asks the passphrase of a data folder in passphrase mode and opens it in the background.

    A wrong passphrase shows a clear message and lets the user try again. ``context`` holds the
    open AppContext after ``accept()``.
    """

    def __init__(
        self, data_dir: Path, runner: TaskRunner, opener: Callable[[str], AppContext], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Overstap openen"))
        self.data_dir = data_dir
        self.runner = runner
        self.opener = opener
        self.context: AppContext | None = None
        self.failure: BaseException | None = None
        intro = QLabel(self.tr("Deze gegevens zijn beveiligd met een wachtwoord. Vul het wachtwoord in."))
        intro.setWordWrap(True)
        folder = QLabel(self.tr("Gegevensmap: %1").replace("%1", str(data_dir)))
        folder.setWordWrap(True)
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Wachtwoord"))
        self.message = error_label()
        self.message.setObjectName("unlockMessage")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Openen"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Wachtwoord"), self.passphrase)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(folder)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(460, self.sizeHint().height())

    def submit(self) -> None:
        passphrase = self.passphrase.text()
        if not passphrase:
            show_error(self.message, self.tr("Vul het wachtwoord in."))
            return
        self.buttons.setEnabled(False)
        show_error(self.message, self.tr("Bezig met openen…"))
        self.message.setStyleSheet("")
        self.runner.run_write(lambda: self.opener(passphrase), self._opened, self._failed)

    def _opened(self, ctx: AppContext) -> None:
        self.context = ctx
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        from handover.secrets import WrongPassphrase

        self.buttons.setEnabled(True)
        self.message.setStyleSheet(theme.ERROR_TEXT_STYLE)
        if isinstance(exc, WrongPassphrase):
            show_error(
                self.message, self.tr("Het wachtwoord klopt niet. Controleer hoofdletters en probeer het opnieuw.")
            )
            self.passphrase.selectAll()
            self.passphrase.setFocus()
            return
        self.failure = exc
        self.done(QDialog.DialogCode.Rejected)


class RecoveryDialog(QDialog):
    """Restores access with the herstelcode (after a reinstall the key is no longer on this computer)."""

    def __init__(
        self,
        data_dir: Path,
        runner: TaskRunner,
        recoverer: Callable[[str, str | None], AppContext],
        *,
        ask_passphrase: bool,
        reason: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Toegang herstellen"))
        self.runner = runner
        self.recoverer = recoverer
        self.ask_passphrase = ask_passphrase
        self.context: AppContext | None = None
        intro = QLabel(
            reason
            + "\n\n"
            + self.tr("Vul de herstelcode in die bij het aanmaken van de gegevens is afgedrukt of opgeslagen.")
        )
        intro.setWordWrap(True)
        self.code = QLineEdit()
        self.code.setObjectName("recoveryCode")
        self.code.setAccessibleName(self.tr("Herstelcode"))
        self.code.setPlaceholderText("XXXXXX-XXXXXX-…")
        form = QFormLayout()
        form.addRow(self.tr("Herstelcode"), self.code)
        self.passphrase = QLineEdit()
        self.passphrase_again = QLineEdit()
        for edit, name in (
            (self.passphrase, self.tr("Nieuw wachtwoord")),
            (self.passphrase_again, self.tr("Herhaal het wachtwoord")),
        ):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setAccessibleName(name)
            if ask_passphrase:
                form.addRow(name, edit)
        self.message = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Herstellen"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())

    def submit(self) -> None:
        code = self.code.text().strip()
        passphrase: str | None = None
        if not code:
            show_error(self.message, self.tr("Vul de herstelcode in."))
            return
        if self.ask_passphrase:
            passphrase = self.passphrase.text()
            problem = passphrase_problem(passphrase)  # the same rule as the wizard and the command line
            if problem is not None:
                show_error(self.message, problem)
                return
            if passphrase != self.passphrase_again.text():
                show_error(self.message, self.tr("De twee wachtwoorden zijn niet gelijk."))
                return
        self.buttons.setEnabled(False)
        show_error(self.message, None)
        self.runner.run_write(lambda: self.recoverer(code, passphrase), self._recovered, self._failed)

    def _recovered(self, ctx: AppContext) -> None:
        self.context = ctx
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        show_error(self.message, failure_text(self.tr("De toegang is niet hersteld."), exc))
