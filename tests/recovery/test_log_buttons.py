"""A run read from a watch file travels in its pain buttons: distance and its own minutes."""

from datetime import date

import pytest

from bot.domain.recovery.entry import NewRun
from bot.features.recovery import buttons
from bot.ui.callback import decode

RUN = NewRun(date(2026, 6, 6), 3, 52, False, 8_512)


def _parsed(data: str) -> buttons.Press | None:
    callback = decode(data)
    assert callback is not None
    return buttons.parse(callback.args)


def test_a_file_run_reads_back_whole_and_fits_a_button() -> None:
    data = buttons.store_run(RUN, another=True)
    assert len(data.encode()) <= 64
    assert _parsed(data) == buttons.StoreRun(RUN, another=True)


def test_a_tapped_or_typed_run_reads_back_without_a_distance() -> None:
    tapped = NewRun(date(2026, 6, 6), 3, 30, True)
    assert _parsed(buttons.store_run(tapped, another=False)) == buttons.StoreRun(tapped)
    typed = NewRun(date(2026, 6, 6), 3, 52, False)
    assert _parsed(buttons.store_run(typed, another=True)) == buttons.StoreRun(typed, True)


@pytest.mark.parametrize(
    "data",
    [
        "rl:m:f:3:20260606:52:0",
        "rl:m:f:3:20260606:52:x",
        "rl:m:f:3:20260606:52:8500:1",
        "rl:m:f:3:20260606:99999:8500",
    ],
)
def test_a_malformed_distance_is_an_expired_button(data: str) -> None:
    assert _parsed(data) is None
