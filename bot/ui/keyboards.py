"""Inline keyboards. Labels are plain text (Telegram does not parse HTML in buttons)."""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.ui.html import shorten

MAX_LABEL_CHARS = 64  # Telegram's limit for a button label


def button(label: str, data: str) -> InlineKeyboardButton:
    """A callback button; a label too long for Telegram is shortened, not refused."""
    return InlineKeyboardButton(shorten(label, MAX_LABEL_CHARS), callback_data=data)


def open_private_chat(bot_username: str, payload: str | None = None) -> InlineKeyboardMarkup:
    """A deep link into the private chat; `payload` arrives there as `/start <payload>`."""
    url = f"https://t.me/{bot_username}" + (f"?start={payload}" if payload else "")
    return InlineKeyboardMarkup([[InlineKeyboardButton("Open a private chat", url=url)]])
