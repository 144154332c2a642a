"""The server's contract: the OpenAPI document lists every status code and the formats of encoded fields;
the rate limiter and the login challenges use bounded memory."""

from __future__ import annotations

import base64
import binascii
import re

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handover import wire
from handover.server.app import ROUTE_ERRORS
from handover.server.ratelimit import RateLimiter
from handover.server.schema import StoreError
from handover.server.store import ServerStore
from handover.server.testing import LiveServer
from handover.wire.schemas import B64_PATTERN


def _spec(live_server: LiveServer) -> dict:
    return httpx.get(f"{live_server.url}/openapi.json").json()  # type: ignore[no-any-return]


def _schema(spec: dict, name: str) -> dict:
    return spec["components"]["schemas"][name]  # type: ignore[no-any-return]


def test_openapi_lists_every_status_code_of_every_route(live_server: LiveServer) -> None:
    spec = _spec(live_server)
    documented = {(path, method) for path, item in spec["paths"].items() for method in item}
    assert documented == set(ROUTE_ERRORS), "a route without its list of status codes"
    for (path, method), errors in ROUTE_ERRORS.items():
        codes = set(spec["paths"][path][method]["responses"])
        assert codes == {"200", *map(str, errors), "413", "429"}, (path, method)
    responses = {key: set(spec["paths"][key[0]][key[1]]["responses"]) for key in ROUTE_ERRORS}
    assert {"401"} <= responses[("/v1/ops", "post")] and {"409"} <= responses[("/v1/ops", "post")]
    assert {"403", "409"} <= responses[("/v1/enroll", "post")]
    assert all({"413", "429"} <= codes for codes in responses.values())
    for path in ("/v1/inbox", "/v1/directory", "/v1/ops/known", "/v1/auth/token"):
        assert "401" in next(iter(spec["paths"][path].values()))["responses"], path
    too_many = spec["paths"]["/v1/ops"]["post"]["responses"]["429"]
    assert "Retry-After" in too_many["headers"]


def test_openapi_states_the_format_of_encoded_fields(live_server: LiveServer) -> None:
    spec = _spec(live_server)
    enroll = _schema(spec, "EnrollRequest")["properties"]
    for name in ("device_public_key", "root_public_key"):
        field = enroll[name]
        assert field["contentEncoding"] == "base64" and field["format"] == "byte"
        assert field["minLength"] == field["maxLength"] == 44
    assert enroll["manifest_signature"]["minLength"] == enroll["manifest_signature"]["maxLength"] == 88
    assert enroll["manifest"]["pattern"] == B64_PATTERN
    envelope = _schema(spec, "OpItem")["properties"]["envelope"]
    assert envelope["contentEncoding"] == "base64" and envelope["maxLength"] == wire.MAX_ENVELOPE_B64
    assert envelope["pattern"] == B64_PATTERN
    token = _schema(spec, "TokenRequest")["properties"]["signature"]
    assert token["maxLength"] == 88 and token["contentEncoding"] == "base64"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=", max_size=24))
def test_the_base64_pattern_accepts_exactly_what_the_server_decodes(text: str) -> None:
    """A value the schema's pattern accepts is never refused by the server's base64 decoding."""
    try:
        base64.b64decode(text, validate=True)
        decodes = True
    except (binascii.Error, ValueError):
        decodes = False
    if re.fullmatch(B64_PATTERN, text):
        assert decodes, text


@given(st.binary(max_size=200))
def test_every_encoded_value_matches_the_pattern(data: bytes) -> None:
    assert re.fullmatch(B64_PATTERN, wire.b64encode(data))


def test_a_key_of_the_wrong_length_is_refused_by_the_schema_not_as_malformed(live_server: LiveServer) -> None:
    body = {
        "code": "ABCD-EFGH-IJKL",
        "device_id": "dev-x",
        "device_public_key": wire.b64encode(b"\x01" * 16),  # base64, but not 32 bytes
        "root_public_key": wire.b64encode(b"\x02" * 32),
        "manifest": wire.b64encode(b"{}"),
        "manifest_signature": wire.b64encode(b"\x03" * 64),
    }
    answer = httpx.post(f"{live_server.url}/v1/enroll", json=body)
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"][-1] == "device_public_key"


def test_rate_limiter_memory_is_bounded_and_keeps_the_recent_clients() -> None:
    now = [0.0]
    limiter = RateLimiter(per_minute=60, burst=2, clock=lambda: now[0], max_buckets=100)
    assert limiter.check("10.0.0.1", "ops") == 0 and limiter.check("10.0.0.1", "ops") == 0
    assert limiter.check("10.0.0.1", "ops") > 0  # limited
    for i in range(10_000):  # many addresses within the same second
        limiter.check(f"2001:db8::{i:x}", "ops")
        limiter.check("10.0.0.1", "ops")  # the busy client keeps asking and stays recent
        assert len(limiter) <= 100
    assert limiter.check("10.0.0.1", "ops") > 0, "a busy client must not get a fresh bucket by eviction"
    now[0] += 120.0  # everything refilled: the next check drops what carries no state
    limiter.check("10.0.0.2", "ops")
    assert len(limiter) <= 100


def test_login_challenges_are_bounded_per_device_and_in_total(store: ServerStore) -> None:
    from sqlalchemy import func, select

    from handover.server.schema import nonces

    def live() -> int:
        with store.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(nonces)).scalar_one())

    for _ in range(20):
        store.new_nonce("dev-a")
    assert live() == store.max_nonces_per_device
    store.max_live_nonces = 10
    for i in range(6):
        store.new_nonce(f"dev-{i}")
    assert live() == 10
    with pytest.raises(StoreError) as info:
        store.new_nonce("dev-z")
    assert info.value.status == 429 and live() == 10


def test_too_many_challenges_answer_429_with_retry_after(live_server: LiveServer) -> None:
    live_server.store.max_live_nonces = 1
    url = f"{live_server.url}/v1/auth/challenge"
    assert httpx.post(url, json={"device_id": "dev-1"}).status_code == 200
    refused = httpx.post(url, json={"device_id": "dev-2"})
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
