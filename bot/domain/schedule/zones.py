"""What runners type for their time zone: an IANA name or a city, to a ZoneInfo."""

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo, available_timezones

from bot.domain.schedule.parse import ParseError

MAX_ZONE_INPUT = 64
HINT = "Try a city like Berlin or a name like Europe/Berlin."
# Regions whose last name component is a place; Etc/, US/, SystemV/ ... are legacy or offsets.
_CITY_REGIONS = frozenset(
    {
        "Africa",
        "America",
        "Antarctica",
        "Arctic",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
    }
)
# Files under the zoneinfo directory that are not zones anyone lives in.
_NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})
_SEPARATORS = re.compile(r"[\s_\-'.\u2019]+")


class ZoneNotFound(ParseError):
    """An unknown zone; `suggestions` are IANA names close to what was typed, best first."""

    def __init__(self, message: str, suggestions: tuple[str, ...]) -> None:
        super().__init__(message)
        self.suggestions = suggestions


@dataclass(frozen=True, slots=True)
class _Index:
    exact: dict[str, str]  # casefolded IANA name -> name
    names: dict[str, str]  # normalised IANA name -> preferred name
    cities: dict[str, str]  # normalised last component -> preferred name


def resolve_zone(text: str) -> ZoneInfo:
    """'Europe/Berlin', 'europe/berlin', 'Berlin', 'new york', 'São Paulo' -> a ZoneInfo.

    Legacy names ('Asia/Calcutta', 'US/Eastern') resolve to the current name of the same zone.
    """
    stripped = text.strip()
    if len(stripped) > MAX_ZONE_INPUT:
        raise ParseError(f"That's too long for a time zone. {HINT}")
    if any(unicodedata.category(char).startswith("C") for char in stripped):
        raise ParseError(f"That doesn't look like a time zone. {HINT}")
    if not stripped:
        raise ParseError(f"Tell me your city or time zone. {HINT}")
    index = _index()
    key = _normalise(stripped)
    name = (
        index.exact.get(stripped.casefold())
        or index.names.get(key)
        or (index.cities.get(key) if "/" not in key else None)
    )
    if name is not None:
        return ZoneInfo(name)
    suggestions = _suggest(index, key)
    if suggestions:
        raise ZoneNotFound(
            f"I couldn't find the time zone '{stripped}'. Did you mean {_or(suggestions)}?",
            suggestions,
        )
    raise ZoneNotFound(f"I couldn't find the time zone '{stripped}'. {HINT}", ())


def _suggest(index: _Index, key: str) -> tuple[str, ...]:
    options = {**index.names, **index.cities}
    close = difflib.get_close_matches(key, options, n=6, cutoff=0.6)
    return tuple(dict.fromkeys(options[match] for match in close))[:3]


def _or(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _normalise(text: str) -> str:
    """'América/São_Paulo ' -> 'america/sao paulo': no accents, case or separator differences."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    return "/".join(" ".join(_SEPARATORS.split(part)).strip() for part in plain.split("/"))


@cache
def _index() -> _Index:
    zones = sorted(
        name
        for name in available_timezones()
        if name not in _NOT_ZONES and not name.startswith(("SystemV/", "posix/", "right/"))
    )
    current = _tzdata_lines("zone.tab")
    current_names = {line.split("\t")[2] for line in current if not line.startswith("#")}
    links = {
        line.split()[2]: line.split()[1]
        for line in _tzdata_lines("tzdata.zi")
        if line.startswith("L ")
    }

    def preferred(name: str) -> str:
        # A legacy link (not a country's current zone) becomes its target, if that one is current.
        target = links.get(name)
        if name in current_names or target is None or target not in current_names:
            return name
        return target

    # Current names first, so that a shared city ('Nicosia', 'Istanbul') picks the current zone.
    ranked = sorted(zones, key=lambda name: name not in current_names)
    cities: dict[str, str] = {}
    for name in ranked:
        if name.split("/")[0] in _CITY_REGIONS:
            cities.setdefault(_normalise(name.rsplit("/", 1)[1]), preferred(name))
    return _Index(
        exact={name.casefold(): preferred(name) for name in zones},
        names={_normalise(name): preferred(name) for name in zones},
        cities=cities,
    )


def _tzdata_lines(filename: str) -> list[str]:
    """Lines of a table shipped with the tzdata package; none if it is missing (system tzdata)."""
    try:
        text = (resources.files("tzdata") / "zoneinfo" / filename).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return []
    return text.splitlines()
