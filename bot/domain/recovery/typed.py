"""A run typed in one line: `/log 8.5 km 52 min 3/10`, in any order.

Pain is required (`3/10`); the distance (`8.5 km`, `5.2mi`, `10k`) and the time (`52 min`,
`1:05`, `1h05`) are optional. Anything else is refused with a message that says what was not
understood, so nothing half-read is stored.
"""

import re
from dataclasses import dataclass

from bot.domain.recovery.entry import PAIN_MAX
from bot.domain.schedule.parse import ParseError
from bot.domain.units import MAX_METRES, Unit, typed_distance

MAX_MINUTES = 24 * 60
EXAMPLE = "/log 8.5 km 52 min 3/10"

_PAIN = re.compile(r"(\d{1,2})/10")
_DISTANCE = re.compile(r"(\d+(?:[.,]\d+)?)\s*(km|k|mi|miles?)\b")
_HOURS = re.compile(r"(\d{1,2})(?::|h)(\d{2})\b")
_MINUTES = re.compile(r"(\d{1,4})\s*(?:min|mins|minutes|m)\b")


@dataclass(frozen=True, slots=True)
class TypedRun:
    pain: int
    minutes: int | None
    metres: int | None
    unit: Unit | None = None  # the unit the distance was typed in


def _take(pattern: re.Pattern[str], text: str) -> tuple[re.Match[str] | None, str]:
    found = pattern.search(text)
    if found is None:
        return None, text
    return found, text[: found.start()] + " " + text[found.end() :]


def parse_typed_run(text: str) -> TypedRun:
    rest = text.casefold()
    pain, rest = _take(_PAIN, rest)
    distance, rest = _take(_DISTANCE, rest)
    hours, rest = _take(_HOURS, rest)
    minutes, rest = _take(_MINUTES, rest) if hours is None else (None, rest)
    if rest.strip():
        raise ParseError(f"I couldn't read “{rest.strip()[:40]}”. For example: {EXAMPLE}")
    if pain is None:
        raise ParseError(f"Give the pain during the run out of 10, e.g. 3/10: {EXAMPLE}")
    score = int(pain.group(1))
    if score > PAIN_MAX:
        raise ParseError("Pain goes from 0/10 (none) to 10/10 (the worst you can imagine).")
    metres, unit = None, None
    if distance is not None:
        metres, unit = typed_distance(distance.group(1), distance.group(2))
        if not 0 < metres <= MAX_METRES:
            raise ParseError(f"{distance.group(0)} is not a distance I can log for one run.")
    length = None
    if hours is not None:
        length = int(hours.group(1)) * 60 + int(hours.group(2))
    elif minutes is not None:
        length = int(minutes.group(1))
    if length is not None and not 0 < length <= MAX_MINUTES:
        raise ParseError("The time of a run is between 1 minute and 24 hours.")
    return TypedRun(score, length, metres, unit)
