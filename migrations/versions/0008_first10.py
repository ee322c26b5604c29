"""pain log: several runs a day (no more one row per user and day)

Revision ID: 0008_first10
Revises: 0007_demos
Create Date: 2026-12-04 14:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_first10"
down_revision: str | None = "0007_demos"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("pain_logs") as table:
        table.drop_constraint("uq_pain_logs_user_id_day", type_="unique")
        table.create_index("ix_pain_logs_user_id_day", ["user_id", "day"])


def downgrade() -> None:
    # One row per day again: the latest run logged on each day stays.
    op.execute(
        sa.text(
            "DELETE FROM pain_logs WHERE id NOT IN "
            "(SELECT MAX(id) FROM pain_logs GROUP BY user_id, day)"
        )
    )
    with op.batch_alter_table("pain_logs") as table:
        table.drop_index("ix_pain_logs_user_id_day")
        table.create_unique_constraint("uq_pain_logs_user_id_day", ["user_id", "day"])
