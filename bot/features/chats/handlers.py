"""Keeps the users and chats tables in step with who can be reached, and a club's schedule in
step with whether the bot is in its group."""

from datetime import datetime, timedelta

from telegram import Chat, ChatMember, ChatMemberUpdated, Update
from telegram.constants import ParseMode
from telegram.ext import ChatMemberHandler, MessageHandler, TypeHandler, filters

from bot.db import chats, clubs, runners
from bot.features.clubs import intro
from bot.services import BotApplication, BotContext
from bot.ui.replies import NO_PREVIEW

_GONE = {ChatMember.LEFT, ChatMember.BANNED}
_GROUPS = {Chat.GROUP, Chat.SUPERGROUP}
_GROUPS_RECORDED = "chats.groups_recorded"  # bot_data: group id -> when last recorded
_RECORD_AGAIN = timedelta(minutes=1)


async def record_group(update: Update, context: BotContext) -> None:
    """Runs before every other handler: an update from a group means the bot is (again) in it.
    Private chats are not recorded here: a person is stored only once a feature needs them."""
    chat = update.effective_chat
    if chat is None or chat.type == chat.PRIVATE:
        return
    if chat.type in _GROUPS:
        # A busy group is recorded once a minute, not once an update: 300 commands at once
        # would otherwise be 300 writes, and SQLite turns some away as "database is locked".
        now = context.services.clock()
        recorded: dict[int, datetime] = context.bot_data.setdefault(_GROUPS_RECORDED, {})
        if now - recorded.get(chat.id, now - _RECORD_AGAIN) < _RECORD_AGAIN:
            return
        recorded[chat.id] = now
    async with context.services.database.transaction() as session:
        await chats.record_chat(session, chat.id, chat.type)


async def refresh_user(update: Update, context: BotContext) -> None:
    """Runs after the other handlers: a stored user who writes or taps is reachable again, with
    the language their app reports (id and language are all that is kept of them)."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or chat.type != chat.PRIVATE or user is None or user.is_bot:
        return
    if update.message is None and update.callback_query is None:  # e.g. blocked: not a sign of life
        return
    async with context.services.database.transaction() as session:
        await chats.user_seen(session, user.id, user.language_code)


async def bot_membership_changed(update: Update, context: BotContext) -> None:
    """The bot was blocked, unblocked, removed from or added to a chat. A group that adds the
    bot gets the introduction and its club's schedule back; one that removes it, no more posts."""
    change: ChatMemberUpdated | None = update.my_chat_member
    if change is None:
        return
    chat = change.chat
    active = change.new_chat_member.status not in _GONE
    joined = active and chat.type in _GROUPS and change.old_chat_member.status in _GONE
    now = context.services.clock()
    async with context.services.database.transaction() as session:
        await chats.set_chat_active(session, chat.id, chat.type, active)
        if not active:
            await chats.deactivate_chat(session, chat.id)
        elif chat.type == Chat.PRIVATE:  # unblocked: the runner's reminders start again
            await runners.rebuild_reminders(session, chat.id, now)
        club = None
        if joined:
            await clubs.rebuild_reminders(session, chat.id, now)
            club = await clubs.view(session, chat.id)
    if club is not None:
        await context.bot.send_message(
            chat.id,
            intro(club),
            parse_mode=ParseMode.HTML,
            link_preview_options=NO_PREVIEW,
        )


async def group_migrated(update: Update, context: BotContext) -> None:
    """A group became a supergroup. Both chats report it; moving is safe to repeat. Handled
    instead of record_group, which would bring the old group back."""
    message = update.effective_message
    assert message is not None
    if message.migrate_to_chat_id is not None:
        old, new = message.chat_id, message.migrate_to_chat_id
    else:
        assert message.migrate_from_chat_id is not None
        old, new = message.migrate_from_chat_id, message.chat_id
    async with context.services.database.transaction() as session:
        await chats.move_chat(session, old, new)


def register(application: BotApplication) -> None:
    # One handler per group runs: membership changes and migrations first, every other update
    # falls through to record_group. After the features (group 1), refresh_user: a user whom a
    # feature has just stored gets their language on their very first update.
    application.add_handler(
        ChatMemberHandler(bot_membership_changed, ChatMemberHandler.MY_CHAT_MEMBER), group=-1
    )
    application.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, group_migrated), group=-1)
    application.add_handler(TypeHandler(Update, record_group), group=-1)
    application.add_handler(TypeHandler(Update, refresh_user), group=1)
