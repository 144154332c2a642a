"""Where a school PC's keys live and how they come back (issue 13): the SecretStore holds them, a
copy sits in the encrypted database, and after `handover recover` (database key back from the
recovery code, keychain still empty) the school's keys, earlier keys included, come back."""

from __future__ import annotations

from pathlib import Path

from handover.crypto.keys import (
    DEVICE_AGE_SECRET,
    DEVICE_SECRET,
    ORG_AGE_PREVIOUS,
    ORG_AGE_SECRET,
    ORG_ROOT_SECRET,
    load_keys,
    previous_org_ages,
)
from handover.server.testing import LiveServer
from handover.store.workspace import DB_KEY
from handover.sync.service import SyncService
from tests.sync.conftest import Installation, make_installation
from tests.sync.test_pairing import pair


def test_the_keys_come_back_from_the_database_copy_after_a_reinstallation(
    tmp_path: Path, live_server: LiveServer, school: Installation, gemeente: Installation
) -> None:
    pcs = [
        make_installation(tmp_path, name, role="school", org="Praktijkschool De Brug", user=name)
        for name in ("pc2", "pc3")
    ]
    try:
        for inst in pcs:
            pair(live_server, school, inst)
        pc2, pc3 = pcs
        lost = load_keys(pc3.secrets)
        assert lost is not None
        school.sync.revoke_device(lost.device_id)
        assert not pc2.sync.sync().errors  # pc2 takes the rotated key
        before = load_keys(pc2.secrets)
        assert before is not None and previous_org_ages(pc2.secrets)
        names = (ORG_AGE_SECRET, ORG_ROOT_SECRET, DEVICE_SECRET, DEVICE_AGE_SECRET, ORG_AGE_PREVIOUS)
        saved = {name: pc2.secrets.get(name) for name in names}
        for name in names:  # a new Windows profile: only the database key is back (handover recover)
            pc2.secrets.delete(name)
        assert pc2.secrets.get(DB_KEY) is not None and load_keys(pc2.secrets) is None
        fresh = SyncService(pc2.ctx)
        try:
            assert not fresh.sync().errors
        finally:
            fresh.close()
        assert {name: pc2.secrets.get(name) for name in names} == saved
    finally:
        for inst in pcs:
            inst.sync.close()
            inst.ctx.close()


def test_loading_the_keys_inside_a_write_transaction_writes_nothing(school: Installation) -> None:
    """A change hook may seal an envelope (and so load the keys) inside the transaction of a change:
    the first load must not write the key copy in a session of its own (that waited on the lock)."""
    from sqlalchemy import select

    from handover.sync.identity import LocalIdentity
    from handover.sync.key_backup import KEY_BACKUP
    from handover.sync.models import SyncStateEntry

    with school.ctx.workspace.session() as session:
        session.add(SyncStateEntry(key="test.lock", value=1))
        session.flush()  # this session now holds the write lock
        keys = LocalIdentity(school.ctx.workspace).keys
        assert keys.device_id == school.sync.keys.device_id
        session.delete(session.get(SyncStateEntry, "test.lock"))
    with school.ctx.workspace.session() as session:
        before = session.scalar(select(SyncStateEntry.value).where(SyncStateEntry.key == KEY_BACKUP))
    assert not school.sync.sync().errors  # the copy is written at the sync, outside other transactions
    with school.ctx.workspace.session() as session:
        after = session.scalar(select(SyncStateEntry.value).where(SyncStateEntry.key == KEY_BACKUP))
    assert after is not None and (before is None or before == after)
