"""Whether the send rate gets the coming week's reminders out on time: the busiest minute, how
long it takes to send, and how many reminders would miss their deadline.

The model is the best the dispatcher can do: every reminder sent from its firing time (a warm-up
from up to EARLIEST_WARMUP before it, as its crowd needs), earliest deadline first, at the send
rate, until the last instant it may go out (bot.domain.schedule.deadlines.send_by).
"""

import heapq
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.schedule.deadlines import WARMUPS, Kind, send_by

# The documented bound on a warm-up's head start: a crowd sharing one run time may get its
# reminders up to this much before the lead its runners chose, never more.
EARLIEST_WARMUP = timedelta(minutes=30)
WEEK = timedelta(days=7)
_MINUTE = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class Crowd:
    """`count` reminders of one kind firing at one instant with one deadline."""

    kind: Kind
    fire_at: datetime
    deadline: datetime
    count: int


@dataclass(frozen=True, slots=True)
class Forecast:
    start: datetime
    rate: float  # messages a second
    reminders: int  # in the week from `start`
    busiest_minute: datetime | None
    busiest_count: int
    late: int  # would miss their deadline

    @property
    def busiest_seconds(self) -> float:
        """How long the busiest minute's reminders take to send at the rate."""
        return self.busiest_count / self.rate

    @property
    def fits(self) -> bool:
        return self.late == 0

    def summary(self) -> str:
        """One line for the log and the operator (counts and times only)."""
        if self.busiest_minute is None:
            return f"capacity: no reminders in the 7 days from {self.start:%Y-%m-%d %H:%M} UTC"
        verdict = "every reminder on time" if self.fits else f"{self.late:,} would be late"
        return (
            f"capacity: {self.reminders:,} reminders in the next 7 days; busiest minute "
            f"{self.busiest_minute:%a %Y-%m-%d %H:%M} UTC with {self.busiest_count:,}, "
            f"{self.busiest_seconds:,.0f} s of sending at {self.rate:g}/s; {verdict}"
        )


def forecast(crowds: Iterable[Crowd], rate: float, start: datetime) -> Forecast:
    """The week from `start` at `rate` messages a second."""
    week = [crowd for crowd in crowds if start <= crowd.fire_at < start + WEEK]
    per_minute: Counter[datetime] = Counter()
    for crowd in week:
        minute = crowd.fire_at.replace(second=0, microsecond=0)
        per_minute[minute] += crowd.count
    busiest = per_minute.most_common(1)
    return Forecast(
        start=start,
        rate=rate,
        reminders=sum(crowd.count for crowd in week),
        busiest_minute=busiest[0][0] if busiest else None,
        busiest_count=busiest[0][1] if busiest else 0,
        late=_late(week, rate),
    )


def _late(crowds: list[Crowd], rate: float) -> int:
    """Earliest deadline first, as a fluid: each crowd is released at its earliest sending
    time, and what is left of it at its last sending instant is late."""
    releases = sorted(
        (
            (crowd.fire_at - (EARLIEST_WARMUP if crowd.kind in WARMUPS else timedelta(0)), crowd)
            for crowd in crowds
        ),
        key=lambda release: release[0],
    )
    waiting: list[tuple[datetime, int, float]] = []  # (send by, tie-break, reminders left)
    late = 0.0
    clock = releases[0][0] if releases else datetime.min
    for index, (released, crowd) in enumerate(releases):
        clock, missed = _serve(waiting, clock, released, rate)
        late += missed
        heapq.heappush(waiting, (send_by(crowd.kind, crowd.deadline), index, float(crowd.count)))
    _, missed = _serve(waiting, clock, None, rate)
    return round(late + missed)


def _serve(
    waiting: list[tuple[datetime, int, float]], clock: datetime, until: datetime | None, rate: float
) -> tuple[datetime, float]:
    """Sends from `waiting` from `clock` until `until` (None: until all is sent or late);
    returns the new clock and how many became late."""
    late = 0.0
    while waiting and (until is None or clock < until):
        send_by, tie, left = waiting[0]
        if send_by <= clock:
            heapq.heappop(waiting)
            late += left
            continue
        stop = send_by if until is None else min(until, send_by)
        can = (stop - clock).total_seconds() * rate
        if can >= left:
            heapq.heappop(waiting)
            clock += timedelta(seconds=left / rate)
        else:
            heapq.heapreplace(waiting, (send_by, tie, left - can))
            clock = stop
    if until is not None and clock < until:
        clock = until
    return clock, late
