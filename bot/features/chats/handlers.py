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


async def record_contact(update: Update, context: BotContext) -> None:
    """Runs before every other handler: remembers private users (id and language only) and chats."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
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
        if chat.type == chat.PRIVATE and user is not None and not user.is_bot:
            await chats.record_user(session, user.id, user.language_code)


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
    instead of record_contact, which would bring the old group back."""
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
    # falls through to record_contact.
    application.add_handler(
        ChatMemberHandler(bot_membership_changed, ChatMemberHandler.MY_CHAT_MEMBER), group=-1
    )
    application.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, group_migrated), group=-1)
    application.add_handler(TypeHandler(Update, record_contact), group=-1)
