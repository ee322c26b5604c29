"""Running clubs: a group's weekly club runs, warm-up posts asking who is running, walk-running or
can't make it (a Walk-run tap brings a private note), and the stretch of the day, set up by the
group's admins. The club itself is bot.domain.club, its queries bot.db.clubs; handlers/ answer
the club commands and buttons, screens/ draw them, buttons.py is their callback data.

What other packages use: the warm-up post (bot.delivery sends it), the introduction posted
when the bot joins a group (bot.features.chats), and redrawing a post's answers once a runner
erased their data (bot.features.privacy)."""

from bot.features.clubs.handlers.going import redraw
from bot.features.clubs.screens.posts import club_warmup
from bot.features.clubs.screens.texts import intro

__all__ = ["club_warmup", "intro", "redraw"]
