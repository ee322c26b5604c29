"""A logged run's review: its verdict, and the plan's next stage only for a session of the
active plan logged since it started."""

from datetime import UTC, date, datetime, timedelta

from bot.domain.recovery import ActivePlan, Decision, PainEntry, TaggedRun, review_run
from bot.domain.recovery.status import LoggedRun

STARTED = datetime(2026, 11, 2, 8, tzinfo=UTC)
DAY = date(2026, 11, 2)


def tagged(log_id: int, stage: int | None, during: int, days: int = 0) -> TaggedRun:
    entry = PainEntry(DAY + timedelta(days=days), during, next_morning=0)
    return TaggedRun(LoggedRun(log_id, entry), stage, STARTED + timedelta(days=days))


def test_an_ordinary_run_gets_a_verdict_and_moves_no_plan() -> None:
    review = review_run([tagged(1, None, 2)], 1, ActivePlan(1, STARTED), 8)
    assert review.verdict.zone == "green" and review.decision is None


def test_two_green_sessions_move_the_plan_on() -> None:
    runs = [tagged(1, 1, 2), tagged(2, 1, 1, days=2)]
    assert review_run(runs, 2, ActivePlan(1, STARTED), 8).decision == Decision(2, "advance")


def test_sessions_of_an_earlier_plan_do_not_count() -> None:
    runs = [tagged(1, 1, 2, days=-7), tagged(2, 1, 1)]
    assert review_run(runs, 2, ActivePlan(1, STARTED), 8).decision == Decision(1, "too_few")


def test_without_an_active_plan_a_session_moves_nothing() -> None:
    assert review_run([tagged(1, 3, 2)], 1, None, 8).decision is None
