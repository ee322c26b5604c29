"""Queries the handlers need, one function per intent."""

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Chat, User


async def record_user(session: AsyncSession, user_id: int, language_code: str | None) -> None:
    """A user who writes to the bot is (again) reachable."""
    user = await session.get(User, user_id)
    if user is None:
        session.add(User(id=user_id, language_code=language_code, is_active=True))
        return
    if user.language_code != language_code or not user.is_active:
        user.language_code, user.is_active = language_code, True


async def record_chat(session: AsyncSession, chat_id: int, kind: str) -> None:
    chat = await session.get(Chat, chat_id)
    if chat is None:
        session.add(Chat(id=chat_id, kind=kind, is_active=True))
    elif chat.kind != kind:
        chat.kind = kind


async def set_chat_active(session: AsyncSession, chat_id: int, kind: str, active: bool) -> None:
    chat = await session.get(Chat, chat_id)
    if chat is None:
        session.add(Chat(id=chat_id, kind=kind, is_active=active))
    else:
        chat.is_active = active
    if kind == "private":
        user = await session.get(User, chat_id)
        if user is not None:
            user.is_active = active


async def delete_user(session: AsyncSession, user_id: int) -> None:
    """Erases everything stored about a user (their private chat included)."""
    await session.execute(delete(Chat).where(Chat.id == user_id))
    await session.execute(delete(User).where(User.id == user_id))
