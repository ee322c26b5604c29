"""The pain log and the walk-run plan in the database. Every write checks that the row is the
presser's own; the verdict and the plan's next stage are computed in the same transaction."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.engine import Database
from bot.db.models import ComebackPlan, PainLog
from bot.db.repositories import insert_for
from bot.recovery import PainEntry, Session, Verdict, classify, next_stage
from bot.render.recovery import Outcome
from bot.render.recovery.grammar import Sign

MORNING_WITHIN = timedelta(days=2)  # /log asks about the morning after runs this recent


@dataclass(frozen=True)
class Unanswered:
    """A recent run still waiting for its next-morning answer."""

    log_id: int
    day: date


def _entry(row: PainLog) -> PainEntry:
    return PainEntry(
        day=row.day,
        during_run=row.during_run,
        next_morning=row.next_morning,
        minutes=row.minutes,
        swelling=row.swelling,
        stiffer=row.stiffer,
    )


async def _rows(session: AsyncSession, user_id: int) -> Sequence[PainLog]:
    query = select(PainLog).where(PainLog.user_id == user_id).order_by(PainLog.day)
    return (await session.execute(query)).scalars().all()


async def entries(database: Database, user_id: int) -> list[PainEntry]:
    async with database.transaction() as session:
        return [_entry(row) for row in await _rows(session, user_id)]


async def unanswered(database: Database, user_id: int, today: date) -> Unanswered | None:
    async with database.transaction() as session:
        row = await session.scalar(
            select(PainLog)
            .where(
                PainLog.user_id == user_id,
                PainLog.next_morning.is_(None),
                PainLog.day < today,
                PainLog.day >= today - MORNING_WITHIN,
            )
            .order_by(PainLog.day.desc())
            .limit(1)
        )
        return Unanswered(row.id, row.day) if row is not None else None


async def active_stage(database: Database, user_id: int) -> int | None:
    async with database.transaction() as session:
        plan = await session.get(ComebackPlan, user_id)
        return plan.stage if plan is not None and plan.active else None


async def log_run(
    database: Database, user_id: int, today: date, pain: int, comeback: bool, now: datetime
) -> int:
    """Today's entry (replacing one already logged today); tagged with the plan's stage when it
    was a session of an active plan. Returns the row id."""
    async with database.transaction() as session:
        plan = await session.get(ComebackPlan, user_id)
        stage = plan.stage if comeback and plan is not None and plan.active else None
        values = {"during_run": pain, "stage": stage, "created_at": now}
        statement = (
            insert_for(session, PainLog)
            .values(user_id=user_id, day=today, **values)
            .on_conflict_do_update(
                index_elements=["user_id", "day"],
                set_={**values, "next_morning": None, "minutes": None},
            )
            .returning(PainLog.id)
        )
        log_id: int = (await session.execute(statement)).scalar_one()
        return log_id


async def _own(session: AsyncSession, user_id: int, log_id: int) -> PainLog | None:
    row = await session.get(PainLog, log_id)
    return row if row is not None and row.user_id == user_id else None


async def _outcome(session: AsyncSession, user_id: int, row: PainLog, stage_count: int) -> Outcome:
    rows = await _rows(session, user_id)
    logged = {other.id: _entry(other) for other in rows}

    def judged(target: PainLog) -> Verdict:
        others = [entry for key, entry in logged.items() if key != target.id]
        return classify(logged[target.id], others)

    verdict = judged(row)
    plan = await session.get(ComebackPlan, user_id)
    if row.stage is None or plan is None or not plan.active:
        return Outcome(verdict, None)
    sessions = [
        Session(other.stage, judged(other))
        for other in rows
        if other.stage is not None and other.created_at >= plan.started_at
    ]
    decision = next_stage(plan.stage, sessions, stage_count)
    plan.stage = decision.stage
    return Outcome(verdict, decision)


async def set_minutes(
    database: Database, user_id: int, log_id: int, minutes: int | None, stage_count: int
) -> Outcome | None:
    async with database.transaction() as session:
        row = await _own(session, user_id, log_id)
        if row is None:
            return None
        row.minutes = minutes
        return await _outcome(session, user_id, row, stage_count)


async def set_morning(database: Database, user_id: int, log_id: int, pain: int) -> bool:
    async with database.transaction() as session:
        row = await _own(session, user_id, log_id)
        if row is None:
            return False
        row.next_morning = pain
        return True


async def set_signs(
    database: Database, user_id: int, log_id: int, sign: Sign, stage_count: int
) -> Outcome | None:
    async with database.transaction() as session:
        row = await _own(session, user_id, log_id)
        if row is None or row.next_morning is None:
            return None
        row.stiffer, row.swelling = sign == "stiffer", sign == "swelling"
        return await _outcome(session, user_id, row, stage_count)


async def start_plan(database: Database, user_id: int, now: datetime) -> int:
    """Starts the plan at stage 1 (again, if it was stopped); returns the current stage, which
    a stale "Start" button pressed during a plan leaves as it was."""
    async with database.transaction() as session:
        plan = await session.get(ComebackPlan, user_id)
        if plan is None:
            session.add(ComebackPlan(user_id=user_id, stage=1, started_at=now, active=True))
            return 1
        if not plan.active:
            plan.stage, plan.started_at, plan.active = 1, now, True
        return plan.stage


async def stop_plan(database: Database, user_id: int) -> None:
    async with database.transaction() as session:
        await session.execute(
            update(ComebackPlan).where(ComebackPlan.user_id == user_id).values(active=False)
        )
