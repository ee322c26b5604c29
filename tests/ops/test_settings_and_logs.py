"""Operator settings: JSON log lines with the text lines' redaction, and faster sending only when
paid for."""

import json
import logging

import pytest

from bot.config import ConfigError, load_settings
from bot.logs import configure_logging

TOKEN = "123456789:AAHsecretSECRETsecret-token_value"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SEND_RATE", "PAID_BROADCASTS", "TELEGRAM_API_BASE_URL", "LOG_FORMAT"):
        monkeypatch.delenv(name, raising=False)


def test_json_lines_are_one_object_each_and_never_show_the_token(
    capsys: pytest.CaptureFixture[str],
) -> None:
    configure_logging("INFO", [TOKEN], "json")
    try:
        logging.getLogger("httpx").warning("POST https://api.telegram.org/bot%s/getMe", TOKEN)
        try:
            raise RuntimeError(f"connection to /bot{TOKEN}/getUpdates reset")
        except RuntimeError:
            logging.getLogger("bot").exception("polling failed")
    finally:
        logging.basicConfig(force=True)
    err = capsys.readouterr().err
    assert TOKEN not in err
    first, second = (json.loads(line) for line in err.splitlines())
    assert first["level"] == "WARNING" and first["logger"] == "httpx"
    assert first["message"] == "POST https://api.telegram.org/bot…/getMe"
    assert second["message"] == "polling failed"
    # Where it was raised and its type; never its message, which here holds the token.
    assert second["exception"].endswith("builtins.RuntimeError")
    assert "reset" not in second["exception"].splitlines()[-1]


def test_log_format_is_text_or_json() -> None:
    assert load_settings(log_format="JSON").log_format == "json"
    with pytest.raises(ConfigError, match="LOG_FORMAT"):
        load_settings(log_format="xml")


def test_more_than_30_a_second_from_telegram_needs_paid_broadcasts() -> None:
    with pytest.raises(ConfigError, match="SEND_RATE above 30 needs PAID_BROADCASTS=true"):
        load_settings(send_rate=100)
    assert load_settings(send_rate=1000, paid_broadcasts=True).send_rate == 1000
    with pytest.raises(ConfigError, match="SEND_RATE"):
        load_settings(send_rate=1001, paid_broadcasts=True)
    # A local Bot API has no such limit (the offline console, tests and benchmarks).
    assert load_settings(send_rate=300, telegram_api_base_url="http://127.0.0.1:9/bot").send_rate


def test_metrics_port_is_off_unless_set() -> None:
    assert load_settings().metrics_port is None
    assert load_settings(metrics_port=9100).metrics_port == 9100
