"""after-run check-ins: a runner's choice, unset until they make one

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 22:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("user_settings") as table:
        table.add_column(sa.Column("after_run_checkins", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("user_settings") as table:
        table.drop_column("after_run_checkins")
