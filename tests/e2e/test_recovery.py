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


async def log_run(world: World, chat: LocalChat, pain: str, length: str) -> LocalMessage:
    [question] = await world.driver.send(chat, "/log")
    await tap(world, chat, question, pain)
    await tap(world, chat, question, length)
    return question


async def answer_morning(world: World, chat: LocalChat, pain: str, sign: str) -> LocalMessage:
    [question] = await world.driver.send(chat, "/log")
    assert "How does the knee feel this morning?" in question.text
    await tap(world, chat, question, pain)
    assert "stiffer than usual, or swollen?" in question.text
    await tap(world, chat, question, sign)
    return question


async def comeback_session(world: World, chat: LocalChat, pain: str) -> LocalMessage:
    [screen] = await world.driver.send(chat, "/comeback")
    await tap(world, chat, screen, "Done: log it")
    assert "walk-run stage" in screen.text
    await tap(world, chat, screen, pain)
    await tap(world, chat, screen, "Skip")
    return screen


def next_day(world: World) -> None:
    world.clock.advance(timedelta(days=1))


@pytest.mark.parametrize(
    ("pain", "length", "zone", "minutes", "kneepain"),
    [
        ("2", "30 min", "🟢 Green so far", 30, False),
        ("4", "Skip", "🟠 Amber", None, False),
        ("7", "45 min", "🔴 Red", 45, True),
    ],
)
async def test_logging_a_run_by_tapping_stores_it_and_gives_the_zone(
    world: World, pain: str, length: str, zone: str, minutes: int | None, kneepain: bool
) -> None:
    user, chat = world.private()
    [question] = await world.driver.send(chat, "/log")
    assert "How much did the knee hurt during today’s run?" in question.text
    await tap(world, chat, question, pain)
    assert f"Logged: {pain}/10 during the run." in question.text
    await tap(world, chat, question, length)
    assert question.text.startswith(zone)
    assert NOT_FOR in question.text
    assert ("/kneepain" in question.text) is kneepain
    assert question.buttons == []
    [row] = await logs(world, user)
    assert (row.day, row.during_run, row.minutes, row.stage) == (
        date(2026, 11, 23),
        int(pain),
        minutes,
        None,
    )


async def test_logging_twice_on_a_day_corrects_that_days_entry(world: World) -> None:
    user, chat = world.private()
    await log_run(world, chat, "6", "30 min")
    await log_run(world, chat, "3", "Skip")
    [row] = await logs(world, user)
    assert (row.during_run, row.minutes) == (3, None)


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
    await log_run(world, chat, "3", "Skip")
    next_day(world)
    verdict = await answer_morning(world, chat, "5", "Neither")
    assert verdict.text.startswith("🔴 Red")
    assert "hurt more the next morning" in verdict.text


async def test_log_offers_a_new_run_instead_of_the_morning_question(world: World) -> None:
    user, chat = world.private()
    await log_run(world, chat, "2", "Skip")
    next_day(world)
    [question] = await world.driver.send(chat, "/log")
    await tap(world, chat, question, "Log a new run instead")
    await tap(world, chat, question, "1")
    await tap(world, chat, question, "20 min")
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
    assert "stopped" in offer.text
    stored = await plan(world, user)
    assert stored is not None and not stored.active
    [again] = await world.driver.send(chat, "/comeback")
    assert "Start at stage 1" in [label for row in again.buttons for label, _ in row]


async def test_mydata_and_deletemydata_cover_the_recovery_data(world: World) -> None:
    user, chat = world.private()
    [offer] = await world.driver.send(chat, "/comeback")
    await tap(world, chat, offer, "Start at stage 1")
    await log_run(world, chat, "2", "Skip")
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
    await log_run(world, ann_chat, "2", "Skip")
    [ann_log] = await logs(world, ann)
    _, chat = world.private("Bob")
    forged = (
        "rl",
        "rl:zzz",
        "rl:p:x:3",
        "rl:p:f:11",
        "rl:p:f:03",
        "rl:m:1:31",
        f"rl:m:{ann_log.id}:30",  # someone else's run
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
    assert (row.minutes, row.next_morning) == (None, None)


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
