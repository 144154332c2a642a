"""HTTP client for the sync server: explicit timeouts, retries with backoff and jitter.

httpx's own ``retries=`` only covers failed connects; this module owns the retry loop so that
timeouts, 429 (honouring ``Retry-After``) and 5xx answers are retried too. Every request that is
retried is safe to repeat: pushes are idempotent through op ids, reads have no effect.
"""

from __future__ import annotations

import ipaddress
import random
import ssl
import threading
import time
from collections.abc import Callable, Sequence
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

import httpx
import truststore
from pydantic import BaseModel

from handover import __version__, wire
from handover.crypto.keys import SigningKey
from handover.sync.errors import SyncUsageError
from handover.wire import devices as dw

T = TypeVar("T", bound=BaseModel)

DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=30.0, write=30.0, pool=5.0)
# 409 only comes from a push that raced another push of the same organisation: safe to repeat.
RETRY_STATUSES = frozenset({409, 429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 300.0


REVOKED_TEXT = (
    "Deze pc is ingetrokken: hij hoort niet meer bij de school en kan niet meer synchroniseren. "
    "De gegevens op deze pc blijven bewaard; beslis zelf wat ermee gebeurt."
)


class SyncError(Exception):
    """Sync failed. ``kind`` is one of offline, server, auth, rejected, revoked (this device was
    removed from its organisation), certificate; the message is Dutch."""

    def __init__(self, kind: str, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status


class SyncCancelled(SyncError):
    """The caller set the cancel event (see :attr:`SyncClient.cancel`); nothing half-done was kept."""

    def __init__(self) -> None:
        super().__init__("cancelled", "De synchronisatie is afgebroken.")


def check_cancel(cancel: threading.Event | None) -> None:
    """Raise :class:`SyncCancelled` when ``cancel`` is set (called at every safe stopping point)."""
    if cancel is not None and cancel.is_set():
        raise SyncCancelled()


def retry_after_seconds(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def backoff_delay(
    attempt: int,
    base: float,
    cap: float,
    retry_after: float | None,
    rng: Callable[[float, float], float] = random.uniform,
) -> float:
    """Full-jitter exponential backoff; never earlier than the server's Retry-After."""
    delay = rng(0.0, min(cap, base * (2**attempt)))
    if retry_after is not None:
        delay = max(delay, min(retry_after, MAX_RETRY_AFTER))
    return delay


INSECURE_URL = (
    "Het serveradres moet met https:// beginnen: via http:// gaan de inschrijfcode en de sessie "
    "onversleuteld over het netwerk. Alleen op deze computer zelf (127.0.0.1) mag http://."
)


def is_loopback_host(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def require_secure_url(url: str) -> str:
    """``url`` when it is https, or http to this computer itself; else :class:`SyncUsageError`.

    Over plain http an enrollment code and every session token would cross the network in clear.
    """
    parsed = httpx.URL(url)
    if parsed.scheme == "https" or (parsed.scheme == "http" and is_loopback_host(parsed.host)):
        return url
    raise SyncUsageError(INSECURE_URL)


UNTRUSTED_CERTIFICATE = (
    "De server kon niet veilig worden gecontroleerd: deze computer vertrouwt het certificaat niet. "
    "Vraag de ICT-beheerder het certificaat van de server (of van de proxy van de school) in het "
    "certificaatarchief van Windows op te nemen."
)


def _certificate_refused(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY_FAILED" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def system_ssl_context() -> ssl.SSLContext:
    """TLS verified against the operating system's certificate store (truststore).

    On Windows that is the certificate store the school's IT manages, so an internal CA or a TLS-
    inspecting proxy's certificate, trusted there by group policy, is trusted here too; certifi's
    fixed list would refuse them. On Linux it is the system's CA bundle.
    """
    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


class SyncClient:
    def __init__(
        self,
        base_url: str,
        *,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        max_attempts: int = 5,
        backoff_base: float = 0.5,
        backoff_cap: float = 30.0,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        verify: ssl.SSLContext | None = None,
    ) -> None:
        self.base_url = require_secure_url(base_url).rstrip("/")
        self.ssl_context = verify or system_ssl_context()
        self.max_attempts = max_attempts
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self._sleep = sleep
        self._http = httpx.Client(
            base_url=self.base_url,
            timeout=timeout,
            transport=transport,
            verify=self.ssl_context,
            # The system's proxy: the environment, and on Windows the Internet Options (registry).
            trust_env=True,
            headers={"User-Agent": f"Overstap/{__version__}"},
        )
        self._token: str | None = None
        self._token_expires = 0.0
        self._login: Callable[[], None] | None = None
        self.bytes_sent = 0
        self.requests = 0
        # Set when the server said this device was revoked (the service remembers it locally).
        self.revoked = False
        # Set by the sync for one run: no new request starts once it is set, and a backoff or
        # Retry-After wait wakes up at once (cancel.wait instead of sleep).
        self.cancel: threading.Event | None = None
        # Issue 14: set by the sync to its inbox cursor before pushing; each push then asks the
        # server for the hints below (None: the server did not give them, an older server).
        self.read_through: int | None = None
        self.inbox_head: int | None = None
        self.devices_version: str | None = None

    def forget_hints(self, read_through: int | None = None) -> None:
        """A new sync: no hints yet; pushes from now on send ``read_through`` (None: ask for none)."""
        self.read_through = read_through
        self.inbox_head = None
        self.devices_version = None

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- transport ----------------------------------------------------------------------------

    def _send_once(
        self,
        method: str,
        path: str,
        json_body: Any,
        params: dict[str, Any] | None,
        auth: bool,
        extra: dict[str, str] | None = None,
    ) -> httpx.Response:
        headers = dict(extra or {})
        if auth:
            if self._token is None or time.monotonic() > self._token_expires:
                self._authenticate()
            headers["Authorization"] = f"Bearer {self._token}"
        content = None
        if json_body is not None:
            content = json_body if isinstance(json_body, bytes) else p_json(json_body)
            headers["Content-Type"] = "application/json"
            self.bytes_sent += len(content)
        self.requests += 1
        return self._http.request(method, path, content=content, params=params, headers=headers)

    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        params: dict[str, Any] | None = None,
        auth: bool = True,
        retry: bool = True,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        reauthed = False
        attempt = 0
        while True:
            check_cancel(self.cancel)
            try:
                response = self._send_once(method, path, json_body, params, auth, headers)
            except httpx.TransportError as exc:
                if _certificate_refused(exc):  # trying again cannot help; the user must ask IT
                    raise SyncError("certificate", UNTRUSTED_CERTIFICATE) from exc
                # Only connects are safe to retry for a non-retryable request (nothing was sent).
                if (retry or isinstance(exc, httpx.ConnectError)) and attempt + 1 < self.max_attempts:
                    self._pause(backoff_delay(attempt, self.backoff_base, self.backoff_cap, None))
                    attempt += 1
                    continue
                raise SyncError("offline", "Wacht op verbinding: de server is niet bereikbaar.") from exc
            if response.status_code == 401 and auth and not reauthed and self._login is not None:
                self._token = None
                reauthed = True
                continue
            if response.status_code in RETRY_STATUSES and retry and attempt + 1 < self.max_attempts:
                wait = retry_after_seconds(response.headers.get("Retry-After"))
                self._pause(backoff_delay(attempt, self.backoff_base, self.backoff_cap, wait))
                attempt += 1
                continue
            if response.status_code >= 400:
                error = _error_for(response)
                self.revoked = self.revoked or error.kind == "revoked"
                raise error
            return response

    def _pause(self, seconds: float) -> None:
        cancel = self.cancel
        if cancel is None:
            self._sleep(seconds)
        elif cancel.wait(seconds):
            raise SyncCancelled()

    def _get(self, model: type[T], path: str, **kw: Any) -> T:
        return model.model_validate_json(self.request("GET", path, **kw).content)

    def _post(self, model: type[T], path: str, body: BaseModel, **kw: Any) -> T:
        return model.model_validate_json(self.request("POST", path, json_body=body, **kw).content)

    # --- API ----------------------------------------------------------------------------------

    def health(self) -> wire.HealthResponse:
        return self._get(wire.HealthResponse, "/v1/health", auth=False)

    def enroll_check(self, code: str) -> wire.EnrollCheckResponse:
        return self._post(wire.EnrollCheckResponse, "/v1/enroll/check", wire.EnrollCheckRequest(code=code), auth=False)

    def enroll(self, req: wire.EnrollRequest) -> wire.EnrollResponse:
        # Not retried after the request went out: the code is single-use, a second try would fail.
        return self._post(wire.EnrollResponse, "/v1/enroll", req, auth=False, retry=False)

    def set_credentials(self, device_id: str, device_key: SigningKey) -> None:
        def login() -> None:
            for attempt in range(self.max_attempts):
                challenge = self._post(
                    wire.ChallengeResponse, "/v1/auth/challenge", wire.ChallengeRequest(device_id=device_id), auth=False
                )
                signature = device_key.sign(wire.auth_signed_bytes(device_id, challenge.nonce))
                try:
                    # Not retried as is: the server uses a challenge once, so a lost answer means a new one.
                    token = self._post(
                        wire.TokenResponse,
                        "/v1/auth/token",
                        wire.TokenRequest(
                            device_id=device_id, nonce=challenge.nonce, signature=wire.b64encode(signature)
                        ),
                        auth=False,
                        retry=False,
                    )
                    break
                except SyncError as exc:
                    if exc.kind != "offline" or attempt + 1 >= self.max_attempts:
                        raise
            self._token = token.token
            # Renew a little early so a token never expires halfway through a batch.
            self._token_expires = time.monotonic() + max(1.0, token.expires_in - 30)

        self._login = login
        self._token = None

    def _authenticate(self) -> None:
        if self._login is None:
            raise SyncError("auth", "Dit apparaat is nog niet ingeschreven bij de server.")
        self._login()

    def directory(self) -> wire.DirectoryResponse:
        return self._get(wire.DirectoryResponse, "/v1/directory")

    def push(self, ops: Sequence[wire.OpItem]) -> wire.PushResponse:
        return self._post(wire.PushResponse, "/v1/ops", wire.PushRequest(ops=list(ops)))

    def push_raw(self, body: bytes) -> wire.PushResponse:
        """Push a pre-serialised PushRequest (the engine builds batches by byte size)."""
        through = self.read_through
        headers = {wire.READ_THROUGH_HEADER: str(through)} if through is not None else None
        response = self.request("POST", "/v1/ops", json_body=body, headers=headers)
        answer = wire.PushResponse.model_validate_json(response.content)
        if through is not None:
            head = response.headers.get(wire.INBOX_HEAD_HEADER, "")
            self.inbox_head = int(head) if head.isdigit() else None
            self.devices_version = response.headers.get(wire.DEVICES_VERSION_HEADER) or None
        return answer

    def known(self, op_ids: Sequence[str]) -> wire.KnownResponse:
        return self._post(wire.KnownResponse, "/v1/ops/known", wire.KnownRequest(op_ids=list(op_ids)))

    def inbox(self, since: int, limit: int = 100) -> wire.InboxPage:
        return self._get(wire.InboxPage, "/v1/inbox", params={"since": since, "limit": limit})

    # --- several devices per organisation (issue 13; see handover.sync.pairing) ---------------

    def create_join_code(self, lookup: str, user_name: str | None = None) -> dw.JoinCodeCreated:
        req = dw.JoinCodeCreate(lookup=lookup, user_name=user_name)
        return self._post(dw.JoinCodeCreated, "/v1/devices/join-codes", req, retry=False)

    def join_check(self, lookup: str) -> dw.JoinCheckResponse:
        return self._post(dw.JoinCheckResponse, "/v1/join/check", dw.JoinCheckRequest(lookup=lookup), auth=False)

    def join(self, req: dw.JoinRequest) -> dw.JoinStatus:
        # Safe to repeat: the same device with the same proof gets the same pending request.
        return self._post(dw.JoinStatus, "/v1/join", req, auth=False)

    def join_status(self, lookup: str, device_id: str) -> dw.JoinStatus:
        req = dw.JoinStatusRequest(lookup=lookup, device_id=device_id)
        return self._post(dw.JoinStatus, "/v1/join/status", req, auth=False)

    def device_list(self) -> dw.DeviceList:
        return self._get(dw.DeviceList, "/v1/devices")

    def pending_joins(self) -> dw.PendingJoins:
        return self._get(dw.PendingJoins, "/v1/devices/joins")

    def approve_join(self, req: dw.JoinApprove) -> None:
        self.request("POST", "/v1/devices/joins/approve", json_body=req, retry=False)

    def refuse_join(self, req: dw.JoinRefuse) -> None:
        self.request("POST", "/v1/devices/joins/refuse", json_body=req)

    def revoke_device(self, req: dw.RevokeRequest) -> None:
        self.request("POST", "/v1/devices/revoke", json_body=req, retry=False)

    def key_packages(self) -> dw.KeyPackages:
        return self._get(dw.KeyPackages, "/v1/devices/keys")

    def update_manifest(self, req: dw.ManifestUpdate) -> None:
        self.request("POST", "/v1/devices/manifest", json_body=req, retry=False)


def p_json(model: Any) -> bytes:
    if isinstance(model, BaseModel):
        return model.model_dump_json().encode("utf-8")
    import json

    return json.dumps(model).encode("utf-8")


def _error_for(response: httpx.Response) -> SyncError:
    status = response.status_code
    try:
        detail = str(response.json().get("detail", ""))
    except ValueError:
        detail = ""
    if status == 401:
        return SyncError("auth", "Aanmelden bij de server is mislukt. Is dit apparaat ingetrokken?", status)
    if status == 403 and response.request.url.path.endswith("/v1/auth/token"):
        # The server says so only to the device itself (after checking its signature).
        return SyncError("revoked", detail or REVOKED_TEXT, status)
    if status == 429:
        return SyncError("server", "De server is druk; later opnieuw proberen.", status)
    if status >= 500:
        return SyncError("server", f"De server gaf een fout ({status}); later opnieuw proberen.", status)
    return SyncError("rejected", detail or f"De server weigerde het verzoek ({status}).", status)
