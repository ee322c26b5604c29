"""The file_id Telegram gave each demonstration uploaded by each bot."""

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.base import insert_for
from bot.db.models import DemoUpload


async def file_id_of(session: AsyncSession, bot_id: int, demo_key: str) -> str | None:
    statement = select(DemoUpload.file_id).where(
        DemoUpload.bot_id == bot_id, DemoUpload.demo_key == demo_key
    )
    return (await session.execute(statement)).scalar_one_or_none()


async def remember(session: AsyncSession, bot_id: int, demo_key: str, file_id: str) -> None:
    """Two runners asking at once may both upload: the later file_id wins, both work."""
    statement = insert_for(session, DemoUpload).values(
        bot_id=bot_id, demo_key=demo_key, file_id=file_id
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["bot_id", "demo_key"], set_={"file_id": file_id}
        )
    )


async def forget(session: AsyncSession, bot_id: int, demo_key: str) -> None:
    """Telegram no longer knows the file (a file_id can expire): the next send uploads it."""
    await session.execute(
        delete(DemoUpload).where(DemoUpload.bot_id == bot_id, DemoUpload.demo_key == demo_key)
    )
