"""Every pushed message, in every recovery state, is one Telegram accepts and fits one message."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from bot.delivery.messages import RENDERERS
from bot.domain.content.library import Library
from bot.domain.recovery import PainEntry, classify
from bot.domain.recovery.status import LoggedRun, RedDay, RunnerStatus
from tests.support.screens import assert_sendable
from tests.support.spec import SpecChecker


@dataclass(frozen=True)
class Due:
    id: int = 1
    event_at: datetime = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)
    zone: str = "Europe/Berlin"
    title: str | None = "Tuesday <b>hills</b> & intervals"


SEVERE = PainEntry(day=date(2026, 11, 23), during_run=9, next_morning=8, swelling=True)
STATUSES = {
    "none": RunnerStatus(),
    "last stage, red day, waiting": RunnerStatus(
        stage=10,
        waiting=LoggedRun(2**31 - 1, SEVERE),
        red=RedDay(SEVERE.day, classify(SEVERE)),
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
    assert RENDERERS["checkin"](library, Due(), STATUSES["last stage, red day, waiting"])
