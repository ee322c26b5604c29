"""A crowd of warm-ups may be planned ahead of its minute, so the dispatcher can start sending it
early; nothing else is ever planned early (a nudge must not beat the end of quiet hours)."""

from datetime import UTC, datetime, time, timedelta

from bot.db.engine import Database
from bot.delivery.planner import plan_due
from bot.domain.schedule.recurrence import WeeklyTime
from tests.delivery.helpers import deliveries, runner

SUNDAY_NOON = datetime(2026, 11, 22, 11, 0, tzinfo=UTC)
MONDAY_0645_BERLIN = datetime(2026, 11, 23, 5, 45, tzinfo=UTC)
TUESDAY = 1


async def test_warmups_within_the_head_start_are_planned_for_their_own_time(
    database: Database,
) -> None:
    for user_id in range(1, 41):
        await runner(database, user_id, SUNDAY_NOON)
    assert await plan_due(database, MONDAY_0645_BERLIN - timedelta(minutes=2)) == 0
    early = timedelta(minutes=1)
    assert await plan_due(database, MONDAY_0645_BERLIN - timedelta(minutes=2), early=early) == 0
    assert await plan_due(database, MONDAY_0645_BERLIN - timedelta(seconds=50), early=early) == 40
    planned = await deliveries(database)
    # Sent from their own time unless the dispatcher's head start reaches them.
    assert {row.not_before for row in planned} == {MONDAY_0645_BERLIN}
    assert await plan_due(database, MONDAY_0645_BERLIN) == 0  # once


async def test_nudges_are_never_planned_early(database: Database) -> None:
    monday_run = (WeeklyTime(0, time(7, 0)),)
    await runner(database, 1, SUNDAY_NOON, runs=monday_run, nudges=True)
    nudge_at = datetime(2026, 11, 24, 7, 31, tzinfo=UTC)  # Tuesday 08:31 Berlin: runner 1's
    assert await plan_due(database, nudge_at - timedelta(minutes=5), early=timedelta(hours=1)) == 0
    assert await plan_due(database, nudge_at) == 1
