"""Missing versions: a receiver that gets version N+2 of a dossier without N+1 says so on both sides.

The server could drop one message of a stream unseen. Each message names the version it follows
(``base_revision``), so the gemeente sees the hole when the next one arrives. It marks the dossier
"versie ontbreekt" and sends the school a signed status message saying so; the school marks it too
and sends the current version again (a dossier message always carries the whole dossier). The mark
goes away when a version arrives that follows on from what was received.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from handover.sync.models import SyncStateEntry

VERSION_MISSING = "versie_ontbreekt"
"""The status a gemeente sends a school about a stream with a hole (shown as "versie ontbreekt")."""
_PREFIX = "gap:"
_NAMESPACE = uuid.UUID("0b7d1c52-2f4e-4d8a-9f31-6c2e5a7b9d40")  # fixed: notice ids must stay stable


@dataclass(frozen=True)
class VersionGap:
    sender_org: str
    record_id: str
    first_missing: int
    last_missing: int

    @property
    def label(self) -> str:
        if self.first_missing == self.last_missing:
            return f"versie ontbreekt (versie {self.first_missing})"
        return f"versie ontbreekt (versies {self.first_missing}-{self.last_missing})"


def _key(sender_org: str, record_id: str) -> str:
    return _PREFIX + hashlib.sha256(f"{sender_org}:{record_id}".encode()).hexdigest()[:40]


def missing_versions(last_applied: int | None, base_revision: int) -> tuple[int, int] | None:
    """The versions missing before a message that follows ``base_revision`` (None: nothing missing)."""
    have = last_applied or 0
    return (have + 1, base_revision) if base_revision > have else None


def mark_gap(session: Session, gap: VersionGap) -> None:
    value: dict[str, Any] = {
        "sender_org": gap.sender_org,
        "record_id": gap.record_id,
        "first": gap.first_missing,
        "last": gap.last_missing,
    }
    session.merge(SyncStateEntry(key=_key(gap.sender_org, gap.record_id), value=value))


def clear_gap(session: Session, sender_org: str, record_id: str) -> None:
    row = session.get(SyncStateEntry, _key(sender_org, record_id))
    if row is not None:
        session.delete(row)


def version_gaps(session: Session) -> list[VersionGap]:
    out = []
    for row in session.scalars(select(SyncStateEntry).where(SyncStateEntry.key.startswith(_PREFIX))):
        v = row.value if isinstance(row.value, dict) else {}
        try:
            out.append(VersionGap(str(v["sender_org"]), str(v["record_id"]), int(v["first"]), int(v["last"])))
        except (KeyError, TypeError, ValueError):
            continue
    return out


def gap_notice_op_id(gap: VersionGap) -> str:
    """Deterministic: the same hole is reported to the school once, however often it is seen."""
    return str(uuid.uuid5(_NAMESPACE, f"{gap.sender_org}:{gap.record_id}:{gap.first_missing}:{gap.last_missing}"))
