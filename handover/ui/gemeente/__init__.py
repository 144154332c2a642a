"""Werk en Inkomen's window (gemeente role): Vandaag, Jongeren (ontvangen), the received dossier and Regio.

:mod:`handover.ui.app` picks :class:`~handover.ui.gemeente.window.GemeenteWindow` when the data folder
belongs to a gemeente; the data comes from :mod:`handover.gemeente` (no Qt) through the TaskRunner.
"""
