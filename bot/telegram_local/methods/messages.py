"""Sending, editing and deleting messages, and answering button presses."""

import re
import time

from bot.telegram_local.chat import LocalChat
from bot.telegram_local.errors import bad_request
from bot.telegram_local.html import ParsedText
from bot.telegram_local.media import animation_info, image_size
from bot.telegram_local.methods.access import bot_chat
from bot.telegram_local.methods.content import (
    MAX_CAPTION,
    MAX_TEXT,
    formatted_text,
    inline_keyboard,
    replied_message,
    thread_id,
)
from bot.telegram_local.methods.params import Handler, Params
from bot.telegram_local.models import CallbackAnswer, LocalMessage, StoredFile
from bot.telegram_local.wire import JSONDict, UploadedFile
from bot.telegram_local.world import World

_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
MAX_ANIMATION_BYTES = MAX_DOCUMENT_BYTES = 50 * 1024 * 1024  # what bots may send
_QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"


async def send_message(world: World, p: Params) -> JSONDict:
    chat = bot_chat(world, p.chat_id())
    text = formatted_text(p, "text", "entities")
    if not text.text.strip():
        raise bad_request("message text is empty")
    if len(text.text) > MAX_TEXT:
        raise bad_request("message is too long")
    message = _from_bot(world, chat, p, text, "text")
    message.link_preview_options = _object_or_none(p.json("link_preview_options"))
    return _sent(message)


async def _send_media(
    world: World,
    p: Params,
    *,
    photo: StoredFile | None = None,
    animation: StoredFile | None = None,
    document: StoredFile | None = None,
) -> JSONDict:
    """sendPhoto, sendAnimation and sendDocument: a stored file with a caption of at most 1024
    characters."""
    chat = bot_chat(world, p.chat_id())
    caption = formatted_text(p, "caption", "caption_entities")
    if len(caption.text) > MAX_CAPTION:
        raise bad_request("message caption is too long")
    message = _from_bot(world, chat, p, caption, "caption")
    message.photo_file, message.animation_file, message.document_file = photo, animation, document
    return _sent(message)


def _from_bot(
    world: World, chat: LocalChat, p: Params, text: ParsedText, text_param: str
) -> LocalMessage:
    """The bot's new message: `text` (read from `text_param`) with the request's keyboard,
    topic and reply."""
    return LocalMessage(
        chat,
        world.bot,
        by_bot=True,
        text=text.text,
        entities=text.entities,
        html=p.text(text_param) or "",
        reply_markup=inline_keyboard(p),
        thread_id=thread_id(chat, p),
        reply_to=replied_message(chat, p),
    )


def _sent(message: LocalMessage) -> JSONDict:
    message.chat.keep(message)
    message.chat.note_bot_activity(message)
    return message.to_json()


async def send_photo(world: World, p: Params) -> JSONDict:
    return await _send_media(world, p, photo=_photo(world, p.file("photo")))


async def send_animation(world: World, p: Params) -> JSONDict:
    return await _send_media(world, p, animation=_animation(world, p.file("animation")))


async def send_document(world: World, p: Params) -> JSONDict:
    return await _send_media(world, p, document=_document(world, p.file("document")))


def _document(world: World, document: UploadedFile | str | None) -> StoredFile:
    if isinstance(document, UploadedFile):
        if len(document.data) > MAX_DOCUMENT_BYTES:
            raise bad_request("file is too big")
        if not document.data:
            raise bad_request("file must be non-empty")
        return world.store_document(document.data, document.filename, document.content_type)
    if document is None:
        raise bad_request("there is no document in the request")
    if document in world.files:
        return world.files[document]  # any file can be sent again as a document
    if document.startswith(("http://", "https://")):
        raise bad_request("failed to get HTTP URL content")  # no internet here
    raise bad_request("wrong file identifier/HTTP URL specified")


def _animation(world: World, animation: UploadedFile | str | None) -> StoredFile:
    if isinstance(animation, UploadedFile):
        if len(animation.data) > MAX_ANIMATION_BYTES:
            raise bad_request("file is too big")
        info = animation_info(animation.data)
        if info is None:
            raise bad_request("wrong file type: send a GIF or an H.264 MP4 without sound")
        mime = "image/gif" if animation.data.startswith(b"GIF") else "video/mp4"
        return world.store_animation(animation.data, info, animation.filename, mime)
    if animation is None:
        raise bad_request("there is no animation in the request")
    stored = world.files.get(animation)
    if stored is not None and stored.kind == "animation":
        return stored
    if animation.startswith(("http://", "https://")):
        raise bad_request("failed to get HTTP URL content")  # no internet here
    raise bad_request("wrong file identifier/HTTP URL specified")


def _photo(world: World, photo: UploadedFile | str | None) -> StoredFile:
    if isinstance(photo, UploadedFile):
        size = image_size(photo.data)
        if size is None:
            raise bad_request("IMAGE_PROCESS_FAILED")
        width, height = size
        if width + height > 10000 or max(width, height) > 20 * min(width, height):
            raise bad_request("PHOTO_INVALID_DIMENSIONS")
        return world.store_photo(photo.data, width, height)
    if photo is None:
        raise bad_request("there is no photo in the request")
    if photo in world.files and world.files[photo].kind == "photo":
        return world.files[photo]
    if photo.startswith(("http://", "https://")):
        raise bad_request("failed to get HTTP URL content")  # no internet here
    raise bad_request("wrong file identifier/HTTP URL specified")


def _bot_message_to_edit(world: World, p: Params) -> LocalMessage:
    if p.text("inline_message_id"):
        raise bad_request("the local Bot API has no inline messages")
    chat = bot_chat(world, p.chat_id())
    message = chat.message(p.required_integer("message_id"))
    if message is None:
        raise bad_request("message to edit not found")
    if not message.by_bot:
        raise bad_request("message can't be edited")
    return message


def _apply_edit(message: LocalMessage) -> JSONDict:
    message.edits += 1
    message.edit_date = int(time.time())
    message.chat.note_bot_activity(message)
    return message.to_json()


async def edit_message_text(world: World, p: Params) -> JSONDict:
    message = _bot_message_to_edit(world, p)
    if message.has_media:
        raise bad_request("there is no text in the message to edit")
    text = formatted_text(p, "text", "entities")
    if not text.text.strip():
        raise bad_request("message text is empty")
    if len(text.text) > MAX_TEXT:
        raise bad_request("message is too long")
    # Like Telegram: an edit without reply_markup removes the inline keyboard.
    keyboard = inline_keyboard(p, required=True)
    current = (message.text, message.entities, message.reply_markup)
    if (text.text, text.entities, keyboard) == current:
        raise bad_request(_NOT_MODIFIED)
    message.text, message.entities, message.reply_markup = text.text, text.entities, keyboard
    message.html = p.text("text") or ""
    message.link_preview_options = _object_or_none(p.json("link_preview_options"))
    return _apply_edit(message)


async def edit_message_reply_markup(world: World, p: Params) -> JSONDict:
    message = _bot_message_to_edit(world, p)
    keyboard = inline_keyboard(p, required=True)
    if keyboard == message.reply_markup:
        raise bad_request(_NOT_MODIFIED)
    message.reply_markup = keyboard
    return _apply_edit(message)


async def delete_message(world: World, p: Params) -> bool:
    chat = bot_chat(world, p.chat_id(), writing=False)
    message = chat.message(p.required_integer("message_id"))
    if message is None:
        raise bad_request("message to delete not found")
    if not message.by_bot and not chat.is_private and chat.bot_status != "administrator":
        raise bad_request("message can't be deleted")
    message.deleted = True
    return True


def _opens_this_bot(world: World, url: str) -> bool:
    """Without a game, an answer's url may only open this bot with a start parameter ("you may
    use links like t.me/your_bot?start=XXXX that open your bot with a parameter")."""
    link = re.fullmatch(r"(?:https?://)?t\.me/(\w+)\?start=[A-Za-z0-9_-]{1,64}", url)
    return link is not None and link[1].lower() == (world.bot.username or "").lower()


async def answer_callback_query(world: World, p: Params) -> bool:
    query_id = p.text("callback_query_id") or ""
    # Telegram accepts one answer per query; a second one fails like an expired query.
    if query_id not in world.callback_queries or query_id in world.callback_answers:
        raise bad_request(_QUERY_INVALID)
    url = p.text("url")
    if url is not None and not _opens_this_bot(world, url):
        raise bad_request("URL_INVALID")
    world.callback_answers[query_id] = CallbackAnswer(
        query_id=query_id,
        text=p.text("text"),
        show_alert=p.flag("show_alert"),
        url=url,
    )
    return True


def _object_or_none(value: object) -> JSONDict | None:
    return value if isinstance(value, dict) else None


METHODS: dict[str, Handler] = {
    "sendMessage": send_message,
    "sendPhoto": send_photo,
    "sendAnimation": send_animation,
    "sendDocument": send_document,
    "editMessageText": edit_message_text,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
    "answerCallbackQuery": answer_callback_query,
}
