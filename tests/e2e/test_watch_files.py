"""Runs sent as watch files, end to end: the file is read, one tap logs the run with its
distance and time, and a run much longer than the month's longest is called out."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.db import painlog
from bot.db.models import PainLog
from bot.domain.recovery.entry import NewRun
from tests.e2e.conftest import World
from tests.support.activity_files import START, fit, gpx, tcx

LATER_THAT_DAY = START + timedelta(hours=3)


async def _history(world: World, user_id: int, *metres_days_ago: tuple[int, int]) -> None:
    """Earlier runs with distances, as a watch file would have logged them."""
    stages = world.application.bot_data["services"].library.comeback.stage_count
    for metres, ago in metres_days_ago:
        run = NewRun(START.date() - timedelta(days=ago), 2, 50, False, metres)
        await painlog.add_run(world.database, user_id, run, stages, START)


async def _stored(world: World, user_id: int) -> list[PainLog]:
    async with world.database.transaction() as session:
        query = select(PainLog).where(PainLog.user_id == user_id).order_by(PainLog.day)
        return list((await session.execute(query)).scalars())


async def test_a_gpx_is_logged_in_one_tap_with_its_distance_and_time(world: World) -> None:
    world.clock.now = LATER_THAT_DAY
    user, chat = world.private()
    [question] = await world.driver.send_document(chat, gpx(points=61), "Morning_Run.gpx")
    # The first distance the runner is shown: km or miles is asked, once.
    assert "Read from your file: a run on Sat 6 Jun, 30 min." in question.text
    assert "kilometres or miles?" in question.text
    await world.driver.press(chat, question, "Kilometres")
    assert "Read from your file: Sat 6 Jun · 6 km · 30 min" in question.text
    assert "the file is not" in question.text
    [verdict] = await world.driver.press(chat, question, "2")
    assert "🟢" in verdict.text and "📏" not in verdict.text  # no history: nothing said
    [row] = await _stored(world, user.id)
    assert (row.day, row.during_run, row.minutes, row.metres) == (START.date(), 2, 30, 6000)


async def test_a_run_much_longer_than_the_month_s_longest_is_called_out(world: World) -> None:
    world.clock.now = LATER_THAT_DAY
    user, chat = world.private()
    await _history(world, user.id, (8_000, 40), (10_000, 21), (12_000, 14), (9_000, 7))
    [question] = await world.driver.send_document(
        chat, fit(metres=15_000, seconds=5_400), "run.fit"
    )
    await world.driver.press(chat, question, "Miles")
    assert "Read from your file: Sat 6 Jun · 9.3 mi · 90 min" in question.text
    [verdict] = await world.driver.press(chat, question, "3")
    assert (
        "📏 This run (9.3 mi) was 25% longer than your longest in the 30 days before it "
        "(7.5 mi)" in verdict.text
    )
    assert "an association, not a prediction" in verdict.text
    assert "Up to 8.2 mi stays within 10%" in verdict.text
    # Chosen once: the next file is shown in miles straight away.
    [again] = await world.driver.send_document(chat, gpx(points=61), "Evening_Run.gpx")
    assert "Read from your file: Sat 6 Jun · 3.7 mi · 30 min" in again.text
    assert [row.metres for row in await _stored(world, user.id)][-1] == 15_000


async def test_files_that_are_not_runs_get_a_plain_answer_and_log_nothing(world: World) -> None:
    world.clock.now = LATER_THAT_DAY
    user, chat = world.private()
    answers = [
        await world.driver.send_document(chat, b"\x89PNG\r\n", "photo.png"),
        await world.driver.send_document(chat, gpx()[:200], "broken.gpx"),
        await world.driver.send_document(chat, tcx(sport="Biking"), "ride.tcx"),
        await world.driver.send_document(chat, fit(sport=2), "ride.fit"),
    ]
    texts = [reply.text for [reply] in answers]
    assert "I can't read that kind of file" in texts[0]
    assert "I couldn't read that GPX file. Nothing was logged." in texts[1]
    assert "biking activity, not a run" in texts[2] and "cycling activity" in texts[3]
    assert all(".gpx, .fit or .tcx" in text for text in texts)
    assert await _stored(world, user.id) == []


async def test_a_run_older_than_two_weeks_is_not_logged(world: World) -> None:
    world.clock.now = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
    user, chat = world.private()
    [reply] = await world.driver.send_document(chat, gpx(), "old.gpx")
    assert "keeps runs from the last 14 days" in reply.text
    assert await _stored(world, user.id) == []
