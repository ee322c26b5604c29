"""Reminders through the local Bot API: on time, once, and the ways sending can fail."""

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select

from bot.db.models import Delivery, Reminder, User
from bot.domain.schedule.recurrence import WeeklyTime
from bot.telegram_local.chat import LocalChat
from bot.telegram_local.models import LocalMessage, LocalUser
from tests.delivery.helpers import deliveries, runner
from tests.e2e.conftest import ON_BOTH_DATABASES, World

pytestmark = ON_BOTH_DATABASES

SUNDAY_NOON = datetime(2026, 11, 22, 11, 0, tzinfo=UTC)
MONDAY_0645_BERLIN = datetime(2026, 11, 23, 5, 45, tzinfo=UTC)


async def planned_runner(
    world: World, runs: tuple[WeeklyTime, ...] = (WeeklyTime(0, time(7, 0)),)
) -> tuple[LocalUser, LocalChat]:
    """A runner who started the bot on Sunday and plans a run on Monday at 07:00 in Berlin."""
    user, chat = world.private()
    world.clock.now = SUNDAY_NOON
    await world.driver.send(chat, "/start")
    await runner(world.database, user.id, SUNDAY_NOON, runs=runs)
    return user, chat


def warmups(chat: LocalChat) -> list[LocalMessage]:
    return [message for message in chat.bot_messages if "Your run at" in message.text]


async def test_the_warmup_reminder_arrives_once_at_its_time(world: World) -> None:
    _user, chat = await planned_runner(world)
    await world.tick()
    assert warmups(chat) == []
    world.clock.now = MONDAY_0645_BERLIN
    await world.tick()
    [reminder] = warmups(chat)
    assert "Your run at 07:00" in reminder.text and "warm up" in reminder.text
    labels = [label for row in reminder.buttons for label, _ in row]
    assert any("Full" in label or "full" in label for label in labels)
    world.clock.advance(timedelta(seconds=30))
    await world.tick()
    assert len(warmups(chat)) == 1  # once


async def test_a_reminder_button_opens_the_full_routine(world: World) -> None:
    _user, chat = await planned_runner(world)
    world.clock.now = MONDAY_0645_BERLIN
    await world.tick()
    [reminder] = warmups(chat)
    label = next(label for row in reminder.buttons for label, _ in row if "ull" in label)
    [full] = await world.driver.press(chat, reminder, label)
    # Below the reminder, which keeps its own buttons ("Not running today").
    assert full.message_id != reminder.message_id and len(full.text) > len("Warm-up")


async def test_a_user_who_blocked_the_bot_gets_nothing_more(world: World) -> None:
    user, chat = await planned_runner(world)
    chat.blocked = True  # blocked without the bot noticing (no update arrives while offline)
    world.clock.now = MONDAY_0645_BERLIN
    await world.tick()
    async with world.database.transaction() as session:
        stored = await session.get(User, user.id)
        rows = (await session.execute(select(Reminder.active))).scalars().all()
    assert stored is not None and not stored.is_active
    assert rows == [False]
    [delivery] = await deliveries(world.database)
    assert delivery.status == "failed"


async def test_blocking_stops_reminders_and_unblocking_brings_them_back(world: World) -> None:
    _user, chat = await planned_runner(world)
    await chat.block_bot()
    await world.driver.settle()
    world.clock.now = MONDAY_0645_BERLIN
    await world.tick()
    assert warmups(chat) == []
    await chat.unblock_bot()
    await world.driver.settle()
    world.clock.now = MONDAY_0645_BERLIN + timedelta(weeks=1)
    await world.tick()
    assert len(warmups(chat)) == 1


async def test_flood_control_is_honoured_and_the_reminder_still_arrives(world: World) -> None:
    _user, chat = await planned_runner(world)
    world.api.fail_next(
        "sendMessage", 429, "Too Many Requests: retry after 60", {"retry_after": 60}
    )
    world.clock.now = MONDAY_0645_BERLIN
    await world.tick()
    assert warmups(chat) == []
    world.clock.advance(timedelta(seconds=30))
    await world.tick()
    assert warmups(chat) == [], "still inside Telegram's wait"
    world.clock.advance(timedelta(seconds=31))
    await world.tick()
    assert len(warmups(chat)) == 1


async def test_a_transient_network_error_is_retried(world: World) -> None:
    _user, chat = await planned_runner(world)
    world.api.fail_next("sendMessage", 502, "Bad Gateway")
    world.clock.now = MONDAY_0645_BERLIN
    await world.tick()
    assert warmups(chat) == []
    world.clock.advance(timedelta(seconds=5))
    await world.tick()
    assert len(warmups(chat)) == 1


async def test_a_group_that_became_a_supergroup_gets_its_reminder_at_the_new_id(
    world: World,
) -> None:
    ann, _ = world.private()
    club = world.api.group("Tuesday Runners")
    await club.add_bot(by=ann)
    await world.driver.settle()
    async with world.database.transaction() as session:
        from bot.db.reminders import row_for
        from bot.domain.schedule.firing import Rule

        rule = Rule("warmup", "Europe/Berlin", (0,), time(7, 0), lead=timedelta(minutes=15))
        session.add(row_for(rule, club.id, None, SUNDAY_NOON))
    new_id = await club.migrate_to_supergroup(by=ann)
    world.clock.now = MONDAY_0645_BERLIN
    # The bot may learn of the move from the service message or from the failed send; either
    # way the reminder must arrive once, in the supergroup.
    await world.tick()
    await world.tick()
    supergroup = world.api.chat(new_id)
    assert len([m for m in supergroup.bot_messages if "Your run" in m.text]) == 1
    async with world.database.transaction() as session:
        assert (await session.execute(select(Delivery.chat_id))).scalars().all() == [new_id]


async def test_after_a_restart_nothing_is_sent_twice(world: World) -> None:
    _user, chat = await planned_runner(world)
    world.clock.now = MONDAY_0645_BERLIN
    await world.tick()
    # A second scheduler over the same database, as after a restart, at the same moment.
    from bot.delivery.tick import Scheduler

    services = world.application.bot_data["services"]
    await Scheduler(services, world.application.bot).tick(world.clock())
    await world.driver.settle()
    assert len(warmups(chat)) == 1


async def test_runs_in_every_week_keep_coming(world: World) -> None:
    runs = (WeeklyTime(0, time(7, 0)), WeeklyTime(2, time(18, 30)))
    _user, chat = await planned_runner(world, runs)
    for _ in range(2 * 7 * 24 * 4):  # two weeks, a tick every 15 minutes
        world.clock.advance(timedelta(minutes=15))
        await world.scheduler.tick(world.clock())
    await world.driver.settle()
    assert len(warmups(chat)) == 4


async def test_the_fourth_run_in_a_row_comes_with_a_gentle_rest_warning(world: World) -> None:
    runs = tuple(WeeklyTime(day, time(7, 0)) for day in range(4))  # Monday to Thursday
    _user, chat = await planned_runner(world, runs=runs)
    world.clock.now = datetime(2026, 11, 25, 5, 45, tzinfo=UTC)  # Wednesday 06:45 in Berlin
    await world.tick()
    world.clock.now += timedelta(days=1)
    await world.tick()
    wednesday, thursday = warmups(chat)
    assert "in a row" not in wednesday.text
    assert "Day 4 in a row with a run: keep today easy" in thursday.text


async def test_a_plan_without_a_rest_day_is_pointed_out_once_a_week(world: World) -> None:
    runs = tuple(WeeklyTime(day, time(7, 0)) for day in range(7))
    _user, chat = await planned_runner(world, runs=runs)
    world.clock.now = MONDAY_0645_BERLIN
    await world.tick()
    world.clock.now += timedelta(days=1)
    await world.tick()
    monday, tuesday = warmups(chat)
    assert "no rest day this week" in monday.text
    assert "rest day" not in tuesday.text
