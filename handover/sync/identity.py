"""This installation's keys, read once from the SecretStore, and where our own copy of every message goes."""

from __future__ import annotations

from handover.crypto.keys import LocalKeys, load_keys, load_or_create_keys
from handover.store.workspace import Workspace, read_info
from handover.sync.errors import SyncUsageError


class LocalIdentity:
    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace
        self._keys: LocalKeys | None = None
        self._own_key: str | None = None

    @property
    def keys(self) -> LocalKeys:
        if self._keys is None:
            keys = load_keys(self._workspace.secrets)
            if keys is None:
                raise SyncUsageError("De sleutels van deze installatie ontbreken. Schrijf opnieuw in.")
            self._keys = keys
        return self._keys

    def create_keys(self) -> LocalKeys:
        """The keys, created and stored in the SecretStore when there are none yet (enrollment)."""
        self._keys = load_or_create_keys(self._workspace.secrets)
        return self._keys

    @property
    def own_copy_key(self) -> str:
        """Our own copy of every sent message goes to the data folder's offline recovery key.

        That key's secret half exists only as the printed recovery code, so a school that loses
        its PC (and with it the keychain) can still open what it sent. Older data folders without
        a recovery recipient fall back to the organisation key.
        """
        if self._own_key is None:
            info = read_info(self._workspace.data_dir) or {}
            recipient = info.get("recovery_recipient")
            self._own_key = (
                recipient
                if isinstance(recipient, str) and recipient.startswith("age1")
                else self.keys.org_age.recipient
            )
        return self._own_key
