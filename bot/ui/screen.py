"""What every renderer returns: one message's HTML text and its inline keyboard, if any."""

from collections.abc import Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup


@dataclass(frozen=True)
class Screen:
    text: str  # HTML
    markup: InlineKeyboardMarkup | None = None

    @property
    def keyboard(self) -> Sequence[Sequence[InlineKeyboardButton]]:
        """The buttons, row by row; none for a plain message."""
        return self.markup.inline_keyboard if self.markup is not None else ()
