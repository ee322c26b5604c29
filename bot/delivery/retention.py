"""Finished outbox rows are kept for a week, then deleted, so the outbox does not grow forever.

A week is safe: the planner never plans an occurrence more than CATCH_UP (a day) old, so a row
that old can no longer be needed to stop a duplicate; `pending` rows are never deleted here (the
dispatcher drops them once they are late).
"""

from datetime import datetime, timedelta

from bot.db.engine import Database
from bot.db.outbox import delete_finished
from bot.domain.schedule.firing import CATCH_UP

KEEP = timedelta(days=7)

assert KEEP > CATCH_UP, "a purged row must be older than anything the planner may plan again"


async def purge_outbox(database: Database, now: datetime) -> int:
    """Deletes finished deliveries planned more than KEEP before `now`; returns how many."""
    async with database.transaction() as session:
        return await delete_finished(session, now - KEEP)
