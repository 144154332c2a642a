"""What the editor shows about the dossier as a whole: the header, the section navigation, section K.

- :class:`DossierHeader`: name, key facts, "vraagt aandacht", the status chip with its menu, the
  close button and the save state ("Opslaan…", "Alles opgeslagen", "Niet opgeslagen: …");
- :class:`SectionNav`: the sections A–K and the contactmomenten, with completeness per section;
- :class:`StatusSection`: section K, the handover status and the buttons to change it.

They only show what they are given and announce what the user chose; the page connects them to the
edit session.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from handover.domain.fields import full_name
from handover.domain.vocab import HANDOVER_STATUS
from handover.services.records import SectionCompleteness
from handover.services.views import DossierView
from handover.ui import labels, theme

CHIP_PADDING = 12
STATUS_CHIP = (
    "QLabel#overdrachtstatus {{ background: {bg}; color: {fg}; border-radius: 10px; "
    f"padding: 3px {CHIP_PADDING}px; }}}}"
)
# The chip's colours by name in ui/theme (looked up when shown: light or dark).
STATUS_COLOURS = {
    "concept": "NEUTRAL",
    "klaar": "BLUE",
    "besproken": "BLUE",
    "verstuurd": "AMBER",
    "ontvangen": "GREEN",
    "afgerond": "GREEN",
}


def muted_style() -> str:
    return f"color: {theme.MUTED};"


def status_label(status: str) -> str:
    return labels.vocabulary_label(HANDOVER_STATUS, status)


def choice_text(code: str) -> str:
    return QCoreApplication.translate("DossierEditor", "Zet op '%1'").replace("%1", status_label(code))


class OneLineLabel(QLabel):
    """A label that asks for one line's width where the header has room and wraps on a narrow window
    (a long status, "Ontvangen door Werk en Inkomen", made the window at least 875 px wide)."""

    def __init__(self, parent: QWidget | None = None, padding: int = 0) -> None:
        super().__init__(parent)
        self.padding = padding
        self.setWordWrap(True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        bold = QFont(self.font())
        bold.setBold(True)
        plain = re.sub(r"<[^>]+>", "", self.text())
        one_line = QFontMetrics(bold).horizontalAdvance(plain) + 2 * self.padding + 4
        return QSize(one_line, self.heightForWidth(one_line))


class DossierHeader(QFrame):
    attention_seen = Signal()
    status_chosen = Signal(str)
    close_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kop")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#kop { background: palette(base); border-radius: 6px; }")
        # Three rows that wrap rather than widen the window (usable down to 900 px): the name with the
        # status and the buttons; the key facts with the save state; "vraagt aandacht" on its own row.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(4)
        self.name_label = OneLineLabel(self)
        self.name_label.setObjectName("naam")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label = OneLineLabel(self, CHIP_PADDING)
        self.status_label.setObjectName("overdrachtstatus")
        self.status_label.setAccessibleName(QCoreApplication.translate("DossierEditor", "Overdrachtstatus"))
        # A push button with a menu keeps room for its arrow (a tool button drew it over the text).
        self.status_button = QPushButton(QCoreApplication.translate("DossierEditor", "&Status wijzigen"), self)
        self.status_button.setAccessibleName(QCoreApplication.translate("DossierEditor", "Status wijzigen"))
        self.status_button.setAccessibleDescription(
            QCoreApplication.translate("DossierEditor", "Overdrachtstatus wijzigen")
        )
        self.status_menu = QMenu(self.status_button)
        self.status_button.setMenu(self.status_menu)
        self.close_button = QPushButton(QCoreApplication.translate("DossierEditor", "Sluiten"), self)
        self.close_button.setAccessibleName(QCoreApplication.translate("DossierEditor", "Sluiten"))
        self.close_button.setAccessibleDescription(QCoreApplication.translate("DossierEditor", "Dossier sluiten"))
        self.close_button.setToolTip(QCoreApplication.translate("DossierEditor", "Terug naar de lijst (Esc)"))
        self.close_button.clicked.connect(self.close_requested)
        top = QHBoxLayout()
        top.addWidget(self.name_label)
        top.addStretch(1)
        top.addWidget(self.status_label, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.status_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.sub_label = QLabel(self)
        self.sub_label.setObjectName("kenmerken")
        self.sub_label.setStyleSheet(muted_style())
        self.sub_label.setWordWrap(True)
        self.save_label = QLabel(self)
        self.save_label.setObjectName("opslaan_stand")
        self.save_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.save_label.setStyleSheet(muted_style())
        self.save_label.setWordWrap(True)
        facts = QHBoxLayout()
        facts.addWidget(self.sub_label, 3)
        facts.addWidget(self.save_label, 2)
        layout.addLayout(facts)
        self.attention_label = QLabel(self)
        self.attention_label.setObjectName("aandacht")
        self.attention_label.setStyleSheet(f"color: {theme.ATTENTION}; font-weight: 600;")
        self.attention_label.setWordWrap(True)
        self.attention_button = QPushButton(QCoreApplication.translate("DossierEditor", "Ge&zien"), self)
        self.attention_button.setAccessibleName(QCoreApplication.translate("DossierEditor", "Gezien"))
        self.attention_button.setAccessibleDescription(
            QCoreApplication.translate("DossierEditor", "Aandachtspunt gezien")
        )
        self.attention_button.clicked.connect(self.attention_seen)
        attention_row = QHBoxLayout()
        attention_row.addWidget(self.attention_label, 1)
        attention_row.addWidget(self.attention_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(attention_row)
        self.attention_label.hide()
        self.attention_button.hide()

    def show_youth(self, youth: DossierView) -> None:
        self.name_label.setText(full_name(youth.first_names, youth.infix, youth.last_name, youth.called_name))
        parts = []
        if youth.birth_date:
            parts.append(
                QCoreApplication.translate("DossierEditor", "geboren %1").replace(
                    "%1", youth.birth_date.strftime("%d-%m-%Y")
                )
            )
        if youth.school_class:
            parts.append(QCoreApplication.translate("DossierEditor", "klas %1").replace("%1", youth.school_class))
        if youth.leaving_date:
            parts.append(
                QCoreApplication.translate("DossierEditor", "vertrek %1").replace(
                    "%1", youth.leaving_date.strftime("%d-%m-%Y")
                )
            )
        if youth.mentor:
            parts.append(QCoreApplication.translate("DossierEditor", "mentor %1").replace("%1", youth.mentor))
        self.sub_label.setText(" · ".join(parts))
        attention = bool(youth.attention)
        self.attention_label.setText(
            QCoreApplication.translate("DossierEditor", "Vraagt aandacht: %1").replace(
                "%1", labels.stored_text(youth.attention)
            )
        )
        self.attention_label.setVisible(attention)
        self.attention_button.setVisible(attention)

    def show_status(self, status: str, choices: Sequence[str]) -> None:
        self.status_label.setText(
            QCoreApplication.translate("DossierEditor", "Overdrachtstatus: <b>%1</b>").replace(
                "%1", status_label(status)
            )
        )
        chip = STATUS_COLOURS.get(status, "NEUTRAL")
        bg, fg = getattr(theme, f"{chip}_BG"), getattr(theme, f"{chip}_FG")
        self.status_label.setStyleSheet(STATUS_CHIP.format(bg=bg, fg=fg))
        self.status_menu.clear()
        for code in choices:
            action = self.status_menu.addAction(choice_text(code))
            action.setData(code)
            action.triggered.connect(lambda _checked=False, code=code: self.status_chosen.emit(code))
        self.status_button.setEnabled(bool(choices))
        if not choices:
            self.status_button.setToolTip(
                QCoreApplication.translate(
                    "DossierEditor", "De status verandert nu alleen door het versturen of de ontvangst."
                )
            )

    # -- the save state -----------------------------------------------------------------------
    def show_save_note(self, text: str) -> None:
        """A neutral note ("Openen…", "Betrokkene verwijderd; …") in the save state's place."""
        self.save_label.setText(text)

    def show_save_state(self, saving: bool, drafts: int) -> None:
        self.save_label.setStyleSheet(muted_style())
        if saving:
            self.save_label.setText(QCoreApplication.translate("DossierEditor", "Opslaan…"))
        elif drafts:
            self.save_label.setText(
                QCoreApplication.translate(
                    "DossierEditor", "Opgeslagen; %n veld(en) nog niet geldig (bewaard als concepttekst)"
                ).replace("%n", str(drafts))
            )
        else:
            self.save_label.setText(QCoreApplication.translate("DossierEditor", "Alles opgeslagen"))

    def show_save_problem(self, message: str) -> None:
        self.save_label.setText(
            QCoreApplication.translate("DossierEditor", "Niet opgeslagen: %1").replace("%1", message)
        )
        self.save_label.setStyleSheet(theme.ERROR_TEXT_STYLE)


class SectionNav(QTreeWidget):
    """The sections as a list with their completeness; each entry carries its code (UserRole)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("onderdelen")
        self.setAccessibleName(QCoreApplication.translate("DossierEditor", "Onderdelen van het dossier"))
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setIndentation(0)
        self.setUniformRowHeights(True)
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        # Narrow enough for a 900 px window; wider by dragging the splitter beside it (titles elide meanwhile,
        # their full text in the tooltip and the accessible name).
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 22)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setStyleSheet("QTreeWidget::item { padding: 5px 4px; }")
        self.items: dict[str, QTreeWidgetItem] = {}

    def add_entry(self, code: str, title: str) -> None:
        item = QTreeWidgetItem([title, ""])
        item.setData(0, Qt.ItemDataRole.UserRole, code)
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setToolTip(0, QCoreApplication.translate("DossierEditor", "Alt+%1").replace("%1", code))
        self.addTopLevelItem(item)
        self.items[code] = item

    def fit(self) -> None:
        """As tall as its entries (at any scaling), so the hint below sits right under it."""
        rows = self.topLevelItemCount()
        self.setFixedHeight(self.sizeHintForRow(0) * rows + 2 * self.frameWidth() + 6)

    def show_completeness(self, sections: Sequence[SectionCompleteness]) -> None:
        for item in sections:
            nav = self.items[item.code]
            if item.total == 0:
                continue
            if item.complete:
                nav.setText(1, "✓")
                nav.setForeground(1, QColor(theme.DONE))
                tip = QCoreApplication.translate("DossierEditor", "Compleet")
            else:
                nav.setText(1, f"{item.filled}/{item.total}")
                nav.setForeground(1, QColor(theme.NOT_STARTED))
                tip = QCoreApplication.translate("DossierEditor", "Nog nodig: %1").replace(
                    "%1", ", ".join(item.missing)
                )
            nav.setToolTip(0, f"{tip} (Alt+{item.code})")
            nav.setToolTip(1, tip)
            nav.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, tip)

    def show_status(self, code: str, status: str) -> None:
        self.items[code].setToolTip(
            0,
            QCoreApplication.translate("DossierEditor", "Huidige status: %1 (Alt+K)").replace(
                "%1", status_label(status)
            ),
        )

    def show_checkins(self, code: str, late: int, next_due: dt.date | None) -> None:
        item = self.items[code]
        if late:
            item.setText(1, QCoreApplication.translate("DossierEditor", "%1 te laat").replace("%1", str(late)))
            item.setForeground(1, QColor(theme.ERROR))
            tip = QCoreApplication.translate("DossierEditor", "%1 contactmoment(en) te laat").replace("%1", str(late))
        else:
            item.setText(1, "")
            tip = (
                QCoreApplication.translate("DossierEditor", "Volgende contactmoment op %1").replace(
                    "%1", next_due.strftime("%d-%m-%Y")
                )
                if next_due
                else ""
            )
        item.setToolTip(1, tip)
        item.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, tip)


class StatusSection(QWidget):
    """Section K: the current status, when it changed, and a button per status the user may choose."""

    status_chosen = Signal(str)
    send_requested = Signal()  # "Versturen naar Werk en Inkomen": the main window shows what goes where

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.k_status = QLabel(self)
        self.k_status.setObjectName("k_status")
        layout.addWidget(self.k_status)
        # Sending to the gemeente: the send state of this dossier, and the deliberate first send.
        send_row = QHBoxLayout()
        self.send_state = QLabel(self)
        self.send_state.setObjectName("k_verzendstatus")
        self.send_state.setWordWrap(True)
        send_row.addWidget(self.send_state, 1)
        self.send_button = QPushButton(QCoreApplication.translate("DossierEditor", "Versturen naar Werk en Inkomen"))
        self.send_button.setObjectName("k_versturen")
        self.send_button.clicked.connect(self.send_requested)
        send_row.addWidget(self.send_button)
        layout.addLayout(send_row)
        note = QLabel(
            QCoreApplication.translate(
                "DossierEditor",
                "'Verstuurd' en 'Ontvangen door Werk en Inkomen' worden gezet bij het versturen naar de "
                "gemeente en door de ontvangstbevestiging, nooit met de hand.",
            ),
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.k_changed = QLabel(self)
        self.k_changed.setObjectName("k_gewijzigd")
        self.k_changed.setStyleSheet(muted_style())
        layout.addWidget(self.k_changed)
        self.k_buttons = QHBoxLayout()
        self.k_buttons.addStretch(1)
        layout.addLayout(self.k_buttons)
        self.status_message = QLabel(self)
        self.status_message.setStyleSheet(theme.ERROR_TEXT_STYLE)
        self.status_message.setWordWrap(True)
        self.status_message.hide()
        layout.addWidget(self.status_message)
        self._buttons: list[QPushButton] = []

    def buttons(self) -> list[QPushButton]:
        """One per status the user may choose now, in the order offered."""
        return list(self._buttons)

    def show_status(self, status: str, choices: Sequence[str], changed: dt.datetime | None) -> None:
        self.k_status.setText(
            QCoreApplication.translate("DossierEditor", "Huidige status: <b>%1</b>").replace("%1", status_label(status))
        )
        for button in self._buttons:
            button.deleteLater()
        self._buttons = []
        for code in choices:
            button = QPushButton(choice_text(code))
            button.clicked.connect(lambda _checked=False, code=code: self.status_chosen.emit(code))
            self.k_buttons.insertWidget(self.k_buttons.count() - 1, button)
            self._buttons.append(button)
        self.k_changed.setText(
            QCoreApplication.translate("DossierEditor", "Gewijzigd op %1").replace("%1", changed.strftime("%d-%m-%Y"))
            if changed
            else ""
        )

    def show_send_state(self, state: str) -> None:
        """The send state (wacht op toestemming · verstuurd op … · ontvangen op …); empty hides it."""
        self.send_state.setText(
            QCoreApplication.translate("DossierEditor", "Versturen naar Werk en Inkomen: %1").replace("%1", state)
            if state
            else ""
        )

    def show_problem(self, message: str) -> None:
        self.status_message.setText(message)
        self.status_message.setVisible(bool(message))
