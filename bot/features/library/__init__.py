"""The library: /stretch, /warmup, /exercises and /prevent.

What other features and the scheduler's messages may use: the stretch of the day and the warm-up
as screens, and buttons that open a library screen as a new message below the one they sit on.
"""

from bot.features.library.opening import (
    exercises_button,
    full_warmup_button,
    opening_below,
    stretch_button,
)
from bot.features.library.screens.exercises import exercise_button_for
from bot.features.library.screens.stretches import of_the_day as stretch_of_the_day_screen
from bot.features.library.screens.warmup import routine as warmup_routine

__all__ = [
    "exercise_button_for",
    "exercises_button",
    "full_warmup_button",
    "opening_below",
    "stretch_button",
    "stretch_of_the_day_screen",
    "warmup_routine",
]
