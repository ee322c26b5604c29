"""Every message /log can send fits a phone screen (the length budget) and is one message
Telegram accepts: the longest verdict (every next step, with the /kneepain hint, the walk-run
plan's decision and the first verdict's caveat), and the screens around it at their fullest."""

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.domain.content.library import Library
from bot.domain.recovery import DECISION_REASONS, REASONS, Decision, RunReview, Verdict
from bot.domain.recovery.activity_file import RunSummary
from bot.domain.recovery.choices import MAX_CHOICES, DistanceChoices
from bot.domain.recovery.entry import NewRun, PainEntry
from bot.domain.recovery.spike import Spike
from bot.domain.recovery.status import LoggedRun
from bot.domain.recovery.typed import MAX_MINUTES
from bot.domain.units import MAX_METRES
from bot.features.recovery import buttons as grammar
from bot.features.recovery.screens import Screen, log, plan
from tests.support.screens import PHONE_SCREEN_CHARS, assert_sendable, visible_length
from tests.support.spec import SpecChecker

TODAY = date(2026, 11, 23)
LOG_ID = 2**31 - 1  # the longest id a button carries


def full_run(back: int) -> LoggedRun:
    entry = PainEntry(
        TODAY - timedelta(days=back), 10, 10, 90, MAX_METRES, swelling=True, stiffer=True
    )
    return LoggedRun(LOG_ID - back, entry)


def verdicts(library: Library) -> list[Screen]:
    content = library.comeback
    screens = []
    for reason in REASONS:
        verdict = Verdict((reason,), suggest_kneepain=True, morning_known=True)
        for decision in (None, *(Decision(10, move) for move in DECISION_REASONS)):
            review = RunReview(verdict, decision)
            spike = Spike(MAX_METRES, MAX_METRES // 3)
            screens.append(log.verdict(content, review, LOG_ID, first=True, spike=spike, unit="mi"))
    return screens


def other_screens() -> list[Screen]:
    runs = [full_run(back) for back in range(20)]
    new = NewRun(TODAY, 10, 90, comeback=True, metres=MAX_METRES)
    far = DistanceChoices(
        tuple(MAX_METRES - step for step in range(MAX_CHOICES)), MAX_METRES, MAX_METRES
    )
    before = TODAY - timedelta(days=6)
    longest = grammar.Duration(True, before, MAX_METRES, MAX_MINUTES)
    file_run = RunSummary(datetime(2026, 11, 20, 7, tzinfo=UTC), MAX_METRES, MAX_MINUTES * 60, None)
    return [
        log.ask_unit(True, before),
        log.ask_distance(True, 10, before, TODAY, far, "km"),
        log.ask_duration(True, before, TODAY, MAX_METRES, "mi", tuple(range(5, 40, 5))),
        log.ask_run_pain(longest, 10, TODAY, "km"),
        log.ask_file_unit(file_run, before),
        log.ask_file_pain(before, MAX_MINUTES, MAX_METRES, "mi"),
        log.ask_pain(True, 10, TODAY - timedelta(days=6)),
        log.pick_day(True, TODAY),
        log.ask_minutes(True, 10, TODAY - timedelta(days=6), TODAY, None, "km"),
        log.ask_minutes(True, 10, TODAY - timedelta(days=6), TODAY, MAX_METRES, "mi"),
        log.ask_pain_distance(True, 10, TODAY - timedelta(days=6), TODAY, far, "mi"),
        log.another_or_replace(new, runs[:10], "km"),
        log.ask_correction(runs[0], "km"),
        log.ask_corrected_distance(runs[0], 10, far, "mi"),
        log.ask_corrected_minutes(LOG_ID, 10, MAX_METRES, MAX_MINUTES, "mi"),
        log.runs_list(runs, "mi"),
        log.runs_list([], "km"),
        log.run_screen(runs[0], "km"),
        log.confirm_delete(runs[0], "km"),
        log.deleted(runs[0].entry, "km"),
        log.cancelled(),
        log.ask_morning(LOG_ID, TODAY),
        log.ask_signs(LOG_ID, 10),
        plan.confirm_stop(),
    ]


@pytest.fixture(scope="module")
def screens(library: Library) -> list[Screen]:
    return [*verdicts(library), *other_screens()]


def test_every_log_message_fits_a_phone_screen(screens: list[Screen]) -> None:
    assert max(visible_length(screen) for screen in screens) <= PHONE_SCREEN_CHARS


def test_every_log_message_is_one_telegram_would_accept(
    screens: list[Screen], checker: SpecChecker
) -> None:
    for screen in screens:
        assert_sendable(screen, checker)


def test_the_caveat_comes_with_the_first_verdict_only(library: Library) -> None:
    content = library.comeback
    verdict = Verdict(("safe",), suggest_kneepain=False, morning_known=True)
    first = log.verdict(content, RunReview(verdict, None), 1, first=True)
    later = log.verdict(content, RunReview(verdict, None), 1, first=False)
    caveat = content.not_for.text.split()[0:6]
    assert " ".join(caveat) in first.text and " ".join(caveat) not in later.text


def test_every_run_of_the_day_can_be_replaced() -> None:
    """Four runs logged that day: each listed, and each with its Replace button."""
    runs = [full_run(back) for back in range(4)]
    screen = log.another_or_replace(NewRun(TODAY, 3, 30, comeback=False), runs, "km")
    assert screen.markup is not None
    labels = [button.text for row in screen.markup.inline_keyboard for button in row]
    assert len([label for label in labels if label.startswith("✏️ Replace")]) == 4
