"""Jongeren overdragen aan een andere mentor (issue 13), and "mijn jongeren" for a mentor.

A mentor leaves, or a class changes hands: the coördinator (or the mentor) chooses a selection in the
Jongeren list, or everyone of one mentor, and the mentor they go to: one of the mentors the dossiers
know, or a name typed in. Optionally the vaste contactpersoon (section B) follows. The service writes
it in one transaction with an audit event per young person (``DossierService.hand_over``).

The role on this PC (Instellingen, "Rol op deze pc"): a mentor's Jongeren list opens on "Alleen mijn
jongeren", the coördinator's on everyone. :class:`MentorHandover` wires both into the main window.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from handover.domain.validation import ValidationFailed
from handover.services.context import AppContext
from handover.services.dossiers import DossierService, Handover
from handover.services.queries import YouthRow
from handover.ui.dialogs import error_label, show_error
from handover.ui.failures import failure_text
from handover.ui.formatting import fmt_count
from handover.ui.guard import alive
from handover.ui.tasks import TaskRunner

ROLE_MENTOR, ROLE_COORDINATOR = "mentor", "coordinator"
NAMES_SHOWN = 4  # the chosen young people by name up to this many, then "en 12 anderen"


def known_mentors(rows: Sequence[YouthRow], *extra: str) -> list[str]:
    """Every mentor name the dossiers hold (and the extra names given), once, in alphabetical order."""
    return sorted({" ".join(n.split()) for n in [*(r.mentor for r in rows), *extra] if n.strip()}, key=str.casefold)


def mine_name(settings: dict[str, Any], actor: str = "") -> str:
    """The name "Alleen mijn jongeren" looks for: "Mijn naam als mentor", else the user's own name."""
    return str(settings.get("mentor_name") or settings.get("user_name") or actor)


class HandoverDialog(QDialog):
    """Choose who goes (the selection, or everyone of one mentor) and to which mentor; then confirm.

    ``handed_over(Handover, mentor, ids)`` is emitted after the service saved it.
    """

    handed_over = Signal(object, str, list)

    def __init__(
        self,
        ctx: AppContext,
        runner: TaskRunner,
        rows: Sequence[YouthRow],
        chosen: Sequence[str],
        *,
        extra_names: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mentorHandover")
        self.setWindowTitle(self.tr("Jongeren overdragen aan een andere mentor"))
        self.ctx, self.runner = ctx, runner
        self.rows = list(rows)
        by_id = {r.id: r for r in self.rows}
        self.chosen = [by_id[i] for i in dict.fromkeys(chosen) if i in by_id]
        self.confirm_box: QMessageBox | None = None

        intro = QLabel(
            self.tr(
                "Gaat een mentor weg, of neemt iemand een klas over? Kies wie er overgaan en naar welke mentor. "
                "De dossiers blijven zoals ze zijn; alleen de mentor verandert. Het logboek legt vast wie het deed."
            )
        )
        intro.setWordWrap(True)
        self.use_selection = QRadioButton()
        self.use_selection.setObjectName("useSelection")
        self.use_mentor = QRadioButton(self.tr("Alle jongeren van mentor:"))
        self.use_mentor.setObjectName("useMentor")
        group = QButtonGroup(self)
        group.addButton(self.use_selection)
        group.addButton(self.use_mentor)
        self.selection_names = QLabel()
        self.selection_names.setWordWrap(True)
        self.selection_names.setIndent(24)
        self.from_mentor = QComboBox()
        self.from_mentor.setObjectName("fromMentor")
        self.from_mentor.setAccessibleName(self.tr("Jongeren van deze mentor"))
        counts = Counter(" ".join(r.mentor.split()) for r in self.rows)
        for name in known_mentors(self.rows):
            label = self.tr("%1 (%2 jongeren)").replace("%1", name).replace("%2", fmt_count(counts[name]))
            self.from_mentor.addItem(label, name)
        if counts.get(""):
            self.from_mentor.addItem(self.tr("zonder mentor (%1 jongeren)").replace("%1", fmt_count(counts[""])), "")
        self.to_mentor = QComboBox()
        self.to_mentor.setObjectName("toMentor")
        self.to_mentor.setEditable(True)
        self.to_mentor.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.to_mentor.setAccessibleName(self.tr("Naar mentor"))
        self.to_mentor.setToolTip(self.tr("Kies een mentor uit de lijst of typ een nieuwe naam."))
        self.to_mentor.addItems(known_mentors(self.rows, *extra_names))
        self.to_mentor.setCurrentText("")
        self.to_mentor.lineEdit().setPlaceholderText(self.tr("Kies of typ de naam van de nieuwe mentor"))
        self.fixed_contact = QCheckBox(self.tr("Ook de vaste contactpersoon bijwerken (onderdeel B)"))
        self.fixed_contact.setObjectName("updateFixedContact")
        self.fixed_contact.setChecked(True)
        fixed_hint = QLabel(
            self.tr(
                "Is de oude mentor de vaste contactpersoon, dan wordt de nieuwe mentor dat; het telefoonnummer "
                "blijft staan, het e-mailadres van de oude mentor gaat eraf. Is er nog geen vaste contactpersoon, "
                "dan wordt de nieuwe mentor het. Een andere vaste contactpersoon blijft."
            )
        )
        fixed_hint.setWordWrap(True)
        fixed_hint.setIndent(24)
        self.summary = QLabel()
        self.summary.setObjectName("handoverSummary")
        self.summary.setWordWrap(True)
        self.general = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Overdragen…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("Naar mentor"), self.to_mentor)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.use_selection)
        layout.addWidget(self.selection_names)
        layout.addWidget(self.use_mentor)
        layout.addWidget(self.from_mentor)
        layout.addLayout(form)
        layout.addWidget(self.fixed_contact)
        layout.addWidget(fixed_hint)
        layout.addWidget(self.summary)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)

        self._show_selection()
        if self.chosen:
            self.use_selection.setChecked(True)
        else:
            self.use_selection.setEnabled(False)
            self.use_mentor.setChecked(True)
        for signal in (
            self.use_selection.toggled,
            self.from_mentor.currentIndexChanged,
            self.to_mentor.currentTextChanged,
        ):
            signal.connect(self._update)
        self._update()
        self.resize(max(520, self.fontMetrics().averageCharWidth() * 70), self.sizeHint().height())
        self.to_mentor.setFocus()

    # -- what is chosen ---------------------------------------------------------------------
    def _show_selection(self) -> None:
        count = len(self.chosen)
        self.use_selection.setText(
            self.tr("De gekozen jongeren (%1)").replace("%1", fmt_count(count))
            if count
            else self.tr("De gekozen jongeren (kies ze eerst in de lijst; Ctrl+klik of Shift+klik voor meer)")
        )
        names = [r.name for r in self.chosen[:NAMES_SHOWN]]
        text = ", ".join(names)
        if count > NAMES_SHOWN:
            text += " " + self.tr("en %1 anderen").replace("%1", fmt_count(count - NAMES_SHOWN))
        self.selection_names.setText(text)
        self.selection_names.setVisible(bool(text))

    def mentor(self) -> str:
        return " ".join(self.to_mentor.currentText().split())

    def youth(self) -> list[YouthRow]:
        """The young people that go, as chosen now."""
        if self.use_selection.isChecked():
            return list(self.chosen)
        old = self.from_mentor.currentData()
        if old is None:
            return []
        return [r for r in self.rows if " ".join(r.mentor.split()) == old]

    def _update(self, *_args: Any) -> None:
        self.from_mentor.setEnabled(self.use_mentor.isChecked())
        youth, mentor = self.youth(), self.mentor()
        moving = [r for r in youth if r.mentor != mentor]
        if not youth:
            text = self.tr("Er zijn nog geen jongeren gekozen.")
        elif not mentor:
            text = self.tr("%1 jongeren gekozen. Kies de mentor waar ze naartoe gaan.").replace(
                "%1", fmt_count(len(youth))
            )
        else:
            text = self.tr("%1 jongeren gaan naar %2.").replace("%1", fmt_count(len(moving))).replace("%2", mentor)
            if len(moving) < len(youth):
                text += " " + self.tr("%1 hebben deze mentor al.").replace("%1", fmt_count(len(youth) - len(moving)))
        self.summary.setText(text)
        show_error(self.general, None)

    # -- confirm and save -------------------------------------------------------------------
    def submit(self) -> None:
        youth, mentor = self.youth(), self.mentor()
        if not youth:
            show_error(self.general, self.tr("Kies eerst de jongeren die overgaan."))
            return
        if not mentor:
            show_error(self.general, self.tr("Vul de naam van de nieuwe mentor in."))
            self.to_mentor.setFocus()
            return
        if len(mentor) > 200:
            show_error(self.general, self.tr("De naam van de mentor is te lang (hoogstens 200 tekens)."))
            return
        if all(r.mentor == mentor for r in youth) and not self.fixed_contact.isChecked():
            show_error(self.general, self.tr("Deze jongeren hebben %1 al als mentor.").replace("%1", mentor))
            return
        box = QMessageBox(self)
        box.setObjectName("confirmHandover")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Overdragen bevestigen"))
        box.setText(
            self.tr("%1 jongeren overdragen aan %2?").replace("%1", fmt_count(len(youth))).replace("%2", mentor)
        )
        info = self.tr("Zij staan daarna bij %1 onder 'Alleen mijn jongeren'.").replace("%1", mentor)
        if self.fixed_contact.isChecked():
            info += " " + self.tr("De vaste contactpersoon wordt bijgewerkt waar dat de oude mentor was.")
        info += " " + self.tr("Het logboek legt de overdracht vast, met de oude en de nieuwe mentor.")
        box.setInformativeText(info)
        go = box.addButton(self.tr("Overdragen"), QMessageBox.ButtonRole.AcceptRole)
        go.setObjectName("confirmHandoverButton")
        keep = box.addButton(self.tr("Annuleren"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(go)
        box.setEscapeButton(keep)
        box.buttonClicked.connect(lambda button: self._answered(button is go))
        self.confirm_box = box
        box.open()

    def _answered(self, go: bool) -> None:
        if not go:
            return
        ids = [r.id for r in self.youth()]
        mentor, fixed = self.mentor(), self.fixed_contact.isChecked()
        service = DossierService(self.ctx)
        self.buttons.setEnabled(False)
        show_error(self.general, None)
        self.runner.run_write(
            lambda: service.hand_over(ids, mentor, fixed_contact=fixed),
            alive(self, lambda result: self._done(result, mentor, ids)),
            alive(self, self._failed),
        )

    def _done(self, result: Handover, mentor: str, ids: list[str]) -> None:
        self.handed_over.emit(result, mentor, ids)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, ValidationFailed):
            show_error(self.general, "\n".join(e.message for e in exc.errors))
        else:
            show_error(self.general, failure_text(self.tr("Er is niets overgedragen."), exc))


def done_text(result: Handover, mentor: str) -> str:
    """The status bar's line after a handover."""
    from PySide6.QtCore import QCoreApplication

    text = QCoreApplication.translate("HandoverDialog", "%1 jongeren overgedragen aan %2.")
    text = text.replace("%1", fmt_count(result.moved)).replace("%2", mentor)
    if result.contacts:
        text += " " + QCoreApplication.translate("HandoverDialog", "Vaste contactpersoon bijgewerkt bij %1.").replace(
            "%1", fmt_count(result.contacts)
        )
    return text


class MentorHandover(QObject):
    """The main window's issue-13 part: the menu entry (Bewerken), the Jongeren page's request, the
    role on this PC ("Alleen mijn jongeren" on for a mentor when the window opens or the role changes),
    and the conflict choosers in the editor (attached when the editor is first used)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: HandoverDialog | None = None
        self.action = window.make_action(
            self.tr("Jongeren &overdragen aan een andere mentor…"), self.start, "Ctrl+Shift+M", "handOver"
        )
        window.edit_menu.addAction(self.action)
        window.jongeren.handover_requested.connect(self.start)
        window.jongeren.only_mine.setChecked(window.settings.get("pc_role") == ROLE_MENTOR)
        self.conflicts: Any = None  # handover.ui.editor.conflict.EditorConflicts, with the editor
        window.youth_opened.connect(self._editor_used)
        # Bestand, after Instellingen: the pc's of the school (also buttons in Instellingen).
        self.add_device_action = window.make_action(
            self.tr("Pc &toevoegen…"), lambda: self._devices("add"), None, "addDevice"
        )
        self.devices_action = window.make_action(
            self.tr("Pc's van deze &school…"), lambda: self._devices("list"), None, "showDevices"
        )
        for menu in (o for o in window.settings_action.associatedObjects() if isinstance(o, QMenu)):
            actions = menu.actions()
            after = actions[actions.index(window.settings_action) + 1 :]
            for action in (self.add_device_action, self.devices_action):
                menu.insertAction(after[0] if after else None, action)  # type: ignore[arg-type]

    def _devices(self, which: str) -> None:
        from handover.ui.devices_dialog import open_devices

        open_devices(self.window.ctx, self.window.runner, which, self.window)

    def _editor_used(self, _youth_id: str) -> None:
        if self.conflicts is None and self.window.editor is not None:
            from handover.ui.editor.conflict import EditorConflicts

            self.conflicts = EditorConflicts(self.window.editor)
            # After every list load (a sync, a save elsewhere): a conflict that arrived shows in the open dossier.
            self.window.youth_list_loaded.connect(lambda _n: self.conflicts.reload())
            # ... and what Werk en Inkomen sent (sections I and K), without reopening it.
            self.window.youth_list_loaded.connect(lambda _n: self.window.editor.news.reload())

    def settings_saved(self, settings: dict[str, Any]) -> None:
        """Before the window takes the new settings: a changed role sets "Alleen mijn jongeren" anew."""
        if settings.get("pc_role") != self.window.settings.get("pc_role"):
            self.window.jongeren.only_mine.setChecked(settings.get("pc_role") == ROLE_MENTOR)

    def start(self) -> None:
        window = self.window
        rows = window.youth_model.prepared.rows
        extra = [str(window.settings.get(k) or "") for k in ("mentor_name", "user_name")]
        dialog = HandoverDialog(
            window.ctx, window.runner, rows, window.jongeren.chosen_ids(), extra_names=extra, parent=window
        )
        dialog.handed_over.connect(self._handed_over)
        self.dialog = dialog
        dialog.open()

    def _handed_over(self, result: Handover, mentor: str, ids: list[str]) -> None:
        window = self.window
        window.statusBar().showMessage(done_text(result, mentor), 10_000)
        window.youth_actions.changed.emit()  # the lists load again
        if window.editor is not None and window.open_youth_id in ids:
            window.editor.refresh()  # its header names the mentor
