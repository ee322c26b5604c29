"""/stretch, /warmup, /exercises and /prevent through the local Bot API: in private chats, groups
and forum topics, browsed by tapping, with one message edited in place."""

from datetime import timedelta

import pytest

from bot.commands import COMMANDS
from bot.domain.content.browse import conditions_with_exercises, exercises_for, exercises_with_goal
from bot.domain.content.daily import stretch_of_the_day
from bot.domain.content.library import Library
from bot.telegram_local.chat import LocalChat
from bot.telegram_local.models import LocalMessage, LocalUser
from bot.ui.outgoing import REPEAT_WINDOW
from tests.e2e.conftest import World

LIBRARY_COMMANDS = ("stretch", "warmup", "exercises", "prevent")


def labels(message: LocalMessage) -> list[str]:
    return [label for row in message.buttons for label, _ in row]


async def tap(
    world: World, chat: LocalChat, message: LocalMessage, label: str, by: LocalUser | None = None
) -> None:
    """Presses a button and checks that the bot answered by editing that same message."""
    count = len(chat.bot_messages)
    [changed] = await world.driver.press(chat, message, label, by=by)
    assert changed is message and len(chat.bot_messages) == count


async def first_page(world: World, chat: LocalChat, message: LocalMessage) -> None:
    while "‹ Prev" in labels(message):
        await tap(world, chat, message, "‹ Prev")


async def test_the_stretch_of_the_day_is_shared_and_changes_daily(
    world: World, library: Library
) -> None:
    _, ann_chat = world.private("Ann")
    _, bob_chat = world.private("Bob")
    [ann] = await world.driver.send(ann_chat, "/stretch")
    [bob] = await world.driver.send(bob_chat, "/stretch")
    today = stretch_of_the_day(library.stretches, world.clock().date())
    assert ann.text == bob.text
    assert ann.text.startswith("Stretch of the day · 23 November\n\n" + today.name)
    await tap(world, ann_chat, ann, "📚 Sources")  # one tap away, in the same message
    assert library.sources[today.sources[0]].cite in ann.text
    await tap(world, ann_chat, ann, "‹ Back")
    assert today.name in ann.text
    world.clock.advance(timedelta(days=1))
    [tomorrow] = await world.driver.send(ann_chat, "/stretch")
    expected = stretch_of_the_day(library.stretches, world.clock().date())
    assert expected != today
    assert tomorrow.text.startswith("Stretch of the day · 24 November\n\n" + expected.name)


async def test_another_stretch_edits_the_same_message(world: World, library: Library) -> None:
    _, chat = world.private()
    [card] = await world.driver.send(chat, "/stretch")
    today = library.stretches.index(stretch_of_the_day(library.stretches, world.clock().date()))
    for step in range(1, 4):
        await tap(world, chat, card, "Another stretch")
        following = library.stretches[(today + step) % len(library.stretches)]
        assert card.text.startswith(following.name + "\n")


async def test_the_list_of_all_stretches_reaches_every_stretch(
    world: World, library: Library
) -> None:
    _, chat = world.private()
    [message] = await world.driver.send(chat, "/stretch")
    await tap(world, chat, message, "All stretches")
    await first_page(world, chat, message)
    opened = []
    while True:
        for label in [name for name in labels(message) if name not in ("‹ Prev", "Next ›")]:
            await tap(world, chat, message, label)
            assert message.text.startswith(label + "\n") and "Hold " in message.text
            opened.append(label)
            await tap(world, chat, message, "All stretches")  # back to the same page
            assert label in labels(message)
        if "Next ›" not in labels(message):
            break
        await tap(world, chat, message, "Next ›")
    assert opened == [stretch.name for stretch in library.stretches]


@pytest.mark.parametrize(("version", "minutes"), [("full", 7), ("quick", 3)])
async def test_the_warm_up_walks_step_by_step_in_one_message(
    world: World, library: Library, version: str, minutes: int
) -> None:
    _, chat = world.private()
    [message] = await world.driver.send(chat, "/warmup")
    assert "Pre-run warm-up – about 7 min" in message.text
    if version == "quick":
        await tap(world, chat, message, "Short version (3 min)")
    assert f"about {minutes} min" in message.text.split("\n", 1)[0]
    routine = library.warmup.full if version == "full" else library.warmup.quick
    for move in library.warmup.moves:
        assert (f"{move.name} – " in message.text) == (move in routine.moves)
    await tap(world, chat, message, "Step by step")
    walked = []
    for number, move in enumerate(routine.moves, start=1):
        assert f"move {number} of {len(routine.moves)}" in message.text
        walked.append(move.name)
        assert move.name in message.text and move.how in message.text
        if number == 2:  # Back and forth once on the way
            await tap(world, chat, message, "‹ Back")
            assert routine.moves[0].name in message.text
            await tap(world, chat, message, "Next ›")
        await tap(world, chat, message, "Next ›" if number < len(routine.moves) else "Done ✓")
    assert walked == [move.name for move in routine.moves]
    assert "done" in message.text
    await tap(world, chat, message, "Show the routine")
    assert f"about {minutes} min" in message.text


async def test_every_exercise_is_reachable_through_every_goal(
    world: World, library: Library
) -> None:
    _, chat = world.private()
    [message] = await world.driver.send(chat, "/exercises")
    conditions = library.triage.conditions
    expected = {
        "Strength": exercises_with_goal(library, "strength"),
        "Mobility": exercises_with_goal(library, "mobility"),
        **{
            conditions[c].name: exercises_for(library, c)
            for c in conditions_with_exercises(library)
        },
    }
    assert labels(message) == list(expected)
    reached = set()
    for topic, exercises in expected.items():
        await tap(world, chat, message, topic)
        opened = []
        while True:
            page_text = message.text
            for label in [
                n for n in labels(message) if n not in ("‹ Prev", "Next ›", "‹ All goals")
            ]:
                await tap(world, chat, message, label)
                assert message.text.startswith(label + "\n") and "Dose " in message.text
                opened.append(label)
                await tap(world, chat, message, "‹ Back")
                assert message.text == page_text
            if "Next ›" not in labels(message):
                break
            await tap(world, chat, message, "Next ›")
        assert opened == [exercise.name for exercise in exercises]
        reached.update(opened)
        await tap(world, chat, message, "‹ All goals")
    assert reached == {exercise.name for exercise in library.exercises}


async def test_prevent_states_the_evidence_and_opens_every_section(
    world: World, library: Library
) -> None:
    _, chat = world.private()
    [message] = await world.driver.send(chat, "/prevent")
    assert "Strength training – helps" in message.text
    assert "Stretching – not shown to help" in message.text
    *sections, cited = labels(message)
    prevention = library.prevention
    assert sections == [
        *(factor.name for factor in prevention.risk_factors),
        prevention.see_a_doctor.name,
    ]
    assert cited == "📚 Sources"
    for section in sections:
        await tap(world, chat, message, section)
        assert message.text.startswith(section + "\n")
        await tap(world, chat, message, "📚 Sources")
        assert message.text.startswith("Source")
        await tap(world, chat, message, "‹ Back")
        assert message.text.startswith(section + "\n")
        await tap(world, chat, message, "‹ Prevention overview")
    await tap(world, chat, message, prevention.see_a_doctor.name)
    first_sign = library.triage.safety_net[prevention.see_a_doctor.signs[0]]
    assert first_sign.text in message.text


async def test_the_library_works_in_groups_and_forum_topics(world: World) -> None:
    ann, _ = world.private("Ann")
    bob, _ = world.private("Bob")
    club = world.api.group("Tuesday Runners", supergroup=True)
    await club.add_bot(by=ann)
    await world.driver.settle()
    for command in LIBRARY_COMMANDS:
        [addressed] = await world.driver.send(club, f"/{command}@KneeCoachBot", from_user=ann)
        world.clock.advance(REPEAT_WINDOW)  # sooner, the same answer points at the one above
        [bare] = await world.driver.send(club, f"/{command}", from_user=ann)
        assert addressed.text == bare.text and addressed.buttons
        before = addressed.text
        await tap(world, club, addressed, labels(addressed)[0], by=bob)  # anyone may tap
        assert addressed.text != before

    forum = world.api.group("Runners HQ", supergroup=True, forum=True)
    await forum.add_bot(by=ann)
    await world.driver.settle()
    for command in LIBRARY_COMMANDS:
        [reply] = await world.driver.send(forum, f"/{command}", from_user=bob, thread_id=7)
        assert reply.thread_id == 7
        await tap(world, forum, reply, labels(reply)[0], by=ann)
        assert reply.thread_id == 7


@pytest.mark.parametrize("command", LIBRARY_COMMANDS)
async def test_stale_or_forged_buttons_are_answered_as_expired(world: World, command: str) -> None:
    _, chat = world.private()
    forged = (
        "st:s:no_such_stretch",
        "st:l:99",
        "wu:full:99",
        "wu:half",
        "ex:l:fracture:0",
        "ex:e:quad_set:strength:5",
        "pv:r:nothing",
        "pv:o:extra",
    )
    for data in forged:
        [message] = await world.driver.send(chat, f"/{command}")
        assert await world.driver.press_data(chat, message, data) == []  # nothing is edited
        assert world.driver.last_answer is not None
        assert "expired" in (world.driver.last_answer.text or "")
    [message] = await world.driver.send(chat, f"/{command}")
    assert message.buttons


async def test_a_double_tap_changes_nothing_and_needs_no_apology(world: World) -> None:
    _, chat = world.private()
    [message] = await world.driver.send(chat, "/warmup")
    [data] = [target for row in message.buttons for label, target in row if label == "Step by step"]
    await world.driver.press_data(chat, message, data)
    # The second tap reaches a message that has moved on: it changes nothing and sends nothing.
    assert await world.driver.press_data(chat, message, data) == []
    assert len(chat.bot_messages) == 1


async def test_help_lists_the_library_as_ready(world: World) -> None:
    _, chat = world.private()
    [reply] = await world.driver.send(chat, "/help")
    names = {command.name for command in COMMANDS}
    for command in LIBRARY_COMMANDS:
        assert command in names
        line = next(line for line in reply.text.splitlines() if line.startswith(f"/{command} "))
        assert "coming soon" not in line
