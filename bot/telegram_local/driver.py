"""Driving a bot through the local Bot API one step at a time: write or press, wait until the bot
has handled it, and see what changed. Shared by the offline console and the end-to-end tests."""

import asyncio
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qs, urlparse

from bot.telegram_local.chat import LocalChat
from bot.telegram_local.models import CallbackAnswer, LocalMessage, LocalUser
from bot.telegram_local.server import LocalBotApi

_Snapshot = dict[int, tuple[str, str, int, bool]]


def _snapshot(chat: LocalChat) -> _Snapshot:
    return {
        m.message_id: (m.html, repr(m.reply_markup), m.edits, m.deleted) for m in chat.bot_messages
    }


class Driver:
    def __init__(
        self,
        api: LocalBotApi,
        update_queue: "asyncio.Queue[object]",
        sent: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self.api = api
        self._update_queue = update_queue  # the bot's: joined once every update is handled
        # Returns once the bot has sent what the handlers queued (its answers to groups).
        self._sent = sent
        self.last_answer: CallbackAnswer | None = None  # how the bot answered the last press

    async def settle(self, update_id: int | None = None) -> None:
        """Waits until the bot has fetched the update (without one: every update so far) and
        finished handling it."""
        if update_id is not None:
            await self.api.wait_consumed(update_id)
        else:
            await self.api.wait_until(lambda: self.api.pending_updates == 0)
        await self._update_queue.join()
        if self._sent is not None:
            await self._sent()

    async def send(self, chat: LocalChat, text: str, **kwargs: object) -> list[LocalMessage]:
        """A user writes; returns the bot's messages that appeared or changed in that chat."""
        before = _snapshot(chat)
        message = await chat.send(text, **kwargs)  # type: ignore[arg-type]
        await self.settle(message.update_id)
        return self._changes(chat, before)

    async def send_document(
        self, chat: LocalChat, data: bytes, file_name: str, **kwargs: object
    ) -> list[LocalMessage]:
        """A user sends a file; returns the bot's messages that appeared or changed there."""
        before = _snapshot(chat)
        message = await chat.send_document(data, file_name, **kwargs)  # type: ignore[arg-type]
        await self.settle(message.update_id)
        return self._changes(chat, before)

    async def press(
        self, chat: LocalChat, message: LocalMessage, label: str, *, by: LocalUser | None = None
    ) -> list[LocalMessage]:
        """Presses the button labelled `label` (as `by`; in a private chat, its user). A deep link
        into the bot (`t.me/bot?start=x`) does what Telegram does: opens the presser's private
        chat and sends `/start x` there; the private chat's new messages are returned."""
        presser = by or chat.user
        if presser is None:
            raise ValueError("say who presses a button in a group: by=...")
        target = next((t for row in message.buttons for text, t in row if text == label), None)
        if target is None:
            raise LookupError(f"no button {label!r}; buttons: {message.buttons}")
        if target.startswith(("http://", "https://")):
            payload = parse_qs(urlparse(target).query).get("start")
            if not payload:
                raise ValueError(f"button {label!r} opens {target}, outside the bot")
            return await self.send(self.api.private_chat(presser), f"/start {payload[0]}")
        return await self.press_data(chat, message, target, by=presser)

    async def press_data(
        self,
        chat: LocalChat,
        message: LocalMessage | int,
        data: str,
        *,
        by: LocalUser | None = None,
    ) -> list[LocalMessage]:
        """A press with any callback data: stale, forged or the button's own."""
        before = _snapshot(chat)
        query = await chat.press_data(message, data, from_user=by)
        await self.settle(query.update_id)
        self.last_answer = self.api.callback_answers.get(query.id)
        return self._changes(chat, before)

    def _changes(self, chat: LocalChat, before: _Snapshot) -> list[LocalMessage]:
        after = _snapshot(chat)
        return [m for m in chat.bot_messages if before.get(m.message_id) != after[m.message_id]]
