"""What one sync did, for the GUI, the command line and the benchmark."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

# progress(phase, done, total): phase is "versturen" or "ontvangen".
Progress = Callable[[str, int, int], None]

CANCELLED_MESSAGE = "De synchronisatie is afgebroken; de volgende keer gaat ze verder waar ze was."


@dataclass
class SyncReport:
    enqueued: int = 0
    stored: int = 0
    duplicates: int = 0
    conflicts: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    pulled: int = 0
    applied: int = 0
    quarantined: int = 0
    # Gemeente: messages of schools not confirmed yet (handover bevestig), kept unopened.
    held: int = 0
    pending: int = 0
    rebased: int = 0
    resent_after_epoch_change: int = 0
    epoch_changed: bool = False
    errors: list[str] = field(default_factory=list)
    offline: bool = False
    # Stopped early because the caller asked (e.g. the window closed); the next sync goes on.
    cancelled: bool = False
    # Seconds per phase (prepare = catch-up scan that seals envelopes, push, pull), for progress
    # reporting and the benchmark.
    timings: dict[str, float] = field(default_factory=dict)
    # What could go but waits, per reason ("wacht op toestemming": 2, …): see sync.send_state.
    held_back: dict[str, int] = field(default_factory=dict)
    # Receipts and status messages applied in this run: (youth id, kind, status, detail, signer, at).
    replies: list[tuple[str, str, str | None, str, str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (
            self.errors or self.conflicts or self.rejected or self.quarantined or self.pending or self.cancelled
        )

    def summary(self) -> str:
        """The closing line: never "Alles verstuurd" while something that could go is waiting."""
        if not self.held_back:
            return "Alles verstuurd en ontvangen."
        total = sum(self.held_back.values())
        parts = ", ".join(f"{n} {reason}" for reason, n in self.held_back.items())
        return f"Verstuurd en ontvangen wat kon; {total} {'wacht' if total == 1 else 'wachten'}: {parts}."

    def problems(self) -> list[str]:
        """Why this sync is not complete, in plain Dutch (empty when :attr:`ok`)."""
        out = list(self.errors)
        if self.cancelled:
            out.append(CANCELLED_MESSAGE)
        if self.conflicts:
            out.append(f"{len(self.conflicts)} bericht(en) botsten met een nieuwere versie op de server.")
        if self.rejected:
            out.append(f"{len(self.rejected)} bericht(en) geweigerd door de server.")
        if self.quarantined:
            out.append(f"{self.quarantined} ontvangen bericht(en) afgekeurd en in quarantaine gezet.")
        if self.pending and not self.errors:
            out.append(f"{self.pending} bericht(en) wachten nog op verzending.")
        return out
