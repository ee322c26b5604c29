"""The club's rules (bot.domain.club) and its buttons' data: every button the settings menu
draws reads back as a press, and the warm-up post's answers name their delivery and fit a
message however many answer."""

from datetime import UTC, datetime, time, timedelta

import pytest

from bot.domain.club import (
    ANSWERS,
    MAX_CLUB_RUNS,
    Club,
    RunClash,
    TooManyRuns,
    Turnout,
    WeeklyClubRun,
    answer_after,
    check_new_runs,
    reminder_rules,
    taking_names,
)
from bot.domain.content.library import Library
from bot.features.clubs.buttons import going_data, going_press, menu_press
from bot.features.clubs.screens import menu
from bot.features.clubs.screens.posts import club_warmup
from bot.telegram_local.html import parse_html
from bot.ui.callback import MAX_CALLBACK_BYTES
from bot.ui.html import MAX_MESSAGE_CHARS
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


def test_one_answer_per_runner_a_second_tap_on_it_takes_it_back() -> None:
    assert answer_after(None, "walk") == "walk"
    assert answer_after("run", "walk") == "walk"  # changing one's mind moves
    assert answer_after("walk", "walk") is None
    assert answer_after("out", "run") == "run"


def test_each_answer_button_names_its_delivery_and_answer() -> None:
    biggest = 2**63 - 1  # Telegram's ids fit a signed 64-bit integer
    for answer in ANSWERS:
        data = going_data(biggest, answer)
        assert len(data.encode()) <= MAX_CALLBACK_BYTES
        assert going_press(data) == (biggest, answer)
    assert going_press("going:42") == (42, "run")  # a post drawn before there were three answers
    for forged in ("going:042:run", "going:1:2", "going:1:maybe", "going:1:run:x", "going", None):
        assert going_press(forged) is None


def test_the_post_counts_each_answer_and_names_only_runners_and_walk_runners(
    library: Library,
) -> None:
    starts = datetime(2026, 11, 24, 17, 30, tzinfo=UTC)
    turnout = Turnout(running=("Ann", "Bob"), walking=("<Carl>",), out=2)
    screen = club_warmup(library, 7, starts, "Europe/Berlin", "Track", turnout)
    text = parse_html(screen.text).text
    assert "🙋 Running (2): Ann, Bob\n🚶 Walk-run (1): <Carl>\n🙅 Can't make it: 2" in text
    labels = [button.text for row in screen.keyboard for button in row]
    assert labels == ["🙋 I'm running", "🚶 Walk-run", "🙅 Can't make it", "Full warm-up"]
    empty = parse_html(club_warmup(library, 7, starts, "Europe/Berlin", "Track").text).text
    assert "Coming? Tap your answer below." in empty and "Running (" not in empty


def test_a_crowd_of_long_names_still_fits_one_message(library: Library) -> None:
    starts = datetime(2026, 11, 24, 17, 30, tzinfo=UTC)
    names = tuple("&" * 64 for _ in range(150))  # escaped, each is 320 characters of HTML
    turnout = Turnout(running=names, walking=names, out=150)
    screen = club_warmup(library, 7, starts, "Europe/Berlin", "x" * 64, turnout)
    text = parse_html(screen.text).text
    assert len(text) <= MAX_MESSAGE_CHARS
    assert "Running (150): " in text and "and 130 more" in text and "Can't make it: 150" in text


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
