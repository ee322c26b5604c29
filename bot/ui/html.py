"""HTML for Telegram's `parse_mode=HTML`: the one place dynamic values are escaped."""

import html

MAX_MESSAGE_CHARS = 4096


def h(value: object) -> str:
    """Escapes a dynamic value for message text (Telegram needs <, > and & escaped)."""
    return html.escape(str(value), quote=False)


def b(value: str) -> str:
    """Bold around already-safe HTML."""
    return f"<b>{value}</b>"


def i(value: str) -> str:
    """Italic around already-safe HTML."""
    return f"<i>{value}</i>"


def shorten(value: str, limit: int) -> str:
    """Cuts raw (unescaped) text to `limit` characters with an ellipsis, before escaping."""
    return value if len(value) <= limit else value[: limit - 1] + "…"
