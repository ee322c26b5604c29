"""Reading a weekly run plan for rest-day nudges: which days are free, how many in a row."""

from collections.abc import Collection, Iterable
from typing import Literal

from bot.domain.schedule.recurrence import WEEKDAYS, WeeklyTime

PlanWarning = Literal["no_rest_day", "many_in_a_row"]
MANY_IN_A_ROW = 4  # running days in a row from which a rest day is worth suggesting


def rest_days(times: Iterable[WeeklyTime]) -> set[int]:
    """Weekdays (0 = Monday) with no planned run."""
    return set(WEEKDAYS) - {planned.weekday for planned in times}


def longest_run_streak(times: Iterable[WeeklyTime]) -> int:
    """The most consecutive days with a run; Sunday runs into Monday, so 'sat, sun, mon' is 3."""
    rest = rest_days(times)
    if not rest:
        return len(WEEKDAYS)
    # Start counting just after a rest day so that no streak is split by the week's end.
    start = min(rest) + 1
    longest = current = 0
    for step in range(len(WEEKDAYS)):
        current = 0 if (start + step) % 7 in rest else current + 1
        longest = max(longest, current)
    return longest


def days_in_a_row(run_days: Collection[int], weekday: int, rested: Collection[int] = ()) -> int:
    """How many days in a row, ending on `weekday`, have a run (0 if it has none); Sunday runs
    into Monday, and a week with no rest day counts 7. `rested`: weekdays of the past week whose
    runs were skipped, which count as rest."""
    count = 0
    while (
        count < len(WEEKDAYS) and (day := (weekday - count) % 7) in run_days and day not in rested
    ):
        count += 1
    return count


def plan_warnings(times: Iterable[WeeklyTime]) -> list[PlanWarning]:
    """What a coach would point out; 'no_rest_day' implies, so replaces, 'many_in_a_row'."""
    planned = list(times)
    if not planned:
        return []
    if not rest_days(planned):
        return ["no_rest_day"]
    if longest_run_streak(planned) >= MANY_IN_A_ROW:
        return ["many_in_a_row"]
    return []
