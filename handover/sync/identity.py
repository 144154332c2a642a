"""This installation's keys, read once from the SecretStore, and where our own copy of every message goes."""

from __future__ import annotations

from sqlalchemy.orm import Session

from handover.crypto.keys import AgeIdentity, LocalKeys, load_keys, load_or_create_keys, previous_org_ages
from handover.store.workspace import Workspace
from handover.sync.errors import SyncUsageError
from handover.sync.key_backup import restore_keys
from handover.sync.models import SyncStateEntry

OWN_COPY_KEY = "own_copy_recipient"


class LocalIdentity:
    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace
        self._keys: LocalKeys | None = None
        self._own_key: str | None = None

    @property
    def keys(self) -> LocalKeys:
        if self._keys is None:
            keys = load_keys(self._workspace.secrets)
            if keys is None and restore_keys(self._workspace):  # after `handover recover`
                keys = load_keys(self._workspace.secrets)
            if keys is None:
                raise SyncUsageError("De sleutels van deze installatie ontbreken. Schrijf opnieuw in.")
            # No key copy written here: the first load may happen inside another write transaction
            # (a change hook sealing an envelope); the copy is written at sync and key changes.
            self._keys = keys
        return self._keys

    def reload(self) -> None:
        """Read the keys again (after joining a school or after the school's age key was rotated)."""
        self._keys = None
        self._own_key = None

    @property
    def age_identities(self) -> list[AgeIdentity]:
        """The organisation's age identities to open a message with: the current one first, then the
        earlier ones (kept after a rotation so older messages stay readable on the remaining PCs)."""
        return [self.keys.org_age, *previous_org_ages(self._workspace.secrets)]

    def create_keys(self) -> LocalKeys:
        """The keys, created and stored in the SecretStore when there are none yet (enrollment)."""
        self._keys = load_or_create_keys(self._workspace.secrets)
        return self._keys

    @property
    def own_copy_key(self) -> str:
        """Our own copy of every sent message goes to the data folder's offline recovery key.

        That key's secret half exists only as the printed recovery code, so a school that loses
        its PC (and with it the keychain) can still open what it sent. It was pinned in the
        encrypted database at enrollment and put in our signed key list, so receivers expect it;
        data folders enrolled without one use the organisation key (never werkplek.json, which
        anyone who can write to the folder could edit).
        """
        if self._own_key is None:
            with self._workspace.session() as session:
                row = session.get(SyncStateEntry, OWN_COPY_KEY)
            value = row.value if row is not None else None
            self._own_key = (
                value if isinstance(value, str) and value.startswith("age1") else self.keys.org_age.recipient
            )
        return self._own_key


def pin_own_copy(session: Session, recipient: str | None) -> None:
    """At enrollment: where our own copies go from now on (the same key our key list names)."""
    if recipient:
        session.merge(SyncStateEntry(key=OWN_COPY_KEY, value=recipient))
