"""Privacy that keeps its word, through the local Bot API: /mydata lists every stored row (each
logged run, each "I'm running", each message kept), /deletemydata also takes the name off the
lists already posted in groups, and the scheduler deletes pain-log entries past the retention
period that /privacy states."""

from datetime import date, timedelta

from sqlalchemy import select

from bot.db.models import Delivery, PainLog
from bot.features.clubs.handlers.going import EDIT_SPACING
from bot.ui.html import MAX_MESSAGE_CHARS
from tests.e2e.conftest import ON_BOTH_DATABASES, World
from tests.e2e.test_clubs import GOING, OUT, WARMUP_DUE, new_club, set_up, tap, warmups
from tests.e2e.test_recovery import UNTIMED, log_run

pytestmark = ON_BOTH_DATABASES


async def stored_days(world: World, user_id: int) -> list[date]:
    async with world.database.transaction() as session:
        rows = await session.execute(select(PainLog.day).where(PainLog.user_id == user_id))
    return sorted(rows.scalars())


async def test_mydata_lists_each_logged_run_list_entry_and_kept_message(world: World) -> None:
    club, ann, _bob = await new_club(world)
    chat = world.api.private_chat(ann)
    await log_run(world, chat, "8", UNTIMED)
    await set_up(world, club, ann)
    world.clock.now = WARMUP_DUE
    await world.tick()
    [warmup] = warmups(club)
    await world.driver.press(club, warmup, GOING, by=ann)
    async with world.database.transaction() as session:  # an after-run check-in, answered
        session.add(
            Delivery(
                chat_id=ann.id,
                user_id=ann.id,
                kind="postrun",
                zone="Europe/Berlin",
                occurrence_key="postrun-test",
                event_at=WARMUP_DUE - timedelta(days=1),
                not_before=WARMUP_DUE - timedelta(days=1),
                deadline=WARMUP_DUE,
                status="sent",
            )
        )
    [data] = await world.driver.send(chat, "/mydata")
    assert "23 Nov 2026: during the run 8/10" in data.text
    assert "Ann, “I'm running” for Tue 24 Nov 18:30 Track &lt;session&gt;" in data.html
    assert "Mon 23 Nov 18:15 after-run check-in: sent" in data.text
    assert "Never stored: your name" not in data.text


async def test_a_year_of_logged_runs_is_listed_in_full_over_several_messages(
    world: World,
) -> None:
    user, chat = world.private()
    await world.driver.send(chat, "/timezone Berlin")
    first = date(2025, 11, 25)
    days = [first + timedelta(days=n) for n in range(360)]
    async with world.database.transaction() as session:
        session.add_all(
            PainLog(user_id=user.id, day=day, during_run=n % 11, created_at=world.clock())
            for n, day in enumerate(days)
        )
    pages = await world.driver.send(chat, "/mydata")
    assert len(pages) > 1 and all(len(page.text) <= MAX_MESSAGE_CHARS for page in pages)
    listed = "\n".join(page.text for page in pages)
    assert all(f"{day.day} " in listed for day in days)
    assert listed.count("during the run") == len(days)


async def test_deletemydata_takes_the_name_off_lists_already_posted(world: World) -> None:
    club, ann, bob = await new_club(world)
    await set_up(world, club, ann)
    world.clock.now = WARMUP_DUE
    await world.tick()
    [warmup] = warmups(club)
    for runner in (ann, bob):
        await tap(world, club, warmup, GOING, runner)
    assert "Running (2): Ann, Bob" in warmup.text
    chat = world.api.private_chat(ann)
    [question] = await world.driver.send(chat, "/deletemydata")
    world.clock.advance(EDIT_SPACING)  # the post's next edit may go at once
    await world.driver.press(chat, question, "Yes, delete everything")
    assert "Running (1): Bob" in warmup.text and "Ann" not in warmup.text
    assert GOING in str(warmup.buttons)  # the list stays open to others


async def test_mydata_shows_a_cant_make_it_without_a_name_and_deletemydata_uncounts_it(
    world: World,
) -> None:
    club, ann, _bob = await new_club(world)
    await set_up(world, club, ann)
    world.clock.now = WARMUP_DUE
    await world.tick()
    [warmup] = warmups(club)
    await tap(world, club, warmup, OUT, ann)
    assert "Can't make it: 1" in warmup.text
    chat = world.api.private_chat(ann)
    [data] = await world.driver.send(chat, "/mydata")
    assert "• “Can't make it” for Tue 24 Nov 18:30 Track &lt;session&gt;" in data.html
    [privacy] = await world.driver.send(chat, "/privacy")
    assert "“Can't make it”: your user id and the answer" in privacy.text
    [question] = await world.driver.send(chat, "/deletemydata")
    world.clock.advance(EDIT_SPACING)
    await world.driver.press(chat, question, "Yes, delete everything")
    assert "Can't make it" not in warmup.text.rsplit("\n\n", 1)[1]
    assert "Coming? Tap your answer below." in warmup.text


async def test_pain_log_entries_past_the_stated_period_are_deleted(world: World) -> None:
    user, chat = world.private()
    await world.driver.send(chat, "/timezone Berlin")
    [privacy] = await world.driver.send(chat, "/privacy")
    assert "Each run is deleted 12 months after its date" in privacy.text
    await log_run(world, chat, "3", UNTIMED)  # Mon 23 Nov 2026
    world.clock.advance(timedelta(days=360))
    await log_run(world, chat, "2", UNTIMED)  # 18 Nov 2027
    await world.tick()
    assert len(await stored_days(world, user.id)) == 2
    world.clock.advance(timedelta(days=6))
    await world.tick()
    assert await stored_days(world, user.id) == [date(2027, 11, 18)]
