"""Distances in the runner's unit, the report's paper, and the choices /log offers to tap."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.paper import paper_from, report_paper
from bot.domain.recovery.choices import (
    DEFAULT_MINUTES,
    MAX_CHOICES,
    DistanceChoices,
    PastRun,
    distance_choices,
    minutes_choices,
)
from bot.domain.recovery.spike import within_margin
from bot.domain.units import MAX_METRES, Unit, format_distance, to_metres, unit_from

TODAY = date(2026, 6, 30)
units = st.sampled_from(("km", "mi"))


@pytest.mark.parametrize(
    ("metres", "unit", "shown"),
    [
        (8_500, "km", "8.5 km"),
        (8_500, "mi", "5.3 mi"),
        (10_000, "km", "10 km"),
        (8_047, "mi", "5 mi"),
        (21_097, "km", "21.1 km"),
        (42_195, "mi", "26.2 mi"),
    ],
)
def test_a_distance_reads_in_the_runner_s_unit(metres: int, unit: Unit, shown: str) -> None:
    assert format_distance(metres, unit) == shown


@pytest.mark.parametrize(
    ("chosen", "zone", "paper"),
    [
        (None, None, "A4"),
        (None, "Europe/Berlin", "A4"),
        (None, "America/New_York", "Letter"),
        (None, "US/Pacific", "Letter"),  # a legacy name, by its current zone
        (None, "America/Toronto", "Letter"),
        (None, "America/Mexico_City", "A4"),
        (None, "UTC", "A4"),
        ("A4", "America/Chicago", "A4"),  # the runner's choice wins
        ("Letter", "Europe/London", "Letter"),
    ],
)
def test_the_report_paper_is_the_runner_s_choice_else_their_country_s(
    chosen: str | None, zone: str | None, paper: str
) -> None:
    assert report_paper(paper_from(chosen), zone) == paper


def test_only_known_units_and_papers_are_read_back() -> None:
    assert [unit_from(text) for text in ("km", "mi", "miles", "", None)] == [
        "km",
        "mi",
        None,
        None,
        None,
    ]
    assert [paper_from(text) for text in ("A4", "Letter", "letter", None)] == [
        "A4",
        "Letter",
        None,
        None,
    ]


def _runs(*km_and_days_ago: tuple[float, int], minutes: int | None = None) -> list[PastRun]:
    return [
        PastRun(TODAY - timedelta(days=ago), round(km * 1000), minutes)
        for km, ago in sorted(km_and_days_ago, key=lambda run: -run[1])
    ]


def test_without_history_the_common_round_distances_are_offered() -> None:
    assert distance_choices([], TODAY, "km") == DistanceChoices(
        (3_000, 5_000, 8_000, 10_000, 15_000, 21_100), None, None
    )
    offered = distance_choices(_runs((5, 3), (6, 2)), TODAY, "mi")
    assert [format_distance(metres, "mi") for metres in offered.metres] == [
        "2 mi",
        "3 mi",
        "5 mi",
        "6 mi",
        "10 mi",
        "13.1 mi",
    ]


def test_a_10k_runner_is_offered_distances_around_their_usual_and_longest() -> None:
    history = _runs((10, 20), (8, 16), (10, 12), (12, 9), (9, 5), (10, 2))
    offered = distance_choices(history, TODAY, "km")
    assert (offered.usual, offered.longest) == (10_000, 12_000)
    shown = [format_distance(metres, "km") for metres in offered.metres]
    # Half and three quarters of the usual run, the usual, a quarter more, the longest and
    # longer days past it (a 12 km longest: 14 and 18 km would be spikes).
    assert shown == ["5 km", "8 km", "10 km", "12 km", "14 km", "18 km"]


def test_a_runner_in_miles_gets_round_miles() -> None:
    history = _runs((5, 14), (5, 10), (6.5, 6), (5, 2))  # km: a usual 3.1 mi, longest 4.0
    shown = [
        format_distance(metres, "mi") for metres in distance_choices(history, TODAY, "mi").metres
    ]
    assert shown == ["1.5 mi", "2.5 mi", "3 mi", "4 mi", "5 mi", "6 mi"]


@given(
    st.lists(st.tuples(st.integers(100, MAX_METRES), st.integers(0, 80)), max_size=30),
    units,
)
def test_the_choices_are_few_distinct_sorted_and_reach_past_the_month_s_longest(
    runs: list[tuple[int, int]], unit: Unit
) -> None:
    history = [
        PastRun(TODAY - timedelta(days=ago), metres, None)
        for metres, ago in sorted(runs, key=lambda run: -run[1])
    ]
    offered = distance_choices(history, TODAY, unit)
    assert 1 <= len(offered.metres) <= MAX_CHOICES
    assert list(offered.metres) == sorted(set(offered.metres))
    assert all(metres > 0 for metres in offered.metres)
    if offered.longest is not None:
        # A run longer than the spike margin is one tap away, so the guard sees tapped spikes.
        assert offered.metres[-1] > within_margin(offered.longest)


@pytest.mark.parametrize("unit", ["km", "mi"])
def test_a_spike_is_one_tap_away_after_very_short_runs(unit: Unit) -> None:
    # Hypothesis found it: 100 m, 100 m and 455 m offered only 500 m, within 10% of 455 m.
    history = [
        PastRun(TODAY - timedelta(days=ago), metres, None)
        for metres, ago in ((100, 20), (100, 10), (455, 5))
    ]
    offered = distance_choices(history, TODAY, unit)
    assert offered.longest == 455
    assert offered.metres[-1] > within_margin(455)


def test_times_follow_the_runner_s_own_pace() -> None:
    # 10 km in 50 minutes: 8 km takes about 40.
    history = _runs((10, 9), (10, 5), (10, 2), minutes=50)
    assert minutes_choices(history, 8_000) == (30, 35, 40, 45, 50)
    # No pace known: 6 minutes a km.
    assert minutes_choices([], 5_000) == (25, 30, 35, 40)
    # No distance: around the usual time, or the defaults.
    assert minutes_choices(history, None) == (25, 40, 50, 60, 75)
    assert minutes_choices([], None) == DEFAULT_MINUTES


@given(st.integers(1, MAX_METRES), st.integers(1, 600))
def test_times_are_whole_five_minutes_and_sorted(metres: int, minutes: int) -> None:
    offered = minutes_choices(_runs((10, 3), (10, 2), (10, 1), minutes=minutes), metres)
    assert list(offered) == sorted(set(offered))
    assert all(value % 5 == 0 and value >= 5 for value in offered)


def test_miles_typed_or_tapped_are_the_same_metres() -> None:
    assert to_metres(5, "mi") == 8_047
    assert to_metres(8.5, "km") == 8_500
