"""Agreements both ways (issue 10): every version kept, fast-forward, conflicts shown on both sides."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from handover.server.testing import LiveServer
from handover.services.consent import ConsentService
from handover.services.dossiers import DossierService
from handover.store.models import AuditEvent
from handover.sync.errors import SyncUsageError
from handover.sync.exchange import agreement_heads, agreement_lines
from handover.sync.models import AgreementVersion, OutboxOp

from .conftest import Installation
from .test_gemeente_support import exchange, held, shared_dossier


def _lines(inst: Installation, youth_id: str):  # type: ignore[no-untyped-def]
    with inst.ctx.session() as session:
        return agreement_lines(session, youth_id)


def _status_at_school(school: Installation, youth_id: str, agreement_id: str) -> str:
    youth = DossierService(school.ctx).get(youth_id)
    (item,) = [a for a in youth.agreements if a.id == agreement_id]
    return str(item.status)


def test_the_klantmanager_marks_an_agreement_done_and_the_school_sees_who(
    school: Installation, gemeente: Installation
) -> None:
    youth_id, (agreement_id,) = shared_dossier(school)
    exchange(school, gemeente)
    (line,) = _lines(gemeente, youth_id)  # the root version, from the dossier body itself
    assert line.id == agreement_id and line.status == "open" and not line.conflict
    version = gemeente.sync.change_agreement(agreement_id, dossier_id=youth_id, status="gedaan", note="Ingeschreven")
    exchange(gemeente, school)
    assert _status_at_school(school, youth_id, agreement_id) == "gedaan"
    (line,) = _lines(school, youth_id)
    assert line.changed_by == "Kees Klantmanager" and not line.conflict and line.status == "gedaan"
    with school.ctx.session() as session:
        (head,) = agreement_heads(session, agreement_id)
        assert head.version_id == version and head.note == "Ingeschreven" and head.origin == "gemeente"
        # The school's audit log says who at Werk en Inkomen changed it.
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.entity == "agreement", AuditEvent.entity_id == agreement_id)
        ).all()[-1]
        assert "Kees Klantmanager" in event.actor and event.detail["status"] == "gedaan"
    # A later sync sends nothing about it again (the mirrored row equals the head).
    report = school.sync.sync()
    assert report.ok and report.enqueued == 0


def test_both_sides_change_offline_both_versions_survive_and_resolving_converges(
    school: Installation, gemeente: Installation
) -> None:
    youth_id, (agreement_id,) = shared_dossier(school)
    exchange(school, gemeente)
    # Offline, at the same time: the mentor edits in the dossier, the klantmanager marks it done.
    DossierService(school.ctx).update_item(youth_id, "agreements", agreement_id, {"status": "vervallen"})
    gemeente.sync.change_agreement(agreement_id, dossier_id=youth_id, status="gedaan", note="Intake gehad")
    # Both sync (school first, then gemeente, then school once more).
    exchange(school, gemeente)
    assert gemeente.sync.sync().ok
    for inst in (school, gemeente):
        (line,) = _lines(inst, youth_id)
        assert line.conflict, inst.ctx.actor
        with inst.ctx.session() as session:
            heads = agreement_heads(session, agreement_id)
            assert sorted(h.status for h in heads) == ["gedaan", "vervallen"]
            assert sorted(h.origin for h in heads) == ["gemeente", "school"]
            assert session.scalar(select(AgreementVersion).where(AgreementVersion.head.is_(False))) is not None
    # Nothing was overwritten at the school: the mentor's value stays until someone chooses.
    assert _status_at_school(school, youth_id, agreement_id) == "vervallen"
    with pytest.raises(SyncUsageError, match="conflict"):
        gemeente.sync.change_agreement(agreement_id, dossier_id=youth_id, status="open")
    # The klantmanager resolves for "gedaan"; the resolution travels and both sides converge.
    with gemeente.ctx.session() as session:
        chosen = next(h.version_id for h in agreement_heads(session, agreement_id) if h.status == "gedaan")
    resolved = gemeente.sync.resolve_agreement(agreement_id, chosen)
    exchange(gemeente, school)
    assert gemeente.sync.sync().ok
    for inst in (school, gemeente):
        (line,) = _lines(inst, youth_id)
        assert not line.conflict and line.status == "gedaan"
        with inst.ctx.session() as session:
            (head,) = agreement_heads(session, agreement_id)
            assert head.version_id == resolved and len(head.parent_ids) == 2
    assert _status_at_school(school, youth_id, agreement_id) == "gedaan"


def test_the_school_resolves_a_conflict_too(school: Installation, gemeente: Installation) -> None:
    youth_id, (agreement_id,) = shared_dossier(school)
    exchange(school, gemeente)
    DossierService(school.ctx).update_item(youth_id, "agreements", agreement_id, {"person": "Mentor"})
    gemeente.sync.change_agreement(agreement_id, dossier_id=youth_id, status="gedaan")
    exchange(school, gemeente)
    with school.ctx.session() as session:
        mine = next(h.version_id for h in agreement_heads(session, agreement_id) if h.origin == "school")
    school.sync.resolve_agreement(agreement_id, mine)
    exchange(school, gemeente)
    for inst in (school, gemeente):
        (line,) = _lines(inst, youth_id)
        assert not line.conflict and line.person == "Mentor" and line.status == "open"


def test_a_change_made_offline_is_sent_at_the_next_sync_exactly_once(
    school: Installation, gemeente: Installation, live_server: LiveServer
) -> None:
    youth_id, (agreement_id,) = shared_dossier(school)
    exchange(school, gemeente)
    before = live_server.store.count_ops()
    gemeente_url = gemeente.sync.current_state().enrollment.server_url  # type: ignore[union-attr]
    # Offline: point the gemeente at a closed port, change, sync (fails), then the real server again.
    _set_url(gemeente, "http://127.0.0.1:9")
    gemeente.sync.change_agreement(agreement_id, dossier_id=youth_id, status="gedaan")
    failed = gemeente.sync.sync()
    assert not failed.ok and failed.pending == 1
    _set_url(gemeente, gemeente_url)
    assert gemeente.sync.sync().ok
    assert gemeente.sync.sync().ok
    assert live_server.store.count_ops() == before + 1
    with gemeente.ctx.session() as session:
        assert session.scalars(select(OutboxOp.status).where(OutboxOp.kind == "agreement")).all() == ["acked"]
    assert school.sync.sync().ok
    assert _status_at_school(school, youth_id, agreement_id) == "gedaan"


def _set_url(inst: Installation, url: str) -> None:
    from dataclasses import replace

    from handover.sync.state import load_state, save_state

    with inst.ctx.workspace.session() as session:
        state = load_state(session)
        assert state.enrollment is not None
        save_state(session, replace(state, enrollment=replace(state.enrollment, server_url=url)))


def test_changes_for_a_withdrawn_dossier_are_refused_in_dutch(school: Installation, gemeente: Installation) -> None:
    youth_id, (agreement_id,) = shared_dossier(school)
    exchange(school, gemeente)
    row = held(gemeente, youth_id)
    youth = DossierService(school.ctx).get(youth_id)
    ConsentService(school.ctx).withdraw(youth_id, youth.consents[0].id)
    exchange(school, gemeente)
    for call in (
        lambda: gemeente.sync.change_agreement(agreement_id, dossier_id=youth_id, status="gedaan"),
        lambda: gemeente.sync.send_status(row.sender_org, youth_id, "route"),
        lambda: gemeente.sync.add_agreement(row.sender_org, youth_id, action="Bellen", organisation="jongere"),
    ):
        with pytest.raises(SyncUsageError) as info:
            call()
        assert "ingetrokken" in str(info.value) or "bestaat niet" in str(info.value)
    with pytest.raises(SyncUsageError, match="ingetrokken"):
        school.sync.change_agreement(agreement_id, dossier_id=youth_id, status="gedaan")
    # The gemeente holds no agreement content of a withdrawn dossier any more.
    with gemeente.ctx.session() as session:
        assert session.scalars(select(AgreementVersion)).all() == []


def test_the_klantmanager_adds_an_agreement_that_appears_in_the_school_dossier(
    school: Installation, gemeente: Installation
) -> None:
    youth_id, _ = shared_dossier(school)
    exchange(school, gemeente)
    row = held(gemeente, youth_id)
    new_id = gemeente.sync.add_agreement(
        row.sender_org, youth_id, action="Cv opsturen", organisation="jongere", person="Ĳsbrand"
    )
    exchange(gemeente, school)
    youth = DossierService(school.ctx).get(youth_id)
    (item,) = [a for a in youth.agreements if a.id == new_id]
    assert (item.action, item.organisation, item.person, item.status) == ("Cv opsturen", "jongere", "Ĳsbrand", "open")
    assert len(_lines(school, youth_id)) == 2
    with pytest.raises(SyncUsageError, match="organisatie"):
        gemeente.sync.add_agreement(row.sender_org, youth_id, action="x", organisation="de buurman")


def test_an_agreement_change_dropped_by_a_rebase_goes_again(
    school: Installation, gemeente: Installation, live_server: LiveServer
) -> None:
    from handover.server.testing import inject_message
    from handover.sync.messages import reply_record_id
    from handover.sync.models import SentRecord

    youth_id, (agreement_id,) = shared_dossier(school)
    exchange(school, gemeente)
    school_org, gemeente_org = str(school.sync.state_value("org_id")), str(gemeente.sync.state_value("org_id"))
    stream = reply_record_id(school_org, youth_id)
    with gemeente.ctx.session() as session:
        rec = session.get(SentRecord, (stream, school_org))
        assert rec is not None
        taken = rec.last_revision + 1
    inject_message(
        live_server.store,
        sender_org=gemeente_org,
        sender_device=gemeente.sync.keys.device_id,
        op_id="van-voor-de-terugzetting",
        record_id=stream,
        revision=taken,
        base_revision=taken - 1,
        kind="status",
        recipient_org=school_org,
        envelope=b"oud",
    )
    gemeente.sync.change_agreement(agreement_id, dossier_id=youth_id, status="gedaan")
    assert gemeente.sync.sync().rebased == 1
    assert gemeente.sync.sync().ok
    school.sync.sync()
    assert _status_at_school(school, youth_id, agreement_id) == "gedaan"
    with gemeente.ctx.session() as session:
        ops = session.scalars(select(OutboxOp).where(OutboxOp.kind == "agreement")).all()
        assert [(op.revision, op.status) for op in ops] == [(taken + 1, "acked")]


def test_an_edit_made_without_the_change_hook_is_captured_by_the_next_sync(
    school: Installation, gemeente: Installation
) -> None:
    youth_id, (agreement_id,) = shared_dossier(school)
    exchange(school, gemeente)
    school.sync.remove_hooks()  # e.g. a bulk change, or a window opened before enrolling
    DossierService(school.ctx).update_item(youth_id, "agreements", agreement_id, {"person": "Mentor"})
    with school.ctx.session() as session:
        assert session.scalars(select(OutboxOp).where(OutboxOp.kind == "agreement")).all() == []
    exchange(school, gemeente)
    (line,) = _lines(gemeente, youth_id)
    assert line.person == "Mentor" and line.changed_by == "Marieke de Jong" and not line.conflict
    report = school.sync.sync()
    assert report.ok and report.enqueued == 0  # captured once
