"""The end of support in the dossier: "Begeleiding afronden", "Heropenen", "Overdragen aan het
Doorstroompunt" and "Mijn overstap afdrukken", in a box under the contactmomenten.

:class:`CaseBox` shows whether the case is open (and until when support runs) or closed (when, with
which final situation, by whom) and offers the actions that fit. Writes go through the dossier's
write hook (the edit session), so the dossier is read again and the Vandaag lists follow. The dialogs
it opens (afronden, heropenen, the one-page PDFs "Mijn overstap" and the Doorstroompunt handover) are
in ui/checkins/case_dialogs.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from handover.domain import rules
from handover.domain.vocab import DISENGAGED_SITUATIONS
from handover.services.closing import (
    DOORSTROOMPUNT_ACTION,
    DOORSTROOMPUNT_ORG,
    ClosingService,
    Closure,
    closure_history,
)
from handover.ui import labels
from handover.ui.checkins.case_dialogs import CloseCaseDialog, OnePageDialog, ReopenDialog, Write


def _fmt(day: dt.date | None) -> str:
    return day.strftime("%d-%m-%Y") if day else ""


def _runner_of(write: Write) -> Any:
    """The task runner behind the dossier's write hook (the edit session), for reads and PDFs off the
    GUI thread; None runs them here (a panel built without a session, in a test)."""
    return getattr(getattr(write, "__self__", None), "runner", None)


class CaseBox(QGroupBox):
    """'Begeleiding na school': open until …, or closed on … with the final situation; the actions."""

    def __init__(self, ctx: Any, write: Write, today: Callable[[], dt.date], parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("Begeleiding", "Einde van de begeleiding"), parent)
        self.setObjectName("begeleiding")
        self._ctx, self._write, self._today = ctx, write, today
        self._youth: Any = None
        self.closure: Closure | None = None
        self.dialog: QDialog | None = None
        layout = QVBoxLayout(self)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("begeleiding_stand")
        self.state_label.setWordWrap(True)
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.state_label)
        row, second = QHBoxLayout(), QHBoxLayout()  # two rows: they fit the narrowest dossier (900 px window)
        self.close_button = QPushButton(QCoreApplication.translate("Begeleiding", "Begeleiding af&ronden…"), self)
        self.reopen_button = QPushButton(QCoreApplication.translate("Begeleiding", "Her&openen…"), self)
        self.doorstroompunt_button = QPushButton(
            QCoreApplication.translate("Begeleiding", "Overdragen aan het Doorstroom&punt…"), self
        )
        self.mijn_overstap_button = QPushButton(
            QCoreApplication.translate("Begeleiding", "'Mijn overstap' afdr&ukken…"), self
        )
        self.mijn_overstap_button.setToolTip(
            QCoreApplication.translate(
                "Begeleiding",
                "Eén pagina in gewone taal voor de jongere: contactpersoon, afspraken, volgende contactmomenten.",
            )
        )
        for button in (self.close_button, self.reopen_button, self.mijn_overstap_button):
            row.addWidget(button)
        row.addStretch(1)
        second.addWidget(self.doorstroompunt_button)
        second.addStretch(1)
        layout.addLayout(row)
        layout.addLayout(second)
        self.close_button.clicked.connect(lambda: self.open_close_dialog())
        self.reopen_button.clicked.connect(lambda: self.open_reopen_dialog())
        self.doorstroompunt_button.clicked.connect(lambda: self.open_doorstroompunt_dialog())
        self.mijn_overstap_button.clicked.connect(lambda: self.open_mijn_overstap())

    # -- state ----------------------------------------------------------------------------------
    def set_youth(self, youth: Any) -> None:
        """Shown from the dossier view; the closing itself is one small indexed read."""
        self._youth = youth
        with self._ctx.session() as session:
            history = closure_history(session, youth.id)
        self.closure = history[-1] if history and history[-1].closed else None
        today = self._today()
        ends = rules.support_ends(youth.leaving_date) if youth.leaving_date else None
        stable = rules.stable_since(youth.checkins)
        self.suggestion = stable[0] if stable else None
        handed = any(
            a.organisation == DOORSTROOMPUNT_ORG and a.action == DOORSTROOMPUNT_ACTION for a in youth.agreements
        )
        lines = []
        if self.closure is not None:
            c = self.closure
            lines.append(
                QCoreApplication.translate(
                    "Begeleiding", "Begeleiding afgerond op %1 door %2. Situatie aan het eind: %3."
                )
                .replace("%1", _fmt(c.closed_on))
                .replace("%2", c.closed_by)
                .replace("%3", labels.domain(c.situation_text))
            )
            lines.append(
                QCoreApplication.translate(
                    "Begeleiding", "Verliest de jongere werk of school, dan gaat de begeleiding vanzelf weer open."
                )
            )
        elif ends is None:
            lines.append(
                QCoreApplication.translate(
                    "Begeleiding", "Vul de einddatum (onderdeel C) in: daaruit volgt wanneer de begeleiding eindigt."
                )
            )
        elif ends <= today:
            lines.append(
                QCoreApplication.translate(
                    "Begeleiding", "De twee jaar begeleiding na school zijn om (sinds %1). Rond de begeleiding af."
                ).replace("%1", _fmt(ends))
            )
        else:
            lines.append(
                QCoreApplication.translate(
                    "Begeleiding", "Begeleiding na school loopt tot %1 (2 jaar na vertrek)."
                ).replace("%1", _fmt(ends))
            )
        reopened = [h for h in history if not h.closed]
        if reopened and self.closure is None:
            last = reopened[-1]
            lines.append(
                QCoreApplication.translate("Begeleiding", "Heropend op %1: %2")
                .replace("%1", _fmt(last.reopened_on))
                .replace("%2", last.reopen_reason or "")
            )
        final = self.closure.situation if self.closure else self.suggestion
        offers = final in DISENGAGED_SITUATIONS and (self.closure is not None or bool(ends and ends <= today))
        if handed:
            lines.append(
                QCoreApplication.translate("Begeleiding", "Overgedragen aan het Doorstroompunt (zie de afspraken).")
            )
        self.state_label.setText("\n".join(lines))
        self.close_button.setVisible(self.closure is None)
        self.reopen_button.setVisible(self.closure is not None)
        self.doorstroompunt_button.setVisible(offers)
        self.doorstroompunt_button.setText(
            QCoreApplication.translate("Begeleiding", "Overdrachtspagina Doorstroom&punt…")
            if handed
            else QCoreApplication.translate("Begeleiding", "Overdragen aan het Doorstroom&punt…")
        )

    # -- actions --------------------------------------------------------------------------------
    def _show(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_close_dialog(self) -> CloseCaseDialog | None:
        if self._youth is None or self.closure is not None:
            return None
        dialog = CloseCaseDialog(self, self._ctx, self._write, self._youth.id, self.suggestion)
        self._show(dialog)
        return dialog

    def open_reopen_dialog(self) -> ReopenDialog | None:
        if self._youth is None or self.closure is None:
            return None
        dialog = ReopenDialog(self, self._ctx, self._write, self._youth.id)
        self._show(dialog)
        return dialog

    def open_doorstroompunt_dialog(self) -> OnePageDialog | None:
        """Add the agreement (after the consent check), then show the one-page handover to print."""
        if self._youth is None:
            return None
        from handover.reports.doorstroompunt import TITLE, doorstroompunt_pdf, save_doorstroompunt

        ctx, youth_id = self._ctx, self._youth.id

        def make() -> bytes:
            ClosingService(ctx).hand_over_to_doorstroompunt(youth_id)  # refused (Dutch) without consent
            return doorstroompunt_pdf(ctx, youth_id)

        dialog = OnePageDialog(
            self,
            ctx,
            _runner_of(self._write),
            TITLE,
            make,
            lambda path: save_doorstroompunt(ctx, youth_id, path, action="export"),
            f"overdracht-doorstroompunt-{youth_id[:8]}.pdf",
            record_kind="doorstroompunt",
            youth_id=youth_id,
        )
        dialog.loaded.connect(lambda _pages: self._write(lambda: None, refresh_lists=True))  # the new agreement
        self._show(dialog)
        return dialog

    def open_mijn_overstap(self) -> OnePageDialog | None:
        if self._youth is None:
            return None
        from handover.reports.mijn_overstap import TITLE, mijn_overstap_pdf, save_mijn_overstap

        ctx, youth_id = self._ctx, self._youth.id
        dialog = OnePageDialog(
            self,
            ctx,
            _runner_of(self._write),
            TITLE,
            lambda: mijn_overstap_pdf(ctx, youth_id),
            lambda path: save_mijn_overstap(ctx, youth_id, path, action="export"),
            f"mijn-overstap-{youth_id[:8]}.pdf",
            record_kind="mijn_overstap",
            youth_id=youth_id,
        )
        self._show(dialog)
        return dialog
