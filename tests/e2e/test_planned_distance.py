"""A planned run's intended distance (`/runs sat 09:30 18km`) through the local Bot API: stored,
listed, and, when it would be a single-run spike against the runner's logged runs, said with
their numbers in the confirmation and in that run's warm-up reminder. The clock starts on
Monday 23 November 2026, 09:00 in Berlin."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.db.models import PainLog, PlannedRun
from bot.telegram_local.chat import LocalChat
from bot.telegram_local.models import LocalMessage, LocalUser
from tests.e2e.conftest import ON_BOTH_DATABASES, World
from tests.e2e.test_recovery import tap

pytestmark = ON_BOTH_DATABASES

TODAY = date(2026, 11, 23)
SATURDAY_0915_BERLIN = datetime(2026, 11, 28, 8, 15, tzinfo=UTC)  # the 09:30 run's warm-up
EVIDENCE = "an association, not a prediction for you"


async def logged(world: World, user: LocalUser, *runs: tuple[int, int]) -> None:
    """Runs logged `days` ago with a distance of `metres` (as watch files or /log would)."""
    async with world.database.transaction() as session:
        session.add_all(
            PainLog(
                user_id=user.id,
                day=TODAY - timedelta(days=days),
                during_run=1,
                metres=metres,
                created_at=world.clock(),
            )
            for days, metres in runs
        )


async def runner_with_a_month_of_runs(world: World) -> tuple[LocalUser, LocalChat]:
    """A Berlin runner whose longest run of the last 30 days is 14 km."""
    user, chat = world.private()
    await world.driver.send(chat, "/timezone Europe/Berlin")
    await logged(world, user, (40, 16_000), (20, 12_000), (10, 14_000), (3, 10_000))
    return user, chat


async def planned(world: World, user: LocalUser) -> list[tuple[int, int | None]]:
    async with world.database.transaction() as session:
        rows = await session.execute(
            select(PlannedRun.weekday, PlannedRun.metres)
            .where(PlannedRun.user_id == user.id)
            .order_by(PlannedRun.weekday)
        )
        return [(weekday, metres) for weekday, metres in rows]


async def warmup(world: World, chat: LocalChat) -> LocalMessage:
    world.clock.now = SATURDAY_0915_BERLIN
    seen = len(chat.bot_messages)
    await world.tick()
    [reminder] = chat.bot_messages[seen:]
    assert "Your run at 09:30" in reminder.text
    return reminder


async def test_a_planned_spike_is_said_in_the_confirmation_and_the_warm_up(world: World) -> None:
    user, chat = await runner_with_a_month_of_runs(world)
    [confirmation] = await world.driver.send(chat, "/runs mon 07:00; sat 09:30 18km")
    assert "✅ Runs: Mon 07:00, Sat 09:30 18 km" in confirmation.text
    assert (
        "📏 Sat 09:30, 18 km: 28% longer than your longest run of the last 30 days (14 km). "
        "Up to 15.4 km stays within 10%." in confirmation.text
    )
    assert "Frandsen et al., BJSM 2025" in confirmation.text and EVIDENCE in confirmation.text
    assert await planned(world, user) == [(0, None), (5, 18_000)]
    reminder = await warmup(world, chat)
    assert (
        "📏 Today's 18 km would be 28% longer than your longest run of the last 30 days (14 km)."
        in reminder.text
    )
    assert EVIDENCE in reminder.text and "Up to 15.4 km stays within 10%." in reminder.text


async def test_miles_and_a_distance_within_ten_percent_raise_nothing(world: World) -> None:
    _, chat = await runner_with_a_month_of_runs(world)
    [confirmation] = await world.driver.send(chat, "/runs sat 09:30 9.5 mi")  # 15.3 km
    assert "Sat 09:30 15.3 km" in confirmation.text
    assert "📏" not in confirmation.text
    assert "📏" not in (await warmup(world, chat)).text


async def test_nothing_is_said_without_a_month_of_logged_distances(world: World) -> None:
    user, chat = world.private()
    await world.driver.send(chat, "/timezone Europe/Berlin")
    await logged(world, user, (20, 5_000), (10, 5_000), (3, 5_000))  # no run 30 days back
    [confirmation] = await world.driver.send(chat, "/runs sat 09:30 42 km")
    assert "Sat 09:30 42 km" in confirmation.text and "📏" not in confirmation.text
    assert "📏" not in (await warmup(world, chat)).text


async def test_settings_and_mydata_show_the_distances(world: World) -> None:
    _, chat = await runner_with_a_month_of_runs(world)
    await world.driver.send(chat, "/runs mon,wed 07:00 8km; sat 09:30 18km")
    [runs] = await world.driver.send(chat, "/runs")
    assert "• Monday 07:00, 8 km" in runs.text and "• Saturday 09:30, 18 km" in runs.text
    [menu] = await world.driver.send(chat, "/settings")
    assert "🏃 Runs: Mon 07:00 8 km, Wed 07:00 8 km, Sat 09:30 18 km" in menu.text
    [data] = await world.driver.send(chat, "/mydata")
    assert "Runs: Mon 07:00 8 km, Wed 07:00 8 km, Sat 09:30 18 km" in data.text


@pytest.mark.parametrize(
    ("typed", "answer"),
    [
        ("/runs sat 09:30 18kg", "I couldn't read '18kg' as a distance: give it in km or mi"),
        ("/runs sat 09:30 -5km", "A run's distance can't be negative"),
        ("/runs sat 09:30 900km", "'900km' is not a distance I can plan for one run"),
    ],
)
async def test_a_distance_that_cannot_be_planned_changes_nothing(
    world: World, typed: str, answer: str
) -> None:
    user, chat = await runner_with_a_month_of_runs(world)
    await world.driver.send(chat, "/runs sat 09:30 12km")
    [reply] = await world.driver.send(chat, typed)
    assert answer in reply.text and "Nothing was changed." in reply.text
    assert await planned(world, user) == [(5, 12_000)]


async def test_a_runner_who_reads_miles_is_warned_in_miles(world: World) -> None:
    user, chat = await runner_with_a_month_of_runs(world)
    [menu] = await world.driver.send(chat, "/settings")
    await tap(world, chat, menu, "📏 km or miles")
    await tap(world, chat, menu, "Miles")
    [confirmation] = await world.driver.send(chat, "/runs sat 09:30 11mi")
    assert "✅ Runs: Sat 09:30 11 mi" in confirmation.text  # 17,703 m, typed in miles
    assert (
        "📏 Sat 09:30, 11 mi: 26% longer than your longest run of the last 30 days (8.7 mi). "
        "Up to 9.6 mi stays within 10%." in confirmation.text
    )
    assert " km" not in confirmation.text
    assert await planned(world, user) == [(5, 17_703)]  # stored in metres
    reminder = await warmup(world, chat)
    assert "📏 Today's 11 mi would be 26% longer" in reminder.text
    assert "(8.7 mi)" in reminder.text and " km" not in reminder.text
