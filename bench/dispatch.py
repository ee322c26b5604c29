"""A crowd of due deliveries drained through the real Dispatcher and the bot's AIORateLimiter
(in `bench.drain_worker`, its own process) against the local Bot API enforcing flood limits
(in this process), in real time."""

import asyncio
import json
import random
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.database import connect, sqlite_datetime
from bench.localapi import Send, TimedApi
from bench.population import FIRST_USER_ID
from bench.startup import REPO
from bot.domain.schedule.deadlines import WARMUP_NOTICE
from bot.telegram_local import FloodLimits

MARGIN = 0.25  # deadline slack beyond the time the rate needs, as a share of it (plus 5 s)
HELD = "bench-held"  # deliveries left out of the crowd: a status the dispatcher never claims


@dataclass(frozen=True)
class Drain:
    crowd: int  # deliveries due
    rate: float  # the bot's send_rate
    limits: FloodLimits  # what the server enforced
    paced: bool  # the experiment's evenly spaced limiter instead of the bot's
    sent: int  # sendMessage calls answered ok
    seconds: float  # drain start to the last send
    http_429: int
    on_time: int  # delivered before the deadline (a warm-up: WARMUP_NOTICE before it)
    lost: int  # due deliveries never sent
    duplicates: int  # sends of the same message to the same chat beyond one
    unexpected: int  # messages no due delivery accounts for
    resent_after_restart: int  # sends by a fresh planner + dispatcher afterwards
    worker_cpu_s: float  # the bot process's CPU time while draining
    chats_with_two: int  # chats due more than one message in the crowd

    @property
    def ratio(self) -> float:
        return self.sent / self.seconds / self.rate if self.seconds > 0 else 0.0

    @property
    def on_time_pct(self) -> float:
        return 100 * self.on_time / self.crowd if self.crowd else 100.0

    @property
    def cpu_ms_per_send(self) -> float:
        return 1000 * self.worker_cpu_s / self.sent if self.sent else 0.0


def hold_all_but(path: Path, crowd: int, seed: int = 11) -> int:
    """Leaves `crowd` random pending deliveries due; the others are set aside."""
    with connect(path) as db:
        ids = [i for (i,) in db.execute("SELECT id FROM deliveries WHERE status = 'pending'")]
        keep = set(random.Random(seed).sample(ids, min(crowd, len(ids))))
        db.executemany(
            "UPDATE deliveries SET status = ? WHERE id = ?",
            [(HELD, i) for i in ids if i not in keep],
        )
    return len(keep)


def _notice(kind: str) -> timedelta:
    return WARMUP_NOTICE if kind.endswith("warmup") else timedelta(0)


async def drain_crowd(
    path: Path, peak_at: datetime, rate: float, limits: FloodLimits, log: Path, paced: bool = False
) -> Drain:
    """Sends every pending delivery in the database at `path` (the peak tick's crowd), then
    checks that a restart (planner and dispatcher anew) sends nothing more."""
    with connect(path) as db:
        rows = db.execute("SELECT id, chat_id, kind FROM deliveries WHERE status = 'pending'")
        crowd: list[tuple[int, int, str]] = rows.fetchall()
    per_chat = Counter(chat_id for _, chat_id, _ in crowd)
    async with TimedApi(flood_limits=limits) as api:
        # The runners wrote to the bot once (users are numbered as the database's ids).
        for index in range(max(per_chat) - FIRST_USER_ID + 1):
            user = api.user(f"Runner {index}", language_code="en")
            assert user.id == FIRST_USER_ID + index
            if user.id in per_chat:
                await api.private_chat(user).send("/start")
        need = len(crowd) / rate
        with log.open("ab") as errors:
            worker = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bench.drain_worker",
                str(path),
                api.base_url,
                api.token,
                str(rate),
                peak_at.isoformat(),
                *(["--paced"] if paced else []),
                cwd=REPO,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=errors,
            )
        assert worker.stdout is not None
        try:
            async with asyncio.timeout(need * (1 + MARGIN) + 120):
                ready = await worker.stdout.readline()
                if ready.strip() != b"ready":
                    raise RuntimeError(f"bench.drain_worker did not start; see {log}")
                # Real time from here: due now; the deadline is when the rate has sent them
                # all, plus slack (a warm-up's deadline is its run's start, later by the notice).
                start = datetime.now(UTC)
                deadline = start + timedelta(seconds=need * (1 + MARGIN) + 5)
                with connect(path) as db:
                    db.executemany(
                        "UPDATE deliveries SET not_before = ?, deadline = ? WHERE id = ?",
                        [
                            (sqlite_datetime(start), sqlite_datetime(deadline + _notice(k)), i)
                            for i, _, k in crowd
                        ],
                    )
                output, _ = await worker.communicate(b"go\n")
        finally:
            if worker.returncode is None:
                worker.kill()
                await worker.wait()
        if worker.returncode != 0:
            raise RuntimeError(f"bench.drain_worker exited with {worker.returncode}; see {log}")
        report = json.loads(output.decode().strip().splitlines()[-1])
        return _account(
            crowd,
            per_chat,
            api.sends,
            started=report["started"],
            deadline=deadline.timestamp(),
            setup=(rate, limits, paced, api.flood_errors),
            worker=(int(report["resent"]), float(report["cpu_s"])),
        )


def _account(
    crowd: list[tuple[int, int, str]],
    per_chat: Counter[int],
    sends: list[Send],
    *,
    started: float,
    deadline: float,
    setup: tuple[float, FloodLimits, bool, int],
    worker: tuple[int, float],
) -> Drain:
    """Matches sends to due deliveries: a chat due k messages must get k different texts (each
    kind and occurrence reads differently), each once, before the deadline."""
    copies: Counter[tuple[object, object]] = Counter()
    first_sent: dict[tuple[object, object], float] = {}
    for send in sends:
        if send.ok:
            copies[(send.chat_id, send.text)] += 1
            first_sent.setdefault((send.chat_id, send.text), send.at)
    arrivals: dict[object, list[float]] = {}
    for (chat_id, _text), at in first_sent.items():
        arrivals.setdefault(chat_id, []).append(at)
    delivered = on_time = unexpected = 0
    for chat_id, times in arrivals.items():
        due = per_chat[chat_id] if isinstance(chat_id, int) else 0
        delivered += min(due, len(times))
        on_time += min(due, sum(at <= deadline for at in times))
        unexpected += max(0, len(times) - due)
    rate, limits, paced, http_429 = setup
    resent, cpu = worker
    return Drain(
        crowd=len(crowd),
        rate=rate,
        limits=limits,
        paced=paced,
        sent=sum(copies.values()),
        seconds=max(first_sent.values(), default=started) - started,
        http_429=http_429,
        on_time=on_time,
        lost=len(crowd) - delivered,
        duplicates=sum(count - 1 for count in copies.values()),
        unexpected=unexpected,
        resent_after_restart=resent,
        worker_cpu_s=cpu,
        chats_with_two=sum(1 for count in per_chat.values() if count > 1),
    )
