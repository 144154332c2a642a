"""Section J: toestemming (who consented, to whom, for what, which sections) and the inzage step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from handover.domain import rules
from handover.domain.fields import CONSENT_FIELDS, SECTION_BY_CODE, SHAREABLE_SECTIONS, FieldSpec
from handover.domain.validation import ValidationFailed, age_on
from handover.services.consent import valid_consent_for_org
from handover.services.views import ConsentView, DossierView
from handover.sync.sending import GemeenteRef, home_gemeente
from handover.ui import labels, theme
from handover.ui.columns import fit_table
from handover.ui.editor.fields import FieldEditor, build_form, display_text, form_layout
from handover.ui.editor.rows import Column, RowsModel
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


def _fmt_date(value: dt.date | None) -> str:
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
        specs = [f for f in CONSENT_FIELDS if f.name != "withdrawn_on"]
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
        layout.addWidget(box)
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


class ConsentPanel(QWidget):
    """Consents of one young person, a withdraw button with confirmation, and the inzage step."""

    recipient_chosen = Signal(str, str, str)  # consent id, gemeente organisation id, its name

    def __init__(self, writer: ConsentWriter, today: Callable[[], dt.date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._writer, self._today = writer, today
        self._youth: DossierView | None = None
        self._recipient = ""
        self.gemeenten: list[GemeenteRef] = []  # enrolled gemeenten (set by the main window's send flow)
        self.recipient_dialog: QInputDialog | None = None
        self.dialog: ConsentDialog | None = None
        self.confirm_box: QMessageBox | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(
            QCoreApplication.translate(
                "Consent",
                "Een overstapdossier verlaat de school alleen met geldige toestemming voor die ontvanger. "
                "Intrekken stopt het versturen en de ontvanger krijgt bericht.",
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("toestemming_stand")
        self.state_label.setWordWrap(True)
        layout.addWidget(self.state_label)
        self.model = RowsModel(
            [
                Column(
                    QCoreApplication.translate("Consent", "Gegeven door"),
                    lambda c: display_text(CONSENT_SPECS["given_by"], c.given_by),
                ),
                Column(QCoreApplication.translate("Consent", "Naam"), lambda c: c.given_by_name),
                Column(
                    QCoreApplication.translate("Consent", "Leeftijd"),
                    lambda c: "" if c.age_at_consent is None else str(c.age_at_consent),
                ),
                Column(QCoreApplication.translate("Consent", "Ontvanger"), lambda c: c.recipient),
                Column(
                    QCoreApplication.translate("Consent", "Doel"),
                    lambda c: display_text(CONSENT_SPECS["purpose"], c.purpose),
                ),
                Column(QCoreApplication.translate("Consent", "Datum"), lambda c: _fmt_date(c.given_on)),
                Column(
                    QCoreApplication.translate("Consent", "Vorm"), lambda c: display_text(CONSENT_SPECS["form"], c.form)
                ),
                Column(QCoreApplication.translate("Consent", "Onderdelen"), lambda c: ", ".join(c.sections) or "-"),
                Column(
                    QCoreApplication.translate("Consent", "Gezondheid"),
                    lambda c: (
                        QCoreApplication.translate("Consent", "Ja")
                        if c.includes_health
                        else QCoreApplication.translate("Consent", "Nee")
                    ),
                ),
                Column(
                    QCoreApplication.translate("Consent", "Geldig"),
                    self._validity,
                    foreground=lambda c: None if self._problem(c) is None else theme.ERROR,
                ),
            ],
            self,
        )
        self.view = QTableView(self)
        self.view.setObjectName("toestemmingen")
        self.view.setAccessibleName(QCoreApplication.translate("Consent", "Toestemmingen"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        self.columns = fit_table(self.view)  # all eleven columns in view; a cut cell's text in its tooltip
        self.view.setMinimumHeight(120)
        layout.addWidget(self.view)
        row = QHBoxLayout()
        self.add_button = QPushButton(QCoreApplication.translate("Consent", "Toestemming vastleggen…"), self)
        self.withdraw_button = QPushButton(QCoreApplication.translate("Consent", "Toestemming intrekken…"), self)
        self.withdraw_button.setEnabled(False)
        self.recipient_button = QPushButton(QCoreApplication.translate("Consent", "Kies de ontvanger…"), self)
        self.recipient_button.setVisible(False)  # only once enrolled, for a consent naming its recipient as text
        row.addWidget(self.add_button)
        row.addWidget(self.withdraw_button)
        row.addWidget(self.recipient_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.add_button.clicked.connect(self.open_consent_dialog)
        self.withdraw_button.clicked.connect(self.ask_withdraw)
        self.recipient_button.clicked.connect(self.ask_recipient)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)

        # Inzage
        group = QGroupBox(QCoreApplication.translate("Consent", "Inzage door de jongere"), self)
        glayout = QVBoxLayout(group)
        self.inspections_label = QLabel(group)
        self.inspections_label.setObjectName("inzage_eerder")
        self.inspections_label.setWordWrap(True)
        glayout.addWidget(self.inspections_label)
        form = form_layout()
        self.inspection: dict[str, FieldEditor] = build_form(INSPECTION_SPECS, group, form, today=today)
        glayout.addLayout(form)
        self.inspection["agrees"].set_value(True)
        self.inspection["reason"].set_enabled(
            False, QCoreApplication.translate("Consent", "Alleen nodig als de jongere het niet eens is.")
        )
        self.inspection["agrees"].edited.connect(self._agrees_changed)
        self.inspection_button = QPushButton(QCoreApplication.translate("Consent", "Inzage vastleggen"), group)
        self.inspection_message = QLabel(group)
        self.inspection_message.setStyleSheet(theme.ERROR_TEXT_STYLE)
        self.inspection_message.setWordWrap(True)
        self.inspection_message.hide()
        glayout.addWidget(self.inspection_message)
        glayout.addWidget(self.inspection_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.inspection_button.clicked.connect(self.record_inspection)
        layout.addWidget(group)

    # -- state ----------------------------------------------------------------------------------
    def set_youth(self, youth: DossierView, default_recipient: str) -> None:
        self._youth = youth
        self._recipient = default_recipient
        self.model.set_rows(list(youth.consents))
        valid: Any = (
            rules.valid_consent_for(youth.consents, default_recipient, youth.birth_date, self._today())
            if default_recipient
            else None
        )
        for gemeente in self.gemeenten:  # enrolled: a consent names a gemeente by organisation id
            valid = valid_consent_for_org(youth.consents, gemeente.org_id, youth.birth_date, self._today()) or valid
        if valid is not None:
            self.state_label.setText(
                QCoreApplication.translate("Consent", "✓ Geldige toestemming voor %1.").replace("%1", valid.recipient)
            )
            self.state_label.setStyleSheet(f"color: {theme.SUCCESS};")
        else:
            self.state_label.setText(
                QCoreApplication.translate(
                    "Consent", "Nog geen geldige toestemming voor %1: het dossier wordt niet verstuurd."
                ).replace("%1", default_recipient or QCoreApplication.translate("Consent", "de gemeente"))
            )
            self.state_label.setStyleSheet(theme.ERROR_TEXT_STYLE)
        if youth.inspections:
            lines = []
            for i in youth.inspections:
                text = (
                    QCoreApplication.translate("Consent", "%1: eens met de inhoud")
                    if i.agrees
                    else QCoreApplication.translate("Consent", "%1: niet eens")
                )
                text = text.replace("%1", _fmt_date(i.seen_on))
                if i.reason:
                    text += f" ({i.reason})"
                lines.append(text)
            self.inspections_label.setText(QCoreApplication.translate("Consent", "Eerdere inzage: ") + "; ".join(lines))
        else:
            self.inspections_label.setText(
                QCoreApplication.translate("Consent", "De jongere heeft het dossier nog niet ingezien.")
            )
        if not self.inspection["seen_on"].text():
            self.inspection["seen_on"].set_value(self._today())

    def _problem(self, consent: ConsentView) -> str | None:
        birth = self._youth.birth_date if self._youth is not None else None
        return rules.consent_problem(consent, birth, self._today())

    def _validity(self, consent: ConsentView) -> str:
        problem = self._problem(consent)
        if problem is None:
            return QCoreApplication.translate("Consent", "Geldig")
        if consent.withdrawn_on is not None:
            return QCoreApplication.translate("Consent", "Ingetrokken op %1").replace(
                "%1", _fmt_date(consent.withdrawn_on)
            )
        return labels.domain(problem)

    def _selection_changed(self, *_args: object) -> None:
        rows = self.view.selectionModel().selectedRows()
        self.withdraw_button.setEnabled(bool(rows) and self.model.row_object(rows[0].row()).withdrawn_on is None)
        self.recipient_button.setVisible(bool(self.gemeenten))
        self.recipient_button.setEnabled(
            bool(rows and self.gemeenten) and self.model.row_object(rows[0].row()).recipient_org_id is None
        )

    def set_gemeenten(self, known: Sequence[GemeenteRef]) -> None:
        self.gemeenten = list(known)
        self._selection_changed()

    def ask_recipient(self) -> QInputDialog | None:
        """An older consent names its recipient as text: choose the enrolled gemeente it meant."""
        rows = self.view.selectionModel().selectedRows()
        if not rows or not self.gemeenten:
            return None
        consent = self.model.row_object(rows[0].row())
        dialog = QInputDialog(self)
        dialog.setObjectName("kies_ontvanger")
        dialog.setWindowTitle(QCoreApplication.translate("Consent", "Kies de ontvanger"))
        dialog.setLabelText(
            QCoreApplication.translate("Consent", "Welke gemeente bedoelt de toestemming voor '%1'?").replace(
                "%1", consent.recipient
            )
        )
        dialog.setComboBoxItems([g.name for g in self.gemeenten])
        dialog.setComboBoxEditable(False)
        by_name = {g.name: g for g in self.gemeenten}
        dialog.textValueSelected.connect(
            lambda name: self.recipient_chosen.emit(consent.id, by_name[name].org_id, name) if name in by_name else None
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.recipient_dialog = dialog
        dialog.open()
        return dialog

    def _agrees_changed(self) -> None:
        agrees = bool(self.inspection["agrees"].raw())
        self.inspection["reason"].set_enabled(
            not agrees, QCoreApplication.translate("Consent", "Alleen nodig als de jongere het niet eens is.")
        )

    # -- actions --------------------------------------------------------------------------------
    def open_consent_dialog(self) -> ConsentDialog:
        assert self._youth is not None, "a dossier is open"
        dialog = ConsentDialog(self, self._writer, self._youth, self._recipient, self._today, self.gemeenten)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def ask_withdraw(self) -> QMessageBox | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        consent = self.model.row_object(rows[0].row())
        box = QMessageBox(
            QMessageBox.Icon.Question,
            QCoreApplication.translate("Consent", "Toestemming intrekken"),
            QCoreApplication.translate(
                "Consent",
                "De toestemming van %1 voor %2 intrekken? Het dossier wordt dan niet meer verstuurd "
                "en de ontvanger krijgt bericht.",
            )
            .replace("%1", consent.given_by_name)
            .replace("%2", consent.recipient),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.button(QMessageBox.StandardButton.Yes).setText(QCoreApplication.translate("Consent", "Intrekken"))
        box.button(QMessageBox.StandardButton.No).setText(QCoreApplication.translate("Consent", "Niet intrekken"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(
            lambda result: self._withdraw(consent.id) if result == QMessageBox.StandardButton.Yes else None
        )
        self.confirm_box = box
        box.open()
        return box

    def _withdraw(self, consent_id: str) -> None:
        self._writer.withdraw_consent(consent_id)

    def record_inspection(self) -> None:
        ok_date, seen_on = self.inspection["seen_on"].validate()
        agrees = bool(self.inspection["agrees"].raw())
        ok_reason, reason = self.inspection["reason"].validate()
        if not (ok_date and ok_reason):
            return
        if not agrees and not (reason or "").strip():
            self.inspection["reason"].show_error(
                QCoreApplication.translate("Consent", "Geef aan waarmee de jongere het niet eens is.")
            )
            return

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ValidationFailed):
                for field, message in exc.by_field().items():
                    (
                        self.inspection[field].show_error(message)
                        if field in self.inspection
                        else self._inspection_problem(message)
                    )
            else:
                self._inspection_problem(explain(exc, "Inzage: niet opgeslagen."))

        def done(_id: str) -> None:
            self.inspection_message.hide()
            self.inspection["reason"].set_value("")

        self._writer.record_inspection(seen_on, agrees, reason or "", on_done=done, on_error=failed)

    def _inspection_problem(self, message: str) -> None:
        self.inspection_message.setText(message)
        self.inspection_message.show()
