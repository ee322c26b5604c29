"""/log, /progress and /comeback: the screens of the recovery features."""

from bot.features.recovery.screens import log, plan, progress
from bot.ui.screen import Screen

__all__ = ["Screen", "log", "plan", "progress"]
