"""Resolving what runners type as their timezone: every form lands on the clock they live by,
checked against zoneinfo in summer and in winter."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.schedule import ParseError, ZoneNotFound, resolve_zone
from bot.domain.schedule.zones import MAX_CHOICES, match_zone

SUMMER = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
WINTER = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
NOW = WINTER


def hours(value: float) -> timedelta:
    return timedelta(hours=value)


# typed -> the zone, and its UTC offset in (northern) summer and winter.
TABLE = [
    ("Europe/Berlin", "Europe/Berlin", 2, 1),
    ("europe/berlin", "Europe/Berlin", 2, 1),
    ("  Europe/Berlin  ", "Europe/Berlin", 2, 1),
    ("Berlin", "Europe/Berlin", 2, 1),
    ("BERLIN", "Europe/Berlin", 2, 1),
    ("munich", "Europe/Berlin", 2, 1),
    ("München", "Europe/Berlin", 2, 1),
    ("Germany", "Europe/Berlin", 2, 1),  # Busingen keeps the same clock: no choice needed
    ("Zürich", "Europe/Zurich", 2, 1),
    ("Zurich", "Europe/Zurich", 2, 1),
    ("new york", "America/New_York", -4, -5),
    ("New_York", "America/New_York", -4, -5),
    ("NYC", "America/New_York", -4, -5),
    ("america/new york", "America/New_York", -4, -5),
    ("US/Eastern", "America/New_York", -4, -5),
    ("sao paulo", "America/Sao_Paulo", -3, -3),
    ("São Paulo", "America/Sao_Paulo", -3, -3),
    ("port au prince", "America/Port-au-Prince", -4, -5),
    ("lord howe", "Australia/Lord_Howe", 10.5, 11),
    ("Kolkata", "Asia/Kolkata", 5.5, 5.5),
    ("calcutta", "Asia/Kolkata", 5.5, 5.5),
    ("Asia/Calcutta", "Asia/Kolkata", 5.5, 5.5),
    ("Mumbai", "Asia/Kolkata", 5.5, 5.5),
    ("buenos aires", "America/Argentina/Buenos_Aires", -3, -3),
    ("istanbul", "Europe/Istanbul", 3, 3),
    ("Oslo", "Europe/Oslo", 2, 1),  # a country's own zone, though tzdata links it to Berlin
    ("kiev", "Europe/Kyiv", 3, 2),
    ("San Francisco", "America/Los_Angeles", -7, -8),
    ("Barcelona", "Europe/Madrid", 2, 1),
    ("UK", "Europe/London", 1, 0),
    ("UTC", "UTC", 0, 0),
    ("Etc/GMT+5", "Etc/GMT+5", -5, -5),  # a POSIX name typed as such keeps its POSIX meaning
    # Abbreviations are the clocks people mean, daylight saving included.
    ("EST", "America/New_York", -4, -5),
    ("EDT", "America/New_York", -4, -5),
    ("est", "America/New_York", -4, -5),
    ("PST", "America/Los_Angeles", -7, -8),
    ("CDT", "America/Chicago", -5, -6),
    ("CET", "Europe/Berlin", 2, 1),
    ("CEST", "Europe/Berlin", 2, 1),
    ("JST", "Asia/Tokyo", 9, 9),
    ("AEDT", "Australia/Sydney", 10, 11),
    ("MSK", "Europe/Moscow", 3, 3),
]


@pytest.mark.parametrize(("text", "zone", "summer", "winter"), TABLE)
def test_resolves_to_the_right_clock(text: str, zone: str, summer: float, winter: float) -> None:
    found = resolve_zone(text, NOW)
    assert found.key == zone
    assert SUMMER.astimezone(found).utcoffset() == hours(summer)
    assert WINTER.astimezone(found).utcoffset() == hours(winter)


# An offset, with the sign people mean: the places on that offset at that moment.
OFFSETS = [
    ("UTC+2", SUMMER, 2, "Europe/Berlin"),
    ("UTC+2", WINTER, 2, "Europe/Athens"),
    ("utc +2", WINTER, 2, "Africa/Johannesburg"),
    ("GMT+1", WINTER, 1, "Europe/Berlin"),
    ("GMT+1", SUMMER, 1, "Europe/London"),
    ("GMT-5", WINTER, -5, "America/New_York"),
    ("GMT-5", SUMMER, -5, "America/Chicago"),
    ("UTC\u22123", WINTER, -3, "America/Sao_Paulo"),  # a typographic minus
    ("+05:30", WINTER, 5.5, "Asia/Kolkata"),
    ("+0530", SUMMER, 5.5, "Asia/Kolkata"),
    ("UTC+5:45", WINTER, 5.75, "Asia/Kathmandu"),
    ("UTC+0", WINTER, 0, "Europe/London"),
    ("-8", WINTER, -8, "America/Los_Angeles"),
    ("UTC+10", WINTER, 10, "Australia/Brisbane"),
]


@pytest.mark.parametrize(("text", "now", "offset", "includes"), OFFSETS)
def test_an_offset_offers_the_places_on_it_now(
    text: str, now: datetime, offset: float, includes: str
) -> None:
    found = match_zone(text, now)
    assert found.offset == hours(offset)
    assert includes in found.zones
    assert 1 <= len(found.zones) <= MAX_CHOICES
    for zone in found.zones:
        assert now.astimezone(ZoneInfo(zone)).utcoffset() == hours(offset), zone


def test_an_offset_keeps_daylight_saving_out_of_a_fixed_clock() -> None:
    # GMT+1 is not Etc/GMT+1 (UTC-1): Berlin is offered in winter, and in summer it is not,
    # because Berlin's clock is then at UTC+2.
    assert "Europe/Berlin" in match_zone("GMT+1", WINTER).zones
    assert "Europe/Berlin" not in match_zone("GMT+1", SUMMER).zones
    assert "Etc/GMT+1" not in match_zone("GMT+1", WINTER).zones


@pytest.mark.parametrize(
    ("text", "zones"),
    [
        ("IST", {"Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"}),
        ("CST", {"America/Chicago", "Asia/Shanghai"}),
        ("BST", {"Europe/London", "Asia/Dhaka"}),
        ("GMT", {"Europe/London", "UTC"}),
        ("USA", {"America/New_York", "America/Chicago", "America/Los_Angeles"}),
        ("Spain", {"Europe/Madrid", "Atlantic/Canary"}),
    ],
)
def test_an_ambiguous_name_offers_a_choice(text: str, zones: set[str]) -> None:
    found = match_zone(text, NOW)
    assert not found.sure and zones <= set(found.zones)
    with pytest.raises(ZoneNotFound) as raised:
        resolve_zone(text, NOW)  # one zone is needed here: the choice is named instead
    assert raised.value.suggestions[0] == found.zones[0]


@pytest.mark.parametrize("text", ["UTC+15", "UTC+13:15"])
def test_an_offset_no_clock_shows_is_refused(text: str) -> None:
    with pytest.raises(ParseError) as raised:
        match_zone(text, NOW)
    assert "UTC+2" in raised.value.message  # an example of what works


def test_unknown_zones_suggest_close_names() -> None:
    with pytest.raises(ZoneNotFound) as raised:
        resolve_zone("Berln", NOW)
    assert raised.value.suggestions[0] == "Europe/Berlin"
    assert len(raised.value.suggestions) <= 3
    assert raised.value.message.startswith("I couldn't find the timezone 'Berln'. Did you mean ")
    assert "Europe/Berlin" in raised.value.message
    # Only what is nearly as close as the closest, named as it matched: not Brooklyn's zone.
    assert raised.value.suggestions == ("Europe/Berlin", "Europe/Zurich")
    assert raised.value.message.endswith("Did you mean Europe/Berlin or Bern (Europe/Zurich)?")


def test_nothing_close_gives_a_hint() -> None:
    with pytest.raises(ZoneNotFound) as raised:
        resolve_zone("qqqqqqqqqqqq", NOW)
    assert raised.value.suggestions == ()
    assert raised.value.message == (
        "I couldn't find the timezone 'qqqqqqqqqqqq'. "
        "Try a city like Berlin, a name like Europe/Berlin or an offset like UTC+2."
    )


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("x" * 65, "That's too long for a timezone."),
        ("Berlin\x00", "That doesn't look like a timezone."),
        ("Ber\u202elin", "That doesn't look like a timezone."),
        ("   ", "Tell me your city or timezone."),
    ],
)
def test_absurd_input_is_refused_kindly(text: str, start: str) -> None:
    with pytest.raises(ParseError) as raised:
        resolve_zone(text, NOW)
    assert raised.value.message.startswith(start)
    assert not isinstance(raised.value, ZoneNotFound)


@pytest.mark.parametrize("text", ["localtime", "Factory", "posixrules", "SystemV/EST5"])
def test_files_that_are_not_places_are_not_zones(text: str) -> None:
    with pytest.raises(ZoneNotFound):
        resolve_zone(text, NOW)
