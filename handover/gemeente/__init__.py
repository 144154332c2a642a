"""Werk en Inkomen's workspace: the received dossiers read, listed, printed and worked (gemeente role).

It reads the tables the sync engine fills (:mod:`handover.sync.models`) and draws through
:mod:`handover.reports`, so it sits above both; the GUI and the command line call it.
"""
