"""News after school (issue 10): a held check-in that matters goes to Werk en Inkomen once, with consent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from handover.server.testing import LiveServer, inject_message
from handover.services.consent import ConsentService
from handover.services.dossiers import DossierService
from handover.sync.messages import school_updates_record_id
from handover.sync.models import OutboxOp, ReceivedUpdate
from handover.sync.news import is_job_loss

from .conftest import Installation
from .test_gemeente_support import exchange, record_checkin, shared_dossier


def _updates(gemeente: Installation) -> list[ReceivedUpdate]:
    with gemeente.ctx.session() as session:
        rows = list(session.scalars(select(ReceivedUpdate).order_by(ReceivedUpdate.held_on, ReceivedUpdate.id)))
        for row in rows:
            session.expunge(row)
        return rows


def _update_ops(school: Installation) -> int:
    with school.ctx.session() as session:
        return len(session.scalars(select(OutboxOp).where(OutboxOp.kind == "update")).all())


def test_a_job_loss_reaches_the_gemeente_once_without_notes(school: Installation, gemeente: Installation) -> None:
    youth_id, _ = shared_dossier(school, checkins=True, planned_situation="werk")
    exchange(school, gemeente)
    record_checkin(
        school,
        youth_id,
        situation="geen",
        situation_reason="ontslag",
        care_signal="let_op",
        notes="Ruzie met de baas",
        next_contact=dt.date(2026, 12, 4),
    )
    exchange(school, gemeente)
    (update,) = _updates(gemeente)
    assert (update.situation, update.situation_reason, update.care_signal) == ("geen", "ontslag", "let_op")
    assert update.held_on == dt.date(2026, 11, 20) and update.next_contact == dt.date(2026, 12, 4)
    assert update.job_loss and update.notes is None  # notes only when the consent covers them
    # Syncing again sends nothing more: one update per check-in.
    exchange(school, gemeente)
    assert _update_ops(school) == 1 and len(_updates(gemeente)) == 1


def test_work_to_mbo_is_news_but_no_job_loss_at_either_end(school: Installation, gemeente: Installation) -> None:
    from handover.gemeente.queries import CARD_SITUATION, JOB_LOSS_TEXT, gemeente_today

    youth_id, _ = shared_dossier(school, checkins=True, planned_situation="werk")
    exchange(school, gemeente)
    record_checkin(school, youth_id, situation="mbo_2")
    exchange(school, gemeente)
    (update,) = _updates(gemeente)
    assert update.situation == "mbo_2" and not update.job_loss
    with gemeente.ctx.session() as session:
        (line,) = gemeente_today(session, today=gemeente.ctx.today())[CARD_SITUATION]
    assert not line.prominent and JOB_LOSS_TEXT not in line.what and "Mbo-bol niveau 2" in line.what


def test_notes_travel_only_with_their_consent_and_care_signal_counts(
    school: Installation, gemeente: Installation
) -> None:
    youth_id, _ = shared_dossier(school, checkins=True, notes=True, planned_situation="mbo_2")
    exchange(school, gemeente)
    record_checkin(school, youth_id, situation="mbo_2", care_signal="zorg", notes="Zorgen thuis")
    exchange(school, gemeente)
    (update,) = _updates(gemeente)
    assert update.care_signal == "zorg" and update.notes == "Zorgen thuis" and not update.job_loss


def test_nothing_goes_without_the_scope_or_without_news(school: Installation, gemeente: Installation) -> None:
    without_scope, _ = shared_dossier(school, planned_situation="werk")
    quiet, _ = shared_dossier(school, checkins=True, planned_situation="werk")
    exchange(school, gemeente)
    record_checkin(school, without_scope, situation="geen", situation_reason="ontslag")
    record_checkin(school, quiet, situation="werk", care_signal="geen")  # same situation, no care signal
    record_checkin(school, quiet, held_on=dt.date(2026, 11, 21), reached=False)  # not reached: no news
    exchange(school, gemeente)
    assert _updates(gemeente) == [] and _update_ops(school) == 0


def test_after_withdrawal_no_news_leaves_and_the_gemeente_erased_what_it_had(
    school: Installation, gemeente: Installation
) -> None:
    youth_id, _ = shared_dossier(school, checkins=True, planned_situation="werk")
    exchange(school, gemeente)
    record_checkin(school, youth_id, situation="traject")
    exchange(school, gemeente)
    assert len(_updates(gemeente)) == 1
    youth = DossierService(school.ctx).get(youth_id)
    ConsentService(school.ctx).withdraw(youth_id, youth.consents[0].id)
    record_checkin(school, youth_id, held_on=dt.date(2026, 11, 25), situation="geen", situation_reason="zoekend")
    exchange(school, gemeente)
    assert _updates(gemeente) == [] and _update_ops(school) == 1


def test_job_loss_rules() -> None:
    left = dt.date(2025, 7, 1)
    assert is_job_loss("werk", "geen", "zoekend", left, dt.date(2026, 1, 1))
    assert is_job_loss("werk_bbl", "geen", None, left, dt.date(2026, 1, 1))
    assert is_job_loss("mbo_2", "geen", "ontslag", left, dt.date(2026, 1, 1))
    assert not is_job_loss("mbo_2", "geen", "zoekend", left, dt.date(2026, 1, 1))
    assert not is_job_loss("werk", "werk_lks", None, left, dt.date(2026, 1, 1))
    assert not is_job_loss("werk", "geen", "ontslag", left, dt.date(2027, 8, 1))  # more than two years later


def test_a_move_from_work_to_school_or_day_activity_is_not_a_job_loss() -> None:
    left, on = dt.date(2025, 7, 1), dt.date(2026, 1, 1)
    for move in ("mbo_2", "mbo_entree", "ander_onderwijs", "dagbesteding_arbeid", "traject", "verhuisd"):
        assert not is_job_loss("werk", move, None, left, on), move
        assert not is_job_loss("werk_bbl", move, None, left, on), move
    assert not is_job_loss("werk", "mbo_2", "ontslag", left, on)  # a stale reason: it is about "geen"
    assert not is_job_loss("mbo_2", "geen", "zoekend", left, on)  # school to nothing: news, not a job loss
    assert not is_job_loss("werk", None, None, left, on)  # not reached says nothing


def test_the_consent_scope_is_stored_off_by_default_and_in_the_inzage_export(
    school: Installation, tmp_path: Path
) -> None:
    import json

    from handover.services.records import RecordsService

    youth_id, _ = shared_dossier(school, checkins=True, notes=False)
    other, _ = shared_dossier(school, first_names="Sanne")
    consents = {y: DossierService(school.ctx).get(y).consents[0] for y in (youth_id, other)}
    assert (consents[youth_id].includes_checkins, consents[youth_id].includes_checkin_notes) == (True, False)
    assert (consents[other].includes_checkins, consents[other].includes_checkin_notes) == (False, False)
    out = RecordsService(school.ctx).export_subject_access(youth_id, tmp_path / "inzage.json")
    (consent,) = json.loads(out.read_text(encoding="utf-8"))["dossier"]["consents"]
    assert consent["includes_checkins"] is True and consent["includes_checkin_notes"] is False


def test_news_dropped_by_a_rebase_goes_again_under_the_same_op_id(
    school: Installation, gemeente: Installation, live_server: LiveServer
) -> None:
    youth_id, _ = shared_dossier(school, checkins=True, planned_situation="werk")
    exchange(school, gemeente)
    school_org = str(school.sync.state_value("org_id"))
    # The server already holds revision 1 of the news stream (as after a restore of this PC from a backup).
    inject_message(
        live_server.store,
        sender_org=school_org,
        sender_device=school.sync.keys.device_id,
        op_id="van-voor-de-terugzetting",
        record_id=school_updates_record_id(school_org, youth_id),
        revision=1,
        base_revision=0,
        kind="update",
        recipient_org=str(gemeente.sync.state_value("org_id")),
        envelope=b"oud",
    )
    record_checkin(school, youth_id, situation="geen", situation_reason="ontslag")
    first = school.sync.sync()
    assert first.rebased == 1
    assert school.sync.sync().ok  # sealed again on top of the server's revision
    assert gemeente.sync.sync().quarantined == 1  # the old copy does not open here
    (update,) = _updates(gemeente)
    assert update.situation == "geen" and update.job_loss
    with school.ctx.session() as session:
        ops = session.scalars(select(OutboxOp).where(OutboxOp.kind == "update")).all()
        assert [(op.revision, op.status) for op in ops] == [(2, "acked")]
