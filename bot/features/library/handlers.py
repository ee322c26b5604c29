"""/stretch, /warmup, /exercises and /prevent: the library, browsed by editing one message."""

from datetime import UTC

from telegram import Update
from telegram.ext import CommandHandler

from bot.db import runners
from bot.features.library.buttons import OPEN_NEW
from bot.features.library.screens import (
    ROUTES,
    Route,
    Screen,
    exercises,
    opened_new,
    prevention,
    stretches,
    warmup,
)
from bot.services import BotApplication, BotContext
from bot.ui.presses import NewMessage, PressAnswer, Respond, on_press
from bot.ui.replies import reply


async def _send(update: Update, screen: Screen) -> None:
    await reply(update, screen.text, screen.markup)


async def stretch(update: Update, context: BotContext) -> None:
    """The stretch of the asker's local day (the UTC day until they set a timezone)."""
    services = context.services
    user = update.effective_user
    zone = await runners.zone_of(services.database, user.id) if user else None
    today = services.clock().astimezone(zone or UTC).date()
    await _send(update, stretches.of_the_day(services.library, today))


async def warmup_routine(update: Update, context: BotContext) -> None:
    await _send(update, warmup.routine(context.services.library, "full"))


async def exercise_menu(update: Update, context: BotContext) -> None:
    await _send(update, exercises.menu(context.services.library))


async def prevent(update: Update, context: BotContext) -> None:
    await _send(update, prevention.overview(context.services.library))


def _route(route: Route) -> Respond[BotContext]:
    async def respond(_update: Update, context: BotContext, args: tuple[str, ...]) -> PressAnswer:
        return route(context.services.library, args)

    return respond


async def _open_new(_update: Update, context: BotContext, args: tuple[str, ...]) -> PressAnswer:
    screen = opened_new(context.services.library, args)
    return NewMessage(screen) if screen is not None else None


def register(application: BotApplication) -> None:
    application.add_handler(CommandHandler("stretch", stretch))
    application.add_handler(CommandHandler("warmup", warmup_routine))
    application.add_handler(CommandHandler("exercises", exercise_menu))
    application.add_handler(CommandHandler("prevent", prevent))
    for buttons, route in ROUTES.items():
        application.add_handler(on_press(buttons, _route(route)))
    application.add_handler(on_press(OPEN_NEW, _open_new))
