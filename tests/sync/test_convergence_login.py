"""A lost answer to the login (the token request) must not read as a revoked PC.

Found by the convergence test (issue 13): the proxy dropped the answer to ``/v1/auth/token`` after
the server had used the one-time challenge; the client sent the same signed challenge again, the
server refused it (401), and the sync told the user "Is dit apparaat ingetrokken?".
"""

from __future__ import annotations

import httpx

from handover.sync.client import SyncClient
from handover.sync.service import SyncService

from .conftest import Installation, ready_dossier


class LoseTokenAnswer(httpx.BaseTransport):
    """Forwards to the real server, then loses the answer to the first token request."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.lost = False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if request.url.path == "/v1/auth/token" and not self.lost:
            self.lost = True
            response.read()
            raise httpx.ReadError("connection reset after the server answered", request=request)
        return response


def test_a_lost_token_answer_logs_in_again_with_a_new_challenge(school: Installation) -> None:
    ready_dossier(school)
    transport = LoseTokenAnswer()
    service = SyncService(
        school.ctx, client_factory=lambda url: SyncClient(url, transport=transport, max_attempts=3, backoff_base=0.01)
    )
    try:
        report = service.sync()
    finally:
        service.close()
    assert transport.lost
    assert not report.errors, report.errors
    assert report.stored == 1
