"""The wire format of the sync protocol, shared by the client (``handover.sync``) and the server.

Neutral ground: this package depends on pydantic and the standard library only, so the server never
needs the client package and the client never needs the server. ``limits`` holds the sizes both
sides agree on, ``schemas`` the request and response bodies. Use it as ``from handover import wire``
and ``wire.PushRequest``, ``wire.MAX_BATCH_OPS``.
"""

from __future__ import annotations

from handover.wire.limits import (
    API_PREFIX,
    DEVICES_VERSION_HEADER,
    INBOX_HEAD_HEADER,
    MAX_BATCH_OPS,
    MAX_ENVELOPE_B64,
    MAX_INBOX_LIMIT,
    MAX_INBOX_SEQ,
    MAX_KNOWN_QUERY,
    MAX_OPS_BODY_BYTES,
    READ_THROUGH_HEADER,
)
from handover.wire.schemas import (
    ChallengeRequest,
    ChallengeResponse,
    DirectoryEntry,
    DirectoryResponse,
    EnrollCheckRequest,
    EnrollCheckResponse,
    EnrollRequest,
    EnrollResponse,
    ErrorResponse,
    HealthResponse,
    Id,
    InboxMessage,
    InboxPage,
    KnownRequest,
    KnownResponse,
    OpItem,
    OpKind,
    OpResult,
    OrgKind,
    PushRequest,
    PushResponse,
    TokenRequest,
    TokenResponse,
    auth_signed_bytes,
    b64decode,
    b64encode,
)

__all__ = [
    "API_PREFIX",
    "DEVICES_VERSION_HEADER",
    "INBOX_HEAD_HEADER",
    "READ_THROUGH_HEADER",
    "MAX_BATCH_OPS",
    "MAX_ENVELOPE_B64",
    "MAX_INBOX_LIMIT",
    "MAX_INBOX_SEQ",
    "MAX_KNOWN_QUERY",
    "MAX_OPS_BODY_BYTES",
    "ChallengeRequest",
    "ChallengeResponse",
    "DirectoryEntry",
    "DirectoryResponse",
    "EnrollCheckRequest",
    "EnrollCheckResponse",
    "EnrollRequest",
    "EnrollResponse",
    "ErrorResponse",
    "HealthResponse",
    "Id",
    "InboxMessage",
    "InboxPage",
    "KnownRequest",
    "KnownResponse",
    "OpItem",
    "OpKind",
    "OpResult",
    "OrgKind",
    "PushRequest",
    "PushResponse",
    "TokenRequest",
    "TokenResponse",
    "auth_signed_bytes",
    "b64decode",
    "b64encode",
]
