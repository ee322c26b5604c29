"""Recurrence over every IANA zone and every offset change in 2024-2030, against an oracle."""

from collections import Counter
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.domain.schedule import WeeklyTime, next_daily
from tests.schedule.tzcases import (
    ALL_ZONES,
    SPAN_START,
    check_run,
    hot_slots,
    planned_between,
    transitions,
)

YEAR = timedelta(days=365)
MAX_GAP = timedelta(hours=2)  # Antarctica/Troll springs from +00 to +02
PLAIN_PLAN = [WeeklyTime(0, time(7, 0)), WeeklyTime(3, time(18, 30)), WeeklyTime(6, time(0, 0))]


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[ZoneInfo, list[WeeklyTime], datetime]:
    """A zone, a weekly plan and a start instant, both often right at one of its offset changes."""
    name = draw(st.sampled_from(ALL_ZONES))
    changes = transitions(name)
    minutes = st.times().map(lambda t: t.replace(second=0, microsecond=0))
    slot = st.builds(WeeklyTime, st.integers(0, 6), minutes)
    after = st.datetimes(
        min_value=SPAN_START.replace(tzinfo=None),
        max_value=datetime(2029, 12, 31),
        timezones=st.just(UTC),
    )
    if changes:
        change = st.sampled_from(changes)
        slot = st.one_of(slot, change.map(hot_slots).flatmap(st.sampled_from))
        nearby = st.timedeltas(-timedelta(days=8), timedelta(days=8))
        after = st.one_of(after, st.builds(lambda c, d: c.at + d, change, nearby))
    return ZoneInfo(name), draw(st.lists(slot, min_size=1, max_size=4)), draw(after)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario=scenarios())
def test_a_year_of_occurrences_matches_the_plan(
    scenario: tuple[ZoneInfo, list[WeeklyTime], datetime],
) -> None:
    zone, plan, after = scenario
    produced = check_run(zone, plan, after, after + YEAR)
    per_slot = Counter(WeeklyTime(found.local_date.weekday(), found.planned) for found in produced)
    for slot in set(plan):
        # 365 days hold 52 or 53 of each weekday; a slot merged into another one on a
        # spring-forward day (02:00 and 03:00 both fire at 03:00) may lose one.
        assert 51 <= per_slot[slot] <= 53, (slot, per_slot)


@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(ALL_ZONES),
    after=st.datetimes(
        min_value=SPAN_START.replace(tzinfo=None),
        max_value=datetime(2030, 12, 31),
        timezones=st.just(UTC),
    ),
    planned=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
)
def test_the_next_daily_time_is_the_first_planned_instant_after(
    name: str, after: datetime, planned: time
) -> None:
    zone = ZoneInfo(name)
    fire_at = next_daily(zone, planned, after)
    daily = [WeeklyTime(day, planned) for day in range(7)]
    upcoming = planned_between(zone, daily, after, after + timedelta(days=2))
    assert fire_at == min(fire for _, _, fire in upcoming)
    assert fire_at - after <= timedelta(days=1) + MAX_GAP


@pytest.mark.parametrize("name", ALL_ZONES)
def test_every_offset_change_fires_each_planned_time_once(name: str) -> None:
    zone = ZoneInfo(name)
    for change in transitions(name):
        plan = hot_slots(change)
        check_run(zone, plan, change.at - timedelta(days=3), change.at + timedelta(days=3))
    # Zones without changes too: a plain plan for a fortnight.
    start = datetime(2026, 6, 1, tzinfo=UTC)
    check_run(zone, PLAIN_PLAN, start, start + timedelta(days=14))
