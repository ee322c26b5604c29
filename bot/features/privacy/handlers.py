"""/privacy, /mydata and /deletemydata."""

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot.db import chats, runners
from bot.features.privacy import screens as texts
from bot.features.privacy.buttons import DELETE
from bot.features.settings import my_data
from bot.services import BotApplication, BotContext
from bot.ui.presses import PressAnswer, on_press
from bot.ui.replies import reply
from bot.ui.screen import Screen


async def show_privacy(update: Update, _context: BotContext) -> None:
    await reply(update, texts.privacy())


async def show_my_data(update: Update, context: BotContext) -> None:
    user = update.effective_user
    assert user is not None
    services = context.services
    stored = await runners.my_data(services.database, user.id, services.clock())
    await reply(update, my_data(stored) if stored is not None else texts.nothing_stored())


async def ask_delete(update: Update, _context: BotContext) -> None:
    await reply(update, texts.delete_confirm(), texts.delete_keyboard())


async def confirm_delete(update: Update, context: BotContext, args: tuple[str, ...]) -> PressAnswer:
    if args == ("no",):
        return Screen(texts.delete_cancelled())
    if args != ("yes",) or update.effective_user is None:
        return None
    async with context.services.database.transaction() as session:
        await chats.delete_user(session, update.effective_user.id)
    return Screen(texts.deleted())


def register(application: BotApplication) -> None:
    application.add_handler(CommandHandler("privacy", show_privacy))
    application.add_handler(CommandHandler("mydata", show_my_data, filters.ChatType.PRIVATE))
    application.add_handler(CommandHandler("deletemydata", ask_delete, filters.ChatType.PRIVATE))
    application.add_handler(on_press(DELETE, confirm_delete))
