"""The capacity forecast's arithmetic: the busiest minute, its sending time, who would be late."""

from datetime import UTC, datetime, timedelta

from bot.domain.schedule.capacity import EARLIEST_WARMUP, Crowd, forecast

NOW = datetime(2026, 11, 23, 5, 0, tzinfo=UTC)
RUN = NOW + timedelta(hours=2)


def warmups(count: int, lead: timedelta = timedelta(minutes=15)) -> Crowd:
    return Crowd("warmup", RUN - lead, RUN, count)


def test_a_crowd_that_fits_is_on_time_and_named_as_the_busiest_minute() -> None:
    nudges = Crowd("nudge", NOW + timedelta(hours=3), NOW + timedelta(hours=10), 10)
    result = forecast([warmups(1_800), nudges], 30, NOW)
    assert result.busiest_minute == RUN - timedelta(minutes=15)
    assert result.busiest_count == 1_800
    assert result.busiest_seconds == 60  # a minute's worth at 30/s
    assert result.reminders == 1_810
    assert result.fits
    assert "every reminder on time" in result.summary()


def test_warmups_may_start_early_but_only_within_the_bound() -> None:
    # 15 min lead - 3 min to warm up + 30 min head start = 42 minutes of sending at 30/s.
    window = (timedelta(minutes=12) + EARLIEST_WARMUP).total_seconds()
    assert forecast([warmups(int(window * 30))], 30, NOW).late == 0
    assert forecast([warmups(int(window * 30) + 600)], 30, NOW).late == 600


def test_a_paid_rate_serves_what_the_free_rate_cannot() -> None:
    crowd = [warmups(133_832)]
    free, paid = forecast(crowd, 30, NOW), forecast(crowd, 1_000, NOW)
    assert free.late == 133_832 - 42 * 60 * 30
    assert not free.fits and f"{free.late:,} would be late" in free.summary()
    assert paid.fits and paid.busiest_seconds < 135


def test_earlier_deadlines_go_first() -> None:
    # Nudges firing with the warm-ups but due by 21:00 wait; the warm-ups all make it.
    crowds = [
        warmups(42 * 60 * 30),
        Crowd("nudge", RUN - timedelta(minutes=15), NOW.replace(hour=20), 5_000),
    ]
    assert forecast(crowds, 30, NOW).late == 0


def test_nothing_beyond_the_week_counts() -> None:
    later = Crowd("nudge", NOW + timedelta(days=8), NOW + timedelta(days=8, hours=5), 99)
    result = forecast([later], 30, NOW)
    assert result.busiest_minute is None and result.reminders == 0
    assert "no reminders" in result.summary()


def test_crowds_released_together_are_all_counted() -> None:
    same = [warmups(10), warmups(20), Crowd("stretch", RUN, RUN + timedelta(hours=2), 5)]
    assert forecast(same, 30, NOW).reminders == 35
    assert forecast(same, 30, NOW).fits
