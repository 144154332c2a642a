"""The editor's body: the section list beside the sections (:class:`SectionSplitter`), and each section
as a page with its heading above its content, scrolling as a whole (:func:`section_page`)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSplitter, QVBoxLayout, QWidget

from handover.ui import theme

NAV_CHARS = 44  # the section list's width, in average characters, where the window has room
NAV_SHARE = 0.3  # and its share of a narrow window, until the user drags the splitter


def section_page(title: str, content: QWidget, parent: QWidget | None = None) -> QScrollArea:
    """``content`` under a bold heading, in a scroll area that is no Tab stop of its own (the fields
    inside are: an invisible, unnamed stop per section only cost keyboard users a key press)."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(8, 4, 16, 16)
    layout.setSpacing(12)
    heading = QLabel(title, page)
    heading.setWordWrap(True)
    font = QFont(content.font())
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    heading.setFont(font)
    layout.addWidget(heading)
    layout.addWidget(content)
    layout.addStretch(1)
    scroll = QScrollArea(parent)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(page)
    return scroll


class SectionSplitter(QSplitter):
    """The section list (with the Alt-key hint under it) beside the sections. It takes 44 characters,
    or less on a narrow window, until the user drags the handle; then it keeps the user's width."""

    def __init__(self, nav: QWidget, stack: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setChildrenCollapsible(False)
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 6, 0)
        column.setSpacing(4)
        column.addWidget(nav)
        self.hint = QLabel(
            QCoreApplication.translate(
                "DossierEditor", "Sneltoets: Alt + letter van het onderdeel; Alt+M voor contactmomenten."
            ),
            box,
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {theme.MUTED};")
        column.addWidget(self.hint)
        column.addStretch(1)
        self.addWidget(box)
        self.addWidget(stack)
        self.setStretchFactor(1, 1)
        self.dragged = False
        self.splitterMoved.connect(self._dragged)

    def _dragged(self, *_args: object) -> None:
        self.dragged = True

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if not self.dragged:
            nav = min(self.fontMetrics().averageCharWidth() * NAV_CHARS, round(event.size().width() * NAV_SHARE))
            self.setSizes([nav, max(event.size().width() - nav - self.handleWidth(), 1)])
