"""planned runs: the distance a runner intends to run, in metres (/runs sat 09:30 18km)

Revision ID: 0011_run_distance
Revises: 0010_units
Create Date: 2026-12-04 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_run_distance"
down_revision: str | None = "0010_units"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("planned_runs") as table:
        table.add_column(sa.Column("metres", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("planned_runs") as table:
        table.drop_column("metres")
