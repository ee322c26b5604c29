"""Everything the local Telegram knows: people, chats, files, the bot's settings and updates."""

import itertools
from pathlib import Path
from typing import Unpack

from bot.telegram_local.changes import Changes
from bot.telegram_local.chat import LocalChat
from bot.telegram_local.models import (
    CallbackAnswer,
    FileDetails,
    FileKind,
    LocalCallbackQuery,
    LocalUser,
    RecordedCall,
    StoredFile,
    UserDetails,
)
from bot.telegram_local.updates import UpdateQueue
from bot.telegram_local.wire import JSONDict

# Telegram's file ids start with a code of the file's type; these look alike.
_FILE_ID_PREFIXES: dict[FileKind, str] = {
    "photo": "AgACAg",
    "animation": "CgACAg",
    "document": "BQACAg",
}


class World:
    def __init__(self, *, bot: LocalUser, group_privacy: bool) -> None:
        self.bot = bot
        self.group_privacy = group_privacy
        self.changes = Changes()
        self.updates = UpdateQueue(self.changes)
        self.calls: list[RecordedCall] = []
        self.violations: list[str] = []
        self.users: dict[int, LocalUser] = {}
        self.chats: dict[int, LocalChat] = {}
        self.files: dict[str, StoredFile] = {}
        self.callback_queries: dict[str, LocalCallbackQuery] = {}
        self.callback_answers: dict[str, CallbackAnswer] = {}
        # (scope as canonical JSON, language_code) -> BotCommand objects
        self.commands: dict[tuple[str, str], list[JSONDict]] = {}
        self.descriptions: dict[str, str] = {}  # language_code -> text
        self.short_descriptions: dict[str, str] = {}
        # Ids shaped like Telegram's: users positive, groups negative, supergroups -100...
        self._user_ids = itertools.count(100_000_001)
        self._group_ids = itertools.count(4_100_000_001)
        self._supergroup_ids = itertools.count(1_002_100_000_001)
        self._query_ids = itertools.count(4_300_000_000_000_000_001)
        self._file_numbers = itertools.count(1)

    def new_user(self, first_name: str, **details: Unpack[UserDetails]) -> LocalUser:
        user = LocalUser(next(self._user_ids), first_name, **details)
        self.users[user.id] = user
        return user

    def private_chat(self, user: LocalUser) -> LocalChat:
        chat = self.chats.get(user.id)
        if chat is None:
            chat = LocalChat(self, chat_id=user.id, chat_type="private", user=user)
            self.chats[user.id] = chat
        return chat

    def new_group(self, title: str, *, supergroup: bool, forum: bool) -> LocalChat:
        if forum and not supergroup:
            raise ValueError("forums are supergroups: pass supergroup=True")
        chat_id = -next(self._supergroup_ids if supergroup else self._group_ids)
        chat_type = "supergroup" if supergroup else "group"
        chat = LocalChat(self, chat_id=chat_id, chat_type=chat_type, title=title, is_forum=forum)
        self.chats[chat_id] = chat
        return chat

    def find_chat(self, chat_id: int | str) -> LocalChat | None:
        # @usernames name public chats; local chats are all private ones.
        return self.chats.get(chat_id) if isinstance(chat_id, int) else None

    def new_callback_query(
        self, user: LocalUser, chat: LocalChat, message_id: int, data: str
    ) -> LocalCallbackQuery:
        query = LocalCallbackQuery(str(next(self._query_ids)), user, chat, message_id, data)
        self.callback_queries[query.id] = query
        return query

    def store_photo(self, data: bytes, width: int, height: int) -> StoredFile:
        return self._keep("photo", data, ".jpg", width=width, height=height)

    def store_document(self, data: bytes, file_name: str, mime_type: str) -> StoredFile:
        """A file sent as a document, by the bot or by a person (a watch export, say)."""
        suffix = Path(file_name).suffix
        return self._keep("document", data, suffix, file_name=file_name, mime_type=mime_type)

    def store_animation(
        self, data: bytes, size: tuple[int, int, int], file_name: str, mime_type: str
    ) -> StoredFile:
        width, height, duration = size
        suffix = ".gif" if mime_type == "image/gif" else ".mp4"
        return self._keep(
            "animation",
            data,
            suffix,
            width=width,
            height=height,
            duration=duration,
            file_name=file_name,
            mime_type=mime_type,
        )

    def _keep(
        self, kind: FileKind, data: bytes, suffix: str, **details: Unpack[FileDetails]
    ) -> StoredFile:
        """Stores a file under ids shaped like Telegram's, reusable and downloadable."""
        number = next(self._file_numbers)
        stored = StoredFile(
            file_id=f"{_FILE_ID_PREFIXES[kind]}Local{number:08d}",
            file_unique_id=f"AQADLocal{number:05d}",
            file_path=f"{kind}s/file_{number}{suffix}",
            data=data,
            kind=kind,
            **details,
        )
        self.files[stored.file_id] = stored
        return stored

    def file_by_path(self, path: str) -> StoredFile | None:
        return next((f for f in self.files.values() if f.file_path == path), None)
