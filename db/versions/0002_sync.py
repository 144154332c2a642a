"""sync: outbox, applied inbox, quarantine, pinned peers, received dossiers and replies

Revision ID: 0002_sync
Revises: 0001
Create Date: 2026-11-29 05:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_sync"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "received_dossiers",
        sa.Column("sender_org", sa.String(length=64), nullable=False),
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("school_name", sa.String(length=200), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("op_id", sa.String(length=64), nullable=False),
        sa.Column("envelope_sha256", sa.String(length=64), nullable=False),
        sa.Column("signer_device", sa.String(length=64), nullable=False),
        sa.Column("sent_at", sa.String(length=40), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("body", sa.JSON(), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(), nullable=True),
        sa.Column("receipt_op_id", sa.String(length=64), nullable=True),
        sa.Column("last_status", sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint("sender_org", "record_id", name=op.f("pk_received_dossiers")),
    )
    op.create_table(
        "sync_inbox",
        sa.Column("sender_org", sa.String(length=64), nullable=False),
        sa.Column("op_id", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("envelope_sha256", sa.String(length=64), nullable=False),
        sa.Column("applied_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sender_org", "op_id", name=op.f("pk_sync_inbox")),
    )
    with op.batch_alter_table("sync_inbox", schema=None) as batch_op:
        batch_op.create_index("ix_sync_inbox_record", ["sender_org", "record_id", "revision"], unique=False)

    op.create_table(
        "sync_outbox",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("op_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("base_revision", sa.Integer(), nullable=False),
        sa.Column("recipient_org", sa.String(length=64), nullable=False),
        sa.Column("youth_id", sa.String(length=36), nullable=True),
        sa.Column("envelope", sa.LargeBinary(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=True),
        sa.Column("error", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("acked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_outbox")),
        sa.UniqueConstraint("op_id", name=op.f("uq_sync_outbox_op_id")),
    )
    with op.batch_alter_table("sync_outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_outbox_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_sync_outbox_youth_id"), ["youth_id"], unique=False)

    op.create_table(
        "sync_peers",
        sa.Column("org_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("root_public_key", sa.LargeBinary(), nullable=False),
        sa.Column("manifest", sa.LargeBinary(), nullable=False),
        sa.Column("manifest_signature", sa.LargeBinary(), nullable=False),
        sa.Column("recipient_label", sa.String(length=200), nullable=False),
        sa.Column("confirmed", sa.Boolean(), nullable=False),
        sa.Column("pinned_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("org_id", name=op.f("pk_sync_peers")),
    )
    op.create_table(
        "sync_quarantine",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("op_id", sa.String(length=64), nullable=False),
        sa.Column("sender_org", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=False),
        sa.Column("message", sa.String(length=300), nullable=False),
        sa.Column("envelope_sha256", sa.String(length=64), nullable=False),
        sa.Column("envelope", sa.LargeBinary(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_quarantine")),
    )
    op.create_table(
        "sync_records",
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("recipient_org", sa.String(length=64), nullable=False),
        sa.Column("youth_id", sa.String(length=36), nullable=True),
        sa.Column("last_revision", sa.Integer(), nullable=False),
        sa.Column("last_kind", sa.String(length=16), nullable=True),
        sa.Column("covered_revision", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("record_id", "recipient_org", name=op.f("pk_sync_records")),
    )
    with op.batch_alter_table("sync_records", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_records_youth_id"), ["youth_id"], unique=False)

    op.create_table(
        "sync_replies",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("youth_id", sa.String(length=36), nullable=False),
        sa.Column("sender_org", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("op_id", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("signer_name", sa.String(length=200), nullable=False),
        sa.Column("signer_device", sa.String(length=64), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_replies")),
    )
    with op.batch_alter_table("sync_replies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_replies_youth_id"), ["youth_id"], unique=False)

    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_state")),
    )


def downgrade() -> None:
    op.drop_table("sync_state")
    with op.batch_alter_table("sync_replies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_replies_youth_id"))

    op.drop_table("sync_replies")
    with op.batch_alter_table("sync_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_records_youth_id"))

    op.drop_table("sync_records")
    op.drop_table("sync_quarantine")
    op.drop_table("sync_peers")
    with op.batch_alter_table("sync_outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_outbox_youth_id"))
        batch_op.drop_index(batch_op.f("ix_sync_outbox_status"))

    op.drop_table("sync_outbox")
    with op.batch_alter_table("sync_inbox", schema=None) as batch_op:
        batch_op.drop_index("ix_sync_inbox_record")

    op.drop_table("sync_inbox")
    op.drop_table("received_dossiers")
