"""Callback data codec: `action:arg:arg`, at most 64 bytes, anything else decodes to None.

Buttons outlive the process that drew them and anyone can send any callback data, so decoding
never raises: a handler treats None as "stale or forged" and says so kindly.
"""

import re
from collections.abc import Container
from dataclasses import dataclass

MAX_CALLBACK_BYTES = 64
_PART = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")


@dataclass(frozen=True)
class Callback:
    action: str
    args: tuple[str, ...] = ()


def encode(action: str, *args: str | int) -> str:
    parts = [action, *(str(arg) for arg in args)]
    if not all(_PART.match(part) for part in parts):
        raise ValueError(f"callback parts must match {_PART.pattern}: {parts}")
    data = ":".join(parts)
    if len(data.encode()) > MAX_CALLBACK_BYTES:
        raise ValueError(f"callback data over {MAX_CALLBACK_BYTES} bytes: {data}")
    return data


def decode(data: str | None) -> Callback | None:
    if not data or len(data.encode()) > MAX_CALLBACK_BYTES:
        return None
    parts = data.split(":")
    if not all(_PART.match(part) for part in parts):
        return None
    return Callback(parts[0], tuple(parts[1:]))


def number_from(text: str, allowed: Container[int] | None = None) -> int | None:
    """A number as `encode` writes one (decimal digits, no sign, no leading zero), and within
    `allowed` when given; anything else was not drawn by us, so it reads as None."""
    if not (text.isascii() and text.isdecimal()) or text != str(int(text)):
        return None
    value = int(text)
    return value if allowed is None or value in allowed else None


def action_pattern(action: str) -> re.Pattern[str]:
    """The CallbackQueryHandler pattern that routes one action to its handler."""
    return re.compile(rf"^{re.escape(action)}(:|$)")
