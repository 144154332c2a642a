"""Where an export goes: the save dialog of the result pages (Dutch title, the file type's suffix added
when the user leaves it off), starting in the user's Documenten folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget


def documents_dir() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def ask_save_path(parent: QWidget, title: str, name: str, file_filter: str, suffix: str) -> Path | None:
    """The path the user chose (with ``suffix``), or None when they cancelled."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(documents_dir() / name), file_filter)
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)
