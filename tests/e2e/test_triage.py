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
from bot.features.triage.screens.outcome import DOCTOR_HEADLINES, HEADLINES, LABELS, SUMMARY_BUDGET
from bot.features.triage.screens.questions import DONE, NONE_TICKED, TICKED
from bot.telegram_local.chat import LocalChat
from bot.telegram_local.models import LocalMessage
from bot.ui.html import MAX_MESSAGE_CHARS
from tests.e2e.conftest import World

Labels = tuple[str, ...]
CAVEAT = "This is not a diagnosis"
EMERGENCY = "Knee looks out of place"

# Scripted answers (fixed inputs per case, as symptom-checker studies use) as
# `question:option`, `question:a+b` for ticks on a multi-select screen, `question:` for none;
# tests/triage walks the whole tree. Turned into the labels a runner taps by `taps()`.
LEVEL_SCRIPTS: dict[str, str] = {
    "emergency": "emergency:deformed",
    "urgent": "emergency:none age:a18_39 now:hot_red",
    "soon": "emergency:none age:a18_39 now: onset:more_running course:better signs:night+gives_way "
    "about: site:joint_line worse:stairs",
    "routine": "emergency:none age:a18_39 now: onset:more_running course:better signs:daily "
    "about: site:kneecap worse:stairs",
    "self_care": "emergency:none age:a18_39 now: onset:more_running course:better signs:clicks "
    "about: site:joint_line worse:stairs",
}
CONDITION_SCRIPTS: dict[str, str] = {
    "mcl_sprain": "emergency:none age:a18_39 now: onset:inward when:d1_7 swelling:not_swollen "
    "bone_acute: signs: about: site:inner_side worse:side_step",
    "meniscus_tear": "emergency:none age:a18_39 now:locked",
    "acl_injury": "emergency:none age:a18_39 now: onset:twist when:today swelling:rapid",
    "pes_anserine_bursitis": "emergency:none age:a18_39 now: onset:more_running course:better "
    "signs: about: site:below_line worse:stairs",
    "patellofemoral_pain": "emergency:none age:a18_39 now: onset:more_running course:better "
    "signs: about: site:kneecap worse:sit_squat",
    "patellar_tendinopathy": "emergency:none age:a18_39 now: onset:more_running course:better "
    "signs: about: site:below_cap worse:run_start",
    "medial_plica": "emergency:none age:a18_39 now: onset:more_running course:better "
    "signs:clicks about: site:kneecap worse:stairs",
    "knee_osteoarthritis": "emergency:none age:a55_plus now: onset:gradual course:better "
    "morning:up_to_30 signs: about: site:joint_line worse:stairs",
    "bone_stress_injury": "emergency:none age:a18_39 now: onset:more_running course:better "
    "signs:bone_spot about: site:below_line worse:long_runs",
    "fracture": "emergency:none age:a18_39 now:cant_walk",
    "knee_dislocation": "emergency:deformed",
    "septic_arthritis": "emergency:none age:a18_39 now:hot_red",
    "dvt": "emergency:breathless",
    "referred_hip_pain": "emergency:none age:a12_17 now:hip",
    "femoral_stress_fracture": "emergency:none age:a18_39 now: onset:more_running "
    "course:lt_6w signs:groin+hop about: site:diffuse worse:long_runs",
    "osgood_schlatter": "emergency:none age:a12_17 now: onset:gradual course:better signs: "
    "about: site:below_cap worse:hills",
    "osteochondritis_dissecans": "emergency:none age:a12_17 now: onset:gradual course:better "
    "signs:catches about: site:diffuse worse:",
    "inflammatory_arthritis": "emergency:none age:a18_39 now: onset:gradual course:lt_6w "
    "signs:swollen+stiff about: site:diffuse worse:",
    "bakers_cyst": "emergency:none age:a55_plus now: onset:gradual course:better "
    "morning:not_stiff signs: about: site:back_knee worse:",
    "referred_back_pain": "emergency:none age:a18_39 now: onset:gradual course:better "
    "signs:back cauda:neither about: site:diffuse worse:",
}
# The red flags of the second edition, each reached by tapping: (script, level, words).
NEW_FLAG_SCRIPTS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "wound": ("emergency:wound", "emergency", ("emergency number now", "goes into the knee joint")),
    "sepsis": ("emergency:unwell", "emergency", ("sepsis",)),
    "calf_alone": ("emergency:none age:a40_44 now:calf", "urgent", ("blood clot (DVT)",)),
    "very_swollen": ("emergency:none age:a45_50 now:swollen", "urgent", ("very swollen knee",)),
    "infection_risk": (
        "emergency:none age:a40_44 now: onset:other_injury when:d1_7 swelling:next_day "
        "bone_acute: signs: about:knee_op",
        "urgent",
        ("could be a joint infection",),
    ),
    "blood_thinners": (
        "emergency:none age:a18_39 now: onset:twist when:d1_7 swelling:a_little bone_acute: "
        "signs: about:thinners",
        "urgent",
        ("bleeding into the joint",),
    ),
    "teen_night_pain": (
        "emergency:none age:a12_17 now: onset:gradual course:lt_6w signs:night about: "
        "site:diffuse worse:",
        "soon",
        ("within 48 hours", "See a GP within 1-3 days"),
    ),
    "lump": (
        "emergency:none age:a18_39 now: onset:gradual course:lt_6w signs: about:lump "
        "site:below_line worse:stairs",
        "soon",
        ("hard lump", "not only a physiotherapist"),
    ),
    "back": (
        "emergency:none age:a40_44 now: onset:gradual course:better signs:back cauda:neither "
        "about: site:diffuse worse:",
        "routine",
        ("nerve in the back", "Book a GP appointment"),
    ),
    "cauda_equina": (
        "emergency:none age:a40_44 now: onset:gradual course:better signs:back cauda:either",
        "emergency",
        ("cauda equina syndrome",),
    ),
    "swollen_after_op": (
        "emergency:none age:a40_44 now: onset:gradual course:lt_6w signs:swollen about:knee_op",
        "urgent",
        ("could be a joint infection", "Joint infection (septic arthritis)"),
    ),
    "bone_stress_risk": (
        "emergency:none age:a18_39 now: onset:more_running course:better signs: "
        "about:periods+stress_fx site:diffuse worse:long_runs",
        "routine",
        ("bone stress",),
    ),
}


def taps(library: Library, script: str) -> Labels:
    """The labels a runner taps for a script: each tick, then Done, on a multi-select screen."""
    labels: list[str] = []
    for pair in script.split():
        question_id, _, answer = pair.partition(":")
        question = library.triage.question(question_id)
        assert question is not None, question_id
        chosen = [
            o.label
            for option_id in filter(None, answer.split("+"))
            if (o := question.option(option_id))
        ]
        assert len(chosen) == len(list(filter(None, answer.split("+")))), pair
        if question.multi:
            labels += [*chosen, DONE if chosen else NONE_TICKED]
        else:
            labels += chosen
    return tuple(labels)


async def tap_through(world: World, chat: LocalChat, labels: Labels) -> LocalMessage:
    [message] = await world.driver.send(chat, "/kneepain")
    for label in labels:
        [message] = await world.driver.press(chat, message, label)
    return message


async def run_script(world: World, library: Library, script: str) -> tuple[LocalChat, LocalMessage]:
    _, chat = world.private()
    return chat, await tap_through(world, chat, taps(library, script))


def _labels(message: LocalMessage) -> list[str]:
    return [label for row in message.buttons for label, _ in row]


async def test_an_emergency_is_told_after_one_tap(world: World) -> None:
    _, chat = world.private()
    outcome = await tap_through(world, chat, (EMERGENCY,))
    assert outcome.text.startswith(HEADLINES["emergency"])
    assert "emergency number now" in outcome.text
    assert outcome.text.count(CAVEAT) == 1


@pytest.mark.parametrize("level", LEVELS)
async def test_every_level_is_reached_by_tapping(
    world: World, library: Library, level: str
) -> None:
    labels = taps(library, LEVEL_SCRIPTS[level])
    assert len(labels) <= 12
    _, chat = world.private()
    outcome = await tap_through(world, chat, labels)
    assert outcome.text.startswith(HEADLINES[level])  # type: ignore[index]
    assert outcome.text.count(CAVEAT) == 1
    assert len(outcome.text) <= SUMMARY_BUDGET
    assert _labels(outcome)[-1] == "↺ Start over"
    assert {LABELS["c"], LABELS["d"], LABELS["r"]} <= set(_labels(outcome))


@pytest.mark.parametrize("case", sorted(NEW_FLAG_SCRIPTS))
async def test_the_new_red_flags_are_reached_by_tapping(
    world: World, library: Library, case: str
) -> None:
    script, level, words = NEW_FLAG_SCRIPTS[case]
    chat, outcome = await run_script(world, library, script)
    summary = outcome.text  # the message is edited in place
    # A reason needing a doctor says so in the headline (the words check which).
    headlines = (HEADLINES[level], DOCTOR_HEADLINES.get(level, ""))  # type: ignore[index, call-overload]
    assert summary.startswith(tuple(filter(None, headlines)))
    [why] = await world.driver.press(chat, outcome, LABELS["c"])
    for word in words:  # on the summary, or one tap away
        assert word in summary + why.text, word


@pytest.mark.parametrize("condition", CONDITION_IDS)
async def test_every_condition_is_named_first_by_some_answers(
    world: World, library: Library, condition: str
) -> None:
    _, outcome = await run_script(world, library, CONDITION_SCRIPTS[condition])
    name = library.triage.conditions[condition].name  # type: ignore[index]
    assert f"(likeliest first): {name}" in outcome.text


async def test_every_question_is_reached_by_tapping(world: World, library: Library) -> None:
    scripts = [*LEVEL_SCRIPTS.values(), *CONDITION_SCRIPTS.values()]
    scripts += [script for script, _, _ in NEW_FLAG_SCRIPTS.values()]
    asked = {pair.partition(":")[0] for script in scripts for pair in script.split()}
    assert asked == {question.id for question in library.triage.questions}
    for script in scripts:
        assert len(taps(library, script)) <= 12, script


async def test_a_masters_runner_with_an_old_settled_injury_is_not_sent_to_hospital(
    world: World, library: Library
) -> None:
    script = (
        "emergency:none age:a55_plus now: onset:blow when:w6_better swelling:a_little signs: "
        "about: site:joint_line worse:stairs"
    )
    _, outcome = await run_script(world, library, script)
    assert outcome.text.startswith(HEADLINES["self_care"])
    assert "X-ray" not in outcome.text and "emergency department" not in outcome.text


async def test_ticking_and_unticking_on_a_multi_select_screen(
    world: World, library: Library
) -> None:
    _, chat = world.private()
    [now] = await world.driver.send(chat, "/kneepain")
    [now] = await world.driver.press(chat, now, "None of these")
    [now] = await world.driver.press(chat, now, "40 to 44")
    assert "Tap all that apply, then Done" in now.text
    assert NONE_TICKED in _labels(now) and DONE not in _labels(now)
    [now] = await world.driver.press(chat, now, "I'm limping")
    [now] = await world.driver.press(chat, now, "Swollen, painful calf")
    assert {TICKED + "I'm limping", TICKED + "Swollen, painful calf", DONE} <= set(_labels(now))
    [now] = await world.driver.press(chat, now, TICKED + "I'm limping")  # untick
    assert "I'm limping" in _labels(now)
    [outcome] = await world.driver.press(chat, now, DONE)
    assert outcome.text.startswith(HEADLINES["urgent"])
    assert "Blood clot in the leg (DVT)" in outcome.text


async def test_the_outcome_fits_a_phone_and_the_rest_is_one_tap_away(
    world: World, library: Library
) -> None:
    chat, summary = await run_script(world, library, CONDITION_SCRIPTS["femoral_stress_fracture"])
    first = summary.text  # the message is edited in place: keep each screen's text
    assert len(first) <= SUMMARY_BUDGET
    [why] = await world.driver.press(chat, summary, LABELS["c"])
    assert why.message_id == summary.message_id
    texts = [why.text]
    assert "Pain on hopping fits a stress fracture." in why.text
    [todo] = await world.driver.press(chat, why, LABELS["d"])
    texts.append(todo.text)
    assert "crutches" in todo.text and "Avoid anti-inflammatory tablets" in todo.text
    assert "Ibuprofen or naproxen tablets can ease pain" not in todo.text
    [sources] = await world.driver.press(chat, todo, LABELS["r"])
    texts.append(sources.text)
    assert "Robertson GAJ, Wood AM" in sources.text
    [back] = await world.driver.press(chat, sources, LABELS["s"])
    assert back.text == first
    for text in texts:
        assert text.count(CAVEAT) == 1
        assert len(text) <= MAX_MESSAGE_CHARS


async def test_one_chat_message_is_edited_throughout(world: World, library: Library) -> None:
    _, chat = world.private()
    labels = taps(library, LEVEL_SCRIPTS["self_care"])
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


async def test_back_to_a_tap_all_screen_keeps_its_ticks(world: World) -> None:
    _, chat = world.private()
    [message] = await world.driver.send(chat, "/kneepain")
    for label in ("None of these", "18 to 39", "I'm limping", "✔ Done"):
        [message] = await world.driver.press(chat, message, label)
    assert "How did the pain start?" in message.text
    [message] = await world.driver.press(chat, message, "◀ Back")
    labels = [label for row in message.buttons for label, _ in row]
    assert "✅ I'm limping" in labels and "✔ Done" in labels  # fix one tick, keep the rest


async def test_cancel_ends_the_check(world: World) -> None:
    _, chat = world.private()
    [first] = await world.driver.send(chat, "/kneepain")
    [second] = await world.driver.press(chat, first, "None of these")
    [done] = await world.driver.press(chat, second, "✖ Cancel")
    assert "cancelled" in done.text and done.buttons == []


async def test_start_over_begins_again_in_the_same_message(world: World) -> None:
    _, chat = world.private()
    outcome = await tap_through(world, chat, (EMERGENCY,))
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
    outcome = await tap_through(world, chat, (EMERGENCY,))
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
    assert await world.driver.press_data(chat, first, data) == []  # the question stays
    assert world.driver.last_answer is not None
    assert "expired" in (world.driver.last_answer.text or "")


async def test_a_signed_state_that_no_longer_fits_the_questions_expires(world: World) -> None:
    from bot.ui.signed import StateSigner

    _, chat = world.private()
    [first] = await world.driver.send(chat, "/kneepain")
    # Validly signed (as after an update of the questions) but option 9 of the first question
    # does not exist.
    data = StateSigner(world.api.token, "k").encode("9", world.clock())
    assert await world.driver.press_data(chat, first, data) == []
    assert world.driver.last_answer is not None
    assert "expired" in (world.driver.last_answer.text or "")


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
    world: World, library: Library, caplog: pytest.LogCaptureFixture
) -> None:
    labels = taps(library, LEVEL_SCRIPTS["soon"])
    _, chat = world.private()
    with caplog.at_level(logging.INFO):
        await tap_through(world, chat, labels)
    for label in labels:
        assert label not in caplog.text
    async with world.database.transaction() as session:  # not even who asked
        assert (await session.execute(select(User))).all() == []
        assert (await session.execute(select(Chat))).all() == []


async def test_a_self_care_outcome_opens_matching_exercises_in_a_new_message(
    world: World, library: Library
) -> None:
    chat, outcome = await run_script(world, library, LEVEL_SCRIPTS["self_care"])
    [label] = [
        label for row in outcome.buttons for label, _ in row if label.startswith("Exercises")
    ]
    [exercises] = await world.driver.press(chat, outcome, label)
    assert exercises.message_id != outcome.message_id
    assert outcome.text.startswith(HEADLINES["self_care"])  # the outcome stays
    assert exercises.buttons, "a list of exercises to open"


async def test_an_urgent_outcome_offers_no_exercises(world: World, library: Library) -> None:
    _, outcome = await run_script(world, library, LEVEL_SCRIPTS["urgent"])
    assert not [label for label in _labels(outcome) if label.startswith("Exercises")]


@pytest.mark.parametrize("data", ["kv:x:1:AAAAAAAAAAA", "kv", "kv:" + "0" * 40])
async def test_forged_outcome_buttons_get_the_expired_note(world: World, data: str) -> None:
    _, chat = world.private()
    outcome = await tap_through(world, chat, (EMERGENCY,))
    await world.driver.press_data(chat, outcome, data)
    assert world.driver.last_answer is not None
    assert "expired" in (world.driver.last_answer.text or "")
