"""Running clubs: a group's weekly club runs, warm-up posts with an "I'm running" list, and the
stretch of the day, set up by the group's admins. The club itself is bot.domain.club, its queries
bot.db.clubs; handlers/ answer the club commands and buttons, screens/ draw them, buttons.py is
their callback data.

What other packages use: the warm-up post (bot.delivery sends it), the introduction posted
when the bot joins a group (bot.features.chats), and redrawing a post's list once a runner
erased their data (bot.features.privacy)."""

from bot.features.clubs.handlers.going import redraw
from bot.features.clubs.screens.posts import club_warmup
from bot.features.clubs.screens.texts import intro

__all__ = ["club_warmup", "intro", "redraw"]
