"""`/log 8.5 km 52 min 3/10`: a run typed in one line, end to end."""

from tests.e2e.conftest import World
from tests.e2e.test_watch_files import _stored


async def test_a_typed_run_is_logged_with_its_distance_and_time(world: World) -> None:
    user, chat = world.private()
    [verdict] = await world.driver.send(chat, "/log 8.5 km 52 min 3/10")
    assert "🟢" in verdict.text
    assert "📝 Logged: Mon 23 Nov · 3/10 · 8.5 km · 52 min." in verdict.text  # a receipt
    [row] = await _stored(world, user.id)
    assert (row.during_run, row.minutes, row.metres) == (3, 52, 8_500)
    # A second one that day asks first, and "Another run" keeps both.
    [question] = await world.driver.send(chat, "/log 5 km 3/10")
    assert "➕ Another run" in [label for row in question.buttons for label, _ in row]
    await world.driver.press(chat, question, "➕ Another run")
    assert [(row.minutes, row.metres) for row in await _stored(world, user.id)] == [
        (52, 8_500),
        (None, 5_000),
    ]


async def test_a_typed_run_that_cannot_be_read_logs_nothing(world: World) -> None:
    user, chat = world.private()
    [reply] = await world.driver.send(chat, "/log 8 km felt great")
    assert "I couldn't read “felt great”" in reply.text and "Nothing was logged" in reply.text
    [reply] = await world.driver.send(chat, "/log 8 km 40 min")
    assert "out of 10" in reply.text
    assert await _stored(world, user.id) == []


async def test_a_distance_typed_in_miles_chooses_miles_for_what_follows(world: World) -> None:
    user, chat = world.private()
    [verdict] = await world.driver.send(chat, "/log 5 mi 40 min 2/10")
    assert "📏 Distances in miles from now on (/settings changes it)." in verdict.text
    # The same day's second run asks first, in miles, and its "Another run" press stays in miles.
    [question] = await world.driver.send(chat, "/log 3 mi 2/10")
    assert "You already logged a run on" in question.text and "5 mi · 40 min" in question.text
    assert "📏" not in question.text  # said once
    await world.driver.press(chat, question, "➕ Another run")
    assert [row.metres for row in await _stored(world, user.id)] == [8_047, 4_828]
    [data] = await world.driver.send(chat, "/mydata")
    assert "📏 Distances: miles" in data.text and "3 mi" in data.text


async def test_a_typed_unit_does_not_overrule_the_chosen_one(world: World) -> None:
    _, chat = world.private()
    [menu] = await world.driver.send(chat, "/settings")
    await world.driver.press(chat, menu, "📏 km or miles")
    await world.driver.press(chat, menu, "Kilometres")
    [verdict] = await world.driver.send(chat, "/log 5 mi 40 min 2/10")
    assert "📏" not in verdict.text
    [question] = await world.driver.send(chat, "/log 3 mi 2/10")
    assert "8 km · 40 min" in question.text
