"""Pure scheduling maths: recurrence in IANA zones, quiet hours, deadlines, parsing run plans.

No telegram, no database, no clock: every function takes `now`/`after` as a parameter.
"""

from bot.domain.schedule.deadlines import KINDS, Kind, deadline, is_late
from bot.domain.schedule.parse import ParseError, parse_days, parse_plan, parse_time
from bot.domain.schedule.plan import PlanWarning, longest_run_streak, plan_warnings, rest_days
from bot.domain.schedule.quiet import QuietHours
from bot.domain.schedule.recurrence import (
    Occurrence,
    WeeklyTime,
    daily,
    next_daily,
    next_occurrence,
    next_planned,
    occurrence_key,
    occurrence_minus,
)
from bot.domain.schedule.zones import ZoneNotFound, resolve_zone

__all__ = [
    "KINDS",
    "Kind",
    "Occurrence",
    "ParseError",
    "PlanWarning",
    "QuietHours",
    "WeeklyTime",
    "ZoneNotFound",
    "daily",
    "deadline",
    "is_late",
    "longest_run_streak",
    "next_daily",
    "next_occurrence",
    "next_planned",
    "occurrence_key",
    "occurrence_minus",
    "parse_days",
    "parse_plan",
    "parse_time",
    "plan_warnings",
    "resolve_zone",
    "rest_days",
]
