"""A demonstration's file_id is kept per bot and per drawing, on SQLite and PostgreSQL: a
second upload (two runners asking at once) replaces it, and a refused one is forgotten."""

from bot.db import demos
from bot.db.engine import Database


async def test_file_ids_are_kept_per_bot_and_per_drawing(database: Database) -> None:
    async with database.transaction() as session:
        await demos.remember(session, 1, "clamshell-abc-r1", "file-a")
        await demos.remember(session, 2, "clamshell-abc-r1", "file-b")
    async with database.transaction() as session:
        await demos.remember(session, 1, "clamshell-abc-r1", "file-c")  # a concurrent upload
    async with database.transaction() as session:
        assert await demos.file_id_of(session, 1, "clamshell-abc-r1") == "file-c"
        assert await demos.file_id_of(session, 2, "clamshell-abc-r1") == "file-b"
        assert await demos.file_id_of(session, 1, "clamshell-def-r1") is None  # a new drawing
        await demos.forget(session, 1, "clamshell-abc-r1")
    async with database.transaction() as session:
        assert await demos.file_id_of(session, 1, "clamshell-abc-r1") is None
        assert await demos.file_id_of(session, 2, "clamshell-abc-r1") == "file-b"
