"""A small in-memory token-bucket rate limiter (per client address and route group).

In memory on purpose: one server process per municipality or region is the expected deployment.
With several processes each has its own buckets, so the effective limit multiplies; put a reverse
proxy limit in front when scaling out.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

# Buckets kept at most: a few hundred bytes each, so tens of MB whatever the number of addresses.
MAX_BUCKETS = 100_000


class RateLimiter:
    """Token buckets in least-recently-used order; never more than ``max_buckets`` of them.

    Buckets that have refilled completely carry no state and are dropped first. If many addresses
    are still within a minute of their last request (an attack from many addresses), the one seen
    longest ago is dropped: that address gets a full bucket back, which costs at most one burst.
    """

    def __init__(
        self,
        per_minute: int,
        burst: int,
        clock: Callable[[], float] = time.monotonic,
        *,
        max_buckets: int = MAX_BUCKETS,
    ) -> None:
        self._rate = per_minute / 60.0
        self._burst = float(burst)
        self._clock = clock
        self._max = max(1, max_buckets)
        self._buckets: OrderedDict[tuple[str, str], tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._buckets)

    def check(self, client: str, group: str) -> float:
        """0 when the request may go ahead, else the seconds to wait before retrying."""
        now = self._clock()
        key = (client, group)
        with self._lock:
            tokens, last = self._buckets.pop(key, (self._burst, now))
            tokens = min(self._burst, tokens + (now - last) * self._rate)
            allowed = tokens >= 1.0
            self._buckets[key] = (tokens - 1.0 if allowed else tokens, now)  # now the most recent
            if len(self._buckets) > self._max:
                self._shrink(now)
            if allowed:
                return 0.0
            return (1.0 - tokens) / self._rate if self._rate > 0 else 60.0

    def _shrink(self, now: float) -> None:
        full_after = self._burst / self._rate if self._rate > 0 else math.inf
        # Oldest first: stop at the first bucket that still matters.
        while self._buckets:
            key, (_, last) = next(iter(self._buckets.items()))
            if now - last <= full_after and len(self._buckets) <= self._max:
                break
            del self._buckets[key]
