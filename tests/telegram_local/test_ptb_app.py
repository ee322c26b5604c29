"""A real PTB Application polling (or on a webhook) the local Bot API, driven by local users."""

import asyncio
from collections.abc import AsyncIterator

import pytest
from telegram import ChatMemberUpdated, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import Conflict
from telegram.ext import (
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.telegram_local import GROUP_ANONYMOUS_BOT, ButtonNotFoundError, LocalBotApi, render_message
from tests.telegram_local.helpers import AnyApplication, build_app, free_port, polling

Context = ContextTypes.DEFAULT_TYPE
MENU = InlineKeyboardMarkup(
    [
        [InlineKeyboardButton("Yes", callback_data="pain:yes")],
        [InlineKeyboardButton("Guide", url="https://example.org/knee")],
    ]
)


async def start(update: Update, context: Context) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(
        "<b>Knee pain?</b>", parse_mode="HTML", reply_markup=MENU
    )


async def pressed(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None
    if query.data == "pain:yes":
        await query.answer("Noted")
        await query.edit_message_text("Let's look at it")
    else:
        await query.answer("That button expired", show_alert=True)


async def echo(update: Update, context: Context) -> None:
    message = update.effective_message
    assert message is not None and message.text is not None
    who = f"chat {message.sender_chat.id}" if message.sender_chat else "user"
    await message.reply_text(f"{message.text.upper()} ({who})")


async def echo_args(update: Update, context: Context) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(" ".join(context.args or []) or "nothing")


async def member_changed(update: Update, context: Context) -> None:
    change = update.my_chat_member
    assert change is not None
    context.bot_data["member_updates"].put_nowait(change)
    if change.new_chat_member.status == "member" and change.chat.type != "private":
        await context.bot.send_message(change.chat.id, f"Hi {change.chat.title}")


async def migrated(update: Update, context: Context) -> None:
    message = update.effective_message
    assert message is not None
    if message.migrate_from_chat_id:
        await message.reply_text(f"Moved here from {message.migrate_from_chat_id}")


def knee_app(api: LocalBotApi) -> AnyApplication:
    app = build_app(api)
    app.bot_data["member_updates"] = asyncio.Queue()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CommandHandler("echo", echo_args))
    app.add_handler(CallbackQueryHandler(pressed))
    app.add_handler(ChatMemberHandler(member_changed, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, migrated))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    return app


@pytest.fixture
async def app(api: LocalBotApi) -> AsyncIterator[AnyApplication]:
    async with polling(knee_app(api)) as running:
        yield running


async def next_member_update(app: AnyApplication) -> ChatMemberUpdated:
    queue: asyncio.Queue[ChatMemberUpdated] = app.bot_data["member_updates"]
    return await asyncio.wait_for(queue.get(), timeout=5)


async def test_long_polling_delivers_a_message_and_the_reply_comes_back(
    api: LocalBotApi, app: AnyApplication
) -> None:
    dm = api.private_chat(api.user("Ann"))
    sent = await dm.send("knees ache")
    reply = await dm.next_reply()
    assert reply.text == "KNEES ACHE (user)"
    assert sent.update_id is not None
    await api.wait_consumed(sent.update_id)
    assert "getUpdates" in [c.method for c in api.calls]


async def test_pressing_buttons(api: LocalBotApi, app: AnyApplication) -> None:
    dm = api.private_chat(api.user("Ann"))
    await dm.send("/start")
    menu = await dm.next_reply()
    assert render_message(menu) == "Knee pain?\n[1] Yes\n[2] Guide (https://example.org/knee)"
    query = await dm.press(menu, "Yes")
    edited = await dm.next_reply()
    assert edited is menu
    assert (edited.text, edited.buttons, edited.edits) == ("Let's look at it", [], 1)
    assert api.callback_answers[query.id].text == "Noted"
    stale = await dm.press_data(menu.message_id, "pain:old")
    await api.wait_until(lambda: stale.id in api.callback_answers)
    assert api.callback_answers[stale.id].show_alert is True
    assert api.unanswered_callbacks == []
    with pytest.raises(ButtonNotFoundError, match="no button 'No'"):
        await dm.press(menu, "No")


async def test_group_privacy_mode_lets_only_commands_through(
    api: LocalBotApi, app: AnyApplication
) -> None:
    ann = api.user("Ann")
    club = api.group("Tuesday Runners", supergroup=True)
    await club.add_bot(by=ann)
    assert (await club.next_reply()).text == "Hi Tuesday Runners"
    chatter = await club.send("who runs tonight?", from_user=ann)
    assert chatter.update_id is None
    with pytest.raises(TimeoutError, match="privacy mode"):
        await club.next_reply(timeout=0.2)
    await club.send("/echo@KneeCoachBot tue 18:30", from_user=ann)
    assert (await club.next_reply()).text == "tue 18:30"
    assert (await club.send("/echo@OtherBot hi", from_user=ann)).update_id is None
    await club.send("/echo wed", from_user=ann)
    assert (await club.next_reply()).text == "wed"


async def test_anonymous_admins_write_as_the_group(api: LocalBotApi, app: AnyApplication) -> None:
    ann = api.user("Ann")
    club = api.group("Tuesday Runners", supergroup=True)
    await club.add_bot(by=ann, as_admin=True)  # admins see every message
    await next_member_update(app)
    message = await club.send_as_chat("route?")
    assert message.sender == GROUP_ANONYMOUS_BOT
    assert (await club.next_reply()).text == f"ROUTE? (chat {club.id})"


async def test_forum_replies_stay_in_their_topic(api: LocalBotApi, app: AnyApplication) -> None:
    ann = api.user("Ann")
    forum = api.group("Runners HQ", supergroup=True, forum=True)
    await forum.add_bot(by=ann)
    await forum.next_reply()
    await forum.send("/echo in topic", from_user=ann, thread_id=7)
    reply = await forum.next_reply()
    assert (reply.text, reply.thread_id) == ("in topic", 7)


async def test_membership_changes_reach_the_bot(api: LocalBotApi, app: AnyApplication) -> None:
    ann = api.user("Ann")
    dm = api.private_chat(ann)
    await dm.send("/start")
    await dm.block_bot()
    blocked = await next_member_update(app)
    assert (blocked.old_chat_member.status, blocked.new_chat_member.status) == ("member", "kicked")
    club = api.group("Tuesday Runners")
    await club.add_bot(by=ann)
    added = await next_member_update(app)
    assert (added.chat.id, added.from_user.id, added.new_chat_member.status) == (
        club.id,
        ann.id,
        "member",
    )
    new_id = await club.migrate_to_supergroup(by=ann)
    supergroup = api.chat(new_id)
    assert (await supergroup.next_reply()).text == f"Moved here from {club.id}"
    await supergroup.remove_bot(by=ann)
    removed = await next_member_update(app)
    assert removed.new_chat_member.status == "kicked"


async def test_webhook_delivery_with_the_secret_token(api: LocalBotApi) -> None:
    app = knee_app(api)
    port = free_port()
    assert app.updater is not None
    async with app:
        await app.updater.start_webhook(
            listen="127.0.0.1",
            port=port,
            url_path="hook",
            webhook_url=f"http://127.0.0.1:{port}/hook",
            secret_token="s3cret-token",
        )
        await app.start()
        try:
            dm = api.private_chat(api.user("Ann"))
            await dm.send("hello")
            assert (await dm.next_reply()).text == "HELLO (user)"
            with pytest.raises(Conflict):
                await app.bot.get_updates()
            assert (await app.bot.get_webhook_info()).pending_update_count == 0
        finally:
            await app.updater.stop()
            await app.stop()
