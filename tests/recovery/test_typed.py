"""`/log` typed in one line: what runners write, read right, and what is refused."""

import pytest

from bot.domain.recovery.typed import TypedRun, parse_typed_run
from bot.domain.schedule.parse import ParseError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8.5 km 52 min 3/10", TypedRun(3, 52, 8_500, "km")),
        ("3/10 8,5km 52min", TypedRun(3, 52, 8_500, "km")),
        ("10k 1:05 0/10", TypedRun(0, 65, 10_000, "km")),
        ("5 mi 1h02 2/10", TypedRun(2, 62, 8_047, "mi")),
        ("6 miles 4/10", TypedRun(4, None, 9_656, "mi")),
        ("45 minutes 7/10", TypedRun(7, 45, None)),
        ("10/10", TypedRun(10, None, None)),
    ],
)
def test_typed_runs_are_read_whatever_the_order_and_unit(text: str, expected: TypedRun) -> None:
    assert parse_typed_run(text) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("8 km 40 min", "out of 10"),
        ("11/10", "0/10"),
        ("8 km 40 min 3/10 felt great", "felt great"),
        ("0 km 3/10", "not a distance"),
        ("900 km 3/10", "not a distance"),
        ("0 min 3/10", "between 1 minute"),
        ("x" * 5000, "couldn't read"),
    ],
)
def test_what_cannot_be_read_is_refused_with_a_reason(text: str, says: str) -> None:
    with pytest.raises(ParseError, match=says):
        parse_typed_run(text)
