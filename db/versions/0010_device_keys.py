"""several PCs per school: the school's devices, join codes and key rotation on the client

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
    pass  # placeholder: filled by the helper that owns this revision (issue 13)


def downgrade() -> None:
    pass
