"""What the bot may still send, chat by chat: each group's 20 messages a minute, and the pauses
Telegram asked for with a 429 (a chat's own, or everything's when many chats are refused in a
row). Shared by everything that sends (replies, the group queues, the scheduler's dispatcher)
through the bot's rate limiter; the overall 30/s is the Pace's."""

from datetime import datetime, timedelta

from bot.domain.allowance import Allowance

GROUP_SENDS_PER_MINUTE = 20
# Our count starts when a request leaves; Telegram's when it lands, a little later. A second of
# margin keeps the 21st message from arriving just inside Telegram's minute.
GROUP_WINDOW = timedelta(minutes=1, seconds=1)
# A 429 in one chat is that chat's own limit (a group's 20 a minute, about one message a second
# in a private chat): the other chats' requests around it go through. Telegram's overall limit
# refuses every chat at once, so this many different chats refused in a row, with no request
# answered between them, is read as the overall limit.
OVERALL_LIMIT_SIGNAL = 3


def is_group(chat_id: int) -> bool:
    """Groups, supergroups and channels have negative ids; people have positive ones."""
    return chat_id < 0


class SendBudget:
    def __init__(self, group_sends: int = GROUP_SENDS_PER_MINUTE) -> None:
        self._groups = Allowance(group_sends, GROUP_WINDOW)
        self._paused: dict[int, datetime] = {}  # chat id -> until when Telegram asked us to wait
        # Chats refused since a request last went through, and until when each waits.
        self._refused_in_a_row: dict[int, datetime] = {}
        self.all_paused_until: datetime | None = None  # the overall limit's pause

    def ready_at(self, chat_id: int, now: datetime, *, send: bool) -> datetime:
        """When a request to the chat may go: `now` unless a pause or (for a new message to a
        group) the group's window holds it back."""
        ready = now
        if self.all_paused_until is not None:
            ready = max(ready, self.all_paused_until)
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

    def forget_ended(self, now: datetime) -> None:
        """Drops the pauses over by `now` (a chat never asked about again would keep its own)."""
        self._paused = {chat: until for chat, until in self._paused.items() if until > now}

    def answered(self) -> None:
        """A request went through: the chats refused before it met their own limits."""
        self._refused_in_a_row.clear()

    def pause(self, chat_id: int, retry_after: timedelta, now: datetime) -> None:
        """Telegram answered 429 at `now`: the chat waits; so does everything when different
        chats have been refused in a row (OVERALL_LIMIT_SIGNAL)."""
        until = now + retry_after
        self._paused[chat_id] = max(until, self._paused.get(chat_id, until))
        self._refused_in_a_row[chat_id] = self._paused[chat_id]
        if len(self._refused_in_a_row) >= OVERALL_LIMIT_SIGNAL:
            latest = max(self._refused_in_a_row.values())
            self.all_paused_until = max(latest, self.all_paused_until or latest)
