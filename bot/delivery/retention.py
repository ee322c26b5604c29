"""What is kept only for a while: finished outbox rows and skipped runs for a week, the pain log
for the period the deployer chose (PAIN_LOG_KEEP_DAYS, a year by default; /privacy says how
long).

Finished outbox rows are kept for a week, then deleted, so the outbox does not grow forever.

A week is safe: the planner never plans an occurrence more than CATCH_UP (a day) old, so a row
that old can no longer be needed to stop a duplicate; `pending` rows are never deleted here (the
dispatcher drops them once they are late).
"""

from datetime import datetime, timedelta

from bot.db.engine import Database
from bot.db.outbox import delete_finished
from bot.db.painlog import delete_before
from bot.db.run_day import delete_skips_before
from bot.domain.schedule.firing import CATCH_UP

KEEP = timedelta(days=7)

assert KEEP > CATCH_UP, "a purged row must be older than anything the planner may plan again"


async def purge_outbox(database: Database, now: datetime) -> int:
    """Deletes finished deliveries planned more than KEEP before `now`; returns how many."""
    async with database.transaction() as session:
        return await delete_finished(session, now - KEEP)


async def purge_skipped_runs(database: Database, now: datetime) -> int:
    """Deletes the skips of runs more than KEEP before `now` (by their local date): nothing
    reads them after a week; returns how many."""
    async with database.transaction() as session:
        return await delete_skips_before(session, (now - KEEP).date())


async def purge_pain_log(database: Database, now: datetime, keep: timedelta) -> int:
    """Deletes logged runs older than `keep` (by their local date, so give or take a day: no
    rule reads back further than a few weeks); returns how many."""
    async with database.transaction() as session:
        return await delete_before(session, (now - keep).date())
