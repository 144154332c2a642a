"""The real server over HTTP on 127.0.0.1: enrollment, auth, push/pull, limits and authorization."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from handover import wire
from handover.crypto import EnvelopeError, ServerMetadata, open_envelope
from handover.server.settings import ServerSettings
from handover.server.testing import LiveServer, run_live_server
from handover.sync.client import SyncError
from handover.sync.testing import Member, enroll_member, enroll_with_code

PROTECTED = [
    ("GET", "/v1/directory", None),
    ("GET", "/v1/inbox", None),
    ("POST", "/v1/ops/known", {"op_ids": []}),
    (
        "POST",
        "/v1/ops",
        {
            "ops": [
                {
                    "op_id": "x",
                    "record_id": "r",
                    "revision": 1,
                    "base_revision": 0,
                    "kind": "dossier",
                    "recipient_org": "g",
                    "envelope": "AAAA",
                }
            ]
        },
    ),
]


def _token(m: Member) -> str:
    """A fresh session token for ``m``'s device, by the same challenge and signature the client uses."""
    url, device = m.client.base_url, m.keys.device_id
    nonce = httpx.post(f"{url}/v1/auth/challenge", json={"device_id": device}).json()["nonce"]
    signature = wire.b64encode(m.keys.device.sign(wire.auth_signed_bytes(device, nonce)))
    answer = httpx.post(f"{url}/v1/auth/token", json={"device_id": device, "nonce": nonce, "signature": signature})
    assert answer.status_code == 200
    return str(answer.json()["token"])


def _meta(msg: wire.InboxMessage) -> ServerMetadata:
    return ServerMetadata(
        msg.op_id,
        msg.kind,
        msg.sender_org,
        msg.sender_device,
        msg.recipient_org,
        msg.record_id,
        msg.revision,
        msg.base_revision,
    )


def test_health_and_openapi_are_published(live_server: LiveServer) -> None:
    health = httpx.get(f"{live_server.url}/v1/health").json()
    assert health["status"] == "ok" and health["epoch"] == live_server.store.epoch()
    spec = httpx.get(f"{live_server.url}/openapi.json").json()
    assert {"/v1/ops", "/v1/inbox", "/v1/enroll", "/v1/auth/token", "/v1/directory", "/v1/ops/known"} <= set(
        spec["paths"]
    )


def test_directory_shows_only_peers_with_verifiable_keys(members: dict[str, Member]) -> None:
    g, a, b = members["G"], members["A"], members["B"]
    school_view = a.client.directory().organisations
    assert [e.org_id for e in school_view] == [g.org_id]
    assert school_view[0].fingerprint == g.keys.root_fingerprint
    assert {e.org_id for e in g.client.directory().organisations} == {a.org_id, b.org_id}


def test_push_pull_roundtrip_and_duplicate_push(members: dict[str, Member]) -> None:
    g, a = members["G"], members["A"]
    op = a.seal(g, body=b'{"hallo":1}')
    first = a.client.push([op]).results[0]
    second = a.client.push([op]).results[0]
    assert (first.status, second.status, first.seq, second.seq) == ("stored", "duplicate", 1, 1)
    page = g.client.inbox(0)
    assert len(page.messages) == 1 and page.head == 1 and page.epoch == a.client.health().epoch
    msg = page.messages[0]
    opened = open_envelope(
        wire.b64decode(msg.envelope),
        identity=g.keys.org_age,
        my_org=g.org_id,
        device_key_lookup=lambda org, dev: (
            a.keys.device.public_bytes if (org, dev) == (a.org_id, a.keys.device_id) else None
        ),
        metadata=_meta(msg),
        last_revision=None,
    )
    assert opened.body == b'{"hallo":1}'
    assert a.client.known([op.op_id, str(uuid.uuid4())]).known == {op.op_id: 1}


def test_stale_base_revision_gets_conflict_over_http(members: dict[str, Member]) -> None:
    g, a = members["G"], members["A"]
    record = str(uuid.uuid4())
    r1 = a.seal(g, record_id=record, revision=1, base_revision=0, body=b"1")
    r2 = a.seal(g, record_id=record, revision=2, base_revision=1, body=b"2")
    stale = a.seal(g, record_id=record, revision=3, base_revision=1, body=b"3")
    results = a.client.push([r1, r2, stale]).results
    assert [r.status for r in results] == ["stored", "stored", "conflict"]
    assert results[2].reason == "stale_base" and results[2].server_revision == 2
    assert [m.revision for m in g.client.inbox(0).messages] == [1, 2]


def test_every_protected_route_needs_a_valid_token(live_server: LiveServer, members: dict[str, Member]) -> None:
    for method, path, body in PROTECTED:
        for headers in ({}, {"Authorization": "Bearer not-a-token"}, {"Authorization": "Basic eDp5"}):
            r = httpx.request(method, f"{live_server.url}{path}", json=body, headers=headers)
            assert r.status_code == 401, (method, path, headers)


def test_authorization_matrix_school_a_versus_school_b(live_server: LiveServer, members: dict[str, Member]) -> None:
    g, a, b = members["G"], members["A"], members["B"]
    # G writes to B; A must never see it, whatever A asks for.
    to_b = g.seal(b, kind="receipt")
    assert g.client.push([to_b]).results[0].status == "stored"
    a_headers = {"Authorization": f"Bearer {_token(a)}"}
    for params in ({}, {"org": b.org_id}, {"recipient_org": b.org_id, "since": 0}):
        r = httpx.get(f"{live_server.url}/v1/inbox", params=params, headers=a_headers)
        assert r.status_code == 200 and r.json()["messages"] == []
    assert [m.op_id for m in b.client.inbox(0).messages] == [to_b.op_id]

    # Directory: a school sees the municipality only, never another school.
    assert b.org_id not in {e.org_id for e in a.client.directory().organisations}

    # Known: A cannot learn which op ids B has on the server.
    b_op = b.seal(g)
    b.client.push([b_op])
    assert a.client.known([b_op.op_id]).known == {}

    # Sending as B: there is no field to claim a sender; the server records A, and the receiver's
    # check of server metadata against the signed header (which says B) rejects the message.
    forged = b.seal(g, body=b'{"forged":true}')
    result = a.client.push([forged]).results[0]
    assert result.status == "stored"
    msg = next(m for m in g.client.inbox(0).messages if m.op_id == forged.op_id and m.sender_org == a.org_id)
    with pytest.raises(EnvelopeError) as err:
        open_envelope(
            wire.b64decode(msg.envelope),
            identity=g.keys.org_age,
            my_org=g.org_id,
            device_key_lookup=lambda org, dev: b.keys.device.public_bytes,
            metadata=_meta(msg),
            last_revision=None,
        )
    assert err.value.code == "metadata_mismatch"
    # The same op id under B is untouched: namespaces are per sender.
    assert b.client.push([b_op]).results[0].status == "duplicate"

    # Pushing to a school (another school or itself) is refused.
    assert [r.reason for r in a.client.push([a.seal(b), a.seal(a)]).results] == ["not_allowed", "not_allowed"]

    # Logging in as B's device with A's key fails.
    challenge = httpx.post(f"{live_server.url}/v1/auth/challenge", json={"device_id": b.keys.device_id}).json()
    sig = a.keys.device.sign(wire.auth_signed_bytes(b.keys.device_id, challenge["nonce"]))
    r = httpx.post(
        f"{live_server.url}/v1/auth/token",
        json={"device_id": b.keys.device_id, "nonce": challenge["nonce"], "signature": wire.b64encode(sig)},
    )
    assert r.status_code == 401


def test_revoked_organisation_is_locked_out(live_server: LiveServer, members: dict[str, Member]) -> None:
    a = members["A"]
    token = _token(a)
    assert live_server.store.revoke_org(a.org_id)
    for method, path, body in PROTECTED:
        r = httpx.request(method, f"{live_server.url}{path}", json=body, headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 401
    a.client.set_credentials(a.keys.device_id, a.keys.device)  # its session is gone: log in again
    with pytest.raises(SyncError) as err:
        a.client.directory()
    assert err.value.kind == "auth"


def test_enrollment_code_cannot_be_reused_over_http(live_server: LiveServer) -> None:
    _, code = live_server.add_org("School C", "school")
    r1 = httpx.post(f"{live_server.url}/v1/enroll/check", json={"code": code})
    assert r1.status_code == 200 and r1.json()["kind"] == "school"
    assert enroll_with_code(live_server.url, code, "school").org_id
    r2 = httpx.post(f"{live_server.url}/v1/enroll/check", json={"code": code})
    assert r2.status_code == 403
    assert httpx.post(f"{live_server.url}/v1/enroll/check", json={"code": "AAAA-BBBB-CCCC"}).status_code == 403


@pytest.fixture
def strict_server(tmp_path: Path) -> Iterator[LiveServer]:
    settings = ServerSettings(
        db_url=f"sqlite:///{tmp_path / 'strict.db'}", rate_limit_per_minute=60, rate_limit_burst=3
    )
    with run_live_server(settings) as live:
        yield live


@pytest.mark.parametrize(
    "method,path,body",
    [
        ("GET", "/v1/health", None),
        ("POST", "/v1/enroll/check", {"code": "AAAA-BBBB-CCCC"}),
        ("POST", "/v1/enroll", {}),
        ("POST", "/v1/auth/challenge", {"device_id": "dev-x"}),
        ("POST", "/v1/auth/token", {}),
        *PROTECTED,
    ],
)
def test_rate_limit_on_every_route(strict_server: LiveServer, method: str, path: str, body: object) -> None:
    statuses = [httpx.request(method, f"{strict_server.url}{path}", json=body).status_code for _ in range(4)]
    assert 429 not in statuses[:3] and statuses[3] == 429
    r = httpx.request(method, f"{strict_server.url}{path}", json=body)
    assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1


def test_body_limits(live_server: LiveServer, members: dict[str, Member]) -> None:
    url = live_server.url
    big = {"code": "A" * 40, "pad": "x" * (70 * 1024)}
    assert httpx.post(f"{url}/v1/enroll/check", json=big).status_code == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: the server must count the bytes itself
        yield b'{"code":"'
        for _ in range(100):
            yield b"A" * 1024
        yield b'"}'

    assert httpx.post(f"{url}/v1/auth/challenge", content=chunks()).status_code == 413
    headers = {"Authorization": f"Bearer {_token(members['A'])}", "Content-Type": "application/json"}
    huge = b'{"ops":[' + b"0" * (1024 * 1024) + b"]}"
    assert httpx.post(f"{url}/v1/ops", content=huge, headers=headers).status_code == 413
    g, a = members["G"], members["A"]
    too_many = {"ops": [a.seal(g).model_dump() for _ in range(101)]}
    assert httpx.post(f"{url}/v1/ops", json=too_many, headers=headers).status_code in (413, 422)
    assert live_server.store.count_ops() == 0


def test_logs_never_contain_tokens_codes_or_names(live_server: LiveServer, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    g = enroll_member(live_server, "Gemeente Geheimstad", "gemeente")
    _, code = live_server.add_org("School De Verborgen Vallei", "school")
    a = enroll_with_code(live_server.url, code, "school")
    op = a.seal(g, body=b'{"bsn":"111222333","naam":"Jan Jansen"}')
    a.client.push([op])
    g.client.inbox(0)
    tokens = [_token(a), _token(g)]  # issued (and used by nothing) while the log is recorded
    text = caplog.text
    assert "ingeschreven" in text and "push van" in text  # the log is there, just clean
    for secret in (*tokens, code, "Geheimstad", "Verborgen", "111222333", "Jansen"):
        assert secret not in text


def test_epoch_change_is_visible_to_clients(live_server: LiveServer, members: dict[str, Member]) -> None:
    a = members["A"]
    before = a.client.inbox(0).epoch
    live_server.store.new_epoch()
    after = a.client.inbox(0).epoch
    assert before != after == a.client.health().epoch


def test_inbox_paging(members: dict[str, Member]) -> None:
    g, a = members["G"], members["A"]
    a.client.push([a.seal(g) for _ in range(7)])
    seen: list[int] = []
    since = 0
    while True:
        page = g.client.inbox(since, limit=3)
        seen += [m.seq for m in page.messages]
        if not page.has_more:
            break
        since = page.messages[-1].seq
    assert seen == list(range(1, 8))


def test_behind_a_proxy_limits_apply_per_forwarded_client(tmp_path: Path) -> None:
    settings = ServerSettings(
        db_url=f"sqlite:///{tmp_path / 'proxy.db'}",
        rate_limit_per_minute=60,
        rate_limit_burst=2,
        trust_forwarded_for=True,
    )
    with run_live_server(settings) as live:

        def get(client_ip: str) -> int:
            return httpx.get(f"{live.url}/v1/health", headers={"X-Forwarded-For": client_ip}).status_code

        assert [get("client-a") for _ in range(3)] == [200, 200, 429]
        assert get("client-b") == 200  # another school behind the same proxy is not blocked


def test_client_logs_in_again_when_its_session_is_gone(live_server: LiveServer, members: dict[str, Member]) -> None:
    from handover.server.schema import tokens

    a = members["A"]
    a.client.directory()  # logged in
    with live_server.store.engine.begin() as conn:  # sessions expired or the server was restarted
        conn.execute(tokens.delete())
    assert [e.kind for e in a.client.directory().organisations] == ["gemeente"]
    with live_server.store.engine.connect() as conn:  # ... because it got a new session
        assert conn.execute(select(tokens.c.device_id)).scalars().all() == [a.keys.device_id]


def test_a_spoofed_forwarded_for_does_not_bypass_the_limit(tmp_path: Path) -> None:
    """The proxy appends the address it saw; a client that makes up hops to the left stays one client."""
    settings = ServerSettings(
        db_url=f"sqlite:///{tmp_path / 'proxy.db'}",
        rate_limit_per_minute=60,
        rate_limit_burst=2,
        trust_forwarded_for=True,
    )
    with run_live_server(settings) as live:

        def get(forwarded: str) -> int:
            return httpx.get(f"{live.url}/v1/health", headers={"X-Forwarded-For": forwarded}).status_code

        spoofed = [get(f"10.0.0.{n}, 203.0.113.7") for n in range(4)]
        assert spoofed == [200, 200, 429, 429]
        assert get("203.0.113.8") == 200  # the next real client is another bucket
