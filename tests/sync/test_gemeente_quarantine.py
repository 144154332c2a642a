"""Misaddressed, unknown or tampered workspace messages go to quarantine with a reason; nothing else changes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from handover.server.testing import LiveServer, replace_envelope
from handover.services.dossiers import DossierService
from handover.store.models import Agreement
from handover.sync.erasure import purge_sealed_for_youth
from handover.sync.messages import (
    AgreementBody,
    AgreementFields,
    UpdateBody,
    reply_record_id,
    school_updates_record_id,
)
from handover.sync.models import AgreementVersion, OutboxOp, ReceivedUpdate, SentUpdate, SyncPeer
from handover.sync.state import load_state

from .conftest import Installation
from .test_gemeente_support import exchange, record_checkin, shared_dossier


def _forge(inst: Installation, body: UpdateBody | AgreementBody, record_id: str) -> str:
    """A correctly signed message from ``inst`` whose content does not fit (what a buggy or old sender could send)."""
    writer = inst.sync._work._writer  # noqa: SLF001 - the installation's own signing, for a test
    with inst.ctx.workspace.session() as session:
        enrollment = load_state(session).enrollment
        assert enrollment is not None
        (peer,) = [p for p in session.scalars(select(SyncPeer)) if p.kind != enrollment.org_kind]
        return writer.enqueue(session, enrollment, peer, body, record_id=record_id, youth_id=None)


def _update(dossier_id: str, **values: object) -> UpdateBody:
    base: dict[str, object] = {
        "dossier_id": dossier_id,
        "held_on": "2026-11-20",
        "situation": "geen",
        "at": "2026-11-20T10:00:00Z",
    }
    base.update(values)
    return UpdateBody(**base)  # type: ignore[arg-type]


def test_updates_that_do_not_fit_are_quarantined_with_a_dutch_reason(
    school: Installation, gemeente: Installation
) -> None:
    youth_id, _ = shared_dossier(school)
    exchange(school, gemeente)
    org = str(school.sync.state_value("org_id"))
    _forge(school, _update("onbekend-dossier"), school_updates_record_id(org, "onbekend-dossier"))
    _forge(school, _update(youth_id), school_updates_record_id(org, "een-ander-dossier"))  # misaddressed stream
    _forge(school, _update(youth_id, situation="op de maan"), school_updates_record_id(org, youth_id))
    assert school.sync.sync().ok
    report = gemeente.sync.sync()
    assert report.quarantined == 3
    reasons = sorted((q.reason, q.message) for q in gemeente.sync.quarantine())
    assert [r for r, _ in reasons] == ["malformed", "malformed", "unknown_dossier"]
    assert all(message and "Error" not in message for _, message in reasons)
    with gemeente.ctx.session() as session:
        assert session.scalars(select(ReceivedUpdate)).all() == []


def test_agreements_that_do_not_fit_are_quarantined_at_the_school(school: Installation, gemeente: Installation) -> None:
    youth_id, (agreement_id,) = shared_dossier(school)
    other_id, _ = shared_dossier(school, first_names="Sanne")
    exchange(school, gemeente)
    school_org = str(school.sync.state_value("org_id"))

    def body(dossier_id: str, **fields: object) -> AgreementBody:
        values: dict[str, object] = {"action": "Bellen", "organisation": "werk_en_inkomen", "status": "gedaan"}
        values.update(fields)
        return AgreementBody(
            dossier_id=dossier_id,
            agreement_id=agreement_id,
            version_id=f"v-{dossier_id[:4]}-{len(fields)}",
            parent_ids=[],
            fields=AgreementFields(**values),  # type: ignore[arg-type]
            changed_by="Kees Klantmanager",
            changed_by_org="Werk en Inkomen",
            at="2026-11-29T10:00:00Z",
        )

    _forge(gemeente, body(other_id), reply_record_id(school_org, other_id))  # someone else's agreement
    _forge(gemeente, body(youth_id), reply_record_id(school_org, other_id))  # on another dossier's stream
    _forge(gemeente, body(youth_id, status="verbrand"), reply_record_id(school_org, youth_id))
    _forge(gemeente, body("nooit-verstuurd"), reply_record_id(school_org, "nooit-verstuurd"))
    assert gemeente.sync.sync().ok
    report = school.sync.sync()
    assert report.quarantined == 4
    assert sorted(q.reason for q in school.sync.quarantine()) == [
        "malformed",
        "malformed",
        "malformed",
        "wrong_recipient",
    ]
    youth = DossierService(school.ctx).get(youth_id)
    assert [(a.action, a.status) for a in youth.agreements] == [("Inschrijven bij Werk en Inkomen", "open")]
    with school.ctx.session() as session:
        assert all(v.origin == "school" for v in session.scalars(select(AgreementVersion)))


def test_a_tampered_update_is_quarantined_and_the_next_one_still_arrives(
    school: Installation, gemeente: Installation, live_server: LiveServer
) -> None:
    youth_id, _ = shared_dossier(school, checkins=True, planned_situation="werk")
    exchange(school, gemeente)
    record_checkin(school, youth_id, situation="geen", situation_reason="ontslag")
    assert school.sync.sync().ok
    with school.ctx.session() as session:
        (op,) = session.scalars(select(OutboxOp).where(OutboxOp.kind == "update")).all()
        data = bytearray(op.envelope)
    data[len(data) // 2] ^= 0x01
    replace_envelope(live_server.store, str(school.sync.state_value("org_id")), op.op_id, bytes(data))
    report = gemeente.sync.sync()
    assert report.quarantined == 1 and [q.kind for q in gemeente.sync.quarantine()] == ["update"]
    record_checkin(school, youth_id, held_on=dt.date(2026, 11, 27), situation="traject")
    exchange(school, gemeente)
    with gemeente.ctx.session() as session:
        assert [u.situation for u in session.scalars(select(ReceivedUpdate))] == ["traject"]


def test_erasing_a_young_person_takes_the_agreement_versions_and_news_records(
    school: Installation, gemeente: Installation
) -> None:
    youth_id, (agreement_id,) = shared_dossier(school, checkins=True, planned_situation="werk")
    exchange(school, gemeente)
    record_checkin(school, youth_id, situation="geen", situation_reason="zoekend")
    gemeente.sync.change_agreement(agreement_id, dossier_id=youth_id, status="gedaan")
    exchange(gemeente, school)
    with school.ctx.session() as session:
        assert session.scalars(select(AgreementVersion)).all() and session.scalars(select(SentUpdate)).all()
        purge_sealed_for_youth(session, youth_id)
    with school.ctx.session() as session:
        assert session.scalars(select(AgreementVersion)).all() == []
        assert session.scalars(select(SentUpdate)).all() == []
        assert session.get(Agreement, agreement_id) is not None  # the dossier itself is the retention's job
