"""One caseload on two PCs, merged without the sync: states handed from one workspace to the other."""

from __future__ import annotations

import datetime as dt

import pytest

from handover.services import merge
from handover.services.checkins import CheckInService
from handover.services.context import AppContext
from handover.services.dossiers import DossierService, NotFound
from handover.store import merge as reg
from handover.store.models import Youth
from tests.conftest import FIXED_TODAY, youth_values
from tests.unit.conftest import digest


def outgoing(ctx: AppContext) -> list[merge.IncomingState]:
    """What a sync of ``ctx`` would send: its local changes, stamped."""
    with ctx.session() as session:
        merge.capture(session, ctx.actor)
        return [merge.IncomingState(r.entity, r.entity_id, r.youth_id, r.state) for r in merge.take_dirty(session)]


def deliver(states: list[merge.IncomingState], ctx: AppContext) -> int:
    with ctx.session() as session:
        return merge.apply_states(session, ctx.actor, states)


def sync(a: AppContext, b: AppContext) -> None:
    from_a, from_b = outgoing(a), outgoing(b)
    deliver(from_a, b)
    deliver(from_b, a)


def conflicts(ctx: AppContext, youth_id: str | None = None) -> list[merge.FieldConflict]:
    with ctx.session() as session:
        return merge.conflicts(session, youth_id)


def test_a_new_young_person_arrives_whole_and_both_pcs_hash_the_same(pcs) -> None:  # type: ignore[no-untyped-def]
    a, b = pcs
    youth_id = DossierService(a).create_youth(youth_values())
    DossierService(a).add_item(youth_id, "contacts", {"role": "ouder", "name": "Els Bos", "is_fixed_contact": True})
    sync(a, b)
    view = DossierService(b).get(youth_id)
    assert view.first_names == "Ĳsbrand Jan" and view.birth_date == dt.date(2008, 3, 14)
    assert [c.name for c in view.contacts] == ["Els Bos"]
    with b.session() as session:
        row = session.get(Youth, youth_id)
        assert row is not None and row.fixed_contact_name == "Els Bos" and row.next_checkin_due is not None
    assert len(view.checkins) == len(DossierService(a).get(youth_id).checkins) > 0
    assert digest(a) == digest(b)
    # Nothing more to send on either side: applying did not count as a local change.
    assert outgoing(a) == [] and outgoing(b) == []


def test_different_fields_merge(pcs) -> None:  # type: ignore[no-untyped-def]
    a, b = pcs
    youth_id = DossierService(a).create_youth(youth_values())
    sync(a, b)
    DossierService(a).update_fields(youth_id, {"city": "Amersfoort"})
    DossierService(b).update_fields(youth_id, {"phone": "06 12345678"})
    sync(a, b)
    for ctx in (a, b):
        view = DossierService(ctx).get(youth_id)
        assert (view.city, view.phone) == ("Amersfoort", "06 12345678")
    assert conflicts(a) == [] and conflicts(b) == []
    assert digest(a) == digest(b)


def test_same_field_concurrently_keeps_both_shows_the_same_and_a_choice_travels(pcs) -> None:  # type: ignore[no-untyped-def]
    a, b = pcs
    youth_id = DossierService(a).create_youth(youth_values())
    sync(a, b)
    DossierService(a).update_fields(youth_id, {"city": "Amersfoort"})
    DossierService(b).update_fields(youth_id, {"city": "Zeist"})
    sync(a, b)
    found_a, found_b = conflicts(a), conflicts(b)
    assert len(found_a) == 1 and found_a == found_b
    conflict = found_a[0]
    assert (conflict.entity, conflict.entity_id, conflict.field) == ("youth", youth_id, "city")
    assert {alt.value for alt in conflict.alternatives} == {"Amersfoort", "Zeist"}
    assert {alt.user for alt in conflict.alternatives} == {"Marieke de Jong", "Ahmed Bakker"}
    shown = conflict.alternatives[0].value
    assert DossierService(a).get(youth_id).city == DossierService(b).get(youth_id).city == shown
    assert digest(a) == digest(b)

    other = next(i for i, alt in enumerate(conflict.alternatives) if alt.value != shown)
    with b.session() as session:
        merge.resolve_conflict(session, conflict.key, other, b.actor)
    assert conflicts(b) == []
    sync(a, b)
    assert conflicts(a) == []
    assert DossierService(a).get(youth_id).city == DossierService(b).get(youth_id).city != shown
    assert digest(a) == digest(b)


def test_list_items_merge_by_id(pcs) -> None:  # type: ignore[no-untyped-def]
    a, b = pcs
    youth_id = DossierService(a).create_youth(youth_values())
    sync(a, b)
    DossierService(a).add_item(youth_id, "agreements", {"action": "Intake UWV", "organisation": "school"})
    DossierService(b).add_item(youth_id, "agreements", {"action": "Bezoek werkplek", "organisation": "school"})
    sync(a, b)
    for ctx in (a, b):
        assert sorted(x.action for x in DossierService(ctx).get(youth_id).agreements) == [
            "Bezoek werkplek",
            "Intake UWV",
        ]
    assert digest(a) == digest(b)


def test_delete_against_concurrent_edit_keeps_the_item_as_a_conflict(pcs) -> None:  # type: ignore[no-untyped-def]
    a, b = pcs
    service_a, service_b = DossierService(a), DossierService(b)
    youth_id = service_a.create_youth(youth_values())
    item = service_a.add_item(youth_id, "contacts", {"role": "ouder", "name": "Els Bos"})
    sync(a, b)
    service_a.delete_item(youth_id, "contacts", item)
    service_b.update_item(youth_id, "contacts", item, {"phone": "0301234567"})
    sync(a, b)
    for ctx in (a, b):
        contacts = DossierService(ctx).get(youth_id).contacts
        assert [(c.name, c.phone) for c in contacts] == [("Els Bos", "030 123 4567")]
        (found,) = conflicts(ctx)
        assert found.is_delete and {alt.value for alt in found.alternatives} == {True, False}
    assert digest(a) == digest(b)
    # Choosing "deleted" on a removes it on both.
    (found,) = conflicts(a)
    with a.session() as session:
        merge.resolve_conflict(session, found.key, [alt.value for alt in found.alternatives].index(False), a.actor)
    sync(a, b)
    assert DossierService(a).get(youth_id).contacts == DossierService(b).get(youth_id).contacts == ()
    assert conflicts(a) == conflicts(b) == []


def test_a_plain_delete_travels(pcs) -> None:  # type: ignore[no-untyped-def]
    a, b = pcs
    youth_id = DossierService(a).create_youth(youth_values())
    item = DossierService(a).add_item(youth_id, "contacts", {"role": "ouder", "name": "Els Bos"})
    sync(a, b)
    DossierService(b).delete_item(youth_id, "contacts", item)
    sync(a, b)
    assert DossierService(a).get(youth_id).contacts == ()
    DossierService(a).delete_youth(youth_id)
    sync(a, b)
    with pytest.raises(NotFound):
        DossierService(b).get(youth_id)
    with b.session() as session:
        # The erased person's register keeps no values, only that it was erased.
        rows = session.scalars(merge_rows(youth_id)).all()
        assert all(set(reg.fields_of(r.state)) <= {merge.EXISTS} for r in rows)
    assert digest(a) == digest(b)


def merge_rows(youth_id: str):  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from handover.store.merge import MergeEntity

    return select(MergeEntity).where(MergeEntity.youth_id == youth_id)


def test_check_ins_and_consents_travel(pcs) -> None:  # type: ignore[no-untyped-def]
    a, b = pcs
    youth_id = DossierService(a).create_youth(youth_values())
    sync(a, b)
    first = DossierService(b).get(youth_id).checkins[0]
    CheckInService(b).record(
        youth_id,
        {
            "held_on": FIXED_TODAY,
            "channel": "telefoon",
            "reached": True,
            "situation": "werk",
            "income": "geen_uitkering",
        },
        first.id,
    )
    sync(a, b)
    held = next(c for c in DossierService(a).get(youth_id).checkins if c.id == first.id)
    assert held.held_on == FIXED_TODAY and held.situation == "werk"
    assert DossierService(a).get(youth_id).actual_situation == "werk"
    assert digest(a) == digest(b)


def test_a_save_that_started_before_another_pcs_change_keeps_both(pcs) -> None:  # type: ignore[no-untyped-def]
    a, b = pcs
    youth_id = DossierService(a).create_youth(youth_values())
    sync(a, b)
    opened_at = DossierService(b).get(youth_id).revision  # b opens the dossier in the editor
    DossierService(a).update_fields(youth_id, {"city": "Amersfoort"})
    sync(a, b)  # a's change arrives while b's editor is open
    result = DossierService(b).save_fields(youth_id, {"city": "Zeist", "phone": "06 12345678"}, base_revision=opened_at)
    assert result.has_conflict
    (held,) = result.conflicts
    assert held.field == "city" and [alt.value for alt in held.alternatives][0] == "Amersfoort"
    assert {alt.value for alt in held.alternatives} == {"Amersfoort", "Zeist"}
    view = DossierService(b).get(youth_id)
    assert (view.city, view.phone) == ("Amersfoort", "06 12345678")  # not overwritten; the other field saved
    sync(a, b)
    assert conflicts(a) == conflicts(b) and len(conflicts(a)) == 1
    assert digest(a) == digest(b)
    # Saved from the current revision: no conflict, an ordinary save.
    now = DossierService(b).get(youth_id).revision
    assert not DossierService(b).save_fields(youth_id, {"postcode": "3511AA"}, base_revision=now).has_conflict


def test_without_a_base_revision_nothing_changes_for_callers(pcs) -> None:  # type: ignore[no-untyped-def]
    a, _b = pcs
    youth_id = DossierService(a).create_youth(youth_values())
    revision = DossierService(a).update_fields(youth_id, {"city": "Zeist"})
    assert isinstance(revision, int) and DossierService(a).get(youth_id).city == "Zeist"
    with a.session() as session:
        assert session.get(Youth, youth_id) is not None


def test_a_check_in_saved_from_an_older_revision_keeps_the_other_pcs_value(pcs) -> None:  # type: ignore[no-untyped-def]
    a, b = pcs
    youth_id = DossierService(a).create_youth(youth_values())
    sync(a, b)
    first = DossierService(b).get(youth_id).checkins[0]
    opened_at = DossierService(b).get(youth_id).revision
    held = {"held_on": FIXED_TODAY, "channel": "telefoon", "reached": True, "income": "geen_uitkering"}
    CheckInService(a).record(youth_id, {**held, "situation": "werk"}, first.id)
    sync(a, b)
    CheckInService(b).record(youth_id, {**held, "situation": "mbo_2"}, first.id, base_revision=opened_at)
    kept = next(c for c in DossierService(b).get(youth_id).checkins if c.id == first.id)
    assert kept.situation == "werk"
    (found,) = conflicts(b, youth_id)
    assert (found.entity, found.field) == ("checkins", "situation")
    assert {alt.value for alt in found.alternatives} == {"werk", "mbo_2"}


def test_audit_verify_checks_the_other_pcs_heads(pcs) -> None:  # type: ignore[no-untyped-def]
    from handover.store import audit
    from handover.store.merge import DeviceAuditHead

    a, _b = pcs
    with a.session() as session:
        session.add(DeviceAuditHead(device_id="dev-andere-pc", seq=5, hash="a" * 64))
        session.add(DeviceAuditHead(device_id="dev-andere-pc", seq=9, hash="b" * 64))
    with a.session() as session:
        report = audit.verify(session)
        assert report.ok and report.devices == 1
        # A later message named event 9 with another hash: that PC rewrote its chain.
        row = session.get(DeviceAuditHead, ("dev-andere-pc", 9))
        assert row is not None
        row.other_hash = "c" * 64
    with a.session() as session:
        report = audit.verify(session)
        assert not report.ok and "herschreven bij gebeurtenis 9" in (report.problem or "")
        row = session.get(DeviceAuditHead, ("dev-andere-pc", 9))
        assert row is not None
        row.other_hash = None
        # A head that came later but names an earlier event: the chain was cut back.
        import datetime as dt

        session.add(
            DeviceAuditHead(device_id="dev-andere-pc", seq=7, hash="d" * 64, received_at=dt.datetime(2100, 1, 1))
        )
    with a.session() as session:
        report = audit.verify(session)
        assert not report.ok and "teruggezet tot gebeurtenis 7" in (report.problem or "")


def test_an_erasure_against_a_concurrent_edit_converges_and_shows_the_conflict(pcs) -> None:  # type: ignore[no-untyped-def]
    a, b = pcs
    youth_id = DossierService(a).create_youth(youth_values())
    sync(a, b)
    DossierService(a).delete_youth(youth_id)
    DossierService(b).update_fields(youth_id, {"city": "Zeist"})
    sync(a, b)
    sync(a, b)
    assert digest(a) == digest(b)
    for ctx in (a, b):
        found = conflicts(ctx, youth_id)
        assert [(c.entity, c.field) for c in found] == [("youth", merge.EXISTS)]
