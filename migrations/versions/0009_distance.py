"""pain log: the distance of a run, in metres (read from a watch file)

Revision ID: 0009_distance
Revises: 0008_first10
Create Date: 2026-12-04 15:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_distance"
down_revision: str | None = "0008_first10"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("pain_logs") as table:
        table.add_column(sa.Column("metres", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("pain_logs") as table:
        table.drop_column("metres")
