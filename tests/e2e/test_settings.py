"""/settings and its shortcuts through the local Bot API: typed and tapped, confirmed in local
time, the reminder rows rebuilt, bad input and forged buttons changing nothing, and erasure.

The clock starts on Monday 23 November 2026 at 08:00 UTC: 09:00 in Berlin."""

import asyncio
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from bot.db.models import Chat, Delivery, PlannedRun, Reminder, User, UserSettings
from bot.db.runners import runs_of
from bot.domain.schedule.recurrence import WeeklyTime
from bot.telegram_local.chat import LocalChat
from bot.telegram_local.models import LocalMessage, LocalUser
from tests.e2e.conftest import World

BERLIN_PLAN = "/runs mon,wed 07:00; sat 09:30"
MON, TUE, WED, SAT = 0, 1, 2, 5


def labels(message: LocalMessage) -> list[str]:
    return [label for row in message.buttons for label, _ in row]


async def tap(world: World, chat: LocalChat, message: LocalMessage, label: str) -> None:
    """Presses a button and checks that the bot answered by editing that same message."""
    [changed] = await world.driver.press(chat, message, label)
    assert changed is message


async def settings_menu(world: World, chat: LocalChat) -> LocalMessage:
    [menu] = await world.driver.send(chat, "/settings")
    return menu


async def stored(world: World, user: LocalUser) -> UserSettings | None:
    async with world.database.transaction() as session:
        return await session.get(UserSettings, user.id)


async def planned(world: World, user: LocalUser) -> tuple[WeeklyTime, ...]:
    async with world.database.transaction() as session:
        return await runs_of(session, user.id)


async def reminders(world: World, user: LocalUser) -> list[Reminder]:
    async with world.database.transaction() as session:
        query = select(Reminder).where(Reminder.user_id == user.id).order_by(Reminder.next_fire_at)
        return list((await session.execute(query)).scalars())


async def snapshot(world: World, user: LocalUser) -> tuple[object, ...]:
    """Everything a change could touch, to assert that bad input changed nothing."""
    settings = await stored(world, user)
    columns = (
        (
            settings.timezone,
            settings.warmup_lead_minutes,
            settings.stretch_time,
            settings.rest_day_nudges,
            settings.quiet_start,
            settings.quiet_end,
            settings.paused_until,
            settings.stopped,
        )
        if settings
        else None
    )
    rows = [(r.kind, r.next_fire_at, r.lead_minutes) for r in await reminders(world, user)]
    return columns, await planned(world, user), rows


async def berlin_runner(world: World) -> tuple[LocalUser, LocalChat]:
    user, chat = world.private()
    await world.driver.send(chat, "/timezone Europe/Berlin")
    await world.driver.send(chat, BERLIN_PLAN)
    return user, chat


def utc(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


# Timezone


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("Berlin", "Europe/Berlin"),
        ("new york", "America/New_York"),
        ("São Paulo", "America/Sao_Paulo"),
    ],
)
async def test_the_timezone_can_be_typed(world: World, typed: str, zone: str) -> None:
    user, chat = world.private()
    [reply] = await world.driver.send(chat, f"/timezone {typed}")
    assert f"Timezone: {zone}" in reply.text
    settings = await stored(world, user)
    assert settings is not None and settings.timezone == zone
    assert "➕ Add a run" in labels(reply)  # no runs yet: the next step is one tap away


@pytest.mark.parametrize(
    ("typed", "zone", "there"),
    [
        ("EST", "America/New_York", "03:00"),  # New York's clock, not Panama's fixed UTC-5
        ("munich", "Europe/Berlin", "09:00"),
        ("NYC", "America/New_York", "03:00"),
        ("Zurich", "Europe/Zurich", "09:00"),
    ],
)
async def test_a_typed_zone_is_confirmed_with_the_time_there(
    world: World, typed: str, zone: str, there: str
) -> None:
    user, chat = world.private()
    [reply] = await world.driver.send(chat, f"/timezone {typed}")
    assert reply.text.startswith(f"✅ Timezone: {zone} ({there} there now).")
    settings = await stored(world, user)
    assert settings is not None and settings.timezone == zone


async def test_an_offset_offers_the_places_on_it_and_one_tap_sets_it(world: World) -> None:
    user, chat = world.private()
    [choice] = await world.driver.send(chat, "/timezone UTC+2")  # 10:00 at UTC+2 now
    assert "UTC+2" in choice.text and "summer time" in choice.text
    assert "Athens · 10:00" in labels(choice) and "Berlin · 09:00" not in labels(choice)
    assert await stored(world, user) is None  # nothing is set until a place is tapped
    await tap(world, chat, choice, "Athens · 10:00")
    assert choice.text.startswith("✅ Timezone: Europe/Athens (10:00 there now).")
    settings = await stored(world, user)
    assert settings is not None and settings.timezone == "Europe/Athens"


async def test_an_ambiguous_abbreviation_offers_each_place(world: World) -> None:
    user, chat = world.private()
    [choice] = await world.driver.send(chat, "/timezone IST")
    assert {"India · 13:30", "Dublin · 08:00", "Jerusalem · 10:00"} <= set(labels(choice))
    await tap(world, chat, choice, "Dublin · 08:00")
    settings = await stored(world, user)
    assert settings is not None and settings.timezone == "Europe/Dublin"


async def test_a_forged_zone_button_changes_nothing(world: World) -> None:
    user, chat = world.private()
    [choice] = await world.driver.send(chat, "/timezone IST")
    await world.driver.press_data(chat, choice, "cfg:zone:Mars:Olympus_Mons")
    assert world.driver.last_answer is not None and "expired" in (
        world.driver.last_answer.text or ""
    )
    assert await stored(world, user) is None


async def test_an_unknown_zone_gets_suggestions_and_changes_nothing(world: World) -> None:
    user, chat = await berlin_runner(world)
    before = await snapshot(world, user)
    [reply] = await world.driver.send(chat, "/timezone Berlinn")
    assert "couldn't find" in reply.text and "/timezone Europe/Berlin" in reply.text
    [reply] = await world.driver.send(chat, "/timezone Xqzvbn")
    assert "/timezone Berlin" in reply.text  # no close name: an example instead
    assert await snapshot(world, user) == before


async def test_the_timezone_can_be_tapped(world: World) -> None:
    user, chat = world.private()
    menu = await settings_menu(world, chat)
    assert "Timezone: not set" in menu.text
    await tap(world, chat, menu, "🌍 Timezone")
    assert "/timezone" in menu.text and "share your location" in menu.text
    await tap(world, chat, menu, "Europe")
    await tap(world, chat, menu, "Berlin · 09:00")
    assert menu.text.startswith("✅ Timezone: Europe/Berlin (09:00 there now).")
    assert "🌍 Timezone: Europe/Berlin" in menu.text
    settings = await stored(world, user)
    assert settings is not None and settings.timezone == "Europe/Berlin"


async def test_back_returns_screen_by_screen(world: World) -> None:
    _, chat = world.private()
    menu = await settings_menu(world, chat)
    await tap(world, chat, menu, "🌍 Timezone")
    await tap(world, chat, menu, "North America")
    await tap(world, chat, menu, "‹ Back")
    assert "Pick your region" in menu.text
    await tap(world, chat, menu, "‹ Back")
    assert menu.text.startswith("Your settings")


async def test_a_shared_location_offers_the_clocks_nearby(world: World) -> None:
    user, chat = world.private()
    await world.driver.send(chat, "/start")
    count = len(chat.bot_messages)
    shared = await chat.send_location(52.52, 13.40)
    await world.driver.settle(shared.update_id)
    [picker] = chat.bot_messages[count:]
    assert picker.text.startswith("Which clock matches yours?")
    assert labels(picker)[0] == "Berlin · 09:00"
    await tap(world, chat, picker, "Berlin · 09:00")
    assert picker.text.startswith("✅ Timezone: Europe/Berlin")
    settings = await stored(world, user)
    assert settings is not None and settings.timezone == "Europe/Berlin"


# Runs


async def test_typed_runs_are_confirmed_in_local_time_and_scheduled(world: World) -> None:
    user, chat = world.private()
    await world.driver.send(chat, "/timezone Berlin")
    [reply] = await world.driver.send(chat, BERLIN_PLAN)
    # Monday 07:00 has passed (it is 09:00 in Berlin): the next run is on Wednesday.
    assert reply.text.startswith(
        "✅ Runs: Mon 07:00, Wed 07:00, Sat 09:30 (Europe/Berlin).\n"
        "Next warm-up reminder: Wed 25 Nov 06:45."
    )
    rows = await reminders(world, user)
    assert [(r.kind, r.next_fire_at, r.event_at) for r in rows] == [
        # Tue, a rest day: 08:30 plus this runner's place in the nudges' half hour
        ("nudge", utc(2026, 11, 24, 7, 47), utc(2026, 11, 24, 7, 47)),
        ("warmup", utc(2026, 11, 25, 5, 45), utc(2026, 11, 25, 6, 0)),
        ("warmup", utc(2026, 11, 28, 8, 15), utc(2026, 11, 28, 8, 30)),
        ("warmup", utc(2026, 11, 30, 5, 45), utc(2026, 11, 30, 6, 0)),
    ]
    assert rows[0].weekdays == "1346"  # rest days: Tue, Thu, Fri, Sun
    [shown] = await world.driver.send(chat, "/runs")
    assert "• Monday 07:00\n• Wednesday 07:00\n• Saturday 09:30" in shown.text


async def test_runs_before_a_timezone_wait_for_it(world: World) -> None:
    user, chat = world.private()
    [reply] = await world.driver.send(chat, "/runs tue 18:00")
    assert "Runs: Tue 18:00." in reply.text and "once you set your timezone" in reply.text
    assert labels(reply)[0] == "🌍 Set your timezone"
    assert await planned(world, user) == (WeeklyTime(TUE, time(18)),)
    assert await reminders(world, user) == []
    await tap(world, chat, reply, "🌍 Set your timezone")
    await tap(world, chat, reply, "Europe")
    await tap(world, chat, reply, "London · 08:00")
    # No run today: the nudge, at 08:30 plus this runner's place in the nudges' half hour.
    assert "Next reminder: rest-day nudge, Mon 23 Nov 08:47." in reply.text
    warmup = [r for r in await reminders(world, user) if r.kind == "warmup"]
    assert [r.next_fire_at for r in warmup] == [utc(2026, 11, 24, 17, 45)]


async def test_runs_can_be_added_by_tapping(world: World) -> None:
    user, chat = world.private()
    await world.driver.send(chat, "/timezone Berlin")
    menu = await settings_menu(world, chat)
    await tap(world, chat, menu, "🏃 Runs")
    assert "No runs planned yet" in menu.text
    for day, hour, minute in (("Tue", "18", "18:30"), ("Sat", "08", "08:05")):
        await tap(world, chat, menu, "➕ Add a run")
        await tap(world, chat, menu, day)
        await tap(world, chat, menu, hour)
        await tap(world, chat, menu, minute)
    assert menu.text.startswith("✅ Added: Sat 08:05.\n\nYour runs")
    assert menu.text.count("Next warm-up reminder: Tue 24 Nov 18:15.") == 1  # said once
    assert await planned(world, user) == (
        WeeklyTime(TUE, time(18, 30)),
        WeeklyTime(SAT, time(8, 5)),
    )
    assert [r.kind for r in await reminders(world, user)].count("warmup") == 2


async def test_runs_can_be_removed_and_cleared_by_tapping(world: World) -> None:
    user, chat = await berlin_runner(world)
    menu = await settings_menu(world, chat)
    await tap(world, chat, menu, "🏃 Runs")
    await tap(world, chat, menu, "➖ Remove a run")
    await tap(world, chat, menu, "✕ Wed 07:00")
    assert menu.text.startswith("✅ Removed: Wed 07:00.\n\nYour runs")
    assert menu.text.count("Next warm-up reminder: Sat 28 Nov 09:15.") == 1
    assert await planned(world, user) == (WeeklyTime(MON, time(7)), WeeklyTime(SAT, time(9, 30)))
    await tap(world, chat, menu, "🗑 Clear all")
    assert menu.text.startswith("Clear your run plan?")
    await tap(world, chat, menu, "Yes, clear all runs")
    assert menu.text.startswith("✅ Your run plan is cleared.")
    assert await planned(world, user) == ()
    assert await reminders(world, user) == []  # no runs: no warm-ups, and no daily "rest" noise
    settings = await stored(world, user)
    assert settings is not None and settings.timezone == "Europe/Berlin"  # the rest stays


async def test_a_plan_without_rest_gets_a_gentle_note(world: World) -> None:
    _, chat = world.private()
    [reply] = await world.driver.send(chat, "/runs daily 7am")
    assert "no rest day" in reply.text and "risk factor" in reply.text
    [reply] = await world.driver.send(chat, "/runs mon-thu 7am")
    assert "4 or more days in a row" in reply.text


async def test_runs_off_clears_the_plan(world: World) -> None:
    user, chat = await berlin_runner(world)
    [reply] = await world.driver.send(chat, "/runs off")
    assert reply.text.startswith("✅ Your run plan is cleared.")
    assert await planned(world, user) == ()


@pytest.mark.parametrize(
    "typed",
    [
        "/runs mon 25:99",
        "/runs blursday 7am",
        "/runs " + "; ".join(f"daily {hour}:00" for hour in range(5, 20)),  # 105 runs
        '/runs <b>&"</i>' + "x" * 5000,
        "/runs mon,wed",
        "/timezone " + "<b>&amp;" * 500,
        "/timezone <script>alert(1)</script>",
        "/pause abc",
        "/pause 1000",
        "/pause 0",
        "/pause -3",
    ],
)
async def test_bad_input_gets_an_example_and_changes_nothing(world: World, typed: str) -> None:
    user, chat = await berlin_runner(world)
    before = await snapshot(world, user)
    [reply] = await world.driver.send(chat, typed)
    assert "Try: " in reply.text or "/timezone " in reply.text
    assert "Nothing was changed." in reply.text and len(reply.text) < 600
    assert await snapshot(world, user) == before


async def open_minutes(world: World, chat: LocalChat, weekday: int, hour: int) -> LocalMessage:
    """The settings menu at "add a run on <weekday> at <hour>:..", by tapping."""
    menu = await settings_menu(world, chat)
    for data in (
        "cfg:run",
        "cfg:run:add",
        f"cfg:run:add:{weekday}",
        f"cfg:run:add:{weekday}:{hour}",
    ):
        await world.driver.press_data(chat, menu, data)
    return menu


async def test_a_double_tap_adds_a_run_once(world: World) -> None:
    user, chat = await berlin_runner(world)
    menu = await open_minutes(world, chat, TUE, 6)
    await world.driver.press_data(chat, menu, "cfg:run:add:1:6:0")
    # The second tap reaches a message that no longer offers the button.
    assert await world.driver.press_data(chat, menu, "cfg:run:add:1:6:0") == []
    assert WeeklyTime(TUE, time(6)) in await planned(world, user)
    assert len(await planned(world, user)) == 4


async def test_quick_taps_at_once_all_count(world: World) -> None:
    """Updates are handled concurrently: each change must see the one before it."""
    user, chat = await berlin_runner(world)
    menu = await open_minutes(world, chat, TUE, 6)
    minutes = (0, 15, 30, 45)
    await asyncio.gather(*(chat.press_data(menu, f"cfg:run:add:1:6:{m}") for m in minutes))
    await world.driver.settle()
    assert len(await planned(world, user)) == 3 + len(minutes)


# Reminder settings


async def test_the_warmup_lead_can_be_tapped(world: World) -> None:
    user, chat = await berlin_runner(world)
    menu = await settings_menu(world, chat)
    await tap(world, chat, menu, "⏱ Warm-up lead")
    assert "✓ 15 min" in labels(menu)
    await tap(world, chat, menu, "30 min")
    assert menu.text.startswith(
        "✅ Warm-up reminders 30 min before each run.\nNext warm-up reminder: Wed 25 Nov 06:30."
    )
    warmups = [r for r in await reminders(world, user) if r.kind == "warmup"]
    assert {r.lead_minutes for r in warmups} == {30}
    assert warmups[0].next_fire_at == utc(2026, 11, 25, 5, 30)


async def test_the_stretch_time_can_be_tapped_on_and_off(world: World) -> None:
    user, chat = await berlin_runner(world)
    menu = await settings_menu(world, chat)
    await tap(world, chat, menu, "🧘 Stretch time")
    assert "✓ Off" in labels(menu)
    await tap(world, chat, menu, "07:00")
    assert menu.text.startswith(
        # 07:00 plus this runner's place in the stretch posts' quarter hour
        "✅ Stretch of the day at 07:00.\nNext stretch of the day: Tue 24 Nov 07:02."
    )
    [stretch] = [r for r in await reminders(world, user) if r.kind == "stretch"]
    assert stretch.next_fire_at == utc(2026, 11, 24, 6, 2) and stretch.weekdays == "0123456"
    await tap(world, chat, menu, "🧘 Stretch time")
    await tap(world, chat, menu, "Off")
    assert "stretch" not in [r.kind for r in await reminders(world, user)]


async def test_nudges_can_be_turned_off_and_on(world: World) -> None:
    user, chat = await berlin_runner(world)
    menu = await settings_menu(world, chat)
    await tap(world, chat, menu, "💤 Turn nudges off")
    assert menu.text.startswith("✅ Rest-day nudges off.")
    assert "nudge" not in [r.kind for r in await reminders(world, user)]
    await tap(world, chat, menu, "💤 Turn nudges on")
    assert "nudge" in [r.kind for r in await reminders(world, user)]


async def test_quiet_hours_can_be_tapped_and_hold_the_stretch(world: World) -> None:
    user, chat = await berlin_runner(world)
    menu = await settings_menu(world, chat)
    for data in ("cfg:str", "cfg:str:7"):
        await world.driver.press_data(chat, menu, data)
    menu = await settings_menu(world, chat)
    await tap(world, chat, menu, "🌙 Quiet hours")
    await tap(world, chat, menu, "Start 22:00")
    await tap(world, chat, menu, "23:00")
    assert menu.text.startswith("✅ Quiet hours: 23:00–07:00.")
    await tap(world, chat, menu, "End 07:00")
    await tap(world, chat, menu, "08:00")
    assert menu.text.startswith("✅ Quiet hours: 23:00–08:00.")
    settings = await stored(world, user)
    assert settings is not None
    assert (settings.quiet_start, settings.quiet_end) == (time(23), time(8))
    [stretch] = [r for r in await reminders(world, user) if r.kind == "stretch"]
    assert stretch.next_fire_at == utc(2026, 11, 24, 7, 0)  # held until 08:00 in Berlin
    warmups = [r for r in await reminders(world, user) if r.kind == "warmup"]
    assert warmups[0].next_fire_at == utc(2026, 11, 25, 5, 45)  # warm-ups are never held


async def test_pause_by_tapping_then_resume(world: World) -> None:
    user, chat = await berlin_runner(world)
    menu = await settings_menu(world, chat)
    await tap(world, chat, menu, "⏸ Pause")
    await tap(world, chat, menu, "7 days")
    assert menu.text.startswith(
        "⏸ Paused for 7 days: reminders start again on Mon 30 Nov at 00:00."
    )
    settings = await stored(world, user)
    assert settings is not None and settings.paused_until == date(2026, 11, 30)
    rows = await reminders(world, user)
    assert min(r.next_fire_at for r in rows) >= utc(2026, 11, 29, 23, 0)  # Berlin midnight
    await tap(world, chat, menu, "▶️ Resume now")
    assert menu.text.startswith("▶️ Reminders are on.\nNext reminder: rest-day nudge, Tue 24 Nov")
    settings = await stored(world, user)
    assert settings is not None and settings.paused_until is None


async def test_a_pause_ends_on_its_own(world: World) -> None:
    _, chat = await berlin_runner(world)
    [reply] = await world.driver.send(chat, "/pause 3")
    assert "start again on Thu 26 Nov" in reply.text
    world.clock.advance(timedelta(days=4))
    menu = await settings_menu(world, chat)
    assert "⏸ Pause" in labels(menu) and "Paused" not in menu.text


async def test_stop_keeps_the_settings_and_resume_brings_reminders_back(world: World) -> None:
    user, chat = await berlin_runner(world)
    async with world.database.transaction() as session:
        session.add(pending_delivery(user.id))
    [reply] = await world.driver.send(chat, "/stop")
    assert "All reminders are off" in reply.text and "/resume" in reply.text
    assert labels(reply)[0] == "▶️ Turn reminders on"
    assert await reminders(world, user) == []
    assert await planned(world, user) != ()
    async with world.database.transaction() as session:
        delivery = (await session.execute(select(Delivery))).scalar_one()
    assert delivery.status == "dropped"  # planned just before /stop: not sent after it
    [menu] = await world.driver.send(chat, "/pause 7")
    assert "nothing to pause" in menu.text
    await tap(world, chat, reply, "▶️ Turn reminders on")
    assert reply.text.startswith("▶️ Reminders are on.")
    assert len(await reminders(world, user)) == 4


async def test_stop_and_start_by_tapping(world: World) -> None:
    user, chat = await berlin_runner(world)
    menu = await settings_menu(world, chat)
    await tap(world, chat, menu, "⏹ Stop reminders")
    assert "Reminders are stopped" in menu.text or "All reminders are off" in menu.text
    assert await reminders(world, user) == []
    await tap(world, chat, menu, "▶️ Turn reminders on")
    assert len(await reminders(world, user)) == 4


# Data


def pending_delivery(user_id: int) -> Delivery:
    at = utc(2026, 11, 23, 8, 0)
    return Delivery(
        chat_id=user_id,
        user_id=user_id,
        kind="warmup",
        zone="Europe/Berlin",
        occurrence_key="2026-11-23T09:15@Europe/Berlin",
        event_at=at,
        not_before=at,
        deadline=at + timedelta(minutes=12),
    )


async def test_mydata_lists_everything_stored(world: World) -> None:
    user, chat = await berlin_runner(world)
    [reply] = await world.driver.send(chat, "/mydata")
    for line in (
        f"Telegram user id: {user.id}",
        "Language: en",
        "Timezone: Europe/Berlin",
        "Runs: Mon 07:00, Wed 07:00, Sat 09:30",
        "Warm-up reminder: 15 min before each run",
        "Quiet hours: 22:00–07:00",
        "Scheduled reminders: 4 (1 rest-day nudge, 3 warm-ups)",
        "Messages waiting to be sent: 0",
        "/deletemydata",
    ):
        assert line in reply.text


async def test_mydata_stores_nothing_new(world: World) -> None:
    user, chat = world.private()
    [reply] = await world.driver.send(chat, "/mydata")
    assert reply.text == "Nothing is stored about you."
    # Opening the settings shows the defaults and stores nothing either.
    [menu] = await world.driver.send(chat, "/settings")
    assert "Warm-up reminder: 15 min before each run" in menu.text
    assert "Rest-day nudges: on (they start once you plan your runs)" in menu.text
    [reply] = await world.driver.send(chat, "/mydata")
    assert reply.text == "Nothing is stored about you."
    assert await stored(world, user) is None
    await world.driver.send(chat, "/log 2/10")  # a logged run, but no settings
    [reply] = await world.driver.send(chat, "/mydata")
    assert "None chosen yet" in reply.text
    assert await stored(world, user) is None


async def test_deletemydata_erases_settings_runs_reminders_and_deliveries(world: World) -> None:
    user, chat = await berlin_runner(world)
    async with world.database.transaction() as session:
        session.add(pending_delivery(user.id))
    [question] = await world.driver.send(chat, "/deletemydata")
    await world.driver.press(chat, question, "Yes, delete everything")
    async with world.database.transaction() as session:
        for model in (User, Chat, UserSettings, PlannedRun, Reminder, Delivery):
            assert (await session.execute(select(model))).all() == [], model.__name__


async def test_stretch_uses_the_runners_local_date(world: World) -> None:
    world.clock.now = utc(2026, 11, 23, 20, 0)  # already Tuesday in Auckland
    _, chat = world.private()
    [utc_card] = await world.driver.send(chat, "/stretch")
    assert utc_card.text.startswith("Stretch of the day · 23 November")
    await world.driver.send(chat, "/timezone Auckland")
    [local_card] = await world.driver.send(chat, "/stretch")
    assert local_card.text.startswith("Stretch of the day · 24 November")


# Buttons and chats


@pytest.mark.parametrize(
    "data",
    [
        "cfg:tz:99",
        "cfg:tz:0:99",
        "cfg:run:add:7",
        "cfg:run:add:0:7:3",
        "cfg:run:rm:9:7:0",
        "cfg:lead:3",
        "cfg:str:23",
        "cfg:ndg:maybe",
        "cfg:qt:start:25",
        "cfg:pse:1000",
        "cfg:loc:99999",
        "cfg:<b>",
        "cfg:" + "9" * 60,
    ],
)
async def test_a_forged_button_expires_and_changes_nothing(world: World, data: str) -> None:
    user, chat = await berlin_runner(world)
    menu = await settings_menu(world, chat)
    before = await snapshot(world, user)
    await world.driver.press_data(chat, menu, data)
    assert world.driver.last_answer is not None
    assert "expired" in (world.driver.last_answer.text or "")
    assert await snapshot(world, user) == before


@pytest.mark.parametrize("command", ["/settings", "/timezone Berlin", "/runs mon 7am", "/mydata"])
async def test_in_a_group_settings_point_to_the_private_chat(world: World, command: str) -> None:
    ann, _ = world.private()
    club = world.api.group("Tuesday Runners", supergroup=True)
    await club.add_bot(by=ann)
    await world.driver.settle()  # the bot posts its introduction
    [reply] = await world.driver.send(club, command, from_user=ann)
    [[(_label, url)]] = reply.buttons
    assert url == f"https://t.me/KneeCoachBot?start={command.split()[0][1:]}"  # on that command
    assert await stored(world, ann) is None


async def test_settings_buttons_pressed_in_a_group_expire(world: World) -> None:
    ann, _ = world.private()
    club = world.api.group("Tuesday Runners", supergroup=True)
    await club.add_bot(by=ann)
    await world.driver.settle()  # the bot posts its introduction
    [reply] = await world.driver.send(club, "/help@KneeCoachBot", from_user=ann)
    await world.driver.press_data(club, reply, "cfg:lead:30", by=ann)
    answer = world.driver.last_answer
    assert answer is not None and "expired" in (answer.text or "")


async def test_a_tapped_change_names_the_next_reminder_once(world: World) -> None:
    _, chat = await berlin_runner(world)
    menu = await settings_menu(world, chat)
    await tap(world, chat, menu, "⏱ Warm-up lead")
    await tap(world, chat, menu, "20 min")
    assert menu.text.startswith("✅ Warm-up reminders 20 min before each run.")
    assert menu.text.count("Next ") == 1  # the confirmation's, not the menu's too
