"""Clubs through the local Bot API: the bot added to and removed from a group, admins setting the
club up by command and by tapping, members refused, the club-run warm-up arriving at the club's
local time with its answers ("I'm running", "Walk-run", "Can't make it"; more in
test_club_rsvp.py), supergroup upgrades and forum topics, and admins erasing the club's data.

Every request about a group counts against Telegram's 20 a minute for that group, which the
bot's rate limiter enforces: each test keeps well under that.
"""

import asyncio
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from bot.db.base import Base
from bot.db.models import Chat, ClubAttendance, ClubRun, ClubSettings, Delivery, Reminder
from bot.delivery.planner import plan_due
from bot.features.clubs.handlers.going import EDIT_SPACING
from bot.telegram_local.chat import LocalChat
from bot.telegram_local.models import LocalMessage, LocalUser
from bot.ui.outgoing import ANSWERED_ABOVE, REPEAT_WINDOW
from tests.e2e.conftest import ON_BOTH_DATABASES, World

pytestmark = ON_BOTH_DATABASES

# Tuesday 24 November 2026: a run at 18:30 in Berlin (UTC+1) is at 17:30 UTC, its warm-up at 17:15.
WARMUP_DUE = datetime(2026, 11, 24, 17, 15, tzinfo=UTC)
RUN_STARTS = WARMUP_DUE + timedelta(minutes=15)
GOING, WALK, OUT = "🙋 I'm running", "🚶 Walk-run", "🙅 Can't make it"
STRETCH_DUE = datetime(2026, 11, 24, 19, 0, tzinfo=UTC)  # /clubstretch 20:00, in Berlin
ERASE, YES, CANCEL = "/clubdeletedata", "Yes, erase", "Cancel"


async def new_club(
    world: World, *, supergroup: bool = False, forum: bool = False
) -> tuple[LocalChat, LocalUser, LocalUser]:
    """A group with Ann as its admin and Bob as a member; Ann adds the bot."""
    ann, _ = world.private("Ann")
    bob, _ = world.private("Bob")
    club = world.api.group("Tuesday Runners", supergroup=supergroup, forum=forum)
    club.set_admins(ann)
    club.add_member(bob)
    await club.add_bot(by=ann)
    await world.driver.settle()
    return club, ann, bob


async def set_up(
    world: World, club: LocalChat, admin: LocalUser, thread_id: int | None = None
) -> None:
    for command in ("/clubtimezone Berlin", "/clubrun add tue 18:30 Track <session>"):
        [reply] = await world.driver.send(club, command, from_user=admin, thread_id=thread_id)
        assert reply.text.startswith("✅"), reply.text


async def tap(
    world: World, club: LocalChat, post: LocalMessage, label: str, by: LocalUser
) -> list[LocalMessage]:
    """A member taps one of the post's answers, EDIT_SPACING after the last tap: sooner, the
    post's edit waits for the clock to move (a post is edited at most 20 times a minute)."""
    world.clock.advance(EDIT_SPACING)
    return await world.driver.press(club, post, label, by=by)


async def settle_moving_the_clock(world: World) -> None:
    """Waits until every update is handled, moving the clock on whenever the bot waits for it
    (edits of a post waiting their turn)."""
    settled = asyncio.ensure_future(world.driver.settle())
    while not settled.done():
        waiting = asyncio.ensure_future(world.clock.slept_on())
        await asyncio.wait({settled, waiting}, return_when=asyncio.FIRST_COMPLETED)
        if waiting.done():
            world.clock.advance(EDIT_SPACING)
        else:
            waiting.cancel()
    await settled


def warmups(chat: LocalChat) -> list[LocalMessage]:
    return [message for message in chat.bot_messages if "Time to warm up together" in message.text]


def answered(world: World) -> str:
    """The toast the bot answered the last press with."""
    answer = world.driver.last_answer
    assert answer is not None
    return answer.text or ""


def labels(message: LocalMessage) -> list[str]:
    return [label for row in message.buttons for label, _ in row]


async def stored(world: World) -> dict[str, int]:
    """How many rows each table holding a club's data has (each test has one club)."""
    tables: dict[str, type[Base]] = {
        "settings": ClubSettings,
        "runs": ClubRun,
        "reminders": Reminder,
        "deliveries": Delivery,
        "attendance": ClubAttendance,
    }
    async with world.database.transaction() as session:
        counts = {
            name: (await session.execute(select(func.count()).select_from(model))).scalar_one()
            for name, model in tables.items()
        }
        pending = select(func.count()).where(Delivery.status == "pending")
        counts["pending"] = (await session.execute(pending)).scalar_one()
    return counts


def sends_to(world: World, chat_id: int) -> int:
    return sum(
        1
        for call in world.api.calls
        if call.method == "sendMessage" and call.params["chat_id"] == chat_id
    )


async def test_adding_the_bot_introduces_it_and_records_the_club(world: World) -> None:
    club, _ann, _bob = await new_club(world)
    [intro] = club.bot_messages
    for words in ("Knee Coach", "/clubtimezone", "/clubrun add", "/clubsettings", "/kneepain"):
        assert words in intro.text
    async with world.database.transaction() as session:
        chat = await session.get(Chat, club.id)
    assert chat is not None and chat.is_active and chat.kind == "group"


async def test_the_warmup_arrives_before_the_run_in_the_clubs_local_time(world: World) -> None:
    club, ann, _bob = await new_club(world)
    await set_up(world, club, ann)
    world.clock.now = WARMUP_DUE - timedelta(seconds=1)
    await world.tick()
    assert warmups(club) == []
    world.clock.now = WARMUP_DUE
    await world.tick()
    [warmup] = warmups(club)
    assert "Track <session> · Tuesday 18:30" in warmup.text
    assert "Track &lt;session&gt;" in warmup.html
    assert labels(warmup) == [GOING, WALK, OUT, "Full warm-up"]
    world.clock.advance(timedelta(seconds=30))
    await world.tick()
    assert len(warmups(club)) == 1  # once


async def test_members_are_refused_politely_and_may_only_look(world: World) -> None:
    club, _ann, bob = await new_club(world)
    for command in ("/clubrun add tue 18:30 Hills", "/clubstretch 07:30", "/clubsettings"):
        [reply] = await world.driver.send(club, command, from_user=bob)
        assert "only the group's admins" in reply.text
        world.clock.advance(REPEAT_WINDOW)  # sooner, the same refusal points at the one above
    [listing] = await world.driver.send(club, "/clubrun list", from_user=bob)
    assert "No club runs yet" in listing.text
    async with world.database.transaction() as session:
        assert (await session.execute(select(ClubSettings))).all() == []
        assert (await session.execute(select(ClubRun))).all() == []


async def test_an_anonymous_admin_counts_as_an_admin(world: World) -> None:
    club, _ann, _bob = await new_club(world, supergroup=True)
    message = await club.send_as_chat("/clubtimezone Berlin")
    await world.driver.settle(message.update_id)
    there = f"{world.clock().astimezone(ZoneInfo('Europe/Berlin')):%H:%M}"
    confirmed = f"✅ The club's timezone is now Europe/Berlin ({there} there now)."
    assert club.bot_messages[-1].text.startswith(confirmed)
    assert not [call for call in world.api.calls if call.method == "getChatMember"]


async def test_unreadable_input_gets_an_example_and_changes_nothing(world: World) -> None:
    club, ann, _bob = await new_club(world)
    cases = {
        "/clubrun add someday 18:30 Hills": "“someday” as a day",
        "/clubrun add tue 25:61 Hills": "“25:61” as a time",
        "/clubrun add tue 18:30 " + "x" * 65: "keep it to 64",
        "/clubrun remove 3": "no club runs to remove",
        "/clubrun dance": "try add, list or remove",
        "/clubstretch teatime": "“teatime” as a time",
        "/clubtimezone <b>Atlantis</b>": "couldn't find the timezone '<b>Atlantis</b>'",
    }
    for command, problem in cases.items():
        [reply] = await world.driver.send(club, command, from_user=ann)
        assert problem in reply.text and "Nothing was changed. Try: /club" in reply.text
    assert "&lt;b&gt;Atlantis" in reply.html
    async with world.database.transaction() as session:
        assert (await session.execute(select(ClubSettings))).all() == []
        assert (await session.execute(select(ClubRun))).all() == []


async def test_a_number_thousands_of_digits_long_gets_an_answer(world: World) -> None:
    club, ann, _bob = await new_club(world)
    [usage] = await world.driver.send(club, "/clubrun", from_user=ann)
    assert "remove" not in usage.text  # nothing to remove yet
    await set_up(world, club, ann)
    [reply] = await world.driver.send(club, "/clubrun remove " + "9" * 5000, from_user=ann)
    assert "Tell me the run's number from /clubrun list (just 1)" in reply.text
    assert "Nothing was changed" in reply.text
    async with world.database.transaction() as session:
        assert len((await session.execute(select(ClubRun))).all()) == 1


async def test_a_timezone_that_could_be_several_lists_every_one(world: World) -> None:
    club, ann, _bob = await new_club(world)
    [reply] = await world.driver.send(club, "/clubtimezone USA", from_user=ann)
    assert reply.text.startswith("'USA' could be several places.\n\nNothing was changed. Try:\n")
    for zone in ("Pacific/Honolulu", "America/Denver", "America/Chicago", "America/New_York"):
        assert f"/clubtimezone {zone}" in reply.text
    [typo] = await world.driver.send(club, "/clubtimezone Berln", from_user=ann)
    assert "/clubtimezone Europe/Berlin" in typo.text and "New_York" not in typo.text


async def test_a_new_run_says_when_its_first_warm_up_is_posted(world: World) -> None:
    club, ann, _bob = await new_club(world)
    world.clock.now = datetime(2026, 11, 24, 18, 20, tzinfo=UTC)  # Tuesday 18:20 in London
    await world.driver.send(club, "/clubtimezone London", from_user=ann)
    [late] = await world.driver.send(club, "/clubrun add tue 18:30 Track", from_user=ann)
    # Its warm-up (18:15) has passed this week: next week's is the first.
    assert "15 min before: the first is posted Tue 1 Dec 18:15." in late.text
    [early] = await world.driver.send(club, "/clubrun add wed 07:00 Hills", from_user=ann)
    assert "the first is posted Wed 25 Nov 06:45." in early.text


async def test_a_closed_menu_asked_for_again_is_drawn_again(world: World) -> None:
    """Not "answered just above", pointing at a menu whose buttons are gone."""
    club, ann, _bob = await new_club(world)
    [menu] = await world.driver.send(club, "/clubsettings", from_user=ann)
    await world.driver.press(club, menu, "✓ Done", by=ann)
    assert menu.buttons == []
    [again] = await world.driver.send(club, "/clubsettings", from_user=ann)
    assert again is not menu and "✓ Done" in str(again.buttons)


async def test_each_change_is_confirmed_though_its_words_came_before(world: World) -> None:
    club, ann, _bob = await new_club(world)
    await world.driver.send(club, "/clubtimezone Berlin", from_user=ann)
    replies = []
    for setting in ("07:30", "off", "07:30"):
        [reply] = await world.driver.send(club, f"/clubstretch {setting}", from_user=ann)
        replies.append(reply.text)
    assert "07:30" in replies[0] and "off" in replies[1].lower() and replies[2] == replies[0]
    # A question asked again is still answered once, with a pointer.
    await world.driver.send(club, "/help", from_user=ann)
    [pointer] = await world.driver.send(club, "/help", from_user=ann)
    assert pointer.text == ANSWERED_ABOVE


async def test_im_running_lists_who_is_coming_and_a_second_tap_undoes(world: World) -> None:
    club, ann, bob = await new_club(world)
    await set_up(world, club, ann)
    world.clock.now = WARMUP_DUE
    await world.tick()
    [warmup] = warmups(club)
    assert "Coming? Tap your answer below." in warmup.text
    for presser, shown in ((ann, "Running (1): Ann"), (bob, "Running (2): Ann, Bob")):
        [edited] = await tap(world, club, warmup, GOING, presser)
        assert edited is warmup and shown in warmup.text
        assert "on the list" in answered(world)
    await tap(world, club, warmup, GOING, ann)
    assert "Running (1): Bob" in warmup.text and GOING in str(warmup.buttons)
    assert "off the list" in answered(world)
    for forged in ("going:999999:run", "going:x", "going:1:2", f"going:{warmup.message_id}"):
        assert await world.driver.press_data(club, warmup, forged, by=bob) == []
        assert "expired" in answered(world)
    world.clock.now = RUN_STARTS
    assert await world.driver.press(club, warmup, GOING, by=ann) == []
    assert "started" in answered(world)


async def test_forged_data_on_the_warmup_post_changes_nothing(world: World) -> None:
    """A modified client can send any data on any message: another feature's buttons ("kn"
    restarts a triage, "del:no" answers /deletemydata), data no family claims ("zzz"), a signature
    that is not ASCII. Each is only answered "expired": the post keeps its text, its list and
    its button, and nothing new appears in the group."""
    club, ann, bob = await new_club(world)
    await set_up(world, club, ann)
    world.clock.now = WARMUP_DUE
    await world.tick()
    [warmup] = warmups(club)
    await world.driver.press(club, warmup, GOING, by=ann)
    shown, buttons, posts = warmup.text, warmup.buttons, len(club.bot_messages)
    before = await stored(world)
    for forged in ("zzz", "kn", "del:no", "k:a:1:éé", "going", "going:1:2", "x" * 64):
        assert await world.driver.press_data(club, warmup, forged, by=bob) == [], forged
        assert "expired" in answered(world)
    assert (warmup.text, warmup.buttons) == (shown, buttons) and "Running (1): Ann" in shown
    assert len(club.bot_messages) == posts and await stored(world) == before


async def test_a_removed_bot_sends_nothing_and_adding_it_back_resumes(world: World) -> None:
    club, ann, _bob = await new_club(world)
    await set_up(world, club, ann)
    await club.remove_bot(by=ann)
    await world.driver.settle()
    async with world.database.transaction() as session:
        assert (await session.execute(select(Reminder.active))).scalars().all() == [False]
    sent_before = sends_to(world, club.id)
    world.clock.now = WARMUP_DUE
    await world.tick()
    assert sends_to(world, club.id) == sent_before  # not even tried
    await club.add_bot(by=ann)
    await world.driver.settle()
    assert "Welcome back" in club.bot_messages[-1].text
    assert "Tue 18:30 · Track <session>" in club.bot_messages[-1].text
    world.clock.now = WARMUP_DUE + timedelta(weeks=1)
    await world.tick()
    assert len(warmups(club)) == 1


async def test_a_supergroup_upgrade_before_the_run_moves_the_club(world: World) -> None:
    club, ann, bob = await new_club(world)
    await set_up(world, club, ann)
    new_id = await club.migrate_to_supergroup(by=ann)
    await world.driver.settle()
    async with world.database.transaction() as session:
        settings = await session.get(ClubSettings, new_id)
        assert settings is not None and settings.timezone == "Europe/Berlin"
        assert (await session.execute(select(ClubRun.chat_id))).scalars().all() == [new_id]
    sent_before = sends_to(world, club.id)
    world.clock.now = WARMUP_DUE
    await world.tick()
    await world.tick()
    supergroup = world.api.chat(new_id)
    [warmup] = warmups(supergroup)
    assert sends_to(world, club.id) == sent_before  # no failed try at the old id
    [edited] = await world.driver.press(supergroup, warmup, GOING, by=bob)
    assert "Running (1): Bob" in edited.text


async def test_in_a_forum_the_club_posts_in_the_topic_it_was_set_up_in(world: World) -> None:
    forum, ann, _bob = await new_club(world, supergroup=True, forum=True)
    await set_up(world, forum, ann, thread_id=7)
    assert {message.thread_id for message in forum.bot_messages[1:]} == {7}
    world.clock.now = WARMUP_DUE
    await world.tick()
    [warmup] = warmups(forum)
    assert warmup.thread_id == 7


async def test_admins_set_the_club_up_by_tapping(world: World) -> None:
    club, ann, bob = await new_club(world)
    [menu] = await world.driver.send(club, "/clubsettings", from_user=ann)
    for label in ("🌍 Timezone", "Berlin"):
        await world.driver.press(club, menu, label, by=ann)
    assert "✅ The club's timezone is now Europe/Berlin (" in menu.text
    for label in ("➕ Add a run", "Tue", "18", "18:30"):
        [edited] = await world.driver.press(club, menu, label, by=ann)
        assert edited is menu
    assert "1. Tue 18:30 · Club run" in menu.text
    shown = menu.text
    assert await world.driver.press(club, menu, "🧘 Stretch", by=bob) == []
    answer = world.driver.last_answer
    assert (
        answer is not None
        and answer.show_alert
        and "only the group's admins" in (answer.text or "")
    )
    for forged in ("club:tz:999", "club:rm:abc", "club:add:9", "club:st:0731", "club"):
        assert await world.driver.press_data(club, menu, forged, by=ann) == []
        assert "expired" in answered(world)
    assert menu.text == shown
    await world.driver.press(club, menu, "✓ Done", by=ann)
    assert menu.buttons == [] and "Tue 18:30 · Club run" in menu.text
    world.clock.now = WARMUP_DUE
    await world.tick()
    assert len(warmups(club)) == 1


async def test_club_commands_in_a_private_chat_point_to_the_group(world: World) -> None:
    _ann, chat = world.private("Ann")
    for command in ("/clubrun add tue 18:30 Hills", ERASE):
        [reply] = await world.driver.send(chat, command)
        assert "group chat" in reply.text
    [help_text] = await world.driver.send(chat, "/help")
    assert "/clubsettings – " in help_text.text


async def test_a_burst_of_taps_ends_with_every_name_on_the_list(world: World) -> None:
    club, ann, bob = await new_club(world)
    carl = world.api.user("Carl")
    club.add_member(carl)
    await set_up(world, club, ann)
    world.clock.now = WARMUP_DUE
    await world.tick()
    [warmup] = warmups(club)
    edits_before = warmup.edits
    await asyncio.gather(*(club.press(warmup, GOING, from_user=user) for user in (ann, bob, carl)))
    await settle_moving_the_clock(world)
    assert "Running (3): " in warmup.text
    assert {"Ann", "Bob", "Carl"} <= set(warmup.text.rsplit(": ", 1)[1].split(", "))
    assert 1 <= warmup.edits - edits_before <= 3


async def test_an_admin_erases_the_clubs_data_and_nothing_more_is_posted(world: World) -> None:
    club, ann, bob = await new_club(world)
    await set_up(world, club, ann)
    await world.driver.send(club, "/clubstretch 20:00", from_user=ann)
    world.clock.now = WARMUP_DUE
    await world.tick()
    [warmup] = warmups(club)
    await world.driver.press(club, warmup, GOING, by=bob)
    await plan_due(world.database, STRETCH_DUE)  # the evening stretch, planned, not sent yet
    assert await stored(world) == {
        "settings": 1,
        "runs": 1,
        "reminders": 2,
        "deliveries": 2,  # the warm-up, sent, and the stretch
        "attendance": 1,
        "pending": 1,
    }
    [confirm] = await world.driver.send(club, ERASE, from_user=ann)
    assert "Erase the club's data?" in confirm.text and "its 1 club run" in confirm.text
    assert "Tue 18:30 · Track <session>" in confirm.text and labels(confirm) == [YES, CANCEL]
    [erased] = await world.driver.press(club, confirm, YES, by=ann)
    assert erased is confirm and confirm.buttons == []
    assert (
        confirm.text.startswith("🗑 Erased: the club's settings")
        and "its 1 club run" in confirm.text
    )
    for default in ("Timezone: not set", "No club runs yet", "Stretch of the day: off"):
        assert default in confirm.text
    assert set((await stored(world)).values()) == {0}
    async with world.database.transaction() as session:
        chat = await session.get(Chat, club.id)
    assert chat is not None and chat.is_active  # the bot is still in the group
    # The posted warm-up's button takes no more names.
    assert await world.driver.press(club, warmup, GOING, by=ann) == []
    assert "expired" in answered(world) and "Running (1): Bob" in warmup.text
    assert set((await stored(world)).values()) == {0}
    sent_before = sends_to(world, club.id)
    for now in (STRETCH_DUE, WARMUP_DUE + timedelta(weeks=1)):
        world.clock.now = now
        await world.tick()
    assert sends_to(world, club.id) == sent_before
    [listing] = await world.driver.send(club, "/clubrun list", from_user=bob)
    assert "No club runs yet" in listing.text


async def test_members_can_neither_ask_for_nor_confirm_an_erase(world: World) -> None:
    club, ann, bob = await new_club(world)
    await set_up(world, club, ann)
    before = await stored(world)
    [refusal] = await world.driver.send(club, ERASE, from_user=bob)
    assert "only the group's admins" in refusal.text and refusal.buttons == []
    [confirm] = await world.driver.send(club, ERASE, from_user=ann)
    shown = confirm.text
    for label in (YES, CANCEL):
        assert await world.driver.press(club, confirm, label, by=bob) == []
        answer = world.driver.last_answer
        assert answer is not None and answer.show_alert
        assert "only the group's admins" in (answer.text or "")
    assert confirm.text == shown and labels(confirm) == [YES, CANCEL]  # still Ann's to answer
    assert await stored(world) == before
    world.clock.now = WARMUP_DUE
    await world.tick()
    assert len(warmups(club)) == 1


async def test_cancelling_an_erase_keeps_the_club(world: World) -> None:
    club, ann, _bob = await new_club(world)
    await set_up(world, club, ann)
    before = await stored(world)
    [confirm] = await world.driver.send(club, ERASE, from_user=ann)
    [cancelled] = await world.driver.press(club, confirm, CANCEL, by=ann)
    assert cancelled is confirm and confirm.buttons == []
    assert confirm.text.startswith("Nothing was erased")
    assert await stored(world) == before
    [listing] = await world.driver.send(club, "/clubrun list", from_user=ann)
    assert "1. Tue 18:30 · Track <session>" in listing.text
    world.clock.now = WARMUP_DUE
    await world.tick()
    assert len(warmups(club)) == 1


async def test_a_forged_or_stale_erase_press_is_answered_as_expired(world: World) -> None:
    club, ann, _bob = await new_club(world)
    await set_up(world, club, ann)
    before = await stored(world)
    [confirm] = await world.driver.send(club, ERASE, from_user=ann)
    shown = confirm.text
    for forged in ("club:del", "club:del:maybe", "club:del:yes:1", "club:del:YES"):
        assert await world.driver.press_data(club, confirm, forged, by=ann) == []
        assert "expired" in answered(world)
    assert confirm.text == shown and labels(confirm) == [YES, CANCEL]
    # The right data sent to a message that does not ask, or no longer asks, erases nothing.
    [menu] = await world.driver.send(club, "/clubsettings", from_user=ann)
    await world.driver.press(club, confirm, CANCEL, by=ann)
    for message in (menu, confirm):
        assert await world.driver.press_data(club, message, "club:del:yes", by=ann) == []
        assert "expired" in answered(world)
    assert await stored(world) == before
    world.clock.now = WARMUP_DUE
    await world.tick()
    assert len(warmups(club)) == 1
