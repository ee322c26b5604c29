"""What a watch or app export says about a run: its date, distance and moving time.

GPX (gpxpy), FIT (fitdecode) and TCX (XML, read with defusedxml). The file is read
from bytes and dropped: only the summary is kept. Anything unreadable is an `UnreadableFile`
whose message can be shown to the runner as it is.
"""

import io
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal
from xml.etree.ElementTree import Element

import fitdecode
import gpxpy
from defusedxml import ElementTree

Format = Literal["gpx", "fit", "tcx"]
FORMATS: tuple[Format, ...] = ("gpx", "fit", "tcx")
MAX_BYTES = 5 * 1024 * 1024  # a long run's GPX with a point a second is ~2 MB
_RUNNING = frozenset({"running", "run", "trail_running", "treadmill_running", "walking", "hiking"})
_TCX = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"


class UnreadableFile(ValueError):
    """The file cannot be read as a run; the message says why, in the runner's words."""


@dataclass(frozen=True, slots=True)
class RunSummary:
    started: datetime  # aware, UTC
    metres: int
    moving_seconds: int
    sport: str | None  # as the file names it; None when it does not say


def format_of(file_name: str) -> Format | None:
    extension = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    return next((known for known in FORMATS if known == extension), None)


def read_run(data: bytes, file_format: Format) -> RunSummary:
    """The run in `data`, or UnreadableFile. Only runs (and walks) are accepted."""
    if len(data) > MAX_BYTES:
        raise UnreadableFile(f"That file is over {MAX_BYTES // (1024 * 1024)} MB.")
    try:
        summary = {"gpx": _gpx, "fit": _fit, "tcx": _tcx}[file_format](data)
    except UnreadableFile:
        raise
    except Exception as error:  # each parser has its own errors; all mean the same here
        raise UnreadableFile(f"I couldn't read that {file_format.upper()} file.") from error
    if summary.sport is not None and summary.sport.lower() not in _RUNNING:
        raise UnreadableFile(f"That file is a {summary.sport.lower()} activity, not a run.")
    if summary.metres <= 0 or summary.moving_seconds <= 0:
        raise UnreadableFile("That file has no distance or time in it.")
    return summary


def _xml(data: bytes) -> Element:
    """The XML tree, refusing DTDs and entities (billion laughs, external entities) first."""
    root: Element = ElementTree.fromstring(data, forbid_dtd=True)
    return root


def _gpx(data: bytes) -> RunSummary:
    _xml(data)  # gpxpy's own parser does not guard against hostile XML
    track = gpxpy.parse(data.decode("utf-8"))
    bounds = track.get_time_bounds()
    moving = track.get_moving_data()
    if bounds.start_time is None or moving is None:
        raise UnreadableFile("That GPX file has no times in it, so I can't tell when you ran.")
    sport = next((t.type for t in track.tracks if t.type), None)
    return RunSummary(
        started=bounds.start_time.astimezone(UTC),
        metres=round(track.length_2d()),
        moving_seconds=round(moving.moving_time),
        sport=sport,
    )


def _fit(data: bytes) -> RunSummary:
    with fitdecode.FitReader(
        io.BytesIO(data),
        check_crc=fitdecode.CrcCheck.RAISE,
        error_handling=fitdecode.ErrorHandling.RAISE,
    ) as reader:
        sessions = [
            frame
            for frame in reader
            if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "session"
        ]
    if not sessions:
        raise UnreadableFile("That FIT file has no activity in it.")
    first = sessions[0]
    started = first.get_value("start_time")
    if not isinstance(started, datetime):
        raise UnreadableFile("That FIT file doesn't say when you ran.")
    sport = first.get_value("sport", fallback=None)
    return RunSummary(
        started=started.astimezone(UTC),
        metres=round(sum(float(s.get_value("total_distance", fallback=0) or 0) for s in sessions)),
        moving_seconds=round(
            sum(float(s.get_value("total_timer_time", fallback=0) or 0) for s in sessions)
        ),
        sport=sport if isinstance(sport, str) else None,
    )


def _tcx(data: bytes) -> RunSummary:
    root = _xml(data)
    activity = root.find(f"{_TCX}Activities/{_TCX}Activity")
    if activity is None:
        raise UnreadableFile("That TCX file has no activity in it.")
    laps = activity.findall(f"{_TCX}Lap")
    started = activity.findtext(f"{_TCX}Id")
    if not laps or started is None:
        raise UnreadableFile("That TCX file has no laps in it.")
    return RunSummary(
        started=datetime.fromisoformat(started.strip()).astimezone(UTC),
        metres=round(sum(float(lap.findtext(f"{_TCX}DistanceMeters") or 0) for lap in laps)),
        moving_seconds=round(
            sum(float(lap.findtext(f"{_TCX}TotalTimeSeconds") or 0) for lap in laps)
        ),
        sport=activity.get("Sport"),
    )
