"""A tap on "Walk-run" on a club-run post: a private note with the runner's walk-run stage (or
where to get a plan), once per post, unless they paused or stopped the bot's messages. A runner
the bot cannot write to (they never pressed Start, or blocked it) is invited into the private
chat by a deep link instead, and the note waits there (`/start walkrun`)."""

from datetime import datetime

from telegram import CallbackQuery, Update
from telegram.constants import ParseMode
from telegram.error import Forbidden
from telegram.ext import CommandHandler, filters

from bot.db import clubs, painlog, runners
from bot.db.models import Delivery
from bot.features.clubs.screens.posts import run_label
from bot.features.clubs.screens.texts import (
    going_answer,
    walk_invitation,
    walk_note_held,
    walk_note_sent,
)
from bot.features.clubs.screens.walkrun import DEEP_LINK, walk_run_note
from bot.services import BotApplication, BotContext
from bot.ui.keyboards import deep_link
from bot.ui.replies import NO_PREVIEW, reply

_Noted = dict[tuple[int, int], datetime]  # (delivery id, user id) -> the run's start


def _noted(context: BotContext) -> _Noted:
    """Who got the note for which post, so changing one's mind brings no second note (kept in
    memory: after a restart, at worst one more)."""
    noted = context.bot_data.setdefault("club_walk_notes", {})
    assert isinstance(noted, dict)
    return noted


def forget_notes(context: BotContext, now: datetime) -> None:
    """Runs that started need no memory of their notes."""
    noted = _noted(context)
    for key in [key for key, starts in noted.items() if starts <= now]:
        del noted[key]


async def _note(context: BotContext, user_id: int, delivery: Delivery | None) -> str:
    stage = await painlog.active_stage(context.services.database, user_id)
    run = run_label(delivery.title, delivery.event_at, delivery.zone) if delivery else None
    return walk_run_note(context.services.library.comeback, stage, run)


async def walk_run_answered(query: CallbackQuery, context: BotContext, delivery: Delivery) -> None:
    """Answers a tap that made the runner walk-run on `delivery`'s post."""
    services, user_id = context.services, query.from_user.id
    noted, key = _noted(context), (delivery.id, query.from_user.id)
    if key in noted:
        await query.answer(going_answer("walk"))
        return
    if await runners.messages_held(services.database, user_id, services.clock()):
        await query.answer(walk_note_held())
        return
    noted[key] = delivery.event_at  # before sending: a double tap brings one note
    try:
        await context.bot.send_message(
            user_id,
            await _note(context, user_id, delivery),
            parse_mode=ParseMode.HTML,
            link_preview_options=NO_PREVIEW,
        )
    except Forbidden:  # never started the bot, or blocked it: Telegram lets only them begin
        del noted[key]
        link = deep_link(context.bot.username, DEEP_LINK)
        await query.answer(walk_invitation(link), url=link)
        return
    await query.answer(walk_note_sent())


async def open_note(update: Update, context: BotContext) -> None:
    """`/start walkrun`, from the invitation: the note for the runner's next walk-run."""
    user = update.effective_user
    assert user is not None
    services = context.services
    async with services.database.transaction() as session:
        delivery = await clubs.next_walk_run(session, user.id, services.clock())
    await reply(update, await _note(context, user.id, delivery))
    if delivery is not None:
        _noted(context)[(delivery.id, user.id)] = delivery.event_at


def register(application: BotApplication) -> None:
    deep = filters.ChatType.PRIVATE & filters.Regex(rf"^/start {DEEP_LINK}$")
    application.add_handler(CommandHandler("start", open_note, deep))
