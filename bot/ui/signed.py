"""Signed, time-stamped callback data: a conversation's state carried in its own buttons.

The /kneepain answers live only in the buttons of the one message being edited, never in the
database or in memory, so a restart or a second process loses nothing and stores nothing. The
signature makes forged data decode to None; the time stamp lets old buttons expire; the version
(what the state's characters mean, e.g. the questions' layout) makes buttons drawn before a
change of meaning decode to None instead of being misread.
"""

import base64
import hashlib
import hmac
from datetime import UTC, datetime, timedelta

from bot.ui.callback import MAX_CALLBACK_BYTES, Buttons

_MAC_BYTES = 8  # 64 bits: forging one button press takes ~2**63 tries, each a Telegram request
_STATE_ALPHABET = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-")
_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)


def _minutes(moment: datetime) -> int:
    return int((moment - _EPOCH).total_seconds() // 60)


class SignedButtons(Buttons):
    """A family whose data is `prefix:state:minute:mac`, drawn and verified by a StateSigner.
    Routing checks only the shape; the signature, age and version are the signer's to judge."""

    def parse(self, data: str | None) -> tuple[str, ...] | None:
        if not data or not data.isascii() or len(data) > MAX_CALLBACK_BYTES:
            return None
        prefix, _, signed = data.partition(":")
        return (signed,) if prefix == self.prefix else None


class StateSigner:
    def __init__(self, secret: str, action: str, version: str = "") -> None:
        self._key = hashlib.sha256(f"kneecoach:{action}:{version}:{secret}".encode()).digest()
        self.action = action

    def _mac(self, body: str) -> str:
        digest = hmac.new(self._key, body.encode(), hashlib.sha256).digest()[:_MAC_BYTES]
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    def encode(self, state: str, now: datetime) -> str:
        """`action:state:minute:mac`; state uses [0-9a-zA-Z_-] only."""
        if not set(state) <= _STATE_ALPHABET:
            raise ValueError(f"state has characters outside the alphabet: {state!r}")
        body = f"{self.action}:{state}:{_minutes(now):x}"
        data = f"{body}:{self._mac(body)}"
        if len(data.encode()) > MAX_CALLBACK_BYTES:
            raise ValueError(f"signed callback data over {MAX_CALLBACK_BYTES} bytes: {data}")
        return data

    def decode(self, data: str | None, now: datetime, max_age: timedelta) -> str | None:
        """The state, or None when the data is forged, malformed or older than max_age."""
        # compare_digest refuses non-ASCII text with a TypeError: such data is simply not ours.
        if not data or not data.isascii() or len(data) > MAX_CALLBACK_BYTES:
            return None
        parts = data.split(":")
        if len(parts) != 4 or parts[0] != self.action:
            return None
        action, state, minute, mac = parts
        if not hmac.compare_digest(mac, self._mac(f"{action}:{state}:{minute}")):
            return None
        try:
            stamped = int(minute, 16)
        except ValueError:
            return None
        age = _minutes(now) - stamped
        if not 0 <= age <= max_age.total_seconds() // 60:
            return None
        return state
