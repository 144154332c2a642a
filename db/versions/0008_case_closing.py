"""closing a case: Begeleiding afronden, reopening, and check-ins marked gemist met reden

Revision ID: 0008_case_closing
Revises: 0007_reference_dates
Create Date: 2026-12-02 23:59:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_case_closing"
down_revision = "0007_reference_dates"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_closures",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("youth_id", sa.String(length=36), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=False),
        sa.Column("situation", sa.String(length=40), nullable=False),
        sa.Column("situation_reason", sa.String(length=40), nullable=True),
        sa.Column("closed_by", sa.String(length=200), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=False),
        sa.Column("reopened_on", sa.Date(), nullable=True),
        sa.Column("reopened_by", sa.String(length=200), nullable=True),
        sa.Column("reopen_reason", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(
            ["youth_id"], ["youths.id"], name=op.f("fk_case_closures_youth_id_youths"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_closures")),
    )
    op.create_index(op.f("ix_case_closures_youth_id"), "case_closures", ["youth_id"], unique=False)
    # Plain ADD COLUMN: a batch rebuild of checkins is not needed for two nullable columns.
    op.add_column("checkins", sa.Column("missed_on", sa.Date(), nullable=True))
    op.add_column("checkins", sa.Column("missed_reason", sa.String(length=300), nullable=True))


def downgrade() -> None:
    # Only what this revision added goes. Plain DROP COLUMN (SQLite >= 3.35), not a batch rebuild of
    # checkins (see 0005: rebuilding a table with foreign keys on can cascade into other tables).
    op.execute("ALTER TABLE checkins DROP COLUMN missed_reason")
    op.execute("ALTER TABLE checkins DROP COLUMN missed_on")
    op.drop_index(op.f("ix_case_closures_youth_id"), table_name="case_closures")
    op.drop_table("case_closures")
