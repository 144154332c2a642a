"""Section J's dialog: record a consent (who, to whom, for what, which sections, and the scope
"contactmomenten na school"). The panel that lists the consents is in ``editor/consent.py``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from handover.domain import rules
from handover.domain.fields import CONSENT_FIELDS, SECTION_BY_CODE, SHAREABLE_SECTIONS, FieldSpec
from handover.domain.validation import ValidationFailed, age_on
from handover.services.views import DossierView
from handover.sync.sending import GemeenteRef, home_gemeente
from handover.ui import labels, theme
from handover.ui.editor.fields import FieldEditor, build_form, form_layout
from handover.ui.failures import explain
from handover.ui.guard import alive

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class ConsentWriter(Protocol):
    """The writes of section J; the edit session (``editor/session.py``) makes them."""

    def record_consent(
        self, values: dict[str, Any], sections: list[str], *, on_done: Done, on_error: Failed
    ) -> None: ...

    def withdraw_consent(self, consent_id: str) -> None: ...

    def record_inspection(
        self, seen_on: dt.date, agrees: bool, reason: str, *, on_done: Done, on_error: Failed
    ) -> None: ...


CONSENT_SPECS = {f.name: f for f in CONSENT_FIELDS}
INSPECTION_SPECS = (
    FieldSpec("seen_on", "Gezien op", "date", required=True),
    FieldSpec("agrees", "De jongere is het eens met de inhoud", "bool"),
    FieldSpec("reason", "Waarmee is de jongere het niet eens?", "longtext", max_length=4000),
)


# The scope "contactmomenten na school" has its own box with an explanation, not a bare form row.
SCOPE_FIELDS = ("includes_checkins", "includes_checkin_notes")


def fmt_date(value: dt.date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


class ConsentDialog(QDialog):
    """Record a consent. The write runs in the background; the dialog closes when it is saved."""

    recorded = Signal(str)

    def __init__(
        self,
        parent: QWidget,
        writer: ConsentWriter,
        youth: DossierView,
        default_recipient: str,
        today: Callable[[], dt.date],
        gemeenten: Sequence[GemeenteRef] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("Consent", "Toestemming vastleggen"))
        self.setObjectName("toestemming_dialoog")
        self._writer = writer
        layout = QVBoxLayout(self)
        intro = QLabel(
            QCoreApplication.translate(
                "Consent",
                "Vanaf 16 jaar geeft de jongere zelf toestemming; daaronder een ouder of wettelijk vertegenwoordiger. "
                "Staat de jongere onder curatele of mentorschap, dan kan de wettelijk vertegenwoordiger ook vanaf "
                "16 jaar toestemming geven: vul dan de reden in.",
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = form_layout()
        specs = [f for f in CONSENT_FIELDS if f.name not in ("withdrawn_on", *SCOPE_FIELDS)]
        self.editors: dict[str, FieldEditor] = build_form(specs, self, form, today=today)
        layout.addLayout(form)
        age = age_on(youth.birth_date, today()) if youth.birth_date else None
        self.editors["given_by"].set_value("jongere" if age is None or age >= rules.CONSENT_AGE else "ouder")
        if age is not None and age >= rules.CONSENT_AGE:
            self.editors["given_by_name"].set_value(youth.called_name or youth.first_names)
        self.editors["recipient"].set_value(default_recipient)
        # Enrolled: the recipient is an organisation chosen from the list, never typed.
        self._gemeenten = list(gemeenten)
        self.gemeente_choice: QComboBox | None = None
        if self._gemeenten:
            choice = QComboBox(self)
            choice.setObjectName("toestemming_gemeente")
            choice.setAccessibleName(QCoreApplication.translate("Consent", "Gemeente (Werk en Inkomen)"))
            for gemeente in self._gemeenten:
                choice.addItem(gemeente.name, gemeente.org_id)
            home = home_gemeente(youth, self._gemeenten)
            named = next((g for g in self._gemeenten if g.name == default_recipient), None)
            preferred = home or named or self._gemeenten[0]
            choice.setCurrentIndex(self._gemeenten.index(preferred))
            choice.currentTextChanged.connect(self.editors["recipient"].set_value)
            self.editors["recipient"].set_value(preferred.name)
            self.editors["recipient"].set_enabled(
                False, QCoreApplication.translate("Consent", "Kies de gemeente hieronder uit de lijst.")
            )
            form.addRow(QCoreApplication.translate("Consent", "Gemeente (Werk en Inkomen)"), choice)
            self.gemeente_choice = choice
        self.editors["purpose"].set_value("overstap")
        self.editors["given_on"].set_value(today())
        age_edit = self.editors["age_at_consent"].widget
        age_edit.setPlaceholderText(QCoreApplication.translate("Consent", "wordt berekend"))
        age_edit.setMaximumWidth(age_edit.fontMetrics().horizontalAdvance(age_edit.placeholderText()) + 24)
        box = QGroupBox(QCoreApplication.translate("Consent", "Welke onderdelen mogen mee"), self)
        grid = QGridLayout(box)
        self.section_boxes: dict[str, QCheckBox] = {}
        for i, code in enumerate(SHAREABLE_SECTIONS):
            check = QCheckBox(f"{code}. {labels.section_title(SECTION_BY_CODE[code])}", box)
            check.setChecked(code != "F")
            check.setObjectName(f"onderdeel_{code}")
            grid.addWidget(check, i // 2, i % 2)
            self.section_boxes[code] = check
        # The scope after school beside the sections: the dialog stays low enough for a laptop at 125 %.
        row = QHBoxLayout()
        row.addWidget(box, 3)
        row.addWidget(self._scope_box(), 2)
        layout.addLayout(row)
        note = QLabel(
            QCoreApplication.translate("Consent", "Persoonsgegevens (A) en de overdrachtstatus (K) gaan altijd mee."),
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.message = QLabel(self)
        self.message.setStyleSheet(theme.ERROR_TEXT_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            QCoreApplication.translate("Consent", "Vastleggen")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            QCoreApplication.translate("Consent", "Annuleren")
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _scope_box(self) -> QGroupBox:
        """Contactmomenten na school: off unless the young person (or parent) agrees; notes only on top."""
        box = QGroupBox(QCoreApplication.translate("Consent", "Na school"), self)
        column = QVBoxLayout(box)
        self.checkins_box = QCheckBox(CONSENT_SPECS["includes_checkins"].label, box)
        self.checkins_box.setObjectName("toestemming_contactmomenten")
        column.addWidget(self.checkins_box)
        explain_checkins = QLabel(
            QCoreApplication.translate(
                "Consent",
                "Verandert na school de situatie (werk, school, dagbesteding) of zijn er zorgen, dan krijgt "
                "Werk en Inkomen een kort bericht: de situatie, de datum en het volgende contact.",
            ),
            box,
        )
        explain_checkins.setWordWrap(True)
        explain_checkins.setStyleSheet(f"color: {theme.MUTED};")
        column.addWidget(explain_checkins)
        self.checkin_notes_box = QCheckBox(CONSENT_SPECS["includes_checkin_notes"].label, box)
        self.checkin_notes_box.setObjectName("toestemming_notities")
        self.checkin_notes_box.setEnabled(False)
        column.addWidget(self.checkin_notes_box)
        explain_notes = QLabel(
            QCoreApplication.translate("Consent", "Ook wat de mentor erbij opschreef. Anders blijft dat op school."),
            box,
        )
        explain_notes.setWordWrap(True)
        explain_notes.setStyleSheet(f"color: {theme.MUTED};")
        column.addWidget(explain_notes)

        def checkins_toggled(on: bool) -> None:
            self.checkin_notes_box.setEnabled(on)
            if not on:
                self.checkin_notes_box.setChecked(False)

        self.checkins_box.toggled.connect(checkins_toggled)
        return box

    def submit(self) -> None:
        values: dict[str, Any] = {}
        ok = True
        for name, editor in self.editors.items():
            valid, value = editor.validate()
            ok &= valid
            if valid and value is not None:
                values[name] = value
        if not ok:
            return
        sections = [code for code, box in self.section_boxes.items() if box.isChecked()]
        values["includes_checkins"] = self.checkins_box.isChecked()
        values["includes_checkin_notes"] = self.checkins_box.isChecked() and self.checkin_notes_box.isChecked()
        if self.gemeente_choice is not None:
            values["recipient"] = self.gemeente_choice.currentText()
            values["recipient_org_id"] = self.gemeente_choice.currentData()
        self.buttons.setEnabled(False)
        self._writer.record_consent(
            values, sections, on_done=alive(self, self._saved), on_error=alive(self, self._failed)
        )

    def _saved(self, consent_id: str) -> None:
        self.recorded.emit(consent_id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, ValidationFailed):
            for field, message in exc.by_field().items():
                if field in self.editors:
                    self.editors[field].show_error(message)
                else:
                    self.message.setText(message)
                    self.message.show()
        else:
            self.message.setText(explain(exc, "Toestemming: niet opgeslagen."))
            self.message.show()
