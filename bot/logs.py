"""Logging set-up. Whatever the level, no log line holds a token, a message text, callback data,
a name or an answer:

- Our own lines (`bot.*`) are written to carry ids, counts and kinds only.
- Libraries' lines keep their wording but lose their arguments: at DEBUG, python-telegram-bot
  logs every request's parameters and every update, and on errors the data it could not parse.
- Tracebacks show where and what type, never an exception's message (it can quote a text, or a
  request URL, and the URL holds the token).
- Any secret left is masked in the finished line.
"""

import logging
import re
import sys
import traceback
from typing import TextIO

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_MAX_CHAIN = 5  # chained exceptions shown in a traceback; a cycle cannot loop forever
_OURS = "bot"
_NOT_OURS = ("bot.telegram_local",)  # the local Bot API logs what it serves, like Telegram would
_PLACEHOLDER = re.compile(r"%(\([^)]*\))?[-#0 +]*\d*(\.\d+)?[sdrifxXeEgGcoa%]")


def _ours(name: str) -> bool:
    mine = name == _OURS or name.startswith(_OURS + ".")
    return mine and not name.startswith(_NOT_OURS)


class WithholdLibraryArguments(logging.Filter):
    """A library's line without its arguments, e.g. "Calling Bot API endpoint `…` with parameters
    `…`"."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not _ours(record.name) and record.args:
            record.msg = _PLACEHOLDER.sub("…", str(record.msg))
            record.args = None
        return True


class RedactingFormatter(logging.Formatter):
    """Tracebacks without messages, and secrets masked in the finished line."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__(_FORMAT)
        self._secrets = [secret for secret in secrets if secret]

    def formatException(self, ei: object) -> str:
        error = ei[1] if isinstance(ei, tuple) else None
        return traceback_without_messages(error) if isinstance(error, BaseException) else ""

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        for secret in self._secrets:
            line = line.replace(secret, "<redacted>")
        return line


def traceback_without_messages(error: BaseException) -> str:
    """Where `error` and the exceptions behind it were raised, with their types but not their
    messages: a message can quote what a user wrote (`int('my knee hurts')`, or Telegram quoting
    the text it could not parse)."""
    parts: list[str] = []
    current: BaseException | None = error
    while current is not None and len(parts) < _MAX_CHAIN:
        frames = "".join(traceback.format_tb(current.__traceback__))
        parts.append(f"{frames}{type(current).__module__}.{type(current).__qualname__}")
        current = current.__cause__ or current.__context__
    return "\nwhich was raised while handling:\n".join(parts)


def configure_logging(level: str, secrets: list[str], stream: TextIO | None = None) -> None:
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(RedactingFormatter(secrets))
    handler.addFilter(WithholdLibraryArguments())
    logging.basicConfig(level=level, handlers=[handler], force=True)
    # One line per HTTP request is noise.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
