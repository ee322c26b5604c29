"""Choosing exercises by condition or goal."""

from bot.domain.content.browse import conditions_with_exercises, exercises_for, exercises_with_goal
from bot.domain.content.exercises import NO_HOME_EXERCISE
from bot.domain.content.library import Library
from bot.domain.triage.ids import CONDITION_IDS


def test_exercises_for_a_condition_are_those_that_suit_it_in_library_order(
    library: Library,
) -> None:
    for condition in CONDITION_IDS:
        found = exercises_for(library, condition)
        assert all(condition in exercise.suits for exercise in found)
        expected = [e.id for e in library.exercises if condition in e.suits]
        assert [exercise.id for exercise in found] == expected


def test_conditions_needing_care_first_have_no_exercises(library: Library) -> None:
    for condition in NO_HOME_EXERCISE:
        assert exercises_for(library, condition) == ()
    assert not NO_HOME_EXERCISE.intersection(conditions_with_exercises(library))


def test_conditions_with_exercises_keep_the_triage_order(library: Library) -> None:
    listed = conditions_with_exercises(library)
    assert list(listed) == [c for c in CONDITION_IDS if c in listed]
    assert {c for e in library.exercises for c in e.suits} == set(listed)


def test_exercises_with_a_goal(library: Library) -> None:
    strength = exercises_with_goal(library, "strength")
    assert strength and all("strength" in exercise.goals for exercise in strength)
    assert len(strength) == sum("strength" in e.goals for e in library.exercises)
