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
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.drop_column("representative_reason")
    with op.batch_alter_table("youths", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_youths_student_number"))
        batch_op.drop_column("student_number")
