"""Queries the handlers need, one function per intent. Writes are upserts: updates for one chat
may be handled concurrently, and two first messages must not both try to insert the row."""

from typing import Any

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.dml import Insert

from bot.db import clubs
from bot.db.base import Base, insert_for, utcnow
from bot.db.models import Chat, Delivery, Reminder, User


async def _upsert(session: AsyncSession, model: type[Base], values: dict[str, Any]) -> None:
    statement = insert_for(session, model).values(**values)
    changes = {key: value for key, value in values.items() if key != "id"}
    statement = statement.on_conflict_do_update(
        index_elements=["id"], set_={**changes, "updated_at": utcnow()}
    )
    assert isinstance(statement, Insert)
    await session.execute(statement)


async def record_user(session: AsyncSession, user_id: int, language_code: str | None) -> None:
    """A user who writes to the bot is (again) reachable."""
    await _upsert(session, User, {"id": user_id, "language_code": language_code, "is_active": True})


async def record_chat(session: AsyncSession, chat_id: int, kind: str) -> None:
    """An update from a chat means the bot is (again) in it."""
    await _upsert(session, Chat, {"id": chat_id, "kind": str(kind), "is_active": True})


async def set_chat_active(session: AsyncSession, chat_id: int, kind: str, active: bool) -> None:
    await _upsert(session, Chat, {"id": chat_id, "kind": str(kind), "is_active": active})
    if kind == "private":
        await session.execute(update(User).where(User.id == chat_id).values(is_active=active))


async def deactivate_chat(session: AsyncSession, chat_id: int) -> None:
    """The bot was blocked or removed: nothing more is planned or sent to this chat."""
    await session.execute(update(Chat).where(Chat.id == chat_id).values(is_active=False))
    await session.execute(update(User).where(User.id == chat_id).values(is_active=False))
    await session.execute(update(Reminder).where(Reminder.chat_id == chat_id).values(active=False))
    await session.execute(
        update(Delivery)
        .where(Delivery.chat_id == chat_id, Delivery.status == "pending")
        .values(status="dropped")
    )


async def move_chat(session: AsyncSession, old_chat_id: int, new_chat_id: int) -> None:
    """A group became a supergroup: everything addressed to the old id moves to the new one.
    Safe to repeat: the service message and a failed send may both report the same move."""
    if await session.get(Chat, new_chat_id) is None:
        await session.execute(update(Chat).where(Chat.id == old_chat_id).values(id=new_chat_id))
    else:  # the new supergroup already wrote to the bot
        await session.execute(delete(Chat).where(Chat.id == old_chat_id))
    await clubs.move_club(session, old_chat_id, new_chat_id)
    await session.execute(
        update(Reminder).where(Reminder.chat_id == old_chat_id).values(chat_id=new_chat_id)
    )
    await session.execute(
        update(Delivery).where(Delivery.chat_id == old_chat_id).values(chat_id=new_chat_id)
    )


async def delete_user(session: AsyncSession, user_id: int) -> None:
    """Erases everything stored about a user (their private chat included)."""
    await session.execute(delete(Chat).where(Chat.id == user_id))
    await session.execute(delete(User).where(User.id == user_id))
    await clubs.forget_member(session, user_id)
