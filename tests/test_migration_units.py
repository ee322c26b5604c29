"""Migration 0010_units on a database that has runners: their settings stay, with no unit or
paper chosen (so /log asks and the paper follows the timezone), and it can be undone."""

from sqlalchemy import inspect, text

from bot.db.engine import create_engine
from bot.db.migrate import move_to


async def _query(url: str, sql: str) -> list[tuple[object, ...]]:
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            return [tuple(row) for row in await connection.execute(text(sql))]
    finally:
        await engine.dispose()


async def _columns(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            found = await connection.run_sync(
                lambda sync: inspect(sync).get_columns("user_settings")
            )
            return {column["name"] for column in found}
    finally:
        await engine.dispose()


async def test_existing_runners_keep_their_settings_with_nothing_chosen(database_url: str) -> None:
    await move_to(database_url, "0009_distance")
    engine = create_engine(database_url)
    async with engine.begin() as connection:
        await connection.execute(
            text(
                "INSERT INTO users (id, is_active, created_at, updated_at) "
                "VALUES (7, true, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
        await connection.execute(
            text(
                "INSERT INTO user_settings (user_id, timezone, created_at, updated_at) "
                "VALUES (7, 'America/Chicago', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
    await engine.dispose()
    await move_to(database_url, "head")
    assert await _query(
        database_url, "SELECT timezone, distance_unit, paper FROM user_settings"
    ) == [("America/Chicago", None, None)]
    await move_to(database_url, "0009_distance", down=True)
    assert {"distance_unit", "paper"}.isdisjoint(await _columns(database_url))
    assert await _query(database_url, "SELECT timezone FROM user_settings") == [
        ("America/Chicago",)
    ]
