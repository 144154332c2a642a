"""several PCs per school: field stamps, conflicts and replication state

Revision ID: 0009_school_devices
Revises: 0008_case_closing
Create Date: 2026-12-03 00:35:00
"""

from __future__ import annotations

revision = "0009_school_devices"
down_revision = "0008_case_closing"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # placeholder: filled by the helper that owns this revision (issue 13)


def downgrade() -> None:
    pass
