"""Every pushed message, in every recovery state, is one Telegram accepts and fits one message."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.delivery.messages import RENDERERS
from bot.domain.content.library import Library
from bot.domain.recovery import PainEntry, classify
from bot.domain.recovery.spike import LoggedDistance
from bot.domain.recovery.status import LoggedRun, RedDay, RunnerStatus
from bot.domain.schedule.recurrence import WeeklyTime
from tests.support.screens import assert_sendable
from tests.support.spec import SpecChecker


@dataclass(frozen=True)
class Due:
    id: int = 1
    event_at: datetime = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)
    zone: str = "Europe/Berlin"
    title: str | None = "Tuesday <b>hills</b> & intervals"
    occurrence_key: str = "2026-11-24T07:00@Europe/Berlin"
    not_before: datetime = datetime(2026, 11, 24, 5, 45, tzinfo=UTC)


TUESDAY = date(2026, 11, 24)
WORST = "last stage, red day, waiting, a planned spike"
SEVERE = PainEntry(day=date(2026, 11, 23), during_run=9, next_morning=8, swelling=True)
STATUSES = {
    "none": RunnerStatus(),
    WORST: RunnerStatus(
        stage=10,
        waiting=LoggedRun(2**31 - 1, SEVERE),
        red=RedDay(SEVERE.day, classify(SEVERE)),
        planned_metres={WeeklyTime(1, time(7)): 250_000},  # the Due's Tuesday 07:00 in Berlin
        distances=tuple(
            LoggedDistance(date(2026, 11, 24) - timedelta(days=back), 5_000)
            for back in (40, 9, 5, 2)
        ),
    ),
    "logged today": RunnerStatus(stage=1, logged_today=True),
}


@pytest.mark.parametrize("kind", sorted(RENDERERS))
@pytest.mark.parametrize("state", sorted(STATUSES))
def test_every_reminder_is_sendable(
    library: Library, checker: SpecChecker, kind: str, state: str
) -> None:
    screen = RENDERERS[kind](library, Due(), STATUSES[state])
    if screen is not None:
        assert_sendable(screen, checker)


def test_check_ins_are_dropped_once_answered(library: Library) -> None:
    answered = STATUSES["logged today"]
    assert RENDERERS["postrun"](library, Due(), answered) is None
    assert RENDERERS["checkin"](library, Due(), answered) is None
    assert RENDERERS["checkin"](library, Due(), STATUSES[WORST])


def test_a_planned_spike_is_in_the_warm_up_with_its_numbers(library: Library) -> None:
    screen = RENDERERS["warmup"](library, Due(), STATUSES[WORST])
    assert screen is not None
    assert (
        "Today's 250 km would be 4900% longer than your longest run of the last 30 days (5 km)"
        in screen.text
    )


def test_a_planned_spike_is_found_on_the_night_the_clocks_go_forward(library: Library) -> None:
    """A Sunday 02:30 run in Berlin fires at 03:30 on 29 March 2026 (02:30 does not exist):
    its warm-up still knows the distance planned for 02:30."""
    moved = Due(
        event_at=datetime(2026, 3, 29, 1, 30, tzinfo=UTC),
        occurrence_key="2026-03-29T02:30@Europe/Berlin",
        not_before=datetime(2026, 3, 29, 1, 15, tzinfo=UTC),
    )
    status = RunnerStatus(
        planned_metres={WeeklyTime(6, time(2, 30)): 20_000},
        distances=tuple(
            LoggedDistance(date(2026, 3, 29) - timedelta(days=back), 10_000)
            for back in (40, 9, 5, 2)
        ),
    )
    screen = RENDERERS["warmup"](library, moved, status)
    assert screen is not None and "Your run at 03:30" in screen.text
    assert "Today's 20 km would be 100% longer than your longest run" in screen.text
