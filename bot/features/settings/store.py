"""A runner's settings in the database: read them, change them (rebuilding the reminder rows in
the same transaction), and gather everything stored about them for /mydata."""

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.base import utcnow
from bot.db.engine import Database
from bot.db.models import ComebackPlan, Delivery, PainLog, Reminder, User, UserSettings
from bot.db.runners import after_run_checkins, rebuild_reminders, replace_runs, runs_of, settings_of
from bot.domain.schedule.parse import MAX_RUNS
from bot.domain.schedule.quiet import QuietHours
from bot.features.settings.screens import MyData, Overview
from bot.features.settings.screens.changes import (
    AddRun,
    Change,
    Pause,
    RemoveRun,
    ReplaceRuns,
    Resume,
    SetCheckins,
    SetLead,
    SetNudges,
    SetQuiet,
    SetStretch,
    SetZone,
    Stop,
)


def _local_today(settings: UserSettings, now: datetime) -> date:
    return now.astimezone(ZoneInfo(settings.timezone) if settings.timezone else UTC).date()


async def _upcoming(session: AsyncSession, user_id: int) -> Mapping[str, datetime]:
    rows = await session.execute(
        select(Reminder.kind, func.min(Reminder.next_fire_at))
        .where(Reminder.user_id == user_id, Reminder.active.is_(True))
        .group_by(Reminder.kind)
    )
    return dict(rows.all())


async def _overview(session: AsyncSession, settings: UserSettings, now: datetime) -> Overview:
    paused = settings.paused_until
    return Overview(
        zone=settings.timezone,
        runs=await runs_of(session, settings.user_id),
        lead_minutes=settings.warmup_lead_minutes,
        stretch_time=settings.stretch_time,
        nudges=settings.rest_day_nudges,
        quiet=QuietHours(settings.quiet_start, settings.quiet_end),
        resume_on=paused if paused is not None and paused > _local_today(settings, now) else None,
        stopped=settings.stopped,
        upcoming=await _upcoming(session, settings.user_id),
        now=now,
        checkins=await after_run_checkins(session, settings),
        checkins_chosen=settings.after_run_checkins is not None,
    )


async def read(database: Database, user_id: int, now: datetime) -> Overview:
    async with database.transaction() as session:
        return await _overview(session, await settings_of(session, user_id), now)


async def _apply(
    session: AsyncSession, settings: UserSettings, change: Change, now: datetime
) -> None:
    user_id = settings.user_id
    match change:
        case SetZone(zone=zone):
            settings.timezone = zone
        case ReplaceRuns(runs=runs):
            await replace_runs(session, user_id, runs)
        case AddRun(run=run):
            runs = await runs_of(session, user_id)
            if run not in runs and len(runs) < MAX_RUNS:
                await replace_runs(session, user_id, (*runs, run))
        case RemoveRun(run=run):
            runs = await runs_of(session, user_id)
            await replace_runs(session, user_id, tuple(kept for kept in runs if kept != run))
        case SetLead(minutes=minutes):
            settings.warmup_lead_minutes = minutes
        case SetStretch(at=at):
            settings.stretch_time = at
        case SetNudges(on=on):
            settings.rest_day_nudges = on
        case SetCheckins(on=on):
            settings.after_run_checkins = on
        case SetQuiet(edge="start", at=at):
            settings.quiet_start = at
        case SetQuiet(at=at):
            settings.quiet_end = at
        case Pause(days=days):
            # Without a timezone there is nothing to pause; a stopped runner gets nothing anyway.
            if settings.timezone is not None and not settings.stopped:
                settings.paused_until = _local_today(settings, now) + timedelta(days=days)
                await _drop_pending(session, user_id)
        case Resume():
            settings.paused_until, settings.stopped = None, False
        case Stop():
            settings.stopped = True
            await _drop_pending(session, user_id)


async def _drop_pending(session: AsyncSession, user_id: int) -> None:
    """A reminder already planned but not sent would arrive just after 'stop' or 'pause'."""
    await session.execute(
        update(Delivery)
        .where(Delivery.user_id == user_id, Delivery.status == "pending")
        .values(status="dropped")
    )


async def change(database: Database, user_id: int, change: Change, now: datetime) -> Overview:
    """Applies one change and rebuilds the runner's reminder rows, in one transaction."""
    async with database.transaction() as session:
        # Writing first takes the row's lock (PostgreSQL) or the database's (SQLite), so two quick
        # taps apply one after the other instead of both reading the old plan.
        await session.execute(
            update(UserSettings).where(UserSettings.user_id == user_id).values(updated_at=utcnow())
        )
        settings = await settings_of(session, user_id)
        await _apply(session, settings, change, now)
        await rebuild_reminders(session, user_id, now)
        return await _overview(session, settings, now)


async def zone_of(database: Database, user_id: int) -> ZoneInfo | None:
    async with database.transaction() as session:
        settings = await session.get(UserSettings, user_id)
    return ZoneInfo(settings.timezone) if settings and settings.timezone else None


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
        logs = await session.scalar(
            select(func.count(PainLog.id)).where(PainLog.user_id == user_id)
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
            pain_logs=logs or 0,
            comeback_stage=plan.stage if plan is not None and plan.active else None,
        )
