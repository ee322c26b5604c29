"""`python -m bot capacity`: the coming week's busiest minute and whether it fits."""

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.db.engine import Database
from bot.db.migrate import upgrade
from tests.delivery.helpers import runner

ROOT = Path(__file__).resolve().parents[2]


def capacity(url: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "capacity"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        # This checkout's bot, wherever the virtual environment's editable install points.
        env={**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_URL": url, **env},
    )


@pytest.fixture
async def crowd(tmp_path: Path) -> str:
    """100 runners sharing one Monday 07:00 run in Berlin (their warm-ups fire together)."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}"
    await upgrade(url)
    database = Database(url)
    for user_id in range(1, 101):
        await runner(database, user_id, datetime.now(UTC))
    await database.dispose()
    return url


def test_a_crowd_that_fits_is_reported_on_time(crowd: str) -> None:
    result = capacity(crowd, SEND_RATE="30")
    assert result.returncode == 0, result.stderr
    assert "capacity: 100 reminders in the next 7 days; busiest minute Mon" in result.stdout
    assert "with 100, 3 s of sending at 30/s; every reminder on time" in result.stdout


def test_a_crowd_too_big_for_the_rate_is_reported_late_with_what_to_do(crowd: str) -> None:
    result = capacity(crowd, SEND_RATE="0.02")  # a message every 50 s
    assert result.returncode == 1
    assert "would be late" in result.stdout
    assert "PAID_BROADCASTS=true" in result.stdout
