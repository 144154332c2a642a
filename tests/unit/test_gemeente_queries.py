"""Werk en Inkomen's read side: the list, Vandaag, the read-only view and the print of received dossiers.

The received rows are stored as the sync's appliers store them: the body the school sealed (the
dossier limited to the consent's sections, ``sync.messages.DossierBody``), one ReceivedVersion per
version, a withdrawal emptying every body.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from handover.domain import rules
from handover.gemeente import queries as q
from handover.gemeente.printing import print_received, received_pdf
from handover.gemeente.staff import set_staff, staff
from handover.gemeente.view import NOT_COVERED, NotReadable, mark_updates_seen, received_view
from handover.secrets import MemorySecretStore
from handover.services.app import initialise
from handover.services.context import AppContext
from handover.services.dossiers import DossierService
from handover.services.records import dossier_dict
from handover.services.views import load_dossier_view
from handover.store.models import AuditEvent, utcnow
from handover.sync.messages import ConsentRef, DossierBody, SchoolRef, stored_form
from handover.sync.models import AgreementVersion, ReceivedDossier, ReceivedUpdate, ReceivedVersion
from tests.conftest import FIXED_TODAY
from tests.unit.test_reports import full_youth

SCHOOL_ORG = "org-school-1"
SCHOOL = "Praktijkschool De Brug"
GEMEENTE = "Werk en Inkomen gemeente Utrecht"


@pytest.fixture
def gemeente(tmp_path: Path) -> Iterator[AppContext]:
    context, _code = initialise(
        tmp_path / "gemeente",
        org_name=GEMEENTE,
        user_name="Anouk Visser",
        role="gemeente",
        secret_store=MemorySecretStore(),
    )
    context.clock = lambda: FIXED_TODAY
    yield context
    context.close()


def sealed_body(school: AppContext, youth_id: str) -> dict[str, object]:
    """What the school's planner seals for this dossier: only the sections its consent covers."""
    with school.session() as session:
        view = load_dossier_view(session, youth_id)
    assert view is not None
    consent = rules.valid_consent_for(view.consents, GEMEENTE, view.birth_date, school.today())
    assert consent is not None
    sections = rules.shared_sections(consent)
    body = DossierBody(
        youth_revision=view.revision,
        school=SchoolRef(name=SCHOOL, brin="12AB"),
        sent_by="Marieke de Jong",
        consent=ConsentRef(id=consent.id, given_on=consent.given_on.isoformat(), sections=sections),
        dossier=dossier_dict(view, sections=sections, include_checkins=False),
    )
    return stored_form(body)


def receive(
    gemeente: AppContext,
    body: dict[str, object],
    *,
    revision: int,
    record_id: str,
    at: dt.datetime | None = None,
    sender: str = SCHOOL_ORG,
    school: str = SCHOOL,
) -> None:
    """Store a received version as the appliers do."""
    at = at or utcnow()
    with gemeente.session() as session:
        row = session.get(ReceivedDossier, (sender, record_id))
        if row is None:
            row = ReceivedDossier(sender_org=sender, record_id=record_id, school_name=school)
            session.add(row)
        row.revision, row.op_id, row.envelope_sha256 = revision, f"op-{record_id}-{revision}", "0" * 64
        row.signer_device, row.sent_at, row.received_at, row.body = "dev", at.isoformat(), at, body
        session.add(
            ReceivedVersion(sender_org=sender, record_id=record_id, revision=revision, body=body, received_at=at)
        )


def withdraw(gemeente: AppContext, record_id: str, sender: str = SCHOOL_ORG) -> None:
    with gemeente.session() as session:
        row = session.get(ReceivedDossier, (sender, record_id))
        assert row is not None
        row.body, row.withdrawn_at = None, utcnow()
        for v in session.scalars(select(ReceivedVersion).where(ReceivedVersion.record_id == record_id)):
            v.body = None


@pytest.fixture
def received(ctx: AppContext, gemeente: AppContext) -> str:
    """A full dossier whose consent covers B, C, F and H only."""
    youth_id = full_youth(ctx, sections=("B", "C", "F", "H"))
    receive(gemeente, sealed_body(ctx, youth_id), revision=1, record_id=youth_id)
    return youth_id


def test_view_holds_exactly_the_consented_sections(gemeente: AppContext, received: str) -> None:
    with gemeente.session() as session:
        view = received_view(session, SCHOOL_ORG, received, today=FIXED_TODAY)
    covered = {s.code for s in view.sections if s.covered}
    assert covered == {"A", "B", "C", "F", "H", "J", "K"}
    for code in ("D", "E", "G", "I"):
        section = view.section(code)
        assert section.note == NOT_COVERED
        assert not section.fields and not section.lists
    a = {f.name: f.value for f in view.section("A").fields}
    assert a["last_name"] == "Özdemir"
    assert a["bsn"] != "999999990" and a["bsn"].endswith("990")  # masked
    c = {f.name: f.value for f in view.section("C").fields}
    assert c["route"] == "Werken" and c["leaving_date"] == "10-07-2026"
    assert view.school == SCHOOL and view.revision == 1 and view.previous_revision is None
    assert not view.changed
    # The agreements of I were not covered: they are not in the view at all.
    assert view.agreements == ()


def test_a_new_version_marks_the_changed_fields(ctx: AppContext, gemeente: AppContext, received: str) -> None:
    DossierService(ctx).update_fields(received, {"phone": "0687654321", "route": "dagbesteding"})
    receive(gemeente, sealed_body(ctx, received), revision=2, record_id=received)
    with gemeente.session() as session:
        view = received_view(session, SCHOOL_ORG, received, today=FIXED_TODAY)
    assert view.previous_revision == 1
    assert {"phone", "route"} <= view.changed
    marked = {f.name for s in view.sections for f in s.fields if f.changed}
    assert {"phone", "route"} <= marked
    assert "last_name" not in marked
    assert view.section("C").changed and not view.section("B").changed
    assert [e.text for e in view.timeline if e.kind == "versie"] == ["Versie 1 ontvangen", "Versie 2 ontvangen"]


def test_withdrawn_dossier_cannot_be_opened_nor_printed(gemeente: AppContext, received: str, tmp_path: Path) -> None:
    withdraw(gemeente, received)
    with gemeente.session() as session, pytest.raises(NotReadable, match="ingetrokken"):
        received_view(session, SCHOOL_ORG, received, today=FIXED_TODAY)
    with pytest.raises(NotReadable):
        print_received(gemeente, SCHOOL_ORG, received, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
    with gemeente.session() as session:
        (row,) = q.received_rows(session, today=FIXED_TODAY)
        today = q.gemeente_today(session, today=FIXED_TODAY)
    assert row.withdrawn and row.name == "Toestemming ingetrokken" and row.route is None and row.city is None
    assert [t.record_id for t in today[q.CARD_WITHDRAWN]] == [received]
    assert not today[q.CARD_NEW]


def test_list_rows_and_cards(ctx: AppContext, gemeente: AppContext, received: str) -> None:
    # A second dossier from another school, received 15 working days ago, picked up, no intake.
    other = full_youth(ctx, sections=("C",))
    long_ago = dt.datetime.combine(FIXED_TODAY - dt.timedelta(days=21), dt.time(9))
    receive(gemeente, sealed_body(ctx, other), revision=1, record_id=other, at=long_ago, sender="org-2", school="Vso X")
    with gemeente.session() as session:
        row = session.get(ReceivedDossier, ("org-2", other))
        assert row is not None
        row.picked_up_at, row.last_opened_revision = long_ago, 1
        row.klantmanager = "Bram de Graaf"
    with gemeente.session() as session:
        rows = q.received_rows(session, today=FIXED_TODAY)
        today = q.gemeente_today(session, today=FIXED_TODAY)
    assert sorted((r.short_id, r.school, r.status, r.cohort) for r in rows) == sorted(
        [(received[:8], SCHOOL, "ontvangen", 2026), (other[:8], "Vso X", "ontvangen", 2026)]
    )
    by_id = {r.record_id: r for r in rows}
    assert by_id[received].new and not by_id[other].new
    assert by_id[other].klantmanager == "Bram de Graaf" and by_id[received].city == "Utrecht"
    assert [t.record_id for t in today[q.CARD_NEW]] == [received]
    assert [t.record_id for t in today[q.CARD_INTAKE]] == [other]
    assert today[q.CARD_INTAKE][0].day == q.add_working_days(long_ago.date(), 10)
    # A new version after the klantmanager opened it.
    receive(gemeente, sealed_body(ctx, other), revision=2, record_id=other, sender="org-2", school="Vso X")
    with gemeente.session() as session:
        today = q.gemeente_today(session, today=FIXED_TODAY)
    assert [t.record_id for t in today[q.CARD_NEW_VERSION]] == [other]


def test_working_days_skip_the_weekend() -> None:
    friday = dt.date(2026, 11, 27)
    assert q.add_working_days(friday, 1) == dt.date(2026, 11, 30)
    assert q.add_working_days(friday, 10) == dt.date(2026, 12, 11)


def test_news_after_school_and_a_job_loss_is_prominent(gemeente: AppContext, received: str) -> None:
    with gemeente.session() as session:
        session.add(
            ReceivedUpdate(
                sender_org=SCHOOL_ORG,
                record_id=received,
                op_id="u1",
                held_on=FIXED_TODAY - dt.timedelta(days=3),
                situation="geen",
                situation_reason="ontslag",
                care_signal="zorg",
                job_loss=True,
            )
        )
    with gemeente.session() as session:
        (line,) = q.gemeente_today(session, today=FIXED_TODAY)[q.CARD_SITUATION]
        view = received_view(session, SCHOOL_ORG, received, today=FIXED_TODAY)
    assert line.prominent and line.what.startswith(q.JOB_LOSS_TEXT)
    assert "Ontslag" in line.what and "zorg" in line.what
    assert any(e.kind == "nieuws" and q.JOB_LOSS_TEXT in e.text for e in view.timeline)
    with gemeente.session() as session:
        assert mark_updates_seen(session, SCHOOL_ORG, received) == 1
    with gemeente.session() as session:
        assert not q.gemeente_today(session, today=FIXED_TODAY)[q.CARD_SITUATION]


def test_agreement_versions_override_the_body_and_a_conflict_shows_both(ctx: AppContext, gemeente: AppContext) -> None:
    youth_id = full_youth(ctx, sections=("C", "I"))
    receive(gemeente, sealed_body(ctx, youth_id), revision=1, record_id=youth_id)
    with gemeente.session() as session:
        view = received_view(session, SCHOOL_ORG, youth_id, today=FIXED_TODAY)
    wi = next(a for a in view.agreements if a.organisation == "werk_en_inkomen")
    assert wi.deadline == dt.date(2026, 9, 1) and wi.state(FIXED_TODAY) == "verlopen"
    with gemeente.session() as session:
        cards = q.gemeente_today(session, today=FIXED_TODAY)
    assert [t.what for t in cards[q.CARD_AGREEMENTS]] == ["Intakegesprek plannen"]

    def version(vid: str, status: str, origin: str, by: str) -> AgreementVersion:
        return AgreementVersion(
            version_id=vid,
            agreement_id=wi.agreement_id,
            dossier_id=youth_id,
            school_org=SCHOOL_ORG,
            parent_ids=[],
            action=wi.action,
            organisation=wi.organisation,
            person=wi.person,
            deadline=wi.deadline,
            status=status,
            note=None,
            changed_by=by,
            changed_by_org=SCHOOL if origin == "school" else GEMEENTE,
            changed_at=utcnow(),
            origin=origin,
            head=True,
        )

    with gemeente.session() as session:
        session.add(version("v-g", "gedaan", "gemeente", "Anouk Visser"))
    with gemeente.session() as session:
        view = received_view(session, SCHOOL_ORG, youth_id, today=FIXED_TODAY)
        cards = q.gemeente_today(session, today=FIXED_TODAY)
    wi = next(a for a in view.agreements if a.organisation == "werk_en_inkomen")
    assert wi.status == "gedaan" and wi.changed_by == "Anouk Visser" and not wi.conflict
    assert not cards[q.CARD_AGREEMENTS]
    with gemeente.session() as session:
        session.add(version("v-s", "vervallen", "school", "Marieke de Jong"))
    with gemeente.session() as session:
        view = received_view(session, SCHOOL_ORG, youth_id, today=FIXED_TODAY)
    wi = next(a for a in view.agreements if a.organisation == "werk_en_inkomen")
    assert wi.conflict and {h.status for h in wi.heads} == {"gedaan", "vervallen"}
    block = next(b for b in view.section("I").lists if b.name == "agreements")
    assert any(row[3].startswith("Conflict") for row in block.rows)


def test_print_has_the_receipt_line_and_only_consented_sections(
    gemeente: AppContext, received: str, tmp_path: Path
) -> None:
    text = " ".join(
        p.extract_text() or "" for p in PdfReader(io.BytesIO(received_pdf(gemeente, SCHOOL_ORG, received))).pages
    )
    text = " ".join(text.split())
    today = utcnow().date().strftime("%d-%m-%Y")
    assert f"Ontvangen van {SCHOOL} op {today}" in text
    assert "Özdemir" in text and "Heftruckcertificaat" not in text  # D was not covered
    assert "D. Diploma's en certificaten: niet opgenomen" in text
    out = print_received(gemeente, SCHOOL_ORG, received, tmp_path / "ontvangen.pdf")
    assert out.read_bytes().startswith(b"%PDF")
    with gemeente.session() as session:
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.entity == "received_dossier", AuditEvent.action == "print")
        ).all()
    assert [e.entity_id for e in events] == [received]


def test_staff_list_is_kept_clean(gemeente: AppContext) -> None:
    with gemeente.session() as session:
        assert staff(session) == []
        assert set_staff(session, ["Anouk Visser", " anouk visser ", "", "Bram\nde Graaf"]) == [
            "Anouk Visser",
            "Bram de Graaf",
        ]
    with gemeente.session() as session:
        assert staff(session) == ["Anouk Visser", "Bram de Graaf"]
