"""Keeps the users and chats tables in step with who can be reached."""

from telegram import ChatMember, ChatMemberUpdated, Update
from telegram.ext import ChatMemberHandler, TypeHandler

from bot.db import repositories
from bot.services import BotApplication, BotContext

_GONE = {ChatMember.LEFT, ChatMember.BANNED}


async def record_contact(update: Update, context: BotContext) -> None:
    """Runs before every other handler: remembers private users (id and language only) and chats."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return
    async with context.services.database.transaction() as session:
        await repositories.record_chat(session, chat.id, chat.type)
        if chat.type == chat.PRIVATE and user is not None and not user.is_bot:
            await repositories.record_user(session, user.id, user.language_code)


async def bot_membership_changed(update: Update, context: BotContext) -> None:
    """The bot was blocked, unblocked, removed from or added to a chat."""
    change: ChatMemberUpdated | None = update.my_chat_member
    if change is None:
        return
    active = change.new_chat_member.status not in _GONE
    async with context.services.database.transaction() as session:
        await repositories.set_chat_active(session, change.chat.id, change.chat.type, active)


def register(application: BotApplication) -> None:
    # One handler per group runs: membership changes first, every other update falls through.
    application.add_handler(
        ChatMemberHandler(bot_membership_changed, ChatMemberHandler.MY_CHAT_MEMBER), group=-1
    )
    application.add_handler(TypeHandler(Update, record_contact), group=-1)
