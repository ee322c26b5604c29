"""/stretch, /warmup, /exercises and /prevent: the library, browsed by editing one message."""

from datetime import UTC

from telegram import Message, Update
from telegram.ext import CommandHandler

from bot.db import runners
from bot.domain.content.daily import stretch_of_the_day
from bot.features.library.buttons import OPEN_NEW, WARMUP
from bot.features.library.demos import demos_of, send_demo, send_with_demo, shown_item
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
from bot.ui.callback import Buttons
from bot.ui.html import b, h
from bot.ui.presses import NewMessage, PressAnswer, Respond, Sent, on_press
from bot.ui.replies import reply


async def _send(update: Update, screen: Screen) -> None:
    await reply(update, screen.text, screen.markup)


async def stretch(update: Update, context: BotContext) -> None:
    """The stretch of the asker's local day (the UTC day until they set a timezone)."""
    services = context.services
    user = update.effective_user
    zone = await runners.zone_of(services.database, user.id) if user else None
    today = services.clock().astimezone(zone or UTC).date()
    shown = stretch_of_the_day(services.library.stretches, today)
    screen = stretches.of_the_day(services.library, today)
    await send_with_demo(update, context, shown.id, screen, b(h(shown.name)))


async def warmup_routine(update: Update, context: BotContext) -> None:
    await _send(update, warmup.routine(context.services.library, "full"))


async def exercise_menu(update: Update, context: BotContext) -> None:
    await _send(update, exercises.menu(context.services.library))


async def prevent(update: Update, context: BotContext) -> None:
    await _send(update, prevention.overview(context.services.library))


def _route(buttons: Buttons, route: Route) -> Respond[BotContext]:
    async def respond(update: Update, context: BotContext, args: tuple[str, ...]) -> PressAnswer:
        library = context.services.library
        screen = route(library, args)
        if screen is None:
            return None
        return await _with_demo(update, context, buttons.prefix, args, screen, edits=True)

    return respond


async def _open_new(update: Update, context: BotContext, args: tuple[str, ...]) -> PressAnswer:
    screen = opened_new(context.services.library, args)
    if screen is None:
        return None
    family, *rest = args
    return await _with_demo(update, context, family, tuple(rest), screen, edits=False)


async def _with_demo(
    update: Update,
    context: BotContext,
    family: str,
    args: tuple[str, ...],
    screen: Screen,
    *,
    edits: bool,
) -> PressAnswer:
    """A screen that shows one item brings its demonstration. A warm-up walk step is the
    animation itself, captioned with the step; a card comes as a new message under its
    animation, as /stretch sends it, so each animation sits above its own card (the pressed
    message stays: a list to open the next item from). Its Sources and the way back edit the
    card in place, with no second animation. A pressed animation has a caption, not a text to
    edit: what it asks for comes below, and its buttons go, so only the newest step can be
    pressed."""
    shown = shown_item(context.services.library, family, args)
    query = update.callback_query
    pressed = query.message if query is not None else None
    on_animation = isinstance(pressed, Message) and pressed.animation is not None
    answer: PressAnswer = NewMessage(screen) if on_animation or not edits else screen
    if shown is not None and demos_of(context, shown[0]) is not None:
        item_id, title = shown
        if family == WARMUP.prefix:
            await send_with_demo(update, context, item_id, screen, title)
            answer = Sent()
        else:
            await send_demo(update, context, item_id, title)
            answer = NewMessage(screen)
    if on_animation and query is not None:
        await query.edit_message_reply_markup(reply_markup=None)
    return answer


def register(application: BotApplication) -> None:
    application.add_handler(CommandHandler("stretch", stretch))
    application.add_handler(CommandHandler("warmup", warmup_routine))
    application.add_handler(CommandHandler("exercises", exercise_menu))
    application.add_handler(CommandHandler("prevent", prevent))
    for buttons, route in ROUTES.items():
        application.add_handler(on_press(buttons, _route(buttons, route)))
    application.add_handler(on_press(OPEN_NEW, _open_new))
