"""Distances in a runner's own unit, and the paper their report is printed on.

Distances are stored in whole metres whatever the runner reads; a unit only changes how a distance
is shown and which round numbers are offered to tap. Reuse `format_distance` wherever a distance
is shown to a runner.
"""

from dataclasses import dataclass
from typing import Literal

from bot.domain.schedule.zones import country_of

Unit = Literal["km", "mi"]
Paper = Literal["A4", "Letter"]
UNITS: tuple[Unit, ...] = ("km", "mi")
PAPERS: tuple[Paper, ...] = ("A4", "Letter")
METRES_PER: dict[Unit, float] = {"km": 1000.0, "mi": 1609.344}
UNIT_NAMES: dict[Unit, str] = {"km": "kilometres", "mi": "miles"}
# Where Letter is the everyday paper (ISO 3166 codes as tzdata's zone.tab names them): the default
# until the runner chooses. Everywhere else A4.
LETTER_COUNTRIES = frozenset({"US", "CA", "PR"})


@dataclass(frozen=True, slots=True)
class Measures:
    """How a runner reads distances (None: not chosen yet) and the paper their report is on."""

    unit: Unit | None
    paper: Paper


_UNIT_NAMES: dict[str, Unit] = {unit: unit for unit in UNITS}
_PAPER_NAMES: dict[str, Paper] = {paper: paper for paper in PAPERS}


def unit_from(text: str | None) -> Unit | None:
    """A stored or pressed unit; None for anything else."""
    return _UNIT_NAMES.get(text or "")


def paper_from(text: str | None) -> Paper | None:
    return _PAPER_NAMES.get(text or "")


def in_unit(metres: float, unit: Unit) -> float:
    return metres / METRES_PER[unit]


def to_metres(amount: float, unit: Unit) -> int:
    return round(amount * METRES_PER[unit])


def format_distance(metres: float, unit: Unit) -> str:
    """'8.5 km', '5.3 mi'; a whole number without its '.0' ('10 km')."""
    value = f"{in_unit(metres, unit):.1f}".removesuffix(".0")
    return f"{value} {unit}"


def report_paper(chosen: Paper | None, zone: str | None) -> Paper:
    """The paper a runner's report is printed on: their choice, else Letter where their timezone
    is in a Letter country, else A4."""
    if chosen is not None:
        return chosen
    return "Letter" if zone is not None and country_of(zone) in LETTER_COUNTRIES else "A4"
