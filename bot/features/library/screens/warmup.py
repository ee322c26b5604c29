"""/warmup: the full routine, its short version, and a step-by-step walk through either.

Callback data: `wu:<version>` shows a routine, `wu:<version>:<move index>` one of its moves,
`wu:<version>:done` the end of the walk, `wu:<version>:src` the sources; the version is `full` or
`quick`. The full routine lists its moves; how to do each is in the step-by-step walk, so that
the routine fits a phone screen.
"""

from typing import Literal

from telegram import InlineKeyboardMarkup

from bot.domain.content.library import Library
from bot.domain.content.warmup import Warmup, WarmupMove, WarmupVersion
from bot.features.library.buttons import WARMUP
from bot.features.library.screens.common import duration, minutes, sources_button, sources_screen
from bot.ui.callback import number_from
from bot.ui.html import b, h, i
from bot.ui.keyboards import button
from bot.ui.screen import Screen

Version = Literal["full", "quick"]
VERSIONS: dict[str, Version] = {"full": "full", "quick": "quick"}  # callback text -> Version


def _version(warmup: Warmup, version: Version) -> WarmupVersion:
    return warmup.full if version == "full" else warmup.quick


def _dose(move: WarmupMove) -> str:
    length = "about " + duration(move.seconds)
    if move.reps is None:
        return length
    count = f"{move.reps} each side" if move.per_side else f"{move.reps} times"
    return f"{count}, {length}"


def _cited(library: Library, version: Version) -> list[str]:
    warmup = library.warmup
    moves = _version(warmup, version).moves
    return [*warmup.sources, *(source for move in moves for source in move.sources)]


def _heading(routine: WarmupVersion) -> str:
    return b(h(routine.name)) + f" – about {minutes(routine.seconds)} min"


def routine(library: Library, version: Version) -> Screen:
    warmup = library.warmup
    chosen = _version(warmup, version)
    intro = (
        h(warmup.intro)
        if version == "full"
        else f"{len(chosen.moves)} moves from the full warm-up, for when time is short."
    )
    moves = "\n".join(
        f"{n}. {b(h(move.name))} – {h(_dose(move))}"
        + ("" if version == "full" else f"\n{h(move.how)}")
        for n, move in enumerate(chosen.moves, start=1)
    )
    parts = [_heading(chosen), intro, moves]
    if version == "full":
        parts.append("Step by step shows how to do each move.")
    text = "\n\n".join(parts)
    other: Version = "quick" if version == "full" else "full"
    switch = f"{'Short' if other == 'quick' else 'Full'} version"
    switch += f" ({minutes(_version(warmup, other).seconds)} min)"
    return Screen(
        text,
        InlineKeyboardMarkup(
            [
                [
                    button(switch, WARMUP.data(other)),
                    button("Step by step", WARMUP.data(version, 0)),
                ],
                [sources_button(WARMUP.data(version, "src"))],
            ]
        ),
    )


def step(library: Library, version: Version, index: int | None) -> Screen | None:
    moves = _version(library.warmup, version).moves
    if index is None or not 0 <= index < len(moves):
        return None
    move = moves[index]
    text = "\n\n".join(
        [
            i(f"{h(_version(library.warmup, version).name)} · move {index + 1} of {len(moves)}"),
            b(h(move.name)),
            h(move.how),
            h(_dose(move).capitalize()),
        ]
    )
    # Back from the first move returns to the routine; the last move offers Done instead of Next.
    back = WARMUP.data(version, index - 1) if index else WARMUP.data(version)
    last = index == len(moves) - 1
    onward = (
        button("Done ✓", WARMUP.data(version, "done"))
        if last
        else button("Next ›", WARMUP.data(version, index + 1))
    )
    return Screen(text, InlineKeyboardMarkup([[button("‹ Back", back), onward]]))


def move_at(library: Library, args: tuple[str, ...]) -> WarmupMove | None:
    """The move a walk button (`<version>:<move index>`) shows, if it shows one."""
    match args:
        case (version, index) if version in VERSIONS:
            moves = _version(library.warmup, VERSIONS[version]).moves
            number = number_from(index)
            return moves[number] if number is not None and 0 <= number < len(moves) else None
    return None


def done(library: Library, version: Version) -> Screen:
    name = _version(library.warmup, version).name
    return Screen(
        b(f"{h(name)}: done") + "\n\nHave a good run.",
        InlineKeyboardMarkup([[button("Show the routine", WARMUP.data(version))]]),
    )


def route(library: Library, args: tuple[str, ...]) -> Screen | None:
    """The screen a press asks for, or None for stale or forged data."""
    match args:
        case (version,) if version in VERSIONS:
            return routine(library, VERSIONS[version])
        case (version, "done") if version in VERSIONS:
            return done(library, VERSIONS[version])
        case (version, "src") if version in VERSIONS:
            return sources_screen(library, _cited(library, VERSIONS[version]), WARMUP.data(version))
        case (version, index) if version in VERSIONS:
            return step(library, VERSIONS[version], number_from(index))
    return None
