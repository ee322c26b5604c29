"""The outbox keeps finished deliveries for a week, and anything still to send for as long as
it takes."""

from datetime import UTC, datetime, timedelta

from bot.db.engine import Database
from bot.db.models import Delivery
from bot.delivery.retention import KEEP, purge_outbox
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
