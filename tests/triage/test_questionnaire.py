"""The /kneepain questionnaire: short, safe first, multi-select where several answers apply,
asking only what the answers so far make relevant, and able to reach every outcome."""

import random
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.triage import (
    AnswerError,
    Answers,
    Assessment,
    Findings,
    Question,
    TriageContent,
    assess,
    findings_from,
    is_finished,
    next_question,
    shown_options,
    urgency,
)
from tests.triage.strategies import findings as any_findings
from tests.triage.strategies import with_changes

MAX_QUESTIONS = 12  # the most questions any path asks (back pain adds cauda equina signs)
TYPICAL_TAPS = 12  # a typical path: one tick on a multi-select screen or two, then Done
INJURY_ONLY = {"mechanism", "days_since_onset", "swelling"}
# The ages each age button stands for (its representative age lies inside).
AGE_BANDS = {
    "under_12": (0, 11),
    "a12_17": (12, 17),
    "a18_39": (18, 39),
    "a40_44": (40, 44),
    "a45_50": (45, 50),
    "a51_54": (51, 54),
    "a55_plus": (55, 120),
}
NO_EMERGENCY: Answers = (("emergency", "none"),)


def _choices(question: Question, findings: Findings) -> list[str | tuple[str, ...]]:
    """Every single answer, or for a multi-select screen: none, and each option alone."""
    shown = [option.id for option in shown_options(question, findings)]
    if not question.multi:
        return list(shown)
    return [(), *((option_id,) for option_id in shown)]


def _random_answer(
    question: Question, findings: Findings, rng: random.Random
) -> str | tuple[str, ...]:
    shown = [option.id for option in shown_options(question, findings)]
    if not question.multi:
        return rng.choice(shown)
    return tuple(option_id for option_id in shown if rng.random() < 0.2)


def _finish(answers: Answers, content: TriageContent, rng: random.Random) -> Answers:
    while (question := next_question(answers, content)) is not None:
        findings = findings_from(answers, content)
        answers = (*answers, (question.id, _random_answer(question, findings, rng)))
    return answers


def _walks(content: TriageContent, depth: int = 5, per_prefix: int = 3) -> Iterator[Answers]:
    """Every path to `depth` answers, each finished by seeded random answers."""
    rng = random.Random(20240601)
    prefixes: list[Answers] = [()]
    for _ in range(depth):
        grown: list[Answers] = []
        for answers in prefixes:
            question = next_question(answers, content)
            if question is None:
                yield answers
                continue
            findings = findings_from(answers, content)
            grown += [(*answers, (question.id, a)) for a in _choices(question, findings)]
        prefixes = grown
    for answers in prefixes:
        for _ in range(per_prefix):
            yield _finish(answers, content, rng)


@dataclass(frozen=True)
class Walk:
    answers: Answers
    findings: Findings
    result: Assessment


@pytest.fixture(scope="module")
def walks(content: TriageContent) -> list[Walk]:
    walked = []
    for answers in _walks(content):
        findings = findings_from(answers, content)
        walked.append(Walk(answers, findings, assess(findings, content)))
    return walked


def _script(text: str) -> Answers:
    """`question:option` pairs; a multi-select answer is `question:a+b`, or `question:` for none."""
    answers: list[tuple[str, str | tuple[str, ...]]] = []
    for pair in text.split():
        question_id, _, answer = pair.partition(":")
        multi = answer == "" or "+" in answer or question_id in MULTI
        answers.append((question_id, tuple(filter(None, answer.split("+"))) if multi else answer))
    return tuple(answers)


MULTI = {"now", "bone_acute", "signs", "about", "worse"}


def _taps(answers: Answers) -> int:
    """A single answer is one tap; a multi-select one is a tap per tick, then Done."""
    return sum(len(a) + 1 if isinstance(a, tuple) else 1 for _, a in answers)


def test_the_multi_select_screens_are_the_ones_scripted(content: TriageContent) -> None:
    assert {q.id for q in content.questions if q.multi} == MULTI


def test_the_first_question_is_the_emergency_screen(content: TriageContent) -> None:
    first = next_question((), content)
    assert first is not None and first.id == "emergency" and not first.multi
    for flag in (f for f in content.red_flags if f.level == "emergency"):
        on_first_screen = any(
            flag.when.holds(findings_from(((first.id, option.id),), content))
            for option in first.options
        )
        # Or a follow-up of what the runner reported (cauda equina signs after back pain):
        # asking every runner about bladder control would be out of place.
        asking = [q for q in content.questions if q.sets_fields() & flag.when.fields()]
        follow_up = bool(asking) and all(q.ask_if is not None for q in asking)
        assert on_first_screen or follow_up, flag.id
    for option in first.options:
        answers = ((first.id, option.id),)
        level = assess(findings_from(answers, content), content).level
        # One tap after /kneepain: an emergency answer ends the questionnaire at once.
        assert (level == "emergency") == is_finished(answers, content), option.id
        assert (option.id == "none") != (level == "emergency")


def test_urgent_answers_on_the_now_screen_finish(content: TriageContent) -> None:
    for age in ("a18_39", "a12_17"):
        start: Answers = (*NO_EMERGENCY, ("age", age))
        question = next_question(start, content)
        assert question is not None and question.id == "now" and question.multi
        findings = findings_from(start, content)
        for option in shown_options(question, findings):
            answers = (*start, ("now", (option.id,)))
            level = assess(findings_from(answers, content), content).level
            teen_limp = age == "a12_17" and option.id == "limp"
            assert (level == "urgent") == (option.id != "limp" or teen_limp), option.id
            assert is_finished(answers, content) == (level == "urgent"), option.id


def test_several_answers_on_one_screen_all_count(content: TriageContent) -> None:
    answers = _script("emergency:none age:a40_44 now:calf+limp")
    findings = findings_from(answers, content)
    assert findings.calf_swelling and findings.weight_bearing == "limping"
    assert assess(findings, content).conditions[0] == "dvt"
    # Can't walk beats limping whatever the order the boxes were ticked in.
    for ticks in ("limp+cant_walk", "cant_walk+limp"):
        both = _script(f"emergency:none age:a40_44 now:{ticks}")
        assert findings_from(both, content).weight_bearing == "unable"


def test_every_level_and_condition_is_reachable(content: TriageContent, walks: list[Walk]) -> None:
    assert {walk.result.level for walk in walks} == set(content.levels)
    # Each condition can be named the likeliest.
    assert {walk.result.conditions[0] for walk in walks} == set(content.conditions)


def test_no_path_asks_too_many_questions(content: TriageContent, walks: list[Walk]) -> None:
    assert max(len(walk.answers) for walk in walks) <= MAX_QUESTIONS


TYPICAL = [
    (
        "emergency:none age:a18_39 now: onset:twist when:d1_7 swelling:next_day bone_acute: "
        "signs: about: site:joint_line worse:pivot",
        "soon",
        "meniscus_tear",
    ),
    (
        "emergency:none age:a18_39 now: onset:more_running course:better "
        "signs: about: site:kneecap worse:sit_squat",
        "self_care",
        "patellofemoral_pain",
    ),
    (
        "emergency:none age:a55_plus now: onset:gradual course:lt_6w morning:up_to_30 "
        "signs:daily about: site:joint_line worse:stairs",
        "routine",
        "knee_osteoarthritis",
    ),
    (
        "emergency:none age:a40_44 now: onset:more_running course:better "
        "signs:bone_spot about: site:below_line worse:long_runs",
        "soon",
        "bone_stress_injury",
    ),
    (
        "emergency:none age:a18_39 now: onset:more_running course:lt_6w "
        "signs:groin+hop about: site:diffuse worse:long_runs",
        "soon",
        "femoral_stress_fracture",
    ),
    (
        "emergency:none age:a12_17 now: onset:gradual course:better signs: about: "
        "site:below_cap worse:hills",
        "self_care",
        "osgood_schlatter",
    ),
    (
        "emergency:none age:a55_plus now: onset:twist when:w6_better swelling:a_little "
        "signs: about: site:joint_line worse:pivot",
        "self_care",
        "meniscus_tear",
    ),
    ("emergency:none age:a51_54 now: onset:blow when:today", "urgent", "fracture"),
    ("emergency:none age:a18_39 now:calf", "urgent", "dvt"),
    ("emergency:breathless", "emergency", "dvt"),
    ("emergency:unwell", "emergency", "septic_arthritis"),
]


@pytest.mark.parametrize(("answers", "level", "likeliest"), TYPICAL)
def test_typical_runners(content: TriageContent, answers: str, level: str, likeliest: str) -> None:
    script = _script(answers)
    assert is_finished(script, content)
    assert _taps(script) <= TYPICAL_TAPS
    result = assess(findings_from(script, content), content)
    assert (result.level, result.conditions[0]) == (level, likeliest)


def test_a_masters_runner_with_an_old_settled_injury_is_not_sent_to_hospital(
    content: TriageContent,
) -> None:
    for when in ("w1_6_better", "w6_better"):
        for onset in ("twist", "blow"):
            script = _script(
                f"emergency:none age:a55_plus now: onset:{onset} when:{when} "
                "swelling:not_swollen signs: about: site:joint_line worse:"
            )
            result = assess(findings_from(script, content), content)
            assert result.level == "self_care", (onset, when, result.red_flags)


def test_when_is_asked_before_any_time_limited_rule_decides(content: TriageContent) -> None:
    for onset in ("twist", "inward", "blow", "other_injury"):
        answers = _script(f"emergency:none age:a55_plus now: onset:{onset}")
        question = next_question(answers, content)
        assert question is not None and question.id == "when"
        assert findings_from(answers, content).days_since_onset is None


def test_only_relevant_options_are_shown(content: TriageContent) -> None:
    fresh_twist = _script(
        "emergency:none age:a18_39 now: onset:twist when:today swelling:not_swollen "
        "bone_acute: signs:"
    )
    question = next_question(fresh_twist, content)
    assert question is not None and question.id == "about"
    shown = {o.id for o in shown_options(question, findings_from(fresh_twist, content))}
    assert not shown & {"lump", "weight_loss"}  # not for a 25-year-old's fresh twist
    gradual = _script("emergency:none age:a18_39 now: onset:gradual course:lt_6w signs:")
    shown = {o.id for o in shown_options(question, findings_from(gradual, content))}
    assert {"lump", "weight_loss", "thinners", "periods"} <= shown
    now = content.question("now")
    assert now is not None
    teen = findings_from(_script("emergency:none age:a12_17"), content)
    adult = findings_from(_script("emergency:none age:a18_39"), content)
    assert "hip" in {o.id for o in shown_options(now, teen)}
    assert "hip" not in {o.id for o in shown_options(now, adult)}


def test_a_gradual_onset_is_never_asked_injury_questions(
    content: TriageContent, walks: list[Walk]
) -> None:
    gradual_walks = [w for w in walks if w.findings.onset == "gradual"]
    for walk in gradual_walks:
        asked = [q for q, _ in walk.answers]
        later = asked[asked.index("onset") + 1 :] if "onset" in asked else []
        for question_id in later:
            question = content.question(question_id)
            assert question is not None
            assert not question.sets_fields() & INJURY_ONLY, (question_id, walk.answers)
    assert len(gradual_walks) > 100


def test_findings_only_come_from_the_questions_asked(content: TriageContent) -> None:
    with pytest.raises(AnswerError, match="'onset' when 'emergency' was asked"):
        findings_from((("onset", "twist"),), content)
    with pytest.raises(AnswerError, match=r"does not fit|shows no option"):
        findings_from((("emergency", "maybe"),), content)
    with pytest.raises(AnswerError, match="'age' when 'now' was asked"):
        findings_from((*NO_EMERGENCY, ("age", "a18_39"), ("age", "a12_17")), content)
    with pytest.raises(AnswerError, match="when 'nothing' was asked"):
        findings_from((("emergency", "breathless"), ("age", "a18_39")), content)
    with pytest.raises(AnswerError, match="does not fit"):  # a single answer to a multi-select
        findings_from((*NO_EMERGENCY, ("age", "a18_39"), ("now", "calf")), content)
    with pytest.raises(AnswerError, match="shows no option"):  # hidden from adults
        findings_from((*NO_EMERGENCY, ("age", "a18_39"), ("now", ("hip",))), content)


def test_ids_and_labels_fit_telegram(content: TriageContent) -> None:
    for question in content.questions:
        assert len(question.id) <= 16
        for option in question.options:
            assert len(option.id) <= 12 and len(option.label) <= 30
        if question.multi:
            assert "Tap all that apply, then Done" in question.text


def test_age_bands_match_the_age_buttons(content: TriageContent) -> None:
    question = content.question("age")
    assert question is not None
    assert {option.id for option in question.options} == set(AGE_BANDS)
    for option in question.options:
        low, high = AGE_BANDS[option.id]
        age = option.sets["age"]
        assert isinstance(age, int) and low <= age <= high


@given(
    findings=any_findings,
    band=st.sampled_from(sorted(AGE_BANDS)),
    offset=st.integers(0, 200),
)
def test_a_band_age_is_never_less_cautious_than_the_real_age(
    content: TriageContent, findings: Findings, band: str, offset: int
) -> None:
    question = content.question("age")
    assert question is not None
    option = question.option(band)
    assert option is not None
    low, high = AGE_BANDS[band]
    real = assess(with_changes(findings, age=low + offset % (high - low + 1)), content)
    shown = assess(with_changes(findings, age=option.sets["age"]), content)
    assert urgency(shown.level) <= urgency(real.level)
