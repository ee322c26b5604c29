"""The shipped content loads, cross-references resolve, and it says what the brief promises."""

import pytest
from pydantic import BaseModel

from bot.domain.content.exercises import NO_HOME_EXERCISE
from bot.domain.content.fields import text_chars
from bot.domain.content.library import Library
from bot.domain.sourced import Sourced
from bot.domain.triage.ids import CONDITION_IDS

TELEGRAM_LIMIT = 4096
HEADINGS = 300  # titles, labels like "Hold:" and the dose line a renderer adds

NAMED_STRETCHES = {
    "standing_hamstring",
    "seated_hamstring",
    "standing_quad",
    "lying_quad",
    "wall_calf",
    "standing_calf",
    "standing_itb",
    "seated_itb",
}
NAMED_EXERCISES = {
    "leg_extension",
    "glute_bridge",
    "clamshell",
    "calf_raise",
    "straight_leg_raise",
    "hamstring_curl",
    "quad_set",
    "step_down",
    "wall_sit",
    "side_lying_abduction",
}
NAMED_DRILLS = {
    "leg_swings_front",
    "leg_swings_side",
    "hip_circles",
    "walking_lunges",
    "high_knees",
    "butt_kicks",
}
RISK_FACTORS = {"training_load", "rest", "shoes", "surfaces", "strength", "running_form"}


def _messages(library: Library) -> list[object]:
    """Everything the bot shows as one message."""
    prevention = library.prevention
    return [
        *library.stretches,
        *library.exercises,
        library.warmup,
        prevention.overview,
        *prevention.risk_factors,
        prevention.see_a_doctor,
    ]


def _cited_ids(item: object) -> set[str]:
    found: set[str] = set()
    stack = [item]
    while stack:
        node = stack.pop()
        if isinstance(node, Sourced):
            found.update(node.sources)
        if isinstance(node, tuple):
            stack.extend(node)
        elif isinstance(node, BaseModel):
            stack.extend(getattr(node, name) for name in type(node).model_fields)
    return found


def test_the_named_stretches_are_there_among_at_least_14(library: Library) -> None:
    ids = [stretch.id for stretch in library.stretches]
    assert set(ids) >= NAMED_STRETCHES
    assert {"side_lunge_adductor", "kneeling_hip_flexor", "figure_four"} <= set(ids)
    assert len(ids) >= 14


def test_ids_are_unique_and_stretches_and_exercises_share_no_id(library: Library) -> None:
    ids = [stretch.id for stretch in library.stretches]
    ids += [exercise.id for exercise in library.exercises]
    assert len(ids) == len(set(ids))
    moves = [move.id for move in library.warmup.moves]
    assert len(moves) == len(set(moves))


def test_every_cited_source_exists(library: Library) -> None:
    entries = list(library.cited())
    assert len(entries) > len(library.stretches) + len(library.exercises)
    for entry in entries:
        assert entry.sources
        assert set(entry.sources) <= library.sources.keys()


def test_every_entry_that_makes_a_claim_is_sourced(library: Library) -> None:
    items = [*library.stretches, *library.exercises, *library.warmup.moves]
    items += [*library.prevention.overview.findings, *library.prevention.risk_factors]
    assert all(isinstance(item, Sourced) and item.sources for item in items)


def test_button_labels_fit(library: Library) -> None:
    names = [stretch.name for stretch in library.stretches]
    names += [exercise.name for exercise in library.exercises]
    names += [move.name for move in library.warmup.moves]
    names += [factor.name for factor in library.prevention.risk_factors]
    names += [finding.topic for finding in library.prevention.overview.findings]
    assert all(0 < len(name) <= 40 for name in names)


def test_each_item_fits_one_telegram_message_with_its_citations(library: Library) -> None:
    for item in _messages(library):
        cites = sum(len(library.sources[source].cite) + 3 for source in _cited_ids(item))
        assert text_chars(item) + cites + HEADINGS <= TELEGRAM_LIMIT, item


def test_stretch_doses_follow_the_acsm_range(library: Library) -> None:
    for stretch in library.stretches:
        assert 10 <= stretch.hold_seconds <= 30
        assert 30 <= stretch.hold_seconds * stretch.repetitions <= 120


def test_stretches_promise_comfort_not_prevention(library: Library) -> None:
    for stretch in library.stretches:
        assert "yeung2011" in stretch.sources or "lauersen2014" in stretch.sources, stretch.id
        assert "prevent" in stretch.why, stretch.id  # each one says it does not


def test_warm_up_has_the_drills_and_lasts_six_to_eight_minutes(library: Library) -> None:
    warmup = library.warmup
    assert {move.id for move in warmup.moves} >= NAMED_DRILLS
    assert 6 * 60 <= warmup.full.seconds <= 8 * 60
    assert 150 <= warmup.quick.seconds <= 210
    assert {move.id for move in warmup.quick.moves} < {move.id for move in warmup.moves}
    assert "soligard2008" in warmup.sources
    assert "runners" in warmup.intro


def test_the_named_exercises_are_there(library: Library) -> None:
    ids = {exercise.id for exercise in library.exercises}
    assert ids >= NAMED_EXERCISES
    assert {"spanish_squat", "split_squat", "side_plank"} <= ids


def test_exercises_suit_only_conditions_a_runner_may_treat_at_home(library: Library) -> None:
    for exercise in library.exercises:
        assert set(exercise.suits) <= set(CONDITION_IDS)
        assert not NO_HOME_EXERCISE.intersection(exercise.suits), exercise.id
        assert exercise.goals and exercise.steps and exercise.progressions and exercise.regressions


@pytest.mark.parametrize("condition", ["patellofemoral_pain", "knee_osteoarthritis", "mcl_sprain"])
def test_common_inner_knee_conditions_have_exercises(library: Library, condition: str) -> None:
    assert sum(condition in exercise.suits for exercise in library.exercises) >= 5


def test_prevention_covers_the_six_risk_factors(library: Library) -> None:
    factors = library.prevention.risk_factors
    assert {factor.id for factor in factors} == RISK_FACTORS
    assert all(factor.advice for factor in factors)
    strength = next(factor for factor in factors if factor.id == "strength")
    # Strong in team sports; in runners one trial found no effect, so moderate for runners.
    assert strength.evidence == "moderate"
    assert {"lauersen2014", "toresdahl2020"} <= set(strength.sources)


def test_prevention_states_the_evidence_honestly(library: Library) -> None:
    verdicts = {f.id: f for f in library.prevention.overview.findings}
    assert verdicts["strength_training"].verdict == "helps"
    assert verdicts["stretching"].verdict == "not_shown"
    assert {"yeung2011", "lauersen2014"} <= set(verdicts["stretching"].sources)
    assert verdicts["ten_percent_rule"].verdict == "not_shown"
    assert "buist2008" in verdicts["ten_percent_rule"].sources
    assert verdicts["warm_up"].verdict == "unclear"


def test_prevention_says_when_to_see_a_doctor(library: Library) -> None:
    safety_net = library.triage.safety_net
    signs = " ".join(safety_net[s].text for s in library.prevention.see_a_doctor.signs).lower()
    for sign in ("breathless", "swells", "locks", "fever", "hop", "child"):
        assert sign in signs
