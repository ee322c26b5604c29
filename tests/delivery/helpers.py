"""Setting a runner up directly in the database, as /settings would."""

from collections.abc import Mapping
from datetime import datetime, time

from sqlalchemy import select

from bot.db import chats, runners
from bot.db.engine import Database
from bot.db.models import Delivery, Reminder
from bot.domain.schedule.recurrence import WeeklyTime

MONDAY = 0


async def runner(
    database: Database,
    user_id: int,
    now: datetime,
    *,
    zone: str = "Europe/Berlin",
    runs: tuple[WeeklyTime, ...] = (WeeklyTime(MONDAY, time(7, 0)),),
    stretch_time: time | None = None,
    nudges: bool = False,
    lead_minutes: int = 15,
    distances: Mapping[WeeklyTime, int] | None = None,
) -> None:
    async with database.transaction() as session:
        await chats.enroll_user(session, user_id)
        await chats.user_seen(session, user_id, "en")
        settings = await runners.settings_of(session, user_id)
        settings.timezone, settings.stretch_time = zone, stretch_time
        settings.rest_day_nudges, settings.warmup_lead_minutes = nudges, lead_minutes
        await runners.replace_runs(session, user_id, runs, distances or {})
        await session.flush()
        await runners.rebuild_reminders(session, user_id, now)


async def deliveries(database: Database) -> list[Delivery]:
    async with database.transaction() as session:
        return list((await session.execute(select(Delivery).order_by(Delivery.id))).scalars())


async def reminders(database: Database) -> list[Reminder]:
    async with database.transaction() as session:
        return list((await session.execute(select(Reminder).order_by(Reminder.id))).scalars())
