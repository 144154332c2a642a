"""A copy of this PC's sync keys inside the encrypted database, so the recovery code brings them back.

The keys live in the SecretStore (Windows Referentiebeheer, or ``geheimen.enc`` in passphrase mode).
After a reinstallation that store is empty; ``handover recover`` with the printed recovery code puts
the database key back, and with the database readable again this copy puts the school's keys (age
key and earlier age keys, root key) and this PC's own keys back in the SecretStore. The copy is only
as readable as the database itself (SQLCipher, AES-256), whose key sits in the same SecretStore.
"""

from __future__ import annotations

from handover.crypto.keys import (
    DEVICE_AGE_SECRET,
    DEVICE_SECRET,
    ORG_AGE_PENDING,
    ORG_AGE_PREVIOUS,
    ORG_AGE_SECRET,
    ORG_ROOT_SECRET,
)
from handover.store.workspace import Workspace
from handover.sync.models import SyncStateEntry

KEY_BACKUP = "key_backup"
_NAMES = (ORG_AGE_SECRET, ORG_ROOT_SECRET, DEVICE_SECRET, DEVICE_AGE_SECRET, ORG_AGE_PREVIOUS, ORG_AGE_PENDING)


def backup_keys(workspace: Workspace) -> None:
    """Write the current keys into the database copy (when they differ from it)."""
    values = {}
    for name in _NAMES:
        secret = workspace.secrets.get(name)
        if secret is not None:
            values[name] = secret.hex()
    if ORG_ROOT_SECRET not in values:
        return
    with workspace.session() as session:
        row = session.get(SyncStateEntry, KEY_BACKUP)
        if row is None:
            session.add(SyncStateEntry(key=KEY_BACKUP, value=values))
        elif row.value != values:
            row.value = values


def restore_keys(workspace: Workspace) -> bool:
    """Put the keys from the database copy back in an empty SecretStore; True when it did."""
    with workspace.session() as session:
        row = session.get(SyncStateEntry, KEY_BACKUP)
        values = row.value if row is not None else None
    if not isinstance(values, dict) or workspace.secrets.get(ORG_ROOT_SECRET) is not None:
        return False
    for name in _NAMES:
        value = values.get(name)
        if isinstance(value, str) and workspace.secrets.get(name) is None:
            workspace.secrets.set(name, bytes.fromhex(value))
    return True
