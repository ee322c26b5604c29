"""Stretch of the day: one per local date for everyone, the whole library before any repeat."""

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.content.daily import stretch_of_the_day
from bot.domain.content.library import Library

ROOT = Path(__file__).resolve().parents[2]
dates = st.dates(min_value=date(1970, 1, 1), max_value=date(2200, 12, 31))


@given(day=dates)
def test_the_same_date_gives_the_same_stretch(library: Library, day: date) -> None:
    first = stretch_of_the_day(library.stretches, day)
    again = stretch_of_the_day(list(library.stretches), date(day.year, day.month, day.day))
    assert first == again


@given(start=dates)
def test_n_consecutive_days_show_every_stretch_once(library: Library, start: date) -> None:
    n = len(library.stretches)
    shown = [stretch_of_the_day(library.stretches, start + timedelta(days=i)).id for i in range(n)]
    assert sorted(shown) == sorted(stretch.id for stretch in library.stretches)


@given(start=dates)
def test_the_cycle_repeats_after_the_whole_library(library: Library, start: date) -> None:
    n = len(library.stretches)
    later = start + timedelta(days=n)
    assert stretch_of_the_day(library.stretches, later) == stretch_of_the_day(
        library.stretches, start
    )


def test_no_stretches_is_an_error() -> None:
    with pytest.raises(ValueError, match="no stretches"):
        stretch_of_the_day([], date(2026, 1, 1))


def test_every_process_picks_the_same_stretch() -> None:
    # Different hash seeds stand in for different processes and restarts.
    script = (
        "from datetime import date; from bot.domain.content.library import load_library;"
        "from bot.domain.content.daily import stretch_of_the_day;"
        "print(stretch_of_the_day(load_library().stretches, date(2026, 11, 23)).id)"
    )
    picks = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in ("1", "2", "3")
    }
    assert len(picks) == 1 and picks != {""}
