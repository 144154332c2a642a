"""sending: consents name a gemeente by organisation id; dossiers go out only once the mentor chose them

Free-text consents are mapped to a pinned gemeente where the text equals its name (or the label it
was pinned with) exactly; the rest wait for the mentor to choose ("kies de ontvanger"). Dossiers
the school already sent count as chosen, so their later versions keep following.

Revision ID: 0004_deliberate_sending
Revises: 0003_outbox_envelopes
Create Date: 2026-12-02 20:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_deliberate_sending"
down_revision = "0003_outbox_envelopes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("recipient_org_id", sa.String(length=64), nullable=True))
    op.create_table(
        "sync_send_choices",
        sa.Column("youth_id", sa.String(length=36), nullable=False),
        sa.Column("chosen_at", sa.DateTime(), nullable=False),
        sa.Column("chosen_by", sa.String(length=200), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("youth_id", name=op.f("pk_sync_send_choices")),
    )
    op.execute(
        "UPDATE consents SET recipient_org_id = (SELECT p.org_id FROM sync_peers p WHERE p.kind = 'gemeente' "
        "AND (p.name = consents.recipient OR p.recipient_label = consents.recipient) ORDER BY p.org_id LIMIT 1) "
        "WHERE recipient_org_id IS NULL"
    )
    op.execute(
        "INSERT INTO sync_send_choices (youth_id, chosen_at, chosen_by, revision) "
        "SELECT r.youth_id, CURRENT_TIMESTAMP, 'eerder verstuurd', MAX(r.covered_revision) FROM sync_records r "
        "WHERE r.youth_id IS NOT NULL AND r.last_kind = 'dossier' GROUP BY r.youth_id"
    )


def downgrade() -> None:
    op.drop_table("sync_send_choices")
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.drop_column("recipient_org_id")
