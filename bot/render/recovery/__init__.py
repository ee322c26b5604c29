"""/log, /progress and /comeback: the screens of the recovery features."""

from bot.render.recovery import grammar, log, plan, progress
from bot.render.recovery.log import Outcome
from bot.render.screen import Screen

__all__ = ["Outcome", "Screen", "grammar", "log", "plan", "progress"]
