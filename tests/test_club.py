"""The club's rules (bot.domain.club) and its buttons' data: every button the settings menu
draws reads back as a press, and the warm-up post's button names its delivery."""

from datetime import UTC, datetime, time, timedelta

import pytest

from bot.domain.club import (
    MAX_CLUB_RUNS,
    Club,
    RunClash,
    TooManyRuns,
    WeeklyClubRun,
    check_new_runs,
    reminder_rules,
    taking_names,
)
from bot.features.clubs.buttons import going_data, going_delivery, menu_press
from bot.features.clubs.screens import menu
from bot.ui.screen import Screen

TRACK = WeeklyClubRun(7, 1, time(18, 30), "Track")
CLUB = Club("Europe/London", (TRACK,), time(7, 30), 15)


def test_a_run_at_the_same_day_and_time_clashes() -> None:
    with pytest.raises(RunClash) as clash:
        check_new_runs((TRACK,), (0, 1), time(18, 30))
    assert clash.value.run == TRACK
    check_new_runs((TRACK,), (0, 2), time(18, 30))  # another day: fine


def test_a_club_has_at_most_so_many_runs() -> None:
    check_new_runs((TRACK,), tuple(range(MAX_CLUB_RUNS - 1)), time(6, 0))
    with pytest.raises(TooManyRuns):
        check_new_runs((TRACK,), tuple(range(MAX_CLUB_RUNS)), time(6, 0))


def test_a_club_reminds_before_each_run_and_posts_its_stretch() -> None:
    [(warmup, title), (stretch, none)] = reminder_rules(CLUB)
    assert (warmup.kind, warmup.weekdays, warmup.local_time) == ("club_warmup", (1,), time(18, 30))
    assert (warmup.lead, title) == (timedelta(minutes=15), "Track")
    assert (stretch.kind, stretch.weekdays, stretch.quiet, none) == (
        "club_stretch",
        tuple(range(7)),
        None,
        None,
    )


def test_without_a_timezone_a_club_makes_no_reminders() -> None:
    assert reminder_rules(Club(None, (TRACK,), time(7, 30), 15)) == []


def test_names_are_taken_until_the_run_starts() -> None:
    start = datetime(2026, 11, 24, 18, 30, tzinfo=UTC)
    assert taking_names(start, start - timedelta(seconds=1))
    assert not taking_names(start, start)


def test_the_going_button_names_its_delivery() -> None:
    assert going_delivery(going_data(42)) == 42
    assert going_delivery("going:042") is None
    assert going_delivery("going:1:2") is None


@pytest.mark.parametrize(
    "screen",
    [
        menu.main(CLUB),
        menu.erasing(CLUB),
        menu.zones(CLUB),
        menu.days(CLUB),
        menu.hours(CLUB, 1),
        menu.minutes(CLUB, 1, 18),
        menu.removal(CLUB),
        menu.stretch_times(CLUB),
        menu.leads(CLUB),
    ],
)
def test_every_menu_button_reads_back_as_a_press(screen: Screen) -> None:
    for row in screen.keyboard:
        for button in row:
            assert isinstance(button.callback_data, str)
            assert menu_press(button.callback_data) is not None


@pytest.mark.parametrize("data", ["club:tz:99", "club:add:7", "club:add:1:4", "club:st:0645", "x"])
def test_forged_menu_data_reads_as_nothing(data: str) -> None:
    assert menu_press(data) is None
