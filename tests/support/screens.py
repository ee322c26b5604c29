"""The one check every rendered screen must pass: one message Telegram would accept."""

from bot.telegram_local.html import parse_html
from bot.ui.html import MAX_MESSAGE_CHARS
from bot.ui.keyboards import MAX_LABEL_CHARS
from bot.ui.screen import Screen
from tests.support.spec import SpecChecker

# What a phone shows without scrolling far: the budget of every screen's visible text.
PHONE_SCREEN_CHARS = 1200


def visible_length(screen: Screen) -> int:
    return len(parse_html(screen.text).text)


def assert_sendable(screen: Screen, checker: SpecChecker) -> None:
    assert len(parse_html(screen.text).text) <= MAX_MESSAGE_CHARS
    params: dict[str, object] = {"chat_id": 1, "text": screen.text, "parse_mode": "HTML"}
    if screen.markup is not None:
        params["reply_markup"] = screen.markup.to_dict()
    assert checker.check("sendMessage", params) == []
    for row in screen.keyboard:
        assert all(len(button.text) <= MAX_LABEL_CHARS for button in row)
