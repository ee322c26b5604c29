"""A noisy group must not stop the bot for everyone: the local Bot API enforces Telegram's limits
(30 messages a second overall, 20 a minute per group, strict windows) on the injected clock."""

import asyncio
from collections import Counter
from datetime import timedelta

import pytest

from bot.app import group_replies
from bot.features.recovery.drawing import CHARTS_PER_PERSON
from bot.telegram_local import FloodLimits
from bot.ui.outgoing import ANSWERED_ABOVE
from tests.e2e.conftest import World

GROUP_COMMANDS = ("/help", "/stretch", "/warmup", "/exercises", "/prevent", "/kneepain")


async def handled(world: World) -> None:
    """Every update so far handled (answers to groups may still wait for their turn)."""
    await world.api.wait_until(lambda: world.api.pending_updates == 0)
    await world.application.update_queue.join()


@pytest.fixture
def flood_limits() -> FloodLimits:
    return FloodLimits(per_second=30, per_chat_per_second=None, per_group_per_minute=20)


async def test_a_flooding_group_does_not_stop_private_answers(world: World) -> None:
    admin, _ = world.private("Ann")
    club = world.api.group("Noisy Runners", supergroup=True)
    club.set_admins(admin)
    await club.add_bot(by=admin)
    await world.driver.settle()
    members = [world.api.user(f"Member{n}") for n in range(100)]
    for member in members:
        club.add_member(member)
    for n in range(300):  # 100 members, 300 commands, at one instant of the injected clock
        await club.send(GROUP_COMMANDS[n % len(GROUP_COMMANDS)], from_user=members[n % 100])
    runners = [world.private(f"Runner{n}")[1] for n in range(20)]
    for dm in runners:
        await dm.send("/help")

    # The clock has not moved: no private answer waited for the group's minute.
    await world.api.wait_until(lambda: all(dm.bot_messages for dm in runners), timeout=20)
    await world.driver.settle()  # every update handled, every answer to the group sent

    assert world.api.flood_errors == 0
    assert all("/kneepain" in dm.bot_messages[0].text for dm in runners)  # the private /help
    posted = club.bot_messages[1:]  # after the bot's introduction
    answers = [m for m in posted if m.text != ANSWERED_ABOVE]
    pointers = [m for m in posted if m.text == ANSWERED_ABOVE]
    assert len(answers) == len(GROUP_COMMANDS), "each command answered once"
    assert len({m.text for m in answers}) == len(GROUP_COMMANDS)
    pointed_at = Counter(m.reply_to.message_id for m in pointers if m.reply_to is not None)
    assert len(pointed_at) == len(pointers) <= len(answers), "at most one pointer an answer"
    assert set(pointed_at) <= {m.message_id for m in answers}
    tally = group_replies(world.application).tally
    assert tally.sent == len(posted)
    assert tally.coalesced + tally.pointed + tally.repeats_dropped == 300 - len(answers)


async def test_a_groups_answers_wait_for_its_minute_and_the_stale_ones_are_dropped(
    world: World,
) -> None:
    admin, _ = world.private("Ann")
    club = world.api.group("Busy Runners")
    club.set_admins(admin)
    await club.add_bot(by=admin)
    await world.driver.settle()  # the introduction: 1 of the group's 20
    for n in range(25):  # 25 different answers: "I don't know /clubrun jog0..."
        await club.send(f"/clubrun jog{n}", from_user=admin)
    await handled(world)
    await world.api.wait_until(lambda: len(club.bot_messages) == 20, timeout=20)

    world.clock.advance(timedelta(seconds=30))
    await club.send("/clubrun list", from_user=admin)
    _, dm = world.private("Runner")
    await dm.send("/help")
    await world.api.wait_until(lambda: len(dm.bot_messages) == 1, timeout=10)
    assert len(club.bot_messages) == 20, "the group's minute is spent; private chats go on"
    await handled(world)  # the list's answer is queued (its handler reads the database)

    world.clock.advance(timedelta(seconds=31))  # the first minute (and its margin) is over
    await asyncio.wait_for(group_replies(world.application).idle(), timeout=10)
    assert world.api.flood_errors == 0
    # The six answers left from the first minute waited too long to matter; the list did not.
    assert "No club runs yet" in club.bot_messages[-1].text
    assert len(club.bot_messages) == 21
    assert group_replies(world.application).tally.late_dropped == 6


async def test_a_groups_429_pauses_only_that_group_from_when_it_came(world: World) -> None:
    admin, _ = world.private("Ann")
    club = world.api.group("Runners")
    club.set_admins(admin)
    await club.add_bot(by=admin)
    await world.driver.settle()
    world.api.fail_next("sendMessage", 429, "Too Many Requests: retry after 5", {"retry_after": 5})
    await club.send("/help", from_user=admin)
    await asyncio.wait_for(world.clock.slept_on(), timeout=5)  # the group waits for its time
    assert group_replies(world.application).tally.refused_429 == 1

    world.clock.advance(timedelta(seconds=4))
    _, dm = world.private("Runner")
    await dm.send("/help")  # private chats are not paused
    await world.api.wait_until(lambda: len(dm.bot_messages) == 1)
    assert "/kneepain" in dm.bot_messages[0].text
    assert len(club.bot_messages) == 1, "only the introduction: the group waits 5 s"

    world.clock.advance(timedelta(seconds=1))
    await asyncio.wait_for(group_replies(world.application).idle(), timeout=10)
    assert len(club.bot_messages) == 2


async def test_one_person_cannot_queue_minutes_of_charts(world: World) -> None:
    _, dm = world.private("Ann")
    for _ in range(CHARTS_PER_PERSON):
        [answer] = await world.driver.send(dm, "/progress")
        assert answer.text.startswith("Nothing to chart yet")  # the allowance counts asking
    [answer] = await world.driver.send(dm, "/progress")
    assert answer.text.startswith("⏳ One moment")
    assert "again in 60 s" in answer.text
    world.clock.advance(timedelta(minutes=1))
    [answer] = await world.driver.send(dm, "/progress")
    assert answer.text.startswith("Nothing to chart yet")
