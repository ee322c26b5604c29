"""The library's demonstrations through Telegram's HTTP interface: /stretch, an exercise's page
and each step of the warm-up walk send an animation (sendAnimation, checked against the spec);
each file is uploaded once per bot and sent by its file_id after that. The bot's description,
short description and its group menus for members and for administrators."""

import pytest
from sqlalchemy import select

from bot.commands import COMMANDS
from bot.db.models import DemoUpload
from bot.demos.cache import Demos
from bot.domain.content.daily import stretch_of_the_day
from bot.domain.content.library import Library
from bot.profile import DESCRIPTION, SHORT_DESCRIPTION
from bot.telegram_local.models import LocalMessage
from bot.telegram_local.wire import UploadedFile
from tests.e2e.conftest import World


@pytest.fixture
def world_demos(rendered_demos: Demos) -> Demos:
    return rendered_demos


def animation_sends(world: World) -> list[object]:
    """What each sendAnimation carried: an upload's bytes or a file_id."""
    sent = []
    for call in world.api.calls:
        if call.method == "sendAnimation":
            animation = call.params["animation"]
            sent.append(animation.data if isinstance(animation, UploadedFile) else animation)
    return sent


async def test_stretch_sends_its_animation_uploaded_once(
    world: World, library: Library, rendered_demos: Demos
) -> None:
    stretch = stretch_of_the_day(library.stretches, world.clock().date())
    _, ann_chat = world.private("Ann")
    _, bob_chat = world.private("Bob")
    # The card fits a caption (1,024 characters): one message, the card under the animation.
    [animation] = await world.driver.send(ann_chat, "/stretch")
    assert animation.animation == rendered_demos.path(stretch.id).read_bytes()
    assert animation.text.startswith("Stretch of the day · 23 November\n\n" + stretch.name)
    assert "Another stretch" in [label for row in animation.buttons for label, _ in row]
    [again] = await world.driver.send(bob_chat, "/stretch")
    assert again.animation == animation.animation
    upload, file_id = animation_sends(world)
    assert upload == animation.animation  # the bytes once...
    assert isinstance(file_id, str) and again.animation_file is not None
    assert file_id == again.animation_file.file_id  # ...then the stored file_id
    async with world.database.transaction() as session:
        stored = (await session.execute(select(DemoUpload))).scalars().all()
    assert [(row.bot_id, row.file_id) for row in stored] == [(world.api.bot_user.id, file_id)]


async def test_the_warm_up_walk_shows_an_animation_per_move(
    world: World, library: Library, rendered_demos: Demos
) -> None:
    _, chat = world.private()
    [full] = await world.driver.send(chat, "/warmup")
    [routine] = await world.driver.press(chat, full, "Short version (3 min)")
    [step] = await world.driver.press(chat, routine, "Step by step")
    quick = [m for m in library.warmup.moves if m.id in library.warmup.short]
    seen: list[LocalMessage] = []
    for number, move in enumerate(quick, start=1):
        assert step.animation == rendered_demos.path(move.id).read_bytes()
        assert f"move {number} of {len(quick)}" in step.text and move.name in step.text
        seen.append(step)
        label = "Next ›" if number < len(quick) else "Done ✓"
        changes = await world.driver.press(chat, step, label)
        *_, step = changes
        assert seen[-1].reply_markup is None  # only the newest step keeps its buttons
    assert step.animation is None and "done" in step.text
    assert len({message.animation for message in seen}) == len(quick)
    assert routine.text.startswith("Quick warm-up")  # the routine stays as it was


async def test_an_exercise_page_brings_its_animation(
    world: World, library: Library, rendered_demos: Demos
) -> None:
    _, chat = world.private()
    [menu] = await world.driver.send(chat, "/exercises")
    await world.driver.press(chat, menu, "Strength")
    exercise = next(e for e in library.exercises if e.id == "clamshell")
    [animation, card] = await world.driver.press(chat, menu, exercise.name)
    assert animation.animation == rendered_demos.path("clamshell").read_bytes()
    assert animation.text == exercise.name
    # The card right under its animation; the list stays above, to open the next one from.
    assert card.text.startswith(exercise.name) and card.message_id == animation.message_id + 1
    assert menu.text.startswith("Strength exercises")
    # Its sources and the way back edit the card in place, with no second animation.
    assert await world.driver.press(chat, card, "📚 Sources") == [card]
    assert card.text.startswith("Sources:")
    assert await world.driver.press(chat, card, "‹ Back") == [card]
    assert card.text.startswith(exercise.name)
    assert len(animation_sends(world)) == 1


async def test_each_stretch_s_animation_sits_above_its_own_card(
    world: World, library: Library, rendered_demos: Demos
) -> None:
    _, chat = world.private()
    [first] = await world.driver.send(chat, "/stretch")
    *_, listing = await world.driver.press(chat, first, "All stretches")  # below the animation
    stretch = library.stretches[-1]
    while stretch.name not in str(listing.buttons):
        [listing] = await world.driver.press(chat, listing, "Next ›")
    [animation, card] = await world.driver.press(chat, listing, stretch.name)
    assert animation.animation == rendered_demos.path(stretch.id).read_bytes()
    assert card.text.startswith(stretch.name) and card.message_id == animation.message_id + 1
    assert await world.driver.press(chat, card, "📚 Sources") == [card]
    assert await world.driver.press(chat, card, "‹ Back") == [card]  # no second animation
    following = library.stretches[0]  # the list wraps round
    [next_animation, next_card] = await world.driver.press(chat, card, "Another stretch")
    assert next_animation.animation == rendered_demos.path(following.id).read_bytes()
    assert next_card.text.startswith(following.name)
    assert card.text.startswith(stretch.name)  # the card above keeps its own stretch


async def test_the_profile_and_the_menus_for_members_and_administrators(world: World) -> None:
    called = {call.method: call.params for call in world.api.calls}
    assert called["setMyDescription"]["description"] == DESCRIPTION
    assert called["setMyShortDescription"]["short_description"] == SHORT_DESCRIPTION
    menus: dict[str, list[str]] = {}
    for call in world.api.calls:
        if call.method == "setMyCommands":
            scope, commands = call.params["scope"], call.params["commands"]
            assert isinstance(scope, dict) and isinstance(commands, list)
            menus[scope["type"]] = [command["command"] for command in commands]
    admin_only = {c.name for c in COMMANDS if c.admins_only}
    assert admin_only == {"clubtimezone", "clubstretch", "clubsettings", "clubdeletedata"}
    assert admin_only <= set(menus["all_chat_administrators"])
    assert not admin_only & set(menus["all_group_chats"])
    assert {"clubrun", "stretch", "help"} <= set(menus["all_group_chats"])
