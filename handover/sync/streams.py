"""Stream states: per (record, recipient) the last wire revision enqueued and the local revision covered.

Each (record, recipient) stream has its own counter (1, 2, 3 …), independent of the dossier's local
revision (which also moves for local-only changes like a status set by the sync).
``base_revision`` of a message is the previous wire revision, which the server checks.

:class:`StreamCache` holds the streams one transaction touches as plain objects and writes them
back with two executemany statements (a SentRecord ORM object per dossier, and its flush, cost more
than the rest of the scan's bookkeeping together).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from handover.sync.bulk import table_of, update_by_key
from handover.sync.models import SentRecord


@dataclass
class StreamState:
    record_id: str
    recipient_org: str
    youth_id: str | None
    last_revision: int = 0
    last_kind: str | None = None
    covered_revision: int = 0


_FIELDS = tuple(f.name for f in fields(StreamState))


def _values(rec: StreamState) -> tuple[Any, ...]:
    # Not dataclasses.astuple: its deep copy is slow for thousands of streams.
    return (rec.record_id, rec.recipient_org, rec.youth_id, rec.last_revision, rec.last_kind, rec.covered_revision)


class StreamCache:
    """The streams of one recipient that one transaction reads and changes."""

    def __init__(self, recipient_org: str, rows: dict[str, StreamState]) -> None:
        self._recipient_org = recipient_org
        self._rows = rows
        self._loaded = {key: _values(rec) for key, rec in rows.items()}

    @classmethod
    def load(cls, session: Session, recipient_org: str, record_ids: Sequence[str]) -> StreamCache:
        table = table_of(SentRecord)
        result = session.execute(
            select(*(table.c[f] for f in _FIELDS)).where(
                table.c.recipient_org == recipient_org, table.c.record_id.in_(record_ids)
            )
        )
        return cls(recipient_org, {row.record_id: StreamState(*row) for row in result})

    def get(self, record_id: str, youth_id: str | None) -> StreamState:
        """The stream of ``record_id``, created (at revision 0) when new."""
        rec = self._rows.get(record_id)
        if rec is None:
            rec = StreamState(record_id, self._recipient_org, youth_id)
            self._rows[record_id] = rec
        return rec

    def save(self, session: Session) -> None:
        new = [vars(rec) for key, rec in self._rows.items() if key not in self._loaded]
        changed = [
            vars(rec) for key, rec in self._rows.items() if key in self._loaded and _values(rec) != self._loaded[key]
        ]
        if new:
            session.execute(insert(SentRecord), new)
        update_by_key(session, table_of(SentRecord), changed)
        self._loaded = {key: _values(rec) for key, rec in self._rows.items()}
