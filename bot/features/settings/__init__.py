"""/settings: a runner's timezone, weekly run plan and reminders (handlers.py, screens/ with the
button grammar, buttons.py). What other features may use of it is exported here."""

from bot.features.settings.screens.common import OPEN_RUN_PLAN, ZONE_EXAMPLE, run_list
from bot.features.settings.screens.mydata import club_answers_only, my_data

__all__ = ["OPEN_RUN_PLAN", "ZONE_EXAMPLE", "club_answers_only", "my_data", "run_list"]
