"""The recovery feature's buttons: callback data `rl:<verb>:<args>`, and its strict parser.

Every press is parsed back into one of the dataclasses below; anything else (stale, forged,
out of range) parses to None and is answered as expired. Row ids are checked against the
presser in bot.db.painlog, so a forged id changes nothing.
"""

from dataclasses import dataclass

from bot.domain.recovery.entry import PAIN_MAX, Sign
from bot.ui.callback import Buttons, number_from

RECOVERY = Buttons("rl", __name__)
DURATIONS = (20, 30, 45, 60, 90)  # minutes offered after a run; 0 means skipped
_SIGNS: dict[str, Sign] = {"n": "none", "st": "stiffer", "sw": "swelling"}
_SIGN_CODES = {sign: code for code, sign in _SIGNS.items()}


@dataclass(frozen=True)
class AskPain:
    """Show the during-run question; `comeback` tags the run as a walk-run session."""

    comeback: bool


@dataclass(frozen=True)
class Pain:
    comeback: bool
    pain: int


@dataclass(frozen=True)
class Minutes:
    log_id: int
    minutes: int | None


@dataclass(frozen=True)
class Morning:
    log_id: int
    pain: int


@dataclass(frozen=True)
class Signs:
    log_id: int
    sign: Sign


@dataclass(frozen=True)
class StartPlan:
    pass


@dataclass(frozen=True)
class StopPlan:
    pass


Press = AskPain | Pain | Minutes | Morning | Signs | StartPlan | StopPlan


def _flag(comeback: bool) -> str:
    return "c" if comeback else "f"


def ask_pain(comeback: bool) -> str:
    return RECOVERY.data("new", _flag(comeback))


def pain(comeback: bool, value: int) -> str:
    return RECOVERY.data("p", _flag(comeback), value)


def minutes(log_id: int, value: int | None) -> str:
    return RECOVERY.data("m", log_id, value or 0)


def morning(log_id: int, value: int) -> str:
    return RECOVERY.data("am", log_id, value)


def signs(log_id: int, sign: Sign) -> str:
    return RECOVERY.data("sg", log_id, _SIGN_CODES[sign])


def start_plan() -> str:
    return RECOVERY.data("start")


def stop_plan() -> str:
    return RECOVERY.data("stop")


def _comeback(flag: str) -> bool | None:
    return {"c": True, "f": False}.get(flag)


PAIN_SCORES = range(PAIN_MAX + 1)
LOG_IDS = range(2**31)  # the database's integer ids


def _log_id(text: str) -> int | None:
    return number_from(text, LOG_IDS)


def parse(args: tuple[str, ...]) -> Press | None:
    match args:
        case ("new", flag) if (comeback := _comeback(flag)) is not None:
            return AskPain(comeback)
        case ("p", flag, value) if (comeback := _comeback(flag)) is not None:
            number = number_from(value, PAIN_SCORES)
            return None if number is None else Pain(comeback, number)
        case ("m", log_id, value) if (row := _log_id(log_id)) is not None:
            number = number_from(value, (0, *DURATIONS))  # 0: skipped
            return None if number is None else Minutes(row, number or None)
        case ("am", log_id, value) if (row := _log_id(log_id)) is not None:
            number = number_from(value, PAIN_SCORES)
            return None if number is None else Morning(row, number)
        case ("sg", log_id, code) if (row := _log_id(log_id)) is not None and code in _SIGNS:
            return Signs(row, _SIGNS[code])
        case ("start",):
            return StartPlan()
        case ("stop",):
            return StopPlan()
    return None
