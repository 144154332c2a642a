"""One dossier as PDF bytes, and the batch print's work in a worker process.

Light on purpose: a print worker (``handover.ui.printing.pool``, started with "spawn") imports this
module and what a dossier's layout needs (ReportLab, :mod:`handover.reports.dossier`, the view
types), never the database layer, the services or Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Flowable

from handover.reports.dossier import DossierOptions, DossierStory, youth_name
from handover.reports.layout import GroupStart, PageDecor, build_pdf, load_logo
from handover.services.view_types import DossierView

SUBJECT = "Overstapdossier: van school naar werk"


def dossier_pdf(story: list[Flowable], name: str, decor: PageDecor, org_name: str) -> bytes:
    """A dossier's story as a PDF: its bookmark, title, author and subject."""
    flowables: list[Flowable] = [GroupStart(0, f"Overstapdossier {name}"), *story]
    return build_pdf(flowables, decor, title=f"Overstapdossier {name}", author=org_name or "Overstap", subject=SUBJECT)


def render(youth: DossierView, opts: DossierOptions, decor: PageDecor) -> bytes:
    """One dossier (``opts`` already limited to what the consent covers)."""
    return dossier_pdf(DossierStory(youth, opts).flowables(), youth_name(youth), decor, opts.org_name)


@dataclass(frozen=True)
class Decor:
    """The page decoration as plain data (the logo as its path: each worker reads it once)."""

    org_name: str
    printed_on: object
    logo_path: str
    audit_head: str


_decor_cache: dict[Decor, PageDecor] = {}


def page_decor(decor: Decor) -> PageDecor:
    found = _decor_cache.get(decor)
    if found is None:
        found = _decor_cache[decor] = PageDecor(
            org_name=decor.org_name,
            printed_on=decor.printed_on,  # type: ignore[arg-type]
            logo=load_logo(decor.logo_path),
            audit_head=decor.audit_head,
        )
    return found


def render_part(part: list[tuple[DossierView, DossierOptions]], decor: Decor) -> list[bytes]:
    """In a worker process: lay out a few dossiers."""
    page = page_decor(decor)
    return [render(youth, opts, page) for youth, opts in part]
