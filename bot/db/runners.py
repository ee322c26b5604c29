"""A runner's settings, weekly plan and the reminder rows built from them."""

from datetime import datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.chats import insert_for
from bot.db.models import ComebackPlan, PlannedRun, Reminder, UserSettings
from bot.domain.schedule.firing import Rule, next_firing
from bot.domain.schedule.quiet import QuietHours
from bot.domain.schedule.recurrence import WeeklyTime
from bot.domain.schedule.sources import RunnerPlan, rules_for
from bot.domain.schedule.wall import to_utc


async def settings_of(session: AsyncSession, user_id: int) -> UserSettings:
    """The user's settings, created with the defaults on first use (the user row must exist)."""
    settings = await session.get(UserSettings, user_id)
    if settings is None:
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


async def replace_runs(session: AsyncSession, user_id: int, runs: tuple[WeeklyTime, ...]) -> None:
    await session.execute(delete(PlannedRun).where(PlannedRun.user_id == user_id))
    session.add_all(PlannedRun(user_id=user_id, weekday=r.weekday, local_time=r.time) for r in runs)


async def after_run_checkins(session: AsyncSession, settings: UserSettings) -> bool:
    """The runner's choice, or, until they make one, whether a /comeback plan is active."""
    if settings.after_run_checkins is not None:
        return settings.after_run_checkins
    comeback = await session.get(ComebackPlan, settings.user_id)
    return comeback is not None and comeback.active


def row_for(rule: Rule, chat_id: int, user_id: int | None, after: datetime) -> Reminder:
    firing = next_firing(rule, after)
    return Reminder(
        chat_id=chat_id,
        user_id=user_id,
        kind=rule.kind,
        zone=rule.zone,
        weekdays="".join(str(day) for day in rule.weekdays),
        local_time=rule.local_time,
        lead_minutes=int(rule.lead.total_seconds() // 60),
        quiet_start=rule.quiet.start if rule.quiet else None,
        quiet_end=rule.quiet.end if rule.quiet else None,
        next_fire_at=firing.fire_at,
        event_at=firing.event_at,
        occurrence_key=firing.key,
        active=True,
    )


class RuleColumns(Protocol):
    """The columns of a reminder row that make its rule: a Reminder, or a row selecting them."""

    @property
    def kind(self) -> str: ...
    @property
    def zone(self) -> str: ...
    @property
    def weekdays(self) -> str: ...
    @property
    def local_time(self) -> time: ...
    @property
    def lead_minutes(self) -> int: ...
    @property
    def quiet_start(self) -> time | None: ...
    @property
    def quiet_end(self) -> time | None: ...


def rule_of(row: RuleColumns) -> Rule:
    quiet = (
        QuietHours(row.quiet_start, row.quiet_end)
        if row.quiet_start is not None and row.quiet_end is not None
        else None
    )
    return Rule(
        kind=row.kind,  # type: ignore[arg-type]  # written from a Kind by row_for
        zone=row.zone,
        weekdays=tuple(int(day) for day in row.weekdays),
        local_time=row.local_time,
        lead=timedelta(minutes=row.lead_minutes),
        quiet=quiet,
    )


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
    )
    start = now
    if settings.paused_until is not None:
        start = max(now, to_utc(ZoneInfo(settings.timezone), settings.paused_until, time(0)))
    session.add_all(row_for(rule, user_id, user_id, start) for rule in rules_for(plan))
