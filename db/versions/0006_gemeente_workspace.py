"""gemeente workspace: received versions, intake, news after school, agreements both ways, regional figures

Revision ID: 0006_gemeente_workspace
Revises: 0005_student_number_representative
Create Date: 2026-12-02 23:59:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_gemeente_workspace"
down_revision = "0005_student_number_representative"
branch_labels = None
depends_on = None

_RECEIVED_COLUMNS = ("last_opened_revision", "picked_up_at", "intake_date", "klantmanager", "case_status")


def upgrade() -> None:
    # Plain ADD COLUMN everywhere (no batch rebuild): consents hang off youths, see 0005.
    op.add_column("consents", sa.Column("includes_checkins", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column(
        "consents", sa.Column("includes_checkin_notes", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column("received_dossiers", sa.Column("last_opened_revision", sa.Integer(), nullable=True))
    op.add_column("received_dossiers", sa.Column("picked_up_at", sa.DateTime(), nullable=True))
    op.add_column("received_dossiers", sa.Column("intake_date", sa.Date(), nullable=True))
    op.add_column("received_dossiers", sa.Column("klantmanager", sa.String(length=200), nullable=True))
    op.add_column(
        "received_dossiers",
        sa.Column("case_status", sa.String(length=20), nullable=False, server_default="ontvangen"),
    )
    op.create_table(
        "received_versions",
        sa.Column("sender_org", sa.String(length=64), nullable=False),
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("body", sa.JSON(), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sender_org", "record_id", "revision", name=op.f("pk_received_versions")),
    )
    # The version already held of each received dossier is its first kept version.
    op.execute(
        "INSERT INTO received_versions (sender_org, record_id, revision, body, received_at) "
        "SELECT sender_org, record_id, revision, body, received_at FROM received_dossiers"
    )
    op.create_table(
        "received_updates",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("sender_org", sa.String(length=64), nullable=False),
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("op_id", sa.String(length=64), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("situation", sa.String(length=40), nullable=True),
        sa.Column("situation_reason", sa.String(length=40), nullable=True),
        sa.Column("care_signal", sa.String(length=20), nullable=True),
        sa.Column("next_contact", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("job_loss", sa.Boolean(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_received_updates")),
        sa.UniqueConstraint("op_id", name=op.f("uq_received_updates_op_id")),
    )
    op.create_index("ix_received_updates_record", "received_updates", ["sender_org", "record_id"], unique=False)
    op.create_table(
        "agreement_versions",
        sa.Column("version_id", sa.String(length=36), nullable=False),
        sa.Column("agreement_id", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("school_org", sa.String(length=64), nullable=False),
        sa.Column("parent_ids", sa.JSON(), nullable=False),
        sa.Column("action", sa.String(length=500), nullable=False),
        sa.Column("organisation", sa.String(length=40), nullable=False),
        sa.Column("person", sa.String(length=200), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("changed_by", sa.String(length=200), nullable=False),
        sa.Column("changed_by_org", sa.String(length=200), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("origin", sa.String(length=10), nullable=False),
        sa.Column("head", sa.Boolean(), nullable=False),
        sa.Column("op_id", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("version_id", name=op.f("pk_agreement_versions")),
    )
    op.create_index(op.f("ix_agreement_versions_agreement_id"), "agreement_versions", ["agreement_id"], unique=False)
    op.create_index(op.f("ix_agreement_versions_dossier_id"), "agreement_versions", ["dossier_id"], unique=False)
    op.create_table(
        "sync_sent_updates",
        sa.Column("checkin_id", sa.String(length=36), nullable=False),
        sa.Column("youth_id", sa.String(length=36), nullable=False),
        sa.Column("recipient_org", sa.String(length=64), nullable=False),
        sa.Column("op_id", sa.String(length=64), nullable=False),
        sa.Column("queued_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("checkin_id", name=op.f("pk_sync_sent_updates")),
    )
    op.create_index(op.f("ix_sync_sent_updates_youth_id"), "sync_sent_updates", ["youth_id"], unique=False)
    op.create_table(
        "received_figures",
        sa.Column("sender_org", sa.String(length=64), nullable=False),
        sa.Column("peildatum", sa.String(length=10), nullable=False),
        sa.Column("school_name", sa.String(length=200), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sender_org", "peildatum", name=op.f("pk_received_figures")),
    )


def downgrade() -> None:
    # Only what this revision added goes. Plain DROP COLUMN (SQLite >= 3.35), never a batch rebuild:
    # rebuilding consents (or youths) with foreign keys on can cascade into other tables (see 0005).
    op.drop_table("received_figures")
    op.drop_index(op.f("ix_sync_sent_updates_youth_id"), table_name="sync_sent_updates")
    op.drop_table("sync_sent_updates")
    op.drop_index(op.f("ix_agreement_versions_dossier_id"), table_name="agreement_versions")
    op.drop_index(op.f("ix_agreement_versions_agreement_id"), table_name="agreement_versions")
    op.drop_table("agreement_versions")
    op.drop_index("ix_received_updates_record", table_name="received_updates")
    op.drop_table("received_updates")
    op.drop_table("received_versions")
    for column in reversed(_RECEIVED_COLUMNS):
        op.execute(f"ALTER TABLE received_dossiers DROP COLUMN {column}")
    op.execute("ALTER TABLE consents DROP COLUMN includes_checkin_notes")
    op.execute("ALTER TABLE consents DROP COLUMN includes_checkins")
