"""/progress: the caption under the chart, or why there is no chart (yet)."""

import math
from datetime import timedelta

from bot.domain.recovery import Summary
from bot.ui.html import h


def caption(found: Summary) -> str:
    return h(found.line())


def no_data() -> str:
    return (
        "Nothing to chart yet: no run logged in the last 8 weeks. After your next run, send "
        "/log and tap how the knee felt; /progress then shows the trend."
    )


def one_moment(wait: timedelta, per_minute: int) -> str:
    """Too many charts asked for: say when the next one can be drawn."""
    if wait <= timedelta(0):
        return "⏳ One moment: your chart is being drawn."
    seconds = math.ceil(wait.total_seconds())
    return (
        f"⏳ One moment: that makes {per_minute} charts this minute. "
        f"Send /progress again in {seconds} s."
    )
