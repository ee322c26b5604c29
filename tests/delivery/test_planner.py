"""The planner on SQLite and PostgreSQL: each occurrence planned once, on time, and late ones
dropped."""

import asyncio
from datetime import UTC, datetime, time, timedelta

from bot.db.engine import Database
from bot.delivery.planner import plan_due
from bot.schedule.recurrence import WeeklyTime
from tests.delivery.helpers import deliveries, reminders, runner

# Sunday 22 November 2026, 12:00 in Berlin (CET, UTC+1).
SUNDAY_NOON = datetime(2026, 11, 22, 11, 0, tzinfo=UTC)
MONDAY_0645_BERLIN = datetime(2026, 11, 23, 5, 45, tzinfo=UTC)
MONDAY_0700_BERLIN = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)


async def test_a_warmup_is_planned_at_its_lead_before_the_run(database: Database) -> None:
    await runner(database, 1, SUNDAY_NOON)
    [row] = await reminders(database)
    assert (row.kind, row.next_fire_at, row.event_at) == (
        "warmup",
        MONDAY_0645_BERLIN,
        MONDAY_0700_BERLIN,
    )
    assert await plan_due(database, MONDAY_0645_BERLIN - timedelta(seconds=1)) == 0
    assert await plan_due(database, MONDAY_0645_BERLIN) == 1
    [delivery] = await deliveries(database)
    assert delivery.chat_id == 1 and delivery.deadline == MONDAY_0700_BERLIN
    assert delivery.not_before == MONDAY_0645_BERLIN and delivery.status == "pending"
    [row] = await reminders(database)
    assert row.next_fire_at == MONDAY_0645_BERLIN + timedelta(weeks=1)


async def test_planning_again_or_in_parallel_never_duplicates(database: Database) -> None:
    for user_id in range(1, 51):
        await runner(database, user_id, SUNDAY_NOON)
    results = await asyncio.gather(*(plan_due(database, MONDAY_0645_BERLIN) for _ in range(4)))
    assert sum(results) >= 50
    assert len(await deliveries(database)) == 50
    # A crash that loses the advance (the row's time put back) plans the same key: no duplicate.
    async with database.transaction() as session:
        from sqlalchemy import update

        from bot.db.models import Reminder

        await session.execute(
            update(Reminder).values(
                next_fire_at=MONDAY_0645_BERLIN,
                event_at=MONDAY_0700_BERLIN,
                occurrence_key="2026-11-23T07:00@Europe/Berlin",
            )
        )
    await plan_due(database, MONDAY_0645_BERLIN)
    assert len(await deliveries(database)) == 50


async def test_after_downtime_a_warmup_for_a_run_already_started_is_dropped(
    database: Database,
) -> None:
    await runner(database, 1, SUNDAY_NOON)
    assert await plan_due(database, MONDAY_0700_BERLIN + timedelta(hours=2)) == 0
    assert await deliveries(database) == []
    [row] = await reminders(database)
    assert row.next_fire_at == MONDAY_0645_BERLIN + timedelta(weeks=1)


async def test_a_short_outage_still_delivers_before_the_run(database: Database) -> None:
    await runner(database, 1, SUNDAY_NOON)
    assert await plan_due(database, MONDAY_0645_BERLIN + timedelta(minutes=10)) == 1


async def test_quiet_hours_hold_the_stretch_until_they_end(database: Database) -> None:
    await runner(database, 1, SUNDAY_NOON, runs=(), stretch_time=time(6, 0))
    [row] = await reminders(database)
    assert row.kind == "stretch"
    # 06:00 is inside the default quiet hours (22:00-07:00): it waits until 07:00 Berlin.
    assert row.next_fire_at == MONDAY_0700_BERLIN


async def test_rest_day_nudges_fire_on_days_without_runs(database: Database) -> None:
    runs = tuple(WeeklyTime(day, time(7, 0)) for day in range(6))  # Monday to Saturday
    await runner(database, 1, SUNDAY_NOON - timedelta(days=1), runs=runs, nudges=True)
    nudge = next(row for row in await reminders(database) if row.kind == "nudge")
    assert nudge.weekdays == "6"
    assert nudge.next_fire_at.astimezone(UTC) == datetime(2026, 11, 22, 7, 30, tzinfo=UTC)


async def test_inactive_reminders_are_not_planned(database: Database) -> None:
    from bot.db import repositories

    await runner(database, 1, SUNDAY_NOON)
    async with database.transaction() as session:
        await repositories.deactivate_chat(session, 1)
    assert await plan_due(database, MONDAY_0645_BERLIN) == 0
