"""sync: outbox envelopes in their own table (status updates no longer rewrite the bytes)

Revision ID: 0003_outbox_envelopes
Revises: 0002_sync
Create Date: 2026-11-29 06:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_outbox_envelopes"
down_revision = "0002_sync"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_outbox_envelopes",
        sa.Column("outbox_id", sa.Integer(), nullable=False),
        sa.Column("envelope", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["outbox_id"],
            ["sync_outbox.id"],
            name=op.f("fk_sync_outbox_envelopes_outbox_id_sync_outbox"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("outbox_id", name=op.f("pk_sync_outbox_envelopes")),
    )
    op.execute("INSERT INTO sync_outbox_envelopes (outbox_id, envelope) SELECT id, envelope FROM sync_outbox")
    with op.batch_alter_table("sync_outbox", schema=None) as batch_op:
        batch_op.drop_column("envelope")


def downgrade() -> None:
    with op.batch_alter_table("sync_outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("envelope", sa.LargeBinary(), nullable=True))
    op.execute(
        "UPDATE sync_outbox SET envelope = "
        "(SELECT envelope FROM sync_outbox_envelopes WHERE outbox_id = sync_outbox.id)"
    )
    with op.batch_alter_table("sync_outbox", schema=None) as batch_op:
        batch_op.alter_column("envelope", existing_type=sa.LargeBinary(), nullable=False)
    op.drop_table("sync_outbox_envelopes")
