"""The dialog before a deliberate send: which sections go to which gemeente, per the consent.

Nothing leaves before the mentor clicks "Versturen". A dossier that cannot go says why (wacht op
toestemming, wacht op keuze ontvanger, verhuisd, nog in concept) and is not sent.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from handover.sync.sending import SendPreview
from handover.ui import theme


class SendDialog(QDialog):
    """Shows the previews; ``chosen_ids()`` are the dossiers that go when accepted."""

    def __init__(self, previews: Sequence[SendPreview], *, auto_updates: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("send_dialog")
        self.setWindowTitle(self.tr("Versturen naar Werk en Inkomen"))
        self._previews = list(previews)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("Dit gaat versleuteld naar Werk en Inkomen, volgens de toestemming van de jongere:"), self
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.sections = QListWidget(self)
        self.sections.setObjectName("send_sections")
        self.sections.setAccessibleName(self.tr("Onderdelen per gemeente"))
        for preview in self._previews:
            self._add(preview)
        layout.addWidget(self.sections)
        follow = (
            self.tr("Latere wijzigingen binnen de toestemming gaan daarna automatisch mee.")
            if auto_updates
            else self.tr("Latere wijzigingen gaan pas mee als u opnieuw verstuurt.")
        )
        note = QLabel(follow, self)
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {theme.MUTED};")
        layout.addWidget(note)
        buttons = QDialogButtonBox(self)
        self.send_button = buttons.addButton(self.tr("Versturen"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.send_button.setObjectName("send_confirm")
        self.send_button.setEnabled(bool(self.chosen_ids()))
        cancel = buttons.addButton(self.tr("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setDefault(True)  # Enter never sends by accident
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 360)

    def _add(self, preview: SendPreview) -> None:
        if preview.problem is not None:
            head = self.tr("%1: kan niet worden verstuurd (%2)").replace("%1", preview.name)
            item = QListWidgetItem(head.replace("%2", preview.problem))
            item.setForeground(theme.brush(theme.ERROR))
            self.sections.addItem(item)
            return
        head = self.tr("%1 → %2").replace("%1", preview.name).replace("%2", preview.gemeente or "")
        item = QListWidgetItem(head)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        self.sections.addItem(item)
        for line in preview.section_lines:
            self.sections.addItem(QListWidgetItem("    " + line))
        if preview.includes_health:
            self.sections.addItem(QListWidgetItem("    " + self.tr("met gezondheidsgegevens (aparte toestemming)")))

    def lines(self) -> list[str]:
        """The text as shown, one list row each (for tests and screen readers)."""
        return [self.sections.item(i).text() for i in range(self.sections.count())]

    def chosen_ids(self) -> list[str]:
        return [p.youth_id for p in self._previews if p.problem is None]
