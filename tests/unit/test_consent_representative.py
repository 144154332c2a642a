"""Consent by a wettelijk vertegenwoordiger from 16: valid with the reason (curatele, mentorschap), refused without."""

from __future__ import annotations

import pytest

from handover.domain.validation import ValidationFailed
from handover.services.consent import ConsentService, may_send
from handover.services.context import AppContext
from handover.services.dossiers import DossierService
from tests.conftest import FIXED_TODAY, youth_values

RECIPIENT = "Werk en Inkomen gemeente Utrecht"


def _values(**overrides: object) -> dict[str, object]:
    values: dict[str, object] = {
        "given_by": "vertegenwoordiger",
        "given_by_name": "Mr. A. de Wit (curator)",
        "recipient": RECIPIENT,
        "purpose": "overstap",
        "given_on": "01-10-2025",  # the young person (born 14-03-2008) is 17
        "form": "papier",
    }
    values.update(overrides)
    return values


def test_representative_at_17_with_a_reason_is_valid_and_recorded(ctx: AppContext) -> None:
    service = DossierService(ctx)
    youth_id = service.create_youth(youth_values())
    reason = "Onder curatele sinds 01-03-2025 (uitspraak rechtbank Utrecht)"
    ConsentService(ctx).record(youth_id, _values(representative_reason=reason), sections=["C", "I"])
    youth = service.get(youth_id)
    (consent,) = youth.consents
    assert consent.age_at_consent == 17
    assert consent.given_by == "vertegenwoordiger"
    assert consent.representative_reason == reason
    assert may_send(youth, RECIPIENT, FIXED_TODAY)


def test_representative_at_17_without_a_reason_is_refused_in_dutch(ctx: AppContext) -> None:
    service = DossierService(ctx)
    youth_id = service.create_youth(youth_values())
    for missing in ({}, {"representative_reason": "   "}):
        with pytest.raises(ValidationFailed) as info:
            ConsentService(ctx).record(youth_id, _values(**missing), sections=["C"])
        message = info.value.errors[0].message
        assert "curatele of mentorschap" in message and "reden" in message
    assert service.get(youth_id).consents == ()


def test_a_parent_at_17_stays_refused_even_with_a_reason(ctx: AppContext) -> None:
    youth_id = DossierService(ctx).create_youth(youth_values())
    with pytest.raises(ValidationFailed) as info:
        ConsentService(ctx).record(
            youth_id, _values(given_by="ouder", representative_reason="Ze vindt het lastig"), sections=["C"]
        )
    assert "16 jaar" in info.value.errors[0].message


def test_the_pdf_shows_who_consented_and_why(ctx: AppContext) -> None:
    import io

    from pypdf import PdfReader

    from handover.reports import ReportService

    youth_id = DossierService(ctx).create_youth(youth_values())
    ConsentService(ctx).record(youth_id, _values(representative_reason="Mentorschap sinds 2025"), sections=["C"])
    pdf = PdfReader(io.BytesIO(ReportService(ctx).dossier_pdf(youth_id)))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)
    assert "(wettelijk vertegenwoordiger, 17 jaar); reden: Mentorschap sinds 2025" in text
