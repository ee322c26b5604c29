"""The warm-up reminder's own buttons through the local Bot API: "Not running today" (no
after-run check-in, the day counts as rest, undo) and "Remind me 10 min before" (once, at the
time, also across a restart). Berlin runners (UTC+1 in November), clock injected."""

from datetime import datetime, time

from sqlalchemy import select

from bot.db import runners
from bot.db.models import Delivery, SkippedRun, UserSettings
from bot.delivery.tick import Scheduler
from bot.domain.schedule.recurrence import WeeklyTime
from bot.telegram_local.chat import LocalChat
from bot.telegram_local.models import LocalMessage, LocalUser
from tests.delivery.helpers import runner
from tests.e2e.conftest import ON_BOTH_DATABASES, World
from tests.e2e.test_recovery_reminders import SUNDAY_NOON, at, berlin, labels, new_messages

pytestmark = ON_BOTH_DATABASES

NOT_RUNNING = "🛌 Not running today"
REMIND_ME = "⏰ Remind me 10 min before"
UNDO = "↩️ Undo: I'm running"
SOON = "Your run at 07:00 starts in 10 minutes."


async def checking_in_runner(
    world: World, runs: tuple[WeeklyTime, ...] = (WeeklyTime(0, time(7)),), lead: int = 15
) -> tuple[LocalUser, LocalChat]:
    """A Berlin runner with after-run check-ins on, set up on Sunday."""
    user, chat = world.private()
    world.clock.now = SUNDAY_NOON
    await world.driver.send(chat, "/start")
    await runner(world.database, user.id, SUNDAY_NOON, runs=runs, lead_minutes=lead)
    async with world.database.transaction() as session:
        settings = await session.get(UserSettings, user.id)
        assert settings is not None
        settings.after_run_checkins = True
        await session.flush()
        await runners.rebuild_reminders(session, user.id, SUNDAY_NOON)
    return user, chat


async def warmup_at(world: World, chat: LocalChat, instant: datetime) -> LocalMessage:
    seen = len(chat.bot_messages)
    await at(world, instant)
    [reminder] = new_messages(chat, seen)
    assert "time to warm up" in reminder.text
    return reminder


async def press(world: World, chat: LocalChat, message: LocalMessage, label: str) -> str:
    """Presses a button; returns the toast it was answered with ('' for none)."""
    await world.driver.press(chat, message, label)
    answer = world.driver.last_answer
    assert answer is not None
    return answer.text or ""


async def test_not_running_today_means_no_after_run_check_in(world: World) -> None:
    _, chat = await checking_in_runner(world)
    reminder = await warmup_at(world, chat, berlin(23, 6, 45))
    assert labels(reminder)[-2:] == [NOT_RUNNING, REMIND_ME]
    await press(world, chat, reminder, NOT_RUNNING)
    assert "Not running today: your 07:00 run is skipped." in reminder.text
    assert "No after-run check-in for it, and today counts as a rest day." in reminder.text
    assert labels(reminder) == [UNDO]
    seen = len(chat.bot_messages)
    await at(world, berlin(23, 9))
    await at(world, berlin(23, 12))
    assert new_messages(chat, seen) == []  # no "How did your 07:00 run go?"
    [data] = await world.driver.send(chat, "/mydata")
    assert "Runs you said you were not running (kept a week)\n• Mon 23 Nov 07:00" in data.text
    # Next week's run is planned as ever.
    await warmup_at(world, chat, berlin(30, 6, 45))
    # And /deletemydata erases the skip with everything else.
    [question] = await world.driver.send(chat, "/deletemydata")
    await world.driver.press(chat, question, "Yes, delete everything")
    async with world.database.transaction() as session:
        assert (await session.execute(select(SkippedRun))).all() == []


async def test_undo_brings_the_run_and_its_check_in_back(world: World) -> None:
    _, chat = await checking_in_runner(world)
    reminder = await warmup_at(world, chat, berlin(23, 6, 45))
    await press(world, chat, reminder, NOT_RUNNING)
    world.clock.now = berlin(23, 6, 47)
    await press(world, chat, reminder, UNDO)
    assert "Back on: your run at 07:00. Time to warm up." in reminder.text
    assert labels(reminder)[-2:] == [NOT_RUNNING, REMIND_ME]
    seen = len(chat.bot_messages)
    await at(world, berlin(23, 9))
    [check_in] = new_messages(chat, seen)
    assert "How did your 07:00 run go?" in check_in.text


async def test_a_skipped_day_counts_as_rest_in_the_streak(world: World) -> None:
    runs = tuple(WeeklyTime(day, time(7)) for day in range(4))  # Monday to Thursday
    _, chat = await checking_in_runner(world, runs)
    wednesday = await warmup_at(world, chat, berlin(25, 6, 45))
    await press(world, chat, wednesday, NOT_RUNNING)
    thursday = await warmup_at(world, chat, berlin(26, 6, 45))
    assert "in a row" not in thursday.text  # Monday, Tuesday, a rest day, Thursday


async def test_remind_me_ten_minutes_before_comes_once_also_after_a_restart(world: World) -> None:
    _, chat = await checking_in_runner(world)
    reminder = await warmup_at(world, chat, berlin(23, 6, 45))
    assert await press(world, chat, reminder, REMIND_ME) == "⏰ I'll remind you at 06:50."
    world.clock.now = berlin(23, 6, 46)
    assert await press(world, chat, reminder, REMIND_ME) == (
        "⏰ Already set: I'll remind you at 06:50, once."
    )
    seen = len(chat.bot_messages)
    await at(world, berlin(23, 6, 49))
    assert new_messages(chat, seen) == []
    # A restarted process's scheduler and this one both tick at 06:50: it comes once.
    world.clock.now = berlin(23, 6, 50)
    services = world.application.bot_data["services"]
    await Scheduler(services, world.application.bot).tick(world.clock())
    await at(world, berlin(23, 6, 50))
    await at(world, berlin(23, 6, 55))
    [soon] = new_messages(chat, seen)
    assert SOON in soon.text
    async with world.database.transaction() as session:
        kinds = (await session.execute(select(Delivery.kind, Delivery.status))).all()
    assert ("run_soon", "sent") in kinds


async def test_a_run_taken_out_of_the_plan_takes_its_remind_me_with_it(world: World) -> None:
    _, chat = await checking_in_runner(world)
    reminder = await warmup_at(world, chat, berlin(23, 6, 45))
    assert await press(world, chat, reminder, REMIND_ME) == "⏰ I'll remind you at 06:50."
    world.clock.now = berlin(23, 6, 46)
    [moved] = await world.driver.send(chat, "/runs mon 07:30")  # the 07:00 run is gone
    assert moved.text.startswith("✅ Runs: Mon 07:30")
    seen = len(chat.bot_messages)
    await at(world, berlin(23, 6, 55))
    assert new_messages(chat, seen) == []  # no "your run at 07:00 starts in 10 minutes"
    async with world.database.transaction() as session:
        kinds = (await session.execute(select(Delivery.kind, Delivery.status))).all()
    assert [status for kind, status in kinds if kind == "run_soon"] == ["dropped"]
    [data] = await world.driver.send(chat, "/mydata")
    assert "10-minutes-before reminder: not sent (no longer needed" in data.text
    assert "run_soon" not in data.text


async def test_remind_me_too_late_skipped_or_paused_is_answered_kindly(world: World) -> None:
    _, chat = await checking_in_runner(world)
    reminder = await warmup_at(world, chat, berlin(23, 6, 45))
    world.clock.now = berlin(23, 6, 51)
    assert await press(world, chat, reminder, REMIND_ME) == (
        "It's less than 10 minutes to your 07:00 run now: enjoy it!"
    )
    # Next week: paused before pressing, nothing is planned.
    reminder = await warmup_at(world, chat, berlin(30, 6, 45))
    await world.driver.send(chat, "/pause 2")
    assert "paused or stopped" in await press(world, chat, reminder, REMIND_ME)
    async with world.database.transaction() as session:
        kinds = (await session.execute(select(Delivery.kind))).scalars().all()
    assert "run_soon" not in kinds


async def test_a_reminder_asked_for_then_skipped_is_not_sent(world: World) -> None:
    _, chat = await checking_in_runner(world)
    reminder = await warmup_at(world, chat, berlin(23, 6, 45))
    await press(world, chat, reminder, REMIND_ME)
    await press(world, chat, reminder, NOT_RUNNING)
    seen = len(chat.bot_messages)
    await at(world, berlin(23, 6, 50))
    assert new_messages(chat, seen) == []


async def test_a_short_lead_offers_no_reminder_before(world: World) -> None:
    _, chat = await checking_in_runner(world, lead=10)
    reminder = await warmup_at(world, chat, berlin(23, 6, 50))
    assert NOT_RUNNING in labels(reminder) and REMIND_ME not in labels(reminder)


async def test_someone_elses_or_an_old_reminder_button_changes_nothing(world: World) -> None:
    _, chat = await checking_in_runner(world)
    reminder = await warmup_at(world, chat, berlin(23, 6, 45))
    [(_, skip_data)] = [
        (label, data) for row in reminder.buttons for label, data in row if label == NOT_RUNNING
    ]
    other_user, other_chat = world.private("Bob")
    await world.driver.send(other_chat, "/start")
    [hello] = other_chat.bot_messages[-1:]
    forged = await world.driver.press_data(other_chat, hello, skip_data, by=other_user)
    assert forged == []  # refused, nothing edited
    # The day after, the button is kindly refused and the run stays as it was.
    world.clock.now = berlin(24, 8)
    assert "day is over" in await press(world, chat, reminder, NOT_RUNNING)
    assert "time to warm up" in reminder.text


async def test_the_full_warm_up_opens_below_and_the_reminder_keeps_its_buttons(
    world: World,
) -> None:
    _, chat = await checking_in_runner(world)
    reminder = await warmup_at(world, chat, berlin(23, 6, 45))
    before = reminder.text
    [full] = [label for label in labels(reminder) if label.startswith("Full version")]
    seen = len(chat.bot_messages)
    await press(world, chat, reminder, full)
    [opened] = new_messages(chat, seen)
    assert opened.text.startswith("Pre-run warm-up – about 7 min")  # the whole routine, below
    assert reminder.text == before  # the reminder stays as it was, with its buttons
    assert labels(reminder)[-2:] == [NOT_RUNNING, REMIND_ME]
    await press(world, chat, reminder, NOT_RUNNING)
    assert "Not running today: your 07:00 run is skipped." in reminder.text
