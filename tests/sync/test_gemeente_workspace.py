"""The klantmanager's side of the exchange (issue 10): intake, status, opening, versions, withdrawal, faults."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, select

from handover.server.schema import ops
from handover.server.testing import LiveServer, inject_message
from handover.services.consent import ConsentService
from handover.services.dossiers import DossierService
from handover.store.models import AuditEvent
from handover.sync.errors import SyncUsageError
from handover.sync.exchange import exchange_entries, school_news
from handover.sync.messages import encode_body
from handover.sync.models import (
    InboxApplied,
    OutboxOp,
    Quarantined,
    ReceivedDossier,
    ReceivedFigures,
    ReceivedVersion,
)

from .conftest import Installation
from .test_gemeente_support import exchange, held, shared_dossier


def _row(gemeente: Installation, youth_id: str) -> ReceivedDossier:
    with gemeente.ctx.session() as session:
        row = session.get(ReceivedDossier, (held(gemeente, youth_id).sender_org, youth_id))
        assert row is not None
        session.expunge(row)
        return row


def test_plan_intake_reaches_section_k_and_the_school_news(school: Installation, gemeente: Installation) -> None:
    youth_id, _ = shared_dossier(school)
    exchange(school, gemeente)
    row = _row(gemeente, youth_id)
    assert row.case_status == "ontvangen" and row.picked_up_at is None and row.last_opened_revision is None
    gemeente.sync.plan_intake(row.sender_org, youth_id, dt.date(2027, 1, 12), "A. de Vries")
    row = _row(gemeente, youth_id)
    assert (row.intake_date, row.klantmanager, row.case_status) == (
        dt.date(2027, 1, 12),
        "A. de Vries",
        "intake gepland",
    )
    exchange(gemeente, school)
    with school.ctx.session() as session:
        texts = [(e.kind, e.text, e.signer) for e in exchange_entries(session, youth_id)]
        news = school_news(session)
    assert ("verstuurd", "Verstuurd (versie 1)", "Marieke de Jong") in texts
    assert ("ontvangen", "Ontvangen door Werk en Inkomen", "Kees Klantmanager") in texts
    assert ("intake", "Intake gepland op 12-01-2027 met A. de Vries", "Kees Klantmanager") in texts
    assert [n.text for n in news][0] == "Intake gepland op 12-01-2027 met A. de Vries"
    assert news[0].name and "Özdemir" in news[0].name
    with school.ctx.session() as session:
        assert school_news(session, since=news[0].at + dt.timedelta(days=1)) == []


@pytest.mark.parametrize(
    ("status", "case_status", "text"),
    [
        ("route", "in begeleiding", "Route gekozen: werken met jobcoach"),
        ("klantmanager", "in begeleiding", "Klantmanager toegewezen: werken met jobcoach"),
        ("afgerond", "afgerond", "Begeleiding afgerond: werken met jobcoach"),
    ],
)
def test_status_messages_move_the_case_on_and_show_at_the_school(
    school: Installation, gemeente: Installation, status: str, case_status: str, text: str
) -> None:
    youth_id, _ = shared_dossier(school)
    exchange(school, gemeente)
    gemeente.sync.send_status(held(gemeente, youth_id).sender_org, youth_id, status, "werken met jobcoach")
    assert _row(gemeente, youth_id).case_status == case_status
    exchange(gemeente, school)
    with school.ctx.session() as session:
        assert text in [e.text for e in exchange_entries(session, youth_id)]


def test_status_and_intake_refuse_bad_input_in_dutch(school: Installation, gemeente: Installation) -> None:
    youth_id, _ = shared_dossier(school)
    exchange(school, gemeente)
    org = held(gemeente, youth_id).sender_org
    with pytest.raises(SyncUsageError, match="Onbekende status"):
        gemeente.sync.send_status(org, youth_id, "verhuisd")
    with pytest.raises(SyncUsageError, match="klantmanager"):
        gemeente.sync.plan_intake(org, youth_id, dt.date(2027, 1, 12), "  ")
    with pytest.raises(SyncUsageError, match="niet ontvangen"):
        gemeente.sync.plan_intake(org, "onbekend", dt.date(2027, 1, 12), "A. de Vries")
    with pytest.raises(SyncUsageError, match="Werk en Inkomen"):
        school.sync.send_status(org, youth_id, "route")
    assert _row(gemeente, youth_id).case_status == "ontvangen"  # nothing changed


def test_opening_picks_up_once_and_marks_the_version_seen(school: Installation, gemeente: Installation) -> None:
    youth_id, _ = shared_dossier(school)
    exchange(school, gemeente)
    org = held(gemeente, youth_id).sender_org
    gemeente.sync.mark_opened(org, youth_id)
    first = _row(gemeente, youth_id)
    assert first.picked_up_at is not None and first.last_opened_revision == 1
    DossierService(school.ctx).update_fields(youth_id, {"city": "Bunnik"})
    exchange(school, gemeente)
    row = _row(gemeente, youth_id)
    assert row.revision == 2 and row.last_opened_revision == 1  # "nieuwe versie ontvangen"
    gemeente.sync.mark_opened(org, youth_id)
    row = _row(gemeente, youth_id)
    assert row.picked_up_at == first.picked_up_at and row.last_opened_revision == 2
    with gemeente.ctx.session() as session:
        views = session.scalars(select(AuditEvent).where(AuditEvent.action == "view")).all()
        assert len(views) == 2
        versions = session.scalars(select(ReceivedVersion).order_by(ReceivedVersion.revision)).all()
        assert [v.revision for v in versions] == [1, 2]
        assert versions[0].body["dossier"]["city"] == "Utrecht" and versions[1].body["dossier"]["city"] == "Bunnik"


def test_withdrawal_erases_every_version_and_refuses_further_work(school: Installation, gemeente: Installation) -> None:
    youth_id, _ = shared_dossier(school)
    exchange(school, gemeente)
    DossierService(school.ctx).update_fields(youth_id, {"city": "Bunnik"})
    exchange(school, gemeente)
    org = held(gemeente, youth_id).sender_org
    youth = DossierService(school.ctx).get(youth_id)
    ConsentService(school.ctx).withdraw(youth_id, youth.consents[0].id)
    exchange(school, gemeente)
    with gemeente.ctx.session() as session:
        assert [v.body for v in session.scalars(select(ReceivedVersion))] == [None, None]
    with pytest.raises(SyncUsageError, match="ingetrokken"):
        gemeente.sync.plan_intake(org, youth_id, dt.date(2027, 1, 12), "A. de Vries")
    with pytest.raises(SyncUsageError, match="ingetrokken"):
        gemeente.sync.send_status(org, youth_id, "afgerond")


def test_an_older_version_is_never_applied_even_when_the_inbox_forgot_it(
    school: Installation, gemeente: Installation, live_server: LiveServer
) -> None:
    youth_id, _ = shared_dossier(school)
    exchange(school, gemeente)
    DossierService(school.ctx).update_fields(youth_id, {"city": "Bunnik"})
    exchange(school, gemeente)
    with school.ctx.session() as session:
        old = session.scalars(select(OutboxOp).where(OutboxOp.kind == "dossier").order_by(OutboxOp.id)).first()
        assert old is not None and old.revision == 1
        envelope, op = old.envelope, (old.op_id, old.record_id, old.revision, old.base_revision)
    # Even with the record of what was applied gone (so the envelope's own rollback check cannot
    # see it), the applier compares with the version held and refuses.
    with gemeente.ctx.session() as session:
        session.execute(delete(InboxApplied))
    with live_server.store.engine.begin() as conn:
        conn.execute(delete(ops).where(ops.c.op_id == op[0]))
    inject_message(
        live_server.store,
        sender_org=school.sync.state_value("org_id"),
        sender_device=school.sync.keys.device_id,
        op_id=op[0],
        record_id=op[1],
        revision=op[2],
        base_revision=op[3],
        kind="dossier",
        recipient_org=gemeente.sync.state_value("org_id"),
        envelope=envelope,
    )
    report = gemeente.sync.sync()
    assert report.quarantined == 1
    with gemeente.ctx.session() as session:
        (q,) = session.scalars(select(Quarantined)).all()
        assert q.reason == "stale" and "oudere versie" in q.message
    row = _row(gemeente, youth_id)
    assert row.revision == 2 and row.body["dossier"]["city"] == "Bunnik"


def test_figures_arrive_per_school_and_reference_date(school: Installation, gemeente: Installation) -> None:
    rows = [{"vertrekjaar": 2025, "situatie": "werk", "aantal": "<5"}]
    school.sync.send_figures(None, {"peildatum": "2026-11-01", "rows": rows})
    school.sync.send_figures(None, {"peildatum": "2026-11-01", "rows": rows + rows})  # a newer count wins
    assert school.sync.sync().ok and gemeente.sync.sync().ok
    with gemeente.ctx.session() as session:
        (figures,) = session.scalars(select(ReceivedFigures)).all()
        assert figures.peildatum == "2026-11-01" and figures.school_name == "Praktijkschool De Brug"
        assert figures.body["rows"] == rows + rows
    with pytest.raises(SyncUsageError, match="peildatum"):
        school.sync.send_figures(None, {"peildatum": "1 november", "rows": rows})
    with pytest.raises(SyncUsageError, match="school"):
        gemeente.sync.send_figures(None, {"peildatum": "2026-11-01", "rows": rows})


def test_a_status_body_without_the_new_fields_keeps_its_old_bytes() -> None:
    from handover.sync.messages import StatusBody

    body = StatusBody(dossier_id="d", status="route", detail="x", at="2026-01-01T00:00:00Z")
    assert encode_body(body) == (
        b'{"at":"2026-01-01T00:00:00Z","detail":"x","dossier_id":"d","signer":null,'
        b'"status":"route","type":"statusbericht","version":1}'
    )
    planned = body.model_copy(update={"intake_date": "2027-01-12", "klantmanager": "A. de Vries"})
    assert b'"intake_date":"2027-01-12"' in encode_body(planned) and b'"klantmanager":"A. de Vries"' in encode_body(
        planned
    )
