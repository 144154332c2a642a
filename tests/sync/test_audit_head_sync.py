"""Each signed message carries the sender's audit head (real server on 127.0.0.1)."""

from __future__ import annotations

from handover.store import audit
from handover.store.models import AuditEvent

from .conftest import Installation, ready_dossier


def test_a_received_dossier_carries_the_school_s_audit_head(school: Installation, gemeente: Installation) -> None:
    ready_dossier(school)
    assert school.sync.sync().ok
    assert gemeente.sync.sync().ok
    (row,) = gemeente.sync.received()
    head = row.body["audit_head"]
    with school.ctx.session() as session:
        event = session.get(AuditEvent, head["seq"])
        assert event is not None and event.hash == head["hash"]  # a real event of the school's chain
        assert audit.verify(session).ok
    assert gemeente.sync.acknowledge_received() == 1 and gemeente.sync.sync().ok
    assert school.sync.sync().ok
    replies = school.sync.replies(row.record_id)
    assert replies and replies[0].body["audit_head"]["seq"] >= 1  # the gemeente's receipt carries its own
