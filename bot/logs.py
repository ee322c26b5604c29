"""Logging set-up. Tokens never reach a log line; message texts are never logged at all."""

import json
import logging
import traceback
from datetime import UTC, datetime

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_MAX_CHAIN = 5  # chained exceptions shown in a traceback; a cycle cannot loop forever


class RedactingFormatter(logging.Formatter):
    """Masks secrets in the finished line, tracebacks included (httpx errors carry request URLs,
    and Telegram request URLs carry the token)."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__(_FORMAT)
        self._secrets = [secret for secret in secrets if secret]

    def format(self, record: logging.LogRecord) -> str:
        return self.redact(super().format(record))

    def redact(self, line: str) -> str:
        for secret in self._secrets:
            line = line.replace(secret, "<redacted>")
        return line


class JsonFormatter(RedactingFormatter):
    """One JSON object a line (time, level, logger, message, exception) for log collectors. The
    messages are the text lines' messages, so they carry no more than those; the finished line is
    redacted the same way (a token has no character JSON escapes)."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return self.redact(json.dumps(entry, ensure_ascii=False))


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


def configure_logging(level: str, secrets: list[str], log_format: str = "text") -> None:
    handler = logging.StreamHandler()
    formatter = JsonFormatter if log_format == "json" else RedactingFormatter
    handler.setFormatter(formatter(secrets))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    # One line per HTTP request is noise.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
