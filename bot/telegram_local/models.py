"""What the local Telegram holds: users, messages, files, presses and their answers, calls.

Each object serializes with Telegram's field names (`to_json`) so PTB's `de_json` parses it.
"""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, TypedDict

from bot.telegram_local.wire import JSONDict

if TYPE_CHECKING:
    from bot.telegram_local.chat import LocalChat


FileKind = Literal["photo", "animation", "document"]


class FileDetails(TypedDict, total=False):
    """What a stored file has besides its bytes, by kind."""

    width: int
    height: int
    duration: int
    file_name: str
    mime_type: str


class UserDetails(TypedDict, total=False):
    """What a person may have besides a first name."""

    username: str
    last_name: str
    language_code: str


@dataclass(frozen=True)
class LocalUser:
    id: int
    first_name: str
    username: str | None = None
    last_name: str | None = None
    language_code: str | None = None
    is_bot: bool = False

    def to_json(self) -> JSONDict:
        data: JSONDict = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        optional = {
            "last_name": self.last_name,
            "username": self.username,
            "language_code": self.language_code,
        }
        data.update({key: value for key, value in optional.items() if value is not None})
        return data


# Telegram's stand-in sender for messages an anonymous group admin sends as the group.
GROUP_ANONYMOUS_BOT = LocalUser(1087968824, "Group", username="GroupAnonymousBot", is_bot=True)


@dataclass(frozen=True)
class StoredFile:
    """An uploaded photo, animation or document, reusable by file_id and downloadable under
    file_path."""

    file_id: str
    file_unique_id: str
    file_path: str
    data: bytes
    kind: FileKind
    width: int = 0  # photos and animations
    height: int = 0
    duration: int = 0  # animations only
    file_name: str = ""
    mime_type: str = ""

    def animation_json(self) -> JSONDict:
        return {
            **self.document_json(),
            "width": self.width,
            "height": self.height,
            "duration": self.duration,
        }

    def document_json(self) -> JSONDict:
        data: JSONDict = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "mime_type": self.mime_type,
            "file_size": len(self.data),
        }
        if self.file_name:
            data["file_name"] = self.file_name
        return data

    def photo_size_json(self) -> JSONDict:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "width": self.width,
            "height": self.height,
            "file_size": len(self.data),
        }

    def file_json(self) -> JSONDict:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
            "file_path": self.file_path,
        }


@dataclass(eq=False)
class LocalMessage:
    """A message in a local chat; the bot's messages change in place when the bot edits them."""

    chat: "LocalChat"
    sender: LocalUser
    message_id: int = 0  # the chat numbers and dates a message when it keeps it
    date: int = 0
    by_bot: bool = False
    text: str = ""  # what people see, after entity parsing (a photo's caption for photos)
    entities: list[JSONDict] = field(default_factory=list)
    html: str = ""  # the text exactly as sent: HTML when the bot used parse_mode=HTML
    reply_markup: JSONDict | None = None  # only inline keyboards stay on a message
    thread_id: int | None = None
    photo_file: StoredFile | None = None
    animation_file: StoredFile | None = None
    document_file: StoredFile | None = None
    sender_chat: "LocalChat | None" = None
    reply_to: "LocalMessage | None" = None
    link_preview_options: JSONDict | None = None
    service: JSONDict = field(default_factory=dict)  # e.g. new_chat_members, migrate_to_chat_id
    edits: int = 0
    edit_date: int | None = None
    deleted: bool = False
    update_id: int | None = None  # the update that brought a user's message to the bot

    @property
    def photo(self) -> bytes | None:
        return self.photo_file.data if self.photo_file else None

    @property
    def animation(self) -> bytes | None:
        return self.animation_file.data if self.animation_file else None

    @property
    def document(self) -> bytes | None:
        return self.document_file.data if self.document_file else None

    @property
    def has_media(self) -> bool:
        return any(
            media is not None
            for media in (self.photo_file, self.animation_file, self.document_file)
        )

    @property
    def buttons(self) -> list[list[tuple[str, str]]]:
        """Inline keyboard rows of (text, callback_data or url)."""
        return [
            [(str(button["text"]), _button_action(button)) for button in row]
            for row in inline_rows(self.reply_markup)
        ]

    def to_json(self, *, with_reply: bool = True) -> JSONDict:
        data: JSONDict = {
            "message_id": self.message_id,
            "date": self.date,
            "chat": self.chat.to_json(),
            "from": self.sender.to_json(),
        }
        if self.sender_chat is not None:
            data["sender_chat"] = self.sender_chat.to_json()
        if self.thread_id is not None:
            data["message_thread_id"] = self.thread_id
            data["is_topic_message"] = True  # threads exist only as forum topics here
        if self.reply_to is not None and with_reply:
            # Telegram nests the replied-to message one level deep only.
            data["reply_to_message"] = self.reply_to.to_json(with_reply=False)
        if self.edit_date is not None:
            data["edit_date"] = self.edit_date
        text_key, entities_key = (
            ("caption", "caption_entities") if self.has_media else ("text", "entities")
        )
        if self.photo_file is not None:
            data["photo"] = [self.photo_file.photo_size_json()]
        if self.animation_file is not None:
            # Like Telegram: an animation is also described as a document, for older clients.
            data["animation"] = self.animation_file.animation_json()
            data["document"] = self.animation_file.document_json()
        if self.document_file is not None:
            data["document"] = self.document_file.document_json()
        if self.text:
            data[text_key] = self.text
        if self.entities:
            data[entities_key] = self.entities
        if self.link_preview_options is not None:
            data["link_preview_options"] = self.link_preview_options
        if self.reply_markup is not None:
            data["reply_markup"] = self.reply_markup
        data.update(self.service)
        return data


def inline_rows(markup: JSONDict | None) -> list[list[JSONDict]]:
    """The button rows of an inline keyboard already validated by the server."""
    rows = markup.get("inline_keyboard") if markup else None
    if not isinstance(rows, list):
        return []
    return [[b for b in row if isinstance(b, dict)] for row in rows if isinstance(row, list)]


def _button_action(button: JSONDict) -> str:
    for key in ("callback_data", "url"):
        value = button.get(key)
        if isinstance(value, str):
            return value
    return ""


@dataclass
class LocalCallbackQuery:
    """A button press sent to the bot; `update_id` is None only if allowed_updates dropped it."""

    id: str
    from_user: LocalUser
    chat: "LocalChat"
    message_id: int
    data: str
    update_id: int | None = None


@dataclass(frozen=True)
class CallbackAnswer:
    query_id: str
    text: str | None
    show_alert: bool
    url: str | None


@dataclass(frozen=True)
class RecordedCall:
    """One Bot API call as the server saw it, and how it was answered.

    `params` are decoded by the spec's types when the server has a checker; without one, every
    string that parses as JSON is decoded (so a text "123" shows as the number 123).
    """

    method: str
    params: dict[str, object]
    ok: bool
    result: object = None
    error_code: int | None = None
    error: str | None = (
        None  # Telegram's description, e.g. "Forbidden: bot was blocked by the user"
    )
    at: float | None = None  # when it was answered, on the server's clock


def describe_calls(calls: list[RecordedCall], count: int = 5) -> str:
    """The last few calls, for timeout messages: 'sendMessage ok, editMessageText (Bad ...)'."""
    recent = [f"{c.method} {'ok' if c.ok else f'({c.error})'}" for c in calls[-count:]]
    return ", ".join(recent) or "none"
