"""Callback data of the settings screens, numbers only, and what a press means: a screen to open
or a change to make. Anything else (stale, forged, out of range) reads as None.

  cfg                           the menu
  cfg:tz[:<region>[:<city>]]    regions, a region's places, set that place's zone
  cfg:loc:<id>                  the zone of a city near a shared location (location.places)
  cfg:zone:<area>:<city>        that IANA zone, offered when what was typed fits several
  cfg:run                       the plan
  cfg:run:add[:<day>[:<hour>[:<minute>]]]   add a run, one tap at a time
  cfg:run:rm[:<day>:<hour>:<minute>]        remove a run
  cfg:run:clr[:yes]             clear the plan, after confirming
  cfg:lead[:<minutes>]          warm-up lead
  cfg:str[:<hour>|:off]         stretch-of-the-day time
  cfg:ndg:on|off                rest-day nudges
  cfg:chk:on|off                after-run check-ins
  cfg:qt[:start|:end[:<hour>]]  quiet hours
  cfg:unit[:km|mi]              distances in km or miles
  cfg:ppr[:A4|Letter]           /report's paper
  cfg:pse[:<days>]              pause
  cfg:on | cfg:off              reminders back on (ends a stop or a pause) | stop them all
"""

from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass
from datetime import time
from functools import partial

from bot.domain import runner
from bot.domain.paper import paper_from
from bot.domain.schedule.places import REGIONS
from bot.domain.schedule.recurrence import WEEKDAYS, WeeklyTime
from bot.domain.schedule.zones import is_zone
from bot.domain.units import unit_from
from bot.features.settings.screens import location, options, runs, timezone
from bot.features.settings.screens.common import EDGES
from bot.features.settings.screens.menu import menu
from bot.ui.callback import number_from
from bot.ui.screen import Screen


@dataclass(frozen=True)
class Open:
    """A press that only shows a screen."""

    draw: Callable[[runner.RunnerOverview], Screen]


Press = Open | runner.RunnerChange


def _run(args: tuple[str, ...]) -> WeeklyTime | None:
    """A planned run to remove: any minute, as /runs may have typed it."""
    day, hour, minute = args
    numbers = (
        number_from(day, WEEKDAYS),
        number_from(hour, runs.HOURS),
        number_from(minute, range(60)),
    )
    if numbers[0] is None or numbers[1] is None or numbers[2] is None:
        return None
    return WeeklyTime(numbers[0], time(numbers[1], numbers[2]))


def _tap_by_tap(
    args: Sequence[str],
    choices: Sequence[Container[int] | None],
    screens: Sequence[Callable[..., Screen]],
    chosen: Callable[..., Press | None],
) -> Press | None:
    """A choice made one tap at a time, each tap a number among its `choices` (None: any):
    before the last tap, the screen offering the next (given the taps so far); after it, what
    `chosen` makes of them."""
    numbers = [number_from(arg, allowed) for arg, allowed in zip(args, choices, strict=False)]
    taps = [number for number in numbers if number is not None]
    if len(args) > len(choices) or len(taps) < len(args):
        return None
    if len(taps) < len(choices):
        return Open(partial(screens[len(taps)], *taps))
    return chosen(*taps)


def _zone(region: int, city: int) -> Press | None:
    zone = timezone.zone_at(region, city)
    return runner.SetZone(zone) if zone is not None else None


def _stretch_at(hour: int) -> Press:
    return runner.SetStretch(time(hour))


def _timezone(args: Sequence[str]) -> Press | None:
    regions = range(len(REGIONS))
    return _tap_by_tap(args, (regions, None), (timezone.regions, timezone.cities), _zone)


def _add(args: Sequence[str]) -> Press | None:
    return _tap_by_tap(
        args,
        (WEEKDAYS, runs.HOURS, runs.MINUTES),
        (runs.pick_day, runs.pick_hour, runs.pick_minute),
        lambda day, hour, minute: runner.AddRun(WeeklyTime(day, time(hour, minute))),
    )


def _runs(args: tuple[str, ...]) -> Press | None:
    match args:
        case ():
            return Open(runs.runs_screen)
        case ("add", *rest):
            return _add(rest)
        case ("rm",):
            return Open(runs.pick_removal)
        case ("rm", day, hour, minute):
            run = _run((day, hour, minute))
            return runner.RemoveRun(run) if run is not None else None
        case ("clr",):
            return Open(runs.confirm_clear)
        case ("clr", "yes"):
            return runner.ReplaceRuns(())
    return None


def _quiet(args: tuple[str, ...]) -> Press | None:
    match args:
        case ():
            return Open(options.quiet)
        case (edge,) if edge in EDGES:
            return Open(partial(options.quiet_hour, EDGES[edge]))
        case (edge, hour) if edge in EDGES:
            number = number_from(hour, range(24))
            return runner.SetQuiet(EDGES[edge], time(number)) if number is not None else None
    return None


def parse(args: tuple[str, ...]) -> Press | None:
    """What a press with callback data `cfg:<args>` asks for; None when stale or forged."""
    match args:
        case ():
            return Open(menu)
        case ("tz", *rest):
            return _timezone(rest)
        case ("run", *rest):
            return _runs(tuple(rest))
        case ("lead", *rest):
            return _tap_by_tap(rest, (options.LEADS,), (options.lead,), runner.SetLead)
        case ("str", "off"):
            return runner.SetStretch(None)
        case ("str", *rest):
            return _tap_by_tap(rest, (options.STRETCH_HOURS,), (options.stretch,), _stretch_at)
        case ("ndg", "on" | "off" as value):
            return runner.SetNudges(value == "on")
        case ("chk", "on" | "off" as value):
            return runner.SetCheckins(value == "on")
        case ("qt", *rest):
            return _quiet(tuple(rest))
        case ("unit",):
            return Open(options.unit)
        case ("unit", name) if (unit := unit_from(name)) is not None:
            return runner.SetUnit(unit)
        case ("ppr",):
            return Open(options.paper)
        case ("ppr", name) if (paper := paper_from(name)) is not None:
            return runner.SetPaper(paper)
        case ("pse", *rest):
            return _tap_by_tap(rest, (options.PAUSE_DAYS,), (options.pause,), runner.Pause)
        case ("zone", *parts):
            name = "/".join(parts)
            return runner.SetZone(name) if is_zone(name) else None
        case ("loc", index):
            number = number_from(index)
            zone = location.zone_by_id(number) if number is not None else None
            return runner.SetZone(zone) if zone is not None else None
        case ("on",):
            return runner.Resume()
        case ("off",):
            return runner.Stop()
    return None
