"""Managing the list of young people: a new young person (with a warning for a possible duplicate),
another mentor, and the question before a young person is erased."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from handover import APP_NAME
from handover.domain.fields import YOUTH_FIELDS
from handover.domain.validation import FieldError, ValidationFailed, clean_value
from handover.domain.vocab import ROUTE
from handover.services import queries
from handover.services.context import AppContext
from handover.services.dossiers import DossierService
from handover.ui.dialogs import error_label, show_error
from handover.ui.failures import failure_text
from handover.ui.guard import alive
from handover.ui.labels import domain as domain_label
from handover.ui.models import PreparedYouth, YouthTableModel
from handover.ui.tasks import TaskRunner


class NewYouthDialog(QDialog):
    """Asks the required fields, creates the young person through the service, then closes.

    ``created(youth_id)`` is emitted after the save succeeded.
    """

    created = Signal(str)
    existing_chosen = Signal(str)  # the user chose to open a young person already there (a duplicate)
    FIELDS = ("first_names", "infix", "last_name", "birth_date", "school_class", "leaving_date")

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Nieuwe jongere"))
        self.ctx = ctx
        self.runner = runner
        self.created_id: str | None = None
        labels = {
            "first_names": self.tr("Voornamen *"),
            "infix": self.tr("Tussenvoegsel"),
            "last_name": self.tr("Achternaam *"),
            "birth_date": self.tr("Geboortedatum *"),
            "school_class": self.tr("Klas"),
            "leaving_date": self.tr("Vertrekdatum (verwacht)"),
        }
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for name in self.FIELDS:
            edit = QLineEdit()
            edit.setObjectName(name)
            edit.setAccessibleName(labels[name].rstrip(" *"))
            if YOUTH_FIELDS[name].kind == "date":
                edit.setPlaceholderText(self.tr("dd-mm-jjjj"))
            edit.textEdited.connect(lambda _t, n=name: self._check(n))
            self.edits[name] = edit
            self.errors[name] = error_label()
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(edit)
            column.addWidget(self.errors[name])
            form.addRow(labels[name], column)
        self.route = QComboBox()
        self.route.setAccessibleName(self.tr("Route na school"))
        self.route.addItem(self.tr("(nog niet gekozen)"), None)
        for code, label in ROUTE:
            self.route.addItem(domain_label(label), code)
        form.addRow(self.tr("Route na school"), self.route)
        self.general = error_label()
        # Same name and birth date as someone already there: said once, then "Toch aanmaken" goes on.
        self.duplicate_warning = QLabel()
        self.duplicate_warning.setObjectName("duplicateWarning")
        self.duplicate_warning.setWordWrap(True)
        self.duplicate_warning.hide()
        self._duplicates_checked_for: tuple[str, ...] | None = None
        self._duplicates: list[queries.DuplicateMatch] = []
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Aanmaken en openen"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        self.open_existing = self.buttons.addButton(self.tr("Bestaande openen"), QDialogButtonBox.ButtonRole.ActionRole)
        self.open_existing.hide()
        self.open_existing.clicked.connect(self._open_existing)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        hint = QLabel(self.tr("Velden met * zijn verplicht. De rest vult u daarna in het overstapdossier in."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.general)
        layout.addWidget(self.duplicate_warning)
        layout.addWidget(self.buttons)
        self.resize(480, self.sizeHint().height())

    def _check(self, name: str) -> Any:
        spec = YOUTH_FIELDS[name]
        try:
            value = clean_value(spec, self.edits[name].text(), today=self.ctx.today())
        except FieldError as err:
            show_error(self.errors[name], err.message)
            return err
        show_error(self.errors[name], None)
        return value

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            name: self.edits[name].text() for name in self.FIELDS if self.edits[name].text().strip()
        }
        for required in ("first_names", "last_name", "birth_date"):
            values.setdefault(required, "")
        values["called_name"] = values.get("first_names", "").split(" ")[0] or ""
        if not values["called_name"]:
            del values["called_name"]
        if self.route.currentData():
            values["route"] = self.route.currentData()
        return values

    def submit(self) -> None:
        problems = [n for n in self.FIELDS if isinstance(self._check(n), FieldError)]
        if problems:
            self.edits[problems[0]].setFocus()
            return
        values = self.values()
        self.buttons.setEnabled(False)
        show_error(self.general, None)
        key = tuple(self.edits[name].text().strip() for name in ("first_names", "last_name", "birth_date"))
        if key != self._duplicates_checked_for:
            ctx = self.ctx
            first, last = values["first_names"], values["last_name"]
            birth = self._check("birth_date")
            self.runner.run(
                lambda: queries.find_duplicates(ctx, first, last, birth),
                alive(self, lambda found: self._duplicates_found(key, found)),
                alive(self, self._failed),
            )
            return
        self._create(values)

    def _duplicates_found(self, key: tuple[str, ...], found: list[queries.DuplicateMatch]) -> None:
        self._duplicates_checked_for = key
        self._duplicates = found
        if not found:
            self.duplicate_warning.hide()
            self.open_existing.hide()
            self._create(self.values())
            return
        self.buttons.setEnabled(True)
        parts = []
        for match in found:
            part = match.name
            if match.school_class:
                part += " (" + self.tr("klas %1").replace("%1", match.school_class) + ")"
            parts.append(part)
        names = "; ".join(parts)
        self.duplicate_warning.setText(
            self.tr(
                "Let op: er staat al een jongere met deze naam en geboortedatum in de lijst: %1. Is het dezelfde "
                "jongere, open dan het bestaande dossier. Is het iemand anders, kies dan 'Toch aanmaken'."
            ).replace("%1", names)
        )
        self.duplicate_warning.show()
        self.open_existing.show()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Toch aanmaken"))

    def _open_existing(self) -> None:
        if self._duplicates:
            self.existing_chosen.emit(self._duplicates[0].id)
            self.reject()

    def _create(self, values: dict[str, Any]) -> None:
        service = DossierService(self.ctx)
        self.runner.run_write(
            lambda: service.create_youth(values), alive(self, self._created), alive(self, self._failed)
        )

    def _created(self, youth_id: str) -> None:
        self.created_id = youth_id
        self.created.emit(youth_id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, ValidationFailed):
            by_field = exc.by_field()
            for name, label in self.errors.items():
                if name in by_field:
                    show_error(label, by_field[name])
            rest = [e.message for e in exc.errors if e.field not in self.errors]
            show_error(self.general, "\n".join(rest) if rest else None)
        else:
            show_error(self.general, failure_text(self.tr("De jongere is niet opgeslagen."), exc))


class MentorDialog(QDialog):
    """Gives a young person another mentor: one of the known mentors, or a name typed in.

    ``saved(name)`` is emitted after the service saved it (audited like every change).
    """

    saved = Signal(str)

    def __init__(
        self,
        ctx: AppContext,
        runner: TaskRunner,
        youth_id: str,
        youth_name: str,
        current: str,
        known: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Mentor wijzigen"))
        self.ctx = ctx
        self.runner = runner
        self.youth_id = youth_id
        intro = QLabel(self.tr("Wie is de mentor van %1?").replace("%1", youth_name))
        intro.setWordWrap(True)
        self.mentor = QComboBox()
        self.mentor.setObjectName("mentor")
        self.mentor.setEditable(True)
        self.mentor.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.mentor.setAccessibleName(self.tr("Mentor"))
        for name in sorted({n.strip() for n in [*known, current] if n.strip()}, key=str.casefold):
            self.mentor.addItem(name)
        self.mentor.setCurrentText(current)
        self.general = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Opslaan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Mentor"), self.mentor)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)
        self.resize(420, self.sizeHint().height())

    @classmethod
    def for_youth(
        cls,
        ctx: AppContext,
        runner: TaskRunner,
        youth_id: str,
        prepared: PreparedYouth,
        settings: dict[str, Any],
        parent: QWidget | None = None,
    ) -> MentorDialog | None:
        """For a young person of the list, offering the mentors the list knows and the user."""
        rec = prepared.index_of.get(youth_id)
        if rec is None:
            return None
        known = [row.mentor for row in prepared.rows] + [str(settings.get("user_name") or "")]
        row = prepared.rows[rec]
        return cls(ctx, runner, youth_id, row.name, row.mentor, known, parent)

    def submit(self) -> None:
        name = " ".join(self.mentor.currentText().split())
        if not name:
            show_error(self.general, self.tr("Vul de naam van de mentor in."))
            return
        self.buttons.setEnabled(False)
        show_error(self.general, None)
        service = DossierService(self.ctx)
        youth_id = self.youth_id
        self.runner.run_write(
            lambda: service.set_mentor(youth_id, name),
            alive(self, lambda _r: self._saved(name)),
            alive(self, self._failed),
        )

    def _saved(self, name: str) -> None:
        self.saved.emit(name)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        show_error(self.general, failure_text(self.tr("De mentor is niet gewijzigd."), exc))


class YouthActions(QObject):
    """What the Jongeren list offers on a young person besides opening: another mentor, or erasure.

    ``about_to_delete(id)`` comes after "Verwijderen" and before the erasure is queued (the shell closes
    that dossier then, saving its pending edits first); ``changed`` after a save or an erasure, and
    ``deleted(message)`` after an erasure (the shell shows the message in its status bar).
    """

    about_to_delete = Signal(str)
    changed = Signal()
    deleted = Signal(str)

    def __init__(
        self,
        ctx: AppContext,
        runner: TaskRunner,
        model: YouthTableModel,
        settings: Callable[[], dict[str, Any]],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.model, self.settings, self.window = ctx, runner, model, settings, parent

    def change_mentor(self, youth_id: str) -> None:
        dialog = MentorDialog.for_youth(
            self.ctx, self.runner, youth_id, self.model.prepared, self.settings(), self.window
        )
        if dialog is not None:
            dialog.saved.connect(lambda _name: self.changed.emit())
            dialog.open()

    def delete_youth(self, youth_id: str) -> None:
        """Ask first; then erase (the dossier, if open, is closed first through ``about_to_delete``)."""
        rec = self.model.prepared.index_of.get(youth_id)
        if rec is None:
            return
        deleter = YouthDeleter(self.ctx, self.runner, youth_id, self.model.prepared.rows[rec].name, self.window)
        deleter.about_to_delete.connect(lambda: self.about_to_delete.emit(youth_id))
        deleter.deleted.connect(self._deleted)
        deleter.ask()

    def _deleted(self, message: str) -> None:
        self.changed.emit()
        window = self.window
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(message, 10_000)
        self.deleted.emit(message)


class YouthDeleter(QObject):
    """Asks before a young person is erased, then erases through the service (audited there).

    ``about_to_delete`` comes after "Verwijderen" and before the erasure is queued (the shell closes
    an open dossier then, saving its pending edits first); ``deleted(message)`` when it is done.
    """

    about_to_delete = Signal()
    deleted = Signal(str)

    def __init__(self, ctx: AppContext, runner: TaskRunner, youth_id: str, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.youth_id, self.name = ctx, runner, youth_id, name
        self.box = confirm_delete(parent, name)
        self.box.buttonClicked.connect(self._answered)

    def ask(self) -> None:
        self.box.open()

    def _answered(self, button: Any) -> None:
        if button.objectName() != "confirmDeleteButton":
            self.deleteLater()
            return
        self.about_to_delete.emit()
        service = DossierService(self.ctx)
        youth_id = self.youth_id
        self.runner.run_write(lambda: service.delete_youth(youth_id), self._done, self._failed)

    def _done(self, _result: Any) -> None:
        self.deleted.emit(QCoreApplication.translate("NewYouthDialog", "%1 is verwijderd.").replace("%1", self.name))
        self.deleteLater()

    def _failed(self, exc: BaseException) -> None:
        parent = self.parent()
        message = failure_text(QCoreApplication.translate("NewYouthDialog", "De jongere is niet verwijderd."), exc)
        QMessageBox.warning(parent if isinstance(parent, QWidget) else None, APP_NAME, message)
        self.deleteLater()


def confirm_delete(parent: QWidget, youth_name: str) -> QMessageBox:
    """The question before a young person is erased; its "Verwijderen" button is ``confirmDeleteButton``."""
    box = QMessageBox(parent)
    box.setObjectName("confirmDelete")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("NewYouthDialog", "Jongere verwijderen"))
    box.setText(
        QCoreApplication.translate(
            "NewYouthDialog", "%1 en alles wat over deze jongere is vastgelegd verwijderen?"
        ).replace("%1", youth_name)
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "NewYouthDialog",
            "Dit kan niet ongedaan worden gemaakt. Is het overstapdossier al naar Werk en Inkomen verstuurd, "
            "dan krijgt Werk en Inkomen bij het volgende versturen het bericht het te wissen. "
            "Wilt u alleen de begeleiding beëindigen? Zet de status dan op 'Afgerond'.",
        )
    )
    delete = box.addButton(
        QCoreApplication.translate("NewYouthDialog", "Verwijderen"), QMessageBox.ButtonRole.DestructiveRole
    )
    keep = box.addButton(QCoreApplication.translate("NewYouthDialog", "Annuleren"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    delete.setObjectName("confirmDeleteButton")
    return box
