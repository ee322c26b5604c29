"""Reading a run from the files watches and apps export, and refusing what is not one."""

from datetime import UTC, datetime

import pytest

from bot.domain.recovery.activity_file import (
    MAX_BYTES,
    Format,
    RunSummary,
    UnreadableFile,
    format_of,
    read_run,
)
from tests.support.activity_files import fit, gpx, tcx

STARTED = datetime(2026, 6, 6, 7, 30, tzinfo=UTC)


def test_a_gpx_track_gives_its_distance_moving_time_and_start() -> None:
    assert read_run(gpx(points=61, metres_apart=100, seconds_apart=30), "gpx") == RunSummary(
        started=STARTED, metres=6_000, moving_seconds=1_800, sport="running"
    )


def test_a_fit_activity_gives_its_session() -> None:
    assert read_run(fit(metres=10_000, seconds=3_000), "fit") == RunSummary(
        started=STARTED, metres=10_000, moving_seconds=3_000, sport="running"
    )


def test_a_tcx_activity_adds_up_its_laps() -> None:
    assert read_run(tcx(metres=8_500, seconds=3_120), "tcx") == RunSummary(
        started=STARTED, metres=8_500, moving_seconds=3_120, sport="Running"
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [("run.GPX", "gpx"), ("a.b.fit", "fit"), ("x.tcx", "tcx"), ("run.kml", None), ("gpx", None)],
)
def test_the_format_comes_from_the_file_name(name: str, expected: str | None) -> None:
    assert format_of(name) == expected


@pytest.mark.parametrize(
    ("data", "file_format"),
    [
        (gpx()[:300], "gpx"),
        (fit()[:40], "fit"),
        (fit()[:-1] + b"\x00", "fit"),  # a bad checksum
        (tcx()[:200], "tcx"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "gpx"),
        (b"", "fit"),
        ("<gpx>\u00e9</gpx".encode("latin-1"), "gpx"),
    ],
    ids=["truncated gpx", "truncated fit", "fit crc", "truncated tcx", "png", "empty", "latin-1"],
)
def test_broken_files_get_a_plain_answer(data: bytes, file_format: Format) -> None:
    with pytest.raises(UnreadableFile, match=r"couldn't read|no "):
        read_run(data, file_format)


def test_an_oversized_file_is_refused_before_it_is_parsed() -> None:
    with pytest.raises(UnreadableFile, match="over 5 MB"):
        read_run(b"<" * (MAX_BYTES + 1), "gpx")


def test_a_ride_is_not_logged_as_a_run() -> None:
    with pytest.raises(UnreadableFile, match="cycling activity, not a run"):
        read_run(fit(sport=2), "fit")
    with pytest.raises(UnreadableFile, match="biking activity, not a run"):
        read_run(tcx(sport="Biking"), "tcx")


def test_a_track_without_times_cannot_be_dated() -> None:
    timeless = b'<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>'
    timeless += b'<trkpt lat="55" lon="12"/><trkpt lat="55.01" lon="12"/></trkseg></trk></gpx>'
    with pytest.raises(UnreadableFile, match="no times"):
        read_run(timeless, "gpx")


def test_xml_with_entities_is_refused_unread() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><gpx>&b;</gpx>'
    )
    for file_format in ("gpx", "tcx"):
        with pytest.raises(UnreadableFile, match="couldn't read"):
            read_run(laughs, file_format)
