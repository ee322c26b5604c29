"""What handlers and jobs need, built once per process and reached through the context."""

from collections.abc import Callable, Coroutine, Mapping
from dataclasses import dataclass
from typing import Any

from telegram import Chat, Update
from telegram.ext import Application, CallbackContext, CommandHandler, ExtBot, filters

from bot.config import Settings
from bot.db.engine import Database
from bot.demos.cache import Demos
from bot.domain.content.library import Library
from bot.ui.timing import Clock, Sleep, system_clock, system_sleep


@dataclass(frozen=True)
class Services:
    settings: Settings
    database: Database
    library: Library
    clock: Clock = system_clock
    demos: Demos | None = None  # None: the library is sent as text alone
    sleep: Sleep = system_sleep  # waits on `clock`'s time


class BotContext(CallbackContext[ExtBot[int], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """PTB's context with typed access to the services."""

    @property
    def services(self) -> Services:
        services = self.bot_data["services"]
        assert isinstance(services, Services)
        return services


BotApplication = Application[
    ExtBot[int], BotContext, dict[Any, Any], dict[Any, Any], dict[Any, Any], Any
]
Handler = Callable[[Update, BotContext], Coroutine[Any, Any, None]]


def in_private_chat(update: Update) -> bool:
    return update.effective_chat is not None and update.effective_chat.type == Chat.PRIVATE


def add_private_commands(application: BotApplication, commands: Mapping[str, Handler]) -> None:
    """Commands answered in private chats only (in groups, bot.features.basics says so)."""
    for name, callback in commands.items():
        application.add_handler(CommandHandler(name, callback, filters.ChatType.PRIVATE))
