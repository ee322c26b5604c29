"""What runners type for their timezone, to the IANA zones they mean.

An IANA name, a city (with or without accents: 'Zürich', 'sao paulo', 'NYC', 'Munich'), a country,
an abbreviation ('EST' is New York's clock, daylight saving included; 'IST' could be India,
Ireland or Israel) or a UTC offset ('UTC+2', 'GMT-5', '+05:30', with the sign people mean, not
the inverted POSIX sign of Etc/GMT+2). A fixed offset has no daylight saving, so an offset offers
the places whose clocks show it now instead.
"""

import difflib
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo, available_timezones

from bot.domain.schedule.parse import ParseError
from bot.domain.schedule.places import ABBREVIATIONS, CITIES, COUNTRIES, REGIONS

MAX_ZONE_INPUT = 64
MAX_CHOICES = 8  # places offered at once when several fit
SUGGESTION_SPREAD = 0.1  # how much less alike than the closest a suggestion may be
HINT = "Try a city like Berlin, a name like Europe/Berlin or an offset like UTC+2."
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
# 'UTC+2', 'gmt -5', '+05:30', 'UTC+0530', 'UTC−3' (a typographic minus), 'utc+5:45'.
_OFFSET = re.compile(
    r"(?:utc|gmt|z)?\s*([+\-\u2212\u2013])\s*(\d{1,2})(?:\s*[:.h]?\s*(\d{2}))?\s*h?", re.IGNORECASE
)
_MAX_OFFSET = timedelta(hours=14)
_PREFERRED = tuple(zone for _, places in REGIONS for _, zone in places)


class ZoneNotFound(ParseError):
    """An unknown zone; `suggestions` are IANA names close to what was typed, best first."""

    def __init__(self, message: str, suggestions: tuple[str, ...]) -> None:
        super().__init__(message)
        self.suggestions = suggestions


@dataclass(frozen=True, slots=True)
class ZoneMatch:
    """The zones that fit what was typed, best first: one when sure, else a choice to offer."""

    zones: tuple[str, ...]
    # Set when a UTC offset was typed: the zones are the places on that offset now, and the
    # answer says that a fixed offset would miss their daylight-saving changes.
    offset: timedelta | None = None

    @property
    def sure(self) -> bool:
        return len(self.zones) == 1


@dataclass(frozen=True, slots=True)
class _Index:
    exact: dict[str, str]  # casefolded IANA name -> name
    names: dict[str, str]  # normalised IANA name -> preferred name
    cities: dict[str, str]  # normalised city (a zone's last component, or a known city) -> zone
    countries: dict[str, tuple[str, ...]]  # normalised country name -> its zones, common first
    current: frozenset[str]  # the zones of zone.tab: where people live today


def match_zone(text: str, now: datetime) -> ZoneMatch:
    """The zones meant by `text` at `now` (offsets are matched against the clocks at `now`).
    Raises ParseError for input that is no place at all, ZoneNotFound when nothing fits."""
    stripped = _checked(text)
    offset = _offset(stripped)
    if offset is not None:
        return ZoneMatch(zones_at_offset(offset, now), offset)
    index = _index()
    key = _normalise(stripped)
    abbreviation = ABBREVIATIONS.get(key)
    if abbreviation is not None:
        return ZoneMatch(abbreviation)
    name = (
        index.exact.get(stripped.casefold())
        or index.names.get(key)
        or (index.cities.get(key) if "/" not in key else None)
    )
    if name is not None:
        return ZoneMatch((name,))
    country = index.countries.get(key)
    if country is not None:
        return ZoneMatch(_distinct_clocks(country, now))
    suggestions = _suggest(index, key)
    if suggestions:
        named = tuple(_named(place, zone) for place, zone in suggestions)
        raise ZoneNotFound(
            f"I couldn't find the timezone '{stripped}'. Did you mean {_or(named)}?",
            tuple(dict.fromkeys(zone for _, zone in suggestions)),
        )
    raise ZoneNotFound(f"I couldn't find the timezone '{stripped}'. {HINT}", ())


def resolve_zone(text: str, now: datetime) -> ZoneInfo:
    """The one zone meant by `text`; when several fit, ZoneNotFound names them as suggestions."""
    found = match_zone(text, now)
    if found.sure:
        return ZoneInfo(found.zones[0])
    raise ZoneNotFound(f"'{text.strip()}' could be several places.", found.zones)


def zones_at_offset(offset: timedelta, now: datetime) -> tuple[str, ...]:
    """Up to MAX_CHOICES places whose clocks are `offset` from UTC at `now`, common ones first
    and every different clock through the year among them; ZoneNotFound when there are none."""
    fitting = tuple(
        zone for zone in _ranked_zones() if now.astimezone(ZoneInfo(zone)).utcoffset() == offset
    )
    if not fitting:
        raise ZoneNotFound(f"No place has its clocks at {format_offset(offset)} now. {HINT}", ())
    offered = set(_distinct_clocks(fitting, now))
    for zone in fitting:
        if len(offered) >= MAX_CHOICES:
            break
        offered.add(zone)
    return tuple(zone for zone in fitting if zone in offered)


def is_zone(name: str) -> bool:
    """An IANA zone someone can live in (what a button may carry)."""
    return name in _index().exact.values()


def country_of(zone: str) -> str | None:
    """The ISO 3166 code of the country a zone is in (zone.tab; a legacy name by its current
    one), or None when tzdata does not say (UTC, a fixed offset)."""
    return _zone_countries().get(_index().exact.get(zone.casefold(), zone))


@cache
def _zone_countries() -> dict[str, str]:
    table = [line.split("\t") for line in _tzdata_lines("zone.tab") if not line.startswith("#")]
    return {fields[2]: fields[0] for fields in table if len(fields) > 2}


def format_offset(offset: timedelta) -> str:
    """'UTC+2', 'UTC-5', 'UTC+5:30', 'UTC'."""
    minutes = int(offset.total_seconds()) // 60
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def _checked(text: str) -> str:
    stripped = text.strip()
    if len(stripped) > MAX_ZONE_INPUT:
        raise ParseError(f"That's too long for a timezone. {HINT}")
    if any(unicodedata.category(char).startswith("C") for char in stripped):
        raise ParseError(f"That doesn't look like a timezone. {HINT}")
    if not stripped:
        raise ParseError(f"Tell me your city or timezone. {HINT}")
    return stripped


def _offset(text: str) -> timedelta | None:
    match = _OFFSET.fullmatch(text)
    if match is None:
        return None
    sign, hours, minutes = match.groups()
    if int(minutes or 0) >= 60:
        return None
    size = timedelta(hours=int(hours), minutes=int(minutes or 0))
    if size > _MAX_OFFSET:
        raise ParseError(f"Clocks are at most 14 hours from UTC. {HINT}")
    return size if sign == "+" else -size


def _distinct_clocks(zones: tuple[str, ...], now: datetime) -> tuple[str, ...]:
    """The first zone of each clock: zones showing the same time now and half a year on
    (Berlin and Busingen, New York and Detroit) are one choice."""
    later = now + timedelta(days=182)
    clocks: dict[tuple[object, object], str] = {}
    for zone in zones:
        info = ZoneInfo(zone)
        clocks.setdefault(
            (now.astimezone(info).utcoffset(), later.astimezone(info).utcoffset()), zone
        )
    return tuple(clocks.values())[:MAX_CHOICES]


@cache
def _ranked_zones() -> tuple[str, ...]:
    """Every current zone (zone.tab) but research stations, the common places first."""
    rest = sorted(_index().current - set(_PREFERRED))
    rest = [zone for zone in rest if not zone.startswith("Antarctica/")]
    return (*_PREFERRED, *rest)


def _suggest(index: _Index, key: str) -> tuple[tuple[str, str], ...]:
    """Up to three (what matched, its zone) nearly as close to `key` as the closest: 'Berln' is
    Berlin or Bern, not Brooklyn too."""
    options = {**index.names, **index.cities}
    close = difflib.get_close_matches(key, options, n=6, cutoff=0.6)
    if not close:
        return ()
    ratios = {match: difflib.SequenceMatcher(None, key, match).ratio() for match in close}
    best = max(ratios.values())
    near = [match for match in close if ratios[match] >= best - SUGGESTION_SPREAD]
    chosen: dict[str, str] = {}  # zone -> the match naming it, the closest first
    for match in near:
        chosen.setdefault(options[match], match)
    return tuple((match, zone) for zone, match in chosen.items())[:3]


def _named(match: str, zone: str) -> str:
    """A suggestion as the runner reads it: 'Bern (Europe/Zurich)', or just 'Europe/Berlin'."""
    place = zone.rsplit("/", 1)[-1].replace("_", " ")
    if "/" in match or match == _normalise(place):
        return zone
    return f"{match.title()} ({zone})"


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
    table = [line.split("\t") for line in _tzdata_lines("zone.tab") if not line.startswith("#")]
    current_names = {fields[2] for fields in table}
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
    cities.update(CITIES)
    return _Index(
        exact={name.casefold(): preferred(name) for name in zones},
        names={_normalise(name): preferred(name) for name in zones},
        cities=cities,
        countries=_countries(table),
        current=frozenset(current_names),
    )


def _countries(table: list[list[str]]) -> dict[str, tuple[str, ...]]:
    """Country names ('Germany', 'Britain', 'UK' from 'Britain (UK)') -> zones, common first."""
    zones: dict[str, list[str]] = {}
    for fields in table:
        zones.setdefault(fields[0], []).append(fields[2])
    preference = {zone: rank for rank, zone in enumerate(_PREFERRED)}
    for found in zones.values():
        found.sort(key=lambda zone: preference.get(zone, len(preference)))
    names: dict[str, str] = {}
    for line in _tzdata_lines("iso3166.tab"):
        if not line.startswith("#") and "\t" in line:
            code, name = line.split("\t", 1)
            base, _, aside = name.partition("(")
            names.setdefault(_normalise(base), code)
            if aside:
                names.setdefault(_normalise(aside.rstrip(")")), code)
    names.update(COUNTRIES)
    return {name: tuple(zones[code]) for name, code in names.items() if code in zones}


def _tzdata_lines(filename: str) -> list[str]:
    """Lines of a table shipped with the tzdata package; none if it is missing (system tzdata)."""
    try:
        text = (resources.files("tzdata") / "zoneinfo" / filename).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return []
    return text.splitlines()
