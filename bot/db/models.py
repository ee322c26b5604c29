"""What the bot stores. Only what a feature needs: no names, no usernames, no message texts."""

from sqlalchemy import BigInteger, Boolean, String, true
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.base import Base, Timestamps


class User(Timestamps, Base):
    """A person who has talked to the bot. `is_active` is False once they block it."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    language_code: Mapped[str | None] = mapped_column(String(16))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class Chat(Timestamps, Base):
    """A private chat, group or supergroup the bot is in. `is_active` is False once removed."""

    __tablename__ = "chats"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(16))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
