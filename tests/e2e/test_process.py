"""The real command line: `python -m bot run` against a Bot API stand-in, and the console."""

import asyncio
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import httpx

from bot.telegram_local import LocalBotApi
from tests.support.spec import SpecChecker

ROOT = Path(__file__).resolve().parents[2]


async def test_run_polls_answers_sets_menus_and_stops_on_sigint(
    tmp_path: Path, checker: SpecChecker
) -> None:
    async with LocalBotApi(checker=checker) as api:
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_API_BASE_URL": api.base_url,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.sqlite3'}",
            "LOG_LEVEL": "INFO",
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            cwd=tmp_path,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            await api.wait_until(lambda: api.long_polling, timeout=30)
            chat = api.private_chat(api.user("Ann"))
            await chat.send("/start")
            reply = await chat.next_reply(timeout=10)
            assert "Knee Coach" in reply.text
            process.send_signal(signal.SIGINT)
            _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
        assert process.returncode == 0
        methods = {call.method for call in api.calls}
        assert {"getMe", "setMyCommands", "getUpdates", "sendMessage"} <= methods
        assert api.violations == []
    log = stderr.decode()
    assert api.token not in log, "the token never reaches a log line"
    assert "/start" not in log, "message texts are never logged"


def test_console_with_piped_input(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "console"],
        input="/start\n/help\n/kneepain\n1\n",
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        check=False,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'console.sqlite3'}"},
    )
    assert result.returncode == 0, result.stderr
    assert "Knee Coach helps runners" in result.stdout
    assert "Knee Coach commands" in result.stdout
    assert "[1] Knee looks out of place" in result.stdout  # buttons are numbered
    assert "Call an ambulance" in result.stdout  # "1" pressed the first button


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def test_webhook_mode_checks_the_secret_token(tmp_path: Path, checker: SpecChecker) -> None:
    port = _free_port()
    async with LocalBotApi(checker=checker) as api:
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_API_BASE_URL": api.base_url,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.sqlite3'}",
            "WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram",
            "WEBHOOK_SECRET": "s3cret-Token_value",
            "PORT": str(port),
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            "--webhook",
            cwd=tmp_path,
            env=env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        try:
            await api.wait_until(
                lambda: any(call.method == "setWebhook" for call in api.calls), timeout=30
            )
            chat = api.private_chat(api.user("Ann"))
            await chat.send("/start")
            reply = await chat.next_reply(timeout=10)
            assert "Knee Coach" in reply.text
            async with httpx.AsyncClient() as client:  # a forger without the secret header
                forged = await client.post(
                    f"http://127.0.0.1:{port}/telegram",
                    json={
                        "update_id": 1,
                        "message": {
                            "message_id": 1,
                            "date": 0,
                            "chat": {"id": 1, "type": "private"},
                            "text": "/start",
                        },
                    },
                )
            assert forged.status_code == 403
            process.send_signal(signal.SIGTERM)
            await asyncio.wait_for(process.wait(), timeout=30)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
        assert process.returncode == 0
        assert api.violations == []
