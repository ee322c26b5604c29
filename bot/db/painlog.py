"""Every query about a runner's recovery: the pain log (read back as pure entries, written from
/log's taps) and the walk-run plan, runners' status for the day (pain log, walk-run stage, run
days) for the messages the scheduler sends, and the next-morning check-in a logged run asks for.

Every write checks that the row is the presser's own; the verdict and the plan's next stage
(bot.domain.recovery's rules) are computed in the same transaction."""

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.chats import enroll_user
from bot.db.engine import Database
from bot.db.models import ComebackPlan, PainLog, PlannedRun, SkippedRun, UserSettings
from bot.db.outbox import plan_once
from bot.db.runners import after_run_checkins, rebuild_reminders, runs_of
from bot.domain.recovery import (
    ActivePlan,
    PainEntry,
    RunReview,
    SessionSchedule,
    Sign,
    TaggedRun,
    review_run,
)
from bot.domain.recovery.choices import PastRun
from bot.domain.recovery.entry import NewRun
from bot.domain.recovery.pain import CREEP_WEEKS
from bot.domain.recovery.spike import WINDOW, LoggedDistance
from bot.domain.recovery.status import (
    MORNING_WITHIN,
    LoggedRun,
    RunnerStatus,
    status_of,
    waiting_for_morning,
)
from bot.domain.runner import StoredRun
from bot.domain.schedule.firing import morning_checkin
from bot.domain.schedule.quiet import QuietHours
from bot.domain.schedule.recurrence import WeeklyTime
from bot.domain.schedule.run_day import SKIPS_WITHIN, rested_weekdays
from bot.domain.units import Unit, unit_from

# Enough history to judge the latest runs, "creeping up" over three weeks included, and to know
# the longest run of the 30 days before a planned one.
_HISTORY = max(timedelta(weeks=CREEP_WEEKS + 1), WINDOW)


def logged_run(row: PainLog) -> LoggedRun:
    return LoggedRun(row.id, row.entry)


async def log_rows(
    session: AsyncSession, user_ids: Collection[int], since: date | None = None
) -> Sequence[PainLog]:
    """The users' logged runs, oldest first; from `since` (a local date) when given."""
    query = select(PainLog).where(PainLog.user_id.in_(user_ids)).order_by(PainLog.day)
    if since is not None:
        query = query.where(PainLog.day >= since)
    return (await session.execute(query)).scalars().all()


async def runner_statuses(
    session: AsyncSession, todays: dict[int, date]
) -> dict[int, RunnerStatus]:
    """Each user's status on their local `today`: four queries, however many users (two more
    when some planned run carries a distance: how far back their distances go, and their unit)."""
    if not todays:
        return {}
    users = list(todays)
    since = min(todays.values()) - _HISTORY
    runs: defaultdict[int, list[LoggedRun]] = defaultdict(list)
    distances: defaultdict[int, list[LoggedDistance]] = defaultdict(list)
    for row in await log_rows(session, users, since):
        runs[row.user_id].append(logged_run(row))
        if row.metres is not None:
            distances[row.user_id].append(LoggedDistance(row.day, row.metres))
    plans = await session.execute(
        select(ComebackPlan.user_id, ComebackPlan.stage).where(
            ComebackPlan.user_id.in_(users), ComebackPlan.active.is_(True)
        )
    )
    stages: dict[int, int] = dict(plans.all())
    planned: defaultdict[int, dict[int, set[time]]] = defaultdict(lambda: defaultdict(set))
    planned_metres: defaultdict[int, dict[WeeklyTime, int]] = defaultdict(dict)
    weekdays = await session.execute(
        select(
            PlannedRun.user_id, PlannedRun.weekday, PlannedRun.local_time, PlannedRun.metres
        ).where(PlannedRun.user_id.in_(users))
    )
    for user, weekday, local_time, metres in weekdays:
        planned[user][weekday].add(local_time)
        if metres is not None:
            planned_metres[user][WeeklyTime(weekday, local_time)] = metres
    for user, first in await _first_distances(session, list(planned_metres), since):
        distances[user].insert(0, first)
    skips = await _skips(session, users, min(todays.values()) - SKIPS_WITHIN)
    units = await _units(session, list(planned_metres))
    return {
        user: status_of(
            runs[user],
            stages.get(user),
            today,
            frozenset(planned[user]),
            planned_metres.get(user),
            distances[user] if user in planned_metres else (),
            skipped=frozenset(key for key, _, _ in skips[user]),
            rested=rested_weekdays({(day, at) for _, day, at in skips[user]}, planned[user], today),
            unit=units.get(user, "km"),
        )
        for user, today in todays.items()
    }


async def _units(session: AsyncSession, users: list[int]) -> dict[int, Unit]:
    """The distance unit of the runners who chose one, among `users`."""
    if not users:
        return {}
    rows = await session.execute(
        select(UserSettings.user_id, UserSettings.distance_unit).where(
            UserSettings.user_id.in_(users), UserSettings.distance_unit.is_not(None)
        )
    )
    return {user: unit for user, text in rows if (unit := unit_from(text)) is not None}


async def _skips(
    session: AsyncSession, users: list[int], since: date
) -> defaultdict[int, list[tuple[str, date, time]]]:
    """The runs each user skipped from `since` on: occurrence key, local date and time."""
    found: defaultdict[int, list[tuple[str, date, time]]] = defaultdict(list)
    rows = await session.execute(
        select(
            SkippedRun.user_id, SkippedRun.occurrence_key, SkippedRun.day, SkippedRun.local_time
        ).where(SkippedRun.user_id.in_(users), SkippedRun.day >= since)
    )
    for user, key, day, at in rows:
        found[user].append((key, day, at))
    return found


async def _first_distances(
    session: AsyncSession, users: list[int], before: date
) -> list[tuple[int, LoggedDistance]]:
    """Each user's first run with a distance, when it is older than `before`: the spike guard
    must know whether the log goes back 30 days."""
    if not users:
        return []
    first = (
        select(PainLog.user_id, func.min(PainLog.day).label("day"))
        .where(PainLog.user_id.in_(users), PainLog.metres.is_not(None), PainLog.day < before)
        .group_by(PainLog.user_id)
        .subquery()
    )
    query = (
        select(PainLog.user_id, PainLog.day, PainLog.metres)
        .join(first, (PainLog.user_id == first.c.user_id) & (PainLog.day == first.c.day))
        .where(PainLog.metres.is_not(None))
    )
    rows = await session.execute(query)
    return [(user, LoggedDistance(day, metres)) for user, day, metres in rows if metres is not None]


async def plan_morning_checkin(
    session: AsyncSession, user_id: int, run_day: date, now: datetime
) -> None:
    """Queues the question about the knee for the morning after `run_day`, for a runner whose
    reminders are on (a time zone set, not stopped, not paused that morning). Sent only if the
    run still has no morning answer by then; queued once per run day."""
    settings = await session.get(UserSettings, user_id)
    if settings is None or settings.timezone is None or settings.stopped:
        return
    quiet = QuietHours(settings.quiet_start, settings.quiet_end)
    firing = morning_checkin(settings.timezone, run_day, quiet)
    morning = firing.fire_at.astimezone(ZoneInfo(settings.timezone)).date()
    if settings.paused_until is not None and settings.paused_until > morning:
        return
    if firing.deadline <= now:
        return  # logged too late for that morning: /log asks instead
    await plan_once(session, user_id, "checkin", settings.timezone, firing)


async def entries(database: Database, user_id: int) -> list[PainEntry]:
    async with database.transaction() as session:
        return [logged_run(row).entry for row in await log_rows(session, [user_id])]


async def stored_runs(database: Database, user_id: int, since: date) -> list[StoredRun]:
    """The runs logged from `since` (a local date), oldest first, with their walk-run stage."""
    async with database.transaction() as session:
        rows = await log_rows(session, [user_id], since)
        return [StoredRun(row.entry, row.stage) for row in rows]


async def distances(database: Database, user_id: int) -> list[LoggedDistance]:
    """The runs with a known distance, for the spike guard (which needs to know how far back
    the log goes, not only its last 30 days)."""
    async with database.transaction() as session:
        rows = await log_rows(session, [user_id])
        return [LoggedDistance(row.day, row.metres) for row in rows if row.metres is not None]


async def past_runs(database: Database, user_id: int, since: date) -> list[PastRun]:
    """The distances and times logged from `since` (a local date), oldest first: what /log's
    buttons are sized to."""
    async with database.transaction() as session:
        rows = await log_rows(session, [user_id], since)
        return [PastRun(row.day, row.metres, row.minutes) for row in rows]


async def unanswered(database: Database, user_id: int, today: date) -> LoggedRun | None:
    """A recent run still waiting for its next-morning answer."""
    async with database.transaction() as session:
        rows = await log_rows(session, [user_id], today - MORNING_WITHIN)
        return waiting_for_morning([logged_run(row) for row in rows], today)


async def session_schedule(database: Database, user_id: int) -> SessionSchedule:
    """When the runner's walk-run sessions happen (read only: no settings row is created)."""
    async with database.transaction() as session:
        settings = await session.get(UserSettings, user_id)
        return SessionSchedule(
            runs=await runs_of(session, user_id),
            zone_set=settings is not None and settings.timezone is not None,
            stopped=settings is not None and settings.stopped,
            checkins=settings is not None and await after_run_checkins(session, settings),
        )


async def active_stage(database: Database, user_id: int) -> int | None:
    async with database.transaction() as session:
        plan = await session.get(ComebackPlan, user_id)
        return plan.stage if plan is not None and plan.active else None


async def runs_on(database: Database, user_id: int, day: date) -> list[LoggedRun]:
    """The runs logged on that local day, oldest first."""
    async with database.transaction() as session:
        query = select(PainLog).where(PainLog.user_id == user_id, PainLog.day == day)
        return [
            logged_run(row) for row in (await session.execute(query.order_by(PainLog.id))).scalars()
        ]


async def recent_runs(database: Database, user_id: int, since: date) -> list[LoggedRun]:
    """The runs logged from `since` (a local date) on, latest first."""
    async with database.transaction() as session:
        rows = await log_rows(session, [user_id], since)
        return [
            logged_run(row) for row in sorted(rows, key=lambda row: (row.day, row.id), reverse=True)
        ]


async def run_count(database: Database, user_id: int) -> int:
    async with database.transaction() as session:
        query = select(func.count()).select_from(PainLog).where(PainLog.user_id == user_id)
        return int((await session.execute(query)).scalar_one())


async def run_of(database: Database, user_id: int, log_id: int) -> LoggedRun | None:
    async with database.transaction() as session:
        row = await _own(session, user_id, log_id)
        return logged_run(row) if row is not None else None


async def add_run(
    database: Database,
    user_id: int,
    run: NewRun,
    stage_count: int,
    now: datetime,
) -> tuple[RunReview, int]:
    """Stores one more run (tagged with the plan's stage when it was a session of an active
    plan), asks about the next morning when it is still to come, and reviews the run."""
    async with database.transaction() as session:
        await enroll_user(session, user_id)
        plan = await session.get(ComebackPlan, user_id)
        stage = plan.stage if run.comeback and plan is not None and plan.active else None
        morning = await _morning_of(session, user_id, run.day)
        row = PainLog(
            user_id=user_id,
            day=run.day,
            during_run=run.pain,
            minutes=run.minutes,
            metres=run.metres,
            stage=stage,
            created_at=now,
            next_morning=morning.next_morning if morning else None,
            stiffer=morning.stiffer if morning else False,
            swelling=morning.swelling if morning else False,
        )
        session.add(row)
        await session.flush()
        await plan_morning_checkin(session, user_id, run.day, now)
        return await _review(session, user_id, row, stage_count), row.id


async def _morning_of(session: AsyncSession, user_id: int, day: date) -> PainLog | None:
    """A run of that day whose next morning is answered already: the answer is the day's."""
    query = select(PainLog).where(
        PainLog.user_id == user_id, PainLog.day == day, PainLog.next_morning.is_not(None)
    )
    return (await session.execute(query.limit(1))).scalars().first()


async def replace_run(
    database: Database,
    user_id: int,
    log_id: int,
    pain: int,
    minutes: int | None,
    stage_count: int,
    metres: int | None,
) -> RunReview | None:
    """Corrects a logged run's pain, time and distance; its day, stage and next morning stay."""
    async with database.transaction() as session:
        row = await _own(session, user_id, log_id)
        if row is None:
            return None
        row.entry = replace(row.entry, during_run=pain, minutes=minutes, metres=metres)
        return await _review(session, user_id, row, stage_count)


async def delete_run(database: Database, user_id: int, log_id: int) -> PainEntry | None:
    """Deletes one of the runner's runs; returns what it was, None if it is not theirs."""
    async with database.transaction() as session:
        row = await _own(session, user_id, log_id)
        if row is None:
            return None
        entry = logged_run(row).entry
        await session.delete(row)
        return entry


async def _own(session: AsyncSession, user_id: int, log_id: int) -> PainLog | None:
    row = await session.get(PainLog, log_id)
    return row if row is not None and row.user_id == user_id else None


async def _same_day(session: AsyncSession, row: PainLog) -> Sequence[PainLog]:
    query = select(PainLog).where(PainLog.user_id == row.user_id, PainLog.day == row.day)
    return (await session.execute(query)).scalars().all()


async def _review(session: AsyncSession, user_id: int, row: PainLog, stage_count: int) -> RunReview:
    """Reviews the run and moves an active plan to the stage it decides."""
    runs = [
        TaggedRun(logged_run(other), other.stage, other.created_at)
        for other in await log_rows(session, [user_id])
    ]
    plan = await session.get(ComebackPlan, user_id)
    active = ActivePlan(plan.stage, plan.started_at) if plan is not None and plan.active else None
    review = review_run(runs, row.id, active, stage_count)
    if plan is not None and review.decision is not None:
        plan.stage = review.decision.stage
    return review


async def set_morning(database: Database, user_id: int, log_id: int, pain: int) -> bool:
    """The knee the morning after: the answer is for every run of that day."""
    async with database.transaction() as session:
        row = await _own(session, user_id, log_id)
        if row is None:
            return False
        for run in await _same_day(session, row):
            run.entry = replace(run.entry, next_morning=pain)
        return True


async def set_signs(
    database: Database, user_id: int, log_id: int, sign: Sign, stage_count: int
) -> RunReview | None:
    async with database.transaction() as session:
        row = await _own(session, user_id, log_id)
        if row is None or row.next_morning is None:
            return None
        for run in await _same_day(session, row):
            run.entry = replace(run.entry, stiffer=sign == "stiffer", swelling=sign == "swelling")
        return await _review(session, user_id, row, stage_count)


async def start_plan(database: Database, user_id: int, now: datetime) -> int:
    """Starts the plan at stage 1 (again, if it was stopped); returns the current stage, which
    a stale "Start" button pressed during a plan leaves as it was. The runner's reminders are
    rebuilt, since after-run check-ins follow the plan unless they chose otherwise."""
    async with database.transaction() as session:
        plan = await session.get(ComebackPlan, user_id)
        if plan is None:
            await enroll_user(session, user_id)
            plan = ComebackPlan(user_id=user_id, stage=1, started_at=now, active=True)
            session.add(plan)
        elif not plan.active:
            plan.stage, plan.started_at, plan.active = 1, now, True
        await session.flush()
        await rebuild_reminders(session, user_id, now)
        return plan.stage


async def stop_plan(database: Database, user_id: int, now: datetime) -> None:
    async with database.transaction() as session:
        await session.execute(
            update(ComebackPlan).where(ComebackPlan.user_id == user_id).values(active=False)
        )
        await rebuild_reminders(session, user_id, now)


async def delete_before(session: AsyncSession, day: date) -> int:
    """Deletes every logged run on a local date before `day`; returns how many."""
    result = await session.execute(delete(PainLog).where(PainLog.day < day))
    return int(result.rowcount)  # type: ignore[attr-defined]
