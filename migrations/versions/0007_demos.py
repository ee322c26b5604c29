"""demonstrations: each file's Telegram file_id, per bot, so it is uploaded once

Revision ID: 0007_demos
Revises: 0006_trust
Create Date: 2026-12-04 14:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_demos"
down_revision: str | None = "0006_trust"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "demo_uploads",
        sa.Column("bot_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("demo_key", sa.String(length=96), nullable=False),
        sa.Column("file_id", sa.String(length=255), nullable=False),
        sa.PrimaryKeyConstraint("bot_id", "demo_key"),
    )


def downgrade() -> None:
    op.drop_table("demo_uploads")
