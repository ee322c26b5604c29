"""What the bot stores. Only what a feature needs: no usernames, no message texts, and no names
but the first name a club member shows by tapping "I'm running" or "Walk-run", kept until that
run starts."""

from datetime import date, datetime, time

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Time,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import Mapped, composite, mapped_column

from bot.db.base import Base, Timestamps, UtcDateTime
from bot.domain.recovery.entry import PainEntry


class User(Timestamps, Base):
    """A person who has talked to the bot. `is_active` is False once they block it."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    language_code: Mapped[str | None] = mapped_column(String(16))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class Chat(Timestamps, Base):
    """A private chat, group or supergroup the bot is in. `is_active` is False once removed."""

    __tablename__ = "chats"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(16))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class UserSettings(Timestamps, Base):
    """What a runner chose in /settings. No row until they choose something."""

    __tablename__ = "user_settings"

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    timezone: Mapped[str | None] = mapped_column(String(64))
    warmup_lead_minutes: Mapped[int] = mapped_column(SmallInteger, default=15, server_default="15")
    stretch_time: Mapped[time | None] = mapped_column(Time)
    rest_day_nudges: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    quiet_start: Mapped[time] = mapped_column(Time, default=time(22), server_default="22:00:00")
    quiet_end: Mapped[time] = mapped_column(Time, default=time(7), server_default="07:00:00")
    paused_until: Mapped[date | None] = mapped_column(Date)  # local date reminders resume
    stopped: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # "How did the run go?" after each planned run; None: only while a /comeback plan is active.
    after_run_checkins: Mapped[bool | None] = mapped_column(Boolean)
    # "km" or "mi": how distances are shown; None until chosen (asked when first needed).
    distance_unit: Mapped[str | None] = mapped_column(String(2))
    # "A4" or "Letter" for /report; None: from the timezone's country until the runner chooses.
    paper: Mapped[str | None] = mapped_column(String(6))


class PlannedRun(Base):
    """One weekly run in a runner's plan: a weekday, a local time and, when the runner gave one,
    the distance they intend to run."""

    __tablename__ = "planned_runs"
    __table_args__ = (UniqueConstraint("user_id", "weekday", "local_time"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    weekday: Mapped[int] = mapped_column(SmallInteger)  # 0 = Monday
    local_time: Mapped[time] = mapped_column(Time)
    metres: Mapped[int | None] = mapped_column(Integer)


class SkippedRun(Base):
    """A planned run the runner said they are not running ("Not running today" on its warm-up
    reminder): no after-run check-in for it, and a day whose runs are all skipped counts as
    rest. Kept a week (bot.delivery.retention)."""

    __tablename__ = "skipped_runs"

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    occurrence_key: Mapped[str] = mapped_column(String(80), primary_key=True)  # the outbox's
    day: Mapped[date] = mapped_column(Date)  # the run's local date
    local_time: Mapped[time] = mapped_column(Time)  # and its planned time


class Reminder(Base):
    """A source of deliveries with its next firing time: the schedule is data, not jobs.

    Self-contained (zone, days, time, lead copied from the settings) so the planner advances it
    without joins; settings changes rebuild a user's rows in the same transaction.
    """

    __tablename__ = "reminders"
    __table_args__ = (Index("ix_reminders_due", "active", "next_fire_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    user_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    zone: Mapped[str] = mapped_column(String(64))
    weekdays: Mapped[str] = mapped_column(String(7))  # "0246": Monday, Wednesday, ...
    local_time: Mapped[time] = mapped_column(Time)  # the event's planned wall time
    lead_minutes: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")
    quiet_start: Mapped[time | None] = mapped_column(Time)  # held back during quiet hours
    quiet_end: Mapped[time | None] = mapped_column(Time)
    next_fire_at: Mapped[datetime] = mapped_column(UtcDateTime)
    event_at: Mapped[datetime] = mapped_column(UtcDateTime)  # of the next occurrence
    occurrence_key: Mapped[str] = mapped_column(String(80))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    title: Mapped[str | None] = mapped_column(String(64))  # a club run's name, for the message
    thread_id: Mapped[int | None] = mapped_column(BigInteger)  # the forum topic to post in


class Delivery(Base):
    """The outbox: one row per message to send. The unique key makes a second planner, or a
    planner restarted after a crash, unable to create the same delivery twice."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("chat_id", "kind", "occurrence_key"),
        Index("ix_deliveries_queue", "status", "not_before"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    user_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    reminder_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("reminders.id", ondelete="SET NULL")
    )
    kind: Mapped[str] = mapped_column(String(16))
    zone: Mapped[str] = mapped_column(String(64))  # to show times in the recipient's local time
    occurrence_key: Mapped[str] = mapped_column(String(80))
    event_at: Mapped[datetime] = mapped_column(UtcDateTime)
    not_before: Mapped[datetime] = mapped_column(UtcDateTime)
    deadline: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(12), default="pending", server_default="pending")
    attempts: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    title: Mapped[str | None] = mapped_column(String(64))  # copied from the reminder
    thread_id: Mapped[int | None] = mapped_column(BigInteger)


CLUB_WARMUP_LEAD = 15  # minutes before a club run, until the admins choose
CLUB_KINDS = ("club_warmup", "club_stretch")  # the reminder kinds a club's settings make


class ClubSettings(Timestamps, Base):
    """What a group's admins chose for their club. No row until they choose something; no
    foreign key to chats, so a supergroup upgrade can move it (see repositories.move_chat)."""

    __tablename__ = "club_settings"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    timezone: Mapped[str | None] = mapped_column(String(64))
    stretch_time: Mapped[time | None] = mapped_column(Time)
    warmup_lead_minutes: Mapped[int] = mapped_column(
        SmallInteger, default=CLUB_WARMUP_LEAD, server_default=str(CLUB_WARMUP_LEAD)
    )
    thread_id: Mapped[int | None] = mapped_column(BigInteger)  # forum topic where it was set up


class ClubRun(Base):
    """One weekly club run. One run per weekday and time: the outbox keys a club's deliveries by
    occurrence, so two runs at the same moment would share one reminder."""

    __tablename__ = "club_runs"
    __table_args__ = (UniqueConstraint("chat_id", "weekday", "local_time"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    weekday: Mapped[int] = mapped_column(SmallInteger)  # 0 = Monday
    local_time: Mapped[time] = mapped_column(Time)
    title: Mapped[str] = mapped_column(String(64))


class ClubAttendance(Base):
    """A runner's answer on one club-run post (the delivery stands for the chat and the
    occurrence): "run", "walk" or "out" (bot.domain.club.Answer). The first name is what the
    post shows for running and walk-running, and is not kept for "out" (the post shows only a
    count there); rows go once the run starts."""

    __tablename__ = "club_attendance"

    delivery_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("deliveries.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        BigInteger, primary_key=True, autoincrement=False, index=True
    )
    answer: Mapped[str] = mapped_column(String(8), default="run", server_default="run")
    first_name: Mapped[str | None] = mapped_column(String(64))
    joined_at: Mapped[datetime] = mapped_column(UtcDateTime)  # the lists show who came first
    # The post showing the answer, to redraw it when the runner erases their data
    # (None for taps recorded before it was kept).
    message_id: Mapped[int | None] = mapped_column(BigInteger)


class PainLog(Base):
    """One logged run (/log): pain during it and, once answered, the next morning (shared by the
    runs of one day: it is about the knee that morning). A day may have several runs. `stage`
    is the walk-run stage when the run was a /comeback session."""

    __tablename__ = "pain_logs"
    __table_args__ = (Index("ix_pain_logs_user_id_day", "user_id", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)  # the runner's local date
    during_run: Mapped[int] = mapped_column(SmallInteger)  # 0-10
    next_morning: Mapped[int | None] = mapped_column(SmallInteger)  # 0-10, None until answered
    minutes: Mapped[int | None] = mapped_column(SmallInteger)
    metres: Mapped[int | None] = mapped_column(Integer)  # None when not known
    swelling: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    stiffer: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    stage: Mapped[int | None] = mapped_column(SmallInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    # The run as the recovery rules read it, built from the columns above. Written as a whole
    # (row.entry = replace(row.entry, ...)): setting one column leaves `entry` as it was until
    # the session flushes.
    entry: Mapped[PainEntry] = composite(
        "day", "during_run", "next_morning", "minutes", "metres", "swelling", "stiffer"
    )


class ComebackPlan(Base):
    """A runner's walk-run plan (/comeback): the stage of the next session. No row until started;
    stopping keeps the row inactive."""

    __tablename__ = "comebacks"

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    stage: Mapped[int] = mapped_column(SmallInteger)  # 1-based
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class DemoUpload(Base):
    """A demonstration's file as one bot uploaded it: Telegram keeps the file, and the bot sends
    the same file_id again instead of the bytes. File ids belong to one bot, hence the bot id;
    `demo_key` changes with the drawing, so a changed demonstration is uploaded afresh."""

    __tablename__ = "demo_uploads"

    bot_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    demo_key: Mapped[str] = mapped_column(String(96), primary_key=True)
    file_id: Mapped[str] = mapped_column(String(255))
