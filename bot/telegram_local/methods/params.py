"""A call's raw parameters, read with the type each method expects, coerced like Telegram does."""

import json
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING

from bot.telegram_local.errors import bad_request
from bot.telegram_local.wire import UploadedFile

if TYPE_CHECKING:
    from bot.telegram_local.world import World


class Params:
    def __init__(self, raw: Mapping[str, object]) -> None:
        self._raw = raw

    def text(self, name: str) -> str | None:
        value = self._raw.get(name)
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, int | float):  # JSON bodies may carry numbers for strings
            return json.dumps(value)
        raise bad_request(f"{name} must be a String")

    def integer(self, name: str) -> int | None:
        value = self._raw.get(name)
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        if isinstance(value, str):
            try:
                return int(value)
            except ValueError:
                pass
        raise bad_request(f"invalid {name} specified")

    def required_integer(self, name: str) -> int:
        value = self.integer(name)
        if value is None:
            raise bad_request(f"{name} is empty")
        return value

    def number(self, name: str) -> float | None:
        value = self._raw.get(name)
        if value is None or isinstance(value, bool):
            return None
        try:
            return float(value) if isinstance(value, int | float | str) else None
        except ValueError:
            raise bad_request(f"invalid {name} specified") from None

    def flag(self, name: str) -> bool:
        value = self._raw.get(name)
        if isinstance(value, str):
            return value.lower() in ("true", "1")
        return bool(value)

    def json(self, name: str) -> object:
        """An object or array parameter: PTB sends it as JSON text, JSON bodies inline it."""
        value = self._raw.get(name)
        if not isinstance(value, str):
            return value
        try:
            decoded: object = json.loads(value)
        except ValueError:
            raise bad_request(f"can't parse {name} JSON object") from None
        return decoded

    def chat_id(self, name: str = "chat_id") -> int | str:
        value = self._raw.get(name)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and value:
            if value.startswith("@"):
                return value
            try:
                return int(value)
            except ValueError:
                raise bad_request("chat not found") from None
        raise bad_request(f"{name} is empty")

    def file(self, name: str) -> UploadedFile | str | None:
        value = self._raw.get(name)
        return value if isinstance(value, UploadedFile | str) else None


# A method implementation: the world it acts on and the call's parameters -> its result.
Handler = Callable[["World", Params], Awaitable[object]]
