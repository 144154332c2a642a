"""A TCP proxy on 127.0.0.1 that drops, delays and truncates connections at random (seeded).

It sits between the PCs and the real server in the convergence test. Each accepted connection
gets one fate, drawn from a :class:`random.Random` seeded by the test:

- ``pass``: bytes go through unchanged (optionally after a delay);
- ``refuse``: the connection is closed at once, before a byte reaches the server;
- ``cut_request``: only the first part of what the client sends reaches the server, then both
  sides are closed (the server sees a truncated request);
- ``cut_response``: the request goes through, the answer is cut after some bytes (the server may
  well have stored what was sent: the client must not lose or duplicate anything);
- ``cut_later``: requests and answers go through until some kilobytes have come back, then the
  connection is cut (in the middle of a later answer on a kept-alive connection);
- ``lose_response``: the request goes through, the answer is dropped entirely.

Each fate but ``refuse`` may first wait a random delay.

``heal()`` lets every new connection pass; the thread and its loop stop with ``close()``. The
draws depend on the order connections arrive, so a replay with the same seed takes the same
decisions for the same sequence of connections (processes and the OS scheduler still vary it).
"""

from __future__ import annotations

import asyncio
import random
import threading
from collections import Counter
from dataclasses import dataclass, field

LOOPBACK = "127.0.0.1"
FATES = ("pass", "refuse", "cut_request", "cut_response", "cut_later", "lose_response")


@dataclass
class Chaos:
    """How often each fate is drawn (weights) and how long a delay may be."""

    weights: dict[str, float] = field(
        default_factory=lambda: {
            "pass": 0.45,
            "cut_later": 0.17,
            "refuse": 0.1,
            "cut_request": 0.08,
            "cut_response": 0.12,
            "lose_response": 0.08,
        }
    )
    # A connection drawn "pass" is still cut after some kilobytes with this probability.
    pass_cut_probability: float = 0.5
    delay_probability: float = 0.3
    max_delay: float = 0.25


class ChaosProxy:
    """Forward ``127.0.0.1:<port>`` to ``target_port`` on 127.0.0.1, with seeded faults."""

    def __init__(self, target_port: int, seed: int, chaos: Chaos | None = None) -> None:
        self.target_port = target_port
        self.rng = random.Random(seed)
        self.chaos = chaos or Chaos()
        self.healed = False
        self.fates: Counter[str] = Counter()
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.AbstractServer | None = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="chaos-proxy", daemon=True)
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def __enter__(self) -> ChaosProxy:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("proxy did not start")
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def heal(self) -> None:
        with self._lock:
            self.healed = True

    def close(self) -> None:
        if self._loop.is_running():
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    # --- inside the proxy's thread ----------------------------------------------------------

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._server = self._loop.run_until_complete(asyncio.start_server(self._handle, LOOPBACK, 0))
        self.port = self._server.sockets[0].getsockname()[1]
        self._ready.set()
        try:
            self._loop.run_forever()
        finally:
            self._server.close()
            pending = asyncio.all_tasks(self._loop)
            for task in pending:
                task.cancel()
            self._loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            self._loop.close()

    def _draw(self) -> tuple[str, float, int]:
        with self._lock:
            if self.healed:
                fate, delay, cut = "pass", 0.0, 0
            else:
                names = list(self.chaos.weights)
                fate = self.rng.choices(names, [self.chaos.weights[n] for n in names])[0]
                delay = (
                    self.rng.uniform(0, self.chaos.max_delay)
                    if self.rng.random() < self.chaos.delay_probability
                    else 0.0
                )
                # cut_response: inside the first answer; cut_later: some answers on, on a kept-alive connection
                cut = self.rng.randint(1, 600) if fate != "cut_later" else self.rng.randint(600, 60_000)
                if fate == "pass" and self.rng.random() < self.chaos.pass_cut_probability:
                    fate = "cut_later"  # a kept-alive connection does not live for ever either
            self.fates[fate] += 1
            return fate, delay, cut

    async def _handle(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        fate, delay, cut = self._draw()
        upstream_w: asyncio.StreamWriter | None = None
        try:
            if fate == "refuse":
                return
            if delay:
                await asyncio.sleep(delay)
            upstream_r, upstream_w = await asyncio.open_connection(LOOPBACK, self.target_port)
            if fate == "cut_request":
                data = await client_r.read(cut)
                upstream_w.write(data)
                await upstream_w.drain()
                await asyncio.sleep(0.01)
                return
            to_server = asyncio.create_task(self._forward(client_r, upstream_w))
            limit = 0 if fate == "lose_response" else cut if fate in ("cut_response", "cut_later") else None
            await self._pipe(upstream_r, client_w, limit)
            to_server.cancel()
        except (ConnectionError, OSError, asyncio.IncompleteReadError):
            pass
        finally:
            for writer in (client_w, upstream_w):
                if writer is not None:
                    writer.close()

    @classmethod
    async def _forward(cls, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Client to server; when the client hangs up, the server's side is closed too."""
        try:
            await cls._pipe(reader, writer, None)
        except (ConnectionError, OSError):
            pass
        finally:
            writer.close()

    @staticmethod
    async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, limit: int | None) -> None:
        """Copy until EOF; with ``limit``, stop after that many bytes (0: read the answer, pass none)."""
        passed = 0
        while True:
            data = await reader.read(65536)
            if not data:
                return
            if limit is not None:
                room = max(0, limit - passed)
                if room:
                    writer.write(data[:room])
                    await writer.drain()
                passed += len(data)
                if passed >= limit and (limit > 0 or passed > 0):
                    return
                continue
            writer.write(data)
            await writer.drain()
