"""skipped runs: "Not running today" on a warm-up reminder, kept a week

Revision ID: 0012_skipped_runs
Revises: 0011_run_distance
Create Date: 2026-12-04 17:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_skipped_runs"
down_revision: str | None = "0011_run_distance"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "skipped_runs",
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("occurrence_key", sa.String(length=80), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("local_time", sa.Time(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_skipped_runs_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "occurrence_key", name=op.f("pk_skipped_runs")),
    )


def downgrade() -> None:
    op.drop_table("skipped_runs")
