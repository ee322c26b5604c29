"""The /kneepain questionnaire: short, safe first, and able to reach every outcome."""

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
    Level,
    TriageContent,
    assess,
    findings_from,
    is_finished,
    next_question,
    urgency,
)
from tests.triage.strategies import findings as any_findings
from tests.triage.strategies import with_changes

MAX_ANSWERS = 10
# The red-flag screens: "Is any of these true?" with a "none" answer last.
SCREENS = ("emergency", "urgent", "urgent_young", "bone_acute", "bone_other", "mechanical")
INJURY_ONLY = {"mechanism", "days_since_onset", "swelling"}
# The ages each age button stands for (its representative age lies inside).
AGE_BANDS = {
    "under_12": (0, 11),
    "a12_17": (12, 17),
    "a18_39": (18, 39),
    "a40_50": (40, 50),
    "a51_54": (51, 54),
    "a55_plus": (55, 120),
}


def _finish(answers: Answers, content: TriageContent, rng: random.Random) -> Answers:
    while (question := next_question(answers, content)) is not None:
        answers = (*answers, (question.id, rng.choice(question.options).id))
    return answers


def _walks(content: TriageContent, depth: int = 5, per_prefix: int = 8) -> Iterator[Answers]:
    """Every path to `depth` answers, each finished by seeded random answers."""
    rng = random.Random(20240601)
    prefixes: list[Answers] = [()]
    for _ in range(depth):
        grown: list[Answers] = []
        for answers in prefixes:
            question = next_question(answers, content)
            if question is None:
                yield answers
            else:
                grown += [(*answers, (question.id, option.id)) for option in question.options]
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


def _longest(answers: Answers, content: TriageContent) -> int:
    """The most answers any path can need: options that set the same fields an ask_if reads
    lead to the same questions, so one per group is enough - the one least likely to end early."""
    question = next_question(answers, content)
    if question is None:
        return len(answers)
    read = frozenset().union(*(q.ask_if.fields() for q in content.questions if q.ask_if))
    groups: dict[tuple[tuple[str, object], ...], Answers] = {}
    for option in question.options:
        key = tuple(sorted((k, v) for k, v in option.sets.items() if k in read))
        candidate = (*answers, (question.id, option.id))
        best = groups.get(key)
        if best is None or _level_rank(candidate, content) > _level_rank(best, content):
            groups[key] = candidate
    return max(_longest(candidate, content) for candidate in groups.values())


def _level_rank(answers: Answers, content: TriageContent) -> int:
    return urgency(assess(findings_from(answers, content), content).level)


def test_the_first_question_is_the_emergency_screen(content: TriageContent) -> None:
    first = next_question((), content)
    assert first is not None and first.id == "emergency"
    for flag in (f for f in content.red_flags if f.level == "emergency"):
        assert any(
            flag.when.holds(findings_from(((first.id, option.id),), content))
            for option in first.options
        ), flag.id
    for option in first.options:
        answers = ((first.id, option.id),)
        level = assess(findings_from(answers, content), content).level
        # One tap after /kneepain: an emergency answer ends the questionnaire at once.
        assert (level == "emergency") == is_finished(answers, content), option.id
    assert not is_finished(((first.id, "none"),), content)


def test_an_urgent_screen_answer_finishes(content: TriageContent) -> None:
    for age, urgent in (("a18_39", "urgent"), ("a12_17", "urgent_young")):
        start: Answers = (("emergency", "none"), ("age", age))
        question = next_question(start, content)
        assert question is not None and question.id == urgent
        for option in question.options:
            answers = (*start, (question.id, option.id))
            level = assess(findings_from(answers, content), content).level
            assert (option.id != "none") == (level == "urgent") == is_finished(answers, content)


def test_every_level_and_condition_is_reachable(content: TriageContent, walks: list[Walk]) -> None:
    assert {walk.result.level for walk in walks} == set(content.levels)
    # Each condition can be named the likeliest.
    assert {walk.result.conditions[0] for walk in walks} == set(content.conditions)


def test_no_path_needs_more_than_ten_answers(content: TriageContent, walks: list[Walk]) -> None:
    assert max(len(walk.answers) for walk in walks) <= MAX_ANSWERS
    assert _longest((), content) <= MAX_ANSWERS


@pytest.mark.parametrize(
    ("answers", "level", "likeliest"),
    [
        (
            "emergency:none age:a18_39 urgent:none onset:twist when:d1_7 swelling:next_day "
            "bone_acute:neither mechanical:none site:joint_line worse:pivot",
            "soon",
            "meniscus_tear",
        ),
        (
            "emergency:none age:a18_39 urgent:none onset:more_running course:better "
            "bone_other:none mechanical:none site:kneecap worse:sit_squat",
            "self_care",
            "patellofemoral_pain",
        ),
        (
            "emergency:none age:a55_plus urgent:none onset:gradual course:lt_6w morning:up_to_30 "
            "bone_other:none mechanical:none site:joint_line worse:stairs",
            "routine",
            "knee_osteoarthritis",
        ),
        (
            "emergency:none age:a40_50 urgent:none onset:more_running course:better "
            "morning:not_stiff bone_other:bone_spot mechanical:none site:below_line "
            "worse:long_runs",
            "soon",
            "bone_stress_injury",
        ),
        ("emergency:none age:a51_54 urgent:none onset:blow", "urgent", "fracture"),
        ("emergency:calf", "emergency", "dvt"),
        ("emergency:wound", "emergency", "septic_arthritis"),
        (
            "emergency:none age:a40_50 urgent:none onset:gradual course:lt_6w morning:not_stiff "
            "bone_other:lump mechanical:none site:below_line worse:stairs",
            "soon",
            "pes_anserine_bursitis",
        ),
        (
            "emergency:none age:a55_plus urgent:none onset:gradual course:ge_6w morning:up_to_30 "
            "bone_other:weight_loss mechanical:none site:joint_line worse:stairs",
            "soon",
            "knee_osteoarthritis",
        ),
    ],
)
def test_typical_runners(content: TriageContent, answers: str, level: str, likeliest: str) -> None:
    script = tuple(tuple(pair.split(":")) for pair in answers.split())
    pairs = tuple((q, o) for q, o in script)
    assert is_finished(pairs, content)
    assert len(pairs) <= MAX_ANSWERS
    result = assess(findings_from(pairs, content), content)
    assert (result.level, result.conditions[0]) == (level, likeliest)


def test_screens_put_the_most_urgent_answer_first(
    content: TriageContent, walks: list[Walk]
) -> None:
    """Every answer but "none" on a screen leads to the same level, or they are ordered most
    urgent first and the screen says to tap the first that applies (one tap, so none is lost)."""
    seen: set[tuple[str, str]] = set()
    for walk in walks:
        for step, (question_id, _) in enumerate(walk.answers):
            prefix = walk.answers[:step]
            key = (question_id, findings_from(prefix, content).model_dump_json())
            if question_id not in SCREENS or key in seen:
                continue
            seen.add(key)
            question = content.question(question_id)
            assert question is not None
            levels = [
                urgency(_level_of((*prefix, (question_id, option.id)), content))
                for option in question.options
                if option.sets
            ]
            assert levels == sorted(levels), (question_id, prefix)
            if len(set(levels)) > 1:
                assert "tap the first" in question.text, question_id
    assert {question_id for question_id, _ in seen} == set(SCREENS)


def _level_of(answers: Answers, content: TriageContent) -> Level:
    return assess(findings_from(answers, content), content).level


def test_the_new_red_flags_are_asked_on_existing_screens(content: TriageContent) -> None:
    emergency = content.question("emergency")
    bone_other = content.question("bone_other")
    assert emergency is not None and bone_other is not None
    assert [o.id for o in emergency.options][-2:] == ["wound", "none"]
    assert [o.id for o in bone_other.options][:2] == ["lump", "weight_loss"]
    # Asked after a gradual onset and after an injury over a week ago, without an extra tap.
    start: Answers = (("emergency", "none"), ("age", "a18_39"), ("urgent", "none"))
    gradual: Answers = (*start, ("onset", "gradual"), ("course", "better"))
    injury: Answers = (*start, ("onset", "twist"), ("when", "w1_6_same"), ("swelling", "a_little"))
    rng = random.Random(7)
    for answers in (gradual, injury):
        question = next_question(answers, content)
        assert question is not None and question.id == "bone_other"
        for option_id in ("lump", "weight_loss"):
            done = _finish((*answers, ("bone_other", option_id)), content, rng)
            assert len(done) <= MAX_ANSWERS
            result = assess(findings_from(done, content), content)
            assert result.level == "soon" and "weight_loss_lump" in result.red_flags


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
    assert sum("onset" in dict(w.answers) for w in gradual_walks) > 100
    gradual: Answers = (("emergency", "none"), ("age", "a18_39"), ("urgent", "none"))
    question = next_question((*gradual, ("onset", "gradual")), content)
    assert question is not None and question.id == "course"


def test_findings_only_come_from_the_questions_asked(content: TriageContent) -> None:
    with pytest.raises(AnswerError, match="'onset' when 'emergency' was asked"):
        findings_from((("onset", "twist"),), content)
    with pytest.raises(AnswerError, match="no option 'maybe'"):
        findings_from((("emergency", "maybe"),), content)
    with pytest.raises(AnswerError, match="'age' when 'urgent' was asked"):
        findings_from((("emergency", "none"), ("age", "a18_39"), ("age", "a12_17")), content)
    with pytest.raises(AnswerError, match="when 'nothing' was asked"):
        findings_from((("emergency", "calf"), ("age", "a18_39")), content)


def test_ids_and_labels_fit_telegram(content: TriageContent) -> None:
    for question in content.questions:
        assert len(question.id) <= 16
        for option in question.options:
            assert len(option.id) <= 12 and len(option.label) <= 30
            assert len(f"kp:{question.id}:{option.id}".encode()) <= 64


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
