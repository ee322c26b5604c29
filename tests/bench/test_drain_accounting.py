"""The PostgreSQL drain benchmark counts what runners would notice: each message due arriving
once, in time; a late one, a missing one, a copy or a stranger's message counted as such."""

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bench.localapi import Send
from bench.pg_drain import Due, account, copy_database, drain, keep_only_the_minute
from bench.postgres import load
from bot.db.engine import Database
from bot.db.migrate import upgrade
from bot.domain.content.library import Library
from bot.domain.schedule.capacity import Forecast
from bot.domain.schedule.deadlines import WARMUP_NOTICE
from bot.ops.capacity import forecast_week
from tests.support.postgres import PostgresServer

RUN = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)  # a warm-up's deadline: the run's start
EVENING = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)  # a nudge's: 21:00 local in Berlin


def at(moment: datetime, minutes: float = 0) -> float:
    return (moment + timedelta(minutes=minutes)).timestamp()


def test_each_due_message_counts_once_and_only_in_time() -> None:
    due = [
        Due(1, "warmup", RUN, "sent"),  # in time
        Due(2, "warmup", RUN, "sent"),  # arrives with too little time to warm up
        Due(3, "nudge", EVENING, "sent"),  # arrives twice
        Due(4, "warmup", RUN, "sent"),  # two due, one arrives
        Due(4, "stretch", EVENING, "uncertain"),
        Due(5, "warmup", RUN, "dropped"),  # dropped as late: never arrives
    ]
    notice = WARMUP_NOTICE.total_seconds() / 60
    sends = [
        Send(1, "warm up", True, at(RUN, -10)),
        Send(2, "warm up", True, at(RUN, -notice + 1)),
        Send(3, "rest day", True, at(EVENING, -60)),
        Send(3, "rest day", True, at(EVENING, -59)),
        Send(4, "warm up", True, at(RUN, -10)),
        Send(4, "stretch", False, at(RUN, -9)),  # refused: not delivered
        Send(6, "warm up", True, at(RUN, -10)),  # nobody owed chat 6 anything
    ]
    count = account(6, due, sends)
    assert (count.on_time, count.late, count.unsent) == (3, 1, 2)
    assert (count.dropped_late, count.duplicates, count.unexpected) == (1, 1, 1)
    assert count.planned == 6 and round(count.on_time_pct) == 50


def test_a_chat_due_two_messages_is_matched_to_the_deadlines_it_can_make() -> None:
    due = [Due(1, "warmup", RUN, "sent"), Due(1, "nudge", EVENING, "sent")]
    # The first arrival can make either deadline, the second only the evening's: both in time.
    both = [Send(1, "a", True, at(RUN, -30)), Send(1, "b", True, at(RUN, 30))]
    assert account(2, due, both).on_time == 2
    # Both after the run started: only one can be in time.
    late = [Send(1, "a", True, at(RUN, 10)), Send(1, "b", True, at(RUN, 30))]
    assert (account(2, due, late).on_time, account(2, due, late).late) == (1, 1)


def test_planned_rows_missing_from_the_outbox_count_as_unsent() -> None:
    count = account(3, [Due(1, "warmup", RUN, "sent")], [Send(1, "a", True, at(RUN, -5))])
    assert (count.on_time, count.planned, count.unsent) == (1, 1, 2)


@pytest.mark.postgres
def test_a_small_drain_delivers_the_forecasts_busiest_minute_once_and_in_time(
    postgres_server: PostgresServer, library: Library
) -> None:
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    url = asyncio.run(_loaded(postgres_server, 400, now))
    busiest = asyncio.run(_busiest(url, now))
    assert busiest.busiest_minute is not None
    for rate, paid in ((30.0, False), (1000.0, True)):
        copy = asyncio.run(copy_database(url, f"drain_{int(rate)}"))
        crowd = asyncio.run(keep_only_the_minute(copy, busiest.busiest_minute))
        assert crowd == busiest.busiest_count  # every row of the minute, none more
        drained = drain(copy, busiest.busiest_minute, crowd, rate, paid, library)
        count = drained.count
        assert (count.on_time, count.planned, count.unsent) == (crowd, crowd, 0)
        assert (count.duplicates, count.unexpected, drained.http_429) == (0, 0, 0)
        assert drained.spec_violations == 0
        assert drained.statuses == {"sent": crowd}
        assert drained.paid_broadcasts == (crowd if paid else 0)
        # Sent around the minute itself (warm-ups may start early), not before the run began.
        assert drained.first_send_s is not None and drained.first_send_s > -1800
        assert drained.last_send_s is not None and drained.last_send_s < 120


async def _loaded(server: PostgresServer, users: int, now: datetime) -> str:
    url = await server.create_database()
    await upgrade(url)
    await load(server.port, url.rsplit("/", 1)[1], users, now)
    return url


async def _busiest(url: str, now: datetime) -> Forecast:
    database = Database(url)
    try:
        return await forecast_week(database, now, 30)
    finally:
        await database.dispose()
