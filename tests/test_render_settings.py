"""The settings screens: every screen reachable by tapping fits one message, parses as Telegram
HTML and leads only to screens or changes; forged data reads as nothing; echoed input is escaped."""

from collections import deque
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.domain.runner import (
    AddRun,
    MyData,
    Pause,
    ReplaceRuns,
    RunnerOverview,
    RunningTap,
    SetLead,
    SetPaper,
    SetQuiet,
    SetUnit,
    SetZone,
    Stop,
)
from bot.domain.schedule.parse import MAX_RUNS, ParseError
from bot.domain.schedule.places import REGIONS
from bot.domain.schedule.quiet import QuietHours
from bot.domain.schedule.recurrence import WeeklyTime
from bot.domain.schedule.zones import ZoneNotFound
from bot.features.settings.screens import (
    Open,
    after_command,
    after_press,
    location,
    menu,
    my_data,
    note,
    parse,
    runs,
    timezone,
)
from bot.telegram_local.html import parse_html
from bot.ui.callback import decode
from bot.ui.screen import Screen
from tests.support.screens import assert_sendable
from tests.support.spec import SpecChecker

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # Monday, 09:00 in Berlin
HOSTILE = '<b>&"</i><script>'


def overview(**changes: object) -> RunnerOverview:
    values: dict[str, object] = {
        "zone": "Europe/Berlin",
        "runs": (WeeklyTime(0, time(7)), WeeklyTime(2, time(7)), WeeklyTime(5, time(9, 30))),
        "lead_minutes": 15,
        "stretch_time": None,
        "nudges": True,
        "quiet": QuietHours(time(22), time(7)),
        "resume_on": None,
        "stopped": False,
        "upcoming": {"warmup": datetime(2026, 11, 25, 5, 45, tzinfo=UTC)},
        "now": NOW,
    }
    return RunnerOverview(**{**values, **changes})  # type: ignore[arg-type]


EVERY_DAY = tuple(WeeklyTime(day, time(hour)) for day in range(7) for hour in (6, 18))
VIEWS = {
    "typical": overview(),
    "new": overview(zone=None, runs=(), upcoming={}),
    "full": overview(runs=EVERY_DAY, stretch_time=time(7), nudges=False),
    "paused": overview(resume_on=date(2026, 11, 30)),
    "stopped": overview(stopped=True, upcoming={}),
    "miles": overview(zone="America/New_York", unit="mi", paper="Letter"),
}


def _screen(data: str, view: RunnerOverview) -> Screen:
    callback = decode(data)
    assert callback is not None and callback.action == "cfg", data
    press = parse(callback.args)
    assert press is not None, f"a button leads nowhere: {data}"
    return press.draw(view) if isinstance(press, Open) else after_press(press, view)


def reachable(view: RunnerOverview) -> dict[str, Screen]:
    """Every screen a runner reaches by tapping from /settings, by callback data."""
    screens: dict[str, Screen] = {"cfg": menu(view)}
    queue = deque([screens["cfg"]])
    while queue:
        for row in queue.popleft().keyboard:
            for button in row:
                data = button.callback_data
                assert isinstance(data, str), f"{button.text!r} is not a callback button"
                if data not in screens:
                    screens[data] = _screen(data, view)
                    queue.append(screens[data])
    return screens


@pytest.mark.parametrize("name", VIEWS)
def test_every_reachable_screen_is_valid_and_has_a_way_back(
    name: str, checker: SpecChecker
) -> None:
    screens = reachable(VIEWS[name])
    assert len(screens) > 40  # the whole tree, not just the menu
    for data, screen in screens.items():
        assert_sendable(screen, checker)
        labels = [button.text for row in screen.keyboard for button in row]
        is_menu = "⏱ Warm-up lead" in labels  # where Back leads, and changes return to
        assert is_menu or "‹ Back" in labels, f"no way back from {data}"


def test_tapping_through_adds_a_run_at_the_chosen_time() -> None:
    view = VIEWS["typical"]
    assert "Add a run on Tuesday" in _screen("cfg:run:add:1", view).text
    assert parse(("run", "add", "1", "18", "35")) == AddRun(WeeklyTime(1, time(18, 35)))
    labels = [b.text for row in _screen("cfg:run:add:1:18", view).keyboard for b in row]
    assert labels[:3] == ["18:00", "18:05", "18:10"]


def test_the_city_buttons_show_the_time_there() -> None:
    screen = _screen("cfg:tz:0", VIEWS["typical"])
    labels = [b.text for row in screen.keyboard for b in row]
    assert "Berlin · 09:00" in labels and "London · 08:00" in labels


def test_every_listed_place_is_a_real_zone() -> None:
    for _, places in REGIONS:
        assert len({name for name, _ in places}) == len(places)
        for _, zone in places:
            ZoneInfo(zone)


@pytest.mark.parametrize(
    "args",
    [
        ("nothing",),
        ("tz", "99"),
        ("tz", "0", "99"),
        ("tz", "-1"),
        ("tz", "0", "1", "2"),
        ("tz", "x", "1"),
        ("run", "add", "7"),
        ("run", "add", "0", "24"),
        ("run", "add", "0", "7", "3"),  # the buttons offer every 5 minutes
        ("run", "add", "0", "7", "0", "0"),
        ("run", "rm", "0", "7"),
        ("run", "rm", "0", "7", "60"),
        ("run", "clr", "no"),
        ("lead", "3"),
        ("lead", "61"),
        ("lead", "+15"),
        ("str", "23"),
        ("str", "on"),
        ("ndg", "maybe"),
        ("qt", "middle"),
        ("qt", "start", "24"),
        ("pse", "1000"),
        ("pse", "abc"),
        ("loc", "999999"),
        ("on", "1"),
        ("unit", "yd"),
        ("unit", "km", "mi"),
        ("ppr", "A3"),
        ("ppr", "letter"),
    ],
)
def test_stale_or_forged_data_reads_as_nothing(args: tuple[str, ...]) -> None:
    assert parse(args) is None


def test_a_change_is_confirmed_in_local_time() -> None:
    view = overview(upcoming={"warmup": datetime(2026, 11, 25, 5, 40, tzinfo=UTC)})
    text = parse_html(note(SetLead(20), view)).text
    assert "Warm-up reminders 20 min before each run." in text
    assert "Next warm-up reminder: Wed 25 Nov 06:40." in text  # 05:40 UTC is 06:40 in Berlin


def test_runs_without_a_timezone_ask_for_one() -> None:
    view = VIEWS["new"]
    screen = after_command(ReplaceRuns(view.runs), overview(zone=None, upcoming={}))
    assert "once you set your timezone" in screen.text
    assert screen.keyboard[0][0].callback_data == "cfg:tz"


@pytest.mark.parametrize(
    ("planned", "warning"),
    [
        (tuple(WeeklyTime(day, time(7)) for day in range(7)), "no rest day"),
        (tuple(WeeklyTime(day, time(7)) for day in range(4)), "4 or more days in a row"),
    ],
)
def test_too_little_rest_gets_a_gentle_note(planned: tuple[WeeklyTime, ...], warning: str) -> None:
    assert warning in note(ReplaceRuns(planned), overview(runs=planned))


def test_a_full_plan_has_no_add_button() -> None:
    full = VIEWS["full"]
    assert len(full.runs) == MAX_RUNS
    labels = [b.text for row in runs.runs_screen(full).keyboard for b in row]
    assert "➕ Add a run" not in labels
    assert "You have 14 runs" in note(AddRun(WeeklyTime(0, time(5))), full)


def test_pause_and_stop_say_when_reminders_come_back() -> None:
    paused = note(Pause(7), VIEWS["paused"])
    assert "reminders start again on <b>Mon 30 Nov</b> at 00:00" in paused
    assert "Nothing to pause yet" in note(Pause(7), VIEWS["new"])
    assert "/resume" in note(Stop(), VIEWS["stopped"])


def test_a_shared_location_offers_the_clocks_around_it() -> None:
    berlin = location.zones_near(52.52, 13.40, NOW)
    assert location.zone_by_id(berlin[0]) == "Europe/Berlin"
    # Delhi is nearer to Kathmandu than to Kolkata: the runner picks their clock.
    delhi = [location.zone_by_id(index) for index in location.zones_near(28.6, 77.2, NOW)]
    assert "Asia/Kolkata" in delhi and len(delhi) <= 6
    screen = location.clock_picker(berlin, VIEWS["new"])
    first = screen.keyboard[0][0]
    assert first.text == "Berlin · 09:00" and isinstance(first.callback_data, str)
    assert parse(decode(first.callback_data).args) == SetZone("Europe/Berlin")  # type: ignore[union-attr]


def test_echoed_input_is_escaped(checker: SpecChecker) -> None:
    texts = [
        timezone.unknown_zone(ZoneNotFound(f"I couldn't find the time zone '{HOSTILE}'.", ())),
        timezone.unknown_zone(ZoneNotFound("Did you mean?", (HOSTILE,))),
        runs.unreadable(ParseError(f"I couldn't read '{HOSTILE}' as a day or a time.")),
        my_data(
            MyData(
                user_id=1,
                language_code=HOSTILE,
                reachable=True,
                first_seen=NOW,
                settings=VIEWS["typical"],
                runs=VIEWS["typical"].runs,
                reminders={"warmup": 3, "nudge": 1},
                pending_deliveries=0,
                running=(RunningTap("walk", HOSTILE, NOW, "Europe/Berlin", HOSTILE),),
            )
        ),
    ]
    for text in texts:
        assert (
            checker.check("sendMessage", {"chat_id": 1, "text": text, "parse_mode": "HTML"}) == []
        )
        assert HOSTILE in parse_html(text).text


def test_my_data_without_settings_says_the_defaults_apply() -> None:
    text = my_data(MyData(1, None, False, NOW, None, (), {}, 0))
    assert "None chosen yet" in text and "not shared" in text and "Scheduled reminders: 0" in text


def test_the_unit_and_paper_are_shown_and_chosen_by_tapping() -> None:
    new, chosen = VIEWS["new"], VIEWS["miles"]
    assert "📏 Distances: not chosen yet (/log asks)" in menu(new).text
    assert "📄 /report paper: A4 for now" in menu(new).text  # no timezone to go by yet
    assert "📏 Distances: miles" in menu(chosen).text
    assert "📄 /report paper: Letter\n" in menu(chosen).text + "\n"
    labels = [b.text for row in _screen("cfg:unit", chosen).keyboard for b in row]
    assert labels == ["Kilometres", "✓ Miles", "‹ Back"]
    # A New York runner who has not chosen gets Letter, and the screen says why.
    unchosen = overview(zone="America/New_York")
    assert "Now: Letter (from your timezone until you choose)" in _screen("cfg:ppr", unchosen).text
    assert parse(("unit", "mi")) == SetUnit("mi") and parse(("ppr", "A4")) == SetPaper("A4")


def test_quiet_hours_with_the_same_start_and_end_are_said_to_be_off() -> None:
    view = overview(quiet=QuietHours(time(7), time(7)))
    said = note(SetQuiet("start", time(7)), view)
    assert said.startswith("✅ Quiet hours off: start and end are both 07:00. Move one")
    assert note(SetQuiet("end", time(7)), overview()).startswith("✅ Quiet hours: 22:00–07:00.")


def test_a_posix_named_zone_warns_that_its_sign_is_inverted() -> None:
    said = note(SetZone("Etc/GMT+2"), overview(zone="Etc/GMT+2"))
    assert "⚠️ Etc/GMT+2 is UTC-2: these names count the other way round." in said
    assert "Send /timezone UTC+2." in said
    assert "⚠️" not in note(SetZone("Europe/Berlin"), overview())
