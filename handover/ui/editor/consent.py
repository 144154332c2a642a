"""Section J: toestemming (who consented, to whom, for what, which sections) and the inzage step.

The dialog that records a consent is in ``editor/consent_dialog.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
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
from handover.domain.validation import ValidationFailed
from handover.services.consent import valid_consent_for_org
from handover.services.views import ConsentView, DossierView
from handover.sync.sending import GemeenteRef
from handover.ui import labels, theme
from handover.ui.columns import fit_table
from handover.ui.editor.consent_dialog import (
    CONSENT_SPECS,
    INSPECTION_SPECS,
    ConsentDialog,
    ConsentWriter,
)
from handover.ui.editor.consent_dialog import (
    fmt_date as _fmt_date,
)
from handover.ui.editor.fields import FieldEditor, build_form, display_text, form_layout
from handover.ui.editor.rows import Column, RowsModel
from handover.ui.failures import explain

__all__ = ["ConsentDialog", "ConsentPanel", "ConsentWriter"]


def scope_text(consent: ConsentView) -> str:
    """The sections, and the scope after school: "B, C, D, E · ook contactmomenten (met notities)"."""
    text = ", ".join(consent.sections) or "-"
    if consent.includes_checkins:
        text += " · " + (
            QCoreApplication.translate("Consent", "ook contactmomenten na school, met notities")
            if consent.includes_checkin_notes
            else QCoreApplication.translate("Consent", "ook contactmomenten na school")
        )
    return text


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
                Column(QCoreApplication.translate("Consent", "Onderdelen"), scope_text),
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
