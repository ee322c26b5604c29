"""Every query about clubs: their settings, weekly runs and the answers on club-run posts, an
admin's change applied in one transaction, and the reminder rows built from the settings. A club
is a group chat; its rows are keyed by the chat id. The rules live in bot.domain.club."""

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, time
from typing import NamedTuple

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.base import insert_for
from bot.db.engine import Database
from bot.db.models import (
    CLUB_KINDS,
    CLUB_WARMUP_LEAD,
    Chat,
    ClubAttendance,
    ClubRun,
    ClubSettings,
    Delivery,
    Reminder,
)
from bot.db.reminders import row_for
from bot.domain.club import (
    AddClubRuns,
    Answer,
    Club,
    ClubChange,
    ClubChanged,
    ClubRunRemoved,
    ClubRunsAdded,
    RemoveClubRun,
    Turnout,
    WeeklyClubRun,
    answer_after,
    check_new_runs,
    reminder_rules,
)
from bot.domain.runner import SetLead, SetStretch, SetZone

MAX_NAME = 64  # Telegram's limit for a first name


@dataclass(frozen=True)
class Tap:
    """A press of one of a club-run post's answers: who, which answer, on which reminder, and
    the post it was on."""

    delivery_id: int
    user_id: int
    first_name: str
    message_id: int
    answer: Answer


class ListedPost(NamedTuple):
    """A club-run post that counts a runner's answer."""

    delivery: Delivery
    message_id: int


async def settings_of(session: AsyncSession, chat_id: int) -> ClubSettings:
    """The club's settings, created with the defaults on first use."""
    club = await session.get(ClubSettings, chat_id)
    if club is None:
        club = ClubSettings(chat_id=chat_id)
        session.add(club)
        await session.flush()  # fills in the column defaults
    return club


async def runs_of(session: AsyncSession, chat_id: int) -> list[ClubRun]:
    query = select(ClubRun).where(ClubRun.chat_id == chat_id)
    return list(
        (await session.execute(query.order_by(ClubRun.weekday, ClubRun.local_time))).scalars()
    )


@asynccontextmanager
async def changing(
    database: Database, chat_id: int, thread_id: int | None, now: datetime
) -> AsyncIterator[tuple[AsyncSession, ClubSettings]]:
    """One change by an admin, in one transaction: the club's posts move to the forum topic the
    admin wrote in (None: the General topic, or no forum), and the reminder rows are rebuilt."""
    async with database.transaction() as session:
        club = await settings_of(session, chat_id)
        club.thread_id = thread_id
        yield session, club
        await session.flush()
        await rebuild_reminders(session, chat_id, now)


async def apply(
    database: Database, chat_id: int, thread_id: int | None, change: ClubChange, now: datetime
) -> ClubChanged:
    """Applies an admin's change (see `changing`); raises RunClash or TooManyRuns, changing
    nothing, when the club's rules refuse it."""
    async with changing(database, chat_id, thread_id, now) as (session, club):
        match change:
            case SetZone(zone):
                club.timezone = zone
                return change
            case AddClubRuns(weekdays, at, title):
                added = await add_runs(session, chat_id, weekdays, at, title)
                return ClubRunsAdded(added, club.warmup_lead_minutes, club.timezone)
            case RemoveClubRun(run_id):
                return ClubRunRemoved(await remove_run(session, chat_id, run_id))
            case SetStretch(at):
                club.stretch_time = at
                return change
            case SetLead(minutes):
                club.warmup_lead_minutes = minutes
                return change


def _as_run(run: ClubRun) -> WeeklyClubRun:
    return WeeklyClubRun(run.id, run.weekday, run.local_time, run.title)


async def view(session: AsyncSession, chat_id: int) -> Club:
    """The club as a value (the defaults until an admin chose something)."""
    club = await session.get(ClubSettings, chat_id)
    runs = tuple(_as_run(run) for run in await runs_of(session, chat_id))
    if club is None:
        return Club(zone=None, runs=runs, stretch_time=None, lead_minutes=CLUB_WARMUP_LEAD)
    return Club(club.timezone, runs, club.stretch_time, club.warmup_lead_minutes)


async def read(database: Database, chat_id: int) -> Club:
    async with database.transaction() as session:
        return await view(session, chat_id)


async def add_runs(
    session: AsyncSession, chat_id: int, weekdays: Sequence[int], at: time, title: str
) -> tuple[WeeklyClubRun, ...]:
    """One run on each of `weekdays`; raises RunClash or TooManyRuns (adding none) when the
    club's rules refuse them."""
    check_new_runs([_as_run(run) for run in await runs_of(session, chat_id)], weekdays, at)
    added = [ClubRun(chat_id=chat_id, weekday=day, local_time=at, title=title) for day in weekdays]
    session.add_all(added)
    await session.flush()
    return tuple(_as_run(run) for run in added)


async def remove_run(session: AsyncSession, chat_id: int, run_id: int) -> WeeklyClubRun | None:
    run = await session.get(ClubRun, run_id)
    if run is None or run.chat_id != chat_id:  # a button from another club, or already gone
        return None
    removed = _as_run(run)
    await session.delete(run)
    await session.flush()
    return removed


async def rebuild_reminders(session: AsyncSession, chat_id: int, now: datetime) -> None:
    """Replaces the club's reminder rows with ones built from its settings. Deliveries already
    planned keep their unique keys, so rebuilding can never send anything twice."""
    await session.execute(
        delete(Reminder).where(Reminder.chat_id == chat_id, Reminder.kind.in_(CLUB_KINDS))
    )
    chat, club = await session.get(Chat, chat_id), await session.get(ClubSettings, chat_id)
    if chat is None or not chat.is_active or club is None:
        return
    for rule, title in reminder_rules(await view(session, chat_id)):
        row = row_for(rule, chat_id, None, now)
        row.title, row.thread_id = title, club.thread_id
        session.add(row)


async def erase(session: AsyncSession, chat_id: int) -> Club:
    """Erases everything stored for the club: its settings, runs and reminder rows, the posts
    planned or sent from them (a sent one is what a post's buttons point at, so old buttons stop
    taking answers) and the answers on them. The chat's row stays: the bot is
    still in the group. Returns the club as it was."""
    before = await view(session, chat_id)
    posts = select(Delivery.id).where(Delivery.chat_id == chat_id, Delivery.kind.in_(CLUB_KINDS))
    await session.execute(delete(ClubAttendance).where(ClubAttendance.delivery_id.in_(posts)))
    await session.execute(
        delete(Delivery).where(Delivery.chat_id == chat_id, Delivery.kind.in_(CLUB_KINDS))
    )
    await session.execute(
        delete(Reminder).where(Reminder.chat_id == chat_id, Reminder.kind.in_(CLUB_KINDS))
    )
    for model in (ClubRun, ClubSettings):
        await session.execute(delete(model).where(model.chat_id == chat_id))
    return before


async def club_warmup_sent(
    session: AsyncSession, delivery_id: int, chat_id: int
) -> Delivery | None:
    """The club-run reminder a post's answer button belongs to, if it was sent to this chat."""
    delivery = await session.get(Delivery, delivery_id)
    if delivery is None or delivery.chat_id != chat_id or delivery.kind != "club_warmup":
        return None
    return delivery


async def answer(session: AsyncSession, tap: Tap, now: datetime) -> Answer | None:
    """Records the tap (bot.domain.club.answer_after): the runner's answer now, None if the tap
    took them off. A first tap that conflicts is a second one racing it, and is read as one."""
    values = {
        "answer": tap.answer,
        # The post names runners and walk-runners only, so no name is kept for "out".
        "first_name": tap.first_name[:MAX_NAME] if tap.answer != "out" else None,
        "joined_at": now,  # a runner moving to another answer joins the end of its list
        "message_id": tap.message_id,
    }
    added = await session.execute(
        insert_for(session, ClubAttendance)
        .values(delivery_id=tap.delivery_id, user_id=tap.user_id, **values)
        .on_conflict_do_nothing()
    )
    if added.rowcount:  # type: ignore[attr-defined]
        return tap.answer
    mine = (ClubAttendance.delivery_id == tap.delivery_id, ClubAttendance.user_id == tap.user_id)
    current = await session.scalar(select(ClubAttendance.answer).where(*mine).with_for_update())
    after = answer_after(_answer(current), tap.answer)
    if after is None:
        await session.execute(delete(ClubAttendance).where(*mine))
    else:
        await session.execute(update(ClubAttendance).where(*mine).values(**values))
    return after


def _answer(stored: str | None) -> Answer | None:
    match stored:
        case "run" | "walk" | "out":
            return stored
    return None


async def posts_answered(session: AsyncSession, user_id: int) -> list[ListedPost]:
    """The posts that count this runner's answer (read before erasing them)."""
    rows = await session.execute(
        select(Delivery, ClubAttendance.message_id)
        .join(ClubAttendance, ClubAttendance.delivery_id == Delivery.id)
        .where(ClubAttendance.user_id == user_id)
    )
    return [
        ListedPost(delivery, message_id)
        for delivery, message_id in rows.all()
        if message_id is not None  # a tap from before posts were kept
    ]


async def next_walk_run(session: AsyncSession, user_id: int, now: datetime) -> Delivery | None:
    """The soonest club run, not started yet, that the runner answered "Walk-run" to."""
    query = (
        select(Delivery)
        .join(ClubAttendance, ClubAttendance.delivery_id == Delivery.id)
        .where(
            ClubAttendance.user_id == user_id,
            ClubAttendance.answer == "walk",
            Delivery.event_at > now,
        )
        .order_by(Delivery.event_at)
        .limit(1)
    )
    return await session.scalar(query)


async def turnout(session: AsyncSession, delivery_id: int) -> Turnout:
    """The post's answers: first names by answer, first tap first, and how many are out."""
    rows = await session.execute(
        select(ClubAttendance.answer, ClubAttendance.first_name)
        .where(ClubAttendance.delivery_id == delivery_id)
        .order_by(ClubAttendance.joined_at, ClubAttendance.user_id)
    )
    names: dict[str, list[str]] = {"run": [], "walk": []}
    out = 0
    for answer, first_name in rows.all():
        if answer == "out":
            out += 1
        elif first_name is not None:
            names[answer].append(first_name)
    return Turnout(tuple(names["run"]), tuple(names["walk"]), out)


async def forget_past_attendance(session: AsyncSession, now: datetime) -> None:
    """Names are kept only until the run starts: the message shows them from then on."""
    started = select(Delivery.id).where(Delivery.kind == "club_warmup", Delivery.event_at <= now)
    await session.execute(delete(ClubAttendance).where(ClubAttendance.delivery_id.in_(started)))


async def move_club(session: AsyncSession, old_chat_id: int, new_chat_id: int) -> None:
    """The club's settings and runs go with the chat, unless the supergroup was set up already
    (its admins spoke last): then the old group's club, reminders included, is dropped."""
    if await session.get(ClubSettings, new_chat_id) is None:
        for model in (ClubSettings, ClubRun):
            await session.execute(
                update(model).where(model.chat_id == old_chat_id).values(chat_id=new_chat_id)
            )
        return
    for model in (ClubSettings, ClubRun):
        await session.execute(delete(model).where(model.chat_id == old_chat_id))
    await session.execute(
        delete(Reminder).where(Reminder.chat_id == old_chat_id, Reminder.kind.in_(CLUB_KINDS))
    )


async def forget_member(session: AsyncSession, user_id: int) -> None:
    """A member's answers on club-run posts go with the rest of their data (no foreign key: members
    of a club need not have started the bot)."""
    await session.execute(delete(ClubAttendance).where(ClubAttendance.user_id == user_id))
