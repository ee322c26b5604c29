"""/start, /help, /privacy, /deletemydata, unknown commands and free text, through real HTTP."""

import logging

import pytest
from sqlalchemy import select

from bot.commands import COMMANDS
from bot.db.models import Chat, User
from bot.features.basics.texts import DISCLAIMER
from tests.e2e.conftest import World


async def test_start_explains_the_bot_with_the_disclaimer(world: World) -> None:
    _, chat = world.private()
    [reply] = await world.driver.send(chat, "/start")
    assert "Knee Coach" in reply.text
    assert DISCLAIMER in reply.text
    for command in ("/kneepain", "/stretch", "/help"):
        assert command in reply.text


async def test_help_lists_every_command(world: World) -> None:
    _, chat = world.private()
    [reply] = await world.driver.send(chat, "/help")
    for command in COMMANDS:
        assert f"/{command.name} – " in reply.text


async def test_privacy_says_what_is_stored_and_how_to_delete_it(world: World) -> None:
    _, chat = world.private()
    [reply] = await world.driver.send(chat, "/privacy")
    assert "What is stored" in reply.text and "never stored" in reply.text
    assert "/deletemydata" in reply.text


async def test_command_menus_are_set_for_private_chats_and_groups(world: World) -> None:
    scopes: dict[str, list[str]] = {}
    for call in world.api.calls:
        if call.method == "setMyCommands":
            scope, commands = call.params["scope"], call.params["commands"]
            assert isinstance(scope, dict) and isinstance(commands, list)
            scopes[scope["type"]] = [command["command"] for command in commands]
    assert (
        "kneepain" in scopes["all_private_chats"] and "deletemydata" in scopes["all_private_chats"]
    )
    assert "help" in scopes["all_group_chats"] and "deletemydata" not in scopes["all_group_chats"]


async def test_talking_to_the_bot_stores_nobody(world: World) -> None:
    _, chat = world.private(language_code="de")
    for text in ("/start", "/help", "hello", "/kneepain", "/stretch", "/mydata", "/timezone IST"):
        await world.driver.send(chat, text)
    async with world.database.transaction() as session:
        assert (await session.execute(select(User))).all() == []
        assert (await session.execute(select(Chat))).all() == []


async def test_a_feature_stores_only_the_user_id_and_language(world: World) -> None:
    user, chat = world.private(language_code="de")
    await world.driver.send(chat, "/timezone Berlin")
    async with world.database.transaction() as session:
        stored = (await session.execute(select(User))).scalar_one()
    assert (stored.id, stored.language_code, stored.is_active) == (user.id, "de", True)


async def test_after_deletemydata_mydata_shows_nothing(world: World) -> None:
    _, chat = world.private()
    await world.driver.send(chat, "/timezone Berlin")
    [question] = await world.driver.send(chat, "/deletemydata")
    await world.driver.press(chat, question, "Yes, delete everything")
    [reply] = await world.driver.send(chat, "/mydata")
    assert "user id" not in reply.text and "First seen" not in reply.text
    assert reply.text == "Nothing is stored about you."


async def test_deletemydata_erases_the_user_after_confirming(world: World) -> None:
    _, chat = world.private()
    [question] = await world.driver.send(chat, "/deletemydata")
    [done] = await world.driver.press(chat, question, "Yes, delete everything")
    assert "deleted" in done.text and done.buttons == []
    async with world.database.transaction() as session:
        assert (await session.execute(select(User))).all() == []


async def test_deletemydata_can_be_cancelled(world: World) -> None:
    _, chat = world.private()
    await world.driver.send(chat, "/timezone Berlin")
    [question] = await world.driver.send(chat, "/deletemydata")
    [done] = await world.driver.press(chat, question, "Cancel")
    assert done.text == "Nothing was deleted."
    async with world.database.transaction() as session:
        assert len((await session.execute(select(User))).all()) == 1


async def test_a_forged_button_gets_a_friendly_answer(world: World) -> None:
    _, chat = world.private()
    await world.driver.send(chat, "/timezone Berlin")
    [question] = await world.driver.send(chat, "/deletemydata")
    for data in ("del:maybe", "\x00<b>nonsense" * 4, "del:yes:extra", "x" * 64):
        assert await world.driver.press_data(chat, question, data) == []
        assert world.driver.last_answer is not None
        assert "expired" in (world.driver.last_answer.text or "")
    assert question.text.startswith("Delete your data?") and question.buttons != []
    async with world.database.transaction() as session:
        assert len((await session.execute(select(User))).all()) == 1


async def test_blocking_the_bot_marks_the_user_unreachable(world: World) -> None:
    user, chat = world.private()
    await world.driver.send(chat, "/timezone Berlin")
    await chat.block_bot()
    await world.driver.settle()
    async with world.database.transaction() as session:
        stored = await session.get(User, user.id)
        assert stored is not None and not stored.is_active


async def test_an_unknown_command_points_to_help(world: World) -> None:
    _, chat = world.private()
    [reply] = await world.driver.send(chat, "/teleport now")
    assert "/help" in reply.text


@pytest.mark.parametrize(
    "text", ['<b>&"', "</i><script>alert(1)</script>", "x" * 5000, "🏃" * 3000]
)
async def test_hostile_or_huge_text_gets_short_guidance(world: World, text: str) -> None:
    _, chat = world.private()
    [reply] = await world.driver.send(chat, text)
    assert "/kneepain" in reply.text and len(reply.text) < 500
    assert "buttons above still work" in reply.text  # typed mid-check: nothing is lost


async def test_hostile_command_arguments_change_nothing(world: World) -> None:
    _, chat = world.private()
    [reply] = await world.driver.send(chat, '/help <b>&"' + "y" * 5000)
    assert reply.text.startswith("Knee Coach commands")


async def test_in_a_group_the_bot_answers_only_what_is_addressed_to_it(world: World) -> None:
    ann, _ = world.private()
    club = world.api.group("Tuesday Runners", supergroup=True)
    club.set_admins(ann)
    await club.add_bot(by=ann)
    await world.driver.settle()
    assert await world.driver.send(club, "/teleport", from_user=ann) == []
    [reply] = await world.driver.send(club, "/teleport@KneeCoachBot", from_user=ann)
    assert "/help" in reply.text
    [reply] = await world.driver.send(club, "/help@KneeCoachBot", from_user=ann)
    assert "private chat" in reply.text


async def test_a_private_command_in_a_group_links_to_the_private_chat(world: World) -> None:
    ann, _ = world.private()
    club = world.api.group("Tuesday Runners", supergroup=True)
    await club.add_bot(by=ann)
    await world.driver.settle()  # the bot posts its introduction
    [reply] = await world.driver.send(club, "/deletemydata", from_user=ann)
    [[(_label, url)]] = reply.buttons
    assert url == "https://t.me/KneeCoachBot?start=deletemydata"
    # The button opens the private chat on the command asked for: one tap from going on, and
    # nothing done by the link itself.
    [opened] = await world.driver.press(club, reply, _label, by=ann)
    assert opened.text.startswith("Here it is, between the two of us")
    assert "/deletemydata – Erase everything stored about you" in opened.text
    [log] = await world.driver.send(club, "/log@KneeCoachBot", from_user=ann)
    assert log.buttons[0][0][1] == "https://t.me/KneeCoachBot?start=log"
    [start] = await world.driver.send(club, "/start", from_user=ann)
    assert start.buttons[0][0][1] == "https://t.me/KneeCoachBot"  # /start there just greets


async def test_an_error_gets_an_apology_and_logs_no_text(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    _, chat = world.private()
    # Telegram's error quotes the text, as "can't parse entities" errors do.
    world.api.fail_next("sendMessage", 400, "Bad Request: near 'my secret knee story'")
    with caplog.at_level(logging.ERROR):
        [reply] = await world.driver.send(chat, "/privacy my secret knee story")
    assert reply.text.startswith("Sorry, something went wrong")
    assert "secret knee story" not in caplog.text
    assert "message" in caplog.text  # the update's kind is logged
    assert "telegram.error.BadRequest" in caplog.text and "bot/features/" in caplog.text
