"""Buttons that open a library screen as a new message below the one they sit on, for messages
that must stay as they are: a triage outcome, a reminder, a club's warm-up post."""

from telegram import InlineKeyboardButton

from bot.domain.content.stretches import Stretch
from bot.features.library.buttons import EXERCISES, OPEN_NEW, STRETCHES, WARMUP
from bot.ui.keyboards import button


def full_warmup_button() -> InlineKeyboardButton:
    return button("Full warm-up", OPEN_NEW.data(WARMUP.prefix, "full"))


def stretch_button(stretch: Stretch) -> InlineKeyboardButton:
    return button(f"Stretch: {stretch.name}", OPEN_NEW.data(STRETCHES.prefix, "s", stretch.id))


def exercises_button(goal: str, label: str) -> InlineKeyboardButton:
    return button(label, OPEN_NEW.data(EXERCISES.prefix, "l", goal, 0))
