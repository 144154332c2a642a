"""gemeente workspace: received versions, intake, news after school, agreements both ways, regional figures

Revision ID: 0006_gemeente_workspace
Revises: 0005_student_number_representative
Create Date: 2026-12-02 23:59:00
"""

from __future__ import annotations

revision = "0006_gemeente_workspace"
down_revision = "0005_student_number_representative"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # placeholder: filled by the issue that owns this revision


def downgrade() -> None:
    pass
