"""A runner's warm-up reminder's own buttons: "Not running today" (with an undo) and "Remind me
10 min before" (handlers.py, screens.py, buttons.py).

What the scheduler's messages use: the row of buttons under a warm-up reminder, and the one-off
reminder shortly before the run."""

from bot.features.reminders.screens import run_day_rows, run_soon

__all__ = ["run_day_rows", "run_soon"]
