"""Club settings, runs and the answers on club-run posts on SQLite and PostgreSQL: the reminder
rows built from them, planned into the outbox with the run's title and topic, and moved whole
when a group becomes a supergroup; erased whole when its admins ask, nothing of anyone else's."""

from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import select

from bot.db import chats, clubs
from bot.db.engine import Database
from bot.db.models import CLUB_WARMUP_LEAD, Chat, ClubAttendance, ClubRun, ClubSettings, Reminder
from bot.delivery.planner import plan_due
from bot.domain.club import Answer, Club, RunClash, TooManyRuns, Turnout
from bot.domain.schedule.recurrence import WeeklyTime
from tests.delivery.helpers import deliveries, reminders, runner

GROUP, SUPERGROUP = -4100000001, -1002100000001
TUESDAY = 1
# Sunday 22 November 2026, noon UTC; London is on GMT (UTC+0) then.
SUNDAY_NOON = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
MONDAY_0730 = datetime(2026, 11, 23, 7, 30, tzinfo=UTC)
TUESDAY_1815 = datetime(2026, 11, 24, 18, 15, tzinfo=UTC)
TUESDAY_1830 = datetime(2026, 11, 24, 18, 30, tzinfo=UTC)


async def club(
    database: Database,
    chat_id: int = GROUP,
    *,
    zone: str | None = "Europe/London",
    stretch: time | None = None,
    thread_id: int | None = None,
) -> None:
    """A club with one run, Tuesdays at 18:30, set up as an admin's command would."""
    async with database.transaction() as session:
        await chats.record_chat(session, chat_id, "group")
    async with clubs.changing(database, chat_id, thread_id, SUNDAY_NOON) as (session, settings):
        settings.timezone, settings.stretch_time = zone, stretch
        await clubs.add_runs(session, chat_id, (TUESDAY,), time(18, 30), "Track <session>")


async def test_a_club_run_fires_its_lead_before_the_start_with_title_and_topic(
    database: Database,
) -> None:
    await club(database, thread_id=7)
    [row] = await reminders(database)
    assert (row.kind, row.chat_id, row.user_id) == ("club_warmup", GROUP, None)
    assert (row.next_fire_at, row.event_at) == (TUESDAY_1815, TUESDAY_1830)
    assert (row.title, row.thread_id) == ("Track <session>", 7)
    assert await plan_due(database, TUESDAY_1815) == 1
    [delivery] = await deliveries(database)
    assert (delivery.chat_id, delivery.kind, delivery.title, delivery.thread_id) == (
        GROUP,
        "club_warmup",
        "Track <session>",
        7,
    )
    assert delivery.deadline == TUESDAY_1830


async def test_the_daily_stretch_is_a_reminder_of_its_own(database: Database) -> None:
    await club(database, stretch=time(7, 30))
    kinds = {row.kind: row for row in await reminders(database)}
    assert set(kinds) == {"club_warmup", "club_stretch"}
    assert kinds["club_stretch"].next_fire_at == MONDAY_0730
    assert kinds["club_stretch"].weekdays == "0123456"


async def test_without_a_timezone_nothing_is_planned_until_one_is_set(database: Database) -> None:
    await club(database, zone=None)
    assert await reminders(database) == []
    async with clubs.changing(database, GROUP, None, SUNDAY_NOON) as (_, settings):
        settings.timezone = "America/New_York"
    [row] = await reminders(database)
    assert row.event_at == datetime(2026, 11, 24, 23, 30, tzinfo=UTC)  # 18:30 in New York


async def test_a_clashing_or_excess_run_adds_nothing(database: Database) -> None:
    await club(database)
    with pytest.raises(RunClash):
        async with clubs.changing(database, GROUP, None, SUNDAY_NOON) as (session, _):
            await clubs.add_runs(session, GROUP, (0, TUESDAY), time(18, 30), "Again")
    with pytest.raises(TooManyRuns):
        async with clubs.changing(database, GROUP, None, SUNDAY_NOON) as (session, _):
            await clubs.add_runs(session, GROUP, tuple(range(7)), time(6, 0), "Early")
            await clubs.add_runs(session, GROUP, tuple(range(7)), time(7, 0), "Late")
    async with database.transaction() as session:
        assert [run.title for run in await clubs.runs_of(session, GROUP)] == ["Track <session>"]
    assert len(await reminders(database)) == 1


async def test_removing_the_bot_stops_the_club_and_adding_it_back_resumes(
    database: Database,
) -> None:
    await club(database)
    async with database.transaction() as session:
        await chats.set_chat_active(session, GROUP, "group", active=False)
        await chats.deactivate_chat(session, GROUP)
    assert await plan_due(database, TUESDAY_1815) == 0
    async with database.transaction() as session:  # a rebuild while away builds nothing
        await clubs.rebuild_reminders(session, GROUP, SUNDAY_NOON)
    assert await reminders(database) == []
    async with database.transaction() as session:
        await chats.set_chat_active(session, GROUP, "group", active=True)
        await clubs.rebuild_reminders(session, GROUP, TUESDAY_1830)
    [row] = await reminders(database)
    assert row.active and row.event_at == TUESDAY_1830 + timedelta(weeks=1)


async def test_a_supergroup_upgrade_moves_the_whole_club_once(database: Database) -> None:
    await club(database, stretch=time(7, 30))
    assert await plan_due(database, MONDAY_0730) == 1  # Monday's stretch, waiting to be sent
    for _ in range(2):  # the service message and a failed send may both report it
        async with database.transaction() as session:
            await chats.move_chat(session, GROUP, SUPERGROUP)
    async with database.transaction() as session:
        settings = await session.get(ClubSettings, SUPERGROUP)
        runs = (await session.execute(select(ClubRun.chat_id))).scalars().all()
        assert settings is not None and settings.timezone == "Europe/London"
        assert await session.get(ClubSettings, GROUP) is None
    assert runs == [SUPERGROUP]
    assert {row.chat_id for row in await reminders(database)} == {SUPERGROUP}
    assert [delivery.chat_id for delivery in await deliveries(database)] == [SUPERGROUP]
    assert await plan_due(database, TUESDAY_1815) == 1  # the warm-up, at the new id only


async def test_a_supergroup_already_set_up_keeps_its_own_club(database: Database) -> None:
    await club(database)
    await club(database, SUPERGROUP, zone="Europe/Paris")
    async with database.transaction() as session:
        await chats.move_chat(session, GROUP, SUPERGROUP)
        assert await session.get(ClubSettings, GROUP) is None
    [row] = await reminders(database)
    assert (row.chat_id, row.zone) == (SUPERGROUP, "Europe/Paris")


async def test_one_answer_per_runner_lists_first_names_in_tapping_order(
    database: Database,
) -> None:
    await club(database)
    await plan_due(database, TUESDAY_1815)
    [delivery] = await deliveries(database)
    later = TUESDAY_1815 + timedelta(seconds=1)

    async def tap(user_id: int, name: str, answer: Answer, at: datetime = later) -> Answer | None:
        async with database.transaction() as session:
            return await clubs.answer(session, clubs.Tap(delivery.id, user_id, name, 7, answer), at)

    async def shown() -> Turnout:
        async with database.transaction() as session:
            return await clubs.turnout(session, delivery.id)

    async with database.transaction() as session:
        assert await clubs.club_warmup_sent(session, delivery.id, SUPERGROUP) is None
        assert await clubs.club_warmup_sent(session, delivery.id, GROUP) is not None
    assert await tap(2, "Bob", "run", TUESDAY_1815) == "run"
    assert await tap(1, "Ann", "run") == "run"
    assert await tap(3, "Carl", "walk") == "walk"
    assert await tap(4, "Dee", "out") == "out"
    assert await shown() == Turnout(("Bob", "Ann"), ("Carl",), 1)
    assert await tap(2, "Bob", "walk", later + timedelta(seconds=1)) == "walk"  # moves, last in
    assert await tap(4, "Dee", "out") is None  # her own answer again: taken back
    assert await tap(1, "Ann", "out") == "out"
    assert await shown() == Turnout((), ("Carl", "Bob"), 1)
    async with database.transaction() as session:  # "out" keeps no name
        names = await session.execute(select(ClubAttendance.user_id, ClubAttendance.first_name))
        assert dict(names.all()) == {1: None, 2: "Bob", 3: "Carl"}
        await chats.delete_user(session, 1)  # /deletemydata takes the answers too
    assert await shown() == Turnout((), ("Carl", "Bob"), 0)


async def test_names_are_forgotten_once_the_run_starts(database: Database) -> None:
    await club(database)
    await plan_due(database, TUESDAY_1815)
    [delivery] = await deliveries(database)
    async with database.transaction() as session:
        await clubs.answer(session, clubs.Tap(delivery.id, 1, "Ann", 7, "walk"), TUESDAY_1815)
        walk_run = await clubs.next_walk_run(session, 1, TUESDAY_1815)
        assert walk_run is not None and walk_run.id == delivery.id
    async with database.transaction() as session:
        await clubs.forget_past_attendance(session, TUESDAY_1830 - timedelta(seconds=1))
        assert await clubs.turnout(session, delivery.id) == Turnout(walking=("Ann",))
        await clubs.forget_past_attendance(session, TUESDAY_1830)
        assert (await session.execute(select(ClubAttendance))).all() == []
        assert await clubs.next_walk_run(session, 1, TUESDAY_1815) is None


async def test_removing_a_run_takes_its_reminder_away(database: Database) -> None:
    await club(database)
    async with database.transaction() as session:
        [run] = await clubs.runs_of(session, GROUP)
    async with clubs.changing(database, GROUP, None, SUNDAY_NOON) as (session, _):
        assert await clubs.remove_run(session, SUPERGROUP, run.id) is None  # not this club's
        assert await clubs.remove_run(session, GROUP, run.id) is not None
    assert await reminders(database) == []
    async with database.transaction() as session:
        assert (await session.execute(select(Reminder))).all() == []


async def test_erasing_a_club_takes_all_of_its_rows_and_nothing_of_anyone_elses(
    database: Database,
) -> None:
    await club(database, stretch=time(7, 30), thread_id=7)
    await club(database, SUPERGROUP, zone="Europe/Paris")
    await runner(
        database, 5, SUNDAY_NOON, zone="Europe/London", runs=(WeeklyTime(TUESDAY, time(18, 30)),)
    )
    assert await plan_due(database, MONDAY_0730) == 1  # GROUP's stretch, still pending
    assert await plan_due(database, TUESDAY_1815) == 2  # GROUP's warm-up and the runner's
    warmup = next(row for row in await deliveries(database) if row.kind == "club_warmup")
    async with database.transaction() as session:
        await clubs.answer(session, clubs.Tap(warmup.id, 1, "Ann", 7, "run"), TUESDAY_1815)
    others = {(row.chat_id, row.kind) for row in await reminders(database)} - {
        (GROUP, "club_warmup"),
        (GROUP, "club_stretch"),
    }
    async with database.transaction() as session:
        before = await clubs.erase(session, GROUP)
    assert before.zone == "Europe/London" and before.stretch_time == time(7, 30)
    assert [run.title for run in before.runs] == ["Track <session>"]
    async with database.transaction() as session:
        assert await session.get(ClubSettings, GROUP) is None
        assert (await session.execute(select(ClubRun.chat_id))).scalars().all() == [SUPERGROUP]
        assert (await session.execute(select(ClubAttendance))).all() == []
        chat = await session.get(Chat, GROUP)
        assert chat is not None and chat.is_active  # the bot is still in the group
        assert await clubs.view(session, GROUP) == Club(None, (), None, CLUB_WARMUP_LEAD)
    assert {(row.chat_id, row.kind) for row in await reminders(database)} == others
    assert [row.chat_id for row in await deliveries(database)] == [5]  # the runner's warm-up
    async with database.transaction() as session:  # a second erase finds nothing to erase
        assert not (await clubs.erase(session, GROUP)).configured
