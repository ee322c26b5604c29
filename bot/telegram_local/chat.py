"""A local chat: its members and messages, and what people in it do (write, press, add the bot).

User actions turn into updates exactly as Telegram would send them to the bot, including group
privacy mode: in groups a bot that is not an admin only gets commands, replies to its own
messages and service messages.
"""

import re
import time
from typing import TYPE_CHECKING

from bot.telegram_local.html import utf16_len
from bot.telegram_local.models import (
    GROUP_ANONYMOUS_BOT,
    LocalCallbackQuery,
    LocalMessage,
    LocalUser,
    describe_calls,
    inline_rows,
)
from bot.telegram_local.wire import JSONDict

if TYPE_CHECKING:
    from bot.telegram_local.world import World

_BOT_COMMAND = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{1,32})?")
_ADMIN_RIGHTS: JSONDict = {
    "can_be_edited": False,
    "is_anonymous": False,
    "can_manage_chat": True,
    "can_delete_messages": True,
    "can_manage_video_chats": True,
    "can_restrict_members": True,
    "can_promote_members": False,
    "can_change_info": True,
    "can_invite_users": True,
    "can_post_stories": True,
    "can_edit_stories": True,
    "can_delete_stories": True,
    "can_pin_messages": True,
}
_PRESENT = ("member", "administrator")


class ButtonNotFoundError(LookupError):
    """press() was asked for a button the message does not have."""


def command_entities(text: str) -> list[JSONDict]:
    """The bot_command entities Telegram marks in a user's text (offsets in UTF-16 units)."""
    return [
        {
            "type": "bot_command",
            "offset": utf16_len(text[: match.start()]),
            "length": utf16_len(match.group()),
        }
        for match in _BOT_COMMAND.finditer(text)
    ]


class LocalChat:
    def __init__(
        self,
        world: "World",
        *,
        chat_id: int,
        chat_type: str,
        title: str | None = None,
        user: LocalUser | None = None,
        is_forum: bool = False,
    ) -> None:
        self._world = world
        self.id = chat_id
        self.type = chat_type  # "private", "group" or "supergroup"
        self.title = title
        self.user = user  # the person in a private chat
        self.is_forum = is_forum
        self.members: set[int] = set()
        self.admins: set[int] = set()
        self.bot_status = "member" if chat_type == "private" else "left"
        self.bot_removed = False  # removed by someone, as opposed to never added or left
        self.started = False  # a private chat exists for the bot once the user wrote to it
        self.blocked = False
        self.migrated_to: LocalChat | None = None
        self.topics: set[int] = set()
        self._messages: dict[int, LocalMessage] = {}
        self._bot_activity: list[LocalMessage] = []  # each send or edit by the bot, in order
        self._seen = 0  # how much of _bot_activity next_reply() already returned
        self._undelivered = 0  # user messages privacy mode kept from the bot since last action

    # What the chat looks like to Telegram and to tests.

    @property
    def name(self) -> str:
        if self.title is not None:
            return self.title
        return self.user.first_name if self.user else str(self.id)

    @property
    def is_private(self) -> bool:
        return self.type == "private"

    @property
    def bot_present(self) -> bool:
        return self.bot_status in _PRESENT

    @property
    def chat_instance(self) -> str:
        return str(abs(self.id) * 7919)

    def to_json(self) -> JSONDict:
        data: JSONDict = {"id": self.id, "type": self.type}
        if self.user is not None:
            data["first_name"] = self.user.first_name
            if self.user.last_name:
                data["last_name"] = self.user.last_name
            if self.user.username:
                data["username"] = self.user.username
        else:
            data["title"] = self.name
        if self.is_forum:
            data["is_forum"] = True
        return data

    def full_info_json(self) -> JSONDict:
        """ChatFullInfo, what getChat returns."""
        gifts = ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription")
        return {
            **self.to_json(),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": dict.fromkeys((*gifts, "gifts_from_channels"), False),
        }

    def status_of(self, user_id: int) -> str:
        if user_id == self._world.bot.id:
            return self.bot_status
        if self.user is not None:
            return "member" if user_id == self.user.id else "left"
        if user_id in self.admins:
            return "administrator"
        return "member" if user_id in self.members else "left"

    def member_json(self, user: LocalUser) -> JSONDict:
        """The ChatMember object for a user (or the bot) in this chat."""
        status = self.status_of(user.id)
        data: JSONDict = {"status": status, "user": user.to_json()}
        if status == "administrator":
            data.update(_ADMIN_RIGHTS)
        elif status == "kicked":
            data["until_date"] = 0
        return data

    @property
    def messages(self) -> list[LocalMessage]:
        return [m for m in self._messages.values() if not m.deleted]

    @property
    def bot_messages(self) -> list[LocalMessage]:
        """What the bot sent here and did not delete, as it looks now (after edits)."""
        return [m for m in self.messages if m.by_bot]

    def message(self, message_id: int) -> LocalMessage | None:
        found = self._messages.get(message_id)
        return found if found is not None and not found.deleted else None

    def keep(self, message: LocalMessage) -> LocalMessage:
        """`message` arrives here now: it gets the chat's next message id and today's date."""
        message.message_id = len(self._messages) + 1
        message.date = int(time.time())
        self._messages[message.message_id] = message
        return message

    def note_bot_activity(self, message: LocalMessage) -> None:
        """The bot sent or edited `message`: next_reply() hands it out."""
        self._bot_activity.append(message)

    # Membership, as people in Telegram change it.

    def add_member(self, *users: LocalUser) -> None:
        self._require_group()
        self.members.update(user.id for user in users)

    def set_admins(self, *users: LocalUser) -> None:
        """These users (and no others) are the group's administrators."""
        self.add_member(*users)
        self.admins = {user.id for user in users}

    async def add_bot(self, *, by: LocalUser, as_admin: bool = False) -> None:
        self._require_group()
        if self.bot_present:
            raise ValueError(f"the bot is already in {self.name!r}")
        self.add_member(by)
        self.bot_removed = False
        await self._change_bot_status(by, "administrator" if as_admin else "member")
        service: JSONDict = {"new_chat_members": [self._world.bot.to_json()]}
        await self._deliver_message(self.keep(LocalMessage(self, by, service=service)))

    async def remove_bot(self, *, by: LocalUser) -> None:
        self._require_group()
        if not self.bot_present:
            raise ValueError(f"the bot is not in {self.name!r}")
        # Removing from a supergroup bans; from a basic group the bot just is not there anymore.
        await self._change_bot_status(by, "kicked" if self.type == "supergroup" else "left")
        self.bot_removed = True

    async def bot_leaves(self) -> None:
        """The bot left on its own (leaveChat); Telegram tells it with my_chat_member too."""
        await self._change_bot_status(self._world.bot, "left")

    async def block_bot(self) -> None:
        user = self._require_private()
        if self.blocked:
            raise ValueError(f"{user.first_name} already blocked the bot")
        self.blocked = True
        await self._change_bot_status(user, "kicked")

    async def unblock_bot(self) -> None:
        user = self._require_private()
        if not self.blocked:
            raise ValueError(f"{user.first_name} has not blocked the bot")
        self.blocked = False
        await self._change_bot_status(user, "member")

    async def migrate_to_supergroup(self, *, by: LocalUser | None = None) -> int:
        """Upgrades a basic group; returns the supergroup's id (see `api.chat(new_id)`)."""
        if self.type != "group" or self.migrated_to is not None:
            raise ValueError(f"{self.name!r} is not a basic group that can be upgraded")
        supergroup = self._world.new_group(self.name, supergroup=True, forum=False)
        supergroup.members, supergroup.admins = set(self.members), set(self.admins)
        supergroup.bot_status = self.bot_status
        self.migrated_to = supergroup
        sender = by or GROUP_ANONYMOUS_BOT
        if self.bot_present:
            # The bot learns of it from both chats' service messages.
            old = LocalMessage(self, sender, service={"migrate_to_chat_id": supergroup.id})
            await self._deliver_message(self.keep(old))
            new = LocalMessage(supergroup, sender, service={"migrate_from_chat_id": self.id})
            await self._deliver_message(supergroup.keep(new))
        return supergroup.id

    # What people write and press.

    async def send(
        self,
        text: str,
        *,
        from_user: LocalUser | None = None,
        thread_id: int | None = None,
        reply_to: LocalMessage | None = None,
    ) -> LocalMessage:
        """A user writes `text` here; returns their message (update_id None if not delivered)."""
        sender = self._sender(from_user)
        return await self._write(text, sender, thread_id=thread_id, reply_to=reply_to)

    async def send_location(
        self, latitude: float, longitude: float, *, from_user: LocalUser | None = None
    ) -> LocalMessage:
        """A user shares a location (attachment menu -> Location)."""
        self._require_reachable()
        point: JSONDict = {"latitude": latitude, "longitude": longitude}
        # Like a service message's fields, the location is merged into the message's JSON.
        sender = self._sender(from_user)
        message = self.keep(LocalMessage(self, sender, service={"location": point}))
        await self._post(message)
        return message

    async def send_document(
        self,
        data: bytes,
        file_name: str,
        *,
        mime_type: str = "application/octet-stream",
        from_user: LocalUser | None = None,
    ) -> LocalMessage:
        """A user sends a file (attachment menu -> File), e.g. a run exported from a watch."""
        self._require_reachable()
        if self.is_private:
            self.started = True  # a message of theirs: the bot may answer
        stored = self._world.store_document(data, file_name, mime_type)
        message = self.keep(LocalMessage(self, self._sender(from_user), document_file=stored))
        await self._post(message)
        return message

    async def send_as_chat(self, text: str, *, thread_id: int | None = None) -> LocalMessage:
        """An anonymous admin writes on behalf of the supergroup."""
        if self.type != "supergroup":
            raise ValueError("only supergroup admins can write anonymously")
        return await self._write(text, GROUP_ANONYMOUS_BOT, thread_id=thread_id, as_chat=True)

    async def press(
        self, message: LocalMessage | int, text: str, *, from_user: LocalUser | None = None
    ) -> LocalCallbackQuery:
        """Presses the inline button labelled `text`, sending its current callback_data."""
        target = self._bot_message(message)
        matches = [b for row in inline_rows(target.reply_markup) for b in row if b["text"] == text]
        if not matches:
            raise ButtonNotFoundError(
                f"no button {text!r} on message {target.message_id} in {self.name!r}; "
                f"its buttons: {target.buttons}"
            )
        if len(matches) > 1:
            raise ValueError(f"{len(matches)} buttons are labelled {text!r}; use press_data()")
        data = matches[0].get("callback_data")
        if not isinstance(data, str):
            raise ValueError(f"button {text!r} is not a callback button: {matches[0]}")
        return await self.press_data(target, data, from_user=from_user)

    async def press_data(
        self, message: LocalMessage | int, data: str, *, from_user: LocalUser | None = None
    ) -> LocalCallbackQuery:
        """A press with any callback_data, e.g. forged or from a stale keyboard."""
        sender = self._sender(from_user)
        self._require_reachable()
        message_id = message if isinstance(message, int) else message.message_id
        target = self.message(message_id)
        # Telegram sends an InaccessibleMessage (date 0) for messages it no longer has.
        message_json = (
            target.to_json()
            if target is not None
            else {"chat": self.to_json(), "message_id": message_id, "date": 0}
        )
        query = self._world.new_callback_query(sender, self, message_id, data)
        self._mark_user_action()
        query.update_id = await self._deliver(
            "callback_query",
            {
                "id": query.id,
                "from": sender.to_json(),
                "message": message_json,
                "chat_instance": self.chat_instance,
                "data": data,
            },
        )
        return query

    async def next_reply(
        self,
        timeout: float = 5.0,  # noqa: ASYNC109 - reads well in tests
    ) -> LocalMessage:
        """The next message the bot sent (or edited) here since the last user action."""
        arrived = await self._world.changes.wait_for(
            lambda: len(self._bot_activity) > self._seen, timeout
        )
        if not arrived:
            raise TimeoutError(self._silence_report(timeout))
        reply = self._bot_activity[self._seen]
        self._seen += 1
        return reply

    # Internals.

    async def _write(
        self,
        text: str,
        sender: LocalUser,
        *,
        thread_id: int | None,
        reply_to: LocalMessage | None = None,
        as_chat: bool = False,
    ) -> LocalMessage:
        self._require_reachable()
        if thread_id is not None:
            if not self.is_forum:
                raise ValueError(f"{self.name!r} is not a forum; it has no topics")
            self.topics.add(thread_id)
        if self.is_private:
            self.started = True
        elif not as_chat:
            self.members.add(sender.id)
        message = LocalMessage(
            self,
            sender,
            text=text,
            entities=command_entities(text),
            html=text,
            thread_id=thread_id,
            reply_to=reply_to,
            sender_chat=self if as_chat else None,
        )
        await self._post(self.keep(message))
        return message

    async def _post(self, message: LocalMessage) -> None:
        """A user's new message reaches the bot, unless group privacy mode keeps it away."""
        self._mark_user_action()
        if self._bot_receives(message):
            await self._deliver_message(message)
        else:
            self._undelivered += 1
            await self._world.changes.notify()

    def _bot_receives(self, message: LocalMessage) -> bool:
        if self.is_private or not self._world.group_privacy or self.bot_status == "administrator":
            return True
        if message.reply_to is not None and message.reply_to.by_bot:
            return True
        command = message.entities[0] if message.entities else None
        if command is None or command["offset"] != 0:
            return False
        _, _, addressee = message.text.split()[0].partition("@")
        return not addressee or addressee.lower() == (self._world.bot.username or "").lower()

    async def _deliver(self, kind: str, payload: JSONDict) -> int | None:
        update_id = self._world.updates.push(kind, payload)
        await self._world.changes.notify()
        return update_id

    async def _deliver_message(self, message: LocalMessage) -> None:
        message.update_id = await self._deliver("message", message.to_json())

    async def _change_bot_status(self, by: LocalUser, status: str) -> None:
        bot = self._world.bot
        old = self.member_json(bot)
        self.bot_status = status
        await self._deliver(
            "my_chat_member",
            {
                "chat": self.to_json(),
                "from": by.to_json(),
                "date": int(time.time()),
                "old_chat_member": old,
                "new_chat_member": self.member_json(bot),
            },
        )

    def _mark_user_action(self) -> None:
        self._seen = len(self._bot_activity)
        self._undelivered = 0

    def _sender(self, from_user: LocalUser | None) -> LocalUser:
        if self.user is not None:
            if from_user is not None and from_user != self.user:
                raise ValueError(f"only {self.user.first_name} writes in this private chat")
            return self.user
        if from_user is None:
            raise ValueError(f"say who acts in the group {self.name!r}: from_user=...")
        return from_user

    def _require_reachable(self) -> None:
        if self.migrated_to is not None:
            raise ValueError(
                f"{self.name!r} became a supergroup: use api.chat({self.migrated_to.id})"
            )
        if self.blocked:
            raise ValueError(f"{self.name} blocked the bot; await unblock_bot() first")
        if not self.bot_present:
            raise ValueError(f"the bot is not in {self.name!r}; await add_bot(by=...) first")

    def _require_group(self) -> None:
        if self.is_private:
            raise ValueError("only groups have members and admins")

    def _require_private(self) -> LocalUser:
        if self.user is None:
            raise ValueError("only a private chat's user can block the bot")
        return self.user

    def _bot_message(self, message: LocalMessage | int) -> LocalMessage:
        message_id = message if isinstance(message, int) else message.message_id
        if isinstance(message, LocalMessage) and message.chat is not self:
            raise ValueError(f"message {message_id} is not in {self.name!r}")
        target = self.message(message_id)
        if target is None or not target.by_bot:
            raise ValueError(f"the bot has no message {message_id} in {self.name!r}")
        return target

    def _silence_report(self, timeout: float) -> str:
        report = f"the bot sent nothing new to {self.name!r} within {timeout}s"
        if self._undelivered:
            report += (
                f"; {self._undelivered} message(s) never reached the bot: in groups privacy "
                "mode only lets through commands, replies to the bot and service messages"
            )
        return f"{report}; last calls: {describe_calls(self._world.calls)}"
