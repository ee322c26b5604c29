"""Resolving what runners type as their time zone."""

import pytest

from bot.domain.schedule import ParseError, ZoneNotFound, resolve_zone


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("europe/berlin", "Europe/Berlin"),
        ("  Europe/Berlin  ", "Europe/Berlin"),
        ("Berlin", "Europe/Berlin"),
        ("BERLIN", "Europe/Berlin"),
        ("new york", "America/New_York"),
        ("New_York", "America/New_York"),
        ("america/new york", "America/New_York"),
        ("sao paulo", "America/Sao_Paulo"),
        ("São Paulo", "America/Sao_Paulo"),
        ("port au prince", "America/Port-au-Prince"),
        ("lord howe", "Australia/Lord_Howe"),
        ("Kolkata", "Asia/Kolkata"),
        ("buenos aires", "America/Argentina/Buenos_Aires"),  # not the legacy America/Buenos_Aires
        ("istanbul", "Europe/Istanbul"),
        ("Oslo", "Europe/Oslo"),  # a country's own zone, though tzdata links it to Berlin
        ("UTC", "UTC"),
        ("Etc/GMT+5", "Etc/GMT+5"),
        # Legacy names become the current name of the same zone.
        ("Asia/Calcutta", "Asia/Kolkata"),
        ("calcutta", "Asia/Kolkata"),
        ("kiev", "Europe/Kyiv"),
        ("US/Eastern", "America/New_York"),
    ],
)
def test_resolves(text: str, expected: str) -> None:
    assert resolve_zone(text).key == expected


def test_unknown_zones_suggest_close_names() -> None:
    with pytest.raises(ZoneNotFound) as raised:
        resolve_zone("Berln")
    assert raised.value.suggestions[0] == "Europe/Berlin"
    assert len(raised.value.suggestions) <= 3
    assert raised.value.message.startswith("I couldn't find the time zone 'Berln'. Did you mean ")
    assert "Europe/Berlin" in raised.value.message


def test_nothing_close_gives_a_hint() -> None:
    with pytest.raises(ZoneNotFound) as raised:
        resolve_zone("qqqqqqqqqqqq")
    assert raised.value.suggestions == ()
    assert raised.value.message == (
        "I couldn't find the time zone 'qqqqqqqqqqqq'. "
        "Try a city like Berlin or a name like Europe/Berlin."
    )


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("x" * 65, "That's too long for a time zone."),
        ("Berlin\x00", "That doesn't look like a time zone."),
        ("Ber\u202elin", "That doesn't look like a time zone."),
        ("   ", "Tell me your city or time zone."),
    ],
)
def test_absurd_input_is_refused_kindly(text: str, start: str) -> None:
    with pytest.raises(ParseError) as raised:
        resolve_zone(text)
    assert raised.value.message.startswith(start)
    assert not isinstance(raised.value, ZoneNotFound)


@pytest.mark.parametrize("text", ["localtime", "Factory", "posixrules", "SystemV/EST5"])
def test_files_that_are_not_places_are_not_zones(text: str) -> None:
    with pytest.raises(ZoneNotFound):
        resolve_zone(text)


def test_city_matching_skips_legacy_regions() -> None:
    # 'Eastern' is only the last part of US/Eastern and Canada/Eastern: not a city.
    with pytest.raises(ZoneNotFound):
        resolve_zone("eastern")
