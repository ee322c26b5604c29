"""The pain log read back as pure entries, runners' status for the day (pain log, walk-run
stage, run days) for the messages the scheduler sends, and the next-morning check-in a logged
run asks for."""

from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.chats import insert_for
from bot.db.models import ComebackPlan, Delivery, PainLog, PlannedRun, UserSettings
from bot.domain.recovery import PainEntry
from bot.domain.recovery.pain import CREEP_WEEKS
from bot.domain.recovery.status import LoggedRun, RunnerStatus, status_of
from bot.domain.schedule.firing import morning_checkin
from bot.domain.schedule.quiet import QuietHours

# Enough history to judge the latest runs, "creeping up" over three weeks included.
_HISTORY = timedelta(weeks=CREEP_WEEKS + 1)


def logged_run(row: PainLog) -> LoggedRun:
    entry = PainEntry(
        day=row.day,
        during_run=row.during_run,
        next_morning=row.next_morning,
        minutes=row.minutes,
        swelling=row.swelling,
        stiffer=row.stiffer,
    )
    return LoggedRun(row.id, entry)


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
    """Each user's status on their local `today`: three queries, however many users."""
    if not todays:
        return {}
    users = list(todays)
    runs: defaultdict[int, list[LoggedRun]] = defaultdict(list)
    for row in await log_rows(session, users, min(todays.values()) - _HISTORY):
        runs[row.user_id].append(logged_run(row))
    plans = await session.execute(
        select(ComebackPlan.user_id, ComebackPlan.stage).where(
            ComebackPlan.user_id.in_(users), ComebackPlan.active.is_(True)
        )
    )
    stages: dict[int, int] = dict(plans.all())
    planned: defaultdict[int, set[int]] = defaultdict(set)
    weekdays = await session.execute(
        select(PlannedRun.user_id, PlannedRun.weekday).where(PlannedRun.user_id.in_(users))
    )
    for user, weekday in weekdays:
        planned[user].add(weekday)
    return {
        user: status_of(runs[user], stages.get(user), today, frozenset(planned[user]))
        for user, today in todays.items()
    }


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
    statement = insert_for(session, Delivery).values(
        chat_id=user_id,
        user_id=user_id,
        kind="checkin",
        zone=settings.timezone,
        occurrence_key=firing.key,
        event_at=firing.event_at,
        not_before=firing.fire_at,
        deadline=firing.deadline,
    )
    await session.execute(statement.on_conflict_do_nothing())
