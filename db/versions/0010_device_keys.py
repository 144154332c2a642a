"""several PCs per school: the school's devices, join codes and key rotation on the client

No table changes. What a PC keeps about the school's devices lives in ``sync_state`` rows (the
encrypted database's key/value table, see handover.sync.devices): ``own_manifest`` (the school's key
list, verified against its root key), ``device_list`` (the last list from the server),
``device_revoked`` (this PC was revoked) and ``join_codes`` (codes this PC made, waiting for a new
PC). Keys themselves stay in the SecretStore (the OS keychain): the device's own age key, the
school's earlier age keys after a rotation, and a rotated key not yet confirmed by the server. The
revision exists so the chain 0009 -> 0010 is fixed and a later change has its place.

Revision ID: 0010_device_keys
Revises: 0009_school_devices
Create Date: 2026-12-03 00:35:00
"""

from __future__ import annotations

revision = "0010_device_keys"
down_revision = "0009_school_devices"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # nothing to create: see the docstring


def downgrade() -> None:
    pass  # nothing was created, so nothing is lost
