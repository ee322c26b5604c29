"""Distances in a runner's own unit, and the paper their report is printed on.

Distances are stored in whole metres whatever the runner reads; a unit only changes how a distance
is shown and which round numbers are offered to tap. Reuse `format_distance` wherever a distance
is shown to a runner.
"""

from typing import Literal

Unit = Literal["km", "mi"]
UNITS: tuple[Unit, ...] = ("km", "mi")
METRES_PER: dict[Unit, float] = {"km": 1000.0, "mi": 1609.344}
MAX_METRES = 250_000  # longer than any single run a runner logs or plans
UNIT_NAMES: dict[Unit, str] = {"km": "kilometres", "mi": "miles"}


_UNIT_NAMES: dict[str, Unit] = {unit: unit for unit in UNITS}


def unit_from(text: str | None) -> Unit | None:
    """A stored or pressed unit; None for anything else."""
    return _UNIT_NAMES.get(text or "")


def in_unit(metres: float, unit: Unit) -> float:
    return metres / METRES_PER[unit]


def to_metres(amount: float, unit: Unit) -> int:
    return round(amount * METRES_PER[unit])


def typed_distance(amount: str, unit: str) -> tuple[int, Unit]:
    """As typed: '8.5', 'km' -> (8500, 'km'); '5,2', 'mi' -> (8369, 'mi'), a decimal comma read
    as a point."""
    typed: Unit = "km" if unit in ("km", "k") else "mi"
    return to_metres(float(amount.replace(",", ".")), typed), typed


def format_distance(metres: float, unit: Unit) -> str:
    """'8.5 km', '5.3 mi'; a whole number without its '.0' ('10 km')."""
    value = f"{in_unit(metres, unit):.1f}".removesuffix(".0")
    return f"{value} {unit}"
