"""/log, /progress and /comeback: the screens of the recovery features."""

from bot.features.recovery.screens import grammar, log, plan, progress
from bot.ui.screen import Screen

__all__ = ["Screen", "grammar", "log", "plan", "progress"]
