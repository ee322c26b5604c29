"""One way to answer a button press: read the data, refuse stale or forged presses, answer the
press (every press must be answered, or the phone shows a spinner), then edit or send.

A modified client can send any callback data on any message, so `press_guard` (which runs before
every other handler) lets through only data that is one of the pressed message's own buttons;
anything else is answered "expired" and nothing is edited.

A feature writes only `respond(update, context, args)`, returning what the press should show:
  Screen      -> the pressed message is edited into it
  NewMessage  -> it is sent below, and the pressed message stays (a triage outcome, a reminder)
  Notice      -> a toast (or an alert) and nothing else changes
  None        -> the press is stale or forged: "expired", and the dead keyboard goes
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from telegram import CallbackQuery, Message, Update
from telegram.ext import ApplicationHandlerStop, CallbackContext, CallbackQueryHandler

from bot.ui.callback import Buttons
from bot.ui.replies import edit, expire, reply
from bot.ui.screen import Screen
from bot.ui.words import expired_button

ContextT = TypeVar("ContextT", bound=CallbackContext[Any, Any, Any, Any])


@dataclass(frozen=True)
class NewMessage:
    screen: Screen


@dataclass(frozen=True)
class Notice:
    text: str
    alert: bool = False  # a box the person must close, for what they must not miss


PressAnswer = Screen | NewMessage | Notice | None
Respond = Callable[[Update, ContextT, tuple[str, ...]], Awaitable[PressAnswer]]


def offered(query: CallbackQuery) -> bool:
    """Whether the pressed message shows a button with exactly this data. Telegram sends the
    message as it is now, keyboard included; data it does not show was forged or belongs to a
    screen already left."""
    message = query.message
    markup = message.reply_markup if isinstance(message, Message) else None
    if query.data is None or markup is None:
        return False
    shown = (button.callback_data for row in markup.inline_keyboard for button in row)
    return query.data in shown


async def _refuse_unoffered(update: Update, _context: object) -> None:
    query = update.callback_query
    assert query is not None  # CallbackQueryHandler routes only presses here
    if offered(query):
        return
    await query.answer(expired_button())  # stops the spinner; the message stays as it is
    raise ApplicationHandlerStop


def press_guard() -> CallbackQueryHandler[Any, None]:
    """Register in a group before every other (bot.app uses -2): a press whose data the pressed
    message does not offer stops here."""
    return CallbackQueryHandler(_refuse_unoffered)


async def _take_keyboard_away(update: Update) -> None:
    await expire(update, expired_button())


def on_press(
    buttons: Buttons,
    respond: Respond[ContextT],
    on_stale: Callable[[Update], Awaitable[None]] = _take_keyboard_away,
) -> CallbackQueryHandler[ContextT, None]:
    """The handler for every button of one family; `on_stale` answers a stale or forged press
    (by default a toast, and the dead keyboard goes)."""

    async def pressed(update: Update, context: ContextT) -> None:
        query = update.callback_query
        assert query is not None  # CallbackQueryHandler routes only presses here
        args = buttons.parse(query.data)
        answer = await respond(update, context, args) if args is not None else None
        match answer:
            case None:
                await on_stale(update)
            case Notice(text=text, alert=alert):
                await query.answer(text, show_alert=alert)
            case NewMessage(screen=screen):
                await query.answer()
                await reply(update, screen.text, screen.markup)
            case Screen():
                await query.answer()
                await edit(update, answer.text, answer.markup)

    return CallbackQueryHandler(pressed, pattern=buttons.pattern)
