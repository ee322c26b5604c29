"""What an operator sees over HTTP: /healthz and /metrics of the real bot, in-process and in
`python -m bot run` (polling with METRICS_PORT, and webhook mode on PORT)."""

import asyncio
import json
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.app import ops_server
from bot.delivery.dispatcher import Dispatcher
from bot.delivery.planner import plan_due
from bot.domain.content.library import Library
from bot.domain.schedule.recurrence import WeeklyTime
from bot.telegram_local import LocalBotApi
from tests.delivery.helpers import runner
from tests.e2e.conftest import World
from tests.support.spec import SpecChecker

ROOT = Path(__file__).resolve().parents[2]
SUNDAY_NOON = datetime(2026, 11, 22, 11, 0, tzinfo=UTC)
MONDAY_0645_BERLIN = datetime(2026, 11, 23, 5, 45, tzinfo=UTC)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """Every sample of a /metrics page, by name and labels."""
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(page: str, name: str, **labels: str) -> float:
    return samples(page).get((name, frozenset(labels.items())), 0.0)


@pytest.fixture
async def ops(world: World) -> AsyncIterator[str]:
    """The world's bot serving /healthz and /metrics on a free port; yields its base URL."""
    port = free_port()
    server = ops_server(world.application)
    server.listen(port, "127.0.0.1")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await server.stop()


async def test_metrics_count_updates_and_reminders_by_kind_and_outcome(
    world: World, ops: str
) -> None:
    async with httpx.AsyncClient(base_url=ops) as http:
        before = (await http.get("/metrics")).text
        user, chat = world.private()
        world.clock.now = SUNDAY_NOON
        await world.driver.send(chat, "/start")
        await runner(world.database, user.id, SUNDAY_NOON, runs=(WeeklyTime(0, time(7, 0)),))
        world.clock.now = MONDAY_0645_BERLIN
        await world.tick()
        page = await http.get("/metrics")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/plain")
    after = page.text
    updates = "kneecoach_update_seconds_count"
    assert value(after, updates, type="message") == value(before, updates, type="message") + 1
    sent = {"kind": "warmup", "outcome": "sent"}
    assert value(after, "kneecoach_sends_total", **sent) == value(
        before, "kneecoach_sends_total", **sent
    ) + len([m for m in chat.bot_messages if "Your run at" in m.text])
    assert value(after, "kneecoach_tick_seconds_count") > value(
        before, "kneecoach_tick_seconds_count"
    )
    assert value(after, "kneecoach_last_tick_timestamp_seconds") == MONDAY_0645_BERLIN.timestamp()
    assert value(after, "kneecoach_outbox_pending") == 0
    assert "kneecoach_busiest_minute_reminders" in after
    assert str(user.id) not in after and "Ann" not in after  # no one's id or name in a label
    assert world.api.paid_broadcasts == 0  # not unless the operator opts in


async def test_a_reminder_that_could_not_be_sent_in_time_is_counted_as_dropped(
    world: World, ops: str
) -> None:
    user, chat = world.private()
    world.clock.now = SUNDAY_NOON
    await world.driver.send(chat, "/start")
    await runner(world.database, user.id, SUNDAY_NOON)
    async with httpx.AsyncClient(base_url=ops) as http:
        before = (await http.get("/metrics")).text
        world.clock.now = MONDAY_0645_BERLIN + timedelta(minutes=13)  # 2 minutes before the run
        await world.tick()
        after = (await http.get("/metrics")).text
    dropped = "kneecoach_dropped_late_total"
    assert value(after, dropped, kind="warmup") == value(before, dropped, kind="warmup") + 1
    assert [m for m in chat.bot_messages if "Your run at" in m.text] == []


async def test_healthz_says_when_the_scheduler_stops_making_progress(
    world: World, ops: str
) -> None:
    async with httpx.AsyncClient(base_url=ops) as http:
        await world.tick()
        healthy = await http.get("/healthz")
        assert healthy.status_code == 200
        assert healthy.json()["status"] == "ok" and healthy.json()["database"] == "ok"
        world.clock.advance(timedelta(minutes=5))  # three 60 s ticks and more without one
        stuck = await http.get("/healthz")
        assert stuck.status_code == 503
        assert stuck.json()["scheduler_seconds_since_progress"] == 300
        await world.tick()
        assert (await http.get("/healthz")).status_code == 200


async def _run_bot(env: dict[str, str], cwd: Path, *args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        *args,
        cwd=cwd,
        # This checkout's bot, wherever the virtual environment's editable install points.
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def _get(url: str) -> httpx.Response:
    """The server listens before the bot polls or sets its webhook, so once either happened."""
    async with httpx.AsyncClient() as http:
        return await http.get(url)


async def _stop(process: asyncio.subprocess.Process, signum: int) -> str:
    process.send_signal(signum)
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    return stderr.decode()


async def test_polling_serves_healthz_and_metrics_on_metrics_port_and_logs_json(
    tmp_path: Path, checker: SpecChecker
) -> None:
    port = free_port()
    async with LocalBotApi(checker=checker) as api:
        process = await _run_bot(
            {
                "TELEGRAM_BOT_TOKEN": api.token,
                "TELEGRAM_API_BASE_URL": api.base_url,
                "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.sqlite3'}",
                "METRICS_PORT": str(port),
                "LOG_FORMAT": "json",
            },
            tmp_path,
            "--polling",
        )
        try:
            await api.wait_until(lambda: api.long_polling, timeout=30)
            chat = api.private_chat(api.user("Ann"))
            await chat.send("/start")
            await chat.next_reply(timeout=10)
            health = await _get(f"http://127.0.0.1:{port}/healthz")
            metrics = await _get(f"http://127.0.0.1:{port}/metrics")
            log = await _stop(process, signal.SIGINT)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
    assert process.returncode == 0
    assert health.status_code == 200 and health.json()["status"] == "ok"
    assert value(metrics.text, "kneecoach_update_seconds_count", type="message") == 1
    assert "process_resident_memory_bytes" in metrics.text
    lines = [json.loads(line) for line in log.splitlines()]  # every line is one JSON object
    messages = [line["message"] for line in lines]
    assert any(m.startswith("capacity: no reminders in the 7 days") for m in messages)
    assert any("/healthz and /metrics on port" in m for m in messages)
    assert {"time", "level", "logger", "message"} <= set(lines[0])
    assert api.token not in log and "/start" not in log and "Ann" not in log


async def test_webhook_mode_serves_healthz_and_metrics_beside_the_webhook(
    tmp_path: Path, checker: SpecChecker
) -> None:
    port = free_port()
    async with LocalBotApi(checker=checker) as api:
        process = await _run_bot(
            {
                "TELEGRAM_BOT_TOKEN": api.token,
                "TELEGRAM_API_BASE_URL": api.base_url,
                "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.sqlite3'}",
                "WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram",
                "WEBHOOK_SECRET": "s3cret-Token_value",
                "PORT": str(port),
            },
            tmp_path,
            "--webhook",
        )
        try:
            await api.wait_until(
                lambda: any(call.method == "setWebhook" for call in api.calls), timeout=30
            )
            chat = api.private_chat(api.user("Ann"))
            await chat.send("/start")
            reply = await chat.next_reply(timeout=10)
            health = await _get(f"http://127.0.0.1:{port}/healthz")
            metrics = await _get(f"http://127.0.0.1:{port}/metrics")
            await _stop(process, signal.SIGTERM)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
    assert "Knee Coach" in reply.text
    assert process.returncode == 0
    assert health.status_code == 200
    assert value(metrics.text, "kneecoach_update_seconds_count", type="message") == 1
    assert api.violations == []


async def test_paid_broadcasts_mark_scheduled_sends_and_only_those(
    world: World, library: Library
) -> None:
    user, chat = world.private()
    world.clock.now = SUNDAY_NOON
    await world.driver.send(chat, "/start")
    await runner(world.database, user.id, SUNDAY_NOON)
    world.clock.now = MONDAY_0645_BERLIN
    await plan_due(world.database, world.clock())
    paid = Dispatcher(
        world.database,
        world.application.bot,
        library,
        30,
        lease=timedelta(minutes=1),
        paid_broadcasts=True,
    )
    assert await paid.drain(world.clock()) == 1
    await world.driver.settle()
    assert world.api.paid_broadcasts == 1  # the reminder; the reply to /start was free
    assert [m for m in chat.bot_messages if "Your run at 07:00" in m.text]
