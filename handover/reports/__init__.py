"""Printed output: the overstapdossier as a PDF, the printable lists and batch printing (ReportLab, no Qt).

``dossier`` (with ``signatures``) lays out one dossier view as A4 pages, ``lists`` the printable lists,
``layout`` and ``fonts`` hold the shared page furniture; ``service`` reads the database as frozen dossier
views, applies the school's settings and the consent rules, prints batches and writes the audit events.
"""

from typing import Any

__all__ = ["LIST_KINDS", "BatchCancelled", "BatchResult", "NoValidConsent", "ReportService", "dossier_file_name"]


def __getattr__(name: str) -> Any:
    """Import ReportLab only when a report is made: ``handover`` registers the print command at every
    start, and the GUI's cold start should not pay for ReportLab."""
    if name in __all__:
        from handover.reports import service

        return getattr(service, name)
    raise AttributeError(name)
