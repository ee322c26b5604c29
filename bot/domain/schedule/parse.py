"""What runners type for their run plan: days, times and (optionally) each run's intended
distance in, WeeklyTimes and distances out, friendly errors."""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time

from bot.domain.schedule.recurrence import WEEKDAYS, WeeklyTime
from bot.domain.units import MAX_METRES, typed_distance

EXAMPLE = "/runs mon,wed 07:00; sat 09:30"
MAX_RUNS = 14  # two a day: more is a typo, not a plan
MAX_INPUT = 300

_FULL_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ABBREVIATIONS = (
    ("mo", "mon"),
    ("tu", "tue", "tues"),
    ("we", "wed", "weds"),
    ("th", "thu", "thur", "thurs"),
    ("fr", "fri"),
    ("sa", "sat"),
    ("su", "sun"),
)
_DAYS: dict[str, tuple[int, ...]] = {
    **{name: (day,) for day, names in enumerate(_ABBREVIATIONS) for name in names},
    **{name: (day,) for day, name in enumerate(_FULL_NAMES)},
    **{name + "s": (day,) for day, name in enumerate(_FULL_NAMES)},  # "mondays 7am"
    "daily": tuple(WEEKDAYS),
    "everyday": tuple(WEEKDAYS),
    "weekdays": (0, 1, 2, 3, 4),
    "weekday": (0, 1, 2, 3, 4),
    "weekends": (5, 6),
    "weekend": (5, 6),
}
_FILLERS = frozenset({"and", "at", "on", "every", "&", "@"})

_GROUPS = re.compile(r"[;\n]+")
_SPLIT = re.compile(r"[,\s]+")
_RANGE_DASH = re.compile(r"\s*[-\u2013\u2014]\s*")
_RANGE_TO = re.compile(r"\s+to\s+", re.IGNORECASE)
_EVERY_DAY = re.compile(r"\bevery\s+day\b", re.IGNORECASE)
_SPACED_MERIDIEM = re.compile(r"(\d)\s+([ap]\.?m\.?)(?![a-z])", re.IGNORECASE)
_TIME = re.compile(r"(?P<hour>\d{1,2})(?:[:.h](?P<minute>\d{2}))?(?:(?P<ap>[ap])\.?m\.?)?")
_LOOKS_LIKE_TIME = re.compile(r"\d")
# A run's intended distance follows its time: "sat 09:30 18km", "18 km", "11mi", "10.5 km".
_UNITS = r"km|k|mi|miles?"
_DISTANCE = re.compile(rf"(?P<amount>\d+(?:\.\d+)?)(?P<unit>{_UNITS})")
_SPACED_UNIT = re.compile(rf"(\d)\s+({_UNITS})\b", re.IGNORECASE)
_NEGATIVE_DISTANCE = re.compile(
    rf"(?<![\w:.])[-\u2212]\s*\d+(?:[.,]\d+)?\s*(?:{_UNITS})\b", re.IGNORECASE
)
_DECIMAL_COMMA = re.compile(rf"(\d),(\d+)\s*({_UNITS})\b", re.IGNORECASE)  # 10,5 km
_NUMBER_AND_UNIT = re.compile(r"\d+(?:\.\d+)?(?![ap]\.?m\.?$)[a-z]+")  # '18kg', not '13pm'
DISTANCE_EXAMPLE = "/runs sat 09:30 18km"


@dataclass(frozen=True)
class TypedPlan:
    """A weekly plan as typed: its runs, and the intended distance of those given one."""

    runs: tuple[WeeklyTime, ...]
    distances: Mapping[WeeklyTime, int] = field(default_factory=dict)  # metres


class ParseError(ValueError):
    """Input a runner typed that cannot be read; `message` is ready to show them."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def parse_plan(text: str) -> TypedPlan:
    """'mon,wed 07:00; sat 09:30 18km' -> the planned runs, sorted, duplicates merged, and the
    distances given.

    Each ';' or line is a group of days followed by their times; a day after a time starts a new
    set of days ('mon 7am wed 6pm'). Ranges wrap the week ('fri-mon'). A distance after a time
    is the intended distance of that time's runs.
    """
    if _NEGATIVE_DISTANCE.search(text):
        raise ParseError(f"A run's distance can't be negative. Try: {DISTANCE_EXAMPLE}")
    groups = [group for group in _GROUPS.split(_normalise(text)) if group.strip()]
    if not groups:
        raise ParseError(f"Tell me the days and times you run. Try: {EXAMPLE}")
    runs: set[WeeklyTime] = set()
    distances: dict[WeeklyTime, int] = {}
    for group in groups:
        _parse_group(group, runs, distances)
    if len(runs) > MAX_RUNS:
        raise ParseError(
            f"That's {len(runs)} runs a week and I can remind you of up to {MAX_RUNS}. "
            f"Try: {EXAMPLE}"
        )
    return TypedPlan(tuple(sorted(runs)), distances)


def parse_days(text: str) -> tuple[int, ...]:
    """'mon-fri, sun' -> (0, 1, 2, 3, 4, 6)."""
    words = _words(_normalise(text))
    if not words:
        raise ParseError(f"Tell me which days, like mon,wed or weekdays. Try: {EXAMPLE}")
    days: set[int] = set()
    for word in words:
        found = _days(word)
        if found is None:
            raise _unreadable(word)
        days.update(found)
    return tuple(sorted(days))


def parse_time(text: str) -> time:
    """'07:30', '7:30', '7am', '6.30pm', '18:30' -> a wall-clock time."""
    words = _words(_normalise(text))
    if len(words) != 1:
        raise ParseError(f"Tell me one time, like 07:30 or 6.30pm. Try: {EXAMPLE}")
    found = _time(words[0])
    if found is None:
        raise _unreadable(words[0])
    return found


def _normalise(text: str) -> str:
    if len(text) > MAX_INPUT:
        raise ParseError(f"That's too long for a run plan. Try: {EXAMPLE}")
    text = _EVERY_DAY.sub("daily", text)
    text = _RANGE_TO.sub("-", text)
    text = _RANGE_DASH.sub("-", text)
    text = _DECIMAL_COMMA.sub(r"\1.\2\3", text)
    text = _SPACED_UNIT.sub(r"\1\2", text)
    return _SPACED_MERIDIEM.sub(r"\1\2", text)


def _words(text: str) -> list[str]:
    return [word for word in _SPLIT.split(text) if word and word.lower() not in _FILLERS]


def _parse_group(group: str, runs: set[WeeklyTime], distances: dict[WeeklyTime, int]) -> None:
    """Adds the group's runs to `runs`, and the distances given to `distances`."""
    days: list[int] = []
    pending: list[str] = []  # the words that named `days`, until a time follows them
    timed = False
    latest: list[WeeklyTime] = []  # the runs of the latest time, until a distance follows it
    for word in _words(group):
        found_days = _days(word)
        if found_days is not None:
            if timed:  # a day after a time starts a new set of days
                days, timed = [], False
            days.extend(found_days)
            pending.append(word)
            latest = []
            continue
        if latest and word.isdecimal():  # 'mon 06:00 10': ten o'clock, or 10 km?
            raise ParseError(
                f"Is {_quote(word)} a time or a distance? Write {word}:00 for a time, or "
                f"{word}km for a distance: {DISTANCE_EXAMPLE}"
            )
        found_time = _time(word)
        if found_time is None:
            metres = _distance(word)
            if not latest:
                raise ParseError(
                    f"Which run is {_quote(word)} for? Put it after the run's time: "
                    f"{DISTANCE_EXAMPLE}"
                )
            distances.update((run, metres) for run in latest)
            latest = []
            continue
        if not days:
            raise ParseError(f"Which day is {_quote(word)} for? Try: {EXAMPLE}")
        latest = [WeeklyTime(day, found_time) for day in days]
        runs.update(latest)
        pending, timed = [], True
    if pending:
        raise ParseError(f"What time do you run on {_quote(','.join(pending))}? Try: {EXAMPLE}")


def _distance(word: str) -> int:
    """'18km', '11mi' -> metres; anything else is an unreadable word."""
    found = _DISTANCE.fullmatch(word.lower())
    if found is None:
        if _NUMBER_AND_UNIT.fullmatch(word.lower()):
            raise ParseError(
                f"I couldn't read {_quote(word)} as a distance: give it in km or mi, "
                f"like {DISTANCE_EXAMPLE}"
            )
        raise _unreadable(word)
    metres, _ = typed_distance(found["amount"], found["unit"])
    if not 0 < metres <= MAX_METRES:
        raise ParseError(
            f"{_quote(word)} is not a distance I can plan for one run "
            f"(more than 0, up to {MAX_METRES // 1000} km). Try: {DISTANCE_EXAMPLE}"
        )
    return metres


def _days(word: str) -> tuple[int, ...] | None:
    lowered = word.lower()
    if lowered in _DAYS:
        return _DAYS[lowered]
    first, dash, last = lowered.partition("-")
    if not dash or first not in _DAYS or last not in _DAYS:
        return None
    start, stop = _DAYS[first], _DAYS[last]
    if len(start) != 1 or len(stop) != 1:  # 'weekdays-sun' is not a range
        return None
    length = (stop[0] - start[0]) % 7 + 1  # ranges wrap the week: fri-mon
    return tuple((start[0] + step) % 7 for step in range(length))


def _time(word: str) -> time | None:
    match = _TIME.fullmatch(word.lower())
    if match is None:
        return None
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    if match["ap"] is not None:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match["ap"] == "p" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def _unreadable(word: str) -> ParseError:
    what = "as a time" if _LOOKS_LIKE_TIME.search(word) else "as a day or a time"
    return ParseError(f"I couldn't read {_quote(word)} {what}. Try: {EXAMPLE}")


def _quote(word: str) -> str:
    # The message echoes what was typed: keep it short.
    return f"'{word[:20]}…'" if len(word) > 20 else f"'{word}'"
