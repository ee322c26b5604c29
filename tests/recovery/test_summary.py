"""The caption line: the last 7 days against the 7 before, as plain text."""

from datetime import date, timedelta

from bot.domain.recovery import PainEntry, summary

TODAY = date(2025, 3, 30)


def ago(days: int, during: int, morning: int | None = None) -> PainEntry:
    return PainEntry(TODAY - timedelta(days=days), during, morning)


def test_this_week_against_the_week_before() -> None:
    result = summary([ago(0, 2, 1), ago(3, 3), ago(6, 2, 2), ago(7, 4), ago(13, 5, 3)], TODAY)
    assert result.this_week is not None and result.week_before is not None
    assert (result.this_week.runs, float(result.this_week.during)) == (3, 7 / 3)
    assert result.this_week.morning == 1.5
    assert result.trend == "lower"
    assert result.line() == (
        "Last 7 days: 3 runs, average pain during runs 2.3/10, lower than the week before (4.5/10)."
    )


def test_about_the_same_within_half_a_point() -> None:
    result = summary([ago(1, 3), ago(2, 4), ago(4, 3), ago(9, 3)], TODAY)
    assert result.trend == "same"
    assert result.line().endswith("about the same as the week before (3.0/10).")


def test_higher() -> None:
    assert summary([ago(0, 5), ago(8, 3)], TODAY).trend == "higher"


def test_gaps_and_nothing_at_all() -> None:
    assert summary([ago(2, 4)], TODAY).line() == (
        "Last 7 days: 1 run, average pain during runs 4.0/10 (no runs the week before)."
    )
    assert summary([ago(10, 4), ago(12, 2)], TODAY).line() == (
        "No runs logged in the last 7 days (the week before: 2 runs, average pain 3.0/10)."
    )
    assert summary([ago(20, 4), ago(-1, 9)], TODAY).line() == "No runs logged in the last 14 days."
    assert summary([], TODAY).trend is None
