"""/clubsettings: the club's settings by tapping. Every press is checked: only the group's admins
may use the menu, whoever opened it. The same goes for /clubdeletedata's buttons (club_erase)."""

from telegram import Message, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.db import clubs
from bot.features.clubs import buttons
from bot.features.clubs.handlers import erase as club_erase
from bot.features.clubs.handlers.admin import is_admin, show_admins
from bot.features.clubs.handlers.changes import apply, topic_of
from bot.features.clubs.screens import menu
from bot.features.clubs.screens import texts as club_texts
from bot.services import BotApplication, BotContext
from bot.ui.replies import edit
from bot.ui.words import expired_button


async def open_menu(update: Update, context: BotContext) -> None:
    await show_admins(update, context, menu.main)


async def pressed(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None
    press, message = buttons.menu_press(query.data), query.message
    if press is None or not isinstance(message, Message):
        await query.answer(expired_button())
        return
    if not await is_admin(context, message.chat_id, query.from_user.id):
        await query.answer(club_texts.refusal(), show_alert=True)
        return
    if isinstance(press, buttons.Erase):
        await club_erase.answer(update, context, message.chat_id, press)
        return
    await query.answer()
    database = context.services.database
    match press:
        case buttons.Show():
            screen = menu.screen(await clubs.read(database, message.chat_id), press)
        case buttons.Close():
            await edit(update, club_texts.settings(await clubs.read(database, message.chat_id)))
            return
        case _:
            note = await apply(context, message.chat_id, topic_of(message), press)
            screen = menu.main(await clubs.read(database, message.chat_id), note)
    await edit(update, screen.text, screen.markup)


def register(application: BotApplication) -> None:
    groups = filters.ChatType.GROUPS
    application.add_handler(CommandHandler("clubsettings", open_menu, groups))
    application.add_handler(CallbackQueryHandler(pressed, buttons.MENU.pattern))
