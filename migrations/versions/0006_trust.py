"""club attendance: the post each "I'm running" tap was on, so erasing a runner's data can edit
their name off the list the group sees

Revision ID: 0006_trust
Revises: 0005
Create Date: 2026-12-04 14:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_trust"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("club_attendance") as table:
        table.add_column(sa.Column("message_id", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("club_attendance") as table:
        table.drop_column("message_id")
