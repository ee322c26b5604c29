"""What an admin can ask of the club, by command or by tapping: one value per change."""

from dataclasses import dataclass
from datetime import time


@dataclass(frozen=True)
class SetZone:
    zone: str  # an IANA name


@dataclass(frozen=True)
class AddRuns:
    weekdays: tuple[int, ...]  # one run on each, same time and title
    time: time
    title: str


@dataclass(frozen=True)
class RemoveRun:
    run_id: int


@dataclass(frozen=True)
class SetStretch:
    time: time | None  # None: off


@dataclass(frozen=True)
class SetLead:
    minutes: int


Change = SetZone | AddRuns | RemoveRun | SetStretch | SetLead
