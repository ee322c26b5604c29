"""Where recovery stands on a day: the run waiting for its morning answer, and a recent red day."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.recovery import PainEntry, classify
from bot.domain.recovery.status import MORNING_WITHIN, RED_WITHIN, LoggedRun, status_of
from tests.recovery.strategies import entries

TODAY = date(2026, 11, 24)
YESTERDAY = TODAY - timedelta(days=1)


def run(log_id: int, day: date, during: int, morning: int | None = None) -> LoggedRun:
    return LoggedRun(log_id, PainEntry(day=day, during_run=during, next_morning=morning))


def test_the_latest_unanswered_run_waits_for_its_morning() -> None:
    runs = [run(1, TODAY - timedelta(days=2), 2), run(2, YESTERDAY, 3), run(3, TODAY, 1)]
    status = status_of(runs, None, TODAY)
    assert status.waiting is not None and status.waiting.log_id == 2
    assert status.logged_today


def test_an_answered_or_old_run_waits_for_nothing() -> None:
    old = TODAY - MORNING_WITHIN - timedelta(days=1)
    status = status_of([run(1, YESTERDAY, 3, morning=1), run(2, old, 2)], 4, TODAY)
    assert status.waiting is None and status.stage == 4 and not status.logged_today


def test_a_red_run_yesterday_makes_a_red_day() -> None:
    status = status_of([run(1, YESTERDAY, 7)], None, TODAY)
    assert status.red is not None and status.red.day == YESTERDAY
    assert status.red.verdict.step == "above_five" and status.red.verdict.suggest_kneepain


def test_a_later_green_run_or_time_clears_the_red_day() -> None:
    red = run(1, TODAY - timedelta(days=2), 7)
    assert status_of([red, run(2, YESTERDAY, 2)], None, TODAY).red is None
    assert status_of([red], None, TODAY + RED_WITHIN).red is None


def test_a_morning_that_did_not_settle_makes_the_run_red() -> None:
    assert status_of([run(1, YESTERDAY, 3, morning=5)], None, TODAY).red is not None


@given(st.lists(entries(), max_size=12), st.integers(0, 90))
def test_the_red_day_is_the_latest_run_and_agrees_with_the_pain_rules(
    logged: list[PainEntry], offset: int
) -> None:
    by_day = {entry.day: entry for entry in logged}  # one run per day, as stored
    runs = [LoggedRun(n, entry) for n, entry in enumerate(by_day.values())]
    today = min(by_day, default=TODAY) + timedelta(days=offset)
    red = status_of(runs, None, today).red
    past = [entry for entry in by_day.values() if entry.day <= today]
    if not past:
        assert red is None
        return
    latest = max(past, key=lambda entry: entry.day)
    verdict = classify(latest, [entry for entry in past if entry is not latest])
    expected = verdict.zone == "red" and today - latest.day <= RED_WITHIN
    assert (red is not None) is expected
    if red is not None:
        assert (red.day, red.verdict) == (latest.day, verdict)
