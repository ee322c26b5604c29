"""The offline console: chat with the real bot in a terminal, through the local Bot API.

Each line typed is a message from the person speaking (You, in your private chat with the bot);
the bot's answers are printed with their buttons numbered, and typing a number presses that
button. Messages the bot sends on its own (reminders, check-ins, club posts) are printed as they
arrive. Photos, animations (the demonstrations) and documents (/report's PDF) the bot sends are
saved under ./console-files/ and their path printed, to open in a viewer or player. Works with
piped input too: each line is echoed after "> " so the transcript reads like a chat.

A club can be tried too (`console --group`, or `:group` at any time): a group chat, "Riverside
Runners", where You are its admin, Sam a member, and the bot was just added. Console commands
start with a colon; `:help` lists them.
"""

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from bot.app import build_application, group_replies, polling
from bot.services import Services
from bot.telegram_local import LocalBotApi, LocalChat, LocalMessage, LocalUser, render_message
from bot.telegram_local.driver import Driver
from bot.telegram_local.media import image_extension

INTRO = "Knee Coach offline console. Type /start, or a button's number to press it. Ctrl-D quits."
WATCH_EVERY = 1.0  # seconds between looks for messages the scheduler pushed
FILES_DIR = Path("console-files")
CLUB_TITLE = "Riverside Runners"
HELP = f"""Console commands:
  :group    go to the club chat "{CLUB_TITLE}" (You are its admin, Sam a member)
  :private  go back to the private chat with the bot
  :sam      speak as Sam, a club member (:you to be You again)
  :help     this list
A number presses that button of the last message that had buttons."""
NO_BUTTONS = "(No buttons here to press: type a command such as /help, or :help.)"
NO_SUCH_BUTTON = "(No button {number} here: the buttons shown are 1 to {count}.)"
BUTTON_GONE = "(That button is gone: its message has changed since. Type a command such as /help.)"


@dataclass(frozen=True)
class _Button:
    chat: LocalChat
    message: LocalMessage
    label: str


class Console:
    def __init__(
        self, driver: Driver, out: TextIO, *, files_dir: Path = FILES_DIR, echo: bool = False
    ) -> None:
        self._driver, self._out = driver, out
        self._files_dir, self._echo = files_dir, echo
        self._you = driver.api.user("You", language_code="en")
        self._sam: LocalUser | None = None  # the club's second member, once there is a club
        self._speaker = self._you
        self._club: LocalChat | None = None
        self._chat = driver.api.private_chat(self._you)
        self._buttons: list[_Button] = []  # numbered from 1
        self._shown: set[tuple[int, int]] = set()  # (chat id, message id) printed so far
        self._busy = False  # a typed line is being answered: its replies are printed with it

    async def handle_line(self, line: str) -> None:
        if self._echo:
            self._write(f"{self._prompt()}> {line}")
        self._busy = True
        try:
            await self._answer(line)
        finally:
            self._busy = False

    async def open_club(self) -> None:
        """Creates the club chat (You its admin, Sam a member, the bot added by You) and goes
        there; later calls just go there."""
        if self._club is None:
            api = self._driver.api
            self._sam = api.user("Sam", language_code="en")
            club = api.group(CLUB_TITLE)
            club.set_admins(self._you)
            club.add_member(self._sam)
            self._club = club
            before = len(club.bot_messages)
            await club.add_bot(by=self._you)
            await self._driver.settle()
            for message in club.bot_messages[before:]:
                self._show(message)
        self._chat = self._club

    @property
    def chat(self) -> LocalChat:
        """Where typed lines go now."""
        return self._chat

    def show_pushed(self) -> None:
        """Prints what the bot sent on its own since the last look (a reminder, a check-in)."""
        if not self._busy:
            for chat in self._chats():
                for message in chat.bot_messages:
                    if (chat.id, message.message_id) not in self._shown:
                        self._show(message)

    def _chats(self) -> list[LocalChat]:
        api = self._driver.api
        people = [self._you] if self._sam is None else [self._you, self._sam]
        chats = [api.private_chat(person) for person in people]
        return chats if self._club is None else [*chats, self._club]

    def _prompt(self) -> str:
        if self._club is None:
            return ""
        return f"{self._speaker.first_name} in {_where(self._chat)}"

    async def _answer(self, line: str) -> None:
        if line.startswith(":"):
            await self._console_command(line[1:].strip().lower())
        elif line.isascii() and line.isdigit():
            await self._press(line)
        else:
            changes = await self._driver.send(self._chat, line, from_user=self._speaker)
            for message in changes:
                self._show(message)

    async def _console_command(self, command: str) -> None:
        if command == "group":
            await self.open_club()
        elif command == "private":
            self._chat = self._driver.api.private_chat(self._speaker)
        elif command in ("sam", "you"):
            if command == "sam" and self._sam is None:
                await self.open_club()
            self._speaker = self._sam if command == "sam" and self._sam else self._you
            if self._chat.is_private:
                self._chat = self._driver.api.private_chat(self._speaker)
        else:
            self._write(HELP)
            return
        self._write(f"(Now {self._prompt()}.)")

    async def _press(self, typed: str) -> None:
        if not self._buttons:
            self._write(NO_BUTTONS)
            return
        count = len(self._buttons)
        # Compared as text first: thousands of digits are more than int() reads.
        if len(typed) > len(str(count)) or not 1 <= int(typed) <= count:
            self._write(NO_SUCH_BUTTON.format(number=typed[:12], count=count))
            return
        button = self._buttons[int(typed) - 1]
        try:
            changes = await self._driver.press(
                button.chat, button.message, button.label, by=self._speaker
            )
        except LookupError:  # changed since it was printed, e.g. by a press elsewhere
            self._write(BUTTON_GONE)
            return
        except ValueError as error:  # a link out of the bot, e.g. to a source
            self._write(f"({error})")
            return
        answer = self._driver.last_answer
        if answer is not None and answer.text:
            self._write(f"({answer.text})")
        for message in changes:
            self._show(message)
            if message.chat.is_private and message.chat is not button.chat:
                self._chat = message.chat  # a link into the bot opened the private chat

    def _show(self, message: LocalMessage) -> None:
        chat = message.chat
        self._shown.add((chat.id, message.message_id))
        text = render_message(message)
        if self._club is not None:  # several chats: say which one this is in
            text = f"[{_where(chat)}]\n{text}"
        if message.photo is not None:
            text += f"\n(saved to {self._save(message, message.photo, image_extension)})"
        if message.animation_file is not None:
            saved = self._save(message, message.animation_file.data, lambda _data: ".mp4")
            text += f"\n(animation saved to {saved})"
        if message.document_file is not None:
            suffix = Path(message.document_file.file_name).suffix
            saved = self._save(message, message.document_file.data, lambda _data: suffix)
            text += f"\n(document saved to {saved})"
        self._write(text)
        labels = _labels(message)
        if labels:
            self._buttons = [_Button(chat, message, label) for label in labels]
        elif self._buttons and self._buttons[0].message is message:  # edited: its buttons gone
            self._buttons = []

    def _save(self, message: LocalMessage, data: bytes, extension: Callable[[bytes], str]) -> Path:
        self._files_dir.mkdir(parents=True, exist_ok=True)
        name = f"chat{abs(message.chat.id)}-message{message.message_id}{extension(data)}"
        path = self._files_dir / name
        path.write_bytes(data)
        return path

    def _write(self, text: str) -> None:
        self._out.write(text + "\n\n")
        self._out.flush()


def _where(chat: LocalChat) -> str:
    return chat.title or f"{chat.name}'s private chat"


def _labels(message: LocalMessage) -> list[str]:
    return [label for row in message.buttons for label, _ in row]


async def run_console(
    services: Services, stdin: TextIO, stdout: TextIO, *, group: bool = False
) -> None:
    async with LocalBotApi() as api:
        application = build_application(services, token=api.token, base_url=api.base_url)
        async with polling(application):
            piped = not stdin.isatty()
            driver = Driver(api, application.update_queue, group_replies(application).idle)
            console = Console(driver, stdout, echo=piped)
            if not piped:
                stdout.write(f"{INTRO} :help lists console commands.\n\n")
            if group:
                await console.open_club()
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
