"""The Bot API methods the local server implements, by Telegram's (case-insensitive) names."""

from bot.telegram_local.methods import bot, chats, messages, updates
from bot.telegram_local.methods.params import Handler

METHODS: dict[str, Handler] = {
    **bot.METHODS,
    **chats.METHODS,
    **messages.METHODS,
    **updates.METHODS,
}
_BY_LOWER_NAME = {name.lower(): name for name in METHODS}


def method_name(name: str) -> str | None:
    """Telegram's spelling of an implemented method, whatever the case it was called with."""
    return _BY_LOWER_NAME.get(name.lower())
