"""Every setting comes from the environment (or a `.env` file), validated once at start-up."""

import re
from datetime import timedelta
from pathlib import Path
from typing import Literal

from pydantic import (
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.paths import CONTENT_DIR, DEMOS_DIR

TELEGRAM_API_BASE_URL = "https://api.telegram.org/bot"
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///data/kneecoach.sqlite3"

# Hosting platforms hand out plain `postgres://` URLs; SQLAlchemy needs the async driver named.
_URL_PREFIXES = {
    "postgres://": "postgresql+asyncpg://",
    "postgresql://": "postgresql+asyncpg://",
    "sqlite://": "sqlite+aiosqlite://",
}
_SUPPORTED_DRIVERS = ("postgresql+asyncpg://", "sqlite+aiosqlite://")
# The secrets' shapes, and what to say when one does not fit (never the value itself).
_SECRET_SHAPES = {
    "telegram_bot_token": (
        re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{1,100}$"),
        "expected a token like 123456789:AAE... from @BotFather",
    ),
    # Telegram allows 1-256 of these; anything short enough to guess is refused here.
    "webhook_secret": (
        re.compile(r"^[A-Za-z0-9_-]{16,256}$"),
        "use 16-256 characters from A-Z, a-z, 0-9, _ and -",
    ),
}


# Telegram's free limit on sending, and the limit with allow_paid_broadcast (Bot API docs).
FREE_RATE = 30
PAID_BROADCAST_RATE = 1000


class ConfigError(Exception):
    """A setting is missing or malformed; the message names it and is safe to print."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", frozen=True)

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = Field(default=TELEGRAM_API_BASE_URL, pattern=r"^https?://\S+$")
    database_url: str = DEFAULT_DATABASE_URL
    # Telegram posts only to https; a self-hosted Bot API may post to plain http on loopback.
    webhook_url: str | None = Field(
        default=None, pattern=r"^(https://\S+|http://(127\.0\.0\.1|localhost)(:\d+)?/\S*)$"
    )
    webhook_secret: SecretStr | None = None
    port: int = Field(default=8080, ge=1, le=65535)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # One JSON object per line for log collectors, with the same redaction as the text lines.
    log_format: Literal["text", "json"] = "text"
    # /healthz and /metrics in polling mode (webhook mode serves them on PORT); off when unset.
    metrics_port: int | None = Field(default=None, ge=1, le=65535)
    # How often the scheduler plans and sends due reminders, and how fast it may send overall
    # (Telegram allows about 30 messages a second; more only with paid broadcasts or a local
    # Bot API).
    tick_seconds: float = Field(default=15, gt=0, le=60)
    send_rate: float = Field(default=30, gt=0, le=PAID_BROADCAST_RATE)
    # Scheduled sends as paid broadcasts: up to 1,000 a second, 0.1 Telegram Stars a message.
    paid_broadcasts: bool = False
    # A reminder claimed by a process that then died is sent by another after this long.
    claim_lease_seconds: float = Field(default=60, gt=0, le=3600)
    # Logged runs older than this are deleted (health data is kept no longer than it helps).
    pain_log_keep_days: int = Field(default=365, ge=28, le=3650)
    content_dir: Path = CONTENT_DIR
    # Rendered demonstrations (`python -m bot demos`), one file per drawing, kept between runs.
    demos_dir: Path = DEMOS_DIR

    @field_validator(*_SECRET_SHAPES)
    @classmethod
    def _secret_shape(cls, value: SecretStr | None, info: ValidationInfo) -> SecretStr | None:
        shape, hint = _SECRET_SHAPES[str(info.field_name)]
        if value is not None and not shape.match(value.get_secret_value()):
            raise ValueError(hint)
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_log_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("log_format", mode="before")
    @classmethod
    def _lower_log_format(cls, value: object) -> object:
        return value.lower() if isinstance(value, str) else value

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str) -> str:
        for plain, driver in _URL_PREFIXES.items():
            if value.startswith(plain):
                value = driver + value.removeprefix(plain)
        if not value.startswith(_SUPPORTED_DRIVERS):
            raise ValueError("use a postgresql://... or sqlite:///... URL")
        return value

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> "Settings":
        if self.webhook_url and not self.webhook_secret:
            raise ValueError("WEBHOOK_SECRET is required when WEBHOOK_URL is set")
        return self

    @model_validator(mode="after")
    def _fast_only_when_paid(self) -> "Settings":
        # Telegram itself answers anything above 30/s with 429s unless the bot pays; a local
        # Bot API (tests, benchmarks) has no such limit.
        on_telegram = self.telegram_api_base_url == TELEGRAM_API_BASE_URL
        if on_telegram and self.send_rate > FREE_RATE and not self.paid_broadcasts:
            raise ValueError(
                f"SEND_RATE above {FREE_RATE} needs PAID_BROADCASTS=true (Telegram charges for it)"
            )
        return self

    @property
    def pain_log_keep(self) -> timedelta:
        return timedelta(days=self.pain_log_keep_days)

    @property
    def uses_webhook(self) -> bool:
        return self.webhook_url is not None

    def require_token(self) -> str:
        if self.telegram_bot_token is None:
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN is not set: get one from @BotFather "
                "(or run `python -m bot console` to try the bot offline)"
            )
        return self.telegram_bot_token.get_secret_value()


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment; errors become one ConfigError naming the setting."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        name = ".".join(str(part) for part in first["loc"]).upper()
        message = first["msg"].removeprefix("Value error, ")
        # Never echo the offending value: it may be a token.
        raise ConfigError(f"{name}: {message}" if name else message) from None
