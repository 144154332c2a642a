"""The printed overstapdossier: read back with pypdf like a reader would, page by page."""

from __future__ import annotations

import datetime as dt
import io
import re
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from handover.reports import BatchCancelled, NoValidConsent, ReportService, dossier_file_name
from handover.services.consent import ConsentService
from handover.services.context import AppContext
from handover.services.dossiers import DossierService, NotFound
from handover.services.settings import set_setting
from handover.store.models import AuditEvent
from tests.conftest import youth_values

BSN = "999999990"
LONG_NOTE = " ".join(f"woord{i:05d}" for i in range(1, 1819))  # 1818 unique words, 19,997 characters
SECTION_HEADINGS = {
    "A": "Persoonsgegevens",
    "B": "Betrokkenen",
    "C": "Schoolloopbaan",
    "D": "Diploma's en certificaten",
    "E": "Werk- en stage-ervaring",
    "F": "Talenten en ondersteuning",
    "G": "Regelingen en indicaties",
    "H": "Bestemming",
    "I": "Afspraken: wie doet wat, tot wanneer",
    "J": "Toestemming",
    "K": "Overdrachtstatus",
}


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    """Extracted text with line breaks and runs of spaces folded: wrapped cells read as one line."""
    return re.sub(r"\s+", " ", text)


def full_youth(
    ctx: AppContext,
    *,
    note: str = "Gaat na de zomer naar de leerwerkplek. Let op: <geen> & 'meer'.",
    sections: tuple[str, ...] = ("B", "C", "D", "E", "F", "G", "H", "I"),
) -> str:
    """One young person with every section A–K filled, through the services like the GUI does."""
    dossiers = DossierService(ctx)
    youth_id = dossiers.create_youth(
        youth_values(
            strengths="Werkt nauwkeurig, helpt anderen.",
            interests="Groen en techniek",
            what_works="Voordoen.",
            planned_situation="werk_lks",
            notes=note,
            meeting_date=dt.date(2026, 4, 10),
            school_class="6B",
            postcode="3511 AB",
            address="Lindenlaan 3",
        )
    )
    dossiers.add_item(
        youth_id,
        "contacts",
        {
            "role": "mentor",
            "name": "Marieke de Jong",
            "organisation": "Praktijkschool De Brug",
            "is_fixed_contact": True,
        },
    )
    dossiers.add_item(youth_id, "contacts", {"role": "ouder", "name": "Ayşe Çelik", "phone": "0612345678"})
    dossiers.add_item(
        youth_id,
        "contacts",
        {"role": "klantmanager", "name": "Nguyễn Văn An", "organisation": "Werk en Inkomen gemeente Utrecht"},
    )
    dossiers.add_item(
        youth_id,
        "certificates",
        {
            "kind": "branchecertificaat",
            "name": "Heftruckcertificaat",
            "issued_by": "Vakcentrum",
            "issued_on": dt.date(2026, 3, 1),
        },
    )
    dossiers.add_item(
        youth_id,
        "experiences",
        {
            "kind": "stage",
            "employer": "Groenbedrijf De Linde",
            "tasks": "Snoeien & maaien <buiten>",
            "hours_per_week": 16,
        },
    )
    dossiers.add_item(youth_id, "support_needs", {"area": "reizen", "description": "Oefent de busroute."})
    dossiers.add_item(youth_id, "schemes", {"scheme": "banenafspraak", "status": "aangevraagd"})
    dossiers.add_item(
        youth_id,
        "agreements",
        {
            "action": "Intakegesprek plannen",
            "organisation": "werk_en_inkomen",
            "person": "Nguyễn Văn An",
            "deadline": dt.date(2026, 9, 1),
            "status": "open",
        },
    )
    dossiers.add_item(
        youth_id,
        "agreements",
        {
            "action": "Bankrekening regelen",
            "organisation": "jongere",
            "deadline": dt.date(2027, 1, 15),
            "status": "open",
        },
    )
    ConsentService(ctx).record(
        youth_id,
        {
            "given_by": "jongere",
            "given_by_name": "Ĳsbrand Özdemir",
            "recipient": "Werk en Inkomen gemeente Utrecht",
            "purpose": "overstap",
            "given_on": dt.date(2026, 2, 1),
            "form": "papier",
        },
        sections,
    )
    ConsentService(ctx).record_inspection(youth_id, dt.date(2026, 2, 15), True)
    return youth_id


@pytest.fixture
def youth_id(ctx: AppContext) -> str:
    return full_youth(ctx)


def test_every_filled_section_heading_name_and_signatures_are_printed(ctx: AppContext, youth_id: str) -> None:
    pages = pdf_pages(ReportService(ctx).dossier_pdf(youth_id))
    text = flat(" ".join(pages))
    for code, heading in SECTION_HEADINGS.items():
        assert heading in text, f"section {code} missing"
    assert "Ĳsbrand van der Özdemir" in text
    assert "Ayşe Çelik" in text and "Nguyễn Văn An" in text
    assert "Marieke de Jong" in text and "vaste contactpersoon" in text  # cover block and contacts table
    assert "Ondertekening" in text
    for signer in ("Jongere", "Ouder / wettelijk vertegenwoordiger", "Mentor school", "Klantmanager Werk en Inkomen"):
        assert signer in text
    assert text.count("Handtekening") == 4


def test_bsn_is_masked_unless_the_school_asks_for_it(ctx: AppContext, youth_id: str) -> None:
    text = flat(" ".join(pdf_pages(ReportService(ctx).dossier_pdf(youth_id))))
    assert BSN not in text
    assert "******990" in text
    with ctx.session() as session:
        set_setting(session, "print_full_bsn", True)
    assert BSN in flat(" ".join(pdf_pages(ReportService(ctx).dossier_pdf(youth_id))))


def test_page_numbers_count_every_page_and_print_date_is_shown(ctx: AppContext, youth_id: str) -> None:
    data = ReportService(ctx).dossier_pdf(youth_id)
    pages = pdf_pages(data)
    total = len(PdfReader(io.BytesIO(data)).pages)
    assert total >= 2
    for number, page in enumerate(pages, start=1):
        assert f"Vertrouwelijk — pagina {number} van {total}" in page
        assert "Afgedrukt op 29-11-2026" in page
        assert "Praktijkschool De Brug" in page  # header


def test_metadata_names_the_school_as_author(ctx: AppContext, youth_id: str) -> None:
    meta = PdfReader(io.BytesIO(ReportService(ctx).dossier_pdf(youth_id))).metadata
    assert meta is not None
    assert meta.author == "Praktijkschool De Brug"
    assert meta.title == "Overstapdossier Ĳsbrand van der Özdemir"
    assert "Overstapdossier" in (meta.subject or "")


def test_long_note_wraps_across_pages_without_losing_a_word(ctx: AppContext) -> None:
    assert len(LONG_NOTE) > 19_900
    youth_id = full_youth(ctx, note=LONG_NOTE)
    data = ReportService(ctx).dossier_pdf(youth_id)
    pages = pdf_pages(data)
    words = re.findall(r"woord\d{5}", " ".join(pages))
    assert words == LONG_NOTE.split()  # all of them, once, in order
    holding = [i for i, page in enumerate(pages) if "woord" in page]
    assert len(holding) >= 3  # it really spans pages


def test_xml_special_characters_print_literally(ctx: AppContext, youth_id: str) -> None:
    text = flat(" ".join(pdf_pages(ReportService(ctx).dossier_pdf(youth_id))))
    assert "Let op: <geen> & 'meer'." in text
    assert "Snoeien & maaien <buiten>" in text


def test_agreements_table_shows_rows_and_derived_overdue_state(ctx: AppContext, youth_id: str) -> None:
    text = flat(" ".join(pdf_pages(ReportService(ctx).dossier_pdf(youth_id))))
    assert "Datum driegesprek: 10-04-2026" in text
    # Deadline 01-09-2026 has passed on 29-11-2026: derived "Verlopen"; the January one is still open.
    assert re.search(r"Intakegesprek plannen Werk en Inkomen: Nguyễn Văn An 01-09-2026 Verlopen", text)
    assert re.search(r"Bankrekening regelen Jongere 15-01-2027 Open", text)


def test_consent_section_says_who_what_when(ctx: AppContext, youth_id: str) -> None:
    text = flat(" ".join(pdf_pages(ReportService(ctx).dossier_pdf(youth_id))))
    assert "Ĳsbrand Özdemir (jongere" in text
    assert "Werk en Inkomen gemeente Utrecht" in text
    assert "01-02-2026, op papier" in text
    assert "Gezien op 15-02-2026: eens met de inhoud." in text


def test_the_version_is_a_date_a_reader_understands(ctx: AppContext, youth_id: str) -> None:
    text = flat(" ".join(pdf_pages(ReportService(ctx).dossier_pdf(youth_id))))
    changed = DossierService(ctx).get(youth_id).updated_at
    assert f"Versie van {changed:%d-%m-%Y}" in text
    assert "Dossierversie" not in text


def test_print_for_the_recipient_leaves_out_what_consent_does_not_cover(ctx: AppContext) -> None:
    youth_id = full_youth(ctx, sections=("B", "C", "I"))
    ConsentService(ctx).record(
        youth_id,
        {
            "given_by": "jongere",
            "given_by_name": "Ĳsbrand Özdemir",
            "recipient": "Jobcoachbureau Midden",
            "purpose": "overstap",
            "given_on": dt.date(2026, 3, 1),
            "form": "digitaal",
        },
        ["B", "C", "D", "E"],
    )
    data = ReportService(ctx).dossier_pdf(youth_id, audience="gemeente")
    text = flat(" ".join(pdf_pages(data)))
    assert "Afschrift voor Werk en Inkomen gemeente Utrecht" in text
    assert "E. Werk- en stage-ervaring: niet opgenomen, valt buiten de toestemming." in text
    assert "Groenbedrijf De Linde" not in text  # section E content
    assert "Heftruckcertificaat" not in text  # section D content
    assert "Werkt nauwkeurig" not in text  # section F content
    assert "Intakegesprek plannen" in text  # section I is covered
    assert "Persoonsgegevens" in text and "Overdrachtstatus" in text  # A and K always travel
    assert "Contactmomenten" not in text  # check-in history stays at school
    assert "Jobcoachbureau Midden" not in text  # nor does a consent given to someone else
    school_text = flat(" ".join(pdf_pages(ReportService(ctx).dossier_pdf(youth_id))))
    assert "Groenbedrijf De Linde" in school_text and "Jobcoachbureau Midden" in school_text


def test_print_for_the_recipient_without_consent_is_refused(ctx: AppContext) -> None:
    youth_id = DossierService(ctx).create_youth(youth_values())
    with pytest.raises(NoValidConsent, match="geen geldige toestemming"):
        ReportService(ctx).dossier_pdf(youth_id, audience="gemeente")


def test_saving_writes_the_file_atomically_and_an_audit_event_with_ids_only(
    ctx: AppContext, youth_id: str, tmp_path: Path
) -> None:
    out = tmp_path / "uit"
    out.mkdir()
    target = out / "dossier.pdf"
    ReportService(ctx).save_dossier(youth_id, target)
    assert target.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in out.iterdir()) == ["dossier.pdf"]  # no temp file left
    with ctx.session() as session:
        event = session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
    assert event is not None
    assert (event.action, event.entity, event.entity_id) == ("export", "youth", youth_id)
    detail = repr(event.detail)
    assert "Özdemir" not in detail and BSN not in detail


def test_file_names_carry_no_bsn_and_only_safe_characters(ctx: AppContext, youth_id: str) -> None:
    name = ReportService(ctx).file_name_for(youth_id)
    assert name == f"overstapdossier-ozdemir-{youth_id[:8]}.pdf"
    assert (
        dossier_file_name(last_name='Çelik/..\\:*?"<>|', youth_id="ABCDEF0123") == "overstapdossier-celik-abcdef01.pdf"
    )
    assert dossier_file_name(last_name="Nguyễn", youth_id="x" * 36).startswith("overstapdossier-nguyen-")


def test_logo_from_the_settings_is_printed(ctx: AppContext, youth_id: str, tmp_path: Path) -> None:
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 40), (31, 78, 121)).save(logo)
    plain = ReportService(ctx).dossier_pdf(youth_id)
    with ctx.session() as session:
        set_setting(session, "logo_path", str(logo))
    with_logo = ReportService(ctx).dossier_pdf(youth_id)
    reader = PdfReader(io.BytesIO(with_logo))
    assert any(page.images for page in reader.pages)
    assert not any(page.images for page in PdfReader(io.BytesIO(plain)).pages)
    with ctx.session() as session:  # a logo that vanished prints without it, never fails
        set_setting(session, "logo_path", str(tmp_path / "weg.png"))
    assert ReportService(ctx).dossier_pdf(youth_id).startswith(b"%PDF")


# -- lists ---------------------------------------------------------------------------------------


def test_checkins_this_month_and_overdue_agreements_lists(demo_ctx: AppContext) -> None:
    service = ReportService(demo_ctx)
    due = flat(" ".join(pdf_pages(service.list_pdf("due"))))
    assert "Contactmomenten deze maand" in due and "November 2026" in due
    assert "pagina 1 van" in due
    overdue = flat(" ".join(pdf_pages(service.list_pdf("overdue-agreements"))))
    assert "Verlopen afspraken" in overdue and "Tot wanneer" in overdue and "deadline" not in overdue.lower()
    from handover.services.queries import agreement_rows

    rows = agreement_rows(demo_ctx, only_overdue=True)
    assert rows, "the demo set has overdue agreements"
    assert f"Totaal: {len(rows)}" in overdue
    for row in rows[:5]:
        assert row.action in overdue


# -- batch ---------------------------------------------------------------------------------------


def test_batch_one_file_per_young_person(demo_ctx: AppContext, tmp_path: Path) -> None:
    service = ReportService(demo_ctx)
    ids = service.cohort_ids(2026)
    assert ids
    seen: list[tuple[int, int]] = []
    result = service.batch_files(ids, tmp_path / "uit", progress=lambda d, t: seen.append((d, t)))
    names = sorted(p.name for p in (tmp_path / "uit").iterdir())
    assert result.count == len(ids) == len(names)
    assert all(re.fullmatch(r"overstapdossier-[a-z0-9-]+-[0-9a-f]{8}\.pdf", n) for n in names)
    assert seen[0] == (0, len(ids)) and seen[-1] == (len(ids), len(ids))
    with demo_ctx.session() as session:
        printed = session.scalars(select(AuditEvent.entity_id).where(AuditEvent.action == "print")).all()
    assert sorted(printed) == sorted(ids)


def test_batch_into_one_pdf_numbers_each_dossier_on_its_own(demo_ctx: AppContext, tmp_path: Path) -> None:
    service = ReportService(demo_ctx)
    ids = service.cohort_ids(2026)[:3]
    target = tmp_path / "alle.pdf"
    result = service.batch_single(ids, target)
    assert result.count == 3
    pages = pdf_pages(target.read_bytes())
    starts = [i for i, p in enumerate(pages) if "OVERSTAPDOSSIER" in p]
    assert len(starts) == 3
    for first, nxt in zip(starts, [*starts[1:], len(pages)], strict=True):
        total = nxt - first
        for n in range(total):
            assert f"pagina {n + 1} van {total}" in pages[first + n]


@pytest.mark.parametrize("single", [False, True])
def test_cancelled_batch_leaves_no_files(demo_ctx: AppContext, tmp_path: Path, single: bool) -> None:
    service = ReportService(demo_ctx)
    ids = [r for r in service.cohort_ids(2025)] + service.cohort_ids(2026)
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        if done >= 3:
            cancel.set()

    out = tmp_path / "uit"
    out.mkdir()
    with pytest.raises(BatchCancelled):
        if single:
            service.batch_single(ids, out / "alle.pdf", progress=progress, cancel=cancel)
        else:
            service.batch_files(ids, out, progress=progress, cancel=cancel)
    assert list(out.iterdir()) == []
    with demo_ctx.session() as session:
        assert not session.scalars(select(AuditEvent).where(AuditEvent.action == "print")).all()


def test_batch_for_the_recipient_skips_those_without_consent(ctx: AppContext, tmp_path: Path) -> None:
    with_consent = full_youth(ctx)
    without = DossierService(ctx).create_youth(youth_values(last_name="Doğan", bsn=None))
    service = ReportService(ctx)
    result = service.batch_files([with_consent, without], tmp_path / "uit", audience="gemeente")
    assert result.count == 1 and [p.name for p in result.files] == [
        dossier_file_name(last_name="Özdemir", youth_id=with_consent)
    ]
    single = service.batch_single([without, with_consent], tmp_path / "alle.pdf", audience="gemeente")
    text = flat(" ".join(pdf_pages((tmp_path / "alle.pdf").read_bytes())))
    assert single.count == 1 and "Özdemir" in text and "Doğan" not in text
    nothing = service.batch_files([without], tmp_path / "leeg", audience="gemeente")
    assert nothing.count == 0 and not (tmp_path / "leeg").exists()
    assert service.batch_single([without], tmp_path / "leeg.pdf", audience="gemeente").count == 0
    assert not (tmp_path / "leeg.pdf").exists()


def test_reports_never_import_qt() -> None:
    import subprocess
    import sys

    code = (
        "import sys, handover.reports, handover.cli.reports; "
        "sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_the_pdf_prints_from_frozen_dossier_views(demo_ctx: AppContext) -> None:
    from handover.services.views import DossierView

    service = ReportService(demo_ctx)
    ids = service.cohort_ids(2026) + service.cohort_ids(2025)
    assert ids
    youths = list(service.iter_youths([*ids[:3], "bestaat-niet", *ids[3:]], chunk=2))
    assert [y.id for y in youths] == ids  # in the order asked, a vanished id skipped
    assert all(isinstance(y, DossierView) for y in youths)
    assert service.load(ids[0]) == youths[0]
    with pytest.raises(NotFound):
        service.load("bestaat-niet")


def test_the_month_list_leaves_out_closed_cases_and_names_gemist(ctx: AppContext) -> None:
    from handover.services.checkins import CheckInService
    from handover.services.closing import close_case

    dossiers = DossierService(ctx)
    left = dt.date(2026, 5, 10)  # the T+6 check-in is due on 10-11-2026, in this month (today 29-11-2026)
    ids = {
        name: dossiers.create_youth(
            youth_values(
                first_names=name, called_name=None, infix=None, last_name="Maandlijst", leaving_date=left, bsn=None
            )
        )
        for name in ("Open", "Afgerond", "Gemist")
    }

    def t6(youth_id: str) -> str:
        return next(c.id for c in dossiers.get(youth_id).checkins if c.plan_months == 6)

    with ctx.session() as session:
        close_case(session, ids["Afgerond"], situation="werk", on=ctx.today(), actor="Marieke de Jong")
    CheckInService(ctx).mark_missed(ids["Gemist"], t6(ids["Gemist"]), "Verhuisd, geen nummer")
    text = flat(" ".join(pdf_pages(ReportService(ctx).list_pdf("due"))))
    assert "Open Maandlijst" in text
    assert "Afgerond Maandlijst" not in text  # the case is closed: its open check-in is no work any more
    assert "Gemist Maandlijst" in text and "Gemist met reden (29-11-2026)" in text


def test_a_print_worker_imports_no_database_layer_and_no_qt() -> None:
    """The batch print's workers start with "spawn" and import handover.reports.render: kept free of
    SQLAlchemy, the services and Qt, so each worker starts in a fraction of the app's import time."""
    import subprocess
    import sys

    probe = (
        "import sys, handover.reports.render, handover.services.view_types; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'PySide6', 'sqlcipher3'}) "
        "+ sorted(m for m in sys.modules if m.startswith(('handover.services.views', 'handover.store'))))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120)
    assert done.stdout.strip() == "[]"
