"""What every recovery screen shares: the screen itself and the 0-10 pain keyboard."""

from collections.abc import Callable

from telegram import InlineKeyboardButton

from bot.domain.recovery.entry import PAIN_MAX


def pain_rows(data: Callable[[int], str]) -> list[list[InlineKeyboardButton]]:
    """0-5 on the first row, 6-10 on the second: big enough to hit on a phone."""
    buttons = [InlineKeyboardButton(str(value), callback_data=data(value)) for value in range(11)]
    return [buttons[:6], buttons[6 : PAIN_MAX + 1]]
