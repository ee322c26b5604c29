"""Realistic random runners: weekly plans, run times, leads, stretch times and zones.

Deterministic for a seed. Times cluster where runners actually run (early morning and after
work) and on round minutes; zones cover the big user bases plus the odd offsets (+05:45,
-03:30) and southern-hemisphere DST.
"""

import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import time, timedelta
from zoneinfo import ZoneInfo

from bot.db.reminders import RuleRow
from bot.domain.schedule.firing import Rule
from bot.domain.schedule.quiet import QuietHours
from bot.domain.schedule.recurrence import WeeklyTime
from bot.domain.schedule.sources import RunnerPlan, rules_for

FIRST_USER_ID = 100_000_001  # the local Bot API hands out user ids from here, in order
QUIET = QuietHours(time(22, 0), time(7, 0))  # the settings' defaults

ZONES: dict[str, float] = {
    "Europe/London": 8,
    "Europe/Berlin": 8,
    "Europe/Paris": 6,
    "Europe/Madrid": 4,
    "Europe/Rome": 4,
    "Europe/Amsterdam": 3,
    "Europe/Warsaw": 3,
    "Europe/Stockholm": 2,
    "Europe/Helsinki": 2,
    "Europe/Athens": 1,
    "Europe/Kyiv": 2,
    "Europe/Moscow": 3,
    "Europe/Istanbul": 2,
    "America/New_York": 8,
    "America/Chicago": 4,
    "America/Denver": 2,
    "America/Los_Angeles": 5,
    "America/Toronto": 2,
    "America/Mexico_City": 2,
    "America/Bogota": 1,
    "America/Sao_Paulo": 4,
    "America/Argentina/Buenos_Aires": 2,
    "America/St_Johns": 0.3,
    "Africa/Lagos": 1,
    "Africa/Nairobi": 1,
    "Africa/Johannesburg": 1,
    "Asia/Dubai": 1,
    "Asia/Tehran": 0.5,
    "Asia/Kolkata": 4,
    "Asia/Kathmandu": 0.3,
    "Asia/Jakarta": 1,
    "Asia/Singapore": 1,
    "Asia/Shanghai": 2,
    "Asia/Tokyo": 3,
    "Australia/Adelaide": 0.5,
    "Australia/Sydney": 2,
    "Pacific/Auckland": 1,
}
# ZoneInfo caches zones weakly: holding them keeps the tz files from being read again and again.
ZONE_INFOS = [ZoneInfo(zone) for zone in ZONES]
RUNS_PER_WEEK = {1: 8, 2: 18, 3: 28, 4: 22, 5: 13, 6: 7, 7: 4}  # mean about 3.6
WEEKDAY_WEIGHTS = (1.0, 1.2, 1.0, 1.2, 0.8, 1.3, 1.5)  # Monday .. Sunday
LEADS = {5: 1, 10: 3, 15: 8, 20: 3, 25: 1, 30: 2}  # minutes; 15 is the default
STRETCH_SHARE = 0.30
NUDGE_SHARE = 0.85
USUAL_TIME_SHARE = 0.75  # runs at the runner's usual time; the others vary


@dataclass(frozen=True, slots=True)
class Runner:
    user_id: int
    plan: RunnerPlan


def _minutes(start: time, end: time) -> tuple[list[time], list[float]]:
    """5-minute steps in [start, end], round minutes far likelier (people say 'at 6:30')."""
    times, weights = [], []
    minute = start.hour * 60 + start.minute
    while minute <= end.hour * 60 + end.minute:
        times.append(time(minute // 60, minute % 60))
        weights.append(6.0 if minute % 30 == 0 else 3.0 if minute % 15 == 0 else 1.0)
        minute += 5
    return times, weights


_MORNING = _minutes(time(6, 0), time(7, 30))
_EVENING = _minutes(time(17, 30), time(19, 0))
_ANY = _minutes(time(5, 0), time(20, 30))
_STRETCH = [_minutes(time(19, 0), time(21, 30)), _minutes(time(6, 30), time(8, 30))]


class Population:
    def __init__(self, seed: int = 2026) -> None:
        self._random = random.Random(seed)
        self._zones = list(ZONES)
        self._zone_weights = list(ZONES.values())

    def _pick(self, choices: tuple[list[time], list[float]]) -> time:
        times, weights = choices
        return self._random.choices(times, weights)[0]

    def _run_time(self) -> time:
        roll = self._random.random()
        return self._pick(_MORNING if roll < 0.42 else _EVENING if roll < 0.80 else _ANY)

    def _weekdays(self, count: int) -> list[int]:
        days = list(range(7))
        weights = list(WEEKDAY_WEIGHTS)
        chosen = []
        for _ in range(count):
            index = self._random.choices(range(len(days)), weights)[0]
            chosen.append(days.pop(index))
            weights.pop(index)
        return sorted(chosen)

    def runner(self, index: int) -> Runner:
        rnd = self._random
        zone = rnd.choices(self._zones, self._zone_weights)[0]
        count = rnd.choices(list(RUNS_PER_WEEK), list(RUNS_PER_WEEK.values()))[0]
        usual = self._run_time()
        runs = tuple(
            WeeklyTime(day, usual if rnd.random() < USUAL_TIME_SHARE else self._run_time())
            for day in self._weekdays(count)
        )
        lead = rnd.choices(list(LEADS), list(LEADS.values()))[0]
        stretch = None
        if rnd.random() < STRETCH_SHARE:
            stretch = self._pick(_STRETCH[0] if rnd.random() < 0.7 else _STRETCH[1])
        plan = RunnerPlan(
            zone=zone,
            runs=runs,
            lead=timedelta(minutes=lead),
            stretch_time=stretch,
            nudges=rnd.random() < NUDGE_SHARE,
            quiet=QUIET,
            spread_key=FIRST_USER_ID + index,  # as the bot builds it: nudges spread per runner
        )
        return Runner(FIRST_USER_ID + index, plan)

    def runners(self, count: int) -> Iterator[Runner]:
        for index in range(count):
            yield self.runner(index)


def rule_sizes(users: int, seed: int = 2026) -> list[tuple[RuleRow, int]]:
    """The rules of `users` runners with how many rows share each, as the forecast's query
    returns them."""
    population, sizes = Population(seed), Counter[Rule]()
    for index in range(users):
        sizes.update(rules_for(population.runner(index).plan))
    return [(RuleRow.of(rule), size) for rule, size in sizes.items()]
