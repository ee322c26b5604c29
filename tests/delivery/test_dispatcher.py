"""The dispatcher through a real Bot whose requests go to a stand-in for Telegram, which answers
as Telegram would and notes, at each request, what the outbox said: every due row is sent once,
across batches; never more than CONCURRENCY rows are in doubt; a row another process took over is
left to it; a 429 holds back its own chat, and Telegram's overall limit (several chats refused in
a row) everything, until the wait is over; every send waits for its turn in the bot's rate
limiter. And the one pace every request to a chat waits for."""

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http import HTTPStatus
from typing import Any

import httpx
from sqlalchemy import insert, select, text, update
from telegram import Bot
from telegram.error import TimedOut
from telegram.ext import ExtBot
from telegram.request import BaseRequest, RequestData

from bot.db.engine import Database
from bot.db.models import Chat, Delivery
from bot.delivery.dispatcher import CONCURRENCY, Dispatcher
from bot.domain.content.library import Library
from bot.ui.budget import OVERALL_LIMIT_SIGNAL
from bot.ui.pacing import Pace, PacedRateLimiter, turns_per_second

NOW = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
FIRST_CHAT = 200_000_001
LEASE = timedelta(minutes=1)
TOKEN = "123456:STAND-IN"


async def due(database: Database, count: int) -> None:
    """`count` stretch posts to as many chats, due now."""
    async with database.transaction() as session:
        await session.execute(
            insert(Delivery),
            [
                {
                    "chat_id": FIRST_CHAT + n,
                    "kind": "stretch",
                    "zone": "Europe/Berlin",
                    "occurrence_key": f"dispatch-test-{n}",
                    "event_at": NOW,
                    "not_before": NOW,
                    "deadline": NOW + timedelta(hours=2),
                }
                for n in range(count)
            ],
        )


async def outbox(database: Database) -> dict[int, Delivery]:
    async with database.transaction() as session:
        rows = (await session.execute(select(Delivery))).scalars().all()
    return {row.chat_id: row for row in rows}


@dataclass
class Requests:
    """What a stand-in bot was asked to send, and what the outbox said at each request."""

    chats: list[int] = field(default_factory=list)  # in order
    sent: list[int] = field(default_factory=list)  # answered ok
    status_then: list[str] = field(default_factory=list)  # the row's status as it went out
    in_doubt: list[int] = field(default_factory=list)  # rows `sending` and unanswered, then


# What Telegram answers: an HTTP status and the JSON body.
Answer = tuple[int, dict[str, Any]]
# Runs ahead of the answer to the `index`-th request; an answer it returns is given instead.
Before = Callable[[int], Awaitable[Answer | None]]


def too_many_requests(seconds: int) -> Answer:
    return HTTPStatus.TOO_MANY_REQUESTS, {
        "ok": False,
        "error_code": HTTPStatus.TOO_MANY_REQUESTS,
        "description": f"Too Many Requests: retry after {seconds}",
        "parameters": {"retry_after": seconds},
    }


class StandInRequest(BaseRequest):
    """Telegram's side of a real Bot's requests (PTB's own tests plug in an offline request the
    same way): answers sendMessage as Telegram would, noting each request in `requests`."""

    def __init__(
        self, database: Database, requests: Requests, before: Before | None = None
    ) -> None:
        self._database, self._requests, self._before = database, requests, before

    @property
    def read_timeout(self) -> None:
        return None

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        assert url.endswith("/sendMessage") and request_data is not None
        code, answer = await self._answer(request_data.parameters)
        return code, json.dumps(answer).encode()

    async def _answer(self, data: dict[str, Any]) -> Answer:
        chat_id, requests = int(data["chat_id"]), self._requests
        index = len(requests.chats)
        requests.chats.append(chat_id)
        async with self._database.transaction() as session:
            rows = await session.execute(select(Delivery.chat_id, Delivery.status))
            statuses = dict(rows.all())
        requests.status_then.append(statuses[chat_id])
        answered = set(requests.sent)  # still `sending` until their batch is recorded
        requests.in_doubt.append(
            sum(status == "sending" and chat not in answered for chat, status in statuses.items())
        )
        if self._before is not None and (instead := await self._before(index)) is not None:
            return instead
        await asyncio.sleep(0.001)  # a little latency, as over a network
        requests.sent.append(chat_id)
        message = {
            "message_id": len(requests.sent),
            "date": 0,
            "chat": {"id": chat_id, "type": "private"},
            "text": data["text"],
        }
        return HTTPStatus.OK, {"ok": True, "result": message}


def stand_in_bot(database: Database, requests: Requests, before: Before | None = None) -> Bot:
    return Bot(TOKEN, request=StandInRequest(database, requests, before))


async def test_every_due_row_goes_out_once_over_several_batches(
    database: Database, library: Library
) -> None:
    await due(database, 100)
    requests = Requests()
    # At 20 a second a claim takes 40 rows (the first, fewer): four batches.
    dispatcher = Dispatcher(database, stand_in_bot(database, requests), library, 20, LEASE)
    assert await dispatcher.drain(NOW) == 100
    assert sorted(requests.sent) == [FIRST_CHAT + n for n in range(100)]
    assert set(requests.status_then) == {"sending"}
    rows = await outbox(database)
    assert {(row.status, row.sent_at, row.attempts) for row in rows.values()} == {("sent", NOW, 1)}
    assert await dispatcher.drain(NOW + timedelta(seconds=1)) == 0


async def test_at_most_concurrency_rows_are_in_doubt(database: Database, library: Library) -> None:
    await due(database, 120)
    requests = Requests()
    dispatcher = Dispatcher(database, stand_in_bot(database, requests), library, 300, LEASE)
    assert await dispatcher.drain(NOW) == 120
    assert max(requests.in_doubt) <= CONCURRENCY
    assert max(requests.in_doubt) > 1, "rows are marked ahead of their requests"


async def test_rows_another_process_took_over_are_left_to_it(
    database: Database, library: Library
) -> None:
    await due(database, 60)
    theirs: set[int] = set()

    async def take_over(index: int) -> None:
        """What another process does once our claims look dead: it claims them anew."""
        if index == 0:
            async with database.transaction() as session:
                result = await session.execute(
                    update(Delivery)
                    .where(Delivery.status == "claimed")
                    .values(claimed_at=NOW + timedelta(minutes=2))
                    .returning(Delivery.chat_id)
                )
                theirs.update(result.scalars())

    requests = Requests()
    dispatcher = Dispatcher(
        database, stand_in_bot(database, requests, take_over), library, 300, LEASE
    )
    sent = await dispatcher.drain(NOW)
    assert theirs, "some rows were claimed and not yet sending"
    assert not theirs & set(requests.chats)
    assert sent == len(requests.sent) == len(set(requests.sent))
    rows = await outbox(database)
    assert {rows[chat_id].status for chat_id in theirs} == {"claimed"}
    assert {rows[chat_id].claimed_at for chat_id in theirs} == {NOW + timedelta(minutes=2)}


async def test_after_the_overall_limit_nothing_more_goes_out_until_the_wait_is_over(
    database: Database, library: Library
) -> None:
    await due(database, 50)
    requests, refusing = Requests(), [True]

    async def overall_limit(index: int) -> Answer | None:
        # Telegram's overall limit (another process on the same token used it up, say):
        # every chat is refused.
        return too_many_requests(30) if refusing[0] else None

    bot = stand_in_bot(database, requests, overall_limit)
    dispatcher = Dispatcher(database, bot, library, 300, LEASE)
    assert await dispatcher.drain(NOW) == 0
    # Once as many chats as the signal needs were refused, only requests already handed to
    # the rate limiter went out.
    assert len(requests.chats) < OVERALL_LIMIT_SIGNAL + 5
    rows = await outbox(database)
    assert {(row.status, row.not_before) for row in rows.values()} == {
        ("pending", NOW + timedelta(seconds=30))
    }
    refusing[0] = False
    assert await dispatcher.drain(NOW + timedelta(seconds=20)) == 0, "still inside the wait"
    assert await dispatcher.drain(NOW + timedelta(seconds=31)) == 50
    assert sorted(requests.sent) == [FIRST_CHAT + n for n in range(50)]


GROUP = -1_002_100_000_001


async def test_a_group_s_429_pauses_that_group_only_from_when_it_came(
    database: Database, library: Library
) -> None:
    await due(database, 30)
    async with database.transaction() as session:
        await session.execute(
            insert(Delivery),
            [
                {
                    "chat_id": GROUP,
                    "kind": "club_stretch",
                    "zone": "Europe/Berlin",
                    "occurrence_key": "dispatch-test-group",
                    "event_at": NOW,
                    "not_before": NOW,
                    "deadline": NOW + timedelta(hours=2),
                }
            ],
        )
    requests = Requests()

    async def group_limit(index: int) -> Answer | None:
        return too_many_requests(40) if requests.chats[index] == GROUP else None

    came = NOW + timedelta(seconds=7)  # the drain began at NOW; the 429 came 7 s in
    bot = stand_in_bot(database, requests, group_limit)
    dispatcher = Dispatcher(database, bot, library, 300, LEASE, clock=lambda: came)
    assert await dispatcher.drain(NOW) == 30, "every private reminder still goes out"
    rows = await outbox(database)
    assert (rows[GROUP].status, rows[GROUP].not_before) == ("pending", came + timedelta(seconds=40))
    assert await dispatcher.drain(NOW + timedelta(seconds=46)) == 0, "the group still waits"
    assert GROUP not in requests.chats[requests.chats.index(GROUP) + 1 :]


async def test_a_private_chats_429_holds_back_that_chat_only_from_when_it_came(
    database: Database, library: Library
) -> None:
    await due(database, 10)
    requests = Requests()

    async def its_own_limit(index: int) -> Answer | None:
        return too_many_requests(30) if index == 0 else None

    came = NOW + timedelta(seconds=5)
    bot = stand_in_bot(database, requests, its_own_limit)
    dispatcher = Dispatcher(database, bot, library, 300, LEASE, clock=lambda: came)
    assert await dispatcher.drain(NOW) == 9, "the rest of the crowd goes on"
    refused = requests.chats[0]
    rows = await outbox(database)
    assert (rows[refused].status, rows[refused].not_before) == (
        "pending",
        came + timedelta(seconds=30),
    )
    assert await dispatcher.drain(NOW + timedelta(seconds=20)) == 0, "that chat still waits"
    assert await dispatcher.drain(NOW + timedelta(seconds=36)) == 1
    assert sorted(requests.sent) == [FIRST_CHAT + n for n in range(10)]


async def test_chats_refused_between_answered_requests_are_not_the_overall_limit(
    database: Database, library: Library
) -> None:
    await due(database, 20)
    requests = Requests()

    async def every_other(index: int) -> Answer | None:
        return too_many_requests(30) if index in (0, 2, 4, 6) else None

    bot = stand_in_bot(database, requests, every_other)
    dispatcher = Dispatcher(database, bot, library, 1, LEASE)  # one request at a time
    assert await dispatcher.drain(NOW) == 16
    assert len(requests.chats) == 20, "every chat was tried"


async def test_every_send_waits_for_its_turn_in_the_bots_rate_limiter(
    database: Database, library: Library
) -> None:
    await due(database, 5)
    requests, loop = Requests(), asyncio.get_running_loop()
    limited = ExtBot(
        TOKEN, request=StandInRequest(database, requests), rate_limiter=PacedRateLimiter(10)
    )
    dispatcher = Dispatcher(database, limited, library, 10, LEASE)
    start = loop.time()
    assert await dispatcher.drain(NOW) == 5
    assert loop.time() - start >= 4 / turns_per_second(10), "five turns, one every 1/9 s"


def test_the_pace_keeps_a_little_under_the_send_rate_in_whole_turns() -> None:
    assert turns_per_second(300) == 295
    assert turns_per_second(30) == 29
    assert turns_per_second(0.5) == 1


async def test_the_pace_spaces_turns_evenly_and_makes_up_no_lost_time() -> None:
    pace, loop = Pace(100), asyncio.get_running_loop()

    async def turns(count: int) -> float:
        """How long `count` turns take, from asking for the first."""
        start = loop.time()
        await asyncio.gather(*(pace.wait() for _ in range(count)))
        return loop.time() - start

    assert await turns(10) >= 0.09, "one every 10 ms"
    await asyncio.sleep(0.1)  # ten turns no one asked for
    assert await turns(3) >= 0.02, "no burst to make up for them"


async def test_the_rate_limiter_paces_requests_to_chats_only() -> None:
    limiter, loop = PacedRateLimiter(100), asyncio.get_running_loop()

    async def request(*_: Any, **__: Any) -> bool:
        return True

    async def through(endpoint: str, data: dict[str, Any]) -> float:
        """How long five such requests take."""
        start = loop.time()
        await asyncio.gather(
            *(limiter.process_request(request, (), {}, endpoint, data, None) for _ in range(5))
        )
        return loop.time() - start

    assert await through("sendMessage", {"chat_id": FIRST_CHAT}) >= 4 / turns_per_second(100)
    assert await through("answerCallbackQuery", {"callback_query_id": "1"}) < 0.03


async def test_a_pool_timeout_is_retried_not_left_in_doubt(
    database: Database, library: Library
) -> None:
    await due(database, 1)
    requests = Requests()

    async def first_waits_for_the_pool(index: int) -> Answer | None:
        if index == 0:  # as PTB's HTTPXRequest says that no connection freed up in time
            raise TimedOut("Pool timeout: not sent") from httpx.PoolTimeout("pool")
        return None

    bot = stand_in_bot(database, requests, first_waits_for_the_pool)
    dispatcher = Dispatcher(database, bot, library, 300, LEASE)
    assert await dispatcher.drain(NOW) == 0
    [row] = (await outbox(database)).values()
    assert (row.status, row.not_before) == ("pending", NOW + timedelta(seconds=2))
    assert await dispatcher.drain(NOW + timedelta(seconds=3)) == 1
    assert requests.sent == [FIRST_CHAT]


async def test_a_read_timeout_stays_in_doubt(database: Database, library: Library) -> None:
    """The request may have reached Telegram: sending it again could make a duplicate."""
    await due(database, 1)

    async def read_times_out(_index: int) -> Answer | None:
        raise TimedOut from httpx.ReadTimeout("read")

    bot = stand_in_bot(database, Requests(), read_times_out)
    assert await Dispatcher(database, bot, library, 300, LEASE).drain(NOW) == 0
    assert [row.status for row in (await outbox(database)).values()] == ["uncertain"]


async def test_a_database_error_in_one_delivery_fails_only_that_one(
    database: Database, library: Library, database_url: str
) -> None:
    """A blocked chat is deactivated; here the database refuses that (a real error, raised by a
    trigger) for one chat. That delivery fails; the drain goes on and sends every other."""
    blocked = FIRST_CHAT
    async with database.transaction() as session:
        session.add(Chat(id=blocked, kind="private"))
        for statement in refuse_updating_chat(database_url, blocked):
            await session.execute(text(statement))
    await due(database, 20)

    async def first_is_blocked(index: int) -> Answer | None:
        if index != 0:
            return None
        return HTTPStatus.FORBIDDEN, {
            "ok": False,
            "error_code": HTTPStatus.FORBIDDEN,
            "description": "Forbidden: bot was blocked by the user",
        }

    requests = Requests()
    bot = stand_in_bot(database, requests, first_is_blocked)
    assert await Dispatcher(database, bot, library, 300, LEASE).drain(NOW) == 19
    rows = await outbox(database)
    assert rows[blocked].status == "failed"
    assert {rows[chat].status for chat in rows if chat != blocked} == {"sent"}


def refuse_updating_chat(database_url: str, chat_id: int) -> list[str]:
    if database_url.startswith("sqlite"):
        return [
            f"CREATE TRIGGER refuse BEFORE UPDATE ON chats WHEN OLD.id = {chat_id} "
            "BEGIN SELECT RAISE(ABORT, 'refused'); END"
        ]
    return [
        "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$ "
        "LANGUAGE plpgsql",
        f"CREATE TRIGGER refuse BEFORE UPDATE ON chats FOR EACH ROW WHEN (OLD.id = {chat_id}) "
        "EXECUTE FUNCTION refuse()",
    ]
