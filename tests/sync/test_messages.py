"""Message bodies: the same bytes as the dict-based format before them, and what a receiver accepts.

The last test puts an envelope sealed from a hand-written body of the earlier format into the
school's outbox (as a data folder from before the change would have it) and sees it sent, applied
and its receipt come back.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select

from handover.crypto import AgeIdentity, seal_envelope
from handover.store.models import Youth
from handover.store.workspace import parse_recovery_code
from handover.sync.messages import (
    ConsentRef,
    DossierBody,
    MalformedBody,
    ReceiptBody,
    SchoolRef,
    Signer,
    StatusBody,
    WithdrawalBody,
    decode_body,
    encode_body,
    receipt_op_id,
    reply_record_id,
    stored_form,
)
from handover.sync.models import OutboxEnvelope, OutboxOp, SentRecord
from handover.sync.state import load_state

from .conftest import Installation, ready_dossier


def _old_json_bytes(obj: Any) -> bytes:
    """How the dict-literal code serialised a body (kept here as the reference)."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


DOSSIER_DICT = {"id": "y-1", "revision": 3, "last_name": "Özdemir", "contacts": [{"id": "c1", "name": "Ĳ"}]}
SIGNER = {"name": "Kees Klantmanager", "org_name": "Werk en Inkomen"}

OLD_FORMAT = [
    (
        {
            "type": "overstapdossier",
            "version": 1,
            "youth_revision": 3,
            "school": {"name": "Praktijkschool De Brug", "brin": "12AB"},
            "sent_by": "Marieke",
            "consent": {"id": "k1", "given_on": "2026-06-01", "sections": ["A", "C", "J", "K"]},
            "dossier": DOSSIER_DICT,
        },
        DossierBody(
            youth_revision=3,
            school=SchoolRef(name="Praktijkschool De Brug", brin="12AB"),
            sent_by="Marieke",
            consent=ConsentRef(id="k1", given_on="2026-06-01", sections=["A", "C", "J", "K"]),
            dossier=DOSSIER_DICT,
        ),
    ),
    (
        {
            "type": "intrekking",
            "version": 1,
            "dossier_id": "y-1",
            "reason": "Toestemming ingetrokken of niet meer geldig",
            "at": "2026-11-29T10:00:00.000Z",
        },
        WithdrawalBody(
            dossier_id="y-1", reason="Toestemming ingetrokken of niet meer geldig", at="2026-11-29T10:00:00.000Z"
        ),
    ),
    (
        {
            "type": "ontvangstbevestiging",
            "version": 1,
            "dossier_id": "y-1",
            "dossier_revision": 2,
            "dossier_op_id": "op-1",
            "dossier_sha256": "ab" * 32,
            "at": "2026-11-29T10:00:00.000Z",
            "signer": SIGNER,
        },
        ReceiptBody(
            dossier_id="y-1",
            dossier_revision=2,
            dossier_op_id="op-1",
            dossier_sha256="ab" * 32,
            at="2026-11-29T10:00:00.000Z",
            signer=Signer(**SIGNER),
        ),
    ),
    (
        {
            "type": "statusbericht",
            "version": 1,
            "dossier_id": "y-1",
            "status": "intake_gepland",
            "detail": "15 december",
            "at": "2026-11-29T10:00:00.000Z",
            "signer": SIGNER,
        },
        StatusBody(
            dossier_id="y-1",
            status="intake_gepland",
            detail="15 december",
            at="2026-11-29T10:00:00.000Z",
            signer=Signer(**SIGNER),
        ),
    ),
]


@pytest.mark.parametrize(("old", "model"), OLD_FORMAT, ids=lambda v: getattr(v, "type", ""))
def test_bodies_encode_to_the_bytes_of_the_earlier_dict_format(old: dict[str, Any], model: Any) -> None:
    assert encode_body(model) == _old_json_bytes(old)
    decoded = decode_body(_old_json_bytes(old))
    assert type(decoded) is type(model) and decoded == model
    assert stored_form(decoded) == old


def test_the_type_field_picks_the_model_and_unknown_input_is_malformed() -> None:
    minimal = decode_body(b'{"type":"ontvangstbevestiging","dossier_id":"y-1"}')
    assert isinstance(minimal, ReceiptBody) and minimal.signer is None and minimal.at is None
    # A newer sender's extra field is kept in what the receiver stores.
    extra = decode_body(b'{"type":"intrekking","dossier_id":"y-1","new_field":[1,2]}')
    assert isinstance(extra, WithdrawalBody) and stored_form(extra)["new_field"] == [1, 2]
    for bad in (b"not json", b"[1,2]", b'{"type":"onbekend"}', b'{"dossier_id":"y-1"}', b'{"type":"intrekking"}'):
        with pytest.raises(MalformedBody):
            decode_body(bad)


def test_deterministic_ids_never_change() -> None:
    # Both sides derive these independently, also for messages sent long ago: fixed values
    # (the same as the earlier code gave).
    assert reply_record_id("school-1", "dossier-1") == "db224dea-d026-59c1-ac92-2b9c885fbd9f"
    assert receipt_op_id("school-1", "op-1") == "309a5583-ef1f-5498-a382-7ea290f06928"


def test_an_outbox_row_sealed_in_the_earlier_format_is_sent_and_applied(
    school: Installation, gemeente: Installation
) -> None:
    youth_id = ready_dossier(school)
    school.sync.remove_hooks()
    with school.ctx.session() as session:  # start from an empty outbox, as if nothing was planned yet
        for op in session.scalars(select(OutboxOp)):
            session.delete(op)
        for rec in session.scalars(select(SentRecord)):
            session.delete(rec)
    school_state = school.sync.current_state()
    gemeente_state = gemeente.sync.current_state()
    assert school_state.enrollment is not None and gemeente_state.enrollment is not None
    dossier = {"id": youth_id, "revision": 1, "last_name": "Özdemir", "first_names": "Ĳsbrand Jan"}
    body = _old_json_bytes({**OLD_FORMAT[0][0], "dossier": dossier})
    keys = school.sync.keys
    sealed = seal_envelope(
        kind="dossier",
        sender_org=school_state.enrollment.org_id,
        sender_device=keys.device_id,
        device_key=keys.device,
        recipient_org=gemeente_state.enrollment.org_id,
        recipient_age_keys=[gemeente.sync.keys.org_age.recipient],
        # The school's own copy goes to its recovery key, as its signed key list says (the receiver checks).
        own_age_key=AgeIdentity(parse_recovery_code(school.recovery_code)).recipient,
        record_id=youth_id,
        revision=1,
        base_revision=0,
        op_id="op-from-an-older-version",
        body=body,
    )
    with school.ctx.session() as session:
        youth = session.get(Youth, youth_id)
        assert youth is not None
        session.add(
            OutboxOp(
                op_id="op-from-an-older-version",
                kind="dossier",
                record_id=youth_id,
                revision=1,
                base_revision=0,
                recipient_org=gemeente_state.enrollment.org_id,
                youth_id=youth_id,
                status="pending",
                body=OutboxEnvelope(envelope=sealed.data),
            )
        )
        session.add(
            SentRecord(
                record_id=youth_id,
                recipient_org=gemeente_state.enrollment.org_id,
                youth_id=youth_id,
                last_revision=1,
                last_kind="dossier",
                covered_revision=youth.revision,
            )
        )
    report = school.sync.sync()
    assert report.ok and report.stored == 1 and report.enqueued == 0

    assert gemeente.sync.sync().ok
    (row,) = gemeente.sync.received()
    assert row.body["dossier"]["last_name"] == "Özdemir" and row.school_name == "Praktijkschool De Brug"
    assert gemeente.sync.acknowledge_received() == 1 and gemeente.sync.sync().ok
    assert school.sync.sync().ok
    (receipt,) = school.sync.replies(youth_id)
    assert receipt.kind == "receipt"
    with school.ctx.session() as session:
        assert load_state(session).inbox_cursor >= 1
