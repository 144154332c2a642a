"""The main window's menu bar: Bestand, Bewerken, Beeld, Help, each action with its shortcut."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence

from handover.ui.dialogs import show_about

PAGE_DOSSIER = 3  # the main window's fourth page (main_window.PAGE_DOSSIER)


def build_menus(window: Any) -> None:
    """Create the menus and the main window's actions (``window.new_action``, ``window.print_action``, …)."""
    bar = window.menuBar()
    file_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Bestand"))
    window.new_action = window.make_action(
        QCoreApplication.translate("MainWindow", "&Nieuwe jongere…"),
        window.new_youth,
        QKeySequence.StandardKey.New,
        "newYouth",
    )
    window.print_action = window.make_action(
        QCoreApplication.translate("MainWindow", "Dossier &afdrukken…"), window.print_dossier, "Ctrl+P", "print"
    )
    window.pdf_action = window.make_action(
        QCoreApplication.translate("MainWindow", "Dossier opslaan als &PDF…"),
        window.save_dossier_pdf,
        "Ctrl+Shift+S",
        "savePdf",
    )
    window.batch_action = window.make_action(
        QCoreApplication.translate("MainWindow", "&Lijst afdrukken…"), window.print_list, "Ctrl+Shift+P", "printList"
    )
    window.sync_action = window.make_action(
        QCoreApplication.translate("MainWindow", "Nu &versturen naar de gemeente"),
        window.sync_now,
        "Ctrl+Shift+V",
        "syncNow",
    )
    window.sync_action.setEnabled(False)
    window.settings_action = window.make_action(
        QCoreApplication.translate("MainWindow", "&Instellingen…"), window.show_settings, "Ctrl+,", "settings"
    )
    window.quit_action = window.make_action(
        QCoreApplication.translate("MainWindow", "&Afsluiten"), window.close, "Ctrl+Q", "quit"
    )
    for action in (
        window.new_action,
        None,
        window.print_action,
        window.pdf_action,
        window.batch_action,
        None,
        window.sync_action,
        window.settings_action,
        None,
        window.quit_action,
    ):
        file_menu.addAction(action) if action is not None else file_menu.addSeparator()

    window.edit_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "Be&werken"))
    window.find_action = window.make_action(
        QCoreApplication.translate("MainWindow", "&Zoeken"), window.focus_find, QKeySequence.StandardKey.Find, "find"
    )
    window.edit_menu.addAction(window.find_action)

    view_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "Beel&d"))
    for index, (text, key) in enumerate(
        (
            (QCoreApplication.translate("MainWindow", "&Vandaag"), "Ctrl+1"),
            (QCoreApplication.translate("MainWindow", "&Jongeren"), "Ctrl+2"),
            (QCoreApplication.translate("MainWindow", "&Afspraken"), "Ctrl+3"),
            (QCoreApplication.translate("MainWindow", "&Overstapdossier"), "Ctrl+4"),
            (QCoreApplication.translate("MainWindow", "&Resultaten"), "Ctrl+5"),
        )
    ):
        action = window.make_action(text, lambda _c=False, i=index: window.show_page(i), key)
        view_menu.addAction(action)
        if index == PAGE_DOSSIER:
            window.dossier_action = action
    view_menu.addSeparator()
    window.refresh_action = window.make_action(
        QCoreApplication.translate("MainWindow", "&Vernieuwen"),
        window.reload,
        QKeySequence.StandardKey.Refresh,
        "refresh",
    )
    view_menu.addAction(window.refresh_action)

    help_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Help"))
    help_menu.addAction(
        window.make_action(
            QCoreApplication.translate("MainWindow", "&Over deze installatie"),
            lambda: show_about(window, window.data_dir, window.own_fingerprint()),
            QKeySequence.StandardKey.HelpContents,
            "about",
        )
    )
