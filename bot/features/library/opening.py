"""Buttons that open a library screen as a new message below the one they sit on, for messages
that must stay as they are: a triage outcome, a reminder, a club's warm-up post."""

from telegram import InlineKeyboardButton

from bot.domain.content.stretches import Stretch
from bot.features.library.buttons import EXERCISES, OPEN_NEW, STRETCHES, WARMUP
from bot.ui.callback import decode
from bot.ui.keyboards import button
from bot.ui.screen import Screen


def full_warmup_button() -> InlineKeyboardButton:
    return button("Full warm-up", OPEN_NEW.data(WARMUP.prefix, "full"))


def stretch_button(stretch: Stretch) -> InlineKeyboardButton:
    return button(f"Stretch: {stretch.name}", OPEN_NEW.data(STRETCHES.prefix, "s", stretch.id))


def exercises_button(goal: str, label: str) -> InlineKeyboardButton:
    return button(label, OPEN_NEW.data(EXERCISES.prefix, "l", goal, 0))


def opening_below(screen: Screen) -> list[list[InlineKeyboardButton]]:
    """A library screen's buttons, each opening what it opens as a new message below: the
    message they are shown on keeps its own buttons (a warm-up reminder's "Not running today")."""
    rows = screen.markup.inline_keyboard if screen.markup is not None else ()
    return [[_below(key) for key in row] for row in rows]


def _below(key: InlineKeyboardButton) -> InlineKeyboardButton:
    pressed = decode(key.callback_data if isinstance(key.callback_data, str) else None)
    if pressed is None:  # a link, not a press
        return key
    return button(key.text, OPEN_NEW.data(pressed.action, *pressed.args))
