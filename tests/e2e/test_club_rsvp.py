"""A club-run post's three answers through the local Bot API: "I'm running", "Walk-run" and
"Can't make it", counted on the post with the names of those running and walk-running, never a
reason; a Walk-run tap brings a private note with the runner's walk-run stage (unless they
paused or stopped the bot's messages), or, for someone who never started the bot, an invitation
into the private chat where the note waits. Forged and stale presses change nothing, and a
burst of taps keeps the post within 20 edits a minute."""

from datetime import timedelta
from itertools import pairwise

import pytest

from bot.telegram_local import FloodLimits
from bot.telegram_local.chat import LocalChat
from bot.telegram_local.models import LocalMessage, LocalUser
from tests.e2e.conftest import ON_BOTH_DATABASES, World
from tests.e2e.test_clubs import (
    GOING,
    OUT,
    WALK,
    WARMUP_DUE,
    answered,
    new_club,
    set_up,
    settle_moving_the_clock,
    stored,
    tap,
    warmups,
)

pytestmark = ON_BOTH_DATABASES

INVITATION = "https://t.me/KneeCoachBot?start=walkrun"


@pytest.fixture
def flood_limits() -> FloodLimits:
    """Telegram's limits, enforced: 30 messages a second, 20 a minute in a group."""
    return FloodLimits(per_second=30, per_chat_per_second=None, per_group_per_minute=20)


async def posted(world: World) -> tuple[LocalChat, LocalUser, LocalUser, LocalMessage]:
    """Ann's club with Bob in it, its Tuesday run set up, and the warm-up posted."""
    club, ann, bob = await new_club(world)
    await set_up(world, club, ann)
    world.clock.now = WARMUP_DUE
    await world.tick()
    [post] = warmups(club)
    return club, ann, bob, post


async def start_comeback(world: World, user: LocalUser) -> LocalChat:
    chat = world.api.private_chat(user)
    [offer] = await world.driver.send(chat, "/comeback")
    await world.driver.press(chat, offer, "Start at stage 1")
    return chat


def answers_shown(post: LocalMessage) -> str:
    """The post's last paragraph: its answers."""
    return post.text.rsplit("\n\n", 1)[1]


async def handled_tap(
    world: World, club: LocalChat, post: LocalMessage, label: str, member: LocalUser
) -> None:
    """A member's tap, handled before the clock moves on: the press is answered once the tap
    is recorded (waiting only for the update to be fetched let a slow handler read the clock
    after it had moved, and list runners out of order)."""
    query = await club.press(post, label, from_user=member)
    await world.api.wait_until(
        lambda: all(pending.id != query.id for pending in world.api.unanswered_callbacks)
    )


def assert_group_edits_spaced(world: World, club: LocalChat, fewest: int) -> None:
    """The group's posts were edited EDIT_SPACING (3 s) apart at least, so never more than 20
    times in a minute, and Telegram refused nothing."""
    edits = sorted(
        call.at
        for call in world.api.calls
        if call.method == "editMessageText"
        and call.params["chat_id"] == club.id
        and call.at is not None
    )
    assert len(edits) >= fewest and all(later - at >= 2.99 for at, later in pairwise(edits)), edits
    assert max(sum(1 for at in edits if start <= at < start + 60) for start in edits) <= 20
    assert world.api.flood_errors == 0


async def test_three_runners_answer_three_ways_and_one_changes_their_mind(world: World) -> None:
    club, ann, bob, post = await posted(world)
    carl = world.api.user("Carl")  # in the group, never started the bot
    club.add_member(carl)
    ann_chat = await start_comeback(world, ann)
    notes_before = len(ann_chat.bot_messages)

    await tap(world, club, post, WALK, ann)
    assert "note is in our private chat" in answered(world)
    [note] = ann_chat.bot_messages[notes_before:]
    assert note.text.startswith("🚶 Walk-run: Track <session> · Tuesday 18:30")
    assert "stage 1 of 10: Run 1 min, then walk 2 min; 6 times" in note.text
    await tap(world, club, post, GOING, bob)
    assert "on the list" in answered(world)
    await tap(world, club, post, OUT, carl)
    assert "can't make it" in answered(world)
    assert answers_shown(post) == ("🙋 Running (1): Bob\n🚶 Walk-run (1): Ann\n🙅 Can't make it: 1")

    # Carl changes his mind: he moves to Walk-run, and is invited into the private chat.
    await tap(world, club, post, WALK, carl)
    answer = world.driver.last_answer
    assert answer is not None and answer.url == INVITATION
    assert INVITATION in (answer.text or "") and "press Start" in (answer.text or "")
    assert answers_shown(post) == "🙋 Running (1): Bob\n🚶 Walk-run (2): Ann, Carl"
    refused = [call for call in world.api.calls if call.error_code == 403]
    assert [call.params["chat_id"] for call in refused] == [carl.id]  # tried, and nothing broke
    [waiting] = await world.driver.send(world.api.private_chat(carl), "/start walkrun")
    assert waiting.text.startswith("🚶 Walk-run: Track <session> · Tuesday 18:30")
    assert "No walk-run plan yet: /comeback sets one up" in waiting.text

    # Nothing about anyone's health in the group: no stage, no plan, no note.
    for words in ("stage", "plan", "/comeback", "knee pain", "private chat"):
        assert words not in answers_shown(post)
    assert all("Walk-run:" not in message.text for message in club.bot_messages)

    # Ann taps her own answer: taken back; tapping it again brings no second note.
    await tap(world, club, post, WALK, ann)
    assert "off the list" in answered(world)
    await tap(world, club, post, WALK, ann)
    assert "Have a good one" in answered(world)
    assert len(ann_chat.bot_messages) == notes_before + 1
    assert answers_shown(post) == "🙋 Running (1): Bob\n🚶 Walk-run (2): Carl, Ann"


async def test_a_runner_who_paused_or_stopped_messages_gets_no_private_note(
    world: World,
) -> None:
    club, _ann, bob, post = await posted(world)
    bob_chat = await start_comeback(world, bob)
    await world.driver.send(bob_chat, "/stop")
    before = len(bob_chat.bot_messages)
    await tap(world, club, post, WALK, bob)
    assert "No private note: you paused or stopped my messages" in answered(world)
    assert len(bob_chat.bot_messages) == before
    assert "Walk-run (1): Bob" in post.text


async def test_the_invitations_link_waits_for_no_walk_run_when_there_is_none(
    world: World,
) -> None:
    _dan, chat = world.private("Dan")
    [note] = await world.driver.send(chat, "/start walkrun")
    assert note.text.startswith("🚶 Walk-run with your club")
    assert "from 1-minute runs with walking breaks to 30 minutes without stopping" in note.text


async def test_forged_and_stale_presses_are_answered_kindly_and_change_nothing(
    world: World,
) -> None:
    club, ann, bob = await new_club(world)
    other, other_admin, _ = await new_club(world)  # another club, with its own post
    for each, admin in ((club, ann), (other, other_admin)):
        await set_up(world, each, admin)
    world.clock.now = WARMUP_DUE
    await world.tick()
    [post], [their_post] = warmups(club), warmups(other)
    await tap(world, club, post, OUT, bob)
    their_data = [data for row in their_post.buttons for _, data in row if "going:" in data]
    shown, buttons, before = post.text, post.buttons, await stored(world)
    forged = [*their_data, "going:999:walk", "going:" + "9" * 60, "going:1:walk:x", "going:é"]
    for data in forged:
        assert await world.driver.press_data(club, post, data, by=ann) == [], data
        assert "expired" in answered(world)
    # A deleted post: Telegram sends what it still knows, the chat and the message id.
    own = next(data for row in post.buttons for label, data in row if label == WALK)
    assert await world.driver.press_data(club, 999_999, own, by=ann) == []
    assert "expired" in answered(world)
    assert (post.text, post.buttons) == (shown, buttons) and await stored(world) == before
    assert "Can't make it: 1" in post.text


async def test_a_burst_of_taps_keeps_the_post_within_20_edits_a_minute(world: World) -> None:
    club, _ann, _bob, post = await posted(world)
    members = [world.api.user(f"Runner{n}") for n in range(60)]
    club.add_member(*members)
    choices = (GOING, WALK, OUT)
    for second, member in enumerate(members):  # one tap a second, for a minute
        await handled_tap(world, club, post, choices[second % 3], member)
        world.clock.advance(timedelta(seconds=1))
    await settle_moving_the_clock(world)

    # Without the spacing, a tap a second is an edit a second.
    assert_group_edits_spaced(world, club, fewest=2)
    shown = answers_shown(post)
    assert "Running (20): Runner0, Runner3" in shown and "Walk-run (20): Runner1," in shown
    assert shown.endswith("🙅 Can't make it: 20")


async def test_taps_on_two_live_posts_keep_the_group_within_20_edits_a_minute(
    world: World,
) -> None:
    club, ann, _bob = await new_club(world)
    await set_up(world, club, ann)  # Tuesday 18:30, Track
    [reply] = await world.driver.send(club, "/clubrun add tue 18:35 Hills", from_user=ann)
    assert reply.text.startswith("✅"), reply.text
    for due in (WARMUP_DUE, WARMUP_DUE + timedelta(minutes=5)):
        world.clock.now = due
        await world.tick()
    posts = warmups(club)  # both take answers until their runs start
    assert len(posts) == 2
    members = [world.api.user(f"Runner{n}") for n in range(120)]
    club.add_member(*members)
    for second in range(60):  # a tap a second on each post, for a minute
        for post, member in zip(posts, members[2 * second : 2 * second + 2], strict=True):
            await handled_tap(world, club, post, GOING, member)
        world.clock.advance(timedelta(seconds=1))
    await settle_moving_the_clock(world)

    # Spaced per post only, the group would get 20 edits a minute from each.
    assert_group_edits_spaced(world, club, fewest=4)
    assert all("Running (60): Runner" in answers_shown(post) for post in posts)
