"""Migration 0013 on SQLite and PostgreSQL: the taps stored before it keep meaning "I'm running",
and going back keeps the walk-runners on the list and drops "Can't make it"."""

from datetime import UTC, datetime

from sqlalchemy import bindparam, select, text

from bot.db.base import UtcDateTime
from bot.db.engine import Database
from bot.db.migrate import move_to
from bot.db.models import ClubAttendance, Delivery

BEFORE = "0012_skipped_runs"
RUN_STARTS = datetime(2026, 11, 24, 17, 30, tzinfo=UTC)


async def _tap_before_0013(database: Database, user_id: int, name: str) -> int:
    async with database.transaction() as session:
        post = Delivery(
            chat_id=-100,
            kind="club_warmup",
            zone="Europe/Berlin",
            occurrence_key=f"post-{user_id}",
            event_at=RUN_STARTS,
            not_before=RUN_STARTS,
            deadline=RUN_STARTS,
            status="sent",
        )
        session.add(post)
        await session.flush()
        insert = text(
            "INSERT INTO club_attendance (delivery_id, user_id, first_name, joined_at, message_id)"
            " VALUES (:post, :user, :name, :at, 5)"
        ).bindparams(bindparam("at", type_=UtcDateTime()))
        await session.execute(
            insert, {"post": post.id, "user": user_id, "name": name, "at": RUN_STARTS}
        )
        return post.id


async def test_taps_from_before_mean_im_running_and_going_back_drops_only_cant_make_it(
    database_url: str,
) -> None:
    await move_to(database_url, BEFORE)
    database = Database(database_url)
    try:
        post = await _tap_before_0013(database, 1, "Ann")
        await move_to(database_url, "head")
        async with database.transaction() as session:
            [ann] = (await session.execute(select(ClubAttendance))).scalars()
            assert (ann.delivery_id, ann.answer, ann.first_name) == (post, "run", "Ann")
            session.add_all(
                [
                    ClubAttendance(
                        delivery_id=post,
                        user_id=2,
                        answer="walk",
                        first_name="Bob",
                        joined_at=RUN_STARTS,
                        message_id=5,
                    ),
                    ClubAttendance(
                        delivery_id=post,
                        user_id=3,
                        answer="out",
                        first_name=None,
                        joined_at=RUN_STARTS,
                        message_id=5,
                    ),
                ]
            )
        await move_to(database_url, BEFORE, down=True)
        async with database.transaction() as session:
            rows = await session.execute(text("SELECT user_id, first_name FROM club_attendance"))
            assert sorted(rows.all()) == [(1, "Ann"), (2, "Bob")]
    finally:
        await database.dispose()
