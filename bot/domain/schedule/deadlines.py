"""When a delivery stops being worth sending: late ones are dropped, never sent at 3 a.m."""

from datetime import datetime, time, timedelta
from typing import Literal, assert_never, get_args
from zoneinfo import ZoneInfo

from bot.domain.schedule.wall import as_utc, to_utc

Kind = Literal[
    "warmup", "stretch", "nudge", "club_warmup", "club_stretch", "checkin", "postrun", "run_soon"
]
KINDS: tuple[Kind, ...] = get_args(Kind)

# A stretch post is still welcome a while after its time.
STRETCH_WAIT = timedelta(hours=2)
# Nudges and check-ins belong to their local day, and the day ends for them at this wall time.
DAY_CUTOFF = time(21, 0)
# The short warm-up takes about 3 minutes (content/warmup.yaml): a reminder arriving later than
# that before the start cannot be acted on.
WARMUP_NOTICE = timedelta(minutes=3)

WARMUPS: frozenset[Kind] = frozenset({"warmup", "club_warmup"})


def deadline(
    kind: Kind, fire_at_utc: datetime, event_at_utc: datetime | None, zone: ZoneInfo
) -> datetime:
    """The last instant a delivery of `kind` planned for `fire_at_utc` may go out (UTC).

    Warm-ups, and the one-off reminder shortly before a run: the run's start (`event_at_utc`,
    required). Stretch posts: two hours after their
    time. Nudges and check-ins: 21:00 local on the local date they fire, which is before
    `fire_at_utc` if they were planned after 21:00, so such a delivery is already late. After-run
    check-ins: the end of the run's local day (`event_at_utc`, required): one held back by quiet
    hours until the next morning is dropped, since /log would then file it under the wrong day.
    """
    fire_at = as_utc(fire_at_utc)
    match kind:
        case "warmup" | "club_warmup" | "run_soon":
            return _run_start(kind, event_at_utc)
        case "postrun":
            run_day = _run_start(kind, event_at_utc).astimezone(zone).date()
            return to_utc(zone, run_day + timedelta(days=1), time(0))
        case "stretch" | "club_stretch":
            return fire_at + STRETCH_WAIT
        case "nudge" | "checkin":
            return to_utc(zone, fire_at.astimezone(zone).date(), DAY_CUTOFF)
        case _:
            assert_never(kind)


def _run_start(kind: Kind, event_at_utc: datetime | None) -> datetime:
    if event_at_utc is None:
        raise ValueError(f"a {kind} deadline needs the run's start")
    return as_utc(event_at_utc)


def send_by(kind: Kind, deadline: datetime) -> datetime:
    """The last instant a delivery may be sent: a warm-up also needs time to be done."""
    notice = WARMUP_NOTICE if kind in WARMUPS or kind == "run_soon" else timedelta(0)
    return as_utc(deadline) - notice


def is_late(kind: Kind, now: datetime, deadline: datetime) -> bool:
    """Whether sending at `now` is too late."""
    return as_utc(now) > send_by(kind, deadline)
