"""/progress: the caption under the chart, or why there is no chart."""

from bot.domain.recovery import Summary
from bot.ui.html import h


def caption(found: Summary) -> str:
    return h(found.line())


def no_data() -> str:
    return (
        "Nothing to chart yet: no run logged in the last 8 weeks. After your next run, send "
        "/log and tap how the knee felt; /progress then shows the trend."
    )
