"""`python -m bench.postgres [--sizes 100000,1000000]`: the PostgreSQL rows of bench/RESULTS.md.

A throwaway PostgreSQL server (started as the tests start theirs), migrated by the real
migrations, N runners of bench.population loaded with COPY (the rows `rules_for` + `next_firing`
give, nudges and stretch posts spread per runner as the bot writes them). Then, per size:

- startup_s: `python -m bot run --polling` on that database until its first getUpdates;
- the capacity forecast `python -m bot capacity` prints, at 30/s and at 1,000/s (paid): the busiest
  minute of the next 7 days, its sending time, and the reminders that would miss their deadline;
- peak_tick_ms: one `plan_due` at that busiest minute (every row firing earlier deactivated, as
  if already planned), and the deliveries it writes;
- the busiest minute drained through the bot's Scheduler at 30/s and at 1,000/s with paid
  broadcasts, on simulated time (bench.pg_drain), each on a copy of the database.

One JSON line per size on stdout, progress on stderr, and the section "On PostgreSQL" of
bench/RESULTS.md (replaced; `make bench` runs this after the SQLite benchmark rewrote the rest).
"""

import argparse
import asyncio
import json
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg

from bench.pg_drain import copy_database, drain, keep_only_the_minute
from bench.population import QUIET, Population, Runner, rule_sizes
from bench.startup import BOT, measure
from bot.db.engine import Database
from bot.db.migrate import upgrade
from bot.delivery.planner import plan_due
from bot.domain.content.library import load_library
from bot.domain.schedule.capacity import Forecast, forecast
from bot.domain.schedule.firing import Rule, next_firing
from bot.domain.schedule.sources import rules_for
from bot.ops.capacity import crowds_of, forecast_week
from tests.support.postgres import USER, running_postgres

SIZES = (100_000, 1_000_000)
OUT = Path(__file__).resolve().parent / "RESULTS.md"
SECTION = "## On PostgreSQL"
CHUNK = 20_000
RATES = (30.0, 1000.0)
DRAINS = ((30.0, False), (1000.0, True))  # send rate, paid broadcasts


def say(message: str) -> None:
    print(f"[bench.postgres {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class _Firings:
    """The first firing of each rule after `after`, memoised (runners share rules)."""

    def __init__(self, after: datetime) -> None:
        self._after = after
        self._cache: dict[Rule, tuple[datetime, datetime, str]] = {}

    def of(self, rule: Rule) -> tuple[datetime, datetime, str]:
        if (cached := self._cache.get(rule)) is None:
            firing = next_firing(rule, self._after)
            cached = self._cache[rule] = (firing.fire_at, firing.event_at, firing.key)
        return cached


@dataclass
class _Records:
    """One chunk of runners as the rows of each table."""

    users: list[tuple[Any, ...]] = field(default_factory=list)
    chats: list[tuple[Any, ...]] = field(default_factory=list)
    settings: list[tuple[Any, ...]] = field(default_factory=list)
    runs: list[tuple[Any, ...]] = field(default_factory=list)
    reminders: list[tuple[Any, ...]] = field(default_factory=list)


def _records(runners: Iterable[Runner], firings: _Firings) -> _Records:
    records = _Records()
    for runner in runners:
        plan, uid = runner.plan, runner.user_id
        records.users.append((uid, "en", True))
        records.chats.append((uid, "private", True))
        lead = int(plan.lead.total_seconds() // 60)
        records.settings.append(
            (uid, plan.zone, lead, plan.stretch_time, plan.nudges, QUIET.start, QUIET.end, False)
        )
        records.runs += [(uid, run.weekday, run.time) for run in plan.runs]
        for rule in rules_for(plan):
            quiet = (rule.quiet.start, rule.quiet.end) if rule.quiet else (None, None)
            weekdays = "".join(str(day) for day in rule.weekdays)
            lead_minutes = int(rule.lead.total_seconds() // 60)
            rule_columns = (rule.kind, rule.zone, weekdays, rule.local_time, lead_minutes)
            records.reminders.append((uid, uid, *rule_columns, *quiet, *firings.of(rule), True))
    return records


async def _copy(connection: asyncpg.Connection, records: _Records) -> int:
    await connection.copy_records_to_table(
        "users", records=records.users, columns=["id", "language_code", "is_active"]
    )
    await connection.copy_records_to_table(
        "chats", records=records.chats, columns=["id", "kind", "is_active"]
    )
    await connection.copy_records_to_table(
        "user_settings",
        records=records.settings,
        columns=[
            "user_id", "timezone", "warmup_lead_minutes", "stretch_time", "rest_day_nudges",
            "quiet_start", "quiet_end", "stopped",
        ],
    )  # fmt: skip
    await connection.copy_records_to_table(
        "planned_runs", records=records.runs, columns=["user_id", "weekday", "local_time"]
    )
    await connection.copy_records_to_table(
        "reminders",
        records=records.reminders,
        columns=[
            "chat_id", "user_id", "kind", "zone", "weekdays", "local_time", "lead_minutes",
            "quiet_start", "quiet_end", "next_fire_at", "event_at", "occurrence_key", "active",
        ],
    )  # fmt: skip
    return len(records.reminders)


async def load(port: int, database: str, users: int, now: datetime) -> int:
    """COPY in chunks; the next chunk is built in a thread while the server copies this one
    (the server is another process: the two use both cores)."""
    connection = await asyncpg.connect(host="127.0.0.1", port=port, user=USER, database=database)
    population, firings, rows = Population(), _Firings(now), 0

    def chunk(start: int) -> _Records:
        runners = (population.runner(i) for i in range(start, min(users, start + CHUNK)))
        return _records(runners, firings)

    try:
        next_chunk = asyncio.ensure_future(asyncio.to_thread(chunk, 0))
        for start in range(0, users, CHUNK):
            records = await next_chunk
            if start + CHUNK < users:
                next_chunk = asyncio.ensure_future(asyncio.to_thread(chunk, start + CHUNK))
            async with connection.transaction():
                rows += await _copy(connection, records)
        await connection.execute("ANALYZE")
    finally:
        await connection.close()
    return rows


def _fields(result: Forecast) -> dict[str, Any]:
    return {
        "reminders": result.reminders,
        "busiest_minute": result.busiest_minute and result.busiest_minute.isoformat(),
        "busiest_count": result.busiest_count,
        "busiest_send_s": round(result.busiest_seconds, 1),
        "late": result.late,
        "on_time_pct": round(100 * (1 - result.late / max(1, result.reminders)), 3),
        "summary": result.summary(),
    }


async def _forecasts(url: str, now: datetime) -> dict[str, Any]:
    database = Database(url)
    try:
        fields: dict[str, Any] = {}
        for rate in RATES:
            started = time.perf_counter()
            result = await forecast_week(database, now, rate)
            fields[f"forecast_{rate:.0f}"] = {
                "seconds": round(time.perf_counter() - started, 2),
                **_fields(result),
            }
        return fields
    finally:
        await database.dispose()


async def _peak_tick(url: str, at: datetime) -> dict[str, Any]:
    """Rows firing before the busiest minute are deactivated, as if already planned."""
    database = Database(url)
    try:
        async with database.engine.begin() as connection:
            await connection.exec_driver_sql(
                "UPDATE reminders SET active = false WHERE next_fire_at < $1", (at,)
            )
        await plan_due(database, at.replace(year=2000))  # opens the connection: not the tick
        started = time.perf_counter()
        planned = await plan_due(database, at)
        return {
            "peak_tick_ms": round((time.perf_counter() - started) * 1000, 1),
            "peak_planned": planned,
        }
    finally:
        await database.dispose()


def run_size(port: int, users: int, url: str, tmp: Path) -> dict[str, Any]:
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    asyncio.run(upgrade(url))
    say(f"{users:,} runners: loading")
    started = time.perf_counter()
    rows = asyncio.run(load(port, url.rsplit("/", 1)[1], users, now))
    load_s = time.perf_counter() - started
    say(f"  {rows:,} reminder rows in {load_s:.0f} s; start-up")
    startup = asyncio.run(measure(BOT, url, tmp / "bot.log", limit=900))
    say("  capacity forecasts")
    forecasts = asyncio.run(_forecasts(url, now))
    busiest = forecasts["forecast_30"]["busiest_minute"]
    drains = _drains(url, datetime.fromisoformat(busiest)) if busiest else {}
    say(f"  peak tick at {busiest}")
    peak = asyncio.run(_peak_tick(url, datetime.fromisoformat(busiest))) if busiest else {}
    return {
        "n": users,
        "measured_at": f"{now:%Y-%m-%d %H:%M}",
        "database": "postgresql",
        "reminder_rows": rows,
        "load_s": round(load_s),
        "startup_s": round(startup.seconds, 2),
        "rss_mb": round(startup.rss_mb, 1),
        **peak,
        **forecasts,
        **drains,
    }


def _drains(url: str, minute: datetime) -> dict[str, Any]:
    """The busiest minute drained by the bot on a copy of the database, free and paid."""
    library, fields = load_library(), {}
    for rate, paid in DRAINS:
        copy = asyncio.run(copy_database(url, "drain"))
        crowd = asyncio.run(keep_only_the_minute(copy, minute))
        say(f"  drain of {crowd:,} at {rate:,.0f}/s{' (paid)' if paid else ''}")
        drained = drain(copy, minute, crowd, rate, paid, library)
        say(f"    {drained.count} in {drained.real_s} s")
        fields[f"drain_{rate:.0f}"] = {
            **asdict(drained.count),
            "on_time_pct": round(drained.count.on_time_pct, 3),
            **{key: value for key, value in asdict(drained).items() if key != "count"},
        }
    return fields


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.postgres", description=__doc__)
    parser.add_argument(
        "--sizes",
        type=lambda text: tuple(int(size) for size in text.split(",") if size),
        default=SIZES,
    )
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--also",
        type=Path,
        action="append",
        default=[],
        help="also the sizes measured by an earlier run: its JSON lines (stdout), one file each",
    )
    parser.add_argument(
        "--model-sizes",
        type=lambda text: tuple(int(size) for size in text.split(",") if size),
        default=(),
        help="also these sizes, forecast straight from the population (no database: for sizes "
        "too big to load in the time at hand)",
    )
    args = parser.parse_args(argv)
    results = [json.loads(line) for path in args.also for line in path.read_text().splitlines()]
    with running_postgres() as server, tempfile.TemporaryDirectory() as tmp:
        for users in args.sizes:
            url = asyncio.run(server.create_database())
            results.append(run_size(server.port, users, url, Path(tmp)))
            print(json.dumps(results[-1]), flush=True)
    for users in args.model_sizes:
        say(f"{users:,} runners: the forecast from the population alone")
        results.append({"n": users, "model_only": True, **model(users)})
        print(json.dumps(results[-1]), flush=True)
    write_section(args.out, sorted(results, key=lambda result: result["n"]))
    return 0


def model(users: int) -> dict[str, Any]:
    """The forecast at each rate from the population's rules, counted as the bot's query counts
    them (the same `crowds_of`), without loading a database."""
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    crowds = list(crowds_of(rule_sizes(users), now))
    return {f"forecast_{rate:.0f}": _fields(forecast(crowds, rate, now)) for rate in RATES}


def write_section(out: Path, results: list[dict[str, Any]]) -> None:
    """Replaces (or appends) the PostgreSQL section of RESULTS.md."""
    replace_section(out, SECTION, _section(results))


def replace_section(out: Path, heading: str, section: str) -> None:
    """Replaces the section of `out` under `heading` with `section` (appends it if missing)."""
    text = out.read_text() if out.exists() else ""
    before, _, after = text.partition(heading)
    rest = after[after.find("\n## ") :] if "\n## " in after else ""
    out.write_text(before.rstrip("\n") + "\n\n" + section + rest)


def _section(results: list[dict[str, Any]]) -> str:
    lines = [
        SECTION,
        "",
        f"Written by `python -m bench.postgres` (part of `make bench`) on "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, on a throwaway PostgreSQL server. Nudges and "
        "stretch posts are spread per runner as the bot now writes them. The forecast is what "
        "`python -m bot capacity` prints for the coming week: earliest deadline first at the "
        "rate, warm-ups from up to 30 minutes early. Sizes missing from the table were not run "
        "in this write (`--sizes`, `--model-sizes`; `--also` adds an earlier run's). Each "
        "size's measurement began: "
        + ", ".join(
            f"{r['n']:,} runners {r['measured_at']} UTC" for r in results if "measured_at" in r
        )
        + ".",
        "",
        "| N users | reminder rows | load_s | startup_s | rss_mb | peak_tick_ms "
        "| planned at peak | busiest minute | forecast at 30/s: send time, late, on time "
        "| forecast at 1,000/s (paid): send time, late, on time |",
        "|---:|---:|---:|---:|---:|---:|---:|---|---|---|",
    ]
    for r in results:
        free, paid = r["forecast_30"], r["forecast_1000"]
        measured = (
            "| forecast only, no database | | | | | "
            if r.get("model_only")
            else f"| {r['reminder_rows']:,} | {r.get('load_s', 'n/a')} | {r['startup_s']} "
            f"| {r['rss_mb']:.0f} | {r.get('peak_tick_ms', 'n/a')} | {r.get('peak_planned', 0):,} "
        )
        lines.append(
            f"| {r['n']:,} {measured}"
            f"| {free['busiest_count']:,} at {free['busiest_minute'][:16]} "
            f"| {free['busiest_send_s']:,.0f} s, {free['late']:,} late, {free['on_time_pct']} % "
            f"| {paid['busiest_send_s']:,.0f} s, {paid['late']:,} late, {paid['on_time_pct']} % |"
        )
    lines += ["", *_DRAIN_INTRO, "", *_DRAIN_HEAD]
    for r in results:
        for key in ("drain_30", "drain_1000"):
            if (d := r.get(key)) is not None:
                lines.append(_drain_row(r["n"], d))
    lines += ["", "Which configuration delivers every warm-up on time:", ""]
    lines += [f"- {r['n']:,} runners: {_verdict(r)}." for r in results]
    return "\n".join(lines) + "\n"


_DRAIN_INTRO = [
    "**Measured drains of the busiest minute** (`bench/pg_drain.py`): on a copy of the loaded "
    "database, every reminder row whose rule fires in that minute is set to that firing and "
    "every other row switched off; then the bot's own Scheduler ticks (every 15 s, from 31 "
    "minutes before; its first tick runs the start-up forecast) and sends every row through "
    "the real Dispatcher and the bot's rate limiter, over HTTP, to the local Bot API enforcing "
    "Telegram's limits (30/s, 1,000/s for paid broadcasts, 1/s per chat) and checking every "
    "call against the Bot API spec. Time is simulated: the bot's clock, its event loop and "
    "the flood windows share one clock running at `scale` times the wall clock (so the "
    "machine sends about 60 a second in either case) and skipping the idle time between "
    "ticks; the database and the CPU thus count `scale` times their real cost. On time: the "
    "message arrived while still worth sending (a warm-up at least 3 minutes before the run; "
    "each runner's message matched to what was due to them); duplicates: copies of a message "
    "to a chat beyond the first; unsent: due and never delivered (dropped as late included); "
    "send times are from the minute (negative: a head start).",
]
_DRAIN_HEAD = [
    "| N users | crowd | rate | on time | sent late | dropped late | unsent | duplicates "
    "| 429s | first, last send | scale | wall time |",
    "|---:|---:|---|---:|---:|---:|---:|---:|---:|---|---:|---:|",
]


def _drain_row(users: int, d: dict[str, Any]) -> str:
    rate = f"{d['rate']:,.0f}/s{' paid' if d['paid'] else ''}"
    return (
        f"| {users:,} | {d['crowd']:,} | {rate} | {d['on_time']:,} ({d['on_time_pct']} %) "
        f"| {d['late']:,} | {d['dropped_late']:,} | {d['unsent']:,} | {d['duplicates']:,} "
        f"| {d['http_429']:,} | {d['first_send_s']} s, {d['last_send_s']} s | {d['scale']:g} "
        f"| {d['real_s']:,.0f} s |"
    )


def _verdict(r: dict[str, Any]) -> str:
    """From the measured drains where there are some, else from the forecast (and said so)."""
    free, paid = r.get("drain_30"), r.get("drain_1000")
    week = r["forecast_30"]["late"], r["forecast_1000"]["late"]
    if free is not None and paid is not None:
        if _all_on_time(free):
            how = "Telegram's free 30/s with the crowds flattened; paid broadcasts not needed"
        elif _all_on_time(paid):
            missed = free["crowd"] - free["on_time"]
            how = f"paid broadcasts at 1,000/s ({missed:,} not on time at 30/s)"
        else:
            missed = paid["crowd"] - paid["on_time"]
            return f"neither: {missed:,} not on time even at 1,000/s (measured)"
        return (
            f"{how}: measured, every message of the busiest minute ({free['crowd']:,}) on time; "
            f"for the rest of the week it is the forecast's ({week[0]:,} late at 30/s)"
        )
    if week[0] == 0:
        how = "Telegram's free 30/s with the crowds flattened; paid broadcasts not needed"
    elif week[1] == 0:
        how = f"paid broadcasts at 1,000/s ({week[0]:,} would be late at 30/s)"
    else:
        how = f"neither: {week[1]:,} late even at 1,000/s"
    why = "not loaded into PostgreSQL" if r.get("model_only") else "no drain measured"
    return f"{how} (a forecast only, from the population: {why})"


def _all_on_time(drain: dict[str, Any]) -> bool:
    return bool(drain["on_time"] == drain["crowd"] and drain["duplicates"] == 0)


if __name__ == "__main__":
    sys.exit(main())
