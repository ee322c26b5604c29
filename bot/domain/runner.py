"""A runner's settings as a value, the changes a runner can make to them, and the rules that apply
a change; what the settings screens and /mydata show.

Pure: no telegram, no database, no clock (the current instant and the local date are passed in).
bot.db.runners reads and writes these values; bot.features.settings shows them. A club's settings
and changes are bot.domain.club's.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from bot.domain.paper import Paper
from bot.domain.recovery.entry import PainEntry
from bot.domain.schedule.parse import MAX_RUNS
from bot.domain.schedule.quiet import QuietHours
from bot.domain.schedule.recurrence import WeeklyTime
from bot.domain.units import Unit

QuietEdge = Literal["start", "end"]


@dataclass(frozen=True)
class RunnerSettings:
    """What a runner chose in /settings, and their weekly run plan."""

    zone: str | None  # IANA name; None until they choose one, and no reminders until then
    runs: tuple[WeeklyTime, ...]
    lead_minutes: int  # warm-up reminders this long before each run
    stretch_time: time | None
    nudges: bool  # rest-day nudges
    checkins: bool | None  # after-run check-ins; None: they follow the /comeback plan
    quiet: QuietHours
    paused_until: date | None  # the local date reminders resume
    stopped: bool
    distances: Mapping[WeeklyTime, int] = field(default_factory=dict)  # metres, of some runs
    unit: Unit | None = None  # km or miles; None until chosen (asked when a distance is needed)
    paper: Paper | None = None  # /report's paper; None until chosen (from the timezone)


@dataclass(frozen=True, slots=True)
class Measures:
    """How a runner reads distances (None: not chosen yet) and the paper their report is on."""

    unit: Unit | None
    paper: Paper


@dataclass(frozen=True)
class SetZone:
    zone: str


@dataclass(frozen=True)
class ReplaceRuns:
    runs: tuple[WeeklyTime, ...]
    distances: Mapping[WeeklyTime, int] = field(default_factory=dict)  # metres, of some runs


@dataclass(frozen=True)
class AddRun:
    run: WeeklyTime


@dataclass(frozen=True)
class RemoveRun:
    run: WeeklyTime


@dataclass(frozen=True)
class SetLead:
    minutes: int


@dataclass(frozen=True)
class SetStretch:
    at: time | None


@dataclass(frozen=True)
class SetNudges:
    on: bool


@dataclass(frozen=True)
class SetCheckins:
    on: bool


@dataclass(frozen=True)
class SetQuiet:
    edge: QuietEdge
    at: time


@dataclass(frozen=True)
class SetUnit:
    unit: Unit


@dataclass(frozen=True)
class SetPaper:
    paper: Paper


@dataclass(frozen=True)
class Pause:
    days: int


@dataclass(frozen=True)
class Resume:
    pass


@dataclass(frozen=True)
class Stop:
    pass


# What a runner can change; buttons and typed commands make the same changes.
RunnerChange = (
    SetZone
    | ReplaceRuns
    | AddRun
    | RemoveRun
    | SetLead
    | SetStretch
    | SetNudges
    | SetCheckins
    | SetQuiet
    | SetUnit
    | SetPaper
    | Pause
    | Resume
    | Stop
)


@dataclass(frozen=True)
class Applied:
    """A change applied: the new settings, and whether deliveries already planned but not sent
    must be dropped (they would arrive just after 'stop' or 'pause')."""

    settings: RunnerSettings
    drop_pending: bool = False


def local_today(zone: str | None, now: datetime) -> date:
    """The runner's local date (the UTC date until they choose a timezone)."""
    return now.astimezone(ZoneInfo(zone) if zone else UTC).date()


def pause_in_force(paused_until: date | None, zone: str | None, now: datetime) -> bool:
    """Whether a pause until the local date `paused_until` still holds messages back at `now`."""
    return paused_until is not None and paused_until > local_today(zone, now)


def apply_change(settings: RunnerSettings, change: RunnerChange, today: date) -> Applied:
    """The settings after `change`, on the runner's local date `today`."""
    match change:
        case SetZone(zone=zone):
            return Applied(replace(settings, zone=zone))
        case ReplaceRuns(runs=runs, distances=distances):
            given = {run: metres for run, metres in distances.items() if run in runs}
            return Applied(replace(settings, runs=runs, distances=given))
        case AddRun(run=run):
            if run in settings.runs or len(settings.runs) >= MAX_RUNS:
                return Applied(settings)
            return Applied(replace(settings, runs=tuple(sorted((*settings.runs, run)))))
        case RemoveRun(run=run):
            kept = tuple(planned for planned in settings.runs if planned != run)
            distances = {
                other: metres for other, metres in settings.distances.items() if other != run
            }
            return Applied(replace(settings, runs=kept, distances=distances))
        case SetLead(minutes=minutes):
            return Applied(replace(settings, lead_minutes=minutes))
        case SetStretch(at=at):
            return Applied(replace(settings, stretch_time=at))
        case SetNudges(on=on):
            return Applied(replace(settings, nudges=on))
        case SetCheckins(on=on):
            return Applied(replace(settings, checkins=on))
        case SetQuiet(edge="start", at=at):
            return Applied(replace(settings, quiet=QuietHours(at, settings.quiet.end)))
        case SetQuiet(at=at):
            return Applied(replace(settings, quiet=QuietHours(settings.quiet.start, at)))
        case SetUnit(unit=unit):
            return Applied(replace(settings, unit=unit))
        case SetPaper(paper=paper):
            return Applied(replace(settings, paper=paper))
        case Pause(days=days):
            # Without a timezone there is nothing to pause; a stopped runner gets nothing anyway.
            if settings.zone is None or settings.stopped:
                return Applied(settings)
            paused = replace(settings, paused_until=today + timedelta(days=days))
            return Applied(paused, drop_pending=True)
        case Resume():
            return Applied(replace(settings, paused_until=None, stopped=False))
        case Stop():
            return Applied(replace(settings, stopped=True), drop_pending=True)
    raise AssertionError(f"unhandled change {change!r}")


@dataclass(frozen=True)
class RunnerOverview:
    """A runner's settings, plan and next reminders as they apply now: everything the settings
    screens show."""

    zone: str | None
    runs: tuple[WeeklyTime, ...]
    lead_minutes: int
    stretch_time: time | None
    nudges: bool
    quiet: QuietHours
    resume_on: date | None  # a pause still in force: the local date reminders come back
    stopped: bool
    upcoming: Mapping[str, datetime]  # kind -> its next reminder (UTC)
    now: datetime
    checkins: bool = False  # after-run check-ins, as they apply now
    checkins_chosen: bool = False  # False: they follow the /comeback plan until the runner chooses
    distances: Mapping[WeeklyTime, int] = field(default_factory=dict)  # metres, of some runs
    unit: Unit | None = None  # None: not chosen yet
    paper: Paper | None = None  # None: not chosen yet (report_paper gives the one that applies)

    def next(self, kind: str | None = None) -> tuple[str, datetime] | None:
        """The next reminder of `kind` (any kind: the soonest), with its kind."""
        found = [(at, k) for k, at in self.upcoming.items() if kind in (None, k)]
        if not found:
            return None
        at, k = min(found)
        return k, at


def overview_of(
    settings: RunnerSettings, upcoming: Mapping[str, datetime], checkins: bool, now: datetime
) -> RunnerOverview:
    """The overview at `now`, given the next reminder of each kind and whether after-run
    check-ins apply (when not chosen, that depends on the /comeback plan)."""
    paused = settings.paused_until
    in_force = pause_in_force(paused, settings.zone, now)
    return RunnerOverview(
        zone=settings.zone,
        runs=settings.runs,
        lead_minutes=settings.lead_minutes,
        stretch_time=settings.stretch_time,
        nudges=settings.nudges,
        quiet=settings.quiet,
        resume_on=paused if in_force else None,
        stopped=settings.stopped,
        upcoming=upcoming,
        now=now,
        checkins=checkins,
        checkins_chosen=settings.checkins is not None,
        distances=settings.distances,
        unit=settings.unit,
        paper=settings.paper,
    )


@dataclass(frozen=True)
class StoredRun:
    """One row of the pain log, as stored."""

    entry: PainEntry
    stage: int | None  # the walk-run stage, when the run was a /comeback session


@dataclass(frozen=True)
class RunningTap:
    """One answer on a club run's post ("run", "walk" or "out", bot.domain.club.Answer): the
    name the group sees (None for "out": the post shows a count only), and the run."""

    answer: str
    first_name: str | None
    run_at: datetime
    zone: str
    title: str | None


@dataclass(frozen=True)
class KeptMessage:
    """A message planned for the runner and finished with, kept a while against duplicates."""

    kind: str
    planned_for: datetime
    zone: str
    status: str  # sent, failed, dropped (too late) or uncertain


@dataclass(frozen=True)
class MyData:
    """Everything stored about a runner, for /mydata: the rows themselves, not counts."""

    user_id: int
    language_code: str | None
    reachable: bool
    first_seen: datetime
    settings: RunnerOverview | None  # None: nothing chosen yet, no settings row
    runs: tuple[WeeklyTime, ...]
    reminders: Mapping[str, int]  # kind -> scheduled reminder rows
    pending_deliveries: int
    pain_log: tuple[StoredRun, ...] = ()  # oldest first
    comeback_stage: int | None = None  # the walk-run stage of an active /comeback plan
    running: tuple[RunningTap, ...] = ()
    kept_messages: tuple[KeptMessage, ...] = ()
    skipped_runs: tuple[tuple[date, time], ...] = ()  # "Not running today": local date and time
