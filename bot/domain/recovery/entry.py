"""One logged run: pain during it, pain the next morning, and how much was run."""

from dataclasses import dataclass
from datetime import date
from typing import Literal

PAIN_MAX = 10
Sign = Literal["none", "stiffer", "swelling"]  # what the runner reports the next morning


def _check_pain(name: str, value: int) -> None:
    if not 0 <= value <= PAIN_MAX:
        raise ValueError(f"{name} must be 0-{PAIN_MAX}, not {value}")


@dataclass(frozen=True, slots=True)
class PainEntry:
    """A run on the runner's local date `day`; pain on the 0-10 scale.

    `next_morning` is None until the runner answers the next-morning question. `swelling` and
    `stiffer` (stiffer than usual the next morning) are the two yes/no signs the rules use.
    """

    day: date
    during_run: int
    next_morning: int | None = None
    minutes: int | None = None
    metres: int | None = None  # the distance, in whole metres whatever the runner's unit
    swelling: bool = False
    stiffer: bool = False

    def __post_init__(self) -> None:
        _check_pain("during_run", self.during_run)
        if self.next_morning is not None:
            _check_pain("next_morning", self.next_morning)
        if self.minutes is not None and self.minutes <= 0:
            raise ValueError(f"minutes must be positive, not {self.minutes}")
        if self.metres is not None and self.metres <= 0:
            raise ValueError(f"metres must be positive, not {self.metres}")

    @property
    def worst(self) -> int:
        """The higher of the two pain scores: what 'pain creeping up' is measured on."""
        if self.next_morning is None:
            return self.during_run
        return max(self.during_run, self.next_morning)


@dataclass(frozen=True, slots=True)
class NewRun:
    """A run being logged through /log's questions: stored once the last one is answered."""

    day: date  # the runner's local date of the run
    pain: int  # during the run, 0-10
    minutes: int | None
    comeback: bool  # tapped as a session of the walk-run plan
    metres: int | None = None

    def __post_init__(self) -> None:
        _check_pain("pain", self.pain)
