"""closing a case: Begeleiding afronden, reopening, the Doorstroompunt

Revision ID: 0008_case_closing
Revises: 0007_reference_dates
Create Date: 2026-12-02 23:59:00
"""

from __future__ import annotations

revision = "0008_case_closing"
down_revision = "0007_reference_dates"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # placeholder: filled by the issue that owns this revision


def downgrade() -> None:
    pass
