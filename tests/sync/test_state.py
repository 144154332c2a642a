"""The typed sync state over the key/value table (which older data folders already have)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy import select

from handover.sync.models import SyncStateEntry
from handover.sync.state import Enrollment, SyncState, load_state, save_state

from .conftest import make_installation


def test_state_round_trips_and_only_changed_fields_are_written(tmp_path: Path) -> None:
    inst = make_installation(tmp_path, "school", role="school", org="School", user="Piet")
    with inst.ctx.session() as session:
        assert load_state(session) == SyncState()
        assert not load_state(session).enrolled
        session.add(SyncStateEntry(key="from_a_newer_version", value={"x": 1}))  # ignored, and kept
    enrollment = Enrollment("https://server", "org-1", "School", "school", "dev-1", "2026-11-29T10:00:00.000Z")
    with inst.ctx.session() as session:
        save_state(session, SyncState(enrollment=enrollment, epoch="e1"))
    with inst.ctx.session() as session:
        stored = {row.key: row.value for row in session.scalars(select(SyncStateEntry))}
        # Defaults that were never set stay unwritten; the keys are the flat ones older versions used.
        assert set(stored) == {
            "from_a_newer_version",
            "server_url",
            "org_id",
            "org_name",
            "org_kind",
            "device_id",
            "enrolled_at",
            "epoch",
        }
        state = load_state(session)
        assert state.enrollment == enrollment and state.epoch == "e1" and state.inbox_cursor == 0
        save_state(session, replace(state, inbox_cursor=7, last_offline=True))
    with inst.ctx.session() as session:
        stored = {row.key: row.value for row in session.scalars(select(SyncStateEntry))}
        assert stored["inbox_cursor"] == 7 and stored["last_offline"] is True
        assert load_state(session) == SyncState(enrollment=enrollment, epoch="e1", inbox_cursor=7, last_offline=True)
    inst.sync.close()
    inst.ctx.close()
