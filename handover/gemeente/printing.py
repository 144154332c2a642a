"""Printing a received dossier through the school's A4 layout, with "Ontvangen van … op …" on the cover.

Only what the consent covered is in the body, so only that is printed; every section outside it
reads "niet opgenomen, valt buiten de toestemming". Each print is in the audit log, in the same
transaction as writing the file (a failed write leaves no event).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from reportlab.platypus import Flowable, Paragraph
from sqlalchemy.orm import Session

from handover.domain.fields import SectionSpec
from handover.gemeente.agreements import effective_agreements, heads_by_dossier
from handover.gemeente.body import consent_date, covered_sections, dossier_of, dossier_view_of
from handover.gemeente.view import WITHDRAWN, NotReadable
from handover.paths import private_write
from handover.reports.dossier import DossierOptions, DossierStory, youth_name
from handover.reports.layout import fmt_date, text_markup
from handover.reports.render import dossier_pdf
from handover.reports.service import ReportService, dossier_file_name
from handover.services.context import AppContext
from handover.services.views import AgreementView, DossierView
from handover.store import audit
from handover.sync.models import ReceivedDossier


class ReceivedStory(DossierStory):
    """The school's dossier layout, with the receipt line on the cover and every section accounted for."""

    def __init__(self, youth: DossierView, opts: DossierOptions, *, school: str, received_on: dt.date) -> None:
        super().__init__(youth, opts)
        self.school = school
        self.received_on = received_on

    def _section_has_content(self, section: SectionSpec) -> bool:
        if section.code not in self.opts.allowed_sections:
            return True  # printed as "niet opgenomen": the reader sees what the consent left out
        return super()._section_has_content(section)

    def cover(self) -> list[Flowable]:
        story = super().cover()
        line = f"Ontvangen van {self.school} op {fmt_date(self.received_on)}"
        story.insert(3, Paragraph(f"<b>{text_markup(line)}</b>", self.st.body))
        return story


def _load(session: Session, sender_org: str, record_id: str) -> ReceivedDossier:
    row = session.get(ReceivedDossier, (sender_org, record_id))
    if row is None:
        raise NotReadable("Dit dossier is hier niet ontvangen.")
    if row.withdrawn_at is not None or row.body is None:
        raise NotReadable(WITHDRAWN)
    return row


def received_pdf(ctx: AppContext, sender_org: str, record_id: str) -> bytes:
    """The PDF in memory (for a preview); no audit event (the caller records print or export)."""
    service = ReportService(ctx)
    base, decor = service.base_options(audience="gemeente")
    with ctx.session() as session:
        row = _load(session, sender_org, record_id)
        body, school, received_at = row.body, row.school_name, row.received_at
        heads = heads_by_dossier(session, [record_id]).get((sender_org, record_id), {})
    dossier = dossier_of(body)
    view = dossier_view_of(dossier, received_at=received_at)
    agreements = tuple(
        AgreementView(a.agreement_id, a.action, a.organisation, a.person, a.deadline, a.status)
        for a in effective_agreements(dossier.get("agreements"), heads)
    )
    view = replace(view, agreements=agreements)
    consent_id = (body.get("consent") or {}).get("id") if isinstance(body, dict) else None
    consent = next((c for c in view.consents if c.id == consent_id), None)
    opts = replace(
        base,
        recipient=consent.recipient if consent is not None else (base.recipient or base.org_name),
        allowed_sections=covered_sections(body),
        consent_date=consent_date(body),
        include_health=bool(consent.includes_health) if consent is not None else False,
    )
    story = ReceivedStory(view, opts, school=school, received_on=received_at.date()).flowables()
    return dossier_pdf(story, youth_name(view), decor, opts.org_name)


def received_file_name(ctx: AppContext, sender_org: str, record_id: str) -> str:
    with ctx.session() as session:
        row = _load(session, sender_org, record_id)
        last = str(dossier_of(row.body).get("last_name") or "")
    return dossier_file_name(last_name=last, youth_id=record_id)


def print_received(
    ctx: AppContext, sender_org: str, record_id: str, path: Path, *, action: str = "print", output: str = "pdf-file"
) -> Path:
    """Write the received dossier as a PDF to ``path`` and record it in the audit log."""
    data = received_pdf(ctx, sender_org, record_id)
    with ctx.session() as session:
        audit.record(session, ctx.actor, action, "received_dossier", record_id, sender=sender_org, output=output)
        private_write(Path(path), data)
    return Path(path)
