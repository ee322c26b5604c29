"""The /progress chart from a fixed log: a valid PNG within Telegram's photo limits that still
looks like the stored golden image. Regenerate the golden with UPDATE_GOLDEN=1."""

import asyncio
import io
import os
import struct
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from matplotlib.image import imread
from numpy.typing import NDArray

from bot.domain.recovery import PainEntry
from bot.features.recovery.chart import (
    DPI,
    HEIGHT_PX,
    WIDTH_PX,
    NoData,
    _draw,
    progress_chart,
    spike_days,
)

GOLDEN = Path(__file__).parent / "golden" / "progress.png"
GOLDEN_KM = Path(__file__).parent / "golden" / "progress_km.png"
TODAY = date(2025, 3, 30)
ZONE = "Europe/Berlin"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
TELEGRAM_PHOTO_BYTES = 10 * 1024 * 1024
BLOCK = 10  # golden comparison on 10x10-pixel block means, so antialiasing noise averages out


def _log() -> list[PainEntry]:
    """Five weeks of a comeback: a flare in week 3, settling after a step back."""
    rows = [  # days ago, during run, next morning, minutes
        (33, 3, 2, 18),
        (31, 4, 3, 18),
        (29, 3, 2, 20),
        (27, 5, 4, 20),
        (24, 6, 5, 25),
        (22, 4, 3, 20),
        (20, 3, 2, 20),
        (17, 3, 1, 20),
        (15, 2, None, 25),
        (13, 2, 1, 25),
        (10, 3, 2, 25),
        (8, 1, 1, 28),
        (6, 2, 1, 28),
        (3, 1, 0, 30),
        (1, 2, None, 30),
    ]
    return [
        PainEntry(TODAY - timedelta(days=ago), during, morning, minutes=minutes)
        for ago, during, morning, minutes in rows
    ]


def _size(png: bytes) -> tuple[int, int]:
    assert png[:8] == PNG_SIGNATURE
    length, kind = struct.unpack(">I4s", png[8:16])
    assert (length, kind) == (13, b"IHDR")
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def _blocks(png: bytes) -> NDArray[np.float64]:
    pixels = np.asarray(imread(io.BytesIO(png), format="png"), dtype=np.float64)
    grey = pixels[..., :3] @ np.array([0.299, 0.587, 0.114])
    height, width = grey.shape
    blocks = grey.reshape(height // BLOCK, BLOCK, width // BLOCK, BLOCK)
    means: NDArray[np.float64] = blocks.mean(axis=(1, 3))
    return means


@pytest.fixture(scope="module")
def png() -> bytes:
    return progress_chart(_log(), ZONE, TODAY)


def test_a_valid_png_within_telegram_photo_limits(png: bytes) -> None:
    width, height = _size(png)
    assert (width, height) == (WIDTH_PX, HEIGHT_PX)
    assert width + height <= 10_000
    assert max(width, height) / min(width, height) <= 20
    assert len(png) < TELEGRAM_PHOTO_BYTES
    assert b"tEXt" not in png and b"tIME" not in png  # no software tag, no timestamp
    assert DPI >= 100


def _km_log() -> list[PainEntry]:
    """Ten weeks logged with distances (watch files or a typed /log); two long runs."""
    kms = [6, 7, 6, 8, 7, 8, 7, 9, 7, 12, 8, 7, 9, 8, 15, 8, 9, 8]
    return [
        PainEntry(
            TODAY - timedelta(days=70 - 4 * index), index % 4, 1, minutes=None, metres=km * 1000
        )
        for index, km in enumerate(kms)
    ]


def test_spikes_are_runs_over_ten_percent_past_the_month_s_longest() -> None:
    # 12 km after a 30-day longest of 9 km; 15 km after one of 12 km.
    assert spike_days(_km_log()) == {TODAY - timedelta(days=34), TODAY - timedelta(days=14)}
    assert spike_days(_log()) == frozenset()  # minutes only: nothing to judge


@pytest.mark.parametrize(
    ("log", "golden"), [(_log, GOLDEN), (_km_log, GOLDEN_KM)], ids=["minutes", "km"]
)
def test_it_looks_like_the_golden_image(log: object, golden: Path) -> None:
    assert callable(log)
    png = progress_chart(log(), ZONE, TODAY)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_bytes(png)
    expected, actual = _blocks(golden.read_bytes()), _blocks(png)
    assert expected.shape == actual.shape
    difference = np.abs(expected - actual)
    # Loose enough for a different FreeType build, tight enough to catch a moved legend,
    # a lost series or a changed layout.
    assert difference.mean() < 0.01, difference.mean()
    assert difference.max() < 0.25, difference.max()


def test_the_same_log_draws_the_same_bytes(png: bytes) -> None:
    assert progress_chart(list(reversed(_log())), ZONE, TODAY) == png


async def test_renders_off_the_event_loop_concurrently(png: bytes) -> None:
    drawn = await asyncio.gather(
        *(asyncio.to_thread(progress_chart, _log(), ZONE, TODAY) for _ in range(3))
    )
    assert drawn == [png] * 3


def test_distance_or_no_volume_still_draws() -> None:
    by_km = [
        PainEntry(TODAY - timedelta(days=2), 3, 2, metres=4500),
        PainEntry(TODAY, 2, None, metres=5000),
    ]
    assert _size(progress_chart(by_km, ZONE, TODAY)) == (WIDTH_PX, HEIGHT_PX)
    one_run = [PainEntry(TODAY, 4)]
    assert _size(progress_chart(one_run, "UTC", TODAY)) == (WIDTH_PX, HEIGHT_PX)


def test_no_runs_in_the_last_eight_weeks_is_an_error_the_caller_words() -> None:
    old = PainEntry(TODAY - timedelta(weeks=8), 3)
    future = PainEntry(TODAY + timedelta(days=1), 3)
    with pytest.raises(NoData, match="no run logged"):
        progress_chart([old, future], ZONE, TODAY)
    with pytest.raises(NoData):
        progress_chart([], ZONE, TODAY)


def test_a_runner_in_miles_gets_the_distance_axis_in_miles() -> None:
    # The bars, the weekly totals and the axis label are drawn in the unit; nothing else moves.
    in_km, in_miles = (
        _blocks(progress_chart(_km_log(), ZONE, TODAY)),
        _blocks(progress_chart(_km_log(), ZONE, TODAY, "mi")),
    )
    assert np.abs(in_km - in_miles).mean() > 0.001


def test_the_legend_names_only_the_series_drawn() -> None:
    unanswered = [PainEntry(TODAY - timedelta(days=2), 3, metres=4500), PainEntry(TODAY, 2)]
    figure = _draw(unanswered, ZONE, TODAY, 4, frozenset(), "km")
    named = [text.get_text() for text in figure.legends[0].get_texts()]
    assert "Pain during run" in named and "Pain next morning" not in named
    answered = [PainEntry(TODAY - timedelta(days=2), 3, 1, metres=4500)]
    figure = _draw(answered, ZONE, TODAY, 4, frozenset(), "km")
    assert "Pain next morning" in [text.get_text() for text in figure.legends[0].get_texts()]
