"""The offline console: chat with the real bot in a terminal, through the local Bot API.

Each line typed is a message from one private user; the bot's answers are printed with their
buttons numbered, and typing a number presses that button. Messages the bot sends on its own
(reminders, check-ins) are printed as they arrive. Works with piped input too.
"""

import asyncio
from typing import TextIO

from bot.app import build_application, group_replies, polling
from bot.services import Services
from bot.telegram_local import LocalBotApi, render_message
from bot.telegram_local.driver import Driver
from bot.telegram_local.models import LocalMessage

INTRO = "Knee Coach offline console. Type /start, or a button's number to press it. Ctrl-D quits."
WATCH_EVERY = 1.0  # seconds between looks for messages the scheduler pushed


class Console:
    def __init__(self, driver: Driver, out: TextIO) -> None:
        self._driver, self._out = driver, out
        self._chat = driver.api.private_chat(driver.api.user("You", language_code="en"))
        self._buttons: list[tuple[LocalMessage, str]] = []  # numbered from 1: (message, label)
        self._shown: set[int] = set()  # message ids printed so far
        self._busy = False  # a typed line is being answered: its replies are printed with it

    async def handle_line(self, line: str) -> None:
        self._busy = True
        try:
            await self._answer(line)
        finally:
            self._busy = False

    def show_pushed(self) -> None:
        """Prints what the bot sent on its own since the last look (a reminder, a check-in)."""
        if not self._busy:
            for message in self._chat.bot_messages:
                if message.message_id not in self._shown:
                    self._show(message)

    async def _answer(self, line: str) -> None:
        if line.isdigit() and 1 <= int(line) <= len(self._buttons):
            message, label = self._buttons[int(line) - 1]
            try:
                changes = await self._driver.press(self._chat, message, label)
            except ValueError as error:  # a link out of the bot, e.g. to a source
                self._write(f"({error})")
                return
            answer = self._driver.last_answer
            if answer is not None and answer.text:
                self._write(f"({answer.text})")
        else:
            changes = await self._driver.send(self._chat, line)
        for message in changes:
            self._show(message)

    def _show(self, message: LocalMessage) -> None:
        self._shown.add(message.message_id)
        self._write(render_message(message))
        if message.reply_markup is not None:
            self._buttons = [(message, label) for row in message.buttons for label, _ in row]

    def _write(self, text: str) -> None:
        self._out.write(text + "\n\n")
        self._out.flush()


async def run_console(services: Services, stdin: TextIO, stdout: TextIO) -> None:
    async with LocalBotApi() as api:
        application = build_application(services, token=api.token, base_url=api.base_url)
        async with polling(application):
            driver = Driver(api, application.update_queue, group_replies(application).idle)
            console = Console(driver, stdout)
            if stdin.isatty():
                stdout.write(INTRO + "\n\n")
            watcher = asyncio.create_task(_watch(console))
            try:
                while line := await asyncio.to_thread(stdin.readline):
                    if line.strip():
                        await console.handle_line(line.strip())
            finally:
                watcher.cancel()


async def _watch(console: Console) -> None:
    while True:
        await asyncio.sleep(WATCH_EVERY)
        console.show_pushed()
