"""'Mijn overstap' (one A4 page for the young person) and the Doorstroompunt handover page: their text,
one page each, the consent check, and the audit event of a print. Injected clock (FIXED_TODAY)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from handover.reports.doorstroompunt import doorstroompunt_pdf, save_doorstroompunt
from handover.reports.mijn_overstap import MAX_AGREEMENTS, mijn_overstap_pdf, save_mijn_overstap
from handover.services.checkins import CheckInService
from handover.services.closing import ClosingRefused
from handover.services.consent import ConsentService
from handover.services.dossiers import DossierService
from handover.store.models import AuditEvent
from tests.conftest import youth_values


def _text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.fixture
def youth_id(ctx) -> str:  # type: ignore[no-untyped-def]
    dossiers = DossierService(ctx)
    youth_id = dossiers.create_youth(youth_values(municipality="Utrecht"))  # left 10-07-2026
    dossiers.add_item(
        youth_id,
        "contacts",
        {
            "role": "mentor",
            "name": "Marieke de Jong",
            "organisation": "Praktijkschool De Brug",
            "phone": "030-1234567",
            "email": "m.dejong@debrug.nl",
            "is_fixed_contact": True,
        },
    )
    dossiers.add_item(
        youth_id,
        "agreements",
        {"action": "Inschrijven bij het uitzendbureau", "organisation": "jongere", "deadline": dt.date(2026, 12, 15)},
    )
    dossiers.add_item(
        youth_id,
        "agreements",
        {
            "action": "Intake plannen",
            "organisation": "werk_en_inkomen",
            "person": "Anouk Visser",
            "deadline": dt.date(2027, 1, 10),
        },
    )
    return youth_id


def test_mijn_overstap_names_the_contact_person_the_agreements_and_the_next_checkins(ctx, youth_id) -> None:  # type: ignore[no-untyped-def]
    pages, text = _text(mijn_overstap_pdf(ctx, youth_id))
    assert pages == 1
    assert "Mijn overstap" in text and "Voor Ĳsbrand." in text
    assert "Marieke de Jong" in text and "030 123 4567" in text and "m.dejong@debrug.nl" in text
    assert "Inschrijven bij het uitzendbureau" in text and "Jij" in text and "15-12-2026" in text
    assert "Intake plannen" in text and "Werk en Inkomen (Anouk Visser)" in text and "10-01-2027" in text
    # The next check-ins (from 29-11-2026): T+6 on 10-01-2027, T+12 and T+18.
    assert "zondag 10 januari 2027" in text and "zaterdag 10 juli 2027" in text
    assert "Gaat het niet goed?" in text and "Werk en Inkomen van de gemeente Utrecht" in text and "112" in text
    assert "999999990" not in text  # never the BSN on the young person's page


def test_mijn_overstap_stays_one_page_with_many_agreements(ctx, youth_id) -> None:  # type: ignore[no-untyped-def]
    dossiers = DossierService(ctx)
    for i in range(12):
        dossiers.add_item(
            youth_id,
            "agreements",
            {
                "action": f"Afspraak nummer {i} met een wat langere omschrijving van wat er moet gebeuren",
                "organisation": "school",
                "deadline": dt.date(2027, 2, 1 + i),
            },
        )
    pages, text = _text(mijn_overstap_pdf(ctx, youth_id))
    assert pages == 1
    listed = text.count("Afspraak nummer")
    assert 3 <= listed <= MAX_AGREEMENTS - 2  # the two short ones come first (nearest deadline)
    assert f"En nog {14 - listed - 2} afspraken." in text


def test_printing_mijn_overstap_writes_the_file_and_one_audit_event(ctx, youth_id, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = save_mijn_overstap(ctx, youth_id, tmp_path / "mijn-overstap.pdf")
    assert target.read_bytes().startswith(b"%PDF")
    with ctx.session() as session:
        [event] = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "print", AuditEvent.entity_id == youth_id)
        ).all()
    assert event.detail["kind"] == "mijn_overstap" and "Özdemir" not in str(event.detail)


def test_doorstroompunt_page_is_refused_without_consent(ctx, youth_id, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ctx.clock = lambda: dt.date(2028, 7, 20)  # past T+24 (10-07-2028)
    plan = {c.plan_months: c.id for c in DossierService(ctx).get(youth_id).checkins}
    CheckInService(ctx).record(
        youth_id,
        {"held_on": "15-07-2028", "channel": "telefoon", "reached": True, "situation": "geen",
         "situation_reason": "motivatie"},
        checkin_id=plan[24],
    )  # fmt: skip
    with pytest.raises(ClosingRefused) as info:
        save_doorstroompunt(ctx, youth_id, tmp_path / "doorstroompunt.pdf")
    assert "geen geldige toestemming" in str(info.value) and "Doorstroompunt" in str(info.value)
    assert not (tmp_path / "doorstroompunt.pdf").exists()

    ConsentService(ctx).record(
        youth_id,
        {
            "given_by": "jongere",
            "given_by_name": "Ĳsbrand",
            "recipient": "Doorstroompunt regio Utrecht",
            "purpose": "overstap",
            "given_on": "16-07-2028",
            "form": "papier",
        },
        sections=["C", "I"],
    )
    pages, text = _text(doorstroompunt_pdf(ctx, youth_id))
    assert pages == 1
    assert "Overdracht aan het Doorstroompunt" in text and "Ĳsbrand van der Özdemir" in text
    assert "Nog geen werk, school of dagbesteding" in text and "Motivatie" in text
    assert "Intake plannen" in text  # section I: covered
    assert "030 123 4567" in text  # the school's contact person
    assert "Doorstroompunt regio Utrecht" in text and "999999990" not in text
