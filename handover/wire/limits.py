"""Limits of the sync protocol that the server enforces and the client stays under."""

from __future__ import annotations

API_PREFIX = "/v1"
MAX_BATCH_OPS = 100  # ops in one push
MAX_OPS_BODY_BYTES = 1024 * 1024  # body of one push
MAX_ENVELOPE_B64 = 700 * 1024  # one envelope, base64
MAX_KNOWN_QUERY = 1000  # op ids in one "which of these do you have" question
MAX_INBOX_LIMIT = 500  # messages in one inbox page
MAX_INBOX_SEQ = 2**63 - 1  # the largest inbox cursor: a signed 64-bit column in SQLite and PostgreSQL

# Hints in a push (issue 14; headers, so clients and servers from before ignore them). A client that
# sends READ_THROUGH (its inbox cursor: it holds everything up to it) gets back the head of its
# inbox (INBOX_HEAD: no pull needed when it is at the cursor) and a digest of its school's key list,
# devices and key packages for it (DEVICES_VERSION: no device list needed while it stays the same).
READ_THROUGH_HEADER = "X-Overstap-Read-Through"
INBOX_HEAD_HEADER = "X-Overstap-Inbox-Head"
DEVICES_VERSION_HEADER = "X-Overstap-Devices"
