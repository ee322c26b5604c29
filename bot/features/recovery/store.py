"""The pain log and the walk-run plan in the database. Every write checks that the row is the
presser's own; the verdict and the plan's next stage are computed in the same transaction."""

from datetime import date, datetime

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.chats import insert_for
from bot.db.engine import Database
from bot.db.models import ComebackPlan, PainLog, UserSettings
from bot.db.painlog import log_rows, logged_run, plan_morning_checkin
from bot.db.runners import after_run_checkins, rebuild_reminders, runs_of
from bot.domain.recovery import PainEntry, Session, Verdict, classify, next_stage
from bot.domain.recovery.status import MORNING_WITHIN, LoggedRun, waiting_for_morning
from bot.features.recovery.screens import Outcome
from bot.features.recovery.screens.grammar import Sign
from bot.features.recovery.screens.plan import Sessions


async def entries(database: Database, user_id: int) -> list[PainEntry]:
    async with database.transaction() as session:
        return [logged_run(row).entry for row in await log_rows(session, [user_id])]


async def unanswered(database: Database, user_id: int, today: date) -> LoggedRun | None:
    """A recent run still waiting for its next-morning answer."""
    async with database.transaction() as session:
        rows = await log_rows(session, [user_id], today - MORNING_WITHIN)
        return waiting_for_morning([logged_run(row) for row in rows], today)


async def sessions(database: Database, user_id: int) -> Sessions:
    """When the runner's walk-run sessions happen (read only: no settings row is created)."""
    async with database.transaction() as session:
        settings = await session.get(UserSettings, user_id)
        return Sessions(
            runs=await runs_of(session, user_id),
            zone_set=settings is not None and settings.timezone is not None,
            stopped=settings is not None and settings.stopped,
            checkins=settings is not None and await after_run_checkins(session, settings),
        )


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
        await plan_morning_checkin(session, user_id, today, now)
        return log_id


async def _own(session: AsyncSession, user_id: int, log_id: int) -> PainLog | None:
    row = await session.get(PainLog, log_id)
    return row if row is not None and row.user_id == user_id else None


async def _outcome(session: AsyncSession, user_id: int, row: PainLog, stage_count: int) -> Outcome:
    rows = await log_rows(session, [user_id])
    logged = {other.id: logged_run(other).entry for other in rows}

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
    a stale "Start" button pressed during a plan leaves as it was. The runner's reminders are
    rebuilt, since after-run check-ins follow the plan unless they chose otherwise."""
    async with database.transaction() as session:
        plan = await session.get(ComebackPlan, user_id)
        if plan is None:
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
