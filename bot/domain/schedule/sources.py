"""A runner's settings turned into reminder rules: one per planned run, the daily stretch, the
rest-day nudge, and (while they want them) after-run check-ins.

Nudges and stretch posts need no exact minute, so each runner's comes a fixed number of minutes
after its nominal time (stable per runner, spread evenly over a window): a crowd choosing 08:30
no longer lands in one minute of Telegram's 30 messages a second. Warm-ups keep their minute."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bot.domain.schedule.firing import Rule
from bot.domain.schedule.plan import rest_days
from bot.domain.schedule.quiet import QuietHours
from bot.domain.schedule.recurrence import WEEKDAYS, WeeklyTime

# A rest-day suggestion is a morning message; quiet hours can push it later, never earlier.
NUDGE_TIME = time(8, 30)
# The windows a runner's nudge and stretch post are spread over, after their nominal time.
NUDGE_SPREAD = timedelta(minutes=30)
STRETCH_SPREAD = timedelta(minutes=15)
# Knuth's multiplicative hash: consecutive user ids land far apart in the window.
_GOLDEN = 2_654_435_761
# "How did it go?" comes a couple of hours after the planned start: the run is over by then.
CHECKIN_AFTER = timedelta(hours=2)


@dataclass(frozen=True, slots=True)
class RunnerPlan:
    zone: str
    runs: tuple[WeeklyTime, ...]
    lead: timedelta
    stretch_time: time | None
    nudges: bool
    quiet: QuietHours
    after_run_checkins: bool = False
    spread_key: int = 0  # the runner's user id: where in each window their messages fall


def spread(nominal: time, window: timedelta, key: int, quiet: QuietHours) -> time:
    """`nominal` moved to the runner's place in `window` after it; unmoved if that would cross
    midnight (another day's stretch) or enter quiet hours (held until the morning)."""
    minutes = int(window.total_seconds() // 60)
    offset = timedelta(minutes=(key * _GOLDEN) % (2**32) % minutes) if minutes else timedelta(0)
    moved = datetime.combine(date.min, nominal) + offset
    if moved.date() != date.min or quiet.contains(moved):
        return nominal
    return moved.time()


def rules_for(plan: RunnerPlan) -> list[Rule]:
    rules = [
        Rule("warmup", plan.zone, (run.weekday,), run.time, lead=plan.lead)
        for run in sorted(plan.runs)
    ]
    if plan.after_run_checkins:
        rules += [
            Rule("postrun", plan.zone, (run.weekday,), run.time, -CHECKIN_AFTER, plan.quiet)
            for run in sorted(plan.runs)
        ]
    if plan.stretch_time is not None:
        at = spread(plan.stretch_time, STRETCH_SPREAD, plan.spread_key, plan.quiet)
        rules.append(Rule("stretch", plan.zone, tuple(WEEKDAYS), at, quiet=plan.quiet))
    resting = tuple(sorted(rest_days(plan.runs)))
    # With no runs planned every day is a rest day, and a daily "rest today" would be noise.
    if plan.nudges and plan.runs and resting:
        at = spread(NUDGE_TIME, NUDGE_SPREAD, plan.spread_key, plan.quiet)
        rules.append(Rule("nudge", plan.zone, resting, at, quiet=plan.quiet))
    return rules
