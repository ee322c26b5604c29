"""Settings: defaults, validation with one clear line, and the token kept secret."""

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import DEFAULT_DATABASE_URL, TELEGRAM_API_BASE_URL, ConfigError, load_settings
from bot.logs import configure_logging

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "123456789:AAHsecretSECRETsecret-token_value"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in (
        "TELEGRAM_BOT_TOKEN",
        "TELEGRAM_API_BASE_URL",
        "DATABASE_URL",
        "WEBHOOK_URL",
        "WEBHOOK_SECRET",
        "PORT",
        "LOG_LEVEL",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env file


def test_defaults_need_nothing_set() -> None:
    settings = load_settings()
    assert settings.telegram_bot_token is None
    assert settings.telegram_api_base_url == TELEGRAM_API_BASE_URL
    assert settings.database_url == DEFAULT_DATABASE_URL
    assert not settings.uses_webhook


def test_values_come_from_a_dotenv_file(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(f"TELEGRAM_BOT_TOKEN={TOKEN}\nLOG_LEVEL=debug\n")
    settings = load_settings()
    assert settings.require_token() == TOKEN
    assert settings.log_level == "DEBUG"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u:p@db:5432/knee", "postgresql+asyncpg://u:p@db:5432/knee"),
        ("postgresql://u@db/knee", "postgresql+asyncpg://u@db/knee"),
        ("sqlite:///x.db", "sqlite+aiosqlite:///x.db"),
        ("postgresql+asyncpg://u@db/knee", "postgresql+asyncpg://u@db/knee"),
    ],
)
def test_database_urls_get_the_async_driver(
    monkeypatch: pytest.MonkeyPatch, given: str, expected: str
) -> None:
    monkeypatch.setenv("DATABASE_URL", given)
    assert load_settings().database_url == expected


@pytest.mark.parametrize(
    ("name", "value", "named"),
    [
        ("TELEGRAM_BOT_TOKEN", "not-a-token", "TELEGRAM_BOT_TOKEN"),
        ("DATABASE_URL", "mysql://db/knee", "DATABASE_URL"),
        ("PORT", "99999", "PORT"),
        ("LOG_LEVEL", "chatty", "LOG_LEVEL"),
        ("WEBHOOK_URL", "http://insecure.example/hook", "WEBHOOK_URL"),
        ("WEBHOOK_URL", "https://bot.example/hook", "WEBHOOK_SECRET"),
        ("WEBHOOK_SECRET", "a", "WEBHOOK_SECRET"),
        ("WEBHOOK_SECRET", "fifteen-chars-x", "WEBHOOK_SECRET"),
        ("WEBHOOK_SECRET", "sixteen chars ok", "WEBHOOK_SECRET"),  # a space: Telegram refuses it
    ],
)
def test_a_bad_setting_is_named_in_one_line(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, named: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as error:
        load_settings()
    assert named in str(error.value)
    assert "\n" not in str(error.value)


def test_the_bad_token_itself_is_never_echoed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "12345:has spaces and secrets")
    with pytest.raises(ConfigError) as error:
        load_settings()
    assert "secrets" not in str(error.value)


def test_run_without_a_token_exits_2_with_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "TELEGRAM_BOT_TOKEN" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_short_webhook_secret_exits_2_with_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(ROOT),
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "WEBHOOK_URL": "https://bot.example/hook",
            "WEBHOOK_SECRET": "a",
        },
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "WEBHOOK_SECRET" in result.stderr and "16" in result.stderr
    assert TOKEN not in result.stderr


def test_log_lines_never_show_the_token(
    caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging("INFO", [TOKEN])
    try:
        logging.getLogger("httpx").warning(
            "POST https://api.telegram.org/bot%s/getMe failed", TOKEN
        )
        try:
            raise RuntimeError(f"connection to /bot{TOKEN}/getUpdates reset")
        except RuntimeError:
            logging.getLogger("bot").exception("polling failed")
        logging.getLogger("bot").warning("calling https://api.telegram.org/bot%s/getMe", TOKEN)
    finally:
        logging.basicConfig(force=True)
    err = capsys.readouterr().err
    assert "polling failed" in err and "getMe failed" in err
    assert TOKEN not in err
    assert "builtins.RuntimeError" in err and "RuntimeError: " not in err  # type, no message
    assert "bot<redacted>/getMe" in err  # our own lines are masked
