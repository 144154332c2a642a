"""The sync state of this installation as one typed value, loaded and saved only here.

It is stored as key/value rows (``sync_state``, see :class:`~handover.sync.models.SyncStateEntry`)
so that older data folders keep working: the keys are the field names below, flat. Code elsewhere
reads a :class:`SyncState` and saves a changed copy (``dataclasses.replace``); nothing else goes
into the table, and nothing is cached in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from handover.sync.models import SyncStateEntry

SCHOOL = "school"
GEMEENTE = "gemeente"


@dataclass(frozen=True)
class Enrollment:
    """Who this installation is on the sync server (set once, when it enrolls)."""

    server_url: str
    org_id: str
    org_name: str
    org_kind: str  # "school" or "gemeente"
    device_id: str
    enrolled_at: str

    @property
    def is_school(self) -> bool:
        return self.org_kind == SCHOOL

    @property
    def is_gemeente(self) -> bool:
        return self.org_kind == GEMEENTE


@dataclass(frozen=True)
class SyncState:
    enrollment: Enrollment | None = None
    # The server's epoch as last seen; a different one means it was restored from a backup.
    epoch: str | None = None
    # The highest inbox sequence number applied.
    inbox_cursor: int = 0
    # The outcome of the last finished sync (for the status line).
    last_sync: str | None = None
    last_error: str | None = None
    last_offline: bool = False

    @property
    def enrolled(self) -> bool:
        return self.enrollment is not None

    @property
    def org_kind(self) -> str | None:
        return self.enrollment.org_kind if self.enrollment else None


_MISSING = object()
_ENROLLMENT_KEYS = ("server_url", "org_id", "org_name", "org_kind", "device_id", "enrolled_at")


def _flat(state: SyncState) -> dict[str, Any]:
    values: dict[str, Any] = {
        "epoch": state.epoch,
        "inbox_cursor": state.inbox_cursor,
        "last_sync": state.last_sync,
        "last_error": state.last_error,
        "last_offline": state.last_offline,
    }
    if state.enrollment is not None:
        values.update({key: getattr(state.enrollment, key) for key in _ENROLLMENT_KEYS})
    return values


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _from_flat(values: dict[str, Any]) -> SyncState:
    enrollment = None
    if values.get("org_id") is not None:
        enrollment = Enrollment(**{key: str(values.get(key) or "") for key in _ENROLLMENT_KEYS})
    return SyncState(
        enrollment=enrollment,
        epoch=_text(values.get("epoch")),
        inbox_cursor=int(values.get("inbox_cursor") or 0),
        last_sync=_text(values.get("last_sync")),
        last_error=_text(values.get("last_error")),
        last_offline=bool(values.get("last_offline")),
    )


def load_state(session: Session) -> SyncState:
    return _from_flat({row.key: row.value for row in session.scalars(select(SyncStateEntry))})


def save_state(session: Session, state: SyncState) -> SyncState:
    """Write the fields of ``state`` that differ from what is stored (in the caller's transaction)."""
    rows = {row.key: row for row in session.scalars(select(SyncStateEntry))}
    stored = _flat(_from_flat({key: row.value for key, row in rows.items()}))
    for key, value in _flat(state).items():
        if stored.get(key, _MISSING) == value:
            continue  # unchanged (a default that was never written stays unwritten)
        if key in rows:
            rows[key].value = value
        else:
            session.add(SyncStateEntry(key=key, value=value))
    return state
