"""The offline console in process: typed lines, numbered buttons, and reminders printed as the
scheduler pushes them."""

import asyncio
import io
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.console import Console
from bot.demos.cache import Demos
from tests.e2e.conftest import World

SUNDAY_NOON = datetime(2026, 11, 22, 11, 0, tzinfo=UTC)
MONDAY_0645_BERLIN = datetime(2026, 11, 23, 5, 45, tzinfo=UTC)


async def test_a_pushed_reminder_is_printed_once_and_its_buttons_can_be_pressed(
    world: World,
) -> None:
    out = io.StringIO()
    console = Console(world.driver, out)
    world.clock.now = SUNDAY_NOON
    for line in ("/timezone Berlin", "/runs mon 07:00"):
        await console.handle_line(line)
    console.show_pushed()  # nothing pushed yet: the replies were printed with their lines
    typed = out.getvalue()
    assert typed.count("✅ Runs: Mon 07:00 (Europe/Berlin).") == 1
    world.clock.now = MONDAY_0645_BERLIN
    await world.tick()
    console.show_pushed()
    console.show_pushed()
    pushed = out.getvalue()[len(typed) :]
    assert pushed.count("Your run at 07:00") == 1
    await console.handle_line("1")  # the reminder's first button: the full warm-up
    pressed = out.getvalue()[len(typed) + len(pushed) :]
    assert "Short version" in pressed and "Your run at" not in pressed


@pytest.fixture
def world_demos(rendered_demos: Demos) -> Demos:
    return rendered_demos


async def test_an_animation_is_saved_and_its_path_printed(
    world: World, tmp_path: Path, rendered_demos: Demos
) -> None:
    out = io.StringIO()
    console = Console(world.driver, out, tmp_path / "console")
    await console.handle_line("/warmup")
    await console.handle_line("1")  # Short version
    await console.handle_line("2")  # Step by step: the first move's animation
    saved = re.findall(r"\(animation saved: (\S+)\)", out.getvalue())
    assert len(saved) == 1
    expected = rendered_demos.path("leg_swings_front")
    assert await asyncio.to_thread(Path(saved[0]).read_bytes) == expected.read_bytes()
    assert "[animation," in out.getvalue() and "Leg swings, front and back" in out.getvalue()
