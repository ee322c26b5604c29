"""What the scheduler posts for a club: the warm-up before a club run, with its "I'm running"
list. The same screen is drawn again after each tap on the list."""

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup

from bot.domain.club import DEFAULT_TITLE
from bot.domain.content.library import Library
from bot.features.clubs.buttons import going_data
from bot.features.library import full_warmup_button, warmup_routine
from bot.ui.calendar import DAY_NAMES
from bot.ui.html import b, h
from bot.ui.keyboards import button
from bot.ui.screen import Screen

MAX_NAMES = 40  # a longer list is summed up, so the message stays short


def club_warmup(
    library: Library,
    delivery_id: int,
    run_starts: datetime,
    zone: str,
    title: str | None,
    coming: Sequence[str] = (),
) -> Screen:
    """The short routine before the club run starting at `run_starts` (shown in `zone`), and who
    is coming (first names, in tapping order); sent as delivery `delivery_id`, which its "I'm
    running" button names. The full routine opens as a new message, so this one keeps its list."""
    local = run_starts.astimezone(ZoneInfo(zone))
    when = f"{DAY_NAMES[local.weekday()]} {local:%H:%M}"
    heading = f"🏃 {b(h(title or DEFAULT_TITLE))} · {when}\nTime to warm up together."
    routine = warmup_routine(library, "quick")
    shown = ", ".join(h(name) for name in coming[:MAX_NAMES])
    if len(coming) > MAX_NAMES:
        shown += f" and {len(coming) - MAX_NAMES} more"
    who = f"🙋 Running ({len(coming)}): {shown}" if coming else "🙋 Running? Tap below."
    markup = InlineKeyboardMarkup(
        [
            [button("🙋 I'm running", going_data(delivery_id))],
            [full_warmup_button()],
        ]
    )
    return Screen(f"{heading}\n\n{routine.text}\n\n{who}", markup)
