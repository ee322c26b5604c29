"""The local Bot API, noting when things happen: the first getUpdates, and each send."""

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Self

from bot.telegram_local import LocalBotApi, RecordedCall


@dataclass(frozen=True, slots=True)
class Send:
    chat_id: object
    text: object
    ok: bool
    at: float  # when the server answered: the wall clock (time.time()), or the stamp given


class TimedApi(LocalBotApi):
    def __init__(self, stamp: Callable[[], float] = time.time, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._stamp = stamp
        self.first_get_updates: float | None = None  # time.monotonic() when it arrived
        self.sends: list[Send] = []

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def handle_call(
        self, token: str, method: str, raw: dict[str, object]
    ) -> tuple[int, dict[str, object]]:
        if self.first_get_updates is None and method.lower() == "getupdates":
            self.first_get_updates = time.monotonic()
        return await super().handle_call(token, method, raw)

    async def _answer(
        self, token: str, method: str, raw: dict[str, object]
    ) -> tuple[RecordedCall, int, dict[str, object]]:
        call, status, body = await super()._answer(token, method, raw)
        if call.method == "sendMessage":
            self.sends.append(
                Send(call.params.get("chat_id"), call.params.get("text"), call.ok, self._stamp())
            )
        return call, status, body
