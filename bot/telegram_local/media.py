"""Image and video dimensions from file headers, as Telegram needs them to accept a photo or an
animation (a GIF, or an H.264 MP4 without sound)."""

import struct

_JPEG_FRAME_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG, GIF or JPEG image; None if it is none of those."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return int(width), int(height)
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    pos = 2
    while pos + 9 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker in _JPEG_FRAME_MARKERS:
            height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
            return int(width), int(height)
        (segment_length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        pos += 2 + int(segment_length)
    return None


def animation_info(data: bytes) -> tuple[int, int, int] | None:
    """(width, height, whole seconds) of a GIF or MP4 animation; None if it is neither."""
    if data[:6] in (b"GIF87a", b"GIF89a"):
        size = image_size(data)
        return None if size is None else (*size, 0)
    if data[4:8] != b"ftyp":
        return None
    moov = _box(data, 0, len(data), b"moov")
    if moov is None:
        return None
    mvhd, trak = _box(data, *moov, b"mvhd"), _box(data, *moov, b"trak")
    tkhd = _box(data, *trak, b"tkhd") if trak else None
    if mvhd is None or tkhd is None:
        return None
    version = data[mvhd[0]]
    if version == 1:
        timescale, length = struct.unpack(">IQ", data[mvhd[0] + 20 : mvhd[0] + 32])
    else:
        timescale, length = struct.unpack(">II", data[mvhd[0] + 12 : mvhd[0] + 20])
    # tkhd ends with width and height as 16.16 fixed point.
    width, height = struct.unpack(">II", data[tkhd[1] - 8 : tkhd[1]])
    seconds = round(length / timescale) if timescale else 0
    return width >> 16, height >> 16, int(seconds)


def _box(data: bytes, start: int, end: int, kind: bytes) -> tuple[int, int] | None:
    """The (start, end) of the payload of the first `kind` box between start and end."""
    pos = start
    while pos + 8 <= end:
        (size,) = struct.unpack(">I", data[pos : pos + 4])
        header = 8
        if size == 1 and pos + 16 <= end:
            (size,) = struct.unpack(">Q", data[pos + 8 : pos + 16])
            header = 16
        elif size == 0:
            size = end - pos
        if size < header:
            return None
        if data[pos + 4 : pos + 8] == kind:
            return pos + header, min(end, pos + size)
        pos += size
    return None


def image_extension(data: bytes) -> str:
    """The file name extension that fits the image's format: ".png", ".gif" or ".jpg"."""
    if data.startswith(b"\x89PNG"):
        return ".png"
    return ".gif" if data.startswith(b"GIF8") else ".jpg"
