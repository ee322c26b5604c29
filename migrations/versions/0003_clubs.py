"""clubs

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 20:43:28.429963
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "club_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("weekday", sa.SmallInteger(), nullable=False),
        sa.Column("local_time", sa.Time(), nullable=False),
        sa.Column("title", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_club_runs")),
        sa.UniqueConstraint(
            "chat_id", "weekday", "local_time", name=op.f("uq_club_runs_chat_id_weekday_local_time")
        ),
    )
    with op.batch_alter_table("club_runs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_club_runs_chat_id"), ["chat_id"], unique=False)

    op.create_table(
        "club_settings",
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=True),
        sa.Column("stretch_time", sa.Time(), nullable=True),
        sa.Column("warmup_lead_minutes", sa.SmallInteger(), server_default="15", nullable=False),
        sa.Column("thread_id", sa.BigInteger(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.PrimaryKeyConstraint("chat_id", name=op.f("pk_club_settings")),
    )
    op.create_table(
        "club_attendance",
        sa.Column("delivery_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("first_name", sa.String(length=64), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["delivery_id"],
            ["deliveries.id"],
            name=op.f("fk_club_attendance_delivery_id_deliveries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("delivery_id", "user_id", name=op.f("pk_club_attendance")),
    )
    with op.batch_alter_table("club_attendance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_club_attendance_user_id"), ["user_id"], unique=False)

    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("title", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("thread_id", sa.BigInteger(), nullable=True))

    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.add_column(sa.Column("title", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("thread_id", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.drop_column("thread_id")
        batch_op.drop_column("title")

    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.drop_column("thread_id")
        batch_op.drop_column("title")

    with op.batch_alter_table("club_attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_club_attendance_user_id"))

    op.drop_table("club_attendance")
    op.drop_table("club_settings")
    with op.batch_alter_table("club_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_club_runs_chat_id"))

    op.drop_table("club_runs")
