"""The ``handover`` command (console script ``handover = "handover.cli:main"``, and ``python -m handover``).

    common.py   exit codes, usage errors, the data folder and passphrase every command group shares
    entry.py    the parser over all command groups and ``run``, which maps every error to an exit code
    core.py     gui (the default), init, demo, list, export, import, audit, recover
    reports.py  print: dossiers and lists as PDF
    sync.py     enroll, sync, inbox, receive, status, berichten, quarantaine, export-key

The CLI is a client of services, sync and reports, like the GUI; nothing below imports it back.
"""

from handover.cli.entry import build_parser, main, run

__all__ = ["build_parser", "main", "run"]
