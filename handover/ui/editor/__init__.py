"""The overstapdossier editor (sections A–K, lists, consent, status) and its contactmomenten.

The shell hosts :class:`DossierEditorPage`::

    page = DossierEditorPage(ctx, runner, parent)
    page.open_youth(youth_id)          # dossier_opened(str) follows
    page.dossier_saved.connect(...)    # after every saved change (youth id)
    page.closed.connect(...)           # the user closed the dossier
    edit_menu.addAction(page.undo_action); edit_menu.addAction(page.redo_action)

Where things are: ``session.py`` (:class:`EditSession`: saved values, drafts, autosave, the undo
stack and every write), ``page.py`` (the widgets, listening to the session), ``header.py`` (header,
section navigation, section K), ``commands.py`` (undo steps), ``fields.py``/``lists.py``/``consent.py``
(the controls of fields, lists and section J), ``rows.py`` (a small read-only table model).
"""

from handover.ui.editor.page import CHECKINS_KEY, DossierEditorPage
from handover.ui.editor.session import EditSession

__all__ = ["CHECKINS_KEY", "DossierEditorPage", "EditSession"]
