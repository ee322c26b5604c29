"""/privacy, /mydata and /deletemydata."""

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.db import chats, runners
from bot.features.basics import texts
from bot.features.settings import my_data
from bot.services import BotApplication, BotContext
from bot.ui import keyboards
from bot.ui.callback import action_pattern, decode
from bot.ui.replies import edit, expire, reply
from bot.ui.words import expired_button


async def show_privacy(update: Update, _context: BotContext) -> None:
    await reply(update, texts.privacy())


async def show_my_data(update: Update, context: BotContext) -> None:
    user = update.effective_user
    assert user is not None
    services = context.services
    stored = await runners.my_data(services.database, user.id, services.clock())
    await reply(update, my_data(stored) if stored is not None else texts.nothing_stored())


async def ask_delete(update: Update, _context: BotContext) -> None:
    await reply(update, texts.delete_confirm(), keyboards.delete_confirm())


async def confirm_delete(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None
    callback = decode(query.data)
    if callback is None or callback.args not in {("yes",), ("no",)}:
        await expire(update, expired_button())
        return
    await query.answer()
    if callback.args == ("no",):
        await edit(update, texts.delete_cancelled())
        return
    async with context.services.database.transaction() as session:
        await chats.delete_user(session, query.from_user.id)
    await edit(update, texts.deleted())


def register(application: BotApplication) -> None:
    application.add_handler(CommandHandler("privacy", show_privacy))
    application.add_handler(CommandHandler("mydata", show_my_data, filters.ChatType.PRIVATE))
    application.add_handler(CommandHandler("deletemydata", ask_delete, filters.ChatType.PRIVATE))
    application.add_handler(
        CallbackQueryHandler(confirm_delete, action_pattern(keyboards.DELETE_ACTION))
    )
