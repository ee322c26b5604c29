"""`python -m bench.forecast [--users 100000] [--rounds 5]`: the capacity forecast's Python part
(the week's crowds from the rules, then `forecast` at 30/s), the plain way (one `next_firing`
per rule and weekday: tests.support.forecast_reference) against `bot.ops.capacity.crowds_of`
(each weekly time's occurrences once), alternately in one process, on the population's rules
as the forecast's query returns them. Both must give the same forecast. Writes the section
"The capacity forecast" of bench/RESULTS.md."""

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from bench.population import rule_sizes
from bench.postgres import replace_section
from bot.db.reminders import RuleColumns
from bot.domain.schedule.capacity import Crowd, Forecast, forecast
from bot.ops.capacity import crowds_of
from tests.support.forecast_reference import reference_crowds

OUT = Path(__file__).resolve().parent / "RESULTS.md"
SECTION = "## The capacity forecast"

Rules = Sequence[tuple[RuleColumns, int]]
Crowds = Callable[[Rules, datetime], Iterable[Crowd]]


def _timed(crowds: Crowds, rules: Rules, now: datetime) -> tuple[float, Forecast]:
    started = time.perf_counter()
    result = forecast(crowds(rules, now), 30.0, now)
    return time.perf_counter() - started, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.forecast", description=__doc__)
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    load = os.getloadavg()
    rules = rule_sizes(args.users)
    before: list[float] = []
    after: list[float] = []
    for round_ in range(args.rounds):
        old_s, old = _timed(reference_crowds, rules, now)
        new_s, new = _timed(crowds_of, rules, now)
        if new != old:
            raise AssertionError(f"the forecasts differ: {old} against {new}")
        before.append(old_s)
        after.append(new_s)
        print(
            f"[bench.forecast] round {round_ + 1}: {old_s:.2f} s -> {new_s:.2f} s", file=sys.stderr
        )
    per_day = sum(len(row.weekdays) for row, _ in rules)
    lines = [
        SECTION,
        "",
        f"`python -m bench.forecast --users {args.users} --rounds {args.rounds}` on "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC (load average before: "
        f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}): the forecast's Python part (the week's "
        "crowds from the rules, then the busiest minute and the late count at 30/s) on "
        f"{args.users:,} runners' rules as the forecast's query returns them ({len(rules):,} "
        f"rule rows, {per_day:,} rule-weekdays), the plain way and the current way alternately "
        "in one process. The plain way calls `next_firing` once per rule and weekday (nine "
        "local dates scanned for each, an occurrence key built); the current way "
        "(`bot.ops.capacity.crowds_of` with `WeekdayFirings`) finds each one-weekday rule's "
        "next firing directly (at most two dates on its weekday, each zone's local date "
        "computed once per lead, no key) and merges the crowds sharing a firing before the "
        "late count. Every round gave the same forecast both ways "
        f"({new.summary()}).",
        "",
        "| runners | rounds | plain, median | current, median | speed-up |",
        "|---:|---:|---:|---:|---:|",
        f"| {args.users:,} | {args.rounds} | {statistics.median(before):.2f} s "
        f"| {statistics.median(after):.2f} s "
        f"| {statistics.median(before) / statistics.median(after):.1f}x |",
    ]
    replace_section(args.out, SECTION, "\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
