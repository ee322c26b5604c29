"""Distances as runners type them: whole metres from an amount and a unit (km or miles), and the
longest one run can be. Shared by the typed /log and the typed run plan."""

METRES_PER_MILE = 1609.344
MAX_METRES = 250_000  # longer than any single run a runner logs or plans


def metres_of(amount: str, unit: str) -> int:
    """'8.5', 'km' -> 8500; '5,2', 'mi' -> 8369 (a decimal comma reads as a point)."""
    value = float(amount.replace(",", "."))
    return round(value * (1000 if unit in ("km", "k") else METRES_PER_MILE))
