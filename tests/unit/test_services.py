"""Use cases: one transaction per change, validation before anything is written, lists and exports."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from handover.domain.rules import TransitionRefused
from handover.domain.validation import ValidationFailed
from handover.services import queries
from handover.services.checkins import CheckInService, next_checkin, timeline
from handover.services.consent import ConsentService, may_send
from handover.services.dossiers import DossierService, RevisionConflict
from handover.services.records import RecordsService, completeness, dossier_dict
from handover.store.models import AuditEvent, CheckIn, Youth
from tests.conftest import FIXED_TODAY, youth_values

RECIPIENT = "Werk en Inkomen gemeente Utrecht"


def _count(ctx, model) -> int:  # type: ignore[no-untyped-def]
    with ctx.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_create_bumps_revision_writes_audit_and_plans_checkins(ctx) -> None:  # type: ignore[no-untyped-def]
    service = DossierService(ctx)
    youth_id = service.create_youth(youth_values())
    youth = service.get(youth_id)
    assert youth.revision == 1 and youth.status == "concept" and youth.mentor == "Marieke de Jong"
    assert len(youth.id) == 36 and "999999990" not in youth.id
    assert sorted(c.plan_months for c in youth.checkins) == [-9, -3, 0, 1, 3, 6, 12, 18, 24]
    revision = service.update_fields(youth_id, {"city": "Zeist"})
    assert revision == 2
    with ctx.session() as session:
        actions = [e.action for e in session.scalars(select(AuditEvent).order_by(AuditEvent.seq))]
    assert actions == ["init", "create", "change"]


def test_invalid_save_is_refused_whole_and_nothing_changes(ctx) -> None:  # type: ignore[no-untyped-def]
    service = DossierService(ctx)
    youth_id = service.create_youth(youth_values())
    before = dossier_dict(service.get(youth_id))
    audit_before = _count(ctx, AuditEvent)
    with pytest.raises(ValidationFailed) as info:
        service.update_fields(youth_id, {"city": "Houten", "bsn": "123456789", "birth_date": "01-01-2030"})
    fields = info.value.by_field()
    assert {"bsn", "birth_date"} <= set(fields)
    assert "11-proef" in fields["bsn"]
    assert dossier_dict(service.get(youth_id)) == before  # the valid city was not saved either
    assert _count(ctx, AuditEvent) == audit_before


def test_cross_field_problem_refused(ctx) -> None:  # type: ignore[no-untyped-def]
    service = DossierService(ctx)
    youth_id = service.create_youth(youth_values())
    with pytest.raises(ValidationFailed) as info:
        service.update_fields(youth_id, {"leaving_date": dt.date(2015, 1, 1)})
    assert "leaving_date" in info.value.by_field()
    with pytest.raises(ValidationFailed):
        service.create_youth(youth_values(birth_date=dt.date(2027, 1, 1)))
    with pytest.raises(ValidationFailed) as missing:
        service.create_youth({"first_names": "Jan"})
    assert {"last_name", "birth_date"} <= set(missing.value.by_field())


def test_failure_inside_the_transaction_rolls_back(ctx) -> None:  # type: ignore[no-untyped-def]
    """A hook that fails after the record was changed (e.g. the disk is full) leaves nothing half written."""
    service = DossierService(ctx)
    youth_id = service.create_youth(youth_values())

    def failing_hook(session, youth, action):  # type: ignore[no-untyped-def]
        raise OSError("schijf vol")

    ctx.change_hooks.append(failing_hook)
    audit_before = _count(ctx, AuditEvent)
    with pytest.raises(OSError):
        service.update_fields(youth_id, {"city": "Houten"})
    ctx.change_hooks.clear()
    youth = service.get(youth_id)
    assert youth.city == "Utrecht" and youth.revision == 1
    assert _count(ctx, AuditEvent) == audit_before


def test_stale_revision_is_a_conflict(ctx) -> None:  # type: ignore[no-untyped-def]
    service = DossierService(ctx)
    youth_id = service.create_youth(youth_values())
    service.update_fields(youth_id, {"city": "Houten"}, expected_revision=1)
    with pytest.raises(RevisionConflict):
        service.update_fields(youth_id, {"city": "Zeist"}, expected_revision=1)
    assert service.get(youth_id).city == "Houten"


def test_leaving_date_change_moves_open_checkins_only(ctx) -> None:  # type: ignore[no-untyped-def]
    service = DossierService(ctx)
    youth_id = service.create_youth(youth_values())
    youth = service.get(youth_id)
    first = next(c for c in youth.checkins if c.plan_months == -9)
    CheckInService(ctx).record(
        youth_id,
        {"held_on": dt.date(2025, 10, 12), "channel": "gesprek_school", "reached": True, "situation": "werk"},
        checkin_id=first.id,
    )
    service.update_fields(youth_id, {"leaving_date": dt.date(2027, 1, 31)})
    moved = {c.plan_months: c for c in service.get(youth_id).checkins}
    assert moved[-9].due_date == dt.date(2025, 10, 10)  # held: stays
    assert moved[1].due_date == dt.date(2027, 2, 28)
    assert moved[0].due_date == dt.date(2027, 1, 31)


def test_status_machine_through_service(ctx) -> None:  # type: ignore[no-untyped-def]
    service = DossierService(ctx)
    youth_id = service.create_youth(youth_values())
    service.set_status(youth_id, "klaar")
    with pytest.raises(TransitionRefused):
        service.set_status(youth_id, "verstuurd")
    service.set_status(youth_id, "verstuurd", by_sync=True)
    assert service.get(youth_id).status == "verstuurd"


def test_list_items_and_exactly_one_fixed_contact(ctx) -> None:  # type: ignore[no-untyped-def]
    service = DossierService(ctx)
    youth_id = service.create_youth(youth_values())
    a = service.add_item(youth_id, "contacts", {"role": "mentor", "name": "Marieke", "is_fixed_contact": True})
    b = service.add_item(youth_id, "contacts", {"role": "jobcoach", "name": "Rik"})
    service.update_item(youth_id, "contacts", b, {"is_fixed_contact": True})
    contacts = {c.id: c.is_fixed_contact for c in service.get(youth_id).contacts}
    assert contacts == {a: False, b: True}
    with pytest.raises(ValidationFailed):
        service.add_item(youth_id, "contacts", {"role": "bestaat_niet", "name": "X"})
    with pytest.raises(ValidationFailed):
        service.add_item(
            youth_id,
            "certificates",
            {"kind": "portfolio", "name": "P", "issued_on": "01-06-2026", "valid_until": "01-01-2026"},
        )
    values = service.delete_item(youth_id, "contacts", a)
    assert values["name"] == "Marieke"
    assert [c.id for c in service.get(youth_id).contacts] == [b]


def test_agreement_overdue_listed_and_verlopen_not_storable(ctx) -> None:  # type: ignore[no-untyped-def]
    service = DossierService(ctx)
    youth_id = service.create_youth(youth_values())
    late = service.add_item(
        youth_id,
        "agreements",
        {"action": "Intake plannen", "organisation": "werk_en_inkomen", "deadline": FIXED_TODAY - dt.timedelta(days=1)},
    )
    service.add_item(
        youth_id,
        "agreements",
        {"action": "DigiD regelen", "organisation": "jongere", "deadline": FIXED_TODAY + dt.timedelta(days=10)},
    )
    rows = queries.agreement_rows(ctx, only_overdue=True)
    assert [(r.agreement_id, r.state) for r in rows] == [(late, "verlopen")]
    with pytest.raises(ValidationFailed):
        service.update_item(youth_id, "agreements", late, {"status": "verlopen"})
    service.update_item(youth_id, "agreements", late, {"status": "gedaan"})
    assert queries.agreement_rows(ctx, only_overdue=True) == []


def test_health_notes_need_consent_that_includes_health(ctx) -> None:  # type: ignore[no-untyped-def]
    service = DossierService(ctx)
    youth_id = service.create_youth(youth_values())
    with pytest.raises(ValidationFailed) as info:
        service.update_fields(youth_id, {"health_notes": "Epilepsie"})
    assert "toestemming" in info.value.by_field()["health_notes"]
    ConsentService(ctx).record(
        youth_id,
        {
            "given_by": "jongere",
            "given_by_name": "Ĳsbrand",
            "recipient": RECIPIENT,
            "purpose": "overstap",
            "given_on": "01-10-2025",
            "form": "papier",
            "includes_health": True,
        },
        sections=["B", "F"],
    )
    service.update_fields(youth_id, {"health_notes": "Epilepsie"})
    assert service.get(youth_id).health_notes == "Epilepsie"


def test_consent_withdrawal_blocks_sending(ctx) -> None:  # type: ignore[no-untyped-def]
    service = DossierService(ctx)
    consents = ConsentService(ctx)
    youth_id = service.create_youth(youth_values())
    assert not may_send(service.get(youth_id), RECIPIENT, FIXED_TODAY)
    consent_id = consents.record(
        youth_id,
        {
            "given_by": "jongere",
            "given_by_name": "Ĳsbrand",
            "recipient": RECIPIENT,
            "purpose": "overstap",
            "given_on": "01-10-2025",
            "form": "digitaal",
        },
        sections=["C", "I"],
    )
    youth = service.get(youth_id)
    assert may_send(youth, RECIPIENT, FIXED_TODAY)
    assert not may_send(youth, "Werk en Inkomen gemeente Zeist", FIXED_TODAY)
    assert youth.consents[0].age_at_consent == 17
    consents.withdraw(youth_id, consent_id)
    assert not may_send(service.get(youth_id), RECIPIENT, FIXED_TODAY)


def test_parent_cannot_consent_for_a_sixteen_year_old(ctx) -> None:  # type: ignore[no-untyped-def]
    youth_id = DossierService(ctx).create_youth(youth_values())
    with pytest.raises(ValidationFailed) as info:
        ConsentService(ctx).record(
            youth_id,
            {
                "given_by": "ouder",
                "given_by_name": "Mevr. Özdemir",
                "recipient": RECIPIENT,
                "purpose": "overstap",
                "given_on": "01-10-2025",
                "form": "papier",
            },
            sections=["C"],
        )
    assert "16 jaar" in info.value.errors[0].message


def test_inspection_disagreement_needs_reason(ctx) -> None:  # type: ignore[no-untyped-def]
    youth_id = DossierService(ctx).create_youth(youth_values())
    consents = ConsentService(ctx)
    with pytest.raises(ValidationFailed):
        consents.record_inspection(youth_id, dt.date(2026, 11, 1), agrees=False)
    consents.record_inspection(youth_id, dt.date(2026, 11, 1), agrees=False, reason="Tekst over thuis klopt niet")
    assert DossierService(ctx).get(youth_id).inspections[0].reason == "Tekst over thuis klopt niet"


def test_record_checkin_plans_next_and_reactivates_on_job_loss(ctx) -> None:  # type: ignore[no-untyped-def]
    service = DossierService(ctx)
    checkins = CheckInService(ctx)
    youth_id = service.create_youth(youth_values())
    by_months = {c.plan_months: c for c in service.get(youth_id).checkins}
    checkins.record(
        youth_id,
        {
            "held_on": "12-08-2026",
            "channel": "telefoon",
            "reached": True,
            "situation": "werk",
            "income": "geen_uitkering",
        },
        checkin_id=by_months[1].id,
    )
    youth = service.get(youth_id)
    assert next_checkin(youth).plan_months == 3
    assert youth.actual_situation == "werk" and youth.attention is None
    # Today (29-11-2026): the +3 check-in of 10-10-2026 is overdue
    states = {e.checkin.plan_months: e.state for e in timeline(youth, FIXED_TODAY)}
    assert states[1] == "gehouden" and states[3] == "te_laat" and states[6] == "gepland"
    with pytest.raises(ValidationFailed) as info:
        checkins.record(
            youth_id,
            {"held_on": "20-11-2026", "channel": "telefoon", "reached": True, "situation": "geen"},
            checkin_id=by_months[3].id,
        )
    assert "situation_reason" in info.value.by_field()
    checkins.record(
        youth_id,
        {
            "held_on": "20-11-2026",
            "channel": "telefoon",
            "reached": True,
            "situation": "geen",
            "situation_reason": "ontslag",
            "next_contact": "01-03-2027",
        },
        checkin_id=by_months[3].id,
    )
    youth = service.get(youth_id)
    extra = [c for c in youth.checkins if c.plan_months is None]
    assert {c.due_date for c in extra} == {FIXED_TODAY + dt.timedelta(days=14), dt.date(2027, 3, 1)}
    assert youth.attention and "Nog geen werk" in youth.attention
    assert [r.id for r in queries.needs_attention(ctx)] == [youth_id]
    with pytest.raises(ValidationFailed):
        checkins.record(youth_id, {"held_on": "30-11-2026", "channel": "telefoon"})  # in the future


def test_not_reached_and_due_lists(ctx) -> None:  # type: ignore[no-untyped-def]
    service = DossierService(ctx)
    youth_id = service.create_youth(youth_values())
    by_months = {c.plan_months: c for c in service.get(youth_id).checkins}
    CheckInService(ctx).record(
        youth_id,
        {"held_on": "10-10-2026", "channel": "telefoon", "reached": False, "attempts": 3},
        checkin_id=by_months[3].id,
    )
    assert [r.id for r in queries.not_reached(ctx)] == [youth_id]
    assert [r.youth_id for r in queries.overdue_checkins(ctx)] == []  # +1 was missed: a later one was held
    CheckInService(ctx).plan_extra(youth_id, FIXED_TODAY)
    assert [r.youth_id for r in queries.due_this_week(ctx)] == [youth_id]


def test_youth_rows_next_checkin_skips_missed_ones(ctx) -> None:  # type: ignore[no-untyped-def]
    service = DossierService(ctx)
    youth_id = service.create_youth(youth_values())
    by_months = {c.plan_months: c for c in service.get(youth_id).checkins}
    CheckInService(ctx).record(
        youth_id,
        {"held_on": "01-11-2026", "channel": "telefoon", "reached": True, "situation": "werk"},
        checkin_id=by_months[3].id,
    )
    row = next(r for r in queries.youth_rows(ctx) if r.id == youth_id)
    assert row.next_checkin == dt.date(2027, 1, 10)  # +6, not the missed T-9 or +1
    assert row.name == "Ĳsbrand van der Özdemir" and row.cohort == 2026


def test_subject_access_export_has_everything(ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    service = DossierService(ctx)
    youth_id = service.create_youth(youth_values())
    service.add_item(youth_id, "certificates", {"kind": "portfolio", "name": "Portfolio stages"})
    service.save_draft(youth_id, "phone", "06-123")
    out = RecordsService(ctx).export_subject_access(youth_id, tmp_path / "inzage.json")
    data = json.loads(out.read_text("utf-8"))
    assert data["dossier"]["last_name"] == "Özdemir" and data["dossier"]["bsn"] == "999999990"
    assert data["dossier"]["certificates"][0]["name"] == "Portfolio stages"
    assert len(data["dossier"]["checkins"]) == 9
    assert data["drafts"] == {"phone": "06-123"}
    assert {e["action"] for e in data["audit"]} >= {"create", "change"}
    with ctx.session() as session:
        assert session.scalars(select(AuditEvent.action).order_by(AuditEvent.seq.desc())).first() == "export"
    assert not list(tmp_path.glob("*.tmp"))


def test_anonymise_after_retention(ctx) -> None:  # type: ignore[no-untyped-def]
    service = DossierService(ctx)
    old = service.create_youth(youth_values(leaving_date=dt.date(2024, 1, 31), birth_date=dt.date(2005, 1, 1)))
    recent = service.create_youth(youth_values())
    records = RecordsService(ctx)
    ctx.clock = lambda: dt.date(2026, 8, 1)
    assert records.retention_due() == [old]
    records.anonymise(old)
    with ctx.session() as session:
        youth = session.get(Youth, old)
        assert youth.anonymised and youth.bsn is None and youth.last_name == "-"
        assert youth.route == "werken"
    assert [r.id for r in queries.youth_rows(ctx)] == [recent]
    records.erase(recent)
    assert _count(ctx, CheckIn) == 9  # only the anonymised outcome history remains


def test_completeness_lists_what_is_missing(ctx) -> None:  # type: ignore[no-untyped-def]
    service = DossierService(ctx)
    youth_id = service.create_youth(youth_values())
    parts = {p.code: p for p in completeness(service.get(youth_id), FIXED_TODAY)}
    assert "precies één vaste contactpersoon" in parts["B"].missing
    assert "geldige toestemming" in parts["J"].missing
    service.add_item(youth_id, "contacts", {"role": "mentor", "name": "M", "is_fixed_contact": True})
    parts = {p.code: p for p in completeness(service.get(youth_id), FIXED_TODAY)}
    assert parts["B"].complete


def test_demo_data_is_valid_and_uses_test_bsns(demo_ctx) -> None:  # type: ignore[no-untyped-def]
    from stdnum.nl import bsn

    with demo_ctx.session() as session:
        youths = session.scalars(select(Youth)).all()
        assert len(youths) == 30
        bsns = [y.bsn for y in youths if y.bsn]
        assert bsns and all(b.startswith("9999") and bsn.is_valid(b) for b in bsns)
        assert len(set(bsns)) == len(bsns)
        assert all(sum(c.is_fixed_contact for c in y.contacts) == 1 for y in youths)
        assert any(c.held_on for y in youths for c in y.checkins)
    assert queries.youth_rows(demo_ctx)
    with demo_ctx.session() as session:
        from handover.store.audit import verify

        assert verify(session).ok


def test_dossier_view_items_name_the_fields_of_their_specs() -> None:
    from handover.domain.fields import CHECKIN_FIELDS, CONSENT_FIELDS, LISTS, YOUTH_FIELDS
    from handover.services.views import LIST_SOURCES, YOUTH_COLUMNS

    assert set(YOUTH_FIELDS) <= set(YOUTH_COLUMNS)
    columns = {source.name: source.columns for source in LIST_SOURCES}
    for name, spec in LISTS.items():
        assert columns[name] == ("id", *(f.name for f in spec.fields))
    # recipient_org_id: the enrolled gemeente chosen from a list (not a typed form field)
    assert columns["consents"] == ("id", *(f.name for f in CONSENT_FIELDS), "recipient_org_id", "sections")
    assert columns["inspections"] == ("id", "seen_on", "agrees", "reason")
    # missed_on, missed_reason: "gemist met reden" (services.checkins.mark_missed), not a form field
    assert columns["checkins"] == (
        "id",
        "label",
        "plan_months",
        "due_date",
        *(f.name for f in CHECKIN_FIELDS),
        "missed_on",
        "missed_reason",
    )


def test_a_dossier_view_is_frozen(ctx) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    service = DossierService(ctx)
    youth_id = service.create_youth(youth_values())
    service.add_item(youth_id, "contacts", {"role": "mentor", "name": "M"})
    view = service.get(youth_id)
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.city = "Zeist"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        view.contacts[0].name = "N"  # type: ignore[misc]
    assert isinstance(view.checkins, tuple) and len(view.checkins) == 9
    moved = dataclasses.replace(view, city="Zeist")
    assert (moved.city, view.city, moved.contacts) == ("Zeist", "Utrecht", view.contacts)


def test_views_give_the_same_sent_dossier_as_the_stored_rows(demo_ctx) -> None:  # type: ignore[no-untyped-def]
    """What goes into an export or a sent dossier is byte for byte what the ORM rows gave before."""
    from handover.services.dossiers import load_youth
    from handover.services.views import dossier_view, load_dossier_view, load_dossier_views

    with demo_ctx.session() as session:
        ids = list(session.scalars(select(Youth.id).order_by(Youth.last_name)))
        views = load_dossier_views(session, [*ids, "bestaat-niet"])
        lean = load_dossier_views(session, ids, checkins=False)
        assert [v.id for v in views] == ids  # in the order asked, unknown ids left out
        assert load_dossier_view(session, "bestaat-niet") is None
        for view, without_checkins in zip(views, lean, strict=True):
            row = load_youth(session, view.id)
            assert dossier_view(row) == view
            assert without_checkins.checkins == ()
            for sections in (None, ["A", "B", "J", "K"], ["A", "C", "D", "E", "F", "G", "H", "I", "J", "K"]):
                expected = json.dumps(dossier_dict(row, sections))
                assert json.dumps(dossier_dict(view, sections)) == expected
                assert json.dumps(dossier_dict(without_checkins, sections, include_checkins=False)) == json.dumps(
                    dossier_dict(row, sections, include_checkins=False)
                )
    assert any(v.consents for v in views) and any(v.checkins for v in views)


def test_revision_is_counted_by_the_database_when_another_thread_saved_in_between(ctx) -> None:  # type: ignore[no-untyped-def]
    """The sync runs on its own thread: a save that read the dossier before the sync committed must not
    reuse the sync's revision number (the outbox would then skip this save and never send it)."""
    from handover.services.dossiers import load_youth, touch

    service = DossierService(ctx)
    youth_id = service.create_youth(youth_values())
    seen: list[int] = []
    ctx.change_hooks.append(lambda session, youth, action: seen.append(youth.revision))
    with ctx.session() as session:
        youth = load_youth(session, youth_id)
        read_revision = youth.revision
        assert service.update_fields(youth_id, {"city": "Zeist"}) == read_revision + 1  # another connection commits
        youth.phone = "0301234567"
        touch(ctx, session, youth, "change", fields=["phone"])
    assert seen == [read_revision + 1, read_revision + 2]
    assert service.get(youth_id).revision == read_revision + 2
