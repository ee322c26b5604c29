"""/privacy, /mydata and /deletemydata."""

from contextlib import suppress

from telegram import Update
from telegram.error import BadRequest, Forbidden
from telegram.ext import CommandHandler

from bot.db import chats, clubs, runners
from bot.features.clubs import redraw
from bot.features.privacy import screens as texts
from bot.features.privacy.buttons import DELETE
from bot.features.settings import club_answers_only, my_data
from bot.services import BotApplication, BotContext, add_private_commands
from bot.ui.html import pages
from bot.ui.presses import PressAnswer, on_press
from bot.ui.replies import reply
from bot.ui.screen import Screen


async def show_privacy(update: Update, context: BotContext) -> None:
    await reply(update, texts.privacy(context.services.settings.pain_log_keep_days))


async def show_my_data(update: Update, context: BotContext) -> None:
    user = update.effective_user
    assert user is not None
    services = context.services
    stored = await runners.my_data(services.database, user.id, services.clock())
    if stored is None:  # nothing set up; answers in a club's group need no Start
        answers = await runners.club_answers(services.database, user.id)
        await reply(update, club_answers_only(answers) if answers else texts.nothing_stored())
        return
    for page in pages(my_data(stored)):  # a year of logged runs takes a few messages
        await reply(update, page)


async def ask_delete(update: Update, _context: BotContext) -> None:
    await reply(update, texts.delete_confirm(), texts.delete_keyboard())


async def confirm_delete(update: Update, context: BotContext, args: tuple[str, ...]) -> PressAnswer:
    if args == ("no",):
        return Screen(texts.delete_cancelled())
    if args != ("yes",) or update.effective_user is None:
        return None
    async with context.services.database.transaction() as session:
        posts = await clubs.posts_answered(session, update.effective_user.id)
        await chats.delete_user(session, update.effective_user.id)
    for post in posts:  # the answer and name go from the posts the groups see, too
        with suppress(BadRequest, Forbidden):  # the post was deleted, or the bot removed
            await redraw(context, post)
    return Screen(texts.deleted())


def register(application: BotApplication) -> None:
    application.add_handler(CommandHandler("privacy", show_privacy))
    add_private_commands(application, {"mydata": show_my_data, "deletemydata": ask_delete})
    application.add_handler(on_press(DELETE, confirm_delete))
