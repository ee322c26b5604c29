"""Everything the local server answers or pushes is a valid object of Telegram's spec."""

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions

from bot.telegram_local import LocalBotApi
from tests.support.spec import SpecChecker
from tests.telegram_local.helpers import png

RETURNS = {
    "getMe": "User",
    "getUpdates": "Array of Update",
    "sendMessage": "Message",
    "sendPhoto": "Message",
    "editMessageText": "Message",
    "getChat": "ChatFullInfo",
    "getChatMember": "ChatMember",
    "getChatAdministrators": "Array of ChatMember",
    "getWebhookInfo": "WebhookInfo",
    "getFile": "File",
    "getMyCommands": "Array of BotCommand",
    "getMyDescription": "BotDescription",
}


async def test_every_answer_and_update_matches_the_spec(
    api: LocalBotApi, bot: Bot, checker: SpecChecker
) -> None:
    ann = api.user("Ann", username="ann_runs", last_name="Lee", language_code="en")
    bob = api.user("Bob")
    dm = api.private_chat(ann)
    await dm.send("/start")
    menu = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="yes")]])
    sent = await bot.send_message(
        dm.id,
        "<b>Knee</b> <pre><code class='language-text'>ok</code></pre>",
        parse_mode="HTML",
        reply_markup=menu,
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )
    await dm.send("it hurts", reply_to=dm.bot_messages[0])
    await bot.send_message(dm.id, "Where?", reply_to_message_id=sent.message_id)
    await dm.press(dm.bot_messages[0], "Yes")
    await dm.press_data(999, "stale")
    photo = await bot.send_photo(dm.id, png(), caption="<i>stretch</i>", parse_mode="HTML")
    await bot.edit_message_text("Knee checked", dm.id, sent.message_id)
    forum = api.group("Runners HQ", supergroup=True, forum=True)
    await forum.add_bot(by=ann, as_admin=True)
    forum.set_admins(ann)
    await forum.send("/plan", from_user=bob, thread_id=3)
    await forum.send_as_chat("route?")
    club = api.group("Tuesday Runners")
    await club.add_bot(by=ann)
    await club.migrate_to_supergroup(by=ann)
    await dm.block_bot()
    await bot.get_updates()
    await bot.get_chat(forum.id)
    for user_id in (ann.id, bob.id, api.bot_user.id):
        await bot.get_chat_member(forum.id, user_id)
    await bot.get_chat_administrators(forum.id)
    await bot.get_webhook_info()
    await bot.get_file(photo.photo[-1].file_id)
    await bot.get_my_commands()
    await bot.get_my_description()

    checked = {c.method for c in api.calls if c.ok and c.method in RETURNS}
    problems = [
        problem
        for call in api.calls
        if call.ok and call.method in RETURNS
        for problem in checker.check_object(RETURNS[call.method], call.result)
    ]
    assert problems == []
    assert checked == set(RETURNS)
    [updates] = [c.result for c in api.calls if c.method == "getUpdates"]
    assert isinstance(updates, list)
    kinds = {key for update in updates for key in update if key != "update_id"}
    assert kinds == {"message", "callback_query", "my_chat_member"}
