"""several PCs per school: field registers (merge state), replication marks, this PC's clock, other PCs' audit heads

Revision ID: 0009_school_devices
Revises: 0008_case_closing
Create Date: 2026-12-03 00:35:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_school_devices"
down_revision = "0008_case_closing"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # New tables only, no foreign keys to youths: an erased young person's register (a tombstone
    # without values) must outlive the row, so the erasure reaches the school's other PCs.
    op.create_table(
        "merge_entities",
        sa.Column("entity", sa.String(length=20), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("youth_id", sa.String(length=36), nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("applied", sa.JSON(), nullable=False),
        sa.Column("dirty", sa.Boolean(), nullable=False),
        sa.Column("conflicted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "entity_id", name=op.f("pk_merge_entities")),
    )
    op.create_index(op.f("ix_merge_entities_youth_id"), "merge_entities", ["youth_id"], unique=False)
    op.create_index(op.f("ix_merge_entities_dirty"), "merge_entities", ["dirty"], unique=False)
    op.create_index(op.f("ix_merge_entities_conflicted"), "merge_entities", ["conflicted"], unique=False)
    op.create_table(
        "replica_marks",
        sa.Column("youth_id", sa.String(length=36), nullable=False),
        sa.Column("captured_revision", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("youth_id", name=op.f("pk_replica_marks")),
    )
    op.create_table(
        "merge_clock",
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("counter", sa.Integer(), nullable=False),
        sa.Column("lamport", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_merge_clock")),
    )
    op.create_table(
        "device_audit_heads",
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("other_hash", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("device_id", "seq", name=op.f("pk_device_audit_heads")),
    )


def downgrade() -> None:
    # Only the four tables of this revision go; no other table is rebuilt, so nothing else is lost.
    op.drop_table("device_audit_heads")
    op.drop_table("merge_clock")
    op.drop_table("replica_marks")
    op.drop_index(op.f("ix_merge_entities_conflicted"), table_name="merge_entities")
    op.drop_index(op.f("ix_merge_entities_dirty"), table_name="merge_entities")
    op.drop_index(op.f("ix_merge_entities_youth_id"), table_name="merge_entities")
    op.drop_table("merge_entities")
