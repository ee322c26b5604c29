"""The offline console, in process and as the real `python -m bot console` with piped input:
typed lines, numbered buttons, reminders printed as the scheduler pushes them, a club chat with a
second member, photos saved to files, and every documented flow ending without a traceback."""

import asyncio
import io
import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.console import BUTTON_GONE, NO_BUTTONS, Console
from bot.demos.cache import Demos
from tests.e2e.conftest import World

SUNDAY_NOON = datetime(2026, 11, 22, 11, 0, tzinfo=UTC)
MONDAY_0645_BERLIN = datetime(2026, 11, 23, 5, 45, tzinfo=UTC)
TUESDAY_1815_BERLIN = datetime(2026, 11, 24, 17, 15, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[2]  # this checkout's `bot`, whatever is installed


class Typing:
    """A console in process, and what it printed since the last look."""

    def __init__(self, world: World, files: Path) -> None:
        self.out = io.StringIO()
        self.console = Console(world.driver, self.out, files_dir=files, echo=True)
        self._read = 0

    async def type(self, *lines: str) -> str:
        for line in lines:
            await self.console.handle_line(line)
        return self.printed()

    def printed(self) -> str:
        text = self.out.getvalue()[self._read :]
        self._read = len(self.out.getvalue())
        return text


@pytest.fixture
def typing(world: World, tmp_path: Path) -> Typing:
    return Typing(world, tmp_path / "console-files")


async def test_a_pushed_reminder_is_printed_once_and_its_buttons_can_be_pressed(
    world: World, typing: Typing
) -> None:
    world.clock.now = SUNDAY_NOON
    typed = await typing.type("/timezone Berlin", "/runs mon 07:00")
    typing.console.show_pushed()  # nothing pushed yet: the replies were printed with their lines
    assert typed.count("Mon 07:00") >= 1 and typing.printed() == ""
    world.clock.now = MONDAY_0645_BERLIN
    await world.tick()
    typing.console.show_pushed()
    typing.console.show_pushed()
    pushed = typing.printed()
    assert pushed.count("Your run at 07:00") == 1
    pressed = await typing.type("1")  # the reminder's first button: the full warm-up
    assert "Short version" in pressed and "Your run at" not in pressed


@pytest.fixture
def world_demos(rendered_demos: Demos) -> Demos:
    return rendered_demos


async def test_an_animation_is_saved_and_its_path_printed(
    typing: Typing, rendered_demos: Demos
) -> None:
    # Short version, then Step by step: the first move's animation.
    shown = await typing.type("/warmup", "1", "2")
    saved = re.findall(r"\(animation saved to (\S+)\)", shown)
    assert len(saved) == 1
    expected = rendered_demos.path("leg_swings_front")
    assert await asyncio.to_thread(Path(saved[0]).read_bytes) == expected.read_bytes()
    assert "[animation," in shown and "Leg swings, front and back" in shown


async def test_a_number_where_the_buttons_are_gone_says_so_and_goes_on(typing: Typing) -> None:
    assert NO_BUTTONS in await typing.type("1")  # nothing shown yet
    await typing.type("/kneepain")
    cancelled = await typing.type("7")  # ✖ Cancel: the message loses its buttons
    assert "Check cancelled" in cancelled
    assert NO_BUTTONS in await typing.type("1")
    assert "Knee Coach commands" in await typing.type("/help")  # and the console goes on


async def test_a_number_past_the_buttons_says_which_there_are(typing: Typing) -> None:
    await typing.type("/kneepain")  # six answers, Cancel
    assert "(No button 99 here: the buttons shown are 1 to 7.)" in await typing.type("99")
    assert "the buttons shown are 1 to 7" in await typing.type("9" * 5000)
    assert "How old are you?" in await typing.type("6")  # None of these: the check goes on


async def test_a_button_changed_elsewhere_is_refused(world: World, typing: Typing) -> None:
    await typing.type("/kneepain")
    chat = typing.console.chat
    question = chat.bot_messages[-1]
    await world.driver.press(chat, question, "✖ Cancel")  # on the phone, behind the console
    assert BUTTON_GONE in await typing.type("1")
    assert "Knee pain check" in await typing.type("/kneepain")


async def test_echo_shows_each_typed_line(typing: Typing) -> None:
    assert (await typing.type("/help")).startswith("> /help\n")


async def test_a_club_can_be_tried_as_its_admin_and_as_a_member(
    world: World, typing: Typing
) -> None:
    world.clock.now = SUNDAY_NOON
    opened = await typing.type(":group")
    assert "Now You in Riverside Runners" in opened
    assert "[Riverside Runners]" in opened  # the bot's introduction in the group
    added = await typing.type("/clubtimezone Berlin", "/clubrun add tue 18:30 Track")
    assert "You in Riverside Runners> /clubrun add tue 18:30 Track" in added
    assert "✅" in added
    switched = await typing.type(":sam", "/clubsettings")
    assert "Now Sam in Riverside Runners" in switched
    assert "only the group's admins" in switched
    world.clock.now = TUESDAY_1815_BERLIN
    await world.tick()
    typing.console.show_pushed()
    post = typing.printed()
    assert "Time to warm up together" in post and "I'm running" in post
    number = next(
        line.split("]")[0].lstrip("[") for line in post.splitlines() if "I'm running" in line
    )
    going = await typing.type(number)
    assert "Sam" in going  # the list of who is coming names the member who pressed


async def test_a_link_into_the_private_chat_moves_the_console_there(typing: Typing) -> None:
    await typing.type(":group", ":sam")
    await typing.type("/kneepain")
    opened = await typing.type("1")  # "Open a private chat"
    assert "[Sam's private chat]" in opened and "Knee pain check" in opened
    assert "Sam in Sam's private chat> 6" in await typing.type("6")


async def test_a_photo_is_saved_and_its_path_printed(world: World, typing: Typing) -> None:
    # km, the second distance (5 km), the second time (30 min), then 3/10 (the fourth button)
    await typing.type("/log", "1", "2", "2", "4")
    shown = await typing.type("/progress")
    [line] = [line for line in shown.splitlines() if line.startswith("(saved to ")]
    path = Path(line.removeprefix("(saved to ").removesuffix(")"))
    saved = await asyncio.to_thread(path.read_bytes)
    assert path.suffix == ".png" and saved.startswith(b"\x89PNG\r\n\x1a\n")


async def test_a_document_is_saved_and_its_path_printed(typing: Typing) -> None:
    await typing.type("/log", "1", "2", "2", "4")
    shown = await typing.type("/report")
    [line] = [line for line in shown.splitlines() if line.startswith("(document saved to ")]
    path = Path(line.removeprefix("(document saved to ").removesuffix(")"))
    saved = await asyncio.to_thread(path.read_bytes)
    assert path.suffix == ".pdf" and saved.startswith(b"%PDF-")


# Every console flow the README and --help document, as a newcomer would pipe it.
DOCUMENTED_FLOWS = [
    ([], "/start\n/help\n"),
    ([], "/kneepain\n7\n1\n"),  # a number after Cancel used to end the console
    ([], "/log\n2\n2\n2\n4\n/mydata\n/progress\n/report\n/deletemydata\n1\n/mydata\n"),
    ([], "/settings\n1\n/timezone EST\n/runs mon 07:00\n/stretch\n2\n/warmup\n/exercises\n"),
    (["--group"], "/clubtimezone Berlin\n/clubrun add tue 18:30 Track\n/clubsettings\n1\n"),
    ([], ":group\n/clubrun list\n:sam\n/kneepain\n1\n6\n:you\n:private\n/help\n:help\n"),
]


@pytest.mark.parametrize(("arguments", "piped"), DOCUMENTED_FLOWS)
def test_every_documented_console_flow_exits_cleanly(
    tmp_path: Path, arguments: list[str], piped: str
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "console", *arguments],
        input=piped,
        capture_output=True,
        text=True,
        timeout=90,
        cwd=tmp_path,
        check=False,
        env={
            **os.environ,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'console.sqlite3'}",
            "PYTHONPATH": str(ROOT),
        },
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    for line in piped.splitlines():
        assert f"> {line}\n" in result.stdout  # each piped line is echoed before its answer
