"""Activity files as watches and apps export them, written here so tests own their samples:
GPX 1.1 with time and elevation, a FIT activity (a minimal but valid encoding: header, file id,
session, CRC), and a Garmin TCX."""

import struct
from datetime import UTC, datetime, timedelta

from fitdecode import FIT_UTC_REFERENCE
from fitdecode.utils import compute_crc

START = datetime(2026, 6, 6, 7, 30, tzinfo=UTC)


def gpx(points: int = 60, metres_apart: float = 100.0, seconds_apart: int = 30) -> bytes:
    """A run due north from (55.0, 12.0): `points` points `metres_apart`, with elevation."""
    degrees = metres_apart / 111_319.49  # metres per degree of latitude on gpxpy's sphere
    rows = []
    for index in range(points):
        at = (START + timedelta(seconds=index * seconds_apart)).strftime("%Y-%m-%dT%H:%M:%SZ")
        rows.append(
            f'<trkpt lat="{55.0 + index * degrees:.7f}" lon="12.0000000">'
            f"<ele>{10 + index % 5}</ele><time>{at}</time></trkpt>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="Knee Coach tests" xmlns="http://www.topografix.com/GPX/1/1">'
        "<trk><name>Morning run</name><type>running</type><trkseg>"
        + "".join(rows)
        + "</trkseg></trk></gpx>"
    ).encode()


def tcx(metres: float = 8_500.0, seconds: float = 3_120.0, sport: str = "Running") -> bytes:
    started = START.strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
  <Activities>
    <Activity Sport="{sport}">
      <Id>{started}</Id>
      <Lap StartTime="{started}">
        <TotalTimeSeconds>{seconds / 2}</TotalTimeSeconds>
        <DistanceMeters>{metres / 2}</DistanceMeters>
        <Intensity>Active</Intensity><TriggerMethod>Manual</TriggerMethod>
      </Lap>
      <Lap StartTime="{started}">
        <TotalTimeSeconds>{seconds / 2}</TotalTimeSeconds>
        <DistanceMeters>{metres / 2}</DistanceMeters>
        <Intensity>Active</Intensity><TriggerMethod>Manual</TriggerMethod>
      </Lap>
    </Activity>
  </Activities>
</TrainingCenterDatabase>
""".encode()


def _definition(local: int, global_number: int, fields: list[tuple[int, int, int]]) -> bytes:
    """A definition message: little-endian, (field number, size, base type) per field."""
    header = struct.pack("<BBBHB", 0x40 | local, 0, 0, global_number, len(fields))
    return header + b"".join(struct.pack("<BBB", *field) for field in fields)


def fit(metres: float = 10_000.0, seconds: float = 3_000.0, sport: int = 1) -> bytes:
    """A FIT activity with one session (sport 1 is running, 2 cycling)."""
    stamp = int(START.timestamp() - FIT_UTC_REFERENCE)
    enum, uint32 = 0x00, 0x86
    records = (
        # file_id: type (4 = activity), time_created
        _definition(0, 0, [(0, 1, enum), (4, 4, uint32)])
        + struct.pack("<BBI", 0, 4, stamp)
        # session: start_time, sport, total_timer_time (ms, pauses excluded), total_distance (cm)
        + _definition(1, 18, [(2, 4, uint32), (5, 1, enum), (8, 4, uint32), (9, 4, uint32)])
        + struct.pack("<BIBII", 1, stamp, sport, round(seconds * 1000), round(metres * 100))
    )
    header = struct.pack("<BBHI4s", 14, 0x20, 2132, len(records), b".FIT")
    header += struct.pack("<H", compute_crc(header))
    body = header + records
    return body + struct.pack("<H", compute_crc(body))
