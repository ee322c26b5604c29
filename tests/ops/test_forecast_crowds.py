"""The forecast's crowds, computed once per weekly time, equal the plain computation (one
`next_firing` per rule and weekday) on generated plans: the capacity numbers do not change."""

from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime, time

from hypothesis import given, settings
from hypothesis import strategies as st

from bench.population import rule_sizes
from bot.db.reminders import RuleRow
from bot.domain.schedule.capacity import Crowd, forecast
from bot.domain.schedule.deadlines import KINDS
from bot.ops.capacity import crowds_of
from tests.support.forecast_reference import reference_crowds

# Around the 2026 clock changes: Europe, North America, the south (Sydney, Santiago), and Lord
# Howe's half-hour DST.
INSTANTS = [
    datetime(2026, 3, 27, 23, 59, tzinfo=UTC),
    datetime(2026, 3, 7, 12, 0, tzinfo=UTC),
    datetime(2026, 4, 4, 8, 30, tzinfo=UTC),
    datetime(2026, 10, 24, 21, 0, tzinfo=UTC),
    datetime(2026, 12, 4, 17, 0, tzinfo=UTC),
]
ZONES = [
    "Europe/Berlin",
    "Europe/London",
    "America/New_York",
    "America/St_Johns",
    "America/Santiago",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Asia/Kathmandu",
    "Pacific/Chatham",
    "UTC",
]


def merged(crowds: Iterable[Crowd]) -> Counter[tuple[str, datetime, datetime]]:
    """The reminders firing at each instant, by kind and deadline."""
    counts: Counter[tuple[str, datetime, datetime]] = Counter()
    for crowd in crowds:
        counts[(crowd.kind, crowd.fire_at, crowd.deadline)] += crowd.count
    return counts


def test_the_populations_week_is_forecast_as_before() -> None:
    rules = rule_sizes(3_000)
    for now in INSTANTS:
        crowds = list(crowds_of(rules, now))
        assert merged(crowds) == merged(reference_crowds(rules, now))
        for rate in (30.0, 1_000.0):
            assert forecast(crowds, rate, now) == forecast(reference_crowds(rules, now), rate, now)


minutes = st.integers(0, 24 * 60 - 1).map(lambda m: time(m // 60, m % 60))
rule_rows = st.builds(
    RuleRow,
    kind=st.sampled_from(KINDS),
    zone=st.sampled_from(ZONES),
    weekdays=st.sets(st.integers(0, 6), min_size=1).map(
        lambda days: "".join(map(str, sorted(days)))
    ),
    local_time=minutes,
    # Leads as the bot writes them (warm-ups ahead, after-run check-ins two hours behind) and
    # beyond, up to two days either way.
    lead_minutes=st.integers(-2 * 24 * 60, 2 * 24 * 60) | st.sampled_from([-120, 0, 5, 15, 60]),
    quiet_start=st.none() | minutes,
    quiet_end=minutes,
).map(lambda row: row if row.quiet_start is not None else row._replace(quiet_end=None))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(rule_rows, st.integers(1, 50)), max_size=40),
    st.datetimes(datetime(2024, 1, 1), datetime(2030, 12, 31)).map(lambda d: d.replace(tzinfo=UTC)),
)
def test_any_rules_at_any_instant_give_the_same_crowds(
    rules: list[tuple[RuleRow, int]], now: datetime
) -> None:
    assert merged(crowds_of(rules, now)) == merged(reference_crowds(rules, now))


def test_rules_sharing_a_weekly_time_with_different_leads_keep_their_own_firings() -> None:
    # 07:00 Saturday runs, reminded 5 and 60 minutes ahead and checked on 2 hours after, seen
    # at 06:30 that Saturday: the 5-minute warm-up and the check-in are still ahead this week,
    # the 60-minute one is next week's.
    now = datetime(2026, 12, 5, 6, 30, tzinfo=UTC)
    row = RuleRow("warmup", "UTC", "5", time(7, 0), 5, None, None)
    rules = [
        (row, 1),
        (row._replace(lead_minutes=60), 2),
        (row._replace(kind="postrun", lead_minutes=-120), 3),
    ]
    fires = {crowd.count: crowd.fire_at for crowd in crowds_of(rules, now)}
    assert fires == {
        1: datetime(2026, 12, 5, 6, 55, tzinfo=UTC),
        2: datetime(2026, 12, 12, 6, 0, tzinfo=UTC),
        3: datetime(2026, 12, 5, 9, 0, tzinfo=UTC),
    }
