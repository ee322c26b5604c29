"""Pieces every library screen shares: the screen itself, lists, sources, durations, pages."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.content.library import Library
from bot.ui.html import b, h, i
from bot.ui.keyboards import button
from bot.ui.screen import Screen

T = TypeVar("T")

PER_PAGE = 6


def section(title: str, body: str) -> str:
    return f"{b(h(title))}\n{body}"


def bullets(lines: Iterable[str]) -> str:
    return "\n".join(f"• {h(line)}" for line in lines)


def numbered(lines: Iterable[str]) -> str:
    return "\n".join(f"{n}. {h(line)}" for n, line in enumerate(lines, start=1))


def sources(library: Library, source_ids: Iterable[str]) -> str:
    """The citations behind a screen, each once, in the order first cited."""
    cites = [h(library.sources[source_id].cite) for source_id in dict.fromkeys(source_ids)]
    if len(cites) == 1:
        return i(f"Source: {cites[0]}")
    return i("Sources:\n" + "\n".join(f"• {cite}" for cite in cites))


def sources_button(data: str) -> InlineKeyboardButton:
    """The citations are one tap away, not pasted under every card."""
    return button("📚 Sources", data)


def sources_screen(library: Library, source_ids: Iterable[str], back_data: str) -> Screen:
    """A card's citations in place of the card, with the way back to it."""
    back = button("‹ Back", back_data)
    return Screen(sources(library, source_ids), InlineKeyboardMarkup([[back]]))


def duration(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min" + (f" {rest} s" if rest else "")


def minutes(seconds: int) -> int:
    """Whole minutes for a routine's length, never zero."""
    return max(1, round(seconds / 60))


@dataclass(frozen=True)
class Page(Generic[T]):
    items: tuple[T, ...]
    number: int  # from 0
    count: int

    @property
    def caption(self) -> str:
        return f"Page {self.number + 1} of {self.count}" if self.count > 1 else ""


def page_of(items: Sequence[T], number: int | None) -> Page[T] | None:
    """One page of `items`, or None when the number is out of range (stale or forged)."""
    count = max(1, -(-len(items) // PER_PAGE))
    if number is None or not 0 <= number < count:
        return None
    start = number * PER_PAGE
    return Page(tuple(items[start : start + PER_PAGE]), number, count)


def page_containing(items: Sequence[T], item: T) -> int:
    return items.index(item) // PER_PAGE


def nav_row(page: Page[T], data_for: Callable[[int], str]) -> list[InlineKeyboardButton]:
    """Prev/Next buttons for a page list; empty when there is only one page."""
    row = []
    if page.number > 0:
        row.append(button("‹ Prev", data_for(page.number - 1)))
    if page.number < page.count - 1:
        row.append(button("Next ›", data_for(page.number + 1)))
    return row
