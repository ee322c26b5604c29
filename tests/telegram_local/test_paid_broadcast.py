"""allow_paid_broadcast: up to 1,000 messages a second instead of 30, each one counted (Telegram
charges 0.1 Stars a message)."""

import pytest
from telegram import Bot
from telegram.error import RetryAfter

from bot.telegram_local import FloodLimits, LocalBotApi
from bot.telegram_local.flood import FloodControl
from tests.support.spec import SpecChecker


def test_paid_messages_have_their_own_overall_limit() -> None:
    flood = FloodControl(FloodLimits(per_second=2, paid_per_second=3), lambda: 0.0)
    assert [flood.admit(chat) for chat in (1, 2, 3)] == [None, None, 1]
    assert [flood.admit(chat, paid=True) for chat in (4, 5, 6, 7)] == [None, None, None, 1]
    assert flood.admit(4, paid=True) == 1  # the one-a-second limit per chat still holds


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_forty_messages_in_one_second_only_as_paid_broadcasts(checker: SpecChecker) -> None:
    limits = FloodLimits()  # Telegram's: 30 a second, 1,000 paid
    async with LocalBotApi(checker=checker, flood_limits=limits, clock=lambda: 0.0) as api:
        chats = [api.private_chat(api.user(f"Runner {n}")) for n in range(80)]
        for chat in chats:
            await chat.send("/start")
        async with Bot(api.token, base_url=api.base_url) as bot:
            for chat in chats[:30]:
                await bot.send_message(chat.id, "free")
            with pytest.raises(RetryAfter):
                await bot.send_message(chats[30].id, "free")
            for chat in chats[40:]:
                await bot.send_message(chat.id, "paid", allow_paid_broadcast=True)
        assert api.paid_broadcasts == 40
        assert api.flood_errors == 1
        assert api.violations == []
