"""Deliberate sending against the real server on 127.0.0.1: chosen dossiers only, their later changes
follow, the send state per dossier, recipients as organisations, routing by woonplaats, held-back counts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from handover.server.schema import ops
from handover.server.testing import LiveServer
from handover.services.consent import ConsentService
from handover.services.dossiers import DossierService
from handover.services.settings import set_setting
from handover.store.models import Consent
from handover.sync import send_state
from handover.sync.send_state import load_send_states
from handover.sync.sending import WAIT_CHOICE, WAIT_CONSENT, WAIT_MOVED, WAIT_RECIPIENT

from .conftest import RECIPIENT, Installation, make_installation, ready_dossier, youth_values


def _server_ops(live: LiveServer) -> list[Any]:
    with live.store.engine.connect() as conn:
        return list(conn.execute(select(ops.c.record_id, ops.c.revision, ops.c.kind, ops.c.recipient_org)))


def _stored(live: LiveServer) -> list[tuple[str, int]]:
    return sorted((op.record_id, op.revision) for op in _server_ops(live) if op.kind == "dossier")


def _state(inst: Installation, youth_id: str, now: dt.datetime | None = None) -> send_state.SendState:
    with inst.ctx.workspace.session() as session:
        return load_send_states(session, inst.ctx.today(), ids=[youth_id], now=now)[youth_id]


def _consent(inst: Installation, youth_id: str, recipient: str, *, org_id: str | None = None) -> str:
    return ConsentService(inst.ctx).record(
        youth_id,
        {
            "given_by": "jongere",
            "given_by_name": "Ĳsbrand",
            "recipient": recipient,
            "purpose": "overstap",
            "given_on": dt.date(2026, 6, 1),
            "form": "papier",
        },
        ["B", "C"],
        recipient_org_id=org_id,
    )


def test_nothing_goes_out_until_chosen_then_later_changes_follow(
    school: Installation, gemeente: Installation, live_server: LiveServer
) -> None:
    first = ready_dossier(school, send=False)
    second = ready_dossier(school, send=False, first_names="Noor", last_name="Bakker", bsn=None)
    assert school.sync.sync().held_back == {}  # a plain sync does not count: the change goes first
    report = school.sync.sync_and_count()
    assert report.ok and report.stored == 0 and _stored(live_server) == []
    assert report.held_back == {WAIT_CHOICE: 2}
    assert "Alles verstuurd" not in report.summary() and "2 wachten" in report.summary()
    assert school.sync.overview().label != "Alles verstuurd"

    # The list the mentor chooses from, with the sections per gemeente, before anything leaves.
    offered = {p.youth_id: p for p in school.sync.qualifying()}
    assert set(offered) == {first, second}
    assert offered[first].gemeente == RECIPIENT and offered[first].sections == ("A", "B", "C", "F", "H", "J", "K")

    school.sync.send([first])
    assert _state(school, first).code == send_state.CONNECTION
    report = school.sync.sync_and_count()
    assert report.stored == 1 and _stored(live_server) == [(first, 1)]
    assert report.held_back == {WAIT_CHOICE: 1}
    assert _state(school, first).label == "verstuurd op " + f"{dt.datetime.now(dt.UTC):%d-%m-%Y}"

    # A later change of the chosen dossier goes out by itself; the other one still waits.
    DossierService(school.ctx).update_fields(first, {"phone": "0612345678"})
    report = school.sync.sync_and_count()
    assert report.stored == 1 and _stored(live_server) == [(first, 1), (first, 2)]

    # With the setting off, a change waits for the next deliberate send.
    with school.ctx.session() as session:
        set_setting(session, "send_updates_automatically", False)
    DossierService(school.ctx).update_fields(first, {"phone": "0687654321"})
    report = school.sync.sync_and_count()
    assert report.stored == 0 and _state(school, first).code == send_state.CHANGED
    assert report.held_back == {WAIT_CHOICE: 1, send_state.WAIT_CHANGE: 1}
    school.sync.send([first])
    assert school.sync.sync().stored == 1 and _stored(live_server)[-1] == (first, 3)


def test_send_states_from_consent_to_receipt(school: Installation, gemeente: Installation) -> None:
    youth_id = ready_dossier(school, consent=False)
    assert _state(school, youth_id).label == "wacht op toestemming"
    _consent(school, youth_id, RECIPIENT)
    assert _state(school, youth_id).label == "klaar om te versturen"
    school.sync.send([youth_id])
    assert _state(school, youth_id).label == "wacht op verbinding"
    school.sync.sync()
    today = f"{dt.datetime.now(dt.UTC):%d-%m-%Y}"
    assert _state(school, youth_id).label == f"verstuurd op {today}"
    later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(days=4)
    assert _state(school, youth_id, now=later).label == "ontvangstbevestiging ontbreekt"
    assert gemeente.sync.sync().ok and gemeente.sync.acknowledge_received() == 1 and gemeente.sync.sync().ok
    school.sync.sync()
    assert _state(school, youth_id, now=later).label == f"ontvangen op {today}"


def test_free_text_consents_map_by_exact_name_and_the_rest_wait_for_a_choice(
    school: Installation, gemeente: Installation, live_server: LiveServer
) -> None:
    exact = ready_dossier(school, consent=False, send=False)
    _consent(school, exact, RECIPIENT)
    loose = ready_dossier(school, consent=False, send=False, first_names="Sem", bsn=None)
    loose_consent = _consent(school, loose, "gemeente utrecht")
    report = school.sync.sync_and_count()
    with school.ctx.session() as session:
        mapped = dict(session.execute(select(Consent.youth_id, Consent.recipient_org_id)).all())
    gemeente_id = str(gemeente.sync.state_value("org_id"))
    assert mapped == {exact: gemeente_id, loose: None}
    assert report.held_back == {WAIT_CHOICE: 1, WAIT_RECIPIENT: 1}
    assert _state(school, loose).label == "wacht op keuze ontvanger"
    (preview,) = school.sync.preview_send([loose])
    assert preview.problem == WAIT_RECIPIENT

    ConsentService(school.ctx).choose_recipient(loose, loose_consent, gemeente_id, RECIPIENT)
    assert _state(school, loose).code == send_state.READY


def test_each_dossier_goes_to_the_gemeente_of_its_woonplaats(tmp_path: Path, live_server: LiveServer) -> None:
    """Two gemeenten on one server; the school enrolls once and sees both."""
    houten = make_installation(tmp_path, "houten", role="gemeente", org="Gemeente Houten", user="Kees")
    bunnik = make_installation(tmp_path, "bunnik", role="gemeente", org="Werk en Inkomen gemeente Bunnik", user="Ans")
    school = make_installation(tmp_path, "school", role="school", org="Praktijkschool De Brug", user="Marieke")
    try:
        for inst, name in ((houten, "Gemeente Houten"), (bunnik, "Werk en Inkomen gemeente Bunnik")):
            _, code = live_server.add_org(name, "gemeente")
            inst.sync.enroll(live_server.url, code, confirm=lambda peer: True)
        _, code = live_server.add_org("Praktijkschool De Brug", "school")
        school.sync.enroll(live_server.url, code, confirm=lambda peer: True)
        ids = {str(p.name): p.org_id for p in school.sync.peers()}
        assert set(ids) == {"Gemeente Houten", "Werk en Inkomen gemeente Bunnik"}

        in_houten = ready_dossier(school, consent=False, send=False, city="Houten", municipality="Houten")
        _consent(school, in_houten, "Gemeente Houten", org_id=ids["Gemeente Houten"])
        in_bunnik = ready_dossier(school, consent=False, send=False, first_names="Sem", bsn=None, city="Odijk")
        DossierService(school.ctx).update_fields(in_bunnik, {"municipality": "Bunnik"})
        _consent(school, in_bunnik, "Bunnik", org_id=ids["Werk en Inkomen gemeente Bunnik"])
        # Moved to Bunnik, but the consent names Houten: a new consent is needed.
        moved = ready_dossier(school, consent=False, send=False, first_names="Lot", bsn=None, city="Bunnik")
        _consent(school, moved, "Gemeente Houten", org_id=ids["Gemeente Houten"])

        previews = {p.youth_id: p for p in school.sync.preview_send([in_houten, in_bunnik, moved])}
        assert previews[in_houten].gemeente == "Gemeente Houten"
        assert previews[in_bunnik].gemeente == "Werk en Inkomen gemeente Bunnik"
        assert previews[moved].problem == WAIT_MOVED
        school.sync.send([in_houten, in_bunnik])
        report = school.sync.sync_and_count()
        assert report.stored == 2 and report.held_back == {WAIT_MOVED: 1}
        by_recipient = {op.record_id: op.recipient_org for op in _server_ops(live_server)}
        assert by_recipient == {in_houten: ids["Gemeente Houten"], in_bunnik: ids["Werk en Inkomen gemeente Bunnik"]}
    finally:
        for inst in (houten, bunnik, school):
            inst.sync.close()
            inst.ctx.close()


def test_a_dossier_without_consent_is_held_back_only_when_otherwise_ready(school: Installation) -> None:
    ready_dossier(school, consent=False)
    DossierService(school.ctx).create_youth(youth_values(first_names="Nog", bsn=None))  # a concept
    report = school.sync.sync_and_count()
    assert report.held_back == {WAIT_CONSENT: 1}
    with pytest.raises(Exception, match="wacht op toestemming"):
        school.sync.send([ready_dossier(school, consent=False, first_names="Zonder", bsn=None)])


def test_demo_data_uses_the_enrolled_gemeente_so_the_first_send_goes_where_expected(
    tmp_path: Path, live_server: LiveServer
) -> None:
    """The issue's newcomer: enrolled with "Gemeente Testdam", demo data made afterwards."""
    from handover.services.demo import build_demo

    testdam = make_installation(tmp_path, "testdam", role="gemeente", org="Gemeente Testdam", user="Kees")
    school = make_installation(tmp_path, "school", role="school", org="Praktijkschool De Brug", user="Marieke")
    try:
        _, code = live_server.add_org("Gemeente Testdam", "gemeente")
        testdam.sync.enroll(live_server.url, code, confirm=lambda peer: True)
        _, code = live_server.add_org("Praktijkschool De Brug", "school")
        school.sync.enroll(live_server.url, code, confirm=lambda peer: True)
        (peer,) = school.sync.peers()
        ids = build_demo(school.ctx, 12, seed=3, gemeenten=[(peer.org_id, peer.name)])
        views = [DossierService(school.ctx).get(i) for i in ids]
        assert {v.municipality for v in views} == {"Testdam"}
        assert {(c.recipient, c.recipient_org_id) for v in views for c in v.consents} == {
            ("Gemeente Testdam", peer.org_id)
        }

        report = school.sync.sync_and_count()
        assert report.stored == 0 and WAIT_RECIPIENT not in report.held_back
        offered = school.sync.qualifying()
        assert offered and {p.gemeente for p in offered} == {"Gemeente Testdam"}
        assert report.held_back[WAIT_CHOICE] == len(offered)
        school.sync.send([p.youth_id for p in offered])
        assert school.sync.sync().stored == len(offered)
        assert {op.recipient_org for op in _server_ops(live_server)} == {peer.org_id}
    finally:
        for inst in (testdam, school):
            inst.sync.close()
            inst.ctx.close()


def test_the_gemeente_counts_what_waits_for_confirming_the_school(tmp_path: Path, live_server: LiveServer) -> None:
    gemeente = make_installation(tmp_path, "gemeente", role="gemeente", org=RECIPIENT, user="Kees")
    school = make_installation(tmp_path, "school", role="school", org="Praktijkschool De Brug", user="Marieke")
    try:
        _, code = live_server.add_org(RECIPIENT, "gemeente")
        gemeente.sync.enroll(live_server.url, code, confirm=lambda peer: True)
        _, code = live_server.add_org("Praktijkschool De Brug", "school")
        school.sync.enroll(live_server.url, code, confirm=lambda peer: True)
        ready_dossier(school)
        assert school.sync.sync().stored == 1
        report = gemeente.sync.sync_and_count()  # the school's fingerprint was not compared yet: kept unopened
        assert report.held_back == {send_state.WAIT_SCHOOL: 1}
        assert "Alles verstuurd" not in report.summary()
        assert "1 wacht op bevestiging van de school" in report.summary()
    finally:
        for inst in (gemeente, school):
            inst.sync.close()
            inst.ctx.close()
