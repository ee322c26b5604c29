"""How a distance is written for the runner: in km for now (one function, so that a per-runner
unit is one change)."""


def distance(metres: int) -> str:
    """'18 km', '15.4 km'."""
    return f"{metres / 1000:.1f}".removesuffix(".0") + " km"
