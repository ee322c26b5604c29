"""Message content the way Telegram reads it: formatted text, inline keyboards, threads, replies."""

from bot.telegram_local.chat import LocalChat
from bot.telegram_local.errors import bad_request
from bot.telegram_local.html import EntityParseError, ParsedText, parse_html
from bot.telegram_local.methods.params import Params
from bot.telegram_local.models import LocalMessage
from bot.telegram_local.wire import JSONDict

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
# Button fields that are not the button's action.
_DECORATIONS = frozenset({"text", "icon_custom_emoji_id", "style"})


def formatted_text(p: Params, text_param: str, entities_param: str) -> ParsedText:
    """The text (or caption) as users will see it, with its entities."""
    raw = p.text(text_param) or ""
    mode = (p.text("parse_mode") or "").lower()
    if mode == "html":
        try:
            return parse_html(raw)
        except EntityParseError as exc:
            raise bad_request(f"can't parse entities: {exc}") from None
    if mode in ("markdown", "markdownv2"):
        raise bad_request(f"the local Bot API only implements parse_mode HTML, not {mode}")
    if mode:
        raise bad_request("unsupported parse_mode")
    entities = p.json(entities_param) or []
    if not isinstance(entities, list) or not all(isinstance(e, dict) for e in entities):
        raise bad_request(f"can't parse {entities_param} JSON object")
    return ParsedText(raw, entities)


def inline_keyboard(p: Params, *, required: bool = False) -> JSONDict | None:
    """The inline keyboard in reply_markup, validated like Telegram; other keyboards -> None."""
    markup = p.json("reply_markup")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    rows = markup.get("inline_keyboard")
    if rows is None:
        if required:
            raise bad_request("inline keyboard expected")
        return None  # reply keyboards belong to the chat's input field, not to the message
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request("can't parse inline keyboard button: field must be an Array of Arrays")
    for row in rows:
        for button in row:
            _check_button(button)
    return markup


def _check_button(button: object) -> None:
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad_request("can't parse inline keyboard button: Text must be a String")
    data = button.get("callback_data")
    url = button.get("url")
    if data is not None:
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA:
            raise bad_request("BUTTON_DATA_INVALID")
    elif url is not None:
        if not isinstance(url, str) or not url.startswith(("http://", "https://", "tg://")):
            raise bad_request("BUTTON_URL_INVALID")
    elif not set(button) - _DECORATIONS:
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )


def thread_id(chat: LocalChat, p: Params) -> int | None:
    thread = p.integer("message_thread_id")
    if thread is None:
        return None
    if chat.is_forum and thread in chat.topics:
        return thread
    raise bad_request("message thread not found")


def replied_message(chat: LocalChat, p: Params) -> LocalMessage | None:
    reply = p.json("reply_parameters")
    if reply is None:
        return None
    message_id = reply.get("message_id") if isinstance(reply, dict) else None
    if not isinstance(message_id, int) or not isinstance(reply, dict):
        raise bad_request("can't parse reply parameters JSON object")
    target = chat.message(message_id)
    if target is None and not reply.get("allow_sending_without_reply"):
        raise bad_request("message to be replied not found")
    return target
