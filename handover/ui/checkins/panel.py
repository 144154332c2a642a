"""Contactmomenten of one young person: the plan as a timeline, situation history, 'stabiel sinds'."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from handover.domain import rules
from handover.domain.fields import CHECKIN_FIELDS
from handover.domain.vocab import CHANNEL, SITUATION
from handover.services.checkins import TimelineEntry, timeline
from handover.ui import labels, theme
from handover.ui.checkins.closing import CaseBox
from handover.ui.checkins.dialogs import MarkMissedDialog, PlanExtraDialog, RecordCheckInDialog, Write
from handover.ui.columns import fit_table
from handover.ui.editor.fields import display_text, field_label
from handover.ui.editor.rows import Column, RowsModel

MAX_VISIBLE_ROWS = 14
# Colour always comes with the state's word (and a symbol), never alone.
STATE_STYLE = {
    # (The colours by name in ui/theme, looked up when a cell is drawn: light or dark.)
    "gehouden": ("✓", "GREEN"),
    "gepland": ("○", "PLAIN"),
    "deze_week": ("●", "AMBER"),
    "te_laat": ("!", "ALERT"),
    "gemist": ("–", "GREY"),
}


def state_text(state: str) -> str:
    symbol = STATE_STYLE[state][0]
    return f"{symbol} {labels.checkin_state_label(state)}"


def _choice(label: str) -> str:
    return labels.domain(label)


def _fmt(day: dt.date | None) -> str:
    return day.strftime("%d-%m-%Y") if day else ""


class CheckInsPanel(QWidget):
    def __init__(self, ctx: Any, write: Write, today: Callable[[], dt.date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._write, self._today = ctx, write, today
        self._youth: Any = None
        self.dialog: RecordCheckInDialog | PlanExtraDialog | MarkMissedDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.next_label = QLabel(self)
        self.next_label.setObjectName("volgende_contactmoment")
        self.next_label.setWordWrap(True)
        self.next_label.setStyleSheet("font-weight: 600;")
        layout.addWidget(self.next_label)
        self.model = RowsModel(
            [
                Column(
                    QCoreApplication.translate("Contactmomenten", "Contactmoment"),
                    lambda e: labels.plan_label(e.checkin.label),
                ),
                Column(
                    QCoreApplication.translate("Contactmomenten", "Gepland op"),
                    lambda e: _fmt(e.checkin.due_date),
                    sort=lambda e: e.checkin.due_date,
                ),
                Column(
                    QCoreApplication.translate("Contactmomenten", "Stand"),
                    lambda e: state_text(e.state),
                    background=lambda e: getattr(theme, f"{STATE_STYLE[e.state][1]}_BG"),
                    foreground=lambda e: getattr(theme, f"{STATE_STYLE[e.state][1]}_FG"),
                ),
                Column(QCoreApplication.translate("Contactmomenten", "Gehouden op"), lambda e: _fmt(e.checkin.held_on)),
                Column(
                    QCoreApplication.translate("Contactmomenten", "Kanaal"),
                    lambda e: _choice(CHANNEL.label_of(e.checkin.channel)),
                ),
                Column(
                    QCoreApplication.translate("Contactmomenten", "Situatie"),
                    lambda e: _choice(SITUATION.label_of(e.checkin.situation)) if e.checkin.held_on else "",
                ),
            ],
            self,
        )
        self.view = QTableView(self)
        self.view.setObjectName("tijdlijn")
        self.view.setAccessibleName(QCoreApplication.translate("Contactmomenten", "Tijdlijn van contactmomenten"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.columns = fit_table(self.view)  # no sideways scrolling; a cut cell's text in its tooltip
        self.view.setMinimumHeight(160)
        self.view.doubleClicked.connect(self._double_clicked)
        layout.addWidget(self.view)
        self.details = QLabel(self)
        self.details.setObjectName("details_contactmoment")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.details)
        self.view.selectionModel().selectionChanged.connect(self._show_details)
        self.model.modelReset.connect(self._show_details)
        buttons = QHBoxLayout()
        self.record_button = QPushButton(
            QCoreApplication.translate("Contactmomenten", "Contactmoment &vastleggen…"), self
        )
        self.record_button.setToolTip(
            QCoreApplication.translate("Contactmomenten", "Legt het gekozen contactmoment vast, of anders het huidige.")
        )
        self.extra_button = QPushButton(
            QCoreApplication.translate("Contactmomenten", "E&xtra contactmoment plannen…"), self
        )
        self.missed_button = QPushButton(QCoreApplication.translate("Contactmomenten", "Gemis&t met reden…"), self)
        self.missed_button.setToolTip(
            QCoreApplication.translate(
                "Contactmomenten", "Het gekozen (of huidige) open contactmoment gaat niet door: schrijf op waarom."
            )
        )
        # Two rows: three buttons side by side do not fit the narrowest dossier (900 px window).
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.missed_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        extra_row = QHBoxLayout()
        extra_row.addWidget(self.extra_button)
        extra_row.addStretch(1)
        layout.addLayout(extra_row)
        self.record_button.clicked.connect(lambda: self.open_record_dialog())
        self.extra_button.clicked.connect(lambda: self.open_extra_dialog())
        self.missed_button.clicked.connect(lambda: self.open_missed_dialog())

        history = QGroupBox(QCoreApplication.translate("Contactmomenten", "Situatie door de tijd"), self)
        hlayout = QVBoxLayout(history)
        self.stable_label = QLabel(history)
        self.stable_label.setObjectName("stabiel_sinds")
        self.stable_label.setWordWrap(True)
        hlayout.addWidget(self.stable_label)
        self.history_label = QLabel(history)
        self.history_label.setObjectName("situatie_geschiedenis")
        self.history_label.setWordWrap(True)
        self.history_label.setTextFormat(Qt.TextFormat.PlainText)
        hlayout.addWidget(self.history_label)
        layout.addWidget(history)
        # Begeleiding afronden, heropenen, the Doorstroompunt and "Mijn overstap" (ui/checkins/closing.py).
        self.case_box = CaseBox(ctx, write, today, self)
        layout.addWidget(self.case_box)
        legend = QLabel(" · ".join(state_text(s) for s in STATE_STYLE), self)
        legend.setObjectName("legenda")
        legend.setStyleSheet(f"color: {theme.MUTED};")
        layout.addWidget(legend)

    # -- state ----------------------------------------------------------------------------------
    def set_youth(self, youth: Any) -> None:
        self._youth = youth
        selected = self.selected_entry()
        keep = selected.checkin.id if selected else None
        entries = timeline(youth, self._today())
        self.model.set_rows(entries)
        self._fit_height(len(entries))
        if keep:
            for row, entry in enumerate(entries):
                if entry.checkin.id == keep:
                    self.view.selectRow(row)
        nxt = self.next_planned()
        if nxt is None:
            self.next_label.setText(
                QCoreApplication.translate("Contactmomenten", "Geen contactmoment gepland.")
                if youth.leaving_date
                else QCoreApplication.translate(
                    "Contactmomenten", "Vul de einddatum (onderdeel C) in: daaruit volgt het plan."
                )
            )
        else:
            self.next_label.setText(
                QCoreApplication.translate("Contactmomenten", "Volgende contactmoment: %1 op %2 (%3)")
                .replace("%1", labels.plan_label(nxt.checkin.label))
                .replace("%2", _fmt(nxt.checkin.due_date))
                .replace("%3", state_text(nxt.state))
            )
        stable = rules.stable_since(youth.checkins)
        if stable is None:
            self.stable_label.setText(
                QCoreApplication.translate("Contactmomenten", "Nog geen situatie bekend uit een contactmoment.")
            )
        else:
            self.stable_label.setText(
                QCoreApplication.translate("Contactmomenten", "%1, stabiel sinds %2")
                .replace("%1", _choice(SITUATION.label_of(stable[0])))
                .replace("%2", _fmt(stable[1]))
            )
        self.case_box.set_youth(youth)
        self._update_missed_button()
        known = rules.known_situations(youth.checkins)
        lines = [f"{_fmt(day)}  {_choice(SITUATION.label_of(s))}" for day, s in reversed(known)]
        self.history_label.setText(
            "\n".join(lines)
            or QCoreApplication.translate("Contactmomenten", "Nog geen gehouden contactmomenten met een situatie.")
        )

    def _fit_height(self, rows: int) -> None:
        """Show the whole plan without an inner scroll bar (up to 14 rows), at any scaling."""
        row_height = self.view.verticalHeader().defaultSectionSize()
        shown = max(4, min(rows, MAX_VISIBLE_ROWS))
        height = (
            self.view.horizontalHeader().sizeHint().height()
            + shown * row_height
            + 2 * self.view.frameWidth()
            + self.view.horizontalScrollBar().sizeHint().height()
        )
        self.view.setFixedHeight(height)

    def entries(self) -> list[TimelineEntry]:
        return self.model.objects()

    def next_planned(self) -> TimelineEntry | None:
        """The first open contactmoment from today on (the one to prepare for)."""
        today = self._today()
        future = [e for e in self.entries() if e.checkin.held_on is None and e.checkin.due_date >= today]
        if future:
            return min(future, key=lambda e: e.checkin.due_date)
        # Past ones: the latest still open (te laat); not one marked gemist, or passed by a later held one.
        open_ones = [e for e in self.entries() if e.checkin.held_on is None and e.state != "gemist"]
        return max(open_ones, key=lambda e: e.checkin.due_date) if open_ones else None

    def selected_entry(self) -> TimelineEntry | None:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        return self.model.row_object(rows[0].row()) if rows else None

    def current_open(self) -> TimelineEntry | None:
        """What 'vastleggen' is for: the selected open one, else the latest one due by the end of this week,
        else the next planned one (one marked gemist met reden only when selected)."""
        selected = self.selected_entry()
        if selected is not None and selected.checkin.held_on is None:
            return selected
        week_end = rules.week_bounds(self._today())[1]
        open_ones = [e for e in self.entries() if e.checkin.held_on is None and e.checkin.missed_on is None]
        due = [e for e in open_ones if e.checkin.due_date <= week_end]
        if due:
            return max(due, key=lambda e: e.checkin.due_date)
        return min(open_ones, key=lambda e: e.checkin.due_date) if open_ones else None

    def _double_clicked(self, _index: object) -> None:
        selected = self.selected_entry()
        if selected is None or selected.checkin.held_on is None:
            self.open_record_dialog()

    def _update_missed_button(self, *_args: object) -> None:
        target = self.current_open()
        self.missed_button.setEnabled(target is not None and target.state != "gemist")

    def _show_details(self, *_args: object) -> None:
        self._update_missed_button()
        entry = self.selected_entry()
        if entry is None:
            self.details.setText(
                QCoreApplication.translate(
                    "Contactmomenten",
                    "Kies een contactmoment om de gegevens te zien; dubbelklik op een open "
                    "contactmoment om het vast te leggen.",
                )
            )
            return
        c = entry.checkin
        if c.held_on is None and c.missed_on is not None:
            self.details.setText(
                QCoreApplication.translate("Contactmomenten", "%1: gepland op %2, gemist (vastgelegd op %3). Reden: %4")
                .replace("%1", labels.plan_label(c.label))
                .replace("%2", _fmt(c.due_date))
                .replace("%3", _fmt(c.missed_on))
                .replace("%4", c.missed_reason or "")
            )
            return
        if c.held_on is None:
            self.details.setText(
                QCoreApplication.translate("Contactmomenten", "%1: gepland op %2 (%3).")
                .replace("%1", labels.plan_label(c.label))
                .replace("%2", _fmt(c.due_date))
                .replace("%3", state_text(entry.state))
            )
            return
        parts = [
            QCoreApplication.translate("Contactmomenten", "%1: gehouden op %2")
            .replace("%1", labels.plan_label(c.label))
            .replace("%2", _fmt(c.held_on))
        ]
        specs = {f.name: f for f in CHECKIN_FIELDS}
        for name in (
            "channel",
            "reached",
            "attempts",
            "situation",
            "situation_reason",
            "income",
            "care_signal",
            "satisfaction",
            "next_contact",
        ):
            value = getattr(c, name)
            if value is None or value == "":
                continue
            parts.append(f"{field_label(specs[name])}: {display_text(specs[name], value)}")
        text = " · ".join(parts)
        if c.notes:
            text += "\n" + QCoreApplication.translate("Contactmomenten", "Notities: %1").replace("%1", c.notes)
        self.details.setText(text)

    # -- actions --------------------------------------------------------------------------------
    def open_record_dialog(self) -> RecordCheckInDialog | None:
        if self._youth is None:
            return None
        target = self.current_open()
        dialog = RecordCheckInDialog(
            self, self._ctx, self._write, self._youth.id, target.checkin if target else None, self._today
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_extra_dialog(self) -> PlanExtraDialog | None:
        if self._youth is None:
            return None
        dialog = PlanExtraDialog(self, self._ctx, self._write, self._youth.id, self._today)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_missed_dialog(self) -> MarkMissedDialog | None:
        """Gemist met reden, for the selected open contactmoment (else the current one)."""
        target = self.current_open()
        if self._youth is None or target is None or target.state == "gemist":
            return None
        dialog = MarkMissedDialog(self, self._ctx, self._write, self._youth.id, target.checkin)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog
