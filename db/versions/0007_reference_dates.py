"""reference dates: the 1 November snapshots of everyone in follow-up

Revision ID: 0007_reference_dates
Revises: 0006_gemeente_workspace
Create Date: 2026-12-02 23:59:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_reference_dates"
down_revision = "0006_gemeente_workspace"
branch_labels = None
depends_on = None

# A snapshot is frozen: the database itself refuses to change or delete one (see handover.store.outcomes).
_TRIGGERS = [
    (f"{table}_frozen_{what.lower()}", table, what)
    for table in ("reference_snapshots", "reference_entries")
    for what in ("UPDATE", "DELETE")
]


def upgrade() -> None:
    op.create_table(
        "reference_snapshots",
        sa.Column("peildatum", sa.Date(), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("taken_by", sa.String(length=200), nullable=False),
        sa.Column("retroactive", sa.Boolean(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("peildatum", name=op.f("pk_reference_snapshots")),
    )
    op.create_table(
        "reference_entries",
        sa.Column("peildatum", sa.Date(), nullable=False),
        sa.Column("youth_id", sa.String(length=36), nullable=False),
        sa.Column("cohort", sa.Integer(), nullable=False),
        sa.Column("school_type", sa.String(length=10), nullable=False),
        sa.Column("leaving_date", sa.Date(), nullable=False),
        sa.Column("situation", sa.String(length=40), nullable=False),
        sa.Column("route", sa.String(length=40), nullable=True),
        sa.Column("stable_since", sa.Date(), nullable=True),
        sa.Column("last_contact", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["peildatum"],
            ["reference_snapshots.peildatum"],
            name=op.f("fk_reference_entries_peildatum_reference_snapshots"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("peildatum", "youth_id", name=op.f("pk_reference_entries")),
    )
    for name, table, what in _TRIGGERS:
        op.execute(
            f"CREATE TRIGGER {name} BEFORE {what} ON {table} "
            "BEGIN SELECT RAISE(ABORT, 'Een peildatum ligt vast en verandert niet.'); END"
        )


def downgrade() -> None:
    # Only the two tables of this revision go; no other table is rebuilt.
    for name, _table, _what in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("reference_entries")
    op.drop_table("reference_snapshots")
