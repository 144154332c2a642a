"""'Contactmoment vastleggen' and 'Extra contactmoment plannen'.

Both dialogs check their fields as the user types (Dutch messages next to each field), run the
write in the background and close only when it is saved; a refusal from the service lands next
to the field it is about.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from handover.domain.fields import CHECKIN_FIELDS, FieldSpec
from handover.domain.validation import ValidationFailed
from handover.services.checkins import EXTRA_LABEL, CheckInService
from handover.ui import labels, theme
from handover.ui.editor.fields import FieldEditor, build_form, form_layout
from handover.ui.failures import explain
from handover.ui.guard import alive

Write = Callable[..., None]


def finish_form(
    dialog: QDialog, layout: QVBoxLayout, ok_text: str, cancel_text: str, submit: Callable[[], None]
) -> tuple[QLabel, QDialogButtonBox]:
    """The foot of a small form dialog: a red message line (hidden until needed) and OK/Cancel."""
    message = QLabel(dialog)
    message.setObjectName("melding")
    message.setStyleSheet(theme.ERROR_TEXT_STYLE)
    message.setWordWrap(True)
    message.hide()
    layout.addWidget(message)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel_text)
    buttons.accepted.connect(submit)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    return message, buttons


class _WriteDialog(QDialog):
    saved = Signal(str)

    def _setup(self, title: str, intro: str) -> QVBoxLayout:
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        if intro:
            label = QLabel(intro, self)
            label.setWordWrap(True)
            label.setObjectName("uitleg")
            layout.addWidget(label)
        return layout

    def _finish(self, layout: QVBoxLayout, ok_text: str) -> None:
        self.message, self.buttons = finish_form(
            self, layout, ok_text, QCoreApplication.translate("Contactmomenten", "Annuleren"), self.submit
        )

    editors: dict[str, FieldEditor]

    def submit(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def _collect(self) -> dict[str, Any] | None:
        values: dict[str, Any] = {}
        ok = True
        for name, editor in self.editors.items():
            if not editor.widget.isEnabled():
                continue
            valid, value = editor.validate()
            ok &= valid
            if valid and value is not None:
                values[name] = value
        return values if ok else None

    def _saved(self, new_id: str) -> None:
        self.saved.emit(new_id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, ValidationFailed):
            rest = []
            for field, message in exc.by_field().items():
                if field in self.editors:
                    self.editors[field].show_error(message)
                else:
                    rest.append(message)
            if rest:
                self.message.setText(" ".join(rest))
                self.message.show()
        else:
            self.message.setText(explain(exc, "Contactmoment: niet opgeslagen."))
            self.message.show()


class RecordCheckInDialog(_WriteDialog):
    """Record a held (or attempted) contactmoment for the planned one given, or as an extra one."""

    def __init__(
        self, parent: QWidget, ctx: Any, write: Write, youth_id: str, checkin: Any | None, today: Callable[[], dt.date]
    ) -> None:
        super().__init__(parent)
        self.setObjectName("contactmoment_vastleggen")
        self._ctx, self._write, self._youth_id, self._today = ctx, write, youth_id, today
        self.checkin_id = checkin.id if checkin is not None else None
        if checkin is not None:
            intro = (
                QCoreApplication.translate("Contactmomenten", "Voor: %1 (gepland op %2)")
                .replace("%1", labels.plan_label(checkin.label))
                .replace("%2", checkin.due_date.strftime("%d-%m-%Y"))
            )
        else:
            intro = QCoreApplication.translate("Contactmomenten", "Een extra contactmoment, buiten het plan.")
        layout = self._setup(QCoreApplication.translate("Contactmomenten", "Contactmoment vastleggen"), intro)
        form = form_layout()
        self.editors = build_form(CHECKIN_FIELDS, self, form, today=today, extra_check=self._extra_check)
        layout.addLayout(form)
        self.editors["held_on"].set_value(today())
        self.editors["reached"].set_value(True)
        self.editors["situation"].edited.connect(self._situation_changed)
        self.editors["reached"].edited.connect(self._reached_changed)
        self._situation_changed()
        self._finish(layout, QCoreApplication.translate("Contactmomenten", "Vastleggen"))

    def _extra_check(self, spec: FieldSpec, value: Any) -> str | None:
        if spec.name == "held_on" and value is not None and value > self._today():
            return QCoreApplication.translate(
                "Contactmomenten", "Een contactmoment kan niet in de toekomst zijn gehouden."
            )
        if spec.name == "next_contact" and value is not None and value <= self._today():
            return QCoreApplication.translate("Contactmomenten", "Het volgende contact ligt na vandaag.")
        return None

    def _situation_changed(self) -> None:
        needs_reason = self.editors["situation"].raw() == "geen"
        self.editors["situation_reason"].set_enabled(
            needs_reason,
            QCoreApplication.translate("Contactmomenten", "Alleen bij 'Nog geen werk, school of dagbesteding'."),
        )
        if not needs_reason:
            self.editors["situation_reason"].set_value(None)
            self.editors["situation_reason"].show_error("")

    def _reached_changed(self) -> None:
        reached = bool(self.editors["reached"].raw())
        self.editors["situation"].set_enabled(
            reached,
            QCoreApplication.translate("Contactmomenten", "Niet bereikt: de situatie blijft 'Nog niet bereikt'."),
        )
        if not reached:
            self.editors["situation"].set_value(None)
        self._situation_changed()

    def submit(self) -> None:
        values = self._collect()
        if values is None:
            return
        if values.get("situation") == "geen" and not values.get("situation_reason"):
            self.editors["situation_reason"].show_error(
                QCoreApplication.translate(
                    "Contactmomenten", "Kies een reden bij 'Nog geen werk, school of dagbesteding'."
                )
            )
            return
        values["reached"] = bool(self.editors["reached"].raw())
        service = CheckInService(self._ctx)
        youth_id, checkin_id = self._youth_id, self.checkin_id
        self.buttons.setEnabled(False)
        self._write(
            lambda: service.record(youth_id, values, checkin_id),
            on_done=alive(self, self._saved),
            on_error=alive(self, self._failed),
            refresh_lists=True,
        )


EXTRA_SPECS = (
    FieldSpec("due", "Datum", "date", required=True),
    FieldSpec("label", "Omschrijving", "text", required=True),
)


class PlanExtraDialog(_WriteDialog):
    """Plan an extra contactmoment, e.g. when the situation changed or there is a worry."""

    def __init__(self, parent: QWidget, ctx: Any, write: Write, youth_id: str, today: Callable[[], dt.date]) -> None:
        super().__init__(parent)
        self.setObjectName("extra_contactmoment")
        self._ctx, self._write, self._youth_id, self._today = ctx, write, youth_id, today
        layout = self._setup(
            QCoreApplication.translate("Contactmomenten", "Extra contactmoment plannen"),
            QCoreApplication.translate(
                "Contactmomenten", "Plan een extra contactmoment als de situatie verandert of er een zorg is."
            ),
        )
        form = form_layout()
        self.editors = build_form(EXTRA_SPECS, self, form, today=today, extra_check=self._extra_check)
        layout.addLayout(form)
        self.editors["due"].set_value(today() + dt.timedelta(days=14))
        self.editors["label"].set_value(labels.domain(EXTRA_LABEL))
        self._finish(layout, QCoreApplication.translate("Contactmomenten", "Plannen"))

    def _extra_check(self, spec: FieldSpec, value: Any) -> str | None:
        if spec.name == "due" and value is not None and value < self._today():
            return QCoreApplication.translate("Contactmomenten", "Plan het contactmoment vandaag of later.")
        return None

    def submit(self) -> None:
        values = self._collect()
        if values is None:
            return
        service = CheckInService(self._ctx)
        youth_id = self._youth_id
        self.buttons.setEnabled(False)
        self._write(
            lambda: service.plan_extra(youth_id, values["due"], values["label"]),
            on_done=alive(self, self._saved),
            on_error=alive(self, self._failed),
            refresh_lists=True,
        )


MISSED_SPECS = (FieldSpec("missed_reason", "Reden", "longtext", required=True, max_length=300),)


class MarkMissedDialog(_WriteDialog):
    """Gemist met reden: this planned contactmoment will not be held, and why. It then leaves
    "te laat" (on Vandaag too); recording it later as held is still possible."""

    def __init__(self, parent: QWidget, ctx: Any, write: Write, youth_id: str, checkin: Any) -> None:
        super().__init__(parent)
        self.setObjectName("contactmoment_gemist")
        self._ctx, self._write, self._youth_id, self.checkin_id = ctx, write, youth_id, checkin.id
        layout = self._setup(
            QCoreApplication.translate("Contactmomenten", "Gemist met reden"),
            QCoreApplication.translate(
                "Contactmomenten",
                "%1 (gepland op %2) gaat niet meer door. Schrijf op waarom: het contactmoment staat dan niet "
                "meer bij 'te laat'.",
            )
            .replace("%1", labels.plan_label(checkin.label))
            .replace("%2", checkin.due_date.strftime("%d-%m-%Y")),
        )
        form = form_layout()
        self.editors = build_form(MISSED_SPECS, self, form)
        layout.addLayout(form)
        self._finish(layout, QCoreApplication.translate("Contactmomenten", "Gemist vastleggen"))

    def submit(self) -> None:
        values = self._collect()
        if values is None:
            return
        reason = str(values.get("missed_reason") or "")
        service = CheckInService(self._ctx)
        youth_id, checkin_id = self._youth_id, self.checkin_id
        self.buttons.setEnabled(False)
        self._write(
            lambda: service.mark_missed(youth_id, checkin_id, reason),
            on_done=alive(self, lambda _result: self._saved(checkin_id)),
            on_error=alive(self, self._failed),
            refresh_lists=True,
        )
