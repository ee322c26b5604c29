"""Who may change a club's settings: the group's admins, asked with getChatMember and remembered
for a minute (in a group every request counts against Telegram's 20 a minute)."""

from collections.abc import Callable
from datetime import datetime, timedelta

from telegram import ChatMember, Update
from telegram.error import BadRequest

from bot.db import clubs
from bot.domain.club import Club
from bot.features.clubs.screens import texts as club_texts
from bot.services import BotContext
from bot.ui.replies import reply
from bot.ui.screen import Screen

REMEMBERED = timedelta(seconds=60)
MAX_REMEMBERED = 10_000  # past this, expired answers are dropped
_ADMINS = {ChatMember.ADMINISTRATOR, ChatMember.OWNER}


class AdminCache:
    """(chat id, user id) -> is admin, until an expiry time."""

    def __init__(self) -> None:
        self._answers: dict[tuple[int, int], tuple[bool, datetime]] = {}

    def get(self, key: tuple[int, int], now: datetime) -> bool | None:
        answer = self._answers.get(key)
        return answer[0] if answer is not None and now < answer[1] else None

    def put(self, key: tuple[int, int], is_admin: bool, now: datetime) -> None:
        if len(self._answers) >= MAX_REMEMBERED:
            self._answers = {k: v for k, v in self._answers.items() if now < v[1]}
        self._answers[key] = (is_admin, now + REMEMBERED)


def _cache(context: BotContext) -> AdminCache:
    # Per application, not per module: each test's local Telegram reuses the same ids.
    cache = context.bot_data.setdefault("club_admins", AdminCache())
    assert isinstance(cache, AdminCache)
    return cache


async def is_admin(context: BotContext, chat_id: int, user_id: int) -> bool:
    cache, now = _cache(context), context.services.clock()
    known = cache.get((chat_id, user_id), now)
    if known is not None:
        return known
    try:
        member = await context.bot.get_chat_member(chat_id, user_id)
    except BadRequest:  # not a member (any more)
        answer = False
    else:
        answer = member.status in _ADMINS
    cache.put((chat_id, user_id), answer, now)
    return answer


async def sender_is_admin(update: Update, context: BotContext) -> bool:
    """Whether the message's sender may change the club: an admin, or an anonymous admin
    writing as the group itself (Telegram shows them as GroupAnonymousBot)."""
    message, chat, user = update.effective_message, update.effective_chat, update.effective_user
    if message is None or chat is None:
        return False
    if message.sender_chat is not None:
        return message.sender_chat.id == chat.id  # a channel posting here is not an admin
    return user is not None and await is_admin(context, chat.id, user.id)


async def admitted(update: Update, context: BotContext) -> bool:
    """Whether the sender may change the club; a member is politely refused."""
    if await sender_is_admin(update, context):
        return True
    await reply(update, club_texts.refusal())
    return False


async def this_club(update: Update, context: BotContext) -> Club:
    """The club of the chat the update came from."""
    chat = update.effective_chat
    assert chat is not None
    return await clubs.read(context.services.database, chat.id)


async def show_admins(update: Update, context: BotContext, draw: Callable[[Club], Screen]) -> None:
    """Replies with a screen of the club's settings to an admin; a member is politely refused."""
    if await admitted(update, context):
        screen = draw(await this_club(update, context))
        await reply(update, screen.text, screen.markup)
