"""/log, /progress and /comeback through the local Bot API, by tapping, with the injected clock.

The clock starts on Monday 23 November 2026 at 08:00 UTC; runners here keep the UTC default."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from bot.db.models import ComebackPlan, PainLog
from bot.telegram_local.chat import LocalChat
from bot.telegram_local.models import LocalMessage, LocalUser
from tests.e2e.conftest import World

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
NOT_FOR = "not for a suspected tear"


async def tap(world: World, chat: LocalChat, message: LocalMessage, label: str) -> None:
    """Presses a button and checks that the bot answered by editing that same message."""
    [changed] = await world.driver.press(chat, message, label)
    assert changed is message


async def logs(world: World, user: LocalUser) -> list[PainLog]:
    async with world.database.transaction() as session:
        query = select(PainLog).where(PainLog.user_id == user.id).order_by(PainLog.day)
        return list((await session.execute(query)).scalars())


async def plan(world: World, user: LocalUser) -> ComebackPlan | None:
    async with world.database.transaction() as session:
        return await session.get(ComebackPlan, user.id)


UNTIMED = "Didn't time it"
UNMEASURED = "Didn't measure"


async def first_steps(
    world: World, chat: LocalChat, question: LocalMessage, distance: str, length: str
) -> None:
    """A new run's steps before the pain: km the first time, how far, how long."""
    if "kilometres or miles?" in question.text:
        await tap(world, chat, question, "Kilometres")
    assert "How far was" in question.text
    await tap(world, chat, question, distance)
    assert "How long did it take?" in question.text
    await tap(world, chat, question, length)


async def log_run(
    world: World, chat: LocalChat, pain: str, length: str, distance: str = UNMEASURED
) -> LocalMessage:
    """Logs a run by tapping: how far, how long (`length`: "30 min" or UNTIMED), the pain."""
    [question] = await world.driver.send(chat, "/log")
    await first_steps(world, chat, question, distance, length)
    await tap(world, chat, question, pain)
    return question


async def answer_morning(world: World, chat: LocalChat, pain: str, sign: str) -> LocalMessage:
    [question] = await world.driver.send(chat, "/log")
    assert "How does the knee feel this morning?" in question.text
    await tap(world, chat, question, pain)
    assert "stiffer than usual, or swollen?" in question.text
    assert "✖ Cancel" not in labels(question)  # the score is kept: no "nothing was changed"
    await tap(world, chat, question, sign)
    return question


async def comeback_session(world: World, chat: LocalChat, pain: str) -> LocalMessage:
    [screen] = await world.driver.send(chat, "/comeback")
    await tap(world, chat, screen, "Done: log it")
    await first_steps(world, chat, screen, UNMEASURED, UNTIMED)
    assert "walk-run stage" in screen.text
    await tap(world, chat, screen, pain)
    return screen


def labels(message: LocalMessage) -> list[str]:
    return [label for row in message.buttons for label, _ in row]


def next_day(world: World) -> None:
    world.clock.advance(timedelta(days=1))


@pytest.mark.parametrize(
    ("pain", "length", "zone", "minutes", "kneepain"),
    [
        ("2", "30 min", "🟢 Green so far", 30, False),
        ("4", UNTIMED, "🟠 Amber", None, False),
        ("7", "40 min", "🔴 Red", 40, True),
    ],
)
async def test_logging_a_run_by_tapping_stores_it_and_gives_the_zone(
    world: World, pain: str, length: str, zone: str, minutes: int | None, kneepain: bool
) -> None:
    user, chat = world.private()
    [question] = await world.driver.send(chat, "/log")
    await first_steps(world, chat, question, "5 km", length)
    assert "How much did the knee hurt during today’s run?" in question.text
    assert question.text.startswith("5 km")
    assert await logs(world, user) == []  # stored once the last question is answered
    await tap(world, chat, question, pain)
    assert question.text.startswith(zone)
    assert NOT_FOR in question.text  # the caveat comes with the first verdict
    assert ("/kneepain" in question.text) is kneepain
    assert labels(question) == ["✏️ Correct or delete"]
    [row] = await logs(world, user)
    assert (row.day, row.during_run, row.minutes, row.metres, row.stage) == (
        date(2026, 11, 23),
        int(pain),
        minutes,
        5000,
        None,
    )


async def test_a_second_run_on_a_day_is_kept_and_replacing_asks_first(world: World) -> None:
    user, chat = world.private()
    await log_run(world, chat, "4", "30 min", "5 km")
    question = await log_run(world, chat, "2", UNTIMED)
    assert "You already logged a run on Mon 23 Nov: 4/10 · 5 km · 30 min." in question.text
    assert len(await logs(world, user)) == 1  # nothing replaced or added without asking
    await tap(world, chat, question, "➕ Another run")
    assert question.text.startswith("🟢") and NOT_FOR not in question.text  # the caveat once
    question = await log_run(world, chat, "7", "45 min", "8 km")
    assert "You already logged 2 runs" in question.text
    await tap(world, chat, question, "✏️ Replace 2/10")
    assert question.text.startswith("🔴 Red")
    rows = await logs(world, user)
    assert [(row.during_run, row.minutes, row.metres) for row in rows] == [
        (4, 30, 5000),
        (7, 45, 8000),
    ]


async def test_a_correction_can_clear_the_distance_and_a_replacement_keeps_it(
    world: World,
) -> None:
    user, chat = world.private()
    verdict = await log_run(world, chat, "4", "30 min", "5 km")
    await tap(world, chat, verdict, "✏️ Correct or delete")
    await tap(world, chat, verdict, "✏️ Correct")
    await tap(world, chat, verdict, "3")
    await tap(world, chat, verdict, "Didn't measure")
    assert "3/10 during the run, distance not measured." in verdict.text
    await tap(world, chat, verdict, "30 min ✓")  # the time logged, offered as it was
    [row] = await logs(world, user)
    assert (row.during_run, row.minutes, row.metres) == (3, 30, None)
    # Typed without a distance, a replacement keeps the one logged.
    [question] = await world.driver.send(chat, "/log 5 km 2/10")
    await tap(world, chat, question, "➕ Another run")
    [question] = await world.driver.send(chat, "/log 1/10")
    await tap(world, chat, question, "✏️ Replace 2/10 · 5 km")
    assert [(row.during_run, row.metres) for row in await logs(world, user)] == [
        (3, None),
        (1, 5000),
    ]


async def test_correcting_the_pain_keeps_a_time_off_the_usual_buttons(world: World) -> None:
    user, chat = world.private()
    [question] = await world.driver.send(chat, "/log 5 km 50 min 4/10")
    await tap(world, chat, question, "✏️ Correct or delete")
    await tap(world, chat, question, "✏️ Correct")
    await tap(world, chat, question, "2")
    await tap(world, chat, question, "5 km ✓")
    assert "50 min ✓" in labels(question) and "Not timed" in labels(question)
    await tap(world, chat, question, "50 min ✓")
    [row] = await logs(world, user)
    assert (row.during_run, row.minutes, row.metres) == (2, 50, 5000)


async def test_yesterdays_run_can_be_logged(world: World) -> None:
    user, chat = world.private()
    [question] = await world.driver.send(chat, "/log")
    await tap(world, chat, question, "Kilometres")
    await tap(world, chat, question, "📅 Another day")
    assert "Which day was the run?" in question.text
    await tap(world, chat, question, "Yesterday")
    assert "How far was your run on Sun 22 Nov?" in question.text
    await tap(world, chat, question, UNMEASURED)
    await tap(world, chat, question, "45 min")
    assert "45 min on Sun 22 Nov." in question.text
    await tap(world, chat, question, "3")
    [row] = await logs(world, user)
    assert (row.day, row.during_run, row.minutes) == (date(2026, 11, 22), 3, 45)


async def test_a_run_is_corrected_and_deleted_from_the_logs_own_screen(world: World) -> None:
    user, chat = world.private()
    verdict = await log_run(world, chat, "6", "60 min", "10 km")
    await tap(world, chat, verdict, "✏️ Correct or delete")
    assert "During the run: 6/10" in verdict.text
    await tap(world, chat, verdict, "✏️ Correct")
    await tap(world, chat, verdict, "2")
    assert "How far was it? Logged: 10 km." in verdict.text and "10 km ✓" in labels(verdict)
    await tap(world, chat, verdict, "8 km")
    await tap(world, chat, verdict, "45 min")
    assert verdict.text.startswith("🟢")
    [row] = await logs(world, user)
    assert (row.during_run, row.minutes, row.metres) == (2, 45, 8_000)
    [question] = await world.driver.send(chat, "/log")
    await tap(world, chat, question, "🗂 Your runs")
    await tap(world, chat, question, "Mon 23 Nov · 2/10 · 8 km · 45 min")
    assert "Distance: 8 km" in question.text
    await tap(world, chat, question, "🗑 Delete")
    assert "This cannot be undone" in question.text and await logs(world, user) != []
    await tap(world, chat, question, "Yes, delete")
    assert question.text.startswith("Deleted your run on Mon 23 Nov")
    assert await logs(world, user) == []


@pytest.mark.parametrize(
    "steps",
    [
        [],
        ["Kilometres"],
        ["Kilometres", "3 km"],
        ["Kilometres", "3 km", "20 min"],
        ["Kilometres", "📅 Another day"],
        ["Kilometres", "📅 Another day", "Yesterday"],
    ],
)
async def test_cancel_on_every_step_stores_nothing(world: World, steps: list[str]) -> None:
    user, chat = world.private()
    [question] = await world.driver.send(chat, "/log")
    for label in steps:
        await tap(world, chat, question, label)
    await tap(world, chat, question, "✖ Cancel")
    assert question.text.startswith("Cancelled: nothing was changed.")
    assert await logs(world, user) == []


async def test_the_morning_answer_is_for_every_run_of_that_day(world: World) -> None:
    user, chat = world.private()
    await log_run(world, chat, "2", "20 min")
    question = await log_run(world, chat, "3", "30 min")
    await tap(world, chat, question, "➕ Another run")
    next_day(world)
    await answer_morning(world, chat, "1", "Neither")
    assert [row.next_morning for row in await logs(world, user)] == [1, 1]
    [question] = await world.driver.send(chat, "/log")  # nothing left to ask about
    assert "How far was today’s run?" in question.text


async def test_the_next_morning_answer_completes_the_verdict(world: World) -> None:
    user, chat = world.private()
    await log_run(world, chat, "4", "30 min")
    next_day(world)
    verdict = await answer_morning(world, chat, "2", "Stiffer")
    assert verdict.text.startswith("🟠 Amber")
    assert "stiffer than usual the next morning" in verdict.text
    [row] = await logs(world, user)
    assert (row.next_morning, row.stiffer, row.swelling) == (2, True, False)


async def test_pain_not_settled_by_the_morning_is_red(world: World) -> None:
    _, chat = world.private()
    await log_run(world, chat, "3", UNTIMED)
    next_day(world)
    verdict = await answer_morning(world, chat, "5", "Neither")
    assert verdict.text.startswith("🔴 Red")
    assert "hurt more the next morning" in verdict.text


async def test_log_offers_a_new_run_instead_of_the_morning_question(world: World) -> None:
    user, chat = world.private()
    await log_run(world, chat, "2", UNTIMED)
    next_day(world)
    [question] = await world.driver.send(chat, "/log")
    await tap(world, chat, question, "Log a new run instead")
    await first_steps(world, chat, question, UNMEASURED, "20 min")
    await tap(world, chat, question, "1")
    assert [(row.during_run, row.next_morning) for row in await logs(world, user)] == [
        (2, None),
        (1, None),
    ]


async def test_progress_without_runs_points_to_log(world: World) -> None:
    _, chat = world.private()
    [reply] = await world.driver.send(chat, "/progress")
    assert reply.photo is None
    assert "/log" in reply.text


async def test_progress_sends_the_chart_with_a_summary(world: World) -> None:
    _, chat = world.private()
    await log_run(world, chat, "3", "30 min")
    next_day(world)
    await answer_morning(world, chat, "2", "Neither")
    [chart] = await world.driver.send(chat, "/progress")
    assert chart.photo is not None and chart.photo.startswith(PNG_SIGNATURE)
    assert chart.text == (
        "Last 7 days: 1 run, average pain during runs 3.0/10 (no runs the week before)."
    )


async def test_comeback_moves_on_after_two_green_sessions(world: World) -> None:
    user, chat = world.private()
    [offer] = await world.driver.send(chat, "/comeback")
    assert "no consensus exists" in offer.text and NOT_FOR in offer.text
    await tap(world, chat, offer, "Start at stage 1")
    assert "stage 1 of 10" in offer.text and "Run 1 min, then walk 2 min; 6 times" in offer.text
    first = await comeback_session(world, chat, "1")
    assert first.text.startswith("🟢 Green so far")
    assert "Do each stage at least twice" in first.text
    next_day(world)
    await answer_morning(world, chat, "0", "Neither")
    next_day(world)
    second = await comeback_session(world, chat, "2")
    assert "Tell us how the knee felt the next morning" in second.text
    next_day(world)
    moved = await answer_morning(world, chat, "1", "Neither")
    assert "move on to the next stage" in moved.text and "Next session: stage 2" in moved.text
    stored = await plan(world, user)
    assert stored is not None and stored.stage == 2
    assert [row.stage for row in await logs(world, user)] == [1, 1]
    [screen] = await world.driver.send(chat, "/comeback")
    assert "stage 2 of 10" in screen.text


async def test_comeback_steps_back_after_a_red_session(world: World) -> None:
    user, chat = world.private()
    [offer] = await world.driver.send(chat, "/comeback")
    await tap(world, chat, offer, "Start at stage 1")
    async with world.database.transaction() as session:
        stored = await session.get(ComebackPlan, user.id)
        assert stored is not None
        stored.stage = 3
    red = await comeback_session(world, chat, "7")
    assert red.text.startswith("🔴 Red")
    assert "go back one stage" in red.text and "Next session: stage 2" in red.text
    next_day(world)
    await answer_morning(world, chat, "6", "Swollen")  # the same red session: no second step
    stored = await plan(world, user)
    assert stored is not None and stored.stage == 2


async def test_stopping_the_plan_keeps_the_log(world: World) -> None:
    user, chat = world.private()
    [offer] = await world.driver.send(chat, "/comeback")
    await tap(world, chat, offer, "Start at stage 1")
    await tap(world, chat, offer, "Stop the plan")
    assert "Stop the walk-run plan?" in offer.text
    stored = await plan(world, user)
    assert stored is not None and stored.active  # nothing stops without confirming
    await tap(world, chat, offer, "Yes, stop it")
    assert "stopped" in offer.text
    stored = await plan(world, user)
    assert stored is not None and not stored.active
    [again] = await world.driver.send(chat, "/comeback")
    assert "Start at stage 1" in [label for row in again.buttons for label, _ in row]


async def test_mydata_and_deletemydata_cover_the_recovery_data(world: World) -> None:
    user, chat = world.private()
    [offer] = await world.driver.send(chat, "/comeback")
    await tap(world, chat, offer, "Start at stage 1")
    await log_run(world, chat, "2", UNTIMED)
    [data] = await world.driver.send(chat, "/mydata")
    assert "during the run 2/10" in data.text
    assert "Walk-run plan: stage 1" in data.text
    [privacy] = await world.driver.send(chat, "/privacy")
    assert "/log" in privacy.text
    [question] = await world.driver.send(chat, "/deletemydata")
    await world.driver.press(chat, question, "Yes, delete everything")
    assert await logs(world, user) == []
    assert await plan(world, user) is None


async def test_forged_buttons_are_answered_as_expired(world: World) -> None:
    ann, ann_chat = world.private("Ann")
    await log_run(world, ann_chat, "2", UNTIMED)
    [ann_log] = await logs(world, ann)
    _, chat = world.private("Bob")
    forged = (
        "rl",
        "rl:zzz",
        "rl:p:x:3",
        "rl:p:f:11",
        "rl:p:f:03",
        "rl:m:1:31",
        "rl:m:f:3:20261301:30",  # no such date
        "rl:m:f:3:20261001:30",  # further back than /log reaches
        "rl:m:f:3:20261124:30",  # tomorrow
        "rl:new:f:2026112",
        "rl:u:ft:f",  # no such unit
        "rl:u:mi:f:20261001",  # further back than /log reaches
        "rl:d:f:20261123:x",
        "rl:d:f:20261123:999999",  # longer than any run
        "rl:t:f:20261124:0:30",  # tomorrow
        "rl:t:f:20261123:5000:-1",
        "rl:fu:km:20261123:0:5000",  # a file run without a time
        f"rl:rep:{ann_log.id}:3:30",  # someone else's run
        f"rl:rep:{ann_log.id}:3:30:5000",
        f"rl:fp:{ann_log.id}:3",
        f"rl:fd:{ann_log.id}:3:5000",
        "rl:fd:1:11:5000",
        "rl:fd:1:3:999999",  # longer than any run
        "rl:rep:1:3:30:-5",
        "rl:pd:f:11:20261123:5000",
        "rl:pd:f:3:20261123:-1",
        "rl:pd:f:3:20261001:5000",  # further back than /log reaches
        "rl:pd:x:3:20261123:5000",
        f"rl:e:{ann_log.id}",
        f"rl:fix:{ann_log.id}",
        f"rl:del:{ann_log.id}:yes",
        f"rl:am:{ann_log.id}:3",
        f"rl:sg:{ann_log.id}:n",
        "rl:sg:1:maybe",
    )
    for data in forged:
        [message] = await world.driver.send(chat, "/log")
        assert await world.driver.press_data(chat, message, data) == [], data
        assert world.driver.last_answer is not None
        assert "expired" in (world.driver.last_answer.text or ""), data
    [row] = await logs(world, ann)
    assert (row.during_run, row.minutes, row.next_morning) == (2, None, None)


async def test_comeback_without_a_timezone_asks_for_session_days(world: World) -> None:
    _, chat = world.private()
    [offer] = await world.driver.send(chat, "/comeback")
    await tap(world, chat, offer, "Start at stage 1")
    assert "Set your timezone (/timezone Berlin)" in offer.text
    assert "/runs mon,wed,fri 18:00" in offer.text
    await tap(world, chat, offer, "📅 Session days")
    assert "➕ Add a run" in [label for row in offer.buttons for label, _ in row]


async def test_comeback_points_out_sessions_on_consecutive_days(world: World) -> None:
    _, chat = world.private()
    await world.driver.send(chat, "/timezone Berlin")
    await world.driver.send(chat, "/runs mon,tue 07:00")
    [offer] = await world.driver.send(chat, "/comeback")
    await tap(world, chat, offer, "Start at stage 1")
    assert "Sessions: your planned runs, Mon 07:00, Tue 07:00" in offer.text
    assert "Keep a rest day between sessions" in offer.text
