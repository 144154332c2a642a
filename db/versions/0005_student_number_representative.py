"""import and consent: the Leerlingnummer of a young person, and the reason a representative consents

Revision ID: 0005_student_number_representative
Revises: 0004_deliberate_sending
Create Date: 2026-12-02 20:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_student_number_representative"
down_revision = "0004_deliberate_sending"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("youths", schema=None) as batch_op:
        batch_op.add_column(sa.Column("student_number", sa.String(length=40), nullable=True))
        batch_op.create_index(batch_op.f("ix_youths_student_number"), ["student_number"], unique=False)
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("representative_reason", sa.String(length=300), nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite >= 3.35), not a batch rebuild: rebuilding youths drops the table, and with
    # foreign keys on that cascades to every consent, contact and check-in of every young person.
    op.drop_index("ix_youths_student_number", table_name="youths")
    op.execute("ALTER TABLE youths DROP COLUMN student_number")
    op.execute("ALTER TABLE consents DROP COLUMN representative_reason")
