"""What the scheduler pushes to a runner logging their knee, through the local Bot API: the
next-morning question, the after-run check-in, walk-run sessions in the warm-up reminders, and
rest advice after a red day. Berlin runners (UTC+1 in November), clock injected."""

from datetime import UTC, datetime, time

from sqlalchemy import select

from bot.db.models import Delivery, PainLog, UserSettings
from bot.domain.schedule.recurrence import WeeklyTime
from bot.telegram_local.chat import LocalChat
from bot.telegram_local.models import LocalMessage, LocalUser
from tests.delivery.helpers import runner
from tests.e2e.conftest import ON_BOTH_DATABASES, World
from tests.e2e.test_recovery import UNMEASURED, UNTIMED, first_steps, log_run, logs, tap

pytestmark = ON_BOTH_DATABASES

SUNDAY_NOON = datetime(2026, 11, 22, 11, 0, tzinfo=UTC)
MONDAY = 0
TUESDAY = 1


def berlin(day: int, hour: int, minute: int = 0) -> datetime:
    """November 2026, Berlin wall time (CET, UTC+1), as UTC."""
    return datetime(2026, 11, day, hour - 1, minute, tzinfo=UTC)


async def recovering_runner(
    world: World,
    runs: tuple[WeeklyTime, ...] = (WeeklyTime(MONDAY, time(7)),),
    nudges: bool = False,
) -> tuple[LocalUser, LocalChat]:
    """A runner in Berlin who set up their plan on Sunday."""
    user, chat = world.private()
    world.clock.now = SUNDAY_NOON
    await world.driver.send(chat, "/start")
    await runner(world.database, user.id, SUNDAY_NOON, runs=runs, nudges=nudges)
    return user, chat


async def at(world: World, instant: datetime) -> None:
    world.clock.now = instant
    await world.tick()


def new_messages(chat: LocalChat, before: int) -> list[LocalMessage]:
    return chat.bot_messages[before:]


def labels(message: LocalMessage) -> list[str]:
    return [label for row in message.buttons for label, _ in row]


async def test_the_morning_after_a_logged_run_the_bot_asks_about_the_knee(world: World) -> None:
    user, chat = await recovering_runner(world)
    world.clock.now = berlin(23, 19)
    await log_run(world, chat, "4", "30 min")
    await at(world, berlin(24, 7, 59))
    seen = len(chat.bot_messages)
    await at(world, berlin(24, 8))
    [question] = new_messages(chat, seen)
    assert "How does the knee feel this morning?" in question.text
    assert "After your run on Mon 23 Nov" in question.text
    await tap(world, chat, question, "2")
    await tap(world, chat, question, "Neither")
    assert question.text.startswith("🟠 Amber")  # 4 during the run, settled by the morning
    [row] = await logs(world, user)
    assert row.next_morning == 2
    await at(world, berlin(24, 8, 1))
    assert len(chat.bot_messages) == seen + 1  # asked once


async def test_a_morning_answered_with_log_first_is_not_asked_again(world: World) -> None:
    _, chat = await recovering_runner(world)
    world.clock.now = berlin(23, 19)
    await log_run(world, chat, "2", UNTIMED)
    world.clock.now = berlin(24, 6, 30)
    [question] = await world.driver.send(chat, "/log")
    await tap(world, chat, question, "1")
    await tap(world, chat, question, "Neither")
    seen = len(chat.bot_messages)
    await at(world, berlin(24, 8))
    assert new_messages(chat, seen) == []
    async with world.database.transaction() as session:
        [status] = (
            await session.execute(select(Delivery.status).where(Delivery.kind == "checkin"))
        ).scalars()
    assert status == "dropped"


async def test_the_morning_question_waits_for_quiet_hours_to_end(world: World) -> None:
    user, chat = await recovering_runner(world)
    async with world.database.transaction() as session:
        settings = await session.get(UserSettings, user.id)
        assert settings is not None
        settings.quiet_end = time(9, 30)
    world.clock.now = berlin(23, 19)
    await log_run(world, chat, "2", UNTIMED)
    seen = len(chat.bot_messages)
    await at(world, berlin(24, 9, 29))
    assert new_messages(chat, seen) == []
    await at(world, berlin(24, 9, 30))
    [question] = new_messages(chat, seen)
    assert "this morning" in question.text


async def test_no_morning_question_without_a_timezone_or_while_paused(world: World) -> None:
    _, chat = world.private("Bob")
    await log_run(world, chat, "2", UNTIMED)  # no timezone: no morning to ask in
    user, paused = await recovering_runner(world)
    await world.driver.send(paused, "/pause 3")
    world.clock.now = berlin(23, 19)
    await log_run(world, paused, "2", UNTIMED)
    async with world.database.transaction() as session:
        kinds = (await session.execute(select(Delivery.kind))).scalars().all()
    assert "checkin" not in kinds
    assert len(await logs(world, user)) == 1


async def test_a_comeback_session_gets_its_reminder_and_an_after_run_check_in(
    world: World,
) -> None:
    user, chat = await recovering_runner(world)
    [offer] = await world.driver.send(chat, "/comeback")
    await tap(world, chat, offer, "Start at stage 1")
    assert "Sessions: your planned runs, Mon 07:00" in offer.text
    assert "a check-in asks how the knee did" in offer.text
    seen = len(chat.bot_messages)
    await at(world, berlin(23, 6, 45))
    [reminder] = new_messages(chat, seen)
    assert "Walk-run session at 07:00, stage 1 of 10" in reminder.text
    assert "Run 1 min, then walk 2 min; 6 times" in reminder.text
    assert "Full version" in " ".join(labels(reminder))
    await at(world, berlin(23, 8, 59))
    assert len(chat.bot_messages) == seen + 1
    await at(world, berlin(23, 9))
    [check_in] = new_messages(chat, seen + 1)
    assert "How did your 07:00 run go?" in check_in.text
    assert "walk-run stage 1" in check_in.text
    await tap(world, chat, check_in, "2")
    await tap(world, chat, check_in, "30 min")
    assert check_in.text.startswith("🟢 Green so far") and "Walk-run plan" in check_in.text
    [row] = await logs(world, user)
    assert (row.during_run, row.stage) == (2, 1)


async def test_no_after_run_check_in_once_the_run_is_logged(world: World) -> None:
    _, chat = await recovering_runner(world)
    [offer] = await world.driver.send(chat, "/comeback")
    await tap(world, chat, offer, "Start at stage 1")
    world.clock.now = berlin(23, 8)
    await tap(world, chat, offer, "Done: log it")
    await first_steps(world, chat, offer, UNMEASURED, UNTIMED)
    await tap(world, chat, offer, "1")
    seen = len(chat.bot_messages)
    await at(world, berlin(23, 9))
    assert new_messages(chat, seen) == []


async def test_after_run_check_ins_can_be_turned_on_without_a_plan(world: World) -> None:
    _, chat = await recovering_runner(world)
    [menu] = await world.driver.send(chat, "/settings")
    assert "📝 After-run check-ins: off (on while a /comeback plan runs)" in menu.text
    await tap(world, chat, menu, "📝 Turn check-ins on")
    assert menu.text.startswith("✅ After-run check-ins on")
    assert "Next after-run check-in: Mon 23 Nov 09:00" in menu.text
    seen = len(chat.bot_messages)
    await at(world, berlin(23, 9))
    [check_in] = new_messages(chat, seen)
    assert "How did your 07:00 run go?" in check_in.text
    assert "walk-run stage" not in check_in.text


async def test_a_runner_who_logs_distances_is_asked_the_distance_by_the_check_in(
    world: World,
) -> None:
    """So a run logged from the check-in counts for the spike guard."""
    user, chat = await recovering_runner(world)
    [menu] = await world.driver.send(chat, "/settings")
    await tap(world, chat, menu, "📝 Turn check-ins on")
    await tap(world, chat, menu, "📏 km or miles")
    await tap(world, chat, menu, "Kilometres")
    seen = len(chat.bot_messages)
    await at(world, berlin(23, 9))
    [check_in] = new_messages(chat, seen)
    await tap(world, chat, check_in, "2")
    assert "2/10 during the run.\nHow far was it?" in check_in.text
    assert labels(check_in)[:3] == ["3 km", "5 km", "8 km"] and "Didn't measure" in labels(check_in)
    await tap(world, chat, check_in, "8 km")
    assert check_in.text.startswith("2/10 during the run, 8 km.")
    await tap(world, chat, check_in, "45 min")
    assert check_in.text.startswith("🟢")
    [row] = await logs(world, user)
    assert (row.during_run, row.metres, row.minutes) == (2, 8_000, 45)


async def test_a_chosen_off_outlasts_starting_a_plan(world: World) -> None:
    _, chat = await recovering_runner(world)
    [menu] = await world.driver.send(chat, "/settings")
    await tap(world, chat, menu, "📝 Turn check-ins on")
    await tap(world, chat, menu, "📝 Turn check-ins off")
    [offer] = await world.driver.send(chat, "/comeback")
    await tap(world, chat, offer, "Start at stage 1")
    assert "a check-in asks" not in offer.text
    seen = len(chat.bot_messages)
    await at(world, berlin(23, 9))
    assert [m for m in new_messages(chat, seen) if "run go?" in m.text] == []


async def test_after_a_red_day_the_rest_day_nudge_says_rest(world: World) -> None:
    _, chat = await recovering_runner(world, nudges=True)
    world.clock.now = berlin(23, 19)
    await log_run(world, chat, "7", "30 min")
    seen = len(chat.bot_messages)
    await at(world, berlin(24, 9, 0))  # the end of the nudges' half hour after 08:30
    morning, nudge = new_messages(chat, seen)
    assert "this morning" in morning.text
    assert nudge.text.startswith("Rest day")
    assert "your knee needs the rest" in nudge.text
    assert "🔴 Your run on 23 Nov: Red: above 5/10 means reduce the load" in nudge.text
    assert "/kneepain" in nudge.text  # 7/10 is severe
    assert "Gentle rehab exercises" in labels(nudge)


async def test_a_green_day_leaves_the_usual_nudge(world: World) -> None:
    _, chat = await recovering_runner(world, nudges=True)
    world.clock.now = berlin(23, 19)
    await log_run(world, chat, "2", "30 min")
    seen = len(chat.bot_messages)
    await at(world, berlin(24, 9, 0))  # the end of the nudges' half hour after 08:30
    nudge = new_messages(chat, seen)[-1]
    assert "rest is when the training sinks in" in nudge.text
    assert "Strength exercises" in labels(nudge)


async def test_a_warmup_after_a_red_day_suggests_an_easier_day(world: World) -> None:
    runs = (WeeklyTime(MONDAY, time(7)), WeeklyTime(TUESDAY, time(18)))
    _, chat = await recovering_runner(world, runs=runs)
    world.clock.now = berlin(23, 19)
    await log_run(world, chat, "7", UNTIMED)
    await at(world, berlin(24, 8))  # the morning question
    seen = len(chat.bot_messages)
    await at(world, berlin(24, 17, 45))
    [warmup] = new_messages(chat, seen)
    assert "Your run at 18:00" in warmup.text
    assert "🔴 Your run on 23 Nov: Red: above 5/10" in warmup.text


async def test_deleting_my_data_cancels_the_morning_question(world: World) -> None:
    _user, chat = await recovering_runner(world)
    world.clock.now = berlin(23, 19)
    await log_run(world, chat, "2", UNTIMED)
    [question] = await world.driver.send(chat, "/deletemydata")
    await world.driver.press(chat, question, "Yes, delete everything")
    seen = len(chat.bot_messages)
    await at(world, berlin(24, 8))
    assert new_messages(chat, seen) == []
    async with world.database.transaction() as session:
        assert (await session.execute(select(PainLog))).first() is None
