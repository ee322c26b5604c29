"""The single-run spike guard against hand-worked cases and its properties."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.recovery.spike import (
    HAZARD_RATIO,
    LoggedDistance,
    Spike,
    longest_recent,
    spike_of,
)

TODAY = date(2026, 6, 30)


def _history(*runs: tuple[int, int]) -> list[LoggedDistance]:
    """(days ago, metres) pairs."""
    return [LoggedDistance(TODAY - timedelta(days=ago), metres) for ago, metres in runs]


# Five weeks of running, the longest 15 km three weeks ago; the oldest run 35 days back.
WEEKS = _history((35, 12_000), (28, 10_000), (21, 15_000), (14, 14_000), (7, 12_000), (2, 8_000))


def test_a_run_a_fifth_longer_than_the_month_s_longest_is_a_spike_with_its_numbers() -> None:
    spike = spike_of(WEEKS, TODAY, 18_000)
    assert spike == Spike(metres=18_000, longest_metres=15_000)
    assert spike.percent_longer == 20
    assert spike.band == "10-30%"
    assert HAZARD_RATIO[spike.band] == 1.64
    assert spike.within_margin_metres == 16_500


def test_exactly_ten_percent_longer_is_not_a_spike_and_one_metre_more_is() -> None:
    assert spike_of(WEEKS, TODAY, 16_500) is None
    assert spike_of(WEEKS, TODAY, 16_501) is not None


def test_bands_follow_the_cohort_s_cut_offs() -> None:
    assert Spike(19_500, 15_000).band == "10-30%"  # exactly 30% longer
    assert Spike(19_501, 15_000).band == "30-100%"
    assert Spike(30_000, 15_000).band == "30-100%"  # exactly double
    assert Spike(30_001, 15_000).band == "over 100%"


def test_runs_older_than_30_days_do_not_set_the_longest() -> None:
    # The 12 km of 35 days ago is out of the window; the window's longest is 15 km.
    assert longest_recent(WEEKS, TODAY) == 15_000
    later = TODAY + timedelta(days=10)  # the 15 km is now 31 days back
    assert longest_recent(WEEKS, later) == 14_000


def test_the_day_s_own_runs_do_not_count_toward_its_longest() -> None:
    same_day = [*WEEKS, LoggedDistance(TODAY, 40_000)]
    assert longest_recent(same_day, TODAY) == 15_000


def test_nothing_is_said_without_30_days_of_history() -> None:
    recent_only = _history((20, 10_000), (10, 10_000), (3, 10_000))
    assert longest_recent(recent_only, TODAY) is None
    assert spike_of(recent_only, TODAY, 30_000) is None


def test_nothing_is_said_with_too_few_runs_in_the_window() -> None:
    sparse = _history((40, 10_000), (20, 5_000), (3, 5_000))
    assert spike_of(sparse, TODAY, 30_000) is None


_runs = st.lists(
    st.builds(
        LoggedDistance,
        day=st.dates(TODAY - timedelta(days=90), TODAY),
        metres=st.integers(500, 60_000),
    ),
    max_size=40,
)


@given(_runs, st.integers(1, 100_000))
def test_never_a_spike_without_a_run_30_days_back(runs: list[LoggedDistance], metres: int) -> None:
    if all(run.day > TODAY - timedelta(days=30) for run in runs):
        assert spike_of(runs, TODAY, metres) is None


@given(_runs, st.integers(1, 100_000))
def test_a_spike_is_more_than_ten_percent_over_a_run_of_the_window(
    runs: list[LoggedDistance], metres: int
) -> None:
    spike = spike_of(runs, TODAY, metres)
    window = [r.metres for r in runs if TODAY - timedelta(days=30) <= r.day < TODAY]
    if spike is not None:
        assert spike.longest_metres == max(window)
        assert metres * 100 > spike.longest_metres * 110
        assert spike_of(runs, TODAY, spike.within_margin_metres) is None


@given(_runs, st.integers(1, 100_000), st.integers(1, 100_000))
def test_a_longer_run_is_never_less_of_a_spike(
    runs: list[LoggedDistance], shorter: int, extra: int
) -> None:
    if spike_of(runs, TODAY, shorter) is not None:
        assert spike_of(runs, TODAY, shorter + extra) is not None
