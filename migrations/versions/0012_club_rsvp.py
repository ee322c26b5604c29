"""club runs: "I'm running", "Walk-run" or "Can't make it" (no name kept for the last)

Revision ID: 0012_club_rsvp
Revises: 0010_units
Create Date: 2026-12-04 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_club_rsvp"
down_revision: str | None = "0010_units"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Every row so far is a tap on "I'm running": the server default says so.
    with op.batch_alter_table("club_attendance") as table:
        table.add_column(sa.Column("answer", sa.String(8), server_default="run", nullable=False))
        table.alter_column("first_name", existing_type=sa.String(64), nullable=True)


def downgrade() -> None:
    # Only "I'm running" existed: a walk-runner is still coming, "Can't make it" was no row.
    op.execute(sa.text("DELETE FROM club_attendance WHERE answer = 'out'"))
    with op.batch_alter_table("club_attendance") as table:
        table.alter_column("first_name", existing_type=sa.String(64), nullable=False)
        table.drop_column("answer")
