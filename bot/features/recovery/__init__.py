"""Recovery: /log, /progress and /comeback.

What the scheduler's messages may use: the pain questions a check-in asks, the walk-run session of
a stage, and how a red day is marked.
"""

from bot.features.recovery.screens.log import KNEEPAIN_HINT, ZONE_ICONS, ask_morning, ask_pain
from bot.features.recovery.screens.plan import session

__all__ = ["KNEEPAIN_HINT", "ZONE_ICONS", "ask_morning", "ask_pain", "session"]
