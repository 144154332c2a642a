"""Errors of the sync use cases that the GUI and the command line show as they are (Dutch text)."""

from __future__ import annotations


class SyncUsageError(Exception):
    """The user asked for something that cannot be done now (not enrolled, wrong role); Dutch text."""


class EnrollAborted(SyncUsageError):
    """The user did not confirm the municipality's fingerprint: nothing was registered."""


class Reject(Exception):
    """A verified message that must not be applied; ``code`` goes into the quarantine."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


NOT_ENROLLED = (
    "Deze installatie is nog niet ingeschreven bij de server. Gebruik eerst: handover enroll --server URL --code CODE"
)
