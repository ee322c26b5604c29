"""The deployment README describes: `python -m bot run` receiving updates (and sending at its
share of the rate) beside `python -m bot send` processes, all sharing one PostgreSQL database.
Each reminder goes out once, from whichever process claimed it; only the receiver answers."""

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.telegram_local import LocalBotApi
from tests.delivery.test_crashes import USERS, _prepare
from tests.support.postgres import PostgresServer
from tests.support.spec import SpecChecker

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def reported(port: int, name: str, **labels: str) -> float:
    """A counter on a process's /metrics (summed over the labels not given)."""
    async with httpx.AsyncClient() as http:
        page = (await http.get(f"http://127.0.0.1:{port}/metrics")).text
    return sum(
        sample.value
        for family in text_string_to_metric_families(page)
        for sample in family.samples
        if sample.name == name and labels.items() <= sample.labels.items()
    )


async def warmups_sent(ports: dict[str, int]) -> dict[str, float]:
    return {
        command: await reported(port, "kneecoach_sends_total", kind="warmup", outcome="sent")
        for command, port in ports.items()
    }


@pytest.mark.postgres
async def test_a_receiver_and_a_sender_share_postgresql(
    postgres_server: PostgresServer, checker: SpecChecker, tmp_path: Path
) -> None:
    url = await postgres_server.create_database()
    async with LocalBotApi(checker=checker) as api:
        chats = await _prepare(url, api)  # USERS runners who sent /start, a warm-up due for each
        base = {
            **os.environ,
            "PYTHONPATH": str(ROOT),  # this checkout's bot
            "DATABASE_URL": url,
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_API_BASE_URL": api.base_url,
            "TICK_SECONDS": "1",
            "LOG_LEVEL": "ERROR",
        }
        ports = {"run": free_port(), "send": free_port()}
        # SEND_RATE is each process's own: the receiver keeps most of its share for replies.
        rates = {"run": "30", "send": "100"}
        processes = [
            await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                command,
                cwd=tmp_path,
                env={**base, "METRICS_PORT": str(ports[command]), "SEND_RATE": rates[command]},
            )
            for command in ("run", "send")
        ]
        try:
            await api.wait_until(lambda: api.long_polling, timeout=60)
            for _ in range(900):  # the processes tick on the wall clock
                if sum((await warmups_sent(ports)).values()) >= USERS:
                    break
                await asyncio.sleep(0.1)
            await chats[0].send("/help")
            help_reply = await chats[0].next_reply(timeout=60)  # after the 240 /start replies
            sent = await warmups_sent(ports)
            updates = {
                command: await reported(port, "kneecoach_update_seconds_count")
                for command, port in ports.items()
            }
            for process in processes:
                process.send_signal(signal.SIGTERM)
            codes = [await asyncio.wait_for(p.wait(), timeout=30) for p in processes]
        finally:
            for process in processes:
                if process.returncode is None:
                    process.kill()
                    await process.wait()
        assert api.violations == []
    assert codes == [0, 0]
    assert sent["run"] + sent["send"] == USERS
    assert sent["send"] > 0  # the sender took its share of the crowd
    for chat in chats:  # once each, from whichever process claimed it
        assert len([m for m in chat.bot_messages if "Your run at" in m.text]) == 1
    assert "/kneepain" in help_reply.text
    assert updates == {"run": USERS + 1, "send": 0}  # only the receiver answers
