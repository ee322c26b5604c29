"""Every query about a runner: their settings (read into bot.domain.runner's value, changed by its
rules), weekly plan and the reminder rows built from them, and everything stored about them for
/mydata. A change is one transaction: lock, apply the pure rule, write back, rebuild the reminder
rows, read the overview."""

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.base import insert_for, utcnow
from bot.db.chats import enroll_user
from bot.db.engine import Database
from bot.db.models import (
    ClubAttendance,
    ComebackPlan,
    Delivery,
    PainLog,
    PlannedRun,
    Reminder,
    SkippedRun,
    User,
    UserSettings,
)
from bot.db.outbox import FINISHED
from bot.db.reminders import row_for
from bot.domain.paper import paper_from, report_paper
from bot.domain.runner import (
    KeptMessage,
    Measures,
    MyData,
    RunnerChange,
    RunnerOverview,
    RunnerSettings,
    RunningTap,
    StoredRun,
    apply_change,
    local_today,
    overview_of,
    pause_in_force,
)
from bot.domain.schedule.quiet import QuietHours
from bot.domain.schedule.recurrence import WeeklyTime, planned_of
from bot.domain.schedule.run_day import RUN_MESSAGES
from bot.domain.schedule.sources import RunnerPlan, rules_for
from bot.domain.schedule.wall import to_utc
from bot.domain.units import unit_from


async def settings_of(session: AsyncSession, user_id: int) -> UserSettings:
    """The user's settings, created with the defaults on first use (and the user with them)."""
    settings = await session.get(UserSettings, user_id)
    if settings is None:
        await enroll_user(session, user_id)
        # Two first taps may arrive together: insert-or-nothing, then read whichever row won.
        await session.execute(
            insert_for(session, UserSettings).values(user_id=user_id).on_conflict_do_nothing()
        )
        settings = await session.get(UserSettings, user_id)
        assert settings is not None
    return settings


async def runs_of(session: AsyncSession, user_id: int) -> tuple[WeeklyTime, ...]:
    rows = await session.execute(
        select(PlannedRun.weekday, PlannedRun.local_time).where(PlannedRun.user_id == user_id)
    )
    return tuple(sorted(WeeklyTime(weekday, local_time) for weekday, local_time in rows))


async def distances_of(session: AsyncSession, user_id: int) -> dict[WeeklyTime, int]:
    """The intended distance (metres) of each planned run that has one."""
    rows = await session.execute(
        select(PlannedRun.weekday, PlannedRun.local_time, PlannedRun.metres).where(
            PlannedRun.user_id == user_id, PlannedRun.metres.is_not(None)
        )
    )
    return {WeeklyTime(day, at): metres for day, at, metres in rows if metres is not None}


async def replace_runs(
    session: AsyncSession,
    user_id: int,
    runs: tuple[WeeklyTime, ...],
    distances: Mapping[WeeklyTime, int],
) -> None:
    await session.execute(delete(PlannedRun).where(PlannedRun.user_id == user_id))
    session.add_all(
        PlannedRun(user_id=user_id, weekday=r.weekday, local_time=r.time, metres=distances.get(r))
        for r in runs
    )


async def after_run_checkins(session: AsyncSession, settings: UserSettings) -> bool:
    """The runner's choice, or, until they make one, whether a /comeback plan is active."""
    if settings.after_run_checkins is not None:
        return settings.after_run_checkins
    comeback = await session.get(ComebackPlan, settings.user_id)
    return comeback is not None and comeback.active


async def rebuild_reminders(session: AsyncSession, user_id: int, now: datetime) -> None:
    """Replaces the user's reminder rows with ones built from their current settings. Deliveries
    already planned keep their unique keys, so rebuilding can never send anything twice."""
    await session.execute(delete(Reminder).where(Reminder.user_id == user_id))
    settings = await session.get(UserSettings, user_id)
    if settings is None or settings.timezone is None or settings.stopped:
        return
    plan = RunnerPlan(
        zone=settings.timezone,
        runs=await runs_of(session, user_id),
        lead=timedelta(minutes=settings.warmup_lead_minutes),
        stretch_time=settings.stretch_time,
        nudges=settings.rest_day_nudges,
        quiet=QuietHours(settings.quiet_start, settings.quiet_end),
        after_run_checkins=await after_run_checkins(session, settings),
        spread_key=user_id,
    )
    start = now
    if settings.paused_until is not None:
        start = max(now, to_utc(ZoneInfo(settings.timezone), settings.paused_until, time(0)))
    session.add_all(row_for(rule, user_id, user_id, start) for rule in rules_for(plan))


async def _read_settings(session: AsyncSession, row: UserSettings) -> RunnerSettings:
    runs, distances = await runs_of(session, row.user_id), await distances_of(session, row.user_id)
    return RunnerSettings(
        zone=row.timezone,
        runs=runs,
        lead_minutes=row.warmup_lead_minutes,
        stretch_time=row.stretch_time,
        nudges=row.rest_day_nudges,
        checkins=row.after_run_checkins,
        quiet=QuietHours(row.quiet_start, row.quiet_end),
        paused_until=row.paused_until,
        stopped=row.stopped,
        distances=distances,
        unit=unit_from(row.distance_unit),
        paper=paper_from(row.paper),
    )


def _write(row: UserSettings, settings: RunnerSettings) -> None:
    row.timezone = settings.zone
    row.warmup_lead_minutes = settings.lead_minutes
    row.stretch_time = settings.stretch_time
    row.rest_day_nudges = settings.nudges
    row.after_run_checkins = settings.checkins
    row.quiet_start, row.quiet_end = settings.quiet.start, settings.quiet.end
    row.paused_until = settings.paused_until
    row.stopped = settings.stopped
    row.distance_unit = settings.unit
    row.paper = settings.paper


async def _upcoming(session: AsyncSession, user_id: int) -> Mapping[str, datetime]:
    rows = await session.execute(
        select(Reminder.kind, func.min(Reminder.next_fire_at))
        .where(Reminder.user_id == user_id, Reminder.active.is_(True))
        .group_by(Reminder.kind)
    )
    return dict(rows.all())


async def _overview(session: AsyncSession, row: UserSettings, now: datetime) -> RunnerOverview:
    return overview_of(
        await _read_settings(session, row),
        upcoming=await _upcoming(session, row.user_id),
        checkins=await after_run_checkins(session, row),
        now=now,
    )


async def read_overview(database: Database, user_id: int, now: datetime) -> RunnerOverview:
    """The runner's overview; before they set anything, the defaults, stored nowhere (opening
    /settings is not setting something up: /privacy promises no record until then)."""
    async with database.transaction() as session:
        row = await session.get(UserSettings, user_id) or _unsaved_defaults(user_id)
        return await _overview(session, row, now)


def _unsaved_defaults(user_id: int) -> UserSettings:
    """A settings row as a first change would insert it, never added to the session."""
    scalar = [c for c in UserSettings.__table__.columns if c.default is not None]
    values = {c.key: c.default.arg for c in scalar if c.default.is_scalar}  # not timestamps
    return UserSettings(user_id=user_id, **values)


async def _drop_pending(session: AsyncSession, user_id: int) -> None:
    await session.execute(
        update(Delivery)
        .where(Delivery.user_id == user_id, Delivery.status == "pending")
        .values(status="dropped")
    )


async def _drop_unplanned(session: AsyncSession, user_id: int, after: RunnerSettings) -> None:
    """A run taken out of the plan (or moved to another clock) takes its one-off messages with
    it: a "remind me 10 minutes before" and the after-run check-in."""
    pending = await session.execute(
        select(Delivery.id, Delivery.occurrence_key).where(
            Delivery.user_id == user_id,
            Delivery.status == "pending",
            Delivery.kind.in_(RUN_MESSAGES),
        )
    )
    gone = [
        delivery_id
        for delivery_id, key in pending.all()
        if not key.endswith(f"@{after.zone}")
        or (planned := planned_of(key)) is None
        or planned[1] not in after.runs
    ]
    if gone:
        await session.execute(
            update(Delivery).where(Delivery.id.in_(gone)).values(status="dropped")
        )


async def change_settings(
    database: Database, user_id: int, change: RunnerChange, now: datetime
) -> RunnerOverview:
    """Applies one change and rebuilds the runner's reminder rows, in one transaction."""
    async with database.transaction() as session:
        # Writing first takes the row's lock (PostgreSQL) or the database's (SQLite), so two quick
        # taps apply one after the other instead of both reading the old plan.
        await session.execute(
            update(UserSettings).where(UserSettings.user_id == user_id).values(updated_at=utcnow())
        )
        row = await settings_of(session, user_id)
        before = await _read_settings(session, row)
        applied = apply_change(before, change, local_today(before.zone, now))
        after = applied.settings
        _write(row, after)
        if (after.runs, after.distances) != (before.runs, before.distances):
            await replace_runs(session, user_id, after.runs, after.distances)
        if applied.drop_pending:
            await _drop_pending(session, user_id)
        elif (after.runs, after.zone) != (before.runs, before.zone):
            await _drop_unplanned(session, user_id, after)
        await rebuild_reminders(session, user_id, now)
        return await _overview(session, row, now)


async def zone_of(database: Database, user_id: int) -> ZoneInfo | None:
    async with database.transaction() as session:
        settings = await session.get(UserSettings, user_id)
    return ZoneInfo(settings.timezone) if settings and settings.timezone else None


async def measures_of(database: Database, user_id: int) -> Measures:
    """The runner's distance unit and report paper (read only: no settings row is created)."""
    async with database.transaction() as session:
        settings = await session.get(UserSettings, user_id)
    if settings is None:
        return Measures(None, report_paper(None, None))
    chosen = paper_from(settings.paper)
    return Measures(unit_from(settings.distance_unit), report_paper(chosen, settings.timezone))


async def messages_held(database: Database, user_id: int, now: datetime) -> bool:
    """Whether the runner stopped or paused the bot's messages (read only)."""
    async with database.transaction() as session:
        row = await session.get(UserSettings, user_id)
    return row is not None and (row.stopped or pause_in_force(row.paused_until, row.timezone, now))


async def my_data(database: Database, user_id: int, now: datetime) -> MyData | None:
    """Everything stored about the user; read only, so asking creates no settings row."""
    async with database.transaction() as session:
        user = await session.get(User, user_id)
        if user is None:
            return None
        settings = await session.get(UserSettings, user_id)
        counts = await session.execute(
            select(Reminder.kind, func.count())
            .where(Reminder.user_id == user_id)
            .group_by(Reminder.kind)
        )
        pending = await session.scalar(
            select(func.count(Delivery.id)).where(
                Delivery.user_id == user_id, Delivery.status == "pending"
            )
        )
        plan = await session.get(ComebackPlan, user_id)
        return MyData(
            user_id=user.id,
            language_code=user.language_code,
            reachable=user.is_active,
            first_seen=user.created_at,
            settings=await _overview(session, settings, now) if settings else None,
            runs=await runs_of(session, user_id),
            reminders=dict(counts.all()),
            pending_deliveries=pending or 0,
            pain_log=await _pain_log(session, user_id),
            comeback_stage=plan.stage if plan is not None and plan.active else None,
            running=await _running(session, user_id),
            kept_messages=await _kept_messages(session, user_id),
            skipped_runs=await _skipped_runs(session, user_id),
        )


async def _pain_log(session: AsyncSession, user_id: int) -> tuple[StoredRun, ...]:
    rows = await session.execute(
        select(PainLog).where(PainLog.user_id == user_id).order_by(PainLog.day, PainLog.id)
    )
    return tuple(StoredRun(row.entry, row.stage) for row in rows.scalars())


async def club_answers(database: Database, user_id: int) -> tuple[RunningTap, ...]:
    """The runner's answers on club-run posts: stored for group members who never started the
    bot, too (read only)."""
    async with database.transaction() as session:
        return await _running(session, user_id)


async def _running(session: AsyncSession, user_id: int) -> tuple[RunningTap, ...]:
    rows = await session.execute(
        select(
            ClubAttendance.answer,
            ClubAttendance.first_name,
            Delivery.event_at,
            Delivery.zone,
            Delivery.title,
        )
        .join(Delivery, Delivery.id == ClubAttendance.delivery_id)
        .where(ClubAttendance.user_id == user_id)
        .order_by(Delivery.event_at)
    )
    return tuple(RunningTap(*row) for row in rows.all())


async def _kept_messages(session: AsyncSession, user_id: int) -> tuple[KeptMessage, ...]:
    rows = await session.execute(
        select(Delivery.kind, Delivery.event_at, Delivery.zone, Delivery.status)
        .where(Delivery.user_id == user_id, Delivery.status.in_(FINISHED))
        .order_by(Delivery.event_at)
    )
    return tuple(KeptMessage(*row) for row in rows.all())


async def _skipped_runs(session: AsyncSession, user_id: int) -> tuple[tuple[date, time], ...]:
    rows = await session.execute(
        select(SkippedRun.day, SkippedRun.local_time)
        .where(SkippedRun.user_id == user_id)
        .order_by(SkippedRun.day, SkippedRun.local_time)
    )
    return tuple((day, at) for day, at in rows.all())
