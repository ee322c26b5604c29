"""The private note a tap on "Walk-run" brings: the runner's walk-run stage for the club run, or
where to get a plan. Only ever sent in the runner's private chat: the group sees the answer,
never a reason."""

from bot.domain.content.comeback import Comeback
from bot.features.recovery import session
from bot.ui.html import b, h

DEEP_LINK = "walkrun"  # t.me/<bot>?start=walkrun opens the private chat with this note


def walk_run_note(comeback: Comeback, stage: int | None, run: str | None) -> str:
    """`stage`: the runner's active /comeback stage, if any; `run`: the club run, escaped
    ('Track session · Tuesday 18:30'), if the runner answered "Walk-run" to one."""
    heading = "🚶 " + b(f"Walk-run: {run}" if run else "Walk-run with your club")
    if stage is None:
        first, last = comeback.programme.stages[0], comeback.programme.stages[-1]
        body = (
            f"No walk-run plan yet: /comeback sets one up in stages, from {first.run}-minute "
            f"runs with walking breaks to {last.run} minutes without stopping."
        )
    else:
        body = (
            f"Your walk-run plan is at stage {stage} of {comeback.stage_count}: "
            f"{h(session(comeback.programme.stages[stage - 1]))}\n"
            "Keep to your stage while the club runs on, and log it afterwards with /log."
        )
    return f"{heading}\n{body}\n\nThe group sees only that you walk-run, never why."
