"""FastAPI application factory for the sync server (``/v1``).

Thin routes over :class:`~handover.server.store.ServerStore`. Two pieces of ASGI middleware wrap
every route, including the unauthenticated ones: a body-size limit (413) and a rate limit (429 with
``Retry-After``). Logs carry organisation and device ids only: never names, tokens or content.
"""

from __future__ import annotations

import json
import logging
import math
import socket
import sys
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Annotated, Any

from fastapi import FastAPI, Header, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from handover import __version__, wire
from handover.server.device_routes import DEVICE_ROUTE_ERRORS, add_device_routes
from handover.server.ratelimit import RateLimiter
from handover.server.routing import CallerDep, error_responses
from handover.server.schema import StoreError
from handover.server.settings import ServerSettings
from handover.server.store import ServerStore

log = logging.getLogger("handover.server")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


async def _send_json(send: Send, status: int, body: dict[str, Any], headers: list[tuple[bytes, bytes]]) -> None:
    payload = json.dumps(body).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})


def bind_tcp(host: str, port: int) -> socket.socket:
    """A listening socket for uvicorn with ``proto=IPPROTO_TCP`` set explicitly.

    asyncio only switches on TCP_NODELAY for sockets whose ``proto`` is IPPROTO_TCP; a plain
    ``socket.socket()`` (what uvicorn creates itself) reports 0, and then Nagle's algorithm plus
    delayed ACKs add ~40 ms to every keep-alive request. Measured: 44 ms → 1 ms per round trip.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(*port_sharing_option(), 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


# Winsock's SO_EXCLUSIVEADDRUSE is defined as ~SO_REUSEADDR; Python only has the name on Windows.
_SO_EXCLUSIVEADDRUSE = getattr(socket, "SO_EXCLUSIVEADDRUSE", ~4)


def port_sharing_option() -> tuple[int, int]:
    """The socket option that keeps a second server off our port (level, option).

    On Windows SO_REUSEADDR does the opposite of what it does elsewhere: it lets another program
    bind the same port and take over connections. SO_EXCLUSIVEADDRUSE forbids that. Elsewhere
    SO_REUSEADDR only allows a restart while old connections linger (TIME_WAIT); a second listener
    on the same port is still refused.
    """
    if sys.platform == "win32":
        return socket.SOL_SOCKET, _SO_EXCLUSIVEADDRUSE
    return socket.SOL_SOCKET, socket.SO_REUSEADDR


def _route_group(path: str) -> str:
    for prefix in ("/v1/enroll", "/v1/auth", "/v1/ops", "/v1/inbox", "/v1/directory", "/v1/join", "/v1/devices"):
        if path.startswith(prefix):
            return prefix.rsplit("/", 1)[-1]
    return "other"


class LimitsMiddleware:
    """Rate limit, then body limit, for every HTTP request."""

    def __init__(self, app: ASGIApp, settings: ServerSettings, limiter: RateLimiter) -> None:
        self.app = app
        self.settings = settings
        self.limiter = limiter

    def _client(self, scope: Scope) -> str:
        if self.settings.trust_forwarded_for:
            # The proxy appends the address it saw to whatever the client sent: only the right-most
            # hop is the proxy's own word; anything to its left is the client's and can be made up.
            hops: list[str] = [
                hop.strip()
                for name, value in scope.get("headers", [])
                if name == b"x-forwarded-for"
                for hop in value.decode("latin-1").split(",")
            ]
            if hops and hops[-1]:
                return hops[-1]
        client = scope.get("client")
        return str(client[0]) if client else "unknown"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        wait = self.limiter.check(self._client(scope), _route_group(path))
        if wait > 0:
            await _send_json(
                send,
                429,
                {"detail": "Te veel verzoeken; probeer het later opnieuw."},
                [(b"retry-after", str(max(1, math.ceil(wait))).encode())],
            )
            return
        limit = self.settings.max_ops_body_bytes if path == "/v1/ops" else self.settings.max_body_bytes
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = limit + 1
                if declared > limit:
                    await _send_json(send, 413, {"detail": "Het verzoek is te groot."}, [])
                    return
        # Read the body ourselves (also when it is chunked without a length) and stop at the limit.
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await _send_json(send, 413, {"detail": "Het verzoek is te groot."}, [])
                return
            chunks.append(chunk)
            more = bool(message.get("more_body", False))
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


# The codes per route (path, method): tests/server/test_openapi.py checks the document against it.
ROUTE_ERRORS: dict[tuple[str, str], tuple[int, ...]] = {
    ("/v1/health", "get"): (),
    ("/v1/enroll/check", "post"): (403, 422),
    ("/v1/enroll", "post"): (400, 403, 409, 422),
    ("/v1/auth/challenge", "post"): (422,),
    ("/v1/auth/token", "post"): (401, 403, 422),
    ("/v1/directory", "get"): (401,),
    ("/v1/ops", "post"): (401, 409, 422),
    ("/v1/ops/known", "post"): (401, 422),
    ("/v1/inbox", "get"): (401, 422),
}


ROUTE_ERRORS.update(DEVICE_ROUTE_ERRORS)


def _responses(path: str, method: str) -> dict[int | str, dict[str, Any]]:
    return error_responses(*ROUTE_ERRORS[(path, method)])


def create_app(settings: ServerSettings | None = None, store: ServerStore | None = None) -> FastAPI:
    """A fresh app on ``settings.db_url`` (tables are created if missing)."""
    settings = settings or ServerSettings()
    if store is None:
        store = ServerStore(
            settings.db_url,
            token_ttl=settings.token_ttl_seconds,
            nonce_ttl=settings.nonce_ttl_seconds,
            code_ttl_days=settings.enrollment_code_ttl_days,
        )
        store.init()
    app = FastAPI(
        title="Overstap synchronisatieserver",
        version=__version__,
        description="Slaat alleen versleutelde berichten en de minimale routeringsgegevens op.",
    )
    app.state.store = store
    app.state.settings = settings
    limiter = RateLimiter(settings.rate_limit_per_minute, settings.rate_limit_burst)
    app.state.limiter = limiter
    app.add_middleware(LimitsMiddleware, settings=settings, limiter=limiter)

    @app.exception_handler(StoreError)
    async def _store_error(_request: Request, exc: StoreError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        if exc.status == 429:
            headers = {"Retry-After": "1"}
        return JSONResponse({"detail": str(exc)}, status_code=exc.status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        # FastAPI's default echoes the submitted input; that could be an enrollment code or a token.
        errors = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")} for e in exc.errors()
        ]
        return JSONResponse({"detail": errors}, status_code=422)

    @app.get("/v1/health", response_model=wire.HealthResponse, responses=_responses("/v1/health", "get"))
    def health() -> wire.HealthResponse:
        return wire.HealthResponse(status="ok", epoch=store.epoch(), version=__version__)

    @app.post(
        "/v1/enroll/check", response_model=wire.EnrollCheckResponse, responses=_responses("/v1/enroll/check", "post")
    )
    def enroll_check(req: wire.EnrollCheckRequest) -> wire.EnrollCheckResponse:
        return store.check_code(req.code)

    @app.post(
        "/v1/enroll",
        response_model=wire.EnrollResponse,
        responses=_responses("/v1/enroll", "post"),
    )
    def enroll(req: wire.EnrollRequest) -> wire.EnrollResponse:
        return store.enroll(req)

    @app.post(
        "/v1/auth/challenge", response_model=wire.ChallengeResponse, responses=_responses("/v1/auth/challenge", "post")
    )
    def challenge(req: wire.ChallengeRequest) -> wire.ChallengeResponse:
        return wire.ChallengeResponse(nonce=store.new_nonce(req.device_id), expires_in=settings.nonce_ttl_seconds)

    @app.post("/v1/auth/token", response_model=wire.TokenResponse, responses=_responses("/v1/auth/token", "post"))
    def token(req: wire.TokenRequest) -> wire.TokenResponse:
        value, org_id = store.issue_token(req.device_id, req.nonce, wire.b64decode(req.signature))
        return wire.TokenResponse(
            token=value, expires_in=settings.token_ttl_seconds, org_id=org_id, epoch=store.epoch()
        )

    @app.get("/v1/directory", response_model=wire.DirectoryResponse, responses=_responses("/v1/directory", "get"))
    def directory(who: CallerDep) -> wire.DirectoryResponse:
        return wire.DirectoryResponse(epoch=store.epoch(), organisations=store.directory(who))

    @app.post("/v1/ops", response_model=wire.PushResponse, responses=_responses("/v1/ops", "post"))
    def push(
        req: wire.PushRequest,
        who: CallerDep,
        response: Response,
        read_through: Annotated[
            int | None,
            Header(
                alias=wire.READ_THROUGH_HEADER,
                ge=0,
                le=wire.MAX_INBOX_SEQ,
                description="Optioneel: de inbox-cursor van dit apparaat; het antwoord draagt dan de kop van "
                f"de inbox ({wire.INBOX_HEAD_HEADER}) en een samenvatting van de sleutellijst en apparaten "
                f"({wire.DEVICES_VERSION_HEADER}), zodat ophalen alleen nodig is als er iets is.",
            ),
        ] = None,
    ) -> wire.PushResponse:
        if len(req.ops) > settings.max_batch_ops:
            raise StoreError(413, "Te veel berichten in één keer.")
        # The sender is always the caller's own organisation: there is no field to claim another.
        results = store.push(who, req.ops)
        if read_through is not None:
            # The head after this push's own inserts; the device holds everything up to its cursor
            # (as an inbox read from there would record).
            head = store.registry.head(who.org_id)
            store.registry.read_through(who, min(read_through, head))
            response.headers[wire.INBOX_HEAD_HEADER] = str(head)
            response.headers[wire.DEVICES_VERSION_HEADER] = store.registry.version(who)
        return wire.PushResponse(epoch=store.epoch(), results=results)

    @app.post("/v1/ops/known", response_model=wire.KnownResponse, responses=_responses("/v1/ops/known", "post"))
    def known(req: wire.KnownRequest, who: CallerDep) -> wire.KnownResponse:
        return wire.KnownResponse(epoch=store.epoch(), known=store.known(who, req.op_ids))

    @app.get("/v1/inbox", response_model=wire.InboxPage, responses=_responses("/v1/inbox", "get"))
    def inbox(
        who: CallerDep,
        since: Annotated[int, Query(ge=0, le=wire.MAX_INBOX_SEQ)] = 0,
        limit: Annotated[int, Query(ge=1, le=wire.MAX_INBOX_LIMIT)] = 100,
    ) -> wire.InboxPage:
        # Only the caller's own inbox exists for it; there is no parameter naming an organisation.
        head = store.registry.head(who.org_id)  # before reading: all up to it is committed
        page = store.inbox(who, since, limit)
        # What this device has kept (see server.purge; per device, the organisation at the lowest).
        # Nothing after ``since`` for it: everything up to that head was its own or read already.
        store.registry.read_through(who, since if page.messages else max(since, head))
        return page

    add_device_routes(app, store.registry, _responses)

    return app
