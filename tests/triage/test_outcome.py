"""The outcome screens: a summary that fits a phone, the rest one tap away, nothing lost, the
caveat once per screen; and the answers' state string that the buttons carry."""

import random

import pytest

from bot.domain.content.library import Library
from bot.domain.triage import AnswerError, Answers, TriageContent, assess, findings_from
from bot.features.library.screens.prevention import see_a_doctor
from bot.features.triage import state as codec
from bot.features.triage.screens.outcome import (
    NOT_A_DIAGNOSIS,
    SUMMARY_BUDGET,
    VIEWS,
    screen_text,
    shown_conditions,
)
from bot.ui.html import MAX_MESSAGE_CHARS, h
from bot.ui.signs import signs_by_urgency
from tests.triage.test_questionnaire import _script, _walks

CAVEAT = h(NOT_A_DIAGNOSIS)


@pytest.fixture(scope="module")
def finished(content: TriageContent) -> list[Answers]:
    return list(_walks(content, depth=5, per_prefix=2))


def test_every_outcome_screen_stays_within_its_budget(
    library: Library, finished: list[Answers]
) -> None:
    """The summary fits a phone screen; every other view fits one message."""
    content = library.triage
    for answers in finished:
        assessment = assess(findings_from(answers, content), content)
        for view in VIEWS:
            text = screen_text(view, assessment, library)
            budget = SUMMARY_BUDGET if view == "s" else MAX_MESSAGE_CHARS
            assert len(text) <= budget, (view, answers)
            assert text.count(CAVEAT) == 1, (view, answers)


def test_nothing_is_cut_it_moves(library: Library, finished: list[Answers]) -> None:
    """Every reason, likely cause, piece of advice and sign is on one of the screens."""
    content = library.triage
    rules = {rule.id: rule for rule in content.rules()}
    for answers in random.Random(3).sample(finished, 300):
        assessment = assess(findings_from(answers, content), content)
        causes = screen_text("c", assessment, library)
        todo = screen_text("d", assessment, library)
        for rule_id in (*assessment.red_flags, *assessment.referrals):
            assert h(rules[rule_id].text) in causes
        for condition in shown_conditions(assessment, content):
            assert h(content.conditions[condition].name) in causes
        for advice_id in assessment.advice.self_care:
            assert h(content.advice[advice_id].text) in todo
        for sign in assessment.advice.get_seen_if:
            assert h(content.safety_net[sign].text) in todo


def test_the_sources_screen_cites_what_the_result_says(library: Library) -> None:
    content = library.triage
    answers = _script(
        "emergency:none age:a18_39 now: onset:more_running course:lt_6w signs:groin+hop "
        "about: site:diffuse worse:long_runs"
    )
    assessment = assess(findings_from(answers, content), content)
    sources = screen_text("r", assessment, library)
    for source in ("aaos_hip_stress", "robertson2017", "warden2014"):
        assert h(library.sources[source].cite) in sources


def test_the_state_string_round_trips(content: TriageContent) -> None:
    given = codec.single("", 5)  # emergency: none
    given = codec.single(given, 3)  # age: 40-44
    ticking = codec.ticking(given, frozenset({3, 4}))  # calf, limping
    progress = codec.decode(ticking, content)
    assert progress.ticked == frozenset({3, 4}) and progress.given == given
    assert [q for q, _ in progress.answers] == ["emergency", "age"]
    done = codec.decode(codec.done(given, frozenset({3, 4})), content)
    assert done.ticked is None and done.back == ticking  # Back: the ticks still ticked
    assert done.answers[-1] == ("now", ("calf", "limp"))


@pytest.mark.parametrize(
    "state",
    [
        "9",  # no option 9 on the emergency screen
        "0a",  # nothing is asked after an emergency
        "53-",  # a pending mark without a mask
        "53-zz",  # ticks options the screen lacks
        "53-12",  # ticks the teenagers' option for an adult
        "53x",  # a mask with a character outside it
    ],
)
def test_a_state_that_does_not_fit_the_questions_is_refused(
    content: TriageContent, state: str
) -> None:
    with pytest.raises(AnswerError):
        codec.decode(state, content)


def test_prevent_and_kneepain_give_the_same_advice_for_a_sign(library: Library) -> None:
    """A bone spot very sore to press: the same words, under the same heading, in both."""
    content = library.triage
    prevent = see_a_doctor(library).text
    fresh_fall = _script(
        "emergency:none age:a18_39 now: onset:blow when:today swelling:not_swollen bone_acute: "
        "signs: about: site:inner_side worse:"
    )
    overuse = _script(
        "emergency:none age:a18_39 now: onset:more_running course:better signs: about: "
        "site:kneecap worse:stairs"
    )
    for answers, sign in ((fresh_fall, "sn_bone_spot_injury"), (overuse, "sn_bone_spot")):
        assessment = assess(findings_from(answers, content), content)
        assert sign in assessment.advice.get_seen_if
        [section] = signs_by_urgency([sign], content.safety_net)
        heading, line = section.split("\n")
        for screen in (prevent, screen_text("d", assessment, library)):
            [group] = [part for part in screen.split("\n\n") if line in part.split("\n")]
            assert group.startswith(heading + "\n")
