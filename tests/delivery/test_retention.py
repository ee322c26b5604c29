"""The outbox keeps finished deliveries for a week, and anything still to send for as long as
it takes."""

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select

from bot.db import chats
from bot.db.engine import Database
from bot.db.models import Delivery, SkippedRun
from bot.delivery.retention import KEEP, purge_outbox, purge_skipped_runs
from tests.delivery.helpers import deliveries

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def delivery(key: str, status: str, age: timedelta) -> Delivery:
    planned = NOW - age
    return Delivery(
        chat_id=1,
        kind="stretch",
        zone="UTC",
        occurrence_key=key,
        event_at=planned,
        not_before=planned,
        deadline=planned + timedelta(hours=2),
        status=status,
    )


async def test_finished_deliveries_go_after_a_week_and_pending_ones_stay(
    database: Database,
) -> None:
    week = KEEP + timedelta(minutes=1)
    async with database.transaction() as session:
        session.add_all(
            [
                delivery("old-sent", "sent", week),
                delivery("old-dropped", "dropped", week),
                delivery("old-uncertain", "uncertain", week),
                delivery("old-pending", "pending", week),
                delivery("recent-sent", "sent", KEEP - timedelta(minutes=1)),
            ]
        )
    assert await purge_outbox(database, NOW) == 3
    kept = {row.occurrence_key for row in await deliveries(database)}
    assert kept == {"old-pending", "recent-sent"}


async def test_skipped_runs_go_after_a_week(database: Database) -> None:
    async with database.transaction() as session:
        await chats.enroll_user(session, 7)
        session.add_all(
            SkippedRun(user_id=7, occurrence_key=key, day=day, local_time=time(7))
            for key, day in (
                ("old", (NOW - KEEP).date() - timedelta(days=1)),
                ("recent", NOW.date()),
            )
        )
    assert await purge_skipped_runs(database, NOW) == 1
    async with database.transaction() as session:
        kept = (await session.execute(select(SkippedRun.occurrence_key))).scalars().all()
    assert kept == ["recent"]
