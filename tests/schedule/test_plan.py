"""Reading a run plan for rest-day nudges."""

from datetime import time

import pytest

from bot.domain.schedule import WeeklyTime, longest_run_streak, parse_plan, plan_warnings, rest_days
from bot.domain.schedule.plan import days_in_a_row


def plan(days: list[int]) -> list[WeeklyTime]:
    return [WeeklyTime(day, time(7)) for day in days]


def test_rest_days_are_the_days_without_a_run() -> None:
    assert rest_days(parse_plan("mon,wed 07:00; sat 09:30").runs) == {1, 3, 4, 6}
    assert rest_days([]) == set(range(7))
    assert rest_days(parse_plan("daily 7am").runs) == set()


@pytest.mark.parametrize(
    ("days", "streak"),
    [
        ([], 0),
        ([2], 1),
        ([0, 2, 4], 1),
        ([0, 1, 2], 3),
        ([5, 6, 0], 3),  # Saturday to Monday wraps the week
        ([4, 5, 6, 0, 1], 5),
        ([0, 1, 2, 3, 4, 5, 6], 7),
        ([0, 1, 3, 4, 5, 6], 6),
    ],
)
def test_longest_run_streak(days: list[int], streak: int) -> None:
    assert longest_run_streak(plan(days)) == streak


def test_two_runs_on_one_day_are_one_day() -> None:
    assert longest_run_streak(parse_plan("mon 7am 6pm; tue 7am").runs) == 2


@pytest.mark.parametrize(
    ("days", "warnings"),
    [
        ([], []),
        ([0, 2, 4, 6], []),  # Sunday and Monday: two in a row
        ([0, 1, 2], []),
        ([0, 1, 2, 3], ["many_in_a_row"]),
        ([5, 6, 0, 1], ["many_in_a_row"]),
        ([0, 1, 2, 3, 4, 5, 6], ["no_rest_day"]),
    ],
)
def test_plan_warnings(days: list[int], warnings: list[str]) -> None:
    assert plan_warnings(plan(days)) == warnings


@pytest.mark.parametrize(
    ("days", "weekday", "in_a_row"),
    [
        ([0, 2, 4], 2, 1),
        ([0, 1, 2, 3], 3, 4),
        ([0, 1, 2, 3], 1, 2),
        ([5, 6, 0, 1], 1, 4),  # across the week's end
        ([0, 1, 2], 4, 0),  # not a run day
        (list(range(7)), 3, 7),
    ],
)
def test_days_in_a_row_end_on_the_given_day(days: list[int], weekday: int, in_a_row: int) -> None:
    assert days_in_a_row(set(days), weekday) == in_a_row
