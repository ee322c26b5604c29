"""/log, /progress and /comeback: the screens of the recovery features."""

from bot.features.recovery.screens import grammar, log, plan, progress
from bot.features.recovery.screens.log import Outcome
from bot.ui.screen import Screen

__all__ = ["Outcome", "Screen", "grammar", "log", "plan", "progress"]
