"""A real telegram.Bot against the local Bot API: every answer parses, every error maps."""

import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    MessageEntity,
)
from telegram.constants import ChatMemberStatus, ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter

from bot.telegram_local import FloodLimits, LocalBotApi, LocalChat
from tests.support.spec import SpecChecker
from tests.telegram_local.helpers import png


async def started_dm(api: LocalBotApi, name: str = "Ann") -> LocalChat:
    dm = api.private_chat(api.user(name, language_code="en"))
    await dm.send("/start")
    return dm


def keyboard(*buttons: InlineKeyboardButton) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([list(buttons)])


async def test_get_me_describes_the_local_bot(api: LocalBotApi, bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.username, me.is_bot) == (api.bot_user.id, "KneeCoachBot", True)
    assert me.can_read_all_group_messages is False  # privacy mode, like a new bot


async def test_send_message_with_html_and_a_keyboard(api: LocalBotApi, bot: Bot) -> None:
    dm = await started_dm(api)
    sent = await bot.send_message(
        dm.id,
        "<b>Knee</b> check &amp; <a href='https://example.org'>guide</a>",
        parse_mode=ParseMode.HTML,
        reply_markup=keyboard(
            InlineKeyboardButton("Yes", callback_data="triage:yes"),
            InlineKeyboardButton("Guide", url="https://example.org"),
        ),
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )
    assert sent.text == "Knee check & guide"
    assert sent.entities == (
        MessageEntity(MessageEntity.BOLD, 0, 4),
        MessageEntity(MessageEntity.TEXT_LINK, 13, 5, url="https://example.org"),
    )
    [local] = dm.bot_messages
    assert local.message_id == sent.message_id
    assert local.text == "Knee check & guide"
    assert local.html.startswith("<b>Knee</b>")
    assert local.buttons == [[("Yes", "triage:yes"), ("Guide", "https://example.org")]]


async def test_editing_text_and_markup(api: LocalBotApi, bot: Bot) -> None:
    dm = await started_dm(api)
    yes = keyboard(InlineKeyboardButton("Yes", callback_data="y"))
    sent = await bot.send_message(dm.id, "Pain?", reply_markup=yes)
    edited = await bot.edit_message_text("Pain now?", dm.id, sent.message_id, reply_markup=yes)
    assert isinstance(edited, Message)
    assert edited.edit_date is not None
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("Pain now?", dm.id, sent.message_id, reply_markup=yes)
    # Like Telegram: editing the text without reply_markup drops the keyboard.
    await bot.edit_message_text("Thanks", dm.id, sent.message_id)
    [local] = dm.bot_messages
    assert (local.text, local.buttons, local.edits) == ("Thanks", [], 2)
    await bot.edit_message_reply_markup(dm.id, sent.message_id, reply_markup=yes)
    assert local.buttons == [[("Yes", "y")]]
    await bot.delete_message(dm.id, sent.message_id)
    assert dm.bot_messages == []
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("Gone", dm.id, sent.message_id)


async def test_text_rules_match_telegram(api: LocalBotApi, bot: Bot) -> None:
    dm = await started_dm(api)
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities: unsupported start tag"):
        await bot.send_message(dm.id, "<blink>hi</blink>", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
        await bot.send_message(dm.id, "<b> </b>", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(dm.id, "x" * 4097)
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
        await bot.send_message(
            dm.id, "hi", reply_markup=keyboard(InlineKeyboardButton("A", callback_data="x" * 65))
        )
    assert len(api.violations) == 4
    assert 'Unsupported start tag "blink"' in api.violations[0]
    api.violations.clear()


async def test_command_menus_per_scope_and_language(api: LocalBotApi, bot: Bot) -> None:
    dm = await started_dm(api)
    private = [BotCommand("start", "Start over"), BotCommand("knee", "Check my knee")]
    group = [BotCommand("clubrun", "Plan a club run")]
    await bot.set_my_commands(private, scope=BotCommandScopeAllPrivateChats())
    await bot.set_my_commands(group, scope=BotCommandScopeAllGroupChats())
    await bot.set_my_commands(private[:1], scope=BotCommandScopeChat(dm.id), language_code="de")
    assert await bot.get_my_commands(scope=BotCommandScopeAllPrivateChats()) == tuple(private)
    assert await bot.get_my_commands(scope=BotCommandScopeAllGroupChats()) == tuple(group)
    assert await bot.get_my_commands(scope=BotCommandScopeChat(dm.id)) == ()
    de = await bot.get_my_commands(scope=BotCommandScopeChat(dm.id), language_code="de")
    assert de == tuple(private[:1])
    await bot.delete_my_commands(scope=BotCommandScopeAllGroupChats())
    assert await bot.get_my_commands(scope=BotCommandScopeAllGroupChats()) == ()
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand("Start", "Start over")])
    assert api.violations == [
        "setMyCommands.commands[0].command: 'Start' must be 1-32 characters of a-z, 0-9 and _"
    ]
    api.violations.clear()
    await bot.set_my_description("Knee help for runners")
    await bot.set_my_short_description("Knee help")
    assert (await bot.get_my_description()).description == "Knee help for runners"
    assert (await bot.get_my_short_description()).short_description == "Knee help"


async def test_photos_upload_reuse_and_download(api: LocalBotApi, bot: Bot) -> None:
    dm = await started_dm(api)
    image = png(4, 3)
    sent = await bot.send_photo(dm.id, image, caption="<i>Stretch</i>", parse_mode=ParseMode.HTML)
    assert (sent.photo[-1].width, sent.photo[-1].height) == (4, 3)
    assert sent.caption == "Stretch"
    again = await bot.send_photo(dm.id, sent.photo[-1].file_id)
    assert [m.photo for m in dm.bot_messages] == [image, image]
    assert dm.bot_messages[0].text == "Stretch"
    assert again.photo[-1].file_id == sent.photo[-1].file_id
    downloaded = await (await bot.get_file(sent.photo[-1].file_id)).download_as_bytearray()
    assert bytes(downloaded) == image
    with pytest.raises(BadRequest, match=r"(?i)IMAGE_PROCESS_FAILED"):
        await bot.send_photo(dm.id, b"not an image")
    with pytest.raises(BadRequest, match=r"(?i)wrong file identifier"):
        await bot.send_photo(dm.id, "AgACAgNoSuchFile")


async def test_documents_both_ways_download_and_reuse(api: LocalBotApi, bot: Bot) -> None:
    dm = await started_dm(api)
    sent = await bot.send_document(dm.id, b"%PDF-1.4 report", filename="log.pdf", caption="Log")
    assert sent.document is not None and sent.document.file_name == "log.pdf"
    assert sent.caption == "Log" and dm.bot_messages[-1].document == b"%PDF-1.4 report"
    again = await bot.send_document(dm.id, sent.document.file_id)
    assert again.document is not None and again.document.file_id == sent.document.file_id
    # A person sends a file: the update carries it, and the bot downloads it by getFile.
    incoming = await dm.send_document(b"<gpx/>", "run.gpx", mime_type="application/gpx+xml")
    assert incoming.update_id is not None
    [update] = [u for u in await bot.get_updates() if u.update_id == incoming.update_id]
    assert update.message is not None and update.message.document is not None
    assert update.message.document.file_name == "run.gpx"
    file = await bot.get_file(update.message.document.file_id)
    assert bytes(await file.download_as_bytearray()) == b"<gpx/>"
    with pytest.raises(BadRequest, match=r"(?i)wrong file identifier"):
        await bot.send_document(dm.id, "BQACAgNoSuchFile")


async def test_blocked_user_and_removed_bot_are_forbidden(api: LocalBotApi, bot: Bot) -> None:
    dm = await started_dm(api)
    await dm.block_bot()
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(dm.id, "Still there?")
    await dm.unblock_bot()
    await bot.send_message(dm.id, "Welcome back")
    ann = dm.user
    assert ann is not None
    club = api.group("Tuesday Runners", supergroup=True)
    with pytest.raises(Forbidden, match="bot is not a member of the supergroup chat"):
        await bot.send_message(club.id, "Hi all")
    await club.add_bot(by=ann)
    await bot.send_message(club.id, "Hi all")
    await club.remove_bot(by=ann)
    with pytest.raises(Forbidden, match="bot was kicked from the supergroup chat"):
        await bot.send_message(club.id, "Hello?")


async def test_migrated_group_raises_chat_migrated(api: LocalBotApi, bot: Bot) -> None:
    ann = api.user("Ann")
    club = api.group("Tuesday Runners")
    await club.add_bot(by=ann)
    new_id = await club.migrate_to_supergroup(by=ann)
    assert str(new_id).startswith("-100")
    with pytest.raises(ChatMigrated) as migrated:
        await bot.send_message(club.id, "Run tonight")
    assert migrated.value.new_chat_id == new_id
    await bot.send_message(new_id, "Run tonight")
    assert [m.text for m in api.chat(new_id).bot_messages] == ["Run tonight"]


async def test_members_and_admins(api: LocalBotApi, bot: Bot) -> None:
    ann, bob, cy = api.user("Ann"), api.user("Bob"), api.user("Cy")
    club = api.group("Tuesday Runners", supergroup=True)
    await club.add_bot(by=ann, as_admin=True)
    club.set_admins(ann)
    club.add_member(bob)
    statuses = [(await bot.get_chat_member(club.id, u.id)).status for u in (ann, bob, cy)]
    assert statuses == [
        ChatMemberStatus.ADMINISTRATOR,
        ChatMemberStatus.MEMBER,
        ChatMemberStatus.LEFT,
    ]
    admins = await bot.get_chat_administrators(club.id)
    assert [a.user.id for a in admins] == [ann.id, api.bot_user.id]
    chat = await bot.get_chat(club.id)
    assert (chat.title, chat.type) == ("Tuesday Runners", "supergroup")
    assert await bot.send_chat_action(club.id, "typing") is True
    assert await bot.leave_chat(club.id) is True
    with pytest.raises(Forbidden, match="bot is not a member"):
        await bot.send_message(club.id, "Bye")


# PTB itself reads RetryAfter.retry_after while building the error.
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_flood_limits_answer_429(checker: SpecChecker) -> None:
    now = [0.0]
    limits = FloodLimits(per_second=30, per_chat_per_second=1, per_group_per_minute=20)
    async with LocalBotApi(checker=checker, flood_limits=limits, clock=lambda: now[0]) as api:
        dm = await started_dm(api)
        async with Bot(api.token, base_url=api.base_url) as bot:
            await bot.send_message(dm.id, "one")
            with pytest.raises(RetryAfter, match="Retry in 1 seconds"):
                await bot.send_message(dm.id, "two")
            now[0] += 1.0
            await bot.send_message(dm.id, "two")
        assert api.flood_errors == 1
        assert [m.text for m in dm.bot_messages] == ["one", "two"]


async def test_injected_faults_reach_ptb(api: LocalBotApi, bot: Bot) -> None:
    dm = await started_dm(api)
    api.fail_next("sendMessage", 400, "Bad Request: chat not found")
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(dm.id, "hi")
    await bot.send_message(dm.id, "hi")
    assert [(c.method, c.ok) for c in api.calls[-2:]] == [
        ("sendMessage", False),
        ("sendMessage", True),
    ]


async def test_an_answers_url_may_only_open_this_bot_with_a_start_parameter(
    api: LocalBotApi, bot: Bot
) -> None:
    group = api.group("Runners")
    ann = api.user("Ann")
    group.add_member(ann)
    await group.add_bot(by=ann)
    post = await bot.send_message(
        group.id,
        "Coming?",
        reply_markup=keyboard(InlineKeyboardButton("Walk-run", callback_data="walk")),
    )
    refused = ("https://example.org", "https://t.me/OtherBot?start=x", "https://t.me/KneeCoachBot")
    for url in refused:
        query = await group.press(post.message_id, "Walk-run", from_user=ann)
        with pytest.raises(BadRequest, match=r"(?i)url_invalid"):
            await bot.answer_callback_query(query.id, "Open me", url=url)
    query = await group.press(post.message_id, "Walk-run", from_user=ann)
    link = "https://t.me/KneeCoachBot?start=walkrun"
    assert await bot.answer_callback_query(query.id, "Open me", url=link)
    assert api.callback_answers[query.id].url == link
