"""The library's screens: every one reachable by tapping fits one message, parses as Telegram HTML,
and every button on it leads to another screen; forged data and hostile content are safe."""

from collections import deque
from datetime import date

import pytest

from bot.domain.content.browse import exercises_for
from bot.domain.content.daily import stretch_of_the_day
from bot.domain.content.library import Library
from bot.domain.triage.ids import CONDITION_IDS
from bot.features.library.screens import (
    Screen,
    exercises,
    prevention,
    screen_for,
    stretches,
    warmup,
)
from bot.features.library.screens.common import PER_PAGE, page_of
from bot.telegram_local.html import parse_html
from bot.ui.html import MAX_MESSAGE_CHARS
from tests.support.screens import PHONE_SCREEN_CHARS, assert_sendable, visible_length
from tests.support.spec import SpecChecker

DAY = date(2026, 11, 23)


def _entries(library: Library) -> list[Screen]:
    return [
        stretches.of_the_day(library, DAY),
        warmup.routine(library, "full"),
        exercises.menu(library),
        prevention.overview(library),
    ]


def _route(library: Library, data: str) -> Screen | None:
    found = screen_for(library, data)
    return found[0] if found else None


def reachable(library: Library) -> dict[str, Screen]:
    """Every screen a runner can reach by tapping from the four commands, by callback data."""
    screens: dict[str, Screen] = {}
    queue = deque(_entries(library))
    while queue:
        for row in queue.popleft().keyboard:
            for button in row:
                data = button.callback_data
                assert isinstance(data, str), f"{button.text!r} is not a callback button"
                if data in screens:
                    continue
                screen = _route(library, data)
                assert screen is not None, f"{button.text!r} leads nowhere: {data}"
                screens[data] = screen
                queue.append(screen)
    return screens


@pytest.fixture(scope="module")
def screens(library: Library) -> list[Screen]:
    return [*_entries(library), *reachable(library).values()]


def test_every_screen_fits_one_message_and_is_valid_telegram_html(
    screens: list[Screen], checker: SpecChecker
) -> None:
    for screen in screens:
        assert_sendable(screen, checker)


def test_tapping_reaches_every_stretch_move_exercise_and_section(
    screens: list[Screen], library: Library
) -> None:
    seen = "\n".join(parse_html(screen.text).text for screen in screens)
    names = [
        *(stretch.name for stretch in library.stretches),
        *(move.name for move in library.warmup.moves),
        *(exercise.name for exercise in library.exercises),
        *(factor.name for factor in library.prevention.risk_factors),
        library.prevention.see_a_doctor.name,
    ]
    assert [name for name in names if name not in seen] == []


def _budget(screen: Screen) -> int:
    # A card fits a phone screen; its sources, one tap away, are the evidence moved there whole
    # (as in /kneepain's Sources view): they fit one message.
    is_sources = parse_html(screen.text).text.startswith("Sources:")
    return MAX_MESSAGE_CHARS if is_sources else PHONE_SCREEN_CHARS


def test_every_screen_fits_a_phone(screens: list[Screen]) -> None:
    over = {
        parse_html(screen.text).text.split("\n", 1)[0]: visible_length(screen)
        for screen in screens
        if visible_length(screen) > _budget(screen)
    }
    assert over == {}


def test_the_stretch_card_shows_everything_with_its_sources_one_tap_away(
    library: Library,
) -> None:
    stretch = stretch_of_the_day(library.stretches, DAY)
    card = stretches.of_the_day(library, DAY)
    text = parse_html(card.text).text
    assert text.startswith("Stretch of the day · 23 November")
    for line in (*stretch.steps, *stretch.cues, *stretch.mistakes, *stretch.cautions):
        assert line in text
    assert stretch.why in text
    assert f"Hold {stretch.hold_seconds} s × {stretch.repetitions}" in text
    [cited] = [b for row in card.keyboard for b in row if b.text == "📚 Sources"]
    assert isinstance(cited.callback_data, str)
    shown = _route(library, cited.callback_data)
    assert shown is not None
    for source in stretch.sources:
        assert library.sources[source].cite not in text  # moved, not cut:
        assert library.sources[source].cite in parse_html(shown.text).text


def test_every_card_keeps_every_source_one_tap_away(
    screens: list[Screen], library: Library
) -> None:
    cited = "\n".join(parse_html(screen.text).text for screen in screens if "Source" in screen.text)
    every = {
        *(source for stretch in library.stretches for source in stretch.sources),
        *(source for exercise in library.exercises for source in exercise.sources),
        *(source for factor in library.prevention.risk_factors for source in factor.sources),
        *library.prevention.see_a_doctor.sources,
        *library.warmup.sources,
    }
    assert [source for source in every if library.sources[source].cite not in cited] == []


def test_another_stretch_walks_the_whole_library_in_order(library: Library) -> None:
    screen = stretches.of_the_day(library, DAY)
    shown = []
    for _ in library.stretches:
        data = screen.keyboard[0][0].callback_data
        assert isinstance(data, str)
        next_screen = _route(library, data)
        assert next_screen is not None
        screen = next_screen
        shown.append(parse_html(screen.text).text.split("\n", 1)[0])
    first = library.stretches.index(stretch_of_the_day(library.stretches, DAY))
    order = library.stretches[first + 1 :] + library.stretches[: first + 1]
    assert shown == [stretch.name for stretch in order]


def test_the_warm_up_versions_show_their_length(library: Library) -> None:
    full, quick = warmup.routine(library, "full"), warmup.routine(library, "quick")
    assert "about 7 min" in full.text and "about 3 min" in quick.text
    assert [b.text for b in full.keyboard[0]] == [
        "Short version (3 min)",
        "Step by step",
    ]


def test_exercise_lists_are_paginated(library: Library) -> None:
    strength = [e for e in library.exercises if "strength" in e.goals]
    assert len(strength) > PER_PAGE  # the content is big enough to need pages
    page = page_of(strength, 1)
    assert page is not None and page.items == tuple(strength[PER_PAGE : 2 * PER_PAGE])
    assert page_of(strength, -1) is None and page_of(strength, page.count) is None


def test_the_exercise_button_for_a_condition_opens_its_list(library: Library) -> None:
    for condition in CONDITION_IDS:
        button = exercises.exercise_button_for(library, condition)
        expected = exercises_for(library, condition)
        if not expected:
            assert button is None
            continue
        assert button is not None and isinstance(button.callback_data, str)
        screen = _route(library, button.callback_data)
        assert screen is not None
        assert library.triage.conditions[condition].name in screen.text
        labels = [row[0].text for row in screen.keyboard]
        assert labels[: len(expected[:PER_PAGE])] == [e.name for e in expected[:PER_PAGE]]


def test_the_prevention_overview_states_the_evidence_honestly(library: Library) -> None:
    text = parse_html(prevention.overview(library).text).text
    assert "Strength training – helps" in text
    assert "Stretching – not shown to help" in text


@pytest.mark.parametrize(
    "data",
    [
        "st",
        "st:s",
        "st:s:no_such_stretch",
        "st:l:3",
        "st:l:-1",
        "st:l:x",
        "st:l:0:0",
        "wu",
        "wu:half",
        "wu:full:10",
        "wu:quick:5",
        "wu:full:0:0",
        "wu:full:finished",
        "ex",
        "ex:g:0",
        "ex:l:rehab:0",
        "ex:l:fracture:0",
        "ex:l:strength:9",
        "ex:e:quad_set:mobility:0",
        "ex:e:quad_set:strength:1",
        "ex:e:nothing:strength:0",
        "pv",
        "pv:r:nothing",
        "pv:o:0",
        "pv:d:x",
    ],
)
def test_stale_or_forged_data_gives_no_screen(library: Library, data: str) -> None:
    assert _route(library, data) is None


def test_dynamic_values_are_escaped(library: Library, checker: SpecChecker) -> None:
    hostile = '<b>Bold</b> & "quotes" </i>'
    stretch = library.stretches[0].model_copy(update={"name": hostile, "cues": (hostile,)})
    exercise = library.exercises[0].model_copy(update={"name": hostile, "steps": (hostile,) * 2})
    source = library.sources[stretch.sources[0]].model_copy(update={"cite": hostile})
    broken = library.model_copy(
        update={
            "stretches": (stretch, *library.stretches[1:]),
            "exercises": (exercise, *library.exercises[1:]),
            "sources": {**library.sources, source.id: source},
        }
    )
    for screen in (
        stretches.card(broken, stretch),
        _route(broken, f"ex:e:{exercise.id}:strength:0"),
    ):
        assert screen is not None
        params = {"chat_id": 1, "text": screen.text, "parse_mode": "HTML"}
        assert checker.check("sendMessage", params) == []
        assert hostile in parse_html(screen.text).text
