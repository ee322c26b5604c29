"""Logs hold no health data at any level: the bot runs at DEBUG, on a webhook, through the
triage, /log, a club's answers (a Walk-run note too), free text and a malformed post, and its log is
searched for what people wrote and chose, their names, and the bot's answers to them."""

import asyncio
import logging
import socket
from collections.abc import AsyncIterator, Iterator

import pytest

from bot.app import build_application, group_replies, webhook
from bot.config import load_settings
from bot.db.engine import Database
from bot.db.migrate import upgrade
from bot.domain.content.library import Library
from bot.logs import configure_logging
from bot.ops.http import Webhook
from bot.services import Services
from bot.telegram_local import LocalBotApi
from bot.telegram_local.driver import Driver
from bot.telegram_local.models import LocalMessage
from tests.e2e.conftest import World
from tests.e2e.test_clubs import GOING, WALK, WARMUP_DUE, set_up, tap, warmups
from tests.support.clock import FakeClock
from tests.support.spec import SpecChecker

SECRET = "canary-webhook-secret-0123456789"
NAME = "Quintessa"  # a first name: the club member on the "I'm running" list
FREE_TEXT = "my left knee clicks since the marathon, canary 7731"
MALFORMED = b'{"update_id": 9, "message": {"text": "canary-malformed-8842"'


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def debug_logging() -> Iterator[None]:
    """The bot's own set-up at DEBUG (lines go to stderr, captured by capsys), undone after."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    quiet = {name: logging.getLogger(name).level for name in ("httpx", "apscheduler")}
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, was in quiet.items():
        logging.getLogger(name).setLevel(was)


@pytest.fixture
async def webhook_world(
    tmp_path: object, checker: SpecChecker, library: Library, debug_logging: None
) -> AsyncIterator[tuple[World, int]]:
    """The real Application serving a webhook (its port is given too) at DEBUG."""
    url = f"sqlite+aiosqlite:///{tmp_path}/bot.sqlite3"
    await upgrade(url)
    database, clock, port = Database(url), FakeClock(), _free_port()
    services = Services(
        settings=load_settings(database_url=url, tick_seconds=60),
        database=database,
        library=library,
        clock=clock,
    )
    async with LocalBotApi(checker=checker) as api:
        configure_logging("DEBUG", [api.token, SECRET])
        application = build_application(services, token=api.token, base_url=api.base_url)
        hook = f"http://127.0.0.1:{port}/telegram"
        served = Webhook(path="/telegram", secret=SECRET)
        async with webhook(application, served, hook, port, address="127.0.0.1"):
            driver = Driver(api, application.update_queue, group_replies(application).idle)
            yield World(api, application, driver, database, clock), port
    assert api.violations == []
    assert api.unanswered_callbacks == []


async def post_malformed(port: int) -> int:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = (
        "POST /telegram HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"X-Telegram-Bot-Api-Secret-Token: {SECRET}\r\nContent-Length: {len(MALFORMED)}\r\n\r\n"
    )
    writer.write(head.encode() + MALFORMED)
    await writer.drain()
    status_line = await asyncio.wait_for(reader.readline(), timeout=5)
    writer.close()
    return int(status_line.split()[1])


def pressable(message: LocalMessage) -> list[tuple[str, str]]:
    return [(label, data) for row in message.buttons for label, data in row if ":" in data]


async def test_a_debug_log_holds_no_texts_names_answers_or_token(
    capsys: pytest.CaptureFixture[str],  # first: it captures the log set up by webhook_world
    webhook_world: tuple[World, int],
) -> None:
    (world, port), pressed = webhook_world, []
    _, chat = world.private("Ann")
    # The triage: the first answer of each question until the outcome.
    [question] = await world.driver.send(chat, "/kneepain")
    while (choices := pressable(question)) and "expired" not in question.text:
        label, data = choices[-1] if len(choices) > 2 else choices[0]
        pressed += [label, data]
        await world.driver.press_data(chat, question, data)
        if "not a diagnosis" in question.text:
            break
    assert "not a diagnosis" in question.text
    # /log: pain 8 of 10 during the run.
    [logged] = await world.driver.send(chat, "/log")
    for label in ("Kilometres", "Didn't measure", "Didn't time it", "8"):
        [target] = [data for text, data in pressable(logged) if text == label]
        pressed.append(target)
        await world.driver.press_data(chat, logged, target)
    await world.driver.send(chat, FREE_TEXT)
    # A club run's warm-up, and a member on its "I'm running" list.
    ann, _ = world.private("Ann")
    member, _ = world.private(NAME)
    club = world.api.group("Tuesday Runners")
    club.set_admins(ann)
    club.add_member(member)
    await club.add_bot(by=ann)
    await world.driver.settle()
    await set_up(world, club, ann)
    world.clock.now = WARMUP_DUE
    await world.tick()
    [warmup] = warmups(club)
    await world.driver.press(club, warmup, GOING, by=member)
    assert NAME in warmup.text
    # The runner with the pain log walk-runs: a private note comes, and is not logged either.
    runner = chat.user
    assert runner is not None
    club.add_member(runner)
    await tap(world, club, warmup, WALK, runner)
    assert "Walk-run:" in chat.bot_messages[-1].text
    assert await post_malformed(port) == 400

    log = capsys.readouterr().err
    assert "Calling Bot API endpoint" in log, "DEBUG lines were written"
    assert "refused a webhook post that is not an update" in log
    said = [
        line
        for message in (*chat.bot_messages, *club.bot_messages)
        for line in message.text.splitlines()
        if len(line) > 24
    ]
    canaries = [world.api.token, SECRET, NAME, FREE_TEXT, "canary-malformed", *said]
    canaries += [value for value in pressed if len(value) > 8]
    assert [canary for canary in canaries if canary in log] == []
    assert "8/10" not in log
