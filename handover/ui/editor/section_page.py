"""One section of the dossier as a page: its heading above its content, scrolling as a whole."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget


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
