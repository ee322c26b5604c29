"""The one callback-data codec: every button the bot draws carries `prefix:arg:arg`, at most 64
bytes, where the prefix names the feature's family of buttons (declared in its buttons.py).

Buttons outlive the process that drew them and a modified client can send any data, so parsing
never raises: None means "stale or forged", and `on_press` (bot.ui.presses) says so kindly.
Prefixes are registered when a family is declared, so two features cannot claim the same one.
"""

import re
from collections.abc import Container
from dataclasses import dataclass
from typing import ClassVar

MAX_CALLBACK_BYTES = 64
MAX_DIGITS = 19  # a 64-bit id (a Telegram chat id, a database row) has at most 19 digits
_PART = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")


@dataclass(frozen=True)
class Callback:
    action: str  # a family's prefix
    args: tuple[str, ...] = ()


def encode(prefix: str, *args: str | int) -> str:
    """The wire format; features draw through their `Buttons` instead."""
    parts = [prefix, *(str(arg) for arg in args)]
    if not all(_PART.match(part) for part in parts):
        raise ValueError(f"callback parts must match {_PART.pattern}: {parts}")
    data = ":".join(parts)
    if len(data.encode()) > MAX_CALLBACK_BYTES:
        raise ValueError(f"callback data over {MAX_CALLBACK_BYTES} bytes: {data}")
    return data


def decode(data: str | None) -> Callback | None:
    """The wire format read back; None for anything `encode` cannot have written."""
    if not data or len(data.encode()) > MAX_CALLBACK_BYTES:
        return None
    parts = data.split(":")
    if not all(_PART.match(part) for part in parts):
        return None
    return Callback(parts[0], tuple(parts[1:]))


class Buttons:
    """One family of buttons: draws their data and reads it back."""

    _taken: ClassVar[dict[str, "Buttons"]] = {}

    def __init__(self, prefix: str, owner: str) -> None:
        if not _PART.match(prefix):
            raise ValueError(f"a button prefix must match {_PART.pattern}: {prefix!r}")
        if (taken := Buttons._taken.get(prefix)) is not None:
            raise ValueError(f"button prefix {prefix!r} is taken by {taken.owner}")
        self.prefix = prefix
        self.owner: str = owner  # the declaring module, for the error above and the registry test
        # What CallbackQueryHandler routes to this family.
        self.pattern = re.compile(rf"^{re.escape(prefix)}(:|$)")
        Buttons._taken[prefix] = self

    @classmethod
    def registered(cls) -> tuple["Buttons", ...]:
        return tuple(cls._taken.values())

    def data(self, *args: str | int) -> str:
        """The callback data for one button; drawing data Telegram would refuse is a bug."""
        return encode(self.prefix, *args)

    def parse(self, data: str | None) -> tuple[str, ...] | None:
        """The arguments after the prefix, or None when the data is not one of ours."""
        callback = decode(data)
        return callback.args if callback is not None and callback.action == self.prefix else None


def number_from(text: str, allowed: Container[int] | None = None) -> int | None:
    """A number as `Buttons.data` writes one (decimal digits, no sign, no leading zero), and
    within `allowed` when given; anything else was not drawn by us, so it reads as None. Typed
    words come here too (/clubrun remove 2): thousands of digits are too many for int()."""
    if len(text) > MAX_DIGITS or not (text.isascii() and text.isdecimal()):
        return None
    if text != str(int(text)):
        return None
    value = int(text)
    return value if allowed is None or value in allowed else None
