"""The overstapdossier editor (sections A–K, lists, consent, status) and its contactmomenten.

The shell hosts :class:`DossierEditorPage`::

    page = DossierEditorPage(ctx, runner, parent)
    page.open_youth(youth_id)          # dossier_opened(str) follows
    page.dossier_saved.connect(...)    # after every saved change (youth id)
    page.closed.connect(...)           # the user closed the dossier
    edit_menu.addAction(page.undo_action); edit_menu.addAction(page.redo_action)
"""

from handover.ui.editor.qtfix import protect_none_refcount, protect_singletons

# The editor makes thousands of Qt calls per session; without this guard PySide6 6.12 on Python 3.11
# aborts the process after about a hundred opened dossiers (see qtfix.py). The shell should call it at
# start-up too; calling it twice is harmless.
protect_singletons()

from handover.ui.editor.page import DossierEditorPage  # noqa: E402

__all__ = ["DossierEditorPage", "protect_none_refcount", "protect_singletons"]
