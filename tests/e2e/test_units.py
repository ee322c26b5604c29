"""Distances in the runner's own unit and the report's paper, end to end: miles chosen once by
tapping, a run logged by taps with buttons sized to the runner's log, the spike warning in miles,
and /report on Letter paper.

The clock starts on Monday 23 November 2026 at 08:00 UTC; runners keep the UTC default unless a
test sets a timezone."""

import io
from datetime import timedelta

import pypdf
import pytest
from sqlalchemy import select

from bot.db import painlog
from bot.db.models import PainLog, UserSettings
from bot.domain.recovery.entry import NewRun
from bot.telegram_local.chat import LocalChat
from bot.telegram_local.models import LocalUser
from tests.e2e.conftest import ON_BOTH_DATABASES, World
from tests.e2e.test_recovery import labels, tap

pytestmark = ON_BOTH_DATABASES

A4_WIDTH, LETTER_WIDTH = 595, 612  # points


async def _history(world: World, user: LocalUser, *metres_days_ago: tuple[int, int]) -> None:
    """Earlier runs of 50 minutes with distances, as typed or watch-file runs log them."""
    stages = world.application.bot_data["services"].library.comeback.stage_count
    today = world.clock().date()
    for metres, ago in metres_days_ago:
        run = NewRun(today - timedelta(days=ago), 2, 50, False, metres)
        await painlog.add_run(world.database, user.id, run, stages, world.clock())


async def _stored(world: World, user: LocalUser) -> list[PainLog]:
    async with world.database.transaction() as session:
        query = select(PainLog).where(PainLog.user_id == user.id).order_by(PainLog.id)
        return list((await session.execute(query)).scalars())


async def _settings(world: World, user: LocalUser) -> UserSettings | None:
    async with world.database.transaction() as session:
        return await session.get(UserSettings, user.id)


async def _report_width(world: World, chat: LocalChat) -> tuple[int, str]:
    [document] = await world.driver.send(chat, "/report")
    assert document.document_file is not None
    reader = pypdf.PdfReader(io.BytesIO(document.document_file.data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return round(float(reader.pages[0].mediabox.width)), text


async def test_miles_chosen_once_a_tapped_spike_is_called_out_in_miles(world: World) -> None:
    user, chat = world.private()
    # A month and more of runs, the longest of the last 30 days 12 km (7.5 mi).
    await _history(world, user, (8_000, 40), (10_000, 21), (12_000, 14), (9_000, 7))
    [question] = await world.driver.send(chat, "/log")
    assert "Do you count your runs in kilometres or miles?" in question.text
    assert labels(question) == ["Kilometres", "Miles", "✖ Cancel"]
    await tap(world, chat, question, "Miles")
    # Sized to this runner's log: around the usual 9.5 km (5.9 mi), past the 7.5 mi longest.
    assert "How far was today’s run?" in question.text
    assert "your usual run is about 5.9 mi" in question.text
    assert "the longest of the last 30 days 7.5 mi" in question.text
    assert labels(question)[:6] == ["3 mi", "4.5 mi", "6 mi", "7 mi", "9 mi", "11 mi"]
    await tap(world, chat, question, "9 mi")
    # Times at the runner's own pace (50 minutes for 8-12 km): 9 mi takes about 75.
    assert question.text.startswith("9 mi today.")
    assert labels(question)[:5] == ["60 min", "70 min", "75 min", "85 min", "95 min"]
    await tap(world, chat, question, "75 min")
    assert question.text.startswith("9 mi · 75 min today.")
    assert "How much did the knee hurt during today’s run?" in question.text
    await tap(world, chat, question, "3")
    assert question.text.startswith("🟢")
    assert (
        "📏 This run (9 mi) was 20% longer than your longest in the 30 days before it "
        "(7.5 mi)" in question.text
    )
    assert "Up to 8.2 mi stays within 10%" in question.text
    assert [(row.metres, row.minutes, row.during_run) for row in await _stored(world, user)][
        -1
    ] == (14_484, 75, 3)
    # Asked once: the next /log goes straight to the distance, in miles.
    [again] = await world.driver.send(chat, "/log")
    assert "How far was today’s run?" in again.text
    assert "mi" in labels(again)[0]
    # Typing works whatever the setting, and the answer speaks miles.
    [typed] = await world.driver.send(chat, "/log 5 km 30 min 2/10")
    assert "You already logged a run on Mon 23 Nov: 3/10 · 9 mi · 75 min." in typed.text
    await tap(world, chat, typed, "➕ Another run")
    assert [row.metres for row in await _stored(world, user)][-1] == 5_000
    [data] = await world.driver.send(chat, "/mydata")
    assert "📏 Distances: miles" in data.text
    assert "9 mi, 75 min" in data.text and "3.1 mi, 30 min" in data.text


async def test_report_on_letter_paper_chosen_in_settings(world: World) -> None:
    user, chat = world.private()
    await _history(world, user, (8_000, 9), (10_000, 3))
    width, _ = await _report_width(world, chat)
    assert width == A4_WIDTH  # no timezone, nothing chosen: A4
    [menu] = await world.driver.send(chat, "/settings")
    assert "📄 /report paper: A4 for now" in menu.text  # no timezone to go by yet
    await tap(world, chat, menu, "📄 Report paper")
    await tap(world, chat, menu, "Letter")
    assert "✅ /report on Letter paper." in menu.text
    await tap(world, chat, menu, "📏 km or miles")
    await tap(world, chat, menu, "Miles")
    assert "✅ Distances in miles." in menu.text
    width, text = await _report_width(world, chat)
    assert width == LETTER_WIDTH
    assert "6.2 mi 50 min" in text  # 10 km
    settings = await _settings(world, user)
    assert settings is not None and (settings.paper, settings.distance_unit) == ("Letter", "mi")
    [data] = await world.driver.send(chat, "/mydata")
    assert "📄 /report paper: Letter" in data.text


@pytest.mark.parametrize(
    ("zone", "width"), [("America/New_York", LETTER_WIDTH), ("Berlin", A4_WIDTH)]
)
async def test_the_paper_follows_the_timezone_until_chosen(
    world: World, zone: str, width: int
) -> None:
    user, chat = world.private()
    await world.driver.send(chat, f"/timezone {zone}")
    await _history(world, user, (8_000, 3))
    assert (await _report_width(world, chat))[0] == width


async def test_deletemydata_forgets_the_unit_and_paper(world: World) -> None:
    user, chat = world.private()
    [question] = await world.driver.send(chat, "/log")
    await tap(world, chat, question, "Miles")
    [menu] = await world.driver.send(chat, "/settings")
    await tap(world, chat, menu, "📄 Report paper")
    await tap(world, chat, menu, "Letter")
    [confirm] = await world.driver.send(chat, "/deletemydata")
    await world.driver.press(chat, confirm, "Yes, delete everything")
    assert await _settings(world, user) is None
    [question] = await world.driver.send(chat, "/log")
    assert "kilometres or miles?" in question.text  # asked again: nothing was kept


async def test_forged_unit_and_paper_buttons_change_nothing(world: World) -> None:
    user, chat = world.private()
    [menu] = await world.driver.send(chat, "/settings")
    for data in ("cfg:unit:yd", "cfg:ppr:A3", "cfg:ppr:letter", "rl:u:furlong:f"):
        assert await world.driver.press_data(chat, menu, data) == [], data
        assert world.driver.last_answer is not None
        assert "expired" in (world.driver.last_answer.text or ""), data
    assert await _settings(world, user) is None  # nothing stored by looking, nor by forging
