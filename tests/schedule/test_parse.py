"""Parsing run plans as runners type them, and the friendly errors for what cannot be read."""

from datetime import time

import pytest

from bot.domain.schedule import ParseError, WeeklyTime, parse_days, parse_plan, parse_time
from bot.domain.schedule.parse import EXAMPLE

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def runs(*pairs: tuple[int, time]) -> tuple[WeeklyTime, ...]:
    return tuple(sorted(WeeklyTime(day, at) for day, at in pairs))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mon,wed 07:00; sat 09:30", runs((MON, time(7)), (WED, time(7)), (SAT, time(9, 30)))),
        ("Monday 7am", runs((MON, time(7)))),
        ("tues, thurs 6.30pm", runs((TUE, time(18, 30)), (THU, time(18, 30)))),
        ("mon-fri 18:30", runs(*((day, time(18, 30)) for day in range(5)))),
        ("mon - wed 7 am", runs(*((day, time(7)) for day in range(3)))),
        ("mon to wed 7:00", runs(*((day, time(7)) for day in range(3)))),
        ("fri-mon 8am", runs(*((day, time(8)) for day in (FRI, SAT, SUN, MON)))),
        ("weekdays 6am", runs(*((day, time(6)) for day in range(5)))),
        ("weekends 9:30", runs((SAT, time(9, 30)), (SUN, time(9, 30)))),
        ("daily 7:00", runs(*((day, time(7)) for day in range(7)))),
        ("every day at 7am", runs(*((day, time(7)) for day in range(7)))),
        ("mon 7am wed 6pm", runs((MON, time(7)), (WED, time(18)))),
        ("mon 7am 6pm", runs((MON, time(7)), (MON, time(18)))),
        ("Tuesdays and Thursdays at 6 p.m.", runs((TUE, time(18)), (THU, time(18)))),
        ("sat 12am\nsun 12pm", runs((SAT, time(0)), (SUN, time(12)))),
        ("mon 7:00; mon 07:00; monday 7am", runs((MON, time(7)))),  # duplicates merged
        ("daily 7:00, 18:00", runs(*((d, t) for d in range(7) for t in (time(7), time(18))))),
    ],
)
def test_plans_runners_type(text: str, expected: tuple[WeeklyTime, ...]) -> None:
    assert parse_plan(text).runs == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("blursday 7am", f"I couldn't read 'blursday' as a day or a time. Try: {EXAMPLE}"),
        ("mon 25:99", f"I couldn't read '25:99' as a time. Try: {EXAMPLE}"),
        ("mon 13pm", f"I couldn't read '13pm' as a time. Try: {EXAMPLE}"),
        ("mon 24:00", f"I couldn't read '24:00' as a time. Try: {EXAMPLE}"),
        ("7am mon", f"Which day is '7am' for? Try: {EXAMPLE}"),
        ("mon,wed", f"What time do you run on 'mon,wed'? Try: {EXAMPLE}"),
        ("mon 7am; 9am", f"Which day is '9am' for? Try: {EXAMPLE}"),
        ("", f"Tell me the days and times you run. Try: {EXAMPLE}"),
        (" ; ", f"Tell me the days and times you run. Try: {EXAMPLE}"),
        (
            "daily 6am 7pm; mon 9am",
            f"That's 15 runs a week and I can remind you of up to 14. Try: {EXAMPLE}",
        ),
        ("mon 7am " * 50, f"That's too long for a run plan. Try: {EXAMPLE}"),
    ],
)
def test_friendly_errors(text: str, message: str) -> None:
    with pytest.raises(ParseError) as raised:
        parse_plan(text)
    assert raised.value.message == message
    assert str(raised.value) == message


def test_errors_quote_long_words_briefly() -> None:
    with pytest.raises(ParseError) as raised:
        parse_plan("x" * 100 + " 7am")
    assert "'xxxxxxxxxxxxxxxxxxxx…'" in raised.value.message


def test_fourteen_runs_are_fine() -> None:
    assert len(parse_plan("daily 6am 7pm").runs) == 14


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07:30", time(7, 30)),
        ("7:30", time(7, 30)),
        ("7am", time(7)),
        ("7 AM", time(7)),
        ("6.30pm", time(18, 30)),
        ("18:30", time(18, 30)),
        ("12am", time(0)),
        ("12:15pm", time(12, 15)),
        ("0:00", time(0)),
        ("23:59", time(23, 59)),
        ("7", time(7)),
        ("18h30", time(18, 30)),
    ],
)
def test_parse_time(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["25:99", "7:60", "0am", "13pm", "7:5", "noonish", "", "7am 8am"])
def test_parse_time_refuses(text: str) -> None:
    with pytest.raises(ParseError):
        parse_time(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mon", (MON,)),
        ("Mon, WED", (MON, WED)),
        ("tue tues tuesday", (TUE,)),
        ("mon-fri, sun", (MON, TUE, WED, THU, FRI, SUN)),
        ("sat-tue", (MON, TUE, SAT, SUN)),
        ("weekends", (SAT, SUN)),
        ("daily", tuple(range(7))),
    ],
)
def test_parse_days(text: str, expected: tuple[int, ...]) -> None:
    assert parse_days(text) == expected


@pytest.mark.parametrize("text", ["blursday", "mon-blursday", "weekdays-sun", "7am", ""])
def test_parse_days_refuses(text: str) -> None:
    with pytest.raises(ParseError):
        parse_days(text)


@pytest.mark.parametrize(
    ("text", "distances"),
    [
        ("sat 09:30 18km", {(SAT, time(9, 30)): 18_000}),
        ("sat 09:30 18 km", {(SAT, time(9, 30)): 18_000}),
        ("sat 09:30 11mi", {(SAT, time(9, 30)): 17_703}),
        ("sat 09:30 11 mi", {(SAT, time(9, 30)): 17_703}),
        ("sat 09:30 10.5 km", {(SAT, time(9, 30)): 10_500}),
        ("sat 09:30 10,5 KM", {(SAT, time(9, 30)): 10_500}),
        ("mon,wed 7am 8km; sat 09:30", {(MON, time(7)): 8000, (WED, time(7)): 8000}),
        ("mon 7am 5km 6pm 10k", {(MON, time(7)): 5000, (MON, time(18)): 10_000}),
        ("mon 7am", {}),
    ],
)
def test_each_run_may_carry_its_intended_distance(
    text: str, distances: dict[tuple[int, time], int]
) -> None:
    plan = parse_plan(text)
    assert plan.distances == {
        WeeklyTime(day, at): metres for (day, at), metres in distances.items()
    }
    assert set(plan.distances) <= set(plan.runs)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "sat 09:30 18kg",
            "I couldn't read '18kg' as a distance: give it in km or mi, like /runs sat 09:30 18km",
        ),
        ("sat 09:30 -5km", "A run's distance can't be negative. Try: /runs sat 09:30 18km"),
        (
            "sat 09:30 900km",
            "'900km' is not a distance I can plan for one run (more than 0, up to 250 km). "
            "Try: /runs sat 09:30 18km",
        ),
        (
            "sat 09:30 0km",
            "'0km' is not a distance I can plan for one run (more than 0, up to 250 km). "
            "Try: /runs sat 09:30 18km",
        ),
        (
            "sat 18km 09:30",
            "Which run is '18km' for? Put it after the run's time: /runs sat 09:30 18km",
        ),
        (
            "sat 09:30 18km 20km",
            "Which run is '20km' for? Put it after the run's time: /runs sat 09:30 18km",
        ),
        (  # ten o'clock, or 10 km? Not a second run by guesswork.
            "mon 06:00 10",
            "Is '10' a time or a distance? Write 10:00 for a time, or 10km for a distance: "
            "/runs sat 09:30 18km",
        ),
    ],
)
def test_distances_that_cannot_be_planned_are_named(text: str, message: str) -> None:
    with pytest.raises(ParseError) as raised:
        parse_plan(text)
    assert raised.value.message == message
