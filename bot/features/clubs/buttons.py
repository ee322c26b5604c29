"""The clubs feature's callback data: what its buttons send, and what a press asks for.

`going:<delivery id>:<answer>`: an answer on a club-run reminder, `run` ("I'm running"), `walk`
("Walk-run") or `out` ("Can't make it"); `going:<delivery id>` is "I'm running" on posts drawn
before there were three answers.

`club:<part>[:args]`, the /clubsettings menu: `m` the menu; `tz` the timezones, `tz:<n>` choose
one; `add` the days, `add:<day>` its hours, `add:<day>:<hour>` its minutes,
`add:<day>:<hour>:<minute>` add the run; `rm` the runs, `rm:<run id>` remove one; `st` stretch
times, `st:<hhmm>|off` choose; `ld` warm-up leads, `ld:<minutes>` choose; `x` close the menu.
/clubdeletedata's confirmation uses the same grammar: `del:yes` erases the club's data, `del:no`
keeps it.
"""

from dataclasses import dataclass
from datetime import time

from bot.domain.club import (
    ANSWERS,
    DEFAULT_TITLE,
    AddClubRuns,
    Answer,
    ClubChange,
    RemoveClubRun,
)
from bot.domain.runner import SetLead, SetStretch, SetZone
from bot.ui.callback import Buttons, number_from

GOING = Buttons("going", __name__)
MENU = Buttons("club", __name__)

# The menu's choices: what it draws, and all that a press may choose.
# Tappable zones, one for each region clubs are likeliest in; any other by /clubtimezone.
ZONES = (
    ("London", "Europe/London"),
    ("Dublin", "Europe/Dublin"),
    ("Lisbon", "Europe/Lisbon"),
    ("Madrid", "Europe/Madrid"),
    ("Paris", "Europe/Paris"),
    ("Berlin", "Europe/Berlin"),
    ("Rome", "Europe/Rome"),
    ("Athens", "Europe/Athens"),
    ("Istanbul", "Europe/Istanbul"),
    ("Dubai", "Asia/Dubai"),
    ("India", "Asia/Kolkata"),
    ("Singapore", "Asia/Singapore"),
    ("Tokyo", "Asia/Tokyo"),
    ("Sydney", "Australia/Sydney"),
    ("Auckland", "Pacific/Auckland"),
    ("Johannesburg", "Africa/Johannesburg"),
    ("New York", "America/New_York"),
    ("Chicago", "America/Chicago"),
    ("Denver", "America/Denver"),
    ("Los Angeles", "America/Los_Angeles"),
    ("São Paulo", "America/Sao_Paulo"),
)
HOURS = tuple(range(5, 22))  # club runs start between 05:00 and 21:45
MINUTES = (0, 15, 30, 45)
STRETCH_TIMES = tuple(time(hour, minute) for hour, minute in ((6, 30), (7, 0), (7, 30), (8, 0)))
STRETCH_TIMES += tuple(time(hour) for hour in (9, 12, 17, 18, 19, 20))
LEADS = (5, 10, 15, 20, 30, 45, 60)


def going_data(delivery_id: int, answer: Answer) -> str:
    return GOING.data(delivery_id, answer)


def going_press(data: str | None) -> tuple[int, Answer] | None:
    """The delivery an answer is for and the answer, or None for stale or forged data."""
    match GOING.parse(data):
        case (delivery,):  # a post drawn before there were three answers
            answer: str = "run"
        case (delivery, answer):
            pass
        case _:
            return None
    delivery_id = number_from(delivery)
    chosen = next((known for known in ANSWERS if known == answer), None)
    return (delivery_id, chosen) if delivery_id is not None and chosen is not None else None


@dataclass(frozen=True)
class Show:
    """Navigation: draw the screen named by `part` for its arguments."""

    part: str
    args: tuple[int, ...] = ()


@dataclass(frozen=True)
class Close:
    pass


@dataclass(frozen=True)
class Erase:
    """/clubdeletedata's answer: `confirmed` erases the club's data, otherwise nothing."""

    confirmed: bool


MenuPress = Show | Close | Erase | ClubChange


def menu_data(*args: str | int) -> str:
    return MENU.data(*args)


def _numbers(args: tuple[str, ...]) -> tuple[int, ...] | None:
    numbers = [number_from(arg) for arg in args]
    return tuple(n for n in numbers if n is not None) if None not in numbers else None


def _stretch_time(text: str) -> time | None:
    return next((at for at in STRETCH_TIMES if f"{at:%H%M}" == text), None)


def menu_press(data: str | None) -> MenuPress | None:
    """What a menu press asks for, or None for stale or forged data."""
    args = MENU.parse(data)
    if args is None:
        return None
    match args:
        case ("m" | "tz" | "add" | "rm" | "st" | "ld" as part,):
            return Show(part)
        case ("x",):
            return Close()
        case ("del", "yes" | "no" as answer):
            return Erase(confirmed=answer == "yes")
        case ("st", "off"):
            return SetStretch(None)
        case ("st", hhmm):
            at = _stretch_time(hhmm)
            return SetStretch(at) if at is not None else None
    numbers = _numbers(args[1:])
    if not args or numbers is None:
        return None
    match args[0], numbers:
        case "tz", (n,) if n < len(ZONES):
            return SetZone(ZONES[n][1])
        case "add", (weekday,) if weekday < 7:
            return Show("add", (weekday,))
        case "add", (weekday, hour) if weekday < 7 and hour in HOURS:
            return Show("add", (weekday, hour))
        case "add", (weekday, hour, minute) if weekday < 7 and hour in HOURS and minute in MINUTES:
            return AddClubRuns((weekday,), time(hour, minute), DEFAULT_TITLE)
        case "rm", (run_id,):
            return RemoveClubRun(run_id)
        case "ld", (lead,) if lead in LEADS:
            return SetLead(lead)
    return None
