"""runner settings: the distance unit (km or miles) and the report's paper (A4 or Letter)

Revision ID: 0010_units
Revises: 0009_distance
Create Date: 2026-12-04 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_units"
down_revision: str | None = "0009_distance"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("user_settings") as table:
        table.add_column(sa.Column("distance_unit", sa.String(length=2), nullable=True))
        table.add_column(sa.Column("paper", sa.String(length=6), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("user_settings") as table:
        table.drop_column("paper")
        table.drop_column("distance_unit")
