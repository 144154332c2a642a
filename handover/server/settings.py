"""Server settings, declared once with their defaults."""

from __future__ import annotations

from dataclasses import dataclass

from handover.wire import MAX_BATCH_OPS, MAX_OPS_BODY_BYTES


@dataclass(frozen=True)
class ServerSettings:
    db_url: str = "sqlite:///overstap-server.db"
    token_ttl_seconds: int = 15 * 60
    nonce_ttl_seconds: int = 120
    enrollment_code_ttl_days: int = 14
    max_batch_ops: int = MAX_BATCH_OPS
    # /v1/ops carries envelopes (≤1 MiB of JSON per batch); every other route is small.
    max_ops_body_bytes: int = MAX_OPS_BODY_BYTES
    max_body_bytes: int = 64 * 1024
    # Token bucket per client address and route group: a burst, then a steady rate.
    rate_limit_per_minute: int = 1200
    rate_limit_burst: int = 300
    # Behind a reverse proxy every client has the proxy's address; only then trust X-Forwarded-For.
    trust_forwarded_for: bool = False
