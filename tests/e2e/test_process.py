"""The real command line: `python -m bot run` against a Bot API stand-in, and the console."""

import asyncio
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

from bot.telegram_local import LocalBotApi
from tests.support.spec import SpecChecker

ROOT = Path(__file__).resolve().parents[2]


async def test_run_polls_answers_sets_menus_and_stops_on_sigint(
    tmp_path: Path, checker: SpecChecker
) -> None:
    async with LocalBotApi(checker=checker) as api:
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),  # this checkout's bot, whichever is installed
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
        env={
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'console.sqlite3'}",
        },
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


SECRET = "s3cret-Token_value"
MIB = 1024 * 1024


async def raw_post(port: int, headers: dict[str, str], body: bytes = b"") -> int:
    """One POST written by hand, so a body can be announced and not sent; the status code."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        lines = ["POST /telegram HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        await writer.drain()
        status_line = await asyncio.wait_for(reader.readline(), timeout=5)
    finally:
        writer.close()
    return int(status_line.split()[1])


async def test_webhook_mode_refuses_before_it_reads(tmp_path: Path, checker: SpecChecker) -> None:
    port = _free_port()
    async with LocalBotApi(checker=checker) as api:
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),  # this checkout's bot, whichever is installed
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_API_BASE_URL": api.base_url,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.sqlite3'}",
            "WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram",
            "WEBHOOK_SECRET": SECRET,
            "PORT": str(port),
            "LOG_LEVEL": "DEBUG",
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
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            await api.wait_until(
                lambda: any(call.method == "setWebhook" for call in api.calls), timeout=30
            )
            chat = api.private_chat(api.user("Ann"))
            await chat.send("/start")
            reply = await chat.next_reply(timeout=10)
            assert "Knee Coach" in reply.text
            # 100 MiB announced, 1 KiB sent: the answer comes from the headers alone (a server
            # that read first would wait for the rest and time out here).
            huge = {"Content-Length": str(100 * MIB)}
            assert await raw_post(port, huge, b"x" * 1024) == 403
            wrong = {**huge, "X-Telegram-Bot-Api-Secret-Token": SECRET[:-1] + "X"}
            assert await raw_post(port, wrong, b"x" * 1024) == 403
            right = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
            assert await raw_post(port, {**right, "Content-Length": str(2 * MIB)}) == 413
            malformed = b'{"update_id": 5, "message": {"text": "CANARY-knee-story"'
            length = {"Content-Length": str(len(malformed))}
            assert await raw_post(port, {**right, **length}, malformed) == 400
            not_an_update = b'["CANARY-knee-story"]'
            length = {"Content-Length": str(len(not_an_update))}
            assert await raw_post(port, {**right, **length}, not_an_update) == 400
            await chat.send("/help")  # the bot still answers
            assert "/kneepain" in (await chat.next_reply(timeout=10)).text
            process.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
        assert process.returncode == 0
        assert api.violations == []
    log = stderr.decode()
    assert "refused a webhook post that is not an update" in log
    assert "CANARY" not in log and SECRET not in log and api.token not in log


async def start_up_against(base_url: str, token: str, tmp_path: Path) -> tuple[int, str]:
    """`python -m bot run` until it exits: its status and what it printed."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),  # this checkout's bot, whichever is installed
        "TELEGRAM_BOT_TOKEN": token,
        "TELEGRAM_API_BASE_URL": base_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.sqlite3'}",
        "LOG_LEVEL": "DEBUG",
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
        stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.returncode is not None
    return process.returncode, (stdout + stderr).decode()


async def test_a_rejected_token_exits_with_one_line(tmp_path: Path, checker: SpecChecker) -> None:
    async with LocalBotApi(checker=checker) as api:
        rejected = "987654321:AAH-a-token-Telegram-does-not-know"
        status, output = await start_up_against(api.base_url, rejected, tmp_path)
    assert status == 2
    [last_line] = [line for line in output.splitlines() if line.startswith("kneecoach:")]
    assert "TELEGRAM_BOT_TOKEN" in last_line and "401" in last_line
    assert "Traceback" not in output and rejected not in output


async def test_an_unreachable_api_exits_with_one_line(tmp_path: Path) -> None:
    token = "987654321:AAH-a-token-that-never-leaves"
    status, output = await start_up_against(f"http://127.0.0.1:{_free_port()}/bot", token, tmp_path)
    assert status == 1
    [last_line] = [line for line in output.splitlines() if line.startswith("kneecoach:")]
    assert "cannot reach" in last_line
    assert "Traceback" not in output and token not in output
