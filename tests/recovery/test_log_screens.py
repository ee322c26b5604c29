"""Every message /log can send fits a phone screen (the length budget) and is one message
Telegram accepts: the longest verdict (every next step, with the /kneepain hint, the walk-run
plan's decision and the first verdict's caveat), and the screens around it at their fullest."""

from datetime import date, timedelta

import pytest

from bot.domain.content.library import Library
from bot.domain.recovery import DECISION_REASONS, REASONS, Decision, RunReview, Verdict
from bot.domain.recovery.entry import NewRun, PainEntry
from bot.domain.recovery.status import LoggedRun
from bot.features.recovery.screens import Screen, log, plan
from tests.support.screens import PHONE_SCREEN_CHARS, assert_sendable, visible_length
from tests.support.spec import SpecChecker

TODAY = date(2026, 11, 23)
LOG_ID = 2**31 - 1  # the longest id a button carries


def full_run(back: int) -> LoggedRun:
    entry = PainEntry(TODAY - timedelta(days=back), 10, 10, 90, swelling=True, stiffer=True)
    return LoggedRun(LOG_ID - back, entry)


def verdicts(library: Library) -> list[Screen]:
    content = library.comeback
    screens = []
    for reason in REASONS:
        verdict = Verdict((reason,), suggest_kneepain=True, morning_known=True)
        for decision in (None, *(Decision(10, move) for move in DECISION_REASONS)):
            review = RunReview(verdict, decision)
            screens.append(log.verdict(content, review, LOG_ID, first=True))
    return screens


def other_screens() -> list[Screen]:
    runs = [full_run(back) for back in range(20)]
    new = NewRun(TODAY, 10, 90, comeback=True)
    return [
        log.ask_pain(True, 10, TODAY - timedelta(days=6)),
        log.pick_day(True, TODAY),
        log.ask_minutes(True, 10, TODAY - timedelta(days=6), TODAY),
        log.another_or_replace(new, runs[:10]),
        log.ask_correction(runs[0]),
        log.ask_corrected_minutes(LOG_ID, 10),
        log.runs_list(runs),
        log.runs_list([]),
        log.run_screen(runs[0]),
        log.confirm_delete(runs[0]),
        log.deleted(runs[0].entry),
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
