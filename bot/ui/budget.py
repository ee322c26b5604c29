"""What the bot may still send, chat by chat: each group's 20 messages a minute, and the pauses
Telegram asked for with a 429. Shared by everything that sends (replies, the group queues, the
scheduler's dispatcher) through the bot's rate limiter; the overall 30/s is the Pace's."""

from datetime import datetime, timedelta

from bot.domain.allowance import Allowance

GROUP_SENDS_PER_MINUTE = 20
# Our count starts when a request leaves; Telegram's when it lands, a little later. A second of
# margin keeps the 21st message from arriving just inside Telegram's minute.
GROUP_WINDOW = timedelta(minutes=1, seconds=1)


def is_group(chat_id: int) -> bool:
    """Groups, supergroups and channels have negative ids; people have positive ones."""
    return chat_id < 0


class SendBudget:
    def __init__(self, group_sends: int = GROUP_SENDS_PER_MINUTE) -> None:
        self._groups = Allowance(group_sends, GROUP_WINDOW)
        self._paused: dict[int, datetime] = {}  # chat id -> until when Telegram asked us to wait
        self._all_paused_until: datetime | None = None

    def ready_at(self, chat_id: int, now: datetime, *, send: bool) -> datetime:
        """When a request to the chat may go: `now` unless a pause or (for a new message to a
        group) the group's window holds it back."""
        ready = now
        if self._all_paused_until is not None:
            ready = max(ready, self._all_paused_until)
        paused = self._paused.get(chat_id)
        if paused is not None:
            if paused <= now:
                del self._paused[chat_id]
            ready = max(ready, paused)
        if send and is_group(chat_id):
            ready = max(ready, self._groups.room_at(chat_id, now))
        return ready

    def record_send(self, chat_id: int, now: datetime) -> None:
        if is_group(chat_id):
            self._groups.record(chat_id, now)

    def pause(self, chat_id: int, retry_after: timedelta, now: datetime) -> None:
        """Telegram answered 429 at `now`. A group's own limit explains a 429 in a group, so
        only that group waits; a 429 in a private chat can only be the overall limit."""
        until = now + retry_after
        if is_group(chat_id):
            self._paused[chat_id] = max(until, self._paused.get(chat_id, until))
        else:
            self._all_paused_until = max(until, self._all_paused_until or until)
