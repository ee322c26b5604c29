"""Choosing exercises by the condition they suit or by their goal: pure lookups over the Library,
shared by /exercises and the triage outcome."""

from bot.domain.content.exercises import Exercise, Goal
from bot.domain.content.library import Library
from bot.domain.triage.ids import CONDITION_IDS, ConditionId


def exercises_for(library: Library, condition_id: ConditionId) -> tuple[Exercise, ...]:
    """The exercises that suit a condition, in library order; none for conditions that need
    medical care first."""
    return tuple(exercise for exercise in library.exercises if condition_id in exercise.suits)


def exercises_with_goal(library: Library, goal: Goal) -> tuple[Exercise, ...]:
    return tuple(exercise for exercise in library.exercises if goal in exercise.goals)


def conditions_with_exercises(library: Library) -> tuple[ConditionId, ...]:
    """The conditions that have at least one exercise, in the triage's order."""
    return tuple(condition for condition in CONDITION_IDS if exercises_for(library, condition))
