"""`python -m bench.noisy_group`: one club group floods the bot (100 members, 300 commands at
once), then 20 runners write /help in private. Against the local Bot API enforcing Telegram's
limits (30 messages a second overall, 20 a minute per group, strict windows, on the real clock),
in real time: Knee Coach as built, and a bare python-telegram-bot with AIORateLimiter, the
library's recommended setup, answering the same commands with one reply each.

Writes its section at the end of bench/RESULTS.md (replacing an earlier one)."""

import asyncio
import contextlib
import logging
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import AIORateLimiter, ApplicationBuilder, CommandHandler, ContextTypes

from bot.app import build_application, group_replies, polling
from bot.config import load_settings
from bot.db.engine import Database
from bot.db.migrate import upgrade
from bot.domain.content.library import load_library
from bot.services import Services
from bot.telegram_local import FloodLimits, LocalBotApi

MEMBERS, COMMANDS, RUNNERS = 100, 300, 20
GROUP_COMMANDS = ("help", "stretch", "warmup", "exercises", "prevent", "kneepain")
LIMITS = FloodLimits(per_second=30, per_chat_per_second=None, per_group_per_minute=20)
PRIVATE_WAIT = 30.0  # seconds the runners wait for an answer
GROUP_WATCH = 65.0  # seconds the group is watched after the flood: its first minute, and more
OUT = Path(__file__).resolve().parent / "RESULTS.md"
HEADING = "## A noisy group"


@dataclass(frozen=True)
class Flood:
    setup: str
    private_seconds: list[float]  # each runner's wait for an answer, of those answered
    http_429: int
    group_messages: int  # answers the group received while watched
    first_group_minute: int  # of them, in the first minute
    answered_commands: str  # how the group's 300 commands were answered

    def percentile(self, share: float) -> float | None:
        """The wait `share` of the runners stayed within; None if they were not all answered."""
        if len(self.private_seconds) < RUNNERS:
            return None
        ranked = sorted(self.private_seconds)
        return ranked[min(len(ranked) - 1, round(share * len(ranked)) - 1)]


class _TimedLocalBotApi(LocalBotApi):
    """Notes when each sendMessage was answered."""

    @dataclass(frozen=True)
    class Sent:
        chat_id: int
        ok: bool
        at: float

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.timed_sends: list[_TimedLocalBotApi.Sent] = []

    async def handle_call(
        self, token: str, method: str, raw: dict[str, object]
    ) -> tuple[int, dict[str, object]]:
        status, body = await super().handle_call(token, method, raw)
        if method.lower() == "sendmessage":
            chat_id = raw.get("chat_id")
            chat = int(chat_id) if isinstance(chat_id, int | str) else 0
            self.timed_sends.append(self.Sent(chat, status == 200, time.monotonic()))
        return status, body


async def _flood(
    api: _TimedLocalBotApi, setup: str, answered: Callable[[], str], introduces: bool
) -> Flood:
    admin = api.user("Admin")
    club = api.group("Noisy Runners", supergroup=True)
    club.set_admins(admin)
    members = [api.user(f"Member{n}") for n in range(MEMBERS)]
    for member in members:
        club.add_member(member)
    await club.add_bot(by=admin)
    await api.wait_until(lambda: api.pending_updates == 0, timeout=10)
    if introduces:  # the bot's introduction is not an answer
        await api.wait_until(lambda: bool(club.bot_messages), timeout=10)
    started = time.monotonic()
    for n in range(COMMANDS):
        await club.send(f"/{GROUP_COMMANDS[n % len(GROUP_COMMANDS)]}", from_user=members[n % 100])
    runners = [api.private_chat(api.user(f"Runner{n}")) for n in range(RUNNERS)]
    asked: list[float] = []
    for dm in runners:
        asked.append(time.monotonic())
        await dm.send("/help")
    waits: dict[int, float] = {}

    def all_answered() -> bool:
        now = time.monotonic()
        for n, dm in enumerate(runners):
            if n not in waits and dm.bot_messages:
                waits[n] = now - asked[n]
        return len(waits) == RUNNERS

    with contextlib.suppress(TimeoutError):
        await api.wait_until(all_answered, timeout=PRIVATE_WAIT)
    await asyncio.sleep(max(0.0, started + GROUP_WATCH - time.monotonic()))
    # Answers the group received, by when the server took them (not the bot's introduction).
    sent_at = [c.at for c in api.timed_sends if c.chat_id == club.id and c.ok and c.at > started]
    return Flood(
        setup,
        sorted(waits.values()),
        api.flood_errors,
        len(sent_at),
        sum(1 for at in sent_at if at - started < 60),
        answered(),
    )


async def knee_coach(tmp: Path) -> Flood:
    url = f"sqlite+aiosqlite:///{tmp / 'noisy.sqlite3'}"
    await upgrade(url)
    services = Services(
        settings=load_settings(database_url=url, tick_seconds=60),
        database=Database(url),
        library=load_library(),
    )
    api = _TimedLocalBotApi(flood_limits=LIMITS)
    async with api:
        application = build_application(services, token=api.token, base_url=api.base_url)
        async with polling(application):
            tally = group_replies(application).tally

            def answered() -> str:
                return (
                    f"{tally.sent} messages: each answer once, {tally.pointed} pointers to it; "
                    f"{tally.coalesced} coalesced while waiting, "
                    f"{tally.repeats_dropped + tally.late_dropped} dropped as repeats or late"
                )

            return await _flood(api, "Knee Coach (this branch)", answered, introduces=True)


async def _ignore(_update: object, _context: ContextTypes.DEFAULT_TYPE) -> None:
    """A refused reply (429) is counted by the server; the traceback would only be noise."""


async def bare_ptb(_tmp: Path) -> Flood:
    """The library's recommended setup: AIORateLimiter, concurrent updates, one reply each."""
    replies = [0]

    async def answer(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        assert message is not None and message.text is not None
        replies[0] += 1
        try:
            await message.reply_text(f"The answer to {message.text.split()[0]}", do_quote=False)
        finally:
            replies[0] -= 1

    api = _TimedLocalBotApi(flood_limits=LIMITS)
    async with api:
        application = (
            ApplicationBuilder()
            .token(api.token)
            .base_url(api.base_url)
            .rate_limiter(AIORateLimiter())
            .concurrent_updates(True)
            .build()
        )
        application.add_handler(CommandHandler(list(GROUP_COMMANDS), answer))
        application.add_error_handler(_ignore)
        # Never stopped: stopping waits for every reply still held in a handler slot (minutes
        # of them); asyncio.run cancels them when the benchmark is done.
        await application.initialize()
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0)
        return await _flood(
            api,
            "bare PTB + AIORateLimiter",
            lambda: f"one reply per command; {replies[0]} still waiting in handler slots",
            introduces=False,
        )


def _seconds(value: float | None) -> str:
    return f"{value:.2f} s" if value is not None else f"not all within {PRIVATE_WAIT:.0f} s"


def section(floods: list[Flood], load: tuple[float, float, float]) -> list[str]:
    lines = [
        HEADING,
        "",
        f"`python -m bench.noisy_group` (also run by `make bench`), {time.strftime('%Y-%m-%d')}:",
        f"{MEMBERS} members fire {COMMANDS} commands into one club group at once",
        f"(/{', /'.join(GROUP_COMMANDS)}),",
        f"then {RUNNERS} runners write /help in private. The local Bot API enforces 30 messages",
        "a second overall and 20 a minute per group over strict sliding windows, in real time,",
        "in the same process as the bot. Load average before: "
        f"{' '.join(f'{x:.2f}' for x in load)} (other engineers share the 2 cores).",
        "",
        "| setup | private answered | private p50 | private p95 | 429s | group messages"
        f" in {GROUP_WATCH:.0f} s (first minute) | the group's commands |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in floods:
        median = statistics.median(f.private_seconds) if f.private_seconds else None
        lines.append(
            f"| {f.setup} | {len(f.private_seconds)}/{RUNNERS} | {_seconds(median)} | "
            f"{_seconds(f.percentile(0.95))} | {f.http_429} | {f.group_messages} "
            f"({f.first_group_minute}) | {f.answered_commands} |"
        )
    lines += [
        "",
        "Knee Coach answers a group from a queue per group, not from handler slots: the same",
        "answer waiting or posted in the last 3 minutes is not posted again (one short reply",
        "points at it), and an answer that waited over a minute is dropped. Private chats are",
        "answered at once. With AIORateLimiter every group reply holds a handler slot while it",
        "waits for the group's minute, so the private updates wait behind them, and its group",
        "bucket (20 at once, then one every 3 s) lets more than 20 into a strict minute.",
        "",
    ]
    return lines


def write(out: Path, lines: list[str]) -> None:
    """Replaces this benchmark's section at the end of `out`, or adds it."""
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    before = text.split(f"\n{HEADING}\n", 1)[0].rstrip("\n")
    out.write_text(before + "\n\n" + "\n".join(lines), encoding="utf-8")


def main(out: Path = OUT) -> int:
    # AIORateLimiter logs every 429 with its traceback; the server counts them.
    logging.getLogger("telegram.ext.AIORateLimiter").setLevel(logging.CRITICAL)
    load = os.getloadavg()
    runs: list[Callable[[Path], Coroutine[Any, Any, Flood]]] = [knee_coach, bare_ptb]
    floods: list[Flood] = []
    with tempfile.TemporaryDirectory(prefix="kneecoach-noisy-") as tmp:
        for run in runs:
            print(f"[noisy group] {run.__name__}", file=sys.stderr, flush=True)
            floods.append(asyncio.run(run(Path(tmp))))
    write(out, section(floods, load))
    print(f"[noisy group] wrote {out}", file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
