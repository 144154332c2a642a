"""Retention at a school that sent dossiers (real server on 127.0.0.1): anonymising or erasing a dossier
past the retention period also removes its sealed envelopes from the outbox and the quarantine."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from handover.services.retention import ANONYMISE, ERASE, RetentionError, RetentionService
from handover.store.models import AuditEvent, Youth
from handover.sync.erasure import purge_sealed_for_youth
from handover.sync.models import OutboxEnvelope, OutboxOp, Quarantined

from .conftest import Installation, ready_dossier

LONG_AGO = dt.date(2023, 7, 10)  # retention ended 31-07-2025, before TODAY (29-11-2026)


def _count(inst: Installation, model: type, *where: object) -> int:
    with inst.ctx.session() as session:
        return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def _quarantine(inst: Installation, record_id: str) -> None:
    """A refused reply about this dossier, as the inbox keeps it (envelope bytes included)."""
    with inst.ctx.session() as session:
        session.add(
            Quarantined(
                seq=99,
                op_id=f"q-{record_id}",
                sender_org="gemeente",
                kind="status",
                record_id=record_id,
                revision=1,
                reason="signature",
                message="Handtekening klopt niet",
                envelope_sha256="0" * 64,
                envelope=b"sealed bytes",
            )
        )


@pytest.mark.parametrize("mode", [ANONYMISE, ERASE])
def test_retention_apply_empties_outbox_and_quarantine_for_that_dossier(
    school: Installation, gemeente: Installation, mode: str
) -> None:
    old = ready_dossier(school, leaving_date=LONG_AGO)
    recent = ready_dossier(school, first_names="Fatima", last_name="Bakker")
    assert school.sync.sync().ok  # both sent and acknowledged by the server; the envelopes stay
    for youth_id in (old, recent):
        assert _count(school, OutboxOp, OutboxOp.youth_id == youth_id, OutboxOp.status == "acked") >= 1
        _quarantine(school, youth_id)
    envelopes_before = _count(school, OutboxEnvelope)

    service = RetentionService(school.ctx, purge=purge_sealed_for_youth)
    assert [item.youth_id for item in service.due()] == [old]
    with pytest.raises(RetentionError):
        service.apply(recent, mode)  # not past the period: nothing happens
    outcome = service.apply(old, mode)

    assert outcome.envelopes_removed >= 2
    assert _count(school, OutboxOp, OutboxOp.youth_id == old) == 0
    assert _count(school, Quarantined, Quarantined.record_id == old) == 0
    assert _count(school, OutboxEnvelope) < envelopes_before
    # The other young person's envelopes and quarantine stay as they were.
    assert _count(school, OutboxOp, OutboxOp.youth_id == recent) >= 1
    assert _count(school, Quarantined, Quarantined.record_id == recent) == 1
    with school.ctx.session() as session:
        youth = session.get(Youth, old)
        assert (youth is None) == (mode == ERASE)
        if youth is not None:
            assert youth.anonymised and youth.last_name == "-" and youth.bsn is None
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.entity_id == old).order_by(AuditEvent.seq.desc())
        ).first()
        assert event is not None and event.action == "erase"
        assert (
            event.detail["reason"] == "bewaartermijn" and event.detail["envelopes_removed"] == outcome.envelopes_removed
        )
    assert service.due() == []
    assert school.sync.sync().ok  # nothing left over that refers to the removed dossier
