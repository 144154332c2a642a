"""The server is not trusted: each attack a server (or its database) could make, against the real server on 127.0.0.1.

Keys are compared between the two organisations' own installations (``handover fingerprint``), never
against anything the server lists.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update

from handover import wire
from handover.crypto.envelope import (
    EnvelopeError,
    age_x25519_stanzas,
    decrypt_envelope,
    encrypt_plaintexts,
    sign_envelope,
)
from handover.crypto.keys import AgeIdentity, LocalKeys, load_or_create_keys
from handover.crypto.manifest import build_manifest
from handover.secrets import MemorySecretStore
from handover.server.schema import ops, orgs
from handover.server.testing import LiveServer
from handover.services.consent import ConsentService
from handover.services.dossiers import DossierService
from handover.services.settings import set_setting
from handover.store.models import Setting
from handover.store.workspace import RECOVERY_RECIPIENT_KEY, parse_recovery_code
from handover.sync.client import SyncClient
from handover.sync.errors import SyncUsageError
from handover.sync.models import OutboxOp
from handover.sync.peers import TrustedPeer
from handover.sync.service import EnrollAborted, SyncService
from handover.sync.testing import confirm_schools, enroll_with_code

from .conftest import Installation, make_installation, ready_dossier


def _swap_root_key(live_server: LiveServer, org_id: str) -> LocalKeys:
    """Whoever can write the server's database puts in a key set of their own for ``org_id``."""
    attacker = load_or_create_keys(MemorySecretStore())
    signed = build_manifest(attacker, org_id)
    with live_server.store.engine.begin() as conn:
        conn.execute(
            update(orgs)
            .where(orgs.c.org_id == org_id)
            .values(
                root_public_key=signed.root_public_key,
                manifest=signed.manifest_bytes,
                manifest_signature=signed.signature,
            )
        )
    return attacker


def test_a_swapped_gemeente_key_does_not_match_and_after_nee_nothing_is_sent(
    tmp_path: Path, live_server: LiveServer, gemeente: Installation
) -> None:
    gemeente_org = str(gemeente.sync.state_value("org_id"))
    attacker = _swap_root_key(live_server, gemeente_org)
    # What the gemeente's administrator reads aloud comes from the gemeente's own installation.
    read_aloud = gemeente.sync.own_fingerprint()
    assert read_aloud == gemeente.sync.keys.root_fingerprint

    school = make_installation(tmp_path, "s", role="school", org="Praktijkschool De Brug", user="Marieke")
    school_org, code = live_server.add_org("Praktijkschool De Brug", "school")
    shown: list[str] = []

    def compare_by_phone(peer: TrustedPeer) -> bool:
        shown.append(peer.fingerprint)
        return peer.fingerprint == read_aloud  # "Nee" when the groups differ

    with pytest.raises(EnrollAborted):
        school.sync.enroll(live_server.url, code, confirm=compare_by_phone)
    assert shown == [attacker.root_fingerprint] and shown[0] != read_aloud
    # After "Nee": not enrolled, no keys registered on the server, nothing sent, the code still good.
    assert not school.sync.is_enrolled()
    assert next(o for o in live_server.store.list_orgs() if o.org_id == school_org).status == "pending"
    assert live_server.store.check_code(code).org_id == school_org
    ready_dossier(school)
    with pytest.raises(SyncUsageError, match="niet ingeschreven"):
        school.sync.sync()
    assert live_server.store.count_ops() == 0
    school.sync.close()
    school.ctx.close()


def test_a_changed_root_key_is_refused_until_confirmed_again(
    school: Installation, gemeente: Installation, live_server: LiveServer
) -> None:
    gemeente_org = str(gemeente.sync.state_value("org_id"))
    pinned = gemeente.sync.own_fingerprint()
    attacker = _swap_root_key(live_server, gemeente_org)
    ready_dossier(school)
    report = school.sync.sync()
    assert any("sleutel is veranderd" in e for e in report.errors)
    (entry,) = school.sync.peer_entries("gemeente")
    # The pinned key stays; the server's key is only a proposal, shown for a phone comparison.
    assert entry.fingerprint == pinned and entry.proposed_fingerprint == attacker.root_fingerprint
    assert entry.state == "nieuwe sleutel, wacht op bevestiging"
    # What was sent is still for the real gemeente only: it opens there.
    gemeente_report = gemeente.sync.sync()
    assert gemeente_report.applied == 1 and len(gemeente.sync.received()) == 1
    # Confirming again out of band (here: wrongly) is the only way the new key is taken.
    school.sync.confirm_peer(entry.org_id)
    (entry,) = school.sync.peer_entries("gemeente")
    assert entry.fingerprint == attacker.root_fingerprint and entry.proposed_fingerprint is None


def test_a_fake_school_is_held_unopened_and_the_pinned_name_is_shown(
    school: Installation, gemeente: Installation, live_server: LiveServer
) -> None:
    # The server (or whoever holds an enrollment code) registers a school under the same name.
    _, fake_code = live_server.add_org("Praktijkschool De Brug", "school")
    fake = enroll_with_code(live_server.url, fake_code, "school")
    gemeente_org = str(gemeente.sync.state_value("org_id"))
    fake_target = type(fake)(gemeente_org, "gemeente", gemeente.sync.keys, fake.client)
    fake.client.push([fake.seal(fake_target, body=b'{"type":"overstapdossier","dossier":{}}')])
    # The real school's message body claims another name; the gemeente shows the one it pinned.
    with school.ctx.session() as session:
        set_setting(session, "org_name", "Een Heel Andere School")
    youth_id = ready_dossier(school)
    assert school.sync.sync().ok

    report = gemeente.sync.sync()
    assert report.held == 1 and report.applied == 1
    assert [r.record_id for r in gemeente.sync.received()] == [youth_id]
    assert gemeente.sync.received()[0].school_name == "Praktijkschool De Brug"
    assert gemeente.sync.overview().held == 1 and gemeente.sync.quarantine() == []
    states = sorted((e.org_id == fake.org_id, e.state, e.held) for e in gemeente.sync.peer_entries("school"))
    assert states == [(False, "bevestigd", 0), (True, "wacht op bevestiging", 1)]
    # Two schools with one name: the gemeente must pick by id, after comparing fingerprints.
    with pytest.raises(SyncUsageError, match="2 organisaties"):
        gemeente.sync.find_peer("Praktijkschool De Brug", "school")
    assert gemeente.sync.find_peer(fake.org_id[:8], "school").fingerprint == fake.keys.root_fingerprint


def test_a_new_school_waits_until_the_gemeente_confirms_it(
    tmp_path: Path, live_server: LiveServer, gemeente: Installation
) -> None:
    school = make_installation(tmp_path, "s", role="school", org="Praktijkschool De Brug", user="Marieke")
    _, code = live_server.add_org("Praktijkschool De Brug", "school")
    school.sync.enroll(live_server.url, code, confirm=lambda peer: True)
    youth_id = ready_dossier(school)
    assert school.sync.sync().ok

    report = gemeente.sync.sync()
    assert report.held == 1 and report.applied == 0 and gemeente.sync.received() == []
    assert gemeente.sync.acknowledge_received() == 0  # nothing opened, nothing confirmed to the school
    (entry,) = gemeente.sync.peer_entries("school")
    assert entry.state == "wacht op bevestiging" and entry.held == 1
    # The school reads its own fingerprint aloud; it is the one the gemeente pinned.
    assert entry.fingerprint == school.sync.own_fingerprint()
    released = gemeente.sync.confirm_peer(entry.org_id)
    assert released.applied == 1 and released.quarantined == 0
    assert [r.record_id for r in gemeente.sync.received()] == [youth_id]
    (entry,) = gemeente.sync.peer_entries("school")
    assert entry.state == "bevestigd" and entry.held == 0
    assert gemeente.sync.overview().held == 0
    # Applied exactly once: a later sync re-reading the inbox finds nothing new.
    assert gemeente.sync.sync().applied == 0
    school.sync.close()
    school.ctx.close()


def _sent_envelopes(school: Installation, live_server: LiveServer) -> list[bytes]:
    with school.ctx.session() as session:
        op_ids = list(session.scalars(select(OutboxOp.op_id).where(OutboxOp.kind == "dossier")))
    org = str(school.sync.state_value("org_id"))
    return [live_server.store.raw_envelope(org, op_id) or b"" for op_id in op_ids]


def test_an_edited_werkplek_json_adds_no_recipient(
    school: Installation, gemeente: Installation, live_server: LiveServer
) -> None:
    # Someone who can write to the data folder (a USB stick), without the database key, names a key of theirs.
    thief = AgeIdentity.generate()
    info_file = school.data_dir / "werkplek.json"
    info = json.loads(info_file.read_text("utf-8"))
    assert "recovery_recipient" not in info  # nothing that matters for security is kept there any more
    info["recovery_recipient"] = thief.recipient
    info_file.write_text(json.dumps(info), "utf-8")
    restarted = SyncService(school.ctx)  # the app starts again and reads the folder afresh
    ready_dossier(school)
    assert restarted.sync().ok
    restarted.close()

    (raw,) = _sent_envelopes(school, live_server)
    with pytest.raises(EnvelopeError):
        decrypt_envelope(raw, thief)
    recovery = AgeIdentity(parse_recovery_code(school.recovery_code))
    _, header, _ = decrypt_envelope(raw, recovery)  # the school's own copy: the recovery code pinned at init
    expected = {gemeente.sync.keys.org_age.key_id, recovery.key_id}
    assert set(header.recipient_key_ids) == expected and age_x25519_stanzas(raw) == 2
    assert gemeente.sync.sync().applied == 1


def test_a_data_folder_from_before_keeps_no_trust_in_werkplek_json(
    tmp_path: Path, live_server: LiveServer, gemeente: Installation
) -> None:
    """A folder made before the recovery key moved into the database: its werkplek.json copy is ignored."""
    school = make_installation(tmp_path, "oud", role="school", org="Praktijkschool De Brug", user="Marieke")
    thief = AgeIdentity.generate()
    with school.ctx.session() as session:
        session.execute(delete(Setting).where(Setting.key == RECOVERY_RECIPIENT_KEY))
    info_file = school.data_dir / "werkplek.json"
    info_file.write_text(json.dumps({"format": 1, "secret_store": "memory", "recovery_recipient": thief.recipient}))
    _, code = live_server.add_org("Praktijkschool De Brug", "school")
    school.sync.enroll(live_server.url, code, confirm=lambda peer: True)
    confirm_schools(gemeente.sync)
    ready_dossier(school)
    assert school.sync.sync().ok
    (raw,) = _sent_envelopes(school, live_server)
    with pytest.raises(EnvelopeError):
        decrypt_envelope(raw, thief)
    _, header, _ = decrypt_envelope(raw, school.sync.keys.org_age)  # own copy: the organisation key
    assert set(header.recipient_key_ids) == {gemeente.sync.keys.org_age.key_id, school.sync.keys.org_age.key_id}
    assert gemeente.sync.sync().applied == 1
    school.sync.close()
    school.ctx.close()


@pytest.mark.parametrize("where", ["signed header", "age header only"])
def test_an_envelope_for_an_extra_recipient_is_refused(
    school: Installation, gemeente: Installation, live_server: LiveServer, where: str
) -> None:
    """A sender that encrypts to one key too many (listed in the signed header, or hidden in age's own
    header) gets its message quarantined: the receiver checks the recipient set exactly."""
    thief = AgeIdentity.generate()
    keys = school.sync.keys
    school_org, gemeente_org = str(school.sync.state_value("org_id")), str(gemeente.sync.state_value("org_id"))
    own_copy = AgeIdentity(parse_recovery_code(school.recovery_code)).recipient
    to_gemeente = [gemeente.sync.keys.org_age.recipient]
    signed = sign_envelope(
        kind="dossier",
        sender_org=school_org,
        sender_device=keys.device_id,
        device_key=keys.device,
        recipient_org=gemeente_org,
        recipient_age_keys=[*to_gemeente, thief.recipient] if where == "signed header" else to_gemeente,
        own_age_key=own_copy,
        record_id=str(uuid.uuid4()),
        revision=1,
        base_revision=0,
        op_id=str(uuid.uuid4()),
        body=b'{"type":"overstapdossier","dossier":{}}',
    )
    (data,) = encrypt_plaintexts([signed.plain], [*signed.age_keys, thief.recipient])
    h = signed.header
    client = SyncClient(live_server.url)
    client.set_credentials(keys.device_id, keys.device)
    client.push(
        [
            wire.OpItem(
                op_id=h.op_id,
                record_id=h.record_id,
                revision=1,
                base_revision=0,
                kind="dossier",
                recipient_org=gemeente_org,
                envelope=wire.b64encode(data),
            )
        ]
    )
    client.close()
    report = gemeente.sync.sync()
    assert report.quarantined == 1 and report.applied == 0 and gemeente.sync.received() == []
    assert [q.reason for q in gemeente.sync.quarantine()] == ["recipient_set"]


def _withdraw(school: Installation, youth_id: str) -> str:
    consent_id = DossierService(school.ctx).get(youth_id).consents[0].id
    ConsentService(school.ctx).withdraw(youth_id, consent_id)
    with school.ctx.session() as session:
        op = session.scalars(select(OutboxOp).order_by(OutboxOp.id.desc())).first()
        assert op is not None and op.kind == "withdrawal"
        return op.op_id


def test_a_withdrawal_gets_a_signed_receipt_and_the_school_shows_it(
    school: Installation, gemeente: Installation
) -> None:
    youth_id = ready_dossier(school)
    assert school.sync.sync().ok
    assert gemeente.sync.sync().applied == 1 and gemeente.sync.acknowledge_received() == 1
    _withdraw(school, youth_id)
    assert school.sync.sync().ok
    report = gemeente.sync.sync()
    assert (report.stored, report.applied) == (1, 1)  # the dossier's receipt went out, the withdrawal came in
    assert gemeente.sync.acknowledge_received() == 1  # the withdrawal is confirmed too
    assert gemeente.sync.sync().ok
    assert school.sync.sync().ok
    statuses = [(r.kind, r.status) for r in school.sync.replies(youth_id)]
    assert statuses == [("receipt", "ontvangen"), ("receipt", "intrekking ontvangen")]
    (state,) = school.sync.withdrawal_states()
    assert state.code == "received" and state.label.startswith("intrekking ontvangen op ")


def test_a_dropped_withdrawal_shows_as_a_missing_receipt_after_the_deadline(
    school: Installation, gemeente: Installation, live_server: LiveServer
) -> None:
    youth_id = ready_dossier(school)
    assert school.sync.sync().ok
    withdrawal = _withdraw(school, youth_id)
    assert school.sync.sync().ok  # the server answered "stored" ...
    with live_server.store.engine.begin() as conn:  # ... and then dropped it
        conn.execute(delete(ops).where(ops.c.op_id == withdrawal))
    gemeente.sync.sync()
    (row,) = gemeente.sync.received()
    assert row.body is not None  # the gemeente still holds the dossier and cannot know otherwise
    assert gemeente.sync.acknowledge_received() == 1  # only the dossier version is confirmed
    assert gemeente.sync.sync().ok and school.sync.sync().ok

    (state,) = school.sync.withdrawal_states()
    assert state.code == "sent" and state.sent_at is not None
    (state,) = school.sync.withdrawal_states(now=state.sent_at + dt.timedelta(days=3, minutes=1))
    assert state.code == "missing" and "ontvangstbevestiging van de intrekking ontbreekt" in state.label


def test_a_version_gap_is_marked_on_both_sides_and_the_school_sends_again(
    school: Installation, gemeente: Installation, live_server: LiveServer
) -> None:
    youth_id = ready_dossier(school)
    assert school.sync.sync().ok
    assert gemeente.sync.sync().applied == 1
    DossierService(school.ctx).update_fields(youth_id, {"phone": "0612345678"})
    assert school.sync.sync().ok
    with school.ctx.session() as session:  # the server keeps version 2 but never delivers it
        withheld = session.scalars(select(OutboxOp.op_id).order_by(OutboxOp.id.desc())).first()
    with live_server.store.engine.begin() as conn:
        conn.execute(update(ops).where(ops.c.op_id == withheld).values(recipient_seq=-1))
    DossierService(school.ctx).update_fields(youth_id, {"phone": "0687654321"})
    assert school.sync.sync().ok

    assert gemeente.sync.sync().applied == 1  # version 3 is applied (it holds the whole dossier) ...
    (gap,) = gemeente.sync.version_gaps()  # ... and the hole is marked
    assert (gap.record_id, gap.first_missing, gap.last_missing) == (youth_id, 2, 2)
    assert gap.label == "versie ontbreekt (versie 2)"
    assert gemeente.sync.sync().stored == 1  # the signed notice to the school
    assert gemeente.sync.sync().stored == 0  # once

    report = school.sync.sync()
    assert [(r.kind, r.status) for r in school.sync.replies(youth_id)][-1] == ("status", "versie_ontbreekt")
    resent = school.sync.sync()  # the school sends the current version again
    assert resent.enqueued == 1 and resent.stored == 1, (report, resent)
    assert gemeente.sync.sync().applied == 1
    assert gemeente.sync.version_gaps() == []  # a version that follows on: the mark goes
    (row,) = gemeente.sync.received()
    assert row.body["dossier"]["phone"] == "06 87654321"  # the latest version, as the school stored it
