"""recovery: the pain log and the walk-run comeback plan

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 21:10:48.767786
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "comebacks",
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("stage", sa.SmallInteger(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_comebacks_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_comebacks")),
    )
    op.create_table(
        "pain_logs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("during_run", sa.SmallInteger(), nullable=False),
        sa.Column("next_morning", sa.SmallInteger(), nullable=True),
        sa.Column("minutes", sa.SmallInteger(), nullable=True),
        sa.Column("swelling", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("stiffer", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("stage", sa.SmallInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_pain_logs_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pain_logs")),
        sa.UniqueConstraint("user_id", "day", name=op.f("uq_pain_logs_user_id_day")),
    )


def downgrade() -> None:
    op.drop_table("pain_logs")
    op.drop_table("comebacks")
