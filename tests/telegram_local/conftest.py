"""A started local Bot API checking every call against the spec, and a PTB Bot talking to it."""

from collections.abc import AsyncIterator

import pytest
from telegram import Bot

from bot.telegram_local import LocalBotApi
from tests.support.spec import SpecChecker


@pytest.fixture
async def api(checker: SpecChecker) -> AsyncIterator[LocalBotApi]:
    """Tests that provoke violations on purpose assert and clear them."""
    async with LocalBotApi(checker=checker) as local:
        yield local
    assert local.violations == []


@pytest.fixture
async def bot(api: LocalBotApi) -> AsyncIterator[Bot]:
    async with Bot(api.token, base_url=api.base_url, base_file_url=api.base_file_url) as ptb_bot:
        yield ptb_bot
