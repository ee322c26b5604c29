"""/stretch: the stretch of the day, any other stretch, and the list of all of them.

Callback data: `st:s:<stretch id>` opens a stretch, `st:s:<stretch id>:src` its sources (and
`st:s:<stretch id>:back` the card again from there, without a second animation), `st:l:<page>` a
page of the list.
"""

from datetime import date

from telegram import InlineKeyboardMarkup

from bot.domain.content.daily import stretch_of_the_day
from bot.domain.content.library import Library
from bot.domain.content.stretches import Stretch
from bot.features.library.buttons import STRETCHES
from bot.features.library.screens.common import (
    bullets,
    nav_row,
    numbered,
    page_containing,
    page_of,
    section,
    sources_button,
    sources_screen,
)
from bot.ui.callback import number_from
from bot.ui.html import b, h, i
from bot.ui.keyboards import button
from bot.ui.screen import Screen


def _dose(stretch: Stretch) -> str:
    side = ", each side" if stretch.per_side else ""
    return f"{b('Hold')} {stretch.hold_seconds} s × {stretch.repetitions}{side}"


def _card_text(stretch: Stretch) -> str:
    return "\n\n".join(
        [
            b(h(stretch.name)) + "\n" + i("Stretches: " + h(", ".join(stretch.muscles))),
            numbered(stretch.steps),
            _dose(stretch),
            section("Cues", bullets(stretch.cues)),
            section("Common mistakes", bullets(stretch.mistakes)),
            section("Why it helps", h(stretch.why)),
            section("Take care", bullets(stretch.cautions)),
        ]
    )


def _card_keyboard(library: Library, stretch: Stretch) -> InlineKeyboardMarkup:
    stretches = library.stretches
    following = stretches[(stretches.index(stretch) + 1) % len(stretches)]
    return InlineKeyboardMarkup(
        [
            [
                button("Another stretch", STRETCHES.data("s", following.id)),
                button("All stretches", STRETCHES.data("l", page_containing(stretches, stretch))),
            ],
            [sources_button(STRETCHES.data("s", stretch.id, "src"))],
        ]
    )


def card(library: Library, stretch: Stretch) -> Screen:
    return Screen(_card_text(stretch), _card_keyboard(library, stretch))


def of_the_day(library: Library, local_date: date) -> Screen:
    stretch = stretch_of_the_day(library.stretches, local_date)
    heading = b(f"Stretch of the day · {local_date.day} {local_date:%B}")
    return Screen(heading + "\n\n" + _card_text(stretch), _card_keyboard(library, stretch))


def list_page(library: Library, number: int | None) -> Screen | None:
    page = page_of(library.stretches, number)
    if page is None:
        return None
    rows = [[button(stretch.name, STRETCHES.data("s", stretch.id))] for stretch in page.items]
    if nav := nav_row(page, lambda n: STRETCHES.data("l", n)):
        rows.append(nav)
    text = b("All stretches") + "\nTap one to see how to do it."
    if page.caption:
        text += "\n" + i(page.caption)
    return Screen(text, InlineKeyboardMarkup(rows))


def route(library: Library, args: tuple[str, ...]) -> Screen | None:
    """The screen a press asks for, or None for stale or forged data."""
    match args:
        case ("s", stretch_id) | ("s", stretch_id, "back"):
            stretch = next((s for s in library.stretches if s.id == stretch_id), None)
            return None if stretch is None else card(library, stretch)
        case ("s", stretch_id, "src"):
            stretch = next((s for s in library.stretches if s.id == stretch_id), None)
            back = STRETCHES.data("s", stretch_id, "back")
            return None if stretch is None else sources_screen(library, stretch.sources, back)
        case ("l", number):
            return list_page(library, number_from(number))
    return None
