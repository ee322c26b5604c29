"""The paper a runner's /report is printed on: their choice, else their country's everyday paper."""

from typing import Literal

from bot.domain.schedule.zones import country_of

Paper = Literal["A4", "Letter"]
PAPERS: tuple[Paper, ...] = ("A4", "Letter")
# Where Letter is the everyday paper (ISO 3166 codes as tzdata's zone.tab names them): the default
# until the runner chooses. Everywhere else A4.
LETTER_COUNTRIES = frozenset({"US", "CA", "PR"})

_PAPER_NAMES: dict[str, Paper] = {paper: paper for paper in PAPERS}


def paper_from(text: str | None) -> Paper | None:
    """A stored or pressed paper size; None for anything else."""
    return _PAPER_NAMES.get(text or "")


def report_paper(chosen: Paper | None, zone: str | None) -> Paper:
    """The paper a runner's report is printed on: their choice, else Letter where their timezone
    is in a Letter country, else A4."""
    if chosen is not None:
        return chosen
    return "Letter" if zone is not None and country_of(zone) in LETTER_COUNTRIES else "A4"
