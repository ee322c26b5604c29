"""The recovery feature's buttons: callback data `rl:<verb>:<args>`, and its strict parser.

Every press is parsed back into one of the dataclasses below; anything else (stale, forged,
out of range) parses to None and is answered as expired. Row ids are checked against the
presser in bot.db.painlog, so a forged id changes nothing; a day must be within DAYS_BACK of the
presser's today, which the handler checks.

  rl:new:<c|f>[:<yyyymmdd>]                     a new run: how far (today, or that day); "km or
                                                miles?" first when the runner has not chosen
  rl:u:<km|mi>:<c|f>[:<yyyymmdd>]               the unit chosen (stored): how far
  rl:d:<c|f>:<yyyymmdd>:<metres>                the distance chosen (0: not measured): how long
  rl:t:<c|f>:<yyyymmdd>:<metres>:<minutes>      the time chosen (0: not timed): the pain
  rl:fu:<km|mi>:<yyyymmdd>:<minutes>:<metres>   a watch file's run, the unit chosen: the pain
  rl:day:<c|f>                                  pick an earlier day
  rl:p:<c|f>:<pain>[:<yyyymmdd>]                an after-run check-in's pain: ask how far (a
                                                runner who chose a unit), else how long
  rl:pd:<c|f>:<pain>:<yyyymmdd>:<metres>        its distance (0: not measured): ask how long
  rl:m:<c|f>:<pain>:<yyyymmdd>:<minutes>[:<metres>]    store the run (asks first if the day
                                                has runs); minutes 0: not given
  rl:add:<c|f>:<pain>:<yyyymmdd>:<minutes>[:<metres>]  store it as another run that day
  rl:fix:<id>  rl:fp:<id>:<pain>                correct a logged run: its pain, then how far
  rl:fd:<id>:<pain>:<metres>                    the corrected distance (0: not measured): how long
  rl:rep:<id>:<pain>:<minutes>[:<metres>]       replace a run's pain, time and distance (0: not
                                                measured; none given: the distance stays)
  rl:ls  rl:e:<id>  rl:del:<id>[:yes]           the log's own screen: runs, one run, delete
  rl:am:<id>:<pain>  rl:sg:<id>:<sign>          the next-morning question
  rl:x                                          cancel: nothing (more) is changed
  rl:start  rl:stop[:yes]                       the walk-run plan
"""

from dataclasses import dataclass
from datetime import date

from bot.domain.recovery.entry import PAIN_MAX, NewRun, Sign
from bot.domain.recovery.typed import MAX_MINUTES
from bot.domain.units import MAX_METRES, Unit, unit_from
from bot.ui.callback import Buttons, number_from

RECOVERY = Buttons("rl", __name__)
DAYS_BACK = 14  # how far back a run can be logged or read from a button
_SIGNS: dict[str, Sign] = {"n": "none", "st": "stiffer", "sw": "swelling"}
_SIGN_CODES = {sign: code for code, sign in _SIGNS.items()}


@dataclass(frozen=True)
class AskDistance:
    """A new run: ask how far; `comeback` tags the run as a walk-run session."""

    comeback: bool
    day: date | None = None  # None: the presser's today


@dataclass(frozen=True)
class ChooseUnit:
    """The runner's distance unit, chosen on the way to logging a run."""

    unit: Unit
    comeback: bool
    day: date | None = None


@dataclass(frozen=True)
class Distance:
    comeback: bool
    day: date
    metres: int | None  # None: not measured


@dataclass(frozen=True)
class Duration:
    comeback: bool
    day: date
    metres: int | None
    minutes: int | None  # None: not timed


@dataclass(frozen=True)
class FileUnit:
    """The unit chosen for a run read from a watch file (date, moving time and distance)."""

    unit: Unit
    day: date
    minutes: int
    metres: int


@dataclass(frozen=True)
class PickDay:
    comeback: bool


@dataclass(frozen=True)
class Pain:
    comeback: bool
    pain: int
    day: date | None = None  # None: the presser's today


@dataclass(frozen=True)
class PainDistance:
    comeback: bool
    pain: int
    day: date
    metres: int | None  # None: not measured


@dataclass(frozen=True)
class StoreRun:
    """Store a run; `another`: the runner already chose "another run" over replacing one."""

    run: NewRun
    another: bool = False


@dataclass(frozen=True)
class Correct:
    log_id: int


@dataclass(frozen=True)
class CorrectPain:
    log_id: int
    pain: int


@dataclass(frozen=True)
class CorrectDistance:
    log_id: int
    pain: int
    metres: int | None  # None: not measured


@dataclass(frozen=True)
class Replace:
    log_id: int
    pain: int
    minutes: int | None
    metres: int | None  # None: not measured
    same_distance: bool = False  # the run's distance stays as it was (`metres` is not used)


@dataclass(frozen=True)
class ListRuns:
    pass


@dataclass(frozen=True)
class ShowRun:
    log_id: int


@dataclass(frozen=True)
class Delete:
    log_id: int
    confirmed: bool


@dataclass(frozen=True)
class Morning:
    log_id: int
    pain: int


@dataclass(frozen=True)
class Signs:
    log_id: int
    sign: Sign


@dataclass(frozen=True)
class Cancel:
    pass


@dataclass(frozen=True)
class StartPlan:
    pass


@dataclass(frozen=True)
class StopPlan:
    confirmed: bool


Press = (
    AskDistance
    | ChooseUnit
    | Distance
    | Duration
    | FileUnit
    | PickDay
    | Pain
    | PainDistance
    | StoreRun
    | Correct
    | CorrectPain
    | CorrectDistance
    | Replace
    | ListRuns
    | ShowRun
    | Delete
    | Morning
    | Signs
    | Cancel
    | StartPlan
    | StopPlan
)


def _flag(comeback: bool) -> str:
    return "c" if comeback else "f"


def _day(day: date) -> str:
    return f"{day:%Y%m%d}"


def new_run(comeback: bool, day: date | None = None) -> str:
    return RECOVERY.data("new", _flag(comeback), *([_day(day)] if day else []))


def choose_unit(unit: Unit, comeback: bool, day: date | None) -> str:
    return RECOVERY.data("u", unit, _flag(comeback), *([_day(day)] if day else []))


def distance(comeback: bool, day: date, metres: int | None) -> str:
    return RECOVERY.data("d", _flag(comeback), _day(day), metres or 0)


def duration(comeback: bool, day: date, metres: int | None, minutes: int | None) -> str:
    return RECOVERY.data("t", _flag(comeback), _day(day), metres or 0, minutes or 0)


def file_unit(unit: Unit, day: date, minutes: int, metres: int) -> str:
    return RECOVERY.data("fu", unit, _day(day), minutes, metres)


def pick_day(comeback: bool) -> str:
    return RECOVERY.data("day", _flag(comeback))


def pain(comeback: bool, value: int, day: date | None = None) -> str:
    return RECOVERY.data("p", _flag(comeback), value, *([_day(day)] if day else []))


def pain_distance(comeback: bool, value: int, day: date, metres: int | None) -> str:
    return RECOVERY.data("pd", _flag(comeback), value, _day(day), metres or 0)


def store_run(run: NewRun, another: bool) -> str:
    verb = "add" if another else "m"
    distance = [run.metres] if run.metres is not None else []
    return RECOVERY.data(
        verb, _flag(run.comeback), run.pain, _day(run.day), run.minutes or 0, *distance
    )


def correct(log_id: int) -> str:
    return RECOVERY.data("fix", log_id)


def correct_pain(log_id: int, value: int) -> str:
    return RECOVERY.data("fp", log_id, value)


def correct_distance(log_id: int, value: int, metres: int | None) -> str:
    return RECOVERY.data("fd", log_id, value, metres or 0)


def replace(log_id: int, value: int, minutes: int | None, metres: int | None) -> str:
    return RECOVERY.data("rep", log_id, value, minutes or 0, metres or 0)


def replace_keeping_distance(log_id: int, value: int, minutes: int | None) -> str:
    return RECOVERY.data("rep", log_id, value, minutes or 0)


def list_runs() -> str:
    return RECOVERY.data("ls")


def show_run(log_id: int) -> str:
    return RECOVERY.data("e", log_id)


def delete(log_id: int, confirmed: bool) -> str:
    return RECOVERY.data("del", log_id, *(["yes"] if confirmed else []))


def morning(log_id: int, value: int) -> str:
    return RECOVERY.data("am", log_id, value)


def signs(log_id: int, sign: Sign) -> str:
    return RECOVERY.data("sg", log_id, _SIGN_CODES[sign])


def cancel() -> str:
    return RECOVERY.data("x")


def start_plan() -> str:
    return RECOVERY.data("start")


def stop_plan(confirmed: bool) -> str:
    return RECOVERY.data("stop", *(["yes"] if confirmed else []))


def _comeback(flag: str) -> bool | None:
    return {"c": True, "f": False}.get(flag)


PAIN_SCORES = range(PAIN_MAX + 1)
LOG_IDS = range(2**31)  # the database's integer ids
# The runner's own times and distances ride in the buttons (offered from their history, typed,
# or read from a file). The data is trusted no further than the message showing it
# (bot.ui.presses.press_guard), so any sane value may ride along.
RUN_MINUTES = range(MAX_MINUTES + 1)  # 0: not given
RUN_METRES = range(1, MAX_METRES + 1)
_MAYBE_METRES = range(MAX_METRES + 1)  # 0: not measured


def _log_id(text: str) -> int | None:
    return number_from(text, LOG_IDS)


def _date(text: str) -> date | None:
    if len(text) != 8 or not (text.isascii() and text.isdecimal()):
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


def _run(
    flag: str, value: str, day: str, minutes: str, distance: list[str], another: bool
) -> StoreRun | None:
    """A run to store: minutes from /log's buttons, or a typed or watch-file run's own time
    and distance."""
    comeback, pain_score = _comeback(flag), number_from(value, PAIN_SCORES)
    metres = number_from(distance[0], RUN_METRES) if distance else None
    length = number_from(minutes, RUN_MINUTES)
    when = _date(day)
    if comeback is None or pain_score is None or when is None or length is None:
        return None
    if distance and (metres is None or len(distance) > 1):
        return None
    return StoreRun(NewRun(when, pain_score, length or None, comeback, metres), another)


def _log_press(args: tuple[str, ...]) -> Press | None:
    """Presses about one logged run, by its id."""
    match args:
        case (verb, log_id, *rest) if (row := _log_id(log_id)) is not None:
            return _run_press(verb, row, rest)
    return None


def _run_press(verb: str, row: int, args: list[str]) -> Press | None:
    """A press about the logged run `row`, from its verb and the arguments after the id."""
    match (verb, *args):
        case ("fix",):
            return Correct(row)
        case ("fp", value):
            number = number_from(value, PAIN_SCORES)
            return None if number is None else CorrectPain(row, number)
        case ("fd", value, distance):
            number, metres = number_from(value, PAIN_SCORES), number_from(distance, _MAYBE_METRES)
            if number is None or metres is None:
                return None
            return CorrectDistance(row, number, metres or None)
        case ("rep", value, minutes, *distance) if len(distance) <= 1:
            number, length = number_from(value, PAIN_SCORES), number_from(minutes, RUN_MINUTES)
            metres = number_from(distance[0], _MAYBE_METRES) if distance else 0
            if number is None or length is None or metres is None:
                return None
            return Replace(row, number, length or None, metres or None, same_distance=not distance)
        case ("e",):
            return ShowRun(row)
        case ("del",):
            return Delete(row, confirmed=False)
        case ("del", "yes"):
            return Delete(row, confirmed=True)
        case ("am", value):
            number = number_from(value, PAIN_SCORES)
            return None if number is None else Morning(row, number)
        case ("sg", code) if code in _SIGNS:
            return Signs(row, _SIGNS[code])
    return None


def _new_run_press(args: tuple[str, ...]) -> Press | None:
    """The steps of a new run before its pain: unit, distance, time."""
    match args:
        case ("u", name, flag, *day) if (unit := unit_from(name)) is not None and len(day) <= 1:
            comeback, when = _comeback(flag), _date(day[0]) if day else None
            if comeback is None or (day and when is None):
                return None
            return ChooseUnit(unit, comeback, when)
        case ("d", flag, day, metres):
            comeback, when = _comeback(flag), _date(day)
            distance = number_from(metres, _MAYBE_METRES)
            if comeback is None or when is None or distance is None:
                return None
            return Distance(comeback, when, distance or None)
        case ("t", flag, day, metres, minutes):
            comeback, when = _comeback(flag), _date(day)
            distance, length = number_from(metres, _MAYBE_METRES), number_from(minutes, RUN_MINUTES)
            if comeback is None or when is None or distance is None or length is None:
                return None
            return Duration(comeback, when, distance or None, length or None)
        case ("fu", name, day, minutes, metres) if (unit := unit_from(name)) is not None:
            when = _date(day)
            length, distance = number_from(minutes, RUN_MINUTES), number_from(metres, RUN_METRES)
            if when is None or not length or distance is None:
                return None
            return FileUnit(unit, when, length, distance)
    return None


def parse(args: tuple[str, ...]) -> Press | None:
    match args:
        case ("new", flag, *day) if (comeback := _comeback(flag)) is not None and len(day) <= 1:
            when = _date(day[0]) if day else None
            return None if day and when is None else AskDistance(comeback, when)
        case ("u" | "d" | "t" | "fu", *_):
            return _new_run_press(args)
        case ("day", flag) if (comeback := _comeback(flag)) is not None:
            return PickDay(comeback)
        case ("p", flag, value, *day) if (comeback := _comeback(flag)) is not None and len(
            day
        ) <= 1:
            number, when = number_from(value, PAIN_SCORES), _date(day[0]) if day else None
            return (
                None if number is None or (day and when is None) else Pain(comeback, number, when)
            )
        case ("pd", flag, value, day, metres):
            comeback, number, when = _comeback(flag), number_from(value, PAIN_SCORES), _date(day)
            distance = number_from(metres, _MAYBE_METRES)
            if comeback is None or number is None or when is None or distance is None:
                return None
            return PainDistance(comeback, number, when, distance or None)
        case ("m" | "add" as verb, flag, value, day, minutes, *distance):
            return _run(flag, value, day, minutes, distance, another=verb == "add")
        case ("ls",):
            return ListRuns()
        case ("x",):
            return Cancel()
        case ("start",):
            return StartPlan()
        case ("stop",):
            return StopPlan(confirmed=False)
        case ("stop", "yes"):
            return StopPlan(confirmed=True)
    return _log_press(args)
