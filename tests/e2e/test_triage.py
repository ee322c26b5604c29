"""/kneepain through the local Bot API: every level and condition by tapping, Back, Cancel,
timeouts, stale and forged buttons, the group deep link, and nothing kept."""

import logging
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.db.models import Chat, User
from bot.domain.content.library import Library
from bot.domain.triage import CONDITION_IDS, LEVELS
from bot.features.triage.handlers import TIMEOUT
from bot.features.triage.screens import HEADLINES
from bot.telegram_local.chat import LocalChat
from bot.telegram_local.models import LocalMessage
from bot.ui.html import MAX_MESSAGE_CHARS
from tests.e2e.conftest import World

Labels = tuple[str, ...]


# Scripted taps (fixed inputs per case, as symptom-checker studies use), found once by a
# breadth-first walk of the questionnaire; tests/triage walks the whole tree exhaustively.
LEVEL_PATHS: dict[str, Labels] = {
    "emergency": ("Knee looks out of place",),
    "urgent": ("None of these", "18 to 39", "Hot, red knee or a fever"),
    "soon": (
        "None of these",
        "18 to 39",
        "None of these",
        "Gradually, after more running",
        "Yes, it's improving",
        "Hurts at night or at rest",
        "Gives way",
        "Inner joint line (the gap)",
        "Stairs or getting up",
    ),
    "routine": (
        "None of these",
        "18 to 39",
        "None of these",
        "Gradually, after more running",
        "Yes, it's improving",
        "None of these",
        "Painful click when bending",
        "Hip or thigh hurts too",
        "Stairs or getting up",
    ),
    "self_care": (
        "None of these",
        "18 to 39",
        "None of these",
        "Gradually, after more running",
        "Yes, it's improving",
        "None of these",
        "Painful click when bending",
        "Inner joint line (the gap)",
        "Stairs or getting up",
    ),
}
CONDITION_PATHS: dict[str, Labels] = {
    "mcl_sprain": ("None of these", "55 or older", "None of these", "Knee pushed or buckled in"),
    "meniscus_tear": ("None of these", "18 to 39", "Locked, won't straighten"),
    "acl_injury": (
        "None of these",
        "18 to 39",
        "None of these",
        "Twisted on a planted foot",
        "Today",
        "Yes, within 2 hours",
    ),
    "pes_anserine_bursitis": (
        "None of these",
        "18 to 39",
        "None of these",
        "Gradually, after more running",
        "Yes, it's improving",
        "Hurts at night or at rest",
        "Gives way",
        "Inner shin, below the gap",
        "Stairs or getting up",
    ),
    "patellofemoral_pain": (
        "None of these",
        "18 to 39",
        "None of these",
        "Gradually, after more running",
        "Yes, it's improving",
        "Hurts at night or at rest",
        "Gives way",
        "Inner joint line (the gap)",
        "Long sitting or squatting",
    ),
    "patellar_tendinopathy": (
        "None of these",
        "18 to 39",
        "None of these",
        "Gradually, after more running",
        "Yes, it's improving",
        "Hurts at night or at rest",
        "Gives way",
        "Just below the kneecap",
        "Stairs or getting up",
    ),
    "medial_plica": (
        "None of these",
        "18 to 39",
        "None of these",
        "Gradually, after more running",
        "Yes, it's improving",
        "Hurts at night or at rest",
        "Painful click when bending",
        "Inner joint line (the gap)",
        "Stairs or getting up",
    ),
    "knee_osteoarthritis": ("None of these", "40 to 50", "Locked, won't straighten"),
    "bone_stress_injury": (
        "None of these",
        "18 to 39",
        "None of these",
        "Gradually, after more running",
        "Yes, it's improving",
        "Hurts at night or at rest",
        "Gives way",
        "Inner joint line (the gap)",
        "Long runs",
    ),
    "fracture": ("None of these", "18 to 39", "Can't take 4 steps on it"),
    "knee_dislocation": ("Knee looks out of place",),
    "septic_arthritis": ("None of these", "18 to 39", "Hot, red knee or a fever"),
    "dvt": ("Swollen, painful calf",),
    "referred_hip_pain": ("None of these", "12 to 17", "Hip/thigh pain, or a limp"),
}

# The red flags added later, each asked on an existing screen: (taps, level, words of the outcome).
NEW_FLAG_PATHS: dict[str, tuple[Labels, str, tuple[str, ...]]] = {
    "wound": (
        ("Deep cut or wound into knee",),
        "emergency",
        ("emergency number now", "goes into the knee joint", "Joint infection (septic arthritis)"),
    ),
    "lump": (
        (
            "None of these",
            "18 to 39",
            "None of these",
            "Gradually, no clear reason",
            "No, for under 6 weeks",
            "A hard lump near the knee",
            "None of these",
            "Inner shin, below the gap",
            "Stairs or getting up",
        ),
        "soon",
        ("hard lump", "see a GP within a few days, not only a physiotherapist"),
    ),
    "weight_loss": (
        (
            "None of these",
            "55 or older",
            "None of these",
            "Gradually, no clear reason",
            "No, for 6 weeks or more",
            "Up to 30 minutes",
            "Losing weight without trying",
            "None of these",
            "Inner joint line (the gap)",
            "Stairs or getting up",
        ),
        "soon",
        ("losing weight without trying", "see a GP within a few days"),
    ),
}


async def tap_through(world: World, chat: LocalChat, labels: Labels) -> LocalMessage:
    [message] = await world.driver.send(chat, "/kneepain")
    for label in labels:
        [message] = await world.driver.press(chat, message, label)
    return message


async def test_an_emergency_is_told_after_one_tap(world: World) -> None:
    _, chat = world.private()
    outcome = await tap_through(world, chat, ("Knee looks out of place",))
    assert outcome.text.startswith(HEADLINES["emergency"])
    assert "emergency number now" in outcome.text
    assert "not a diagnosis" in outcome.text


@pytest.mark.parametrize("level", LEVELS)
async def test_every_level_is_reached_by_tapping(world: World, level: str) -> None:
    labels = LEVEL_PATHS[level]
    assert len(labels) <= 10
    _, chat = world.private()
    outcome = await tap_through(world, chat, labels)
    assert outcome.text.startswith(HEADLINES[level])  # type: ignore[index]
    assert "not a diagnosis" in outcome.text
    assert len(outcome.text) <= MAX_MESSAGE_CHARS
    assert [label for row in outcome.buttons for label, _ in row][-1] == "↺ Start over"


@pytest.mark.parametrize("case", sorted(NEW_FLAG_PATHS))
async def test_wound_lump_and_weight_loss_are_reached_by_tapping(world: World, case: str) -> None:
    labels, level, words = NEW_FLAG_PATHS[case]
    assert len(labels) <= 10
    _, chat = world.private()
    outcome = await tap_through(world, chat, labels)
    assert outcome.text.startswith(HEADLINES[level])  # type: ignore[index]
    for word in words:
        assert word in outcome.text
    assert len(outcome.text) <= MAX_MESSAGE_CHARS
    assert [label for row in outcome.buttons for label, _ in row] == ["↺ Start over"]


async def test_milder_outcomes_say_to_see_a_gp_for_a_lump_or_weight_loss(world: World) -> None:
    _, chat = world.private()
    outcome = await tap_through(world, chat, LEVEL_PATHS["self_care"])
    assert "lose weight without trying (see a GP for these)" in outcome.text


@pytest.mark.parametrize("condition", CONDITION_IDS)
async def test_every_condition_is_named_first_by_some_answers(
    world: World, library: Library, condition: str
) -> None:
    labels = CONDITION_PATHS[condition]
    _, chat = world.private()
    outcome = await tap_through(world, chat, labels)
    name = library.triage.conditions[condition].name  # type: ignore[index]
    section = outcome.text.split("What it could be (most likely first)\n", 1)[1]
    assert section.startswith(f"• {name}:")


async def test_one_chat_message_is_edited_throughout(world: World) -> None:
    _, chat = world.private()
    labels = LEVEL_PATHS["self_care"]
    await tap_through(world, chat, labels)
    assert len(chat.bot_messages) == 1
    assert chat.bot_messages[0].edits == len(labels)


async def test_back_returns_to_the_previous_question(world: World) -> None:
    _, chat = world.private()
    [first] = await world.driver.send(chat, "/kneepain")
    [second] = await world.driver.press(chat, first, "None of these")
    assert "How old are you?" in second.text
    [again] = await world.driver.press(chat, second, "◀ Back")
    assert "First, safety" in again.text
    assert "◀ Back" not in [label for row in again.buttons for label, _ in row]


async def test_cancel_ends_the_check(world: World) -> None:
    _, chat = world.private()
    [first] = await world.driver.send(chat, "/kneepain")
    [second] = await world.driver.press(chat, first, "None of these")
    [done] = await world.driver.press(chat, second, "✖ Cancel")
    assert "cancelled" in done.text and done.buttons == []


async def test_start_over_begins_again_in_the_same_message(world: World) -> None:
    _, chat = world.private()
    outcome = await tap_through(world, chat, ("Swollen, painful calf",))
    [again] = await world.driver.press(chat, outcome, "↺ Start over")
    assert again.message_id == outcome.message_id and "First, safety" in again.text


async def test_a_button_older_than_30_minutes_has_expired(world: World) -> None:
    _, chat = world.private()
    [first] = await world.driver.send(chat, "/kneepain")
    world.clock.advance(TIMEOUT + timedelta(minutes=1))
    [expired] = await world.driver.press(chat, first, "None of these")
    assert expired.text == "This question has expired – send /kneepain to start again."
    assert expired.buttons == []


async def test_thirty_quiet_minutes_replace_the_question_with_a_note(world: World) -> None:
    _, chat = world.private()
    [first] = await world.driver.send(chat, "/kneepain")
    job_queue = world.application.job_queue
    assert job_queue is not None
    [job] = job_queue.get_jobs_by_name(f"kneepain-timeout:{chat.id}:{first.message_id}")
    assert job.next_t is not None
    await job.run(world.application)  # what APScheduler does 30 minutes later
    await world.api.wait_until(lambda: "timed out" in chat.bot_messages[0].text)
    assert chat.bot_messages[0].buttons == []


async def test_finishing_cancels_the_timeout(world: World) -> None:
    _, chat = world.private()
    outcome = await tap_through(world, chat, ("Knee looks out of place",))
    job_queue = world.application.job_queue
    assert job_queue is not None
    assert job_queue.get_jobs_by_name(f"kneepain-timeout:{chat.id}:{outcome.message_id}") == ()


@pytest.mark.parametrize(
    "data",
    [
        "k:0:1234:AAAAAAAAAAA",  # a signature the bot never made
        "k:zz",  # wrong shape
        "k",  # no state
        "kx:extra:parts",  # another action's prefix with junk
        "k:" + "0" * 40,
    ],
)
async def test_forged_buttons_get_the_expired_note(world: World, data: str) -> None:
    _, chat = world.private()
    [first] = await world.driver.send(chat, "/kneepain")
    changes = await world.driver.press_data(chat, first, data)
    assert world.driver.last_answer is not None
    assert "expired" in (world.driver.last_answer.text or "")
    assert all("expired" in message.text for message in changes)


async def test_a_signed_state_that_no_longer_fits_the_questions_expires(world: World) -> None:
    from bot.ui.signed import StateSigner

    _, chat = world.private()
    [first] = await world.driver.send(chat, "/kneepain")
    # Validly signed (as after an update of the questions) but option 9 of the first question
    # does not exist.
    data = StateSigner(world.api.token, "k").encode("9", world.clock())
    [reply] = await world.driver.press_data(chat, first, data)
    assert "expired" in reply.text


async def test_pressing_an_expired_question_twice_is_calm(world: World) -> None:
    _, chat = world.private()
    [first] = await world.driver.send(chat, "/kneepain")
    await world.driver.press_data(chat, first, "k:forged:1:AAAAAAAAAAA")
    assert await world.driver.press_data(chat, first, "k:forged:1:AAAAAAAAAAA") == []
    answer = world.driver.last_answer
    assert answer is not None and "expired" in (answer.text or "")


async def test_in_a_group_the_check_moves_to_a_private_chat(world: World) -> None:
    ann, _ = world.private()
    club = world.api.group("Tuesday Runners", supergroup=True)
    await club.add_bot(by=ann)
    await world.driver.settle()  # the bot posts its introduction
    [pointer] = await world.driver.send(club, "/kneepain@KneeCoachBot", from_user=ann)
    assert "private chat" in pointer.text
    [[(_label, url)]] = pointer.buttons
    assert url == "https://t.me/KneeCoachBot?start=kneepain"
    [question] = await world.driver.press(club, pointer, _label, by=ann)
    assert question.chat.id == ann.id and "First, safety" in question.text
    assert all("safety" not in message.text for message in club.bot_messages)


async def test_answers_are_neither_stored_nor_logged(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    labels = LEVEL_PATHS["soon"]
    _, chat = world.private()
    with caplog.at_level(logging.INFO):
        await tap_through(world, chat, labels)
    for label in labels:
        assert label not in caplog.text
    async with world.database.transaction() as session:  # not even who asked
        assert (await session.execute(select(User))).all() == []
        assert (await session.execute(select(Chat))).all() == []


async def test_a_self_care_outcome_opens_matching_exercises_in_a_new_message(world: World) -> None:
    _, chat = world.private()
    outcome = await tap_through(world, chat, LEVEL_PATHS["self_care"])
    [label] = [
        label for row in outcome.buttons for label, _ in row if label.startswith("Exercises")
    ]
    [exercises] = await world.driver.press(chat, outcome, label)
    assert exercises.message_id != outcome.message_id
    assert outcome.text.startswith(HEADLINES["self_care"])  # the outcome stays
    assert exercises.buttons, "a list of exercises to open"


async def test_an_urgent_outcome_offers_no_exercises(world: World) -> None:
    _, chat = world.private()
    outcome = await tap_through(world, chat, LEVEL_PATHS["urgent"])
    assert [label for row in outcome.buttons for label, _ in row] == ["↺ Start over"]
