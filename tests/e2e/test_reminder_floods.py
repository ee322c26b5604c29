"""Scheduled sends against the local Bot API enforcing Telegram's limits on the injected clock:
a 429 in one private chat holds back that chat only, and the crowd goes on; Telegram's overall
limit (different chats refused in a row) still holds everything back until its wait is over."""

from datetime import UTC, datetime, time, timedelta

import pytest

from bot.domain.schedule.recurrence import WeeklyTime
from bot.telegram_local import FloodLimits
from bot.telegram_local.chat import LocalChat
from bot.ui.budget import OVERALL_LIMIT_SIGNAL
from tests.delivery.helpers import MONDAY, runner
from tests.e2e.conftest import World

SUNDAY_NOON = datetime(2026, 11, 22, 11, 0, tzinfo=UTC)
MONDAY_0700_BERLIN = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
TICK = timedelta(seconds=15)
# Before 07:00, the end of the default quiet hours: held back until then, so every runner's
# stretch post goes out at 07:00.
QUIET_STRETCH = time(6, 30)


@pytest.fixture
def flood_limits(request: pytest.FixtureRequest) -> FloodLimits:
    """Telegram's (30 a second, one a second per chat, 20 a minute per group), unless a test
    asks for others."""
    limits: FloodLimits = getattr(request, "param", FloodLimits())
    return limits


async def enrolled(world: World, name: str, **plan: object) -> LocalChat:
    """A runner who wrote /start on Sunday (a second after the one before) with this plan."""
    user, chat = world.private(name)
    world.clock.advance(timedelta(seconds=1))
    await world.driver.send(chat, "/start")
    await runner(world.database, user.id, SUNDAY_NOON, **plan)  # type: ignore[arg-type]
    return chat


async def test_a_private_chats_429_holds_back_that_chat_and_the_crowd_goes_on(
    world: World,
) -> None:
    # Ann's warm-up (a 07:15 run, 15 minutes ahead) and her stretch post come at 07:00 together:
    # the second of two messages within a second is refused (one a second per chat).
    world.clock.now = SUNDAY_NOON
    ann = await enrolled(
        world, "Ann", runs=(WeeklyTime(MONDAY, time(7, 15)),), stretch_time=QUIET_STRETCH
    )
    others = [
        await enrolled(world, f"Runner {n}", runs=(), stretch_time=QUIET_STRETCH) for n in range(5)
    ]
    before = {chat.id: len(chat.bot_messages) for chat in (ann, *others)}
    calls = len(world.api.calls)
    world.clock.now = MONDAY_0700_BERLIN
    await world.tick()

    sends = [call for call in world.api.calls[calls:] if call.method == "sendMessage"]
    refused = [index for index, call in enumerate(sends) if call.error_code == 429]
    assert len(refused) == 1 and sends[refused[0]].params["chat_id"] == ann.id
    assert any(call.ok for call in sends[refused[0] + 1 :]), "sending went on after the 429"
    assert all(len(chat.bot_messages) == before[chat.id] + 1 for chat in others)
    assert len(ann.bot_messages) == before[ann.id] + 1
    assert "07:15" in ann.bot_messages[-1].text, "her warm-up, the earlier deadline, went first"

    world.clock.advance(TICK)
    await world.tick()
    assert len(ann.bot_messages) == before[ann.id] + 2, "her stretch post, at the next tick"
    assert world.api.flood_errors == 1


@pytest.mark.parametrize("flood_limits", [FloodLimits(per_second=3)], indirect=True)
async def test_the_overall_limit_holds_everything_back_until_its_wait_is_over(
    world: World,
) -> None:
    world.clock.now = SUNDAY_NOON
    crowd = [
        await enrolled(world, f"Runner {n}", runs=(), stretch_time=QUIET_STRETCH) for n in range(9)
    ]
    before = sum(len(chat.bot_messages) for chat in crowd)
    world.clock.now = MONDAY_0700_BERLIN
    await world.tick()
    # Three a second go through; then as many chats as the signal needs are refused in a row,
    # and nothing more is tried.
    assert sum(len(chat.bot_messages) for chat in crowd) == before + 3
    assert world.api.flood_errors == OVERALL_LIMIT_SIGNAL

    world.clock.advance(TICK)
    await world.tick()
    assert sum(len(chat.bot_messages) for chat in crowd) == before + 6
    world.clock.advance(TICK)
    await world.tick()
    assert sum(len(chat.bot_messages) for chat in crowd) == before + 9
