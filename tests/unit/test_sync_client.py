"""The sync client's retry loop: backoff with jitter, Retry-After, and when it gives up."""

from __future__ import annotations

import threading

import httpx
import pytest

from handover.sync.client import SyncCancelled, SyncClient, SyncError, backoff_delay, retry_after_seconds


def _client(handler, sleeps: list[float], attempts: int = 5) -> SyncClient:
    return SyncClient(
        "http://127.0.0.1:9",
        transport=httpx.MockTransport(handler),
        sleep=sleeps.append,
        max_attempts=attempts,
        backoff_base=0.5,
        backoff_cap=8,
    )


def _health() -> httpx.Response:
    return httpx.Response(200, json={"status": "ok", "epoch": "e1", "version": "1"})


def test_retry_after_is_honoured_on_429() -> None:
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        if len(calls) < 3:
            return httpx.Response(429, headers={"Retry-After": "7"})
        return _health()

    sleeps: list[float] = []
    assert _client(handler, sleeps).health().epoch == "e1"
    assert len(calls) == 3 and len(sleeps) == 2 and all(s >= 7 for s in sleeps)


def test_server_errors_and_timeouts_back_off_then_give_up() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    sleeps: list[float] = []
    with pytest.raises(SyncError) as err:
        _client(handler, sleeps, attempts=4).health()
    assert err.value.kind == "offline" and len(sleeps) == 3
    assert "verbinding" in str(err.value)

    sleeps.clear()
    with pytest.raises(SyncError) as err:
        _client(lambda r: httpx.Response(503), sleeps, attempts=3).health()
    assert err.value.kind == "server" and len(sleeps) == 2


def test_client_errors_are_not_retried() -> None:
    sleeps: list[float] = []
    with pytest.raises(SyncError) as err:
        _client(lambda r: httpx.Response(403, json={"detail": "Deze inschrijfcode is onbekend"}), sleeps).enroll_check(
            "AAAA-BBBB-CCCC"
        )
    assert err.value.kind == "rejected" and "inschrijfcode" in str(err.value) and sleeps == []


def test_enroll_is_not_repeated_after_the_request_went_out() -> None:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        raise httpx.ReadTimeout("lost answer", request=request)

    from handover.crypto import load_or_create_keys
    from handover.secrets import MemorySecretStore
    from handover.sync.enrollment import enroll_request

    req = enroll_request(load_or_create_keys(MemorySecretStore()), "org-1", "AAAA-BBBB-CCCC")
    with pytest.raises(SyncError):
        _client(handler, []).enroll(req)
    assert calls == ["/v1/enroll"]


def test_backoff_is_exponential_jittered_and_capped() -> None:
    top = [backoff_delay(a, 0.5, 8, None, rng=lambda lo, hi: hi) for a in range(6)]
    assert top == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]
    assert backoff_delay(3, 0.5, 8, None, rng=lambda lo, hi: lo) == 0.0
    assert backoff_delay(0, 0.5, 8, 20.0, rng=lambda lo, hi: hi) == 20.0
    assert retry_after_seconds("3") == 3.0 and retry_after_seconds(None) is None
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0


def test_a_cancelled_client_starts_no_request_and_wakes_from_a_backoff_wait() -> None:
    calls: list[str] = []
    cancel = threading.Event()

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        cancel.set()  # e.g. the window closes while the server asks us to wait
        return httpx.Response(429, headers={"Retry-After": "300"})

    sleeps: list[float] = []
    client = _client(handler, sleeps)
    client.cancel = cancel
    with pytest.raises(SyncCancelled) as err:
        client.health()
    assert err.value.kind == "cancelled" and calls == ["/v1/health"]
    assert sleeps == []  # the wait was cancel.wait(...), which returned at once: no sleep at all
    with pytest.raises(SyncCancelled):
        client.health()  # still cancelled: not even one request goes out
    assert calls == ["/v1/health"]
    client.cancel = None
    with pytest.raises(SyncError):
        _client(lambda r: httpx.Response(503), sleeps, attempts=2).health()
    assert len(sleeps) == 1  # without a cancel event the injected sleep is used as before
