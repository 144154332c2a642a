"""Printed output: the overstapdossier as a PDF, the printable lists and batch printing (ReportLab, no Qt).

``render`` turns plain objects into PDF bytes; ``service`` reads the database, applies the school's
settings and the consent rules, and writes the audit events; ``batch`` prints many dossiers at once.
"""

from handover.reports.service import (
    LIST_KINDS,
    BatchCancelled,
    BatchResult,
    NoValidConsent,
    ReportService,
    dossier_file_name,
)

__all__ = ["LIST_KINDS", "BatchCancelled", "BatchResult", "NoValidConsent", "ReportService", "dossier_file_name"]
