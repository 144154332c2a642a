"""Limits of the sync protocol that the server enforces and the client stays under."""

from __future__ import annotations

API_PREFIX = "/v1"
MAX_BATCH_OPS = 100  # ops in one push
MAX_OPS_BODY_BYTES = 1024 * 1024  # body of one push
MAX_ENVELOPE_B64 = 700 * 1024  # one envelope, base64
MAX_KNOWN_QUERY = 1000  # op ids in one "which of these do you have" question
MAX_INBOX_LIMIT = 500  # messages in one inbox page
MAX_INBOX_SEQ = 2**63 - 1  # the largest inbox cursor: a signed 64-bit column in SQLite and PostgreSQL
