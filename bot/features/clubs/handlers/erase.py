"""/clubdeletedata: an admin erases what is stored for the club, after confirming with a button.
The buttons are in the settings menu's grammar, so club_menu routes the press here once it has
checked that the presser is an admin; the press guard (bot.ui.presses) has already refused the
data sent to a message that does not ask, or no longer asks."""

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot.db import clubs
from bot.features.clubs.buttons import Erase
from bot.features.clubs.handlers.admin import show_admins
from bot.features.clubs.screens import menu
from bot.features.clubs.screens import texts as club_texts
from bot.services import BotApplication, BotContext
from bot.ui.replies import edit

COMMAND = "clubdeletedata"


async def ask(update: Update, context: BotContext) -> None:
    await show_admins(update, context, menu.erasing)


async def answer(update: Update, context: BotContext, chat_id: int, press: Erase) -> None:
    """An admin's Yes or Cancel (the presser is checked already); answers the press."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    if not press.confirmed:
        await edit(update, club_texts.erase_cancelled())
        return
    database = context.services.database
    async with database.transaction() as session:
        before = await clubs.erase(session, chat_id)
    await edit(update, club_texts.erased(before, await clubs.read(database, chat_id)))


def register(application: BotApplication) -> None:
    application.add_handler(CommandHandler(COMMAND, ask, filters.ChatType.GROUPS))
