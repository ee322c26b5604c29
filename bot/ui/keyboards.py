"""Inline keyboards. Labels are plain text (Telegram does not parse HTML in buttons)."""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.ui.html import shorten

MAX_LABEL_CHARS = 64  # Telegram's limit for a button label


def button(label: str, data: str) -> InlineKeyboardButton:
    """A callback button; a label too long for Telegram is shortened, not refused."""
    return InlineKeyboardButton(shorten(label, MAX_LABEL_CHARS), callback_data=data)


def deep_link(bot_username: str, payload: str | None = None) -> str:
    """A link into the private chat; `payload` arrives there as `/start <payload>`."""
    return f"https://t.me/{bot_username}" + (f"?start={payload}" if payload else "")


def open_private_chat(bot_username: str, payload: str | None = None) -> InlineKeyboardMarkup:
    """A button opening the private chat (see deep_link)."""
    url = deep_link(bot_username, payload)
    return InlineKeyboardMarkup([[InlineKeyboardButton("Open a private chat", url=url)]])
