"""A runner's settings turned into reminder rules: one per planned run, the daily stretch, the
rest-day nudge, and (while they want them) after-run check-ins."""

from dataclasses import dataclass
from datetime import time, timedelta

from bot.domain.schedule.firing import Rule
from bot.domain.schedule.plan import rest_days
from bot.domain.schedule.quiet import QuietHours
from bot.domain.schedule.recurrence import WEEKDAYS, WeeklyTime

# A rest-day suggestion is a morning message; quiet hours can push it later, never earlier.
NUDGE_TIME = time(8, 30)
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
        rules.append(
            Rule("stretch", plan.zone, tuple(WEEKDAYS), plan.stretch_time, quiet=plan.quiet)
        )
    resting = tuple(sorted(rest_days(plan.runs)))
    # With no runs planned every day is a rest day, and a daily "rest today" would be noise.
    if plan.nudges and plan.runs and resting:
        rules.append(Rule("nudge", plan.zone, resting, NUDGE_TIME, quiet=plan.quiet))
    return rules
