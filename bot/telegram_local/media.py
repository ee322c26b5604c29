"""Image dimensions from file headers, as Telegram needs them to accept a photo."""

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


def image_extension(data: bytes) -> str:
    """The file name extension that fits the image's format: ".png", ".gif" or ".jpg"."""
    if data.startswith(b"\x89PNG"):
        return ".png"
    return ".gif" if data.startswith(b"GIF8") else ".jpg"
