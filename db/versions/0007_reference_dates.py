"""reference dates: the 1 November snapshots of everyone in follow-up

Revision ID: 0007_reference_dates
Revises: 0006_gemeente_workspace
Create Date: 2026-12-02 23:59:00
"""

from __future__ import annotations

revision = "0007_reference_dates"
down_revision = "0006_gemeente_workspace"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # placeholder: filled by the issue that owns this revision


def downgrade() -> None:
    pass
