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


def pages(text: str, limit: int = MAX_MESSAGE_CHARS) -> list[str]:
    """A text too long for one message, cut between lines into messages of at most `limit`
    characters (a line is whole HTML, so no tag is cut; a longer line is a bug)."""
    cut: list[str] = []
    page = ""
    for line in text.split("\n"):
        if len(line) > limit:
            raise ValueError(f"a line of {len(line)} characters cannot fit in one message")
        if page and len(page) + 1 + len(line) > limit:
            cut.append(page)
            page = line
        else:
            page = f"{page}\n{line}" if page else line
    return [*cut, page]
