"""The audit log's head, anchored outside the database: printed on every dossier and carried in signed messages."""

from __future__ import annotations

import io
import json
import re

from pypdf import PdfReader

from handover.reports.service import ReportService
from handover.services.context import AppContext
from handover.services.dossiers import DossierService
from handover.store import audit
from handover.sync.messages import AuditHead, StatusBody, decode_body, encode_body
from tests.conftest import youth_values


def _text(data: bytes) -> str:
    return " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def test_every_page_of_a_printed_dossier_shows_the_audit_head(ctx: AppContext) -> None:
    youth_id = DossierService(ctx).create_youth(youth_values())
    with ctx.session() as session:
        seq, digest = audit.head(session)
    assert seq > 0
    data = ReportService(ctx).dossier_pdf(youth_id)
    pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]
    assert pages and all(f"auditlog nr. {seq} · {digest[:16]}" in page for page in pages)


def test_the_printed_head_moves_on_with_the_log(ctx: AppContext) -> None:
    dossiers = DossierService(ctx)
    youth_id = dossiers.create_youth(youth_values())
    first = re.search(r"auditlog nr\. (\d+)", _text(ReportService(ctx).dossier_pdf(youth_id)))
    dossiers.create_youth(youth_values(first_names="Anna"))
    second = re.search(r"auditlog nr\. (\d+)", _text(ReportService(ctx).dossier_pdf(youth_id)))
    assert first and second and int(second.group(1)) > int(first.group(1))


def test_message_bodies_carry_the_head_and_older_ones_without_it_are_accepted() -> None:
    old = {"type": "statusbericht", "dossier_id": "d1", "status": "route", "version": 1}
    body = decode_body(json.dumps(old).encode())
    assert isinstance(body, StatusBody) and body.audit_head is None
    assert b"audit_head" not in encode_body(body)  # the bytes older versions wrote
    anchored = body.model_copy(update={"audit_head": AuditHead(seq=7, hash="ab" * 32)})
    again = decode_body(encode_body(anchored))
    assert again.audit_head == AuditHead(seq=7, hash="ab" * 32)
