"""Inline keyboards. Labels are plain text (Telegram does not parse HTML in buttons)."""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.ui.callback import encode

DELETE_ACTION = "del"


def delete_confirm() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    "Yes, delete everything", callback_data=encode(DELETE_ACTION, "yes")
                ),
                InlineKeyboardButton("Cancel", callback_data=encode(DELETE_ACTION, "no")),
            ]
        ]
    )


def open_private_chat(bot_username: str, payload: str | None = None) -> InlineKeyboardMarkup:
    """A deep link into the private chat; `payload` arrives there as `/start <payload>`."""
    url = f"https://t.me/{bot_username}" + (f"?start={payload}" if payload else "")
    return InlineKeyboardMarkup([[InlineKeyboardButton("Open a private chat", url=url)]])
