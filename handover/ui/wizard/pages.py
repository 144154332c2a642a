"""The first-run wizard's questions: role, organisation and your name, the data folder, key storage."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from handover.domain.fields import YOUTH_FIELDS
from handover.domain.validation import FieldError, clean_value
from handover.paths import network_location
from handover.secrets import passphrase_problem
from handover.store.workspace import is_initialised
from handover.ui.dialogs import error_label, show_error


def validity_field(page: QWizardPage, name: str) -> QCheckBox:
    """A hidden, mandatory check box that says whether the page may be left.

    Qt enables Next/Finish from the page's mandatory fields, so no ``isComplete`` override is
    needed (PySide6 6.12 on Python 3.11 over-releases the ``bool`` such an override returns,
    which eventually crashes the interpreter).
    """
    box = QCheckBox(page)
    box.setObjectName(name)
    box.hide()
    page.registerField(name + "*", box)
    return box


class RolePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Welkom bij Overstap"))
        self.setSubTitle(
            self.tr(
                "Overstap bewaart overstapdossiers en de begeleiding na school, versleuteld op "
                "deze computer. Eerst een paar vragen."
            )
        )
        self.school = QRadioButton(self.tr("School (praktijkonderwijs of voortgezet speciaal onderwijs)"))
        self.school.setObjectName("roleSchool")
        self.gemeente = QRadioButton(self.tr("Gemeente (Werk en Inkomen)"))
        self.gemeente.setObjectName("roleGemeente")
        self.school.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.school)
        group.addButton(self.gemeente)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Voor wie werkt u?")))
        layout.addWidget(self.school)
        layout.addWidget(self.gemeente)
        layout.addStretch(1)

    def role(self) -> str:
        return "gemeente" if self.gemeente.isChecked() else "school"


class OrganisationPage(QWizardPage):
    def __init__(self, role_page: RolePage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role_page = role_page
        self.setTitle(self.tr("Uw organisatie"))
        self.org_name = QLineEdit()
        self.org_name.setObjectName("orgName")
        self.brin = QLineEdit()
        self.brin.setObjectName("brin")
        self.brin.setAccessibleName(self.tr("BRIN-code"))
        self.brin.setPlaceholderText(self.tr("bijvoorbeeld 12AB"))
        self.brin.setMaxLength(6)
        self.brin_error = error_label()
        self.user_name = QLineEdit()
        self.user_name.setObjectName("userName")
        self.user_name.setAccessibleName(self.tr("Uw naam"))
        self.org_label = QLabel()
        self.brin_label = QLabel(self.tr("BRIN-code"))
        form = QFormLayout(self)
        form.addRow(self.org_label, self.org_name)
        form.addRow(self.brin_label, self.brin)
        form.addRow("", self.brin_error)
        form.addRow(self.tr("Uw naam"), self.user_name)
        self.valid = validity_field(self, "organisationValid")
        for edit in (self.org_name, self.brin, self.user_name):
            edit.textChanged.connect(self._revalidate)
        self.brin.textChanged.connect(self._check_brin)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        school = self.role_page.role() == "school"
        self.setSubTitle(
            self.tr("De naam van de school staat op elk afgedrukt dossier.")
            if school
            else self.tr("De naam van de gemeente staat op elk afgedrukt dossier.")
        )
        self.org_label.setText(self.tr("Naam van de school") if school else self.tr("Naam van de gemeente"))
        self.org_name.setAccessibleName(self.org_label.text())
        self.brin.setVisible(school)
        self.brin_label.setVisible(school)
        if not school:
            show_error(self.brin_error, None)
        self._revalidate()

    def brin_value(self) -> str:
        if self.role_page.role() != "school" or not self.brin.text().strip():
            return ""
        return str(clean_value(YOUTH_FIELDS["brin"], self.brin.text()))

    def _check_brin(self) -> None:
        if not self.brin.text().strip() or len(self.brin.text().strip()) < 4:
            show_error(self.brin_error, None)
            return
        try:
            self.brin_value()
            show_error(self.brin_error, None)
        except FieldError as err:
            show_error(self.brin_error, err.message)

    def is_valid(self) -> bool:
        if not self.org_name.text().strip() or not self.user_name.text().strip():
            return False
        try:
            self.brin_value()
        except FieldError:
            return False
        return True

    def _revalidate(self) -> None:
        self.valid.setChecked(self.is_valid())


class FolderPage(QWizardPage):
    def __init__(self, default_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Waar de gegevens staan"))
        self.setSubTitle(
            self.tr(
                "Kies een map op deze computer. Alles in deze map wordt versleuteld opgeslagen. "
                "Kies geen gedeelde netwerkmap."
            )
        )
        self.folder = QLineEdit(str(default_dir))
        self.folder.setObjectName("dataFolder")
        self.folder.setAccessibleName(self.tr("Gegevensmap"))
        self.browse = QPushButton(self.tr("Bladeren…"))
        self.browse.setAccessibleName(self.tr("Gegevensmap kiezen"))
        self.browse.clicked.connect(self._browse)
        self.message = error_label()
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Gegevensmap")))
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addStretch(1)
        # Unchecked until shown: QWizard takes a mandatory field's value when the page is added as
        # its "empty" value, and only a different value counts as filled in.
        self.valid = validity_field(self, "folderValid")
        self.folder.textChanged.connect(self._changed)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self._changed()

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Gegevensmap kiezen"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def path(self) -> Path:
        return Path(self.folder.text().strip()).expanduser()

    def _problem(self) -> str | None:
        text = self.folder.text().strip()
        if not text:
            return self.tr("Kies een map.")
        path = self.path()
        if is_initialised(path):
            return self.tr("In deze map staan al gegevens van Overstap. Kies een andere (lege) map.")
        if path.exists() and not path.is_dir():
            return self.tr("Dit is een bestand, geen map.")
        location = network_location(path)
        if location is not None:  # SQLite's write-ahead log is not safe there (opening it is refused too)
            return self.tr(
                "Deze map staat op een netwerkschijf (%1). Daar kan de database beschadigd raken. "
                "Kies een map op deze computer."
            ).replace("%1", location)
        return None

    def _changed(self) -> None:
        problem = self._problem()
        show_error(self.message, problem)
        self.valid.setChecked(problem is None)


class KeyStoragePage(QWizardPage):
    """Checks for the OS keychain; without one the user chooses a passphrase (twice)."""

    def __init__(self, keyring_available: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keyring_available = keyring_available
        self.setTitle(self.tr("Veilige opslag van de sleutel"))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Aanmaken"))
        layout = QVBoxLayout(self)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase_again = QLineEdit()
        self.passphrase_again.setObjectName("passphraseAgain")
        self.message = error_label()
        if keyring_available:
            self.setSubTitle(self.tr("De database wordt versleuteld met een willekeurige sleutel."))
            status = QLabel(
                self.tr(
                    "✔ Deze computer heeft veilige sleutelopslag (Windows Referentiebeheer of "
                    "vergelijkbaar). De sleutel wordt daar bewaard; u hoeft geen wachtwoord te "
                    "onthouden."
                )
            )
            status.setObjectName("keyringStatus")
            status.setWordWrap(True)
            layout.addWidget(status)
        else:
            self.setSubTitle(
                self.tr(
                    "Deze computer heeft geen veilige sleutelopslag. Kies daarom een wachtwoord; "
                    "dat vraagt Overstap bij elke start."
                )
            )
            form = QFormLayout()
            for edit, label in (
                (self.passphrase, self.tr("Wachtwoord")),
                (self.passphrase_again, self.tr("Herhaal het wachtwoord")),
            ):
                edit.setEchoMode(QLineEdit.EchoMode.Password)
                edit.setAccessibleName(label)
                edit.textChanged.connect(self._changed)
                form.addRow(label, edit)
            layout.addLayout(form)
            hint = QLabel(
                self.tr(
                    "Minstens 12 tekens, of vier woorden. Een zin van een paar woorden is sterk en goed te onthouden."
                )
            )
            hint.setWordWrap(True)
            layout.addWidget(hint)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.valid = validity_field(self, "keysValid")  # set when shown (see FolderPage)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self.valid.setChecked(self._problem() is None)

    def _problem(self) -> str | None:
        if self.keyring_available:
            return None
        first, second = self.passphrase.text(), self.passphrase_again.text()
        problem = passphrase_problem(first)  # the same rule as the command line
        if problem is not None:
            return problem
        if first != second:
            return self.tr("De twee wachtwoorden zijn niet gelijk.")
        return None

    def _changed(self) -> None:
        typed = bool(self.passphrase.text() or self.passphrase_again.text())
        show_error(self.message, self._problem() if typed and self.passphrase_again.text() else None)
        self.valid.setChecked(self._problem() is None)

    def chosen_passphrase(self) -> str | None:
        return None if self.keyring_available else self.passphrase.text()
