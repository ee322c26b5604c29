"""Pending updates, handed out by long-polling getUpdates or pushed to a webhook like Telegram."""

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from bot.telegram_local.changes import Changes
from bot.telegram_local.errors import ApiError, bad_request
from bot.telegram_local.wire import JSONDict

log = logging.getLogger(__name__)

# Telegram's default when allowed_updates was never given: all but these.
_OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
# Nothing leaves this machine: the local Bot API only delivers to loopback webhooks.
_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
# Telegram keeps retrying a failing webhook; here quickly, as everything is local.
_WEBHOOK_RETRY_SECONDS = 0.5
_SECRET_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


@dataclass
class Webhook:
    url: str
    secret_token: str | None
    max_connections: int
    last_error_date: int | None = None
    last_error_message: str | None = None


class UpdateQueue:
    def __init__(self, changes: Changes) -> None:
        self._changes = changes
        self._pending: list[tuple[int, JSONDict]] = []  # (update_id, update), oldest first
        self._next_id = 500_000_001
        self._allowed: frozenset[str] = frozenset()  # empty: Telegram's default set
        self._poll_generation = 0
        self._waiting_polls = 0
        self._closed = False
        self.webhook: Webhook | None = None
        self._delivery: asyncio.Task[None] | None = None

    def push(self, kind: str, payload: JSONDict) -> int | None:
        """Queues an update; None if the bot's allowed_updates exclude this kind."""
        allowed = kind in self._allowed if self._allowed else kind not in _OPT_IN_UPDATES
        if not allowed:
            return None
        update_id = self._next_id
        self._next_id += 1
        self._pending.append((update_id, {"update_id": update_id, kind: payload}))
        return update_id

    def is_confirmed(self, update_id: int) -> bool:
        """True once the bot has confirmed (or never needed) the update."""
        return update_id < self._next_id and all(uid != update_id for uid, _ in self._pending)

    @property
    def long_polling(self) -> bool:
        """A getUpdates call is waiting for updates right now."""
        return self._waiting_polls > 0

    @property
    def pending_count(self) -> int:
        return len(self._pending)

    async def fetch(
        self, *, offset: int | None, limit: int, poll_seconds: float, allowed: list[str] | None
    ) -> list[JSONDict]:
        if self.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        if allowed is not None:
            self._allowed = frozenset(allowed)
        self._confirm(offset)
        self._poll_generation += 1
        generation = self._poll_generation
        waits = not self._pending and poll_seconds > 0
        self._waiting_polls += waits
        try:
            await self._changes.notify()  # an older long poll must now end with 409
            if waits:
                await self._changes.wait_for(
                    lambda: (
                        bool(self._pending)
                        or self._closed
                        or self.webhook is not None
                        or generation != self._poll_generation
                    ),
                    poll_seconds,
                )
        finally:
            self._waiting_polls -= waits
        if generation != self._poll_generation:
            raise ApiError(
                409,
                "Conflict: terminated by other getUpdates request; "
                "make sure that only one bot instance is running",
            )
        return [update for _, update in self._pending[:limit]]

    def _confirm(self, offset: int | None) -> None:
        if offset is None or offset == 0:
            return
        if offset < 0:
            # "updates starting from -offset update from the end"; the rest are forgotten.
            self._pending = self._pending[offset:]
        else:
            self._pending = [item for item in self._pending if item[0] >= offset]

    def set_webhook(
        self,
        url: str,
        *,
        secret_token: str | None,
        max_connections: int,
        allowed: list[str] | None,
        drop_pending: bool,
    ) -> None:
        if not url:
            self.delete_webhook(drop_pending=drop_pending)
            return
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or parts.hostname not in _LOOPBACK_HOSTS:
            raise bad_request("bad webhook: the local Bot API delivers to 127.0.0.1 only")
        if secret_token is not None and not (
            1 <= len(secret_token) <= 256 and set(secret_token) <= _SECRET_ALPHABET
        ):
            raise bad_request("secret token contains unallowed characters")
        if allowed is not None:
            self._allowed = frozenset(allowed)
        if drop_pending:
            self._pending.clear()
        self.webhook = Webhook(url, secret_token, max_connections)
        if self._delivery is None or self._delivery.done():
            self._delivery = asyncio.get_running_loop().create_task(self._deliver_forever())

    def delete_webhook(self, *, drop_pending: bool) -> None:
        self.webhook = None
        if drop_pending:
            self._pending.clear()

    def webhook_info(self) -> JSONDict:
        info: JSONDict = {
            "url": self.webhook.url if self.webhook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._pending),
        }
        if self.webhook is not None:
            info["max_connections"] = self.webhook.max_connections
            if self.webhook.last_error_date is not None:
                info["last_error_date"] = self.webhook.last_error_date
                info["last_error_message"] = self.webhook.last_error_message
        if self._allowed:
            info["allowed_updates"] = sorted(self._allowed)
        return info

    async def close(self) -> None:
        self._closed = True
        await self._changes.notify()
        if self._delivery is not None:
            self._delivery.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._delivery

    async def _deliver_forever(self) -> None:
        # trust_env=False: no proxy from the environment may see loopback traffic.
        async with httpx.AsyncClient(trust_env=False, timeout=10.0) as client:
            while True:
                await self._changes.wait_for(
                    lambda: self._closed or (self.webhook is not None and bool(self._pending)),
                    None,
                )
                if self._closed:
                    return
                hook = self.webhook
                if hook is not None:
                    await self._deliver_one(client, hook, *self._pending[0])

    async def _deliver_one(
        self, client: httpx.AsyncClient, hook: Webhook, update_id: int, update: JSONDict
    ) -> None:
        headers = (
            {"X-Telegram-Bot-Api-Secret-Token": hook.secret_token} if hook.secret_token else {}
        )
        try:
            response = await client.post(hook.url, json=update, headers=headers)
        except httpx.HTTPError as exc:
            error = f"Connection failed: {exc}"
        else:
            if response.is_success:
                # A delivered update counts as confirmed.
                self._pending = [item for item in self._pending if item[0] != update_id]
                await self._changes.notify()
                return
            error = (
                f"Wrong response from the webhook: {response.status_code} {response.reason_phrase}"
            )
        log.warning("webhook delivery of update %s failed: %s", update_id, error)
        hook.last_error_date = int(time.time())
        hook.last_error_message = error
        await self._changes.wait_for(
            lambda: self._closed or self.webhook is not hook, _WEBHOOK_RETRY_SECONDS
        )
