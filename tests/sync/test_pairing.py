"""Adding a PC to a school (issue 13), against the real server on 127.0.0.1: the second data folder
receives the school's keys (only sealed to its own key, bound to the code), a message to the school
after joining opens on both PCs, Werk en Inkomen takes the new key list signed by the root key and
refuses one that is not; a wrong, used or expired code registers nothing; the server alone cannot
complete a join."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select, update

from handover.crypto.envelope import decrypt_envelope
from handover.crypto.keys import AgeIdentity, SigningKey, device_id_for, load_keys
from handover.crypto.manifest import OrgManifest, SignedManifest, sign_manifest, verify_manifest
from handover.crypto.pairing import new_code
from handover.server.joins import JOIN_CODE_TTL
from handover.server.schema import devices, join_requests, ops, orgs
from handover.server.testing import LiveServer
from handover.sync.devices import JoinCode
from handover.sync.errors import SyncUsageError
from handover.sync.models import SyncPeer
from handover.sync.pairing import JoinOutcome
from handover.sync.service import SyncService
from handover.sync.tuning import SyncTuning
from tests.sync.conftest import Installation, make_installation, ready_dossier


def eager(inst: Installation) -> SyncService:
    """The installation's sync engine with a directory refresh at every sync."""
    return SyncService(inst.ctx, tuning=SyncTuning(directory_refresh_seconds=0))


def pinned_manifest(gemeente: Installation, org_id: str, *, sync_first: bool = False) -> OrgManifest:
    """The school's key list as the gemeente holds it, verified against the root key it pinned."""
    if sync_first:
        eager(gemeente).sync()
    with gemeente.ctx.workspace.session() as session:
        peer = session.get(SyncPeer, org_id)
        assert peer is not None
        return verify_manifest(
            SignedManifest(peer.root_public_key, peer.manifest, peer.manifest_signature),
            expected_org_id=org_id,
            pinned_root=peer.root_public_key,
        )


@pytest.fixture
def second(tmp_path: Path) -> Iterator[Installation]:
    inst = make_installation(tmp_path, "school-pc2", role="school", org="Praktijkschool De Brug", user="Jan de Vries")
    yield inst
    inst.sync.close()
    inst.ctx.close()


def pair(
    live: LiveServer, school: Installation, second: Installation, code: JoinCode | None = None, *, wait: float = 60
) -> JoinOutcome:
    """The new PC joins in a thread; the enrolled PC waits for it (as ``add-device`` does)."""
    code = code or school.sync.add_device()
    result: dict[str, object] = {}

    def join() -> None:
        try:
            result["outcome"] = second.sync.join(live.url, code.code, "Jan de Vries", yes=True, timeout=60)
        except Exception as exc:  # noqa: BLE001 - handed to the test thread
            result["error"] = exc

    thread = threading.Thread(target=join)
    thread.start()
    joined = school.sync.wait_for_device(code, timeout=wait)
    thread.join(60)
    if "error" in result:
        raise result["error"]  # type: ignore[misc]
    assert joined is not None and joined.accepted and joined.user == "Jan de Vries"
    return result["outcome"]  # type: ignore[return-value]


def test_pairing_gives_the_second_pc_the_schools_keys_and_both_read_what_comes_after(
    live_server: LiveServer, school: Installation, gemeente: Installation, second: Installation
) -> None:
    outcome = pair(live_server, school, second)
    one, two = load_keys(school.secrets), load_keys(second.secrets)
    assert one is not None and two is not None
    assert outcome.org_id == school.sync.state_value("org_id") and outcome.fingerprint == one.root_fingerprint
    assert two.org_age.recipient == one.org_age.recipient and two.org_root.public_bytes == one.org_root.public_bytes
    assert two.device_id != one.device_id and second.sync.is_enrolled()
    # The pinned gemeente came along (authenticated by the code, no second phone call).
    with second.ctx.workspace.session() as session:
        assert [p.org_id for p in session.scalars(select(SyncPeer))] == [gemeente.sync.state_value("org_id")]
    listed = {d.short_id: d for d in school.sync.devices()}
    assert set(listed) == {one.device_id[4:12], two.device_id[4:12]}
    assert listed[two.device_id[4:12]].user == "Jan de Vries" and not listed[two.device_id[4:12]].is_this_pc
    assert all(d.state == "active" for d in listed.values())

    # Werk en Inkomen picks up the new key list (signed by the root key it pinned) with both PCs.
    youth = ready_dossier(school)
    assert school.sync.sync().ok
    report = eager(gemeente).sync_and_count()
    assert not report.errors
    manifest = pinned_manifest(gemeente, str(school.sync.state_value("org_id")))
    assert manifest.device_key(two.device_id) == two.device.public_bytes and manifest.serial == 2

    # The gemeente's receipt to the school, sent after the join, opens with both PCs' keys.
    with live_server.store.engine.connect() as conn:
        (receipt,) = conn.execute(select(ops.c.envelope).where(ops.c.kind == "receipt")).scalars()
    for keys in (one, two):
        decrypt_envelope(receipt, keys.org_age)
    assert second.sync.sync().pulled >= 1 and youth


def test_a_wrong_code_registers_nothing(live_server: LiveServer, school: Installation, second: Installation) -> None:
    real = school.sync.add_device()
    typo = real.code[:-3] + ("A" if real.code[-3] != "A" else "B") + real.code[-2:]
    with pytest.raises(SyncUsageError, match="verkeerd overgetypt"):
        second.sync.join(live_server.url, typo, "Jan", yes=True, timeout=1)
    other = new_code().text  # well-formed, but no PC of any school made it
    with pytest.raises(SyncUsageError, match="onbekend"):
        second.sync.join(live_server.url, other, "Jan", yes=True, timeout=1)
    with live_server.store.engine.connect() as conn:
        assert conn.execute(select(join_requests)).all() == []
        assert len(conn.execute(select(devices)).all()) == 2  # the gemeente's and the school's
    assert not second.sync.is_enrolled() and load_keys(second.secrets) is None


def test_a_right_lookup_with_a_wrong_secret_is_refused_by_the_school_pc(
    live_server: LiveServer, school: Installation, second: Installation
) -> None:
    real = school.sync.add_device()
    from handover.crypto.pairing import PairingCode, parse_code

    parsed = parse_code(real.code)
    guessed = PairingCode(parsed.lookup, new_code().secret)  # the server knows the lookup, not the secret
    with pytest.raises(SyncUsageError, match="niet toegelaten"):
        pair(live_server, school, second, JoinCode(guessed.text, real.expires_at), wait=4)
    assert [d.device_id for d in school.sync.devices()] == [school.sync.keys.device_id]
    assert not second.sync.is_enrolled()


def test_a_code_is_single_use_and_expires_after_24_hours(
    live_server: LiveServer, school: Installation, second: Installation, tmp_path: Path
) -> None:
    code = school.sync.add_device()
    pair(live_server, school, second, code)
    third = make_installation(tmp_path, "school-pc3", role="school", org="Praktijkschool De Brug", user="Els")
    try:
        with pytest.raises(SyncUsageError, match="al gebruikt"):
            third.sync.join(live_server.url, code.code, "Els", yes=True, timeout=1)
        later = school.sync.add_device()
        clock = live_server.store.registry.clock
        live_server.store.registry.clock = lambda: clock() + JOIN_CODE_TTL + 60
        try:
            with pytest.raises(SyncUsageError, match="verlopen"):
                third.sync.join(live_server.url, later.code, "Els", yes=True, timeout=1)
        finally:
            live_server.store.registry.clock = clock
        assert not third.sync.is_enrolled()
    finally:
        third.sync.close()
        third.ctx.close()


def test_the_server_alone_cannot_complete_a_join(
    live_server: LiveServer, school: Installation, second: Installation
) -> None:
    """A malicious server puts its own device key in the new PC's request: the school PC refuses."""
    code = school.sync.add_device()
    result: dict[str, object] = {}

    def join() -> None:
        try:
            second.sync.join(live_server.url, code.code, "Jan", yes=True, timeout=20)
        except SyncUsageError as exc:
            result["error"] = exc

    thread = threading.Thread(target=join)
    thread.start()
    evil = SigningKey.generate()
    evil_age = AgeIdentity.generate()
    swapped = False
    for _ in range(200):
        with live_server.store.engine.begin() as conn:
            swapped = bool(
                conn.execute(
                    update(join_requests).values(
                        device_id=device_id_for(evil.public_bytes),
                        device_public_key=evil.public_bytes,
                        age_recipient=evil_age.recipient,
                    )
                ).rowcount
            )
        if swapped:
            break
        threading.Event().wait(0.05)
    assert swapped
    joined = school.sync.wait_for_device(code, timeout=3)
    thread.join(30)
    assert joined is None  # refused, not let in
    with live_server.store.engine.connect() as conn:
        assert conn.execute(select(join_requests.c.state)).scalars().all() == ["refused"]
        assert device_id_for(evil.public_bytes) not in conn.execute(select(devices.c.device_id)).scalars().all()
        (manifest,) = conn.execute(select(orgs.c.manifest).where(orgs.c.kind == "school")).scalars()
    assert device_id_for(evil.public_bytes).encode() not in manifest
    assert not second.sync.is_enrolled()


def test_the_gemeente_refuses_a_key_list_not_signed_by_the_root_key(
    live_server: LiveServer, school: Installation, gemeente: Installation, second: Installation
) -> None:
    pair(live_server, school, second)
    keys = load_keys(school.secrets)
    assert keys is not None
    org_id = str(school.sync.state_value("org_id"))
    current = pinned_manifest(gemeente, org_id, sync_first=True)

    forged = sign_manifest(
        SigningKey.generate(),
        replace(current, serial=current.serial + 5, age_recipients=(AgeIdentity.generate().recipient,)),
    )
    with live_server.store.engine.begin() as conn:  # the server swaps in a key list of its own
        conn.execute(
            update(orgs)
            .where(orgs.c.org_id == org_id)
            .values(manifest=forged.manifest_bytes, manifest_signature=forged.signature)
        )
    report = eager(gemeente).sync()
    assert any("handtekening" in e for e in report.errors)
    manifest = pinned_manifest(gemeente, org_id)
    assert manifest.age_recipients == (keys.org_age.recipient,) and manifest.serial == current.serial


def test_join_again_after_the_school_pc_let_it_in_later(
    live_server: LiveServer, school: Installation, second: Installation
) -> None:
    """The new PC stopped waiting; the school PC lets it in at its next sync; joining again finishes."""
    code = school.sync.add_device()
    with pytest.raises(SyncUsageError, match="nog niet gereageerd"):
        second.sync.join(live_server.url, code.code, "Jan de Vries", yes=True, timeout=0)
    assert not second.sync.is_enrolled()
    assert school.sync.sync().ok  # the keys go over at the school PC's next sync
    outcome = second.sync.join(live_server.url, code.code, "Jan de Vries", yes=True, timeout=5)
    one, two = load_keys(school.secrets), load_keys(second.secrets)
    assert one is not None and two is not None and outcome.org_name == "Praktijkschool De Brug"
    assert two.org_root.public_bytes == one.org_root.public_bytes and second.sync.is_enrolled()
    assert not second.sync.sync().errors


def test_werk_en_inkomen_opens_what_the_new_pc_sends_right_away(
    live_server: LiveServer, school: Installation, gemeente: Installation, second: Installation
) -> None:
    """The gemeente's directory refresh is not due yet; a message from a PC its key list does not
    name makes it fetch the key lists first (signed by the root key it pinned), not refuse it."""
    from handover.sync.models import Quarantined, ReceivedFigures

    pair(live_server, school, second)
    rows = [{"vertrekjaar": 2025, "situatie": "werk", "aantal": "<5"}]
    second.sync.send_figures(None, {"peildatum": "2026-11-01", "rows": rows})
    assert not second.sync.sync().errors
    report = gemeente.sync.sync()
    assert report.ok, report.errors
    with gemeente.ctx.session() as session:
        assert session.scalars(select(Quarantined)).all() == []
        (figures,) = session.scalars(select(ReceivedFigures)).all()
        assert figures.body["rows"] == rows


def test_a_waiting_pc_hears_of_a_join_its_own_sync_let_in(
    live_server: LiveServer, school: Installation, second: Installation
) -> None:
    """The app syncs by itself while its dialog waits: the dialog still learns who came in."""
    code = school.sync.add_device()
    done: list[JoinOutcome] = []
    thread = threading.Thread(
        target=lambda: done.append(second.sync.join(live_server.url, code.code, "Jan de Vries", yes=True, timeout=30))
    )
    thread.start()
    for _ in range(30):
        school.sync.sync()  # the keys go over here, not in wait_for_device
        thread.join(1)
        if done:
            break
    assert done and second.sync.is_enrolled()
    joined = school.sync.wait_for_device(code, timeout=5)
    assert joined is not None and joined.accepted and joined.user == "Jan de Vries"
    assert joined.device_id == done[0].device_id
