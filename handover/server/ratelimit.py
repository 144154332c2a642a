"""A small in-memory token-bucket rate limiter (per client address and route group).

In memory on purpose: one server process per municipality or region is the expected deployment.
With several processes each has its own buckets, so the effective limit multiplies; put a reverse
proxy limit in front when scaling out.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable


class RateLimiter:
    def __init__(self, per_minute: int, burst: int, clock: Callable[[], float] = time.monotonic) -> None:
        self._rate = per_minute / 60.0
        self._burst = float(burst)
        self._clock = clock
        self._buckets: dict[tuple[str, str], tuple[float, float]] = {}
        self._lock = threading.Lock()

    def check(self, client: str, group: str) -> float:
        """0 when the request may go ahead, else the seconds to wait before retrying."""
        now = self._clock()
        key = (client, group)
        with self._lock:
            tokens, last = self._buckets.get(key, (self._burst, now))
            tokens = min(self._burst, tokens + (now - last) * self._rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                if len(self._buckets) > 50_000:
                    self._prune(now)
                return 0.0
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / self._rate if self._rate > 0 else 60.0

    def _prune(self, now: float) -> None:
        # Buckets that have refilled completely carry no state worth keeping.
        full_after = self._burst / self._rate if self._rate > 0 else math.inf
        for key, (_, last) in list(self._buckets.items()):
            if now - last > full_after:
                del self._buckets[key]
