"""What every route shares: the documented error answers and the authenticated caller."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from handover import wire
from handover.server.schema import Caller, StoreError

# Every status code a route can return, for the OpenAPI document. The middleware answers 413 and
# 429 on every route; FastAPI answers 422 for a body or query that does not fit the schema.
_ERROR_TEXT = {
    400: "De inhoud klopt niet (bijvoorbeeld een sleutellijst die niet bij het apparaat past).",
    401: "Niet aangemeld, de sessie is verlopen, of aanmelden is mislukt (header WWW-Authenticate: Bearer).",
    403: "De inschrijf- of koppelcode is onbekend, al gebruikt of verlopen; of deze pc is ingetrokken.",
    404: "Onbekend: dit apparaat of koppelverzoek hoort niet bij deze organisatie.",
    409: "Botsing: de organisatie is al ingeschreven, de code is al gebruikt, of een gelijktijdige verzending.",
    410: "De koppelcode is verlopen (een code geldt 24 uur).",
    413: "Het verzoek is te groot (zie de limieten), of te veel berichten in één verzending.",
    422: "Het verzoek past niet in het schema (velden, formaten, lengtes).",
    429: "Te veel verzoeken; de header Retry-After zegt na hoeveel seconden het weer mag.",
}
_RETRY_AFTER = {"Retry-After": {"description": "Seconden tot een nieuw verzoek mag.", "schema": {"type": "integer"}}}


def error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for ``codes`` plus the ones every route has (413, 429)."""
    out: dict[int | str, dict[str, Any]] = {}
    for code in sorted({*codes, 413, 429}):
        entry: dict[str, Any] = {"description": _ERROR_TEXT[code]}
        if code != 422:
            entry["model"] = wire.ErrorResponse
        if code == 429:
            entry["headers"] = _RETRY_AFTER
        out[code] = entry
    return out


_bearer = HTTPBearer(auto_error=False)


def current_caller(request: Request, creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> Caller:
    if creds is None or creds.scheme.lower() != "bearer":
        raise StoreError(401, "Niet aangemeld.")
    who = request.app.state.store.authenticate(creds.credentials)
    if who is None:
        raise StoreError(401, "Niet aangemeld of de sessie is verlopen.")
    return who  # type: ignore[no-any-return]


CallerDep = Annotated[Caller, Depends(current_caller)]
