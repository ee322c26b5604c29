"""/stretch, /warmup, /exercises and /prevent: the library, browsed by editing one message."""

from telegram import Update
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.handlers.replies import edit, expire, reply
from bot.render import texts
from bot.render.callback import action_pattern, decode
from bot.render.library import ROUTES, Screen, exercises, prevention, stretches, warmup
from bot.render.library.common import OPEN_ACTION
from bot.services import BotApplication, BotContext


async def _send(update: Update, screen: Screen) -> None:
    await reply(update, screen.text, screen.markup)


async def stretch(update: Update, context: BotContext) -> None:
    # The UTC date until runners have timezones; the renderer takes any local date.
    today = context.services.clock().date()
    await _send(update, stretches.of_the_day(context.services.library, today))


async def warmup_routine(update: Update, context: BotContext) -> None:
    await _send(update, warmup.routine(context.services.library, "full"))


async def exercise_menu(update: Update, context: BotContext) -> None:
    await _send(update, exercises.menu(context.services.library))


async def prevent(update: Update, context: BotContext) -> None:
    await _send(update, prevention.overview(context.services.library))


async def pressed(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None
    callback = decode(query.data)
    route = ROUTES.get(callback.action) if callback else None
    screen = route(context.services.library, callback.args) if route and callback else None
    if screen is None:
        await expire(update, texts.expired_button())
        return
    await query.answer()
    try:
        await edit(update, screen.text, screen.markup)
    except BadRequest as error:
        # A double tap asks again for the screen already shown, and Telegram refuses that edit.
        if "not modified" not in error.message:
            raise


async def opened(update: Update, context: BotContext) -> None:
    """A library screen asked for from another message (the triage outcome): sent as a new
    message, so the one with the button stays as it is."""
    query = update.callback_query
    assert query is not None
    callback = decode(query.data)
    inner = callback.args if callback else ()
    route = ROUTES.get(inner[0]) if inner else None
    screen = route(context.services.library, inner[1:]) if route else None
    if screen is None:
        await expire(update, texts.expired_button())
        return
    await query.answer()
    await _send(update, screen)


def register(application: BotApplication) -> None:
    application.add_handler(CommandHandler("stretch", stretch))
    application.add_handler(CommandHandler("warmup", warmup_routine))
    application.add_handler(CommandHandler("exercises", exercise_menu))
    application.add_handler(CommandHandler("prevent", prevent))
    application.add_handler(CallbackQueryHandler(opened, action_pattern(OPEN_ACTION)))
    for action in ROUTES:
        application.add_handler(CallbackQueryHandler(pressed, action_pattern(action)))
