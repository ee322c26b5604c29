"""/stretch, /warmup, /exercises and /prevent: the library, browsed by editing one message."""

from datetime import UTC

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.features.basics import texts
from bot.features.library.screens import (
    ROUTES,
    Screen,
    exercises,
    prevention,
    screen_for,
    stretches,
    warmup,
)
from bot.features.library.screens.common import OPEN_ACTION
from bot.features.settings import store as settings_store
from bot.services import BotApplication, BotContext
from bot.ui.callback import action_pattern
from bot.ui.replies import edit, expire, reply


async def _send(update: Update, screen: Screen) -> None:
    await reply(update, screen.text, screen.markup)


async def stretch(update: Update, context: BotContext) -> None:
    """The stretch of the asker's local day (the UTC day until they set a timezone)."""
    services = context.services
    user = update.effective_user
    zone = await settings_store.zone_of(services.database, user.id) if user else None
    today = services.clock().astimezone(zone or UTC).date()
    await _send(update, stretches.of_the_day(services.library, today))


async def warmup_routine(update: Update, context: BotContext) -> None:
    await _send(update, warmup.routine(context.services.library, "full"))


async def exercise_menu(update: Update, context: BotContext) -> None:
    await _send(update, exercises.menu(context.services.library))


async def prevent(update: Update, context: BotContext) -> None:
    await _send(update, prevention.overview(context.services.library))


async def pressed(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None
    found = screen_for(context.services.library, query.data)
    if found is None:
        await expire(update, texts.expired_button())
        return
    screen, opens_new = found
    await query.answer()
    if opens_new:
        await _send(update, screen)
        return
    await edit(update, screen.text, screen.markup)


def register(application: BotApplication) -> None:
    application.add_handler(CommandHandler("stretch", stretch))
    application.add_handler(CommandHandler("warmup", warmup_routine))
    application.add_handler(CommandHandler("exercises", exercise_menu))
    application.add_handler(CommandHandler("prevent", prevent))
    for action in (OPEN_ACTION, *ROUTES):
        application.add_handler(CallbackQueryHandler(pressed, action_pattern(action)))
