"""The planner on SQLite and PostgreSQL: each occurrence planned once, on time, and late ones
dropped."""

import asyncio
from datetime import UTC, datetime, time, timedelta

from bot.db.engine import Database
from bot.db.reminders import row_for, rule_of
from bot.delivery.planner import due_firings, plan_due
from bot.domain.schedule.deadlines import is_late
from bot.domain.schedule.firing import Rule
from bot.domain.schedule.quiet import QuietHours
from bot.domain.schedule.recurrence import WeeklyTime
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
    # Small batches: the planners take turns (SQLite) or disjoint chunks (PostgreSQL).
    planners = (plan_due(database, MONDAY_0645_BERLIN, batch=7) for _ in range(4))
    assert sum(await asyncio.gather(*planners)) == 50  # each counts what it wrote
    assert len(await deliveries(database)) == 50
    assert {row.next_fire_at for row in await reminders(database)} == {
        MONDAY_0645_BERLIN + timedelta(weeks=1)
    }
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
    assert await plan_due(database, MONDAY_0645_BERLIN) == 0
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
    # 08:30 in Berlin, plus runner 1's minute in the nudges' half hour
    assert nudge.next_fire_at.astimezone(UTC) == datetime(2026, 11, 22, 7, 31, tzinfo=UTC)


async def test_inactive_reminders_are_not_planned(database: Database) -> None:
    from bot.db import chats

    await runner(database, 1, SUNDAY_NOON)
    async with database.transaction() as session:
        await chats.deactivate_chat(session, 1)
    assert await plan_due(database, MONDAY_0645_BERLIN) == 0


async def _due_row_by_row(
    database: Database, now: datetime
) -> tuple[set[tuple[object, ...]], dict[int, tuple[object, ...]]]:
    """What planning each due row on its own gives: its deliveries, and where it advances to."""
    planned: set[tuple[object, ...]] = set()
    advanced: dict[int, tuple[object, ...]] = {}
    for row in await reminders(database):
        if not (row.active and row.next_fire_at <= now):
            continue
        rule = rule_of(row)
        due, upcoming = due_firings(row, rule, now)
        planned |= {
            (
                row.id,
                row.chat_id,
                row.kind,
                firing.key,
                firing.event_at,
                firing.fire_at,
                firing.deadline,
            )
            for firing in due
            if not is_late(rule.kind, now, firing.deadline)
        }
        advanced[row.id] = (upcoming.fire_at, upcoming.event_at, upcoming.key)
    return planned, advanced


async def test_a_crowd_is_planned_as_each_row_on_its_own_would_be(database: Database) -> None:
    zones = ("Europe/Berlin", "America/New_York", "Asia/Kathmandu", "Australia/Sydney")
    for user_id in range(1, 41):  # runners sharing rules, and so groups, in every combination
        runs = (WeeklyTime(user_id % 7, time(6 + user_id % 3, 30)), WeeklyTime(3, time(18, 0)))
        await runner(
            database,
            user_id,
            SUNDAY_NOON,
            zone=zones[user_id % 4],
            runs=runs,
            stretch_time=time(20, 0) if user_id % 3 else None,
            nudges=user_id % 2 == 0,
            lead_minutes=(10, 15)[user_id % 2],
        )
    before = {row.id: row for row in await reminders(database)}
    # After two and a half days of downtime: catching up, late firings dropped.
    now = SUNDAY_NOON + timedelta(days=2, hours=9, minutes=30)
    planned, advanced = await _due_row_by_row(database, now)
    assert len(advanced) > 40 and planned

    assert await plan_due(database, now) == len(planned)
    assert {
        (d.reminder_id, d.chat_id, d.kind, d.occurrence_key, d.event_at, d.not_before, d.deadline)
        for d in await deliveries(database)
    } == planned
    for row in await reminders(database):
        previous = before[row.id]
        assert (row.next_fire_at, row.event_at, row.occurrence_key) == advanced.get(
            row.id, (previous.next_fire_at, previous.event_at, previous.occurrence_key)
        )
    assert await plan_due(database, now) == 0


async def test_rows_differing_only_in_quiet_hours_are_each_planned(database: Database) -> None:
    await runner(database, 1, SUNDAY_NOON, runs=())
    noon = time(12, 0)
    rules = [
        Rule("stretch", "Europe/Berlin", (0,), noon, quiet=QuietHours(time(22), time(7))),
        Rule("stretch", "Europe/Berlin", (0,), noon),  # none held back: NULL quiet hours
    ]
    async with database.transaction() as session:
        session.add_all(row_for(rule, 1, 1, SUNDAY_NOON) for rule in rules)
    monday_noon = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)
    assert await plan_due(database, monday_noon) == 1  # one chat, kind and occurrence
    assert [row.next_fire_at for row in await reminders(database)] == [
        monday_noon + timedelta(weeks=1)
    ] * 2
