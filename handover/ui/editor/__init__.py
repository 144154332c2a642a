"""The overstapdossier editor (sections A–K, lists, consent, status) and its contactmomenten.

The shell hosts :class:`DossierEditorPage`::

    page = DossierEditorPage(ctx, runner, parent)
    page.open_youth(youth_id)          # dossier_opened(str) follows
    page.dossier_saved.connect(...)    # after every saved change (youth id)
    page.closed.connect(...)           # the user closed the dossier
    edit_menu.addAction(page.undo_action); edit_menu.addAction(page.redo_action)
"""

from handover.ui.editor.page import DossierEditorPage

__all__ = ["DossierEditorPage"]
