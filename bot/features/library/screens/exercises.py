"""/exercises: browse by goal or by knee condition, then open an exercise card.

Callback data: `ex:g` the menu of topics, `ex:l:<topic>:<page>` a page of a topic's exercises,
`ex:e:<exercise id>:<topic>:<page>` a card with Back to that page (`...:src` its sources, and
`...:back` the card again from there, without a second animation). A
topic is `strength`, `mobility` or a condition id.
"""

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.content.browse import conditions_with_exercises, exercises_for, exercises_with_goal
from bot.domain.content.exercises import Exercise, Goal
from bot.domain.content.library import Library
from bot.domain.triage.ids import ConditionId
from bot.features.library.buttons import EXERCISES, OPEN_NEW
from bot.features.library.screens.common import (
    Page,
    bullets,
    nav_row,
    numbered,
    page_of,
    section,
    sources_button,
    sources_screen,
)
from bot.ui.callback import number_from
from bot.ui.html import b, h, i
from bot.ui.keyboards import button
from bot.ui.screen import Screen

# Rehab exercises are reached through the condition they suit, so the menu offers these goals.
BROWSE_GOALS: dict[Goal, str] = {"strength": "Strength", "mobility": "Mobility"}


@dataclass(frozen=True)
class Topic:
    key: str  # what the callback data carries
    label: str  # the menu button
    title: str  # the list's heading
    exercises: tuple[Exercise, ...]


def topics(library: Library) -> tuple[Topic, ...]:
    """Every topic with at least one exercise: the goals, then the conditions in triage order."""
    goals = (
        Topic(goal, label, f"{label} exercises", exercises_with_goal(library, goal))
        for goal, label in BROWSE_GOALS.items()
    )
    names = {cid: condition.name for cid, condition in library.triage.conditions.items()}
    conditions = (
        Topic(cid, names[cid], f"Exercises: {names[cid]}", exercises_for(library, cid))
        for cid in conditions_with_exercises(library)
    )
    return tuple(topic for topic in (*goals, *conditions) if topic.exercises)


def _topic(library: Library, key: str) -> Topic | None:
    return next((topic for topic in topics(library) if topic.key == key), None)


def menu(library: Library) -> Screen:
    rows = [[button(topic.label, EXERCISES.data("l", topic.key, 0))] for topic in topics(library)]
    text = (
        b("Exercises")
        + "\n\nChoose a goal, or a knee problem to see the exercises that suit it. Each card says "
        "how much to do, how to make it easier or harder, and when to stop."
    )
    return Screen(text, InlineKeyboardMarkup(rows))


def list_page(library: Library, topic: Topic, number: int | None) -> Screen | None:
    page = page_of(topic.exercises, number)
    if page is None:
        return None
    rows = [
        [button(exercise.name, EXERCISES.data("e", exercise.id, topic.key, page.number))]
        for exercise in page.items
    ]
    if nav := nav_row(page, lambda n: EXERCISES.data("l", topic.key, n)):
        rows.append(nav)
    rows.append([button("‹ All goals", EXERCISES.data("g"))])
    text = b(h(topic.title)) + "\nTap an exercise to see how to do it."
    if page.caption:
        text += "\n" + i(page.caption)
    return Screen(text, InlineKeyboardMarkup(rows))


def _dose(exercise: Exercise) -> str:
    if exercise.reps is None:
        dose = f"{exercise.sets} × {exercise.hold_seconds} s hold"
    else:
        dose = f"{exercise.sets} sets × {exercise.reps}"
        if exercise.hold_seconds is not None:
            dose += f", holding each for {exercise.hold_seconds} s"
    return dose + (", each side" if exercise.per_side else "")


def card(exercise: Exercise, topic: Topic, page: Page[Exercise]) -> Screen:
    text = "\n\n".join(
        [
            b(h(exercise.name)) + "\n" + h(exercise.purpose),
            f"{b('Dose')} {h(_dose(exercise))}",
            section("How", numbered(exercise.steps)),
            section("Make it harder", bullets(exercise.progressions)),
            section("Make it easier", bullets(exercise.regressions)),
            section("Take care", bullets(exercise.cautions)),
        ]
    )
    back = button("‹ Back", EXERCISES.data("l", topic.key, page.number))
    cited = sources_button(EXERCISES.data("e", exercise.id, topic.key, page.number, "src"))
    return Screen(text, InlineKeyboardMarkup([[back, cited]]))


def exercise_button_for(
    library: Library, condition_id: ConditionId, label: str = "Exercises that may help"
) -> InlineKeyboardButton | None:
    """A button opening a condition's exercise list as a new message (so the message it sits on
    stays); None when the condition has no exercises (care comes first)."""
    if not exercises_for(library, condition_id):
        return None
    return button(label, OPEN_NEW.data(EXERCISES.prefix, "l", condition_id, 0))


def route(library: Library, args: tuple[str, ...]) -> Screen | None:
    """The screen a press asks for, or None for stale or forged data."""
    match args:
        case ("g",):
            return menu(library)
        case ("l", key, number):
            topic = _topic(library, key)
            return None if topic is None else list_page(library, topic, number_from(number))
        case ("e", exercise_id, key, number, *part) if part in ([], ["src"], ["back"]):
            # The exercise must be on that page, so Back returns to where it was opened from.
            topic = _topic(library, key)
            page = page_of(topic.exercises, number_from(number)) if topic else None
            exercise = next((e for e in page.items if e.id == exercise_id), None) if page else None
            if not (topic and page and exercise):
                return None
            if part == ["src"]:
                back = EXERCISES.data("e", exercise_id, key, number, "back")
                return sources_screen(library, exercise.sources, back)
            return card(exercise, topic, page)
    return None
