"""The common approach, for comparison: one PTB JobQueue job per user per planned run.

Reads every runner's plan and settings at start-up, schedules a `run_daily` warm-up job for
each planned run in the runner's zone, then polls. Configured like the real bot (environment:
TELEGRAM_BOT_TOKEN, TELEGRAM_API_BASE_URL, DATABASE_URL as sqlite+aiosqlite:///path).
"""

import os
import sqlite3
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from telegram.ext import ApplicationBuilder, ContextTypes

from bot.app import ALLOWED_UPDATES

_MONDAY = date(2001, 1, 1)


async def warmup_reminder(context: ContextTypes.DEFAULT_TYPE) -> None:
    job = context.job
    assert job is not None and job.chat_id is not None
    await context.bot.send_message(job.chat_id, "Your run is soon: time to warm up.")


def main() -> None:
    path = os.environ["DATABASE_URL"].removeprefix("sqlite+aiosqlite:///")
    application = (
        ApplicationBuilder()
        .token(os.environ["TELEGRAM_BOT_TOKEN"])
        .base_url(os.environ["TELEGRAM_API_BASE_URL"])
        .build()
    )
    job_queue = application.job_queue
    assert job_queue is not None
    zones: dict[str, ZoneInfo] = {}
    db = sqlite3.connect(path)
    rows = db.execute(
        "SELECT p.user_id, p.weekday, p.local_time, s.timezone, s.warmup_lead_minutes"
        " FROM planned_runs p JOIN user_settings s ON s.user_id = p.user_id"
    )
    for user_id, weekday, local_time, zone, lead in rows:
        run = datetime.combine(_MONDAY + timedelta(days=weekday), time.fromisoformat(local_time))
        at = run - timedelta(minutes=lead)
        tz = zones.setdefault(zone, ZoneInfo(zone))
        job_queue.run_daily(
            warmup_reminder,
            time(at.hour, at.minute, tzinfo=tz),
            days=((at.weekday() + 1) % 7,),  # PTB counts 0 = Sunday
            chat_id=user_id,
            name=f"warmup-{user_id}-{weekday}",
        )
    db.close()
    application.run_polling(allowed_updates=ALLOWED_UPDATES)


if __name__ == "__main__":
    main()
