"""Process start to the first getUpdates, and resident memory once polling, for a bot run as a
subprocess against a local Bot API served from this process."""

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.localapi import TimedApi

REPO = Path(__file__).resolve().parent.parent
BOT = ("-m", "bot", "run", "--polling")
BASELINE = ("-m", "bench.baseline_jobqueue")
SETTLE = 0.5  # seconds of polling before reading the memory


@dataclass(frozen=True)
class Startup:
    seconds: float  # process start to the first getUpdates
    rss_mb: float  # VmRSS once polling


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def _environment(api: TimedApi, database_url: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TELEGRAM_", "WEBHOOK_", "DATABASE_"))
    }
    env.update(
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_API_BASE_URL=api.base_url,
        DATABASE_URL=database_url,
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(REPO),
    )
    return env


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


async def measure(command: tuple[str, ...], database_url: str, log: Path, limit: float) -> Startup:
    """Starts `python <command>`, returns when it first polls; always stops the process."""
    async with TimedApi() as api:
        env = _environment(api, database_url)
        with log.open("wb") as output:
            started = time.monotonic()
            process = subprocess.Popen(  # noqa: ASYNC220 - returns at once; timed from here
                [sys.executable, *command], cwd=REPO, env=env, stdout=output, stderr=output
            )
            try:
                while api.first_get_updates is None:
                    if process.poll() is not None:
                        output.flush()
                        raise RuntimeError(
                            f"{' '.join(command)} exited with {process.returncode}; see {log}"
                        )
                    if time.monotonic() - started > limit:
                        raise TimeoutError(f"{' '.join(command)}: no getUpdates in {limit}s")
                    await asyncio.sleep(0.005)
                seconds = api.first_get_updates - started
                await asyncio.sleep(SETTLE)
                memory = rss_mb(process.pid)
            finally:
                with contextlib.suppress(Exception):
                    await asyncio.to_thread(_stop, process)
                if process.poll() is None:
                    process.kill()
    return Startup(seconds, memory)
