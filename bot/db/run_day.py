"""The queries behind a warm-up reminder's buttons: the run a reminder was for (checked to be
the presser's own), skipping it or taking the skip back, and the one-off reminder shortly before
it, planned in the outbox like any delivery (its unique key makes pressing twice plan once)."""

from datetime import date
from typing import Literal

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.dml import Update

from bot.db.base import insert_for
from bot.db.engine import Database
from bot.db.models import Delivery, SkippedRun, UserSettings
from bot.db.outbox import plan_once
from bot.domain.schedule.firing import Firing
from bot.domain.schedule.run_day import RUN_MESSAGES, PlannedOccurrence

Reminded = Literal["set", "already", "skipped", "off"]


async def warmup_occurrence(
    database: Database, user_id: int, delivery_id: int
) -> PlannedOccurrence | None:
    """The run of the presser's own warm-up reminder `delivery_id`; None for anyone else's, or
    one purged from the outbox (a week on)."""
    async with database.transaction() as session:
        row = await session.get(Delivery, delivery_id)
        if row is None or row.user_id != user_id or row.kind != "warmup":
            return None
        return PlannedOccurrence(row.occurrence_key, row.event_at, row.zone)


async def skip_run(database: Database, user_id: int, run: PlannedOccurrence) -> None:
    """Records the skip, and drops what was still to be sent about that run."""
    local = run.local
    async with database.transaction() as session:
        statement = insert_for(session, SkippedRun).values(
            user_id=user_id,
            occurrence_key=run.key,
            day=local.date(),
            local_time=local.time().replace(second=0, microsecond=0),
        )
        await session.execute(statement.on_conflict_do_nothing())
        await session.execute(_about(user_id, run, "pending").values(status="dropped"))


def _about(user_id: int, run: PlannedOccurrence, status: str) -> Update:
    """The run's after-run check-in and one-off reminder, in `status`."""
    return update(Delivery).where(
        Delivery.user_id == user_id,
        Delivery.occurrence_key == run.key,
        Delivery.kind.in_(RUN_MESSAGES),
        Delivery.status == status,
    )


async def take_back_skip(database: Database, user_id: int, run: PlannedOccurrence) -> None:
    """The run is on again, and what the skip dropped about it is pending again (the dispatcher
    drops what has become late, and renders nothing for an after-run check-in answered)."""
    async with database.transaction() as session:
        await session.execute(
            delete(SkippedRun).where(
                SkippedRun.user_id == user_id, SkippedRun.occurrence_key == run.key
            )
        )
        await session.execute(_about(user_id, run, "dropped").values(status="pending"))


async def remind_before(
    database: Database, user_id: int, run: PlannedOccurrence, firing: Firing
) -> Reminded:
    """Plans the one-off reminder `firing` for the run, unless reminders are off that day or the
    run was skipped; "already" when it was planned before."""
    async with database.transaction() as session:
        if await _reminders_off(session, user_id, run.local.date()):
            return "off"
        if await session.get(SkippedRun, (user_id, run.key)) is not None:
            return "skipped"
        planned = await plan_once(session, user_id, "run_soon", run.zone, firing)
        return "set" if planned else "already"


async def _reminders_off(session: AsyncSession, user_id: int, day: date) -> bool:
    settings = await session.get(UserSettings, user_id)
    if settings is None or settings.timezone is None or settings.stopped:
        return True
    return settings.paused_until is not None and settings.paused_until > day


async def delete_skips_before(session: AsyncSession, day: date) -> int:
    """Deletes skips of runs on a local date before `day`; returns how many."""
    result = await session.execute(delete(SkippedRun).where(SkippedRun.day < day))
    return int(result.rowcount)  # type: ignore[attr-defined]
