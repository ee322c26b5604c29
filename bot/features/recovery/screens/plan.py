"""/comeback: the walk-run plan, its current stage, today's session and when sessions happen."""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.content.comeback import Comeback, Stage
from bot.domain.recovery import SessionSchedule
from bot.domain.schedule.plan import longest_run_streak
from bot.features.recovery import buttons as grammar
from bot.features.settings import OPEN_RUN_PLAN, ZONE_EXAMPLE, run_list
from bot.ui.html import b, h, i
from bot.ui.screen import Screen

SESSION_DAYS_EXAMPLE = "/runs mon,wed,fri 18:00"


def session(stage: Stage) -> str:
    if stage.continuous:
        return f"Run {stage.run} minutes without stopping, at an easy, chatty pace."
    return (
        f"Run {stage.run} min, then walk {stage.walk} min; {stage.repeats} times "
        f"({stage.minutes} minutes in all), at an easy, chatty pace."
    )


def _rules(content: Comeback) -> str:
    return "\n".join(f"• {h(rule)}" for rule in content.programme.rules)


def offer(content: Comeback) -> Screen:
    """No active plan: what it is, who it is not for, and a button to start."""
    programme = content.programme
    text = "\n\n".join(
        [
            b(h(programme.name)),
            h(programme.intro),
            _rules(content),
            i(h(content.not_for.text)),
        ]
    )
    start = InlineKeyboardButton("Start at stage 1", callback_data=grammar.start_plan())
    return Screen(text, InlineKeyboardMarkup([[start]]))


def _schedule(sessions: SessionSchedule) -> str:
    if sessions.stopped:
        return "📅 Your reminders are stopped, so sessions come without one: /resume."
    if not sessions.zone_set:
        return (
            f"📅 Set your timezone ({ZONE_EXAMPLE}) and your session days "
            f"({SESSION_DAYS_EXAMPLE}): each session then gets its reminder."
        )
    if not sessions.runs:
        return (
            "📅 Choose two or three session days with a rest day between, and each gets its "
            f"reminder: {SESSION_DAYS_EXAMPLE}"
        )
    text = f"📅 Sessions: your planned runs, {run_list(sessions.runs)}. Each reminder brings the "
    text += "session" + (
        "; two hours later, a check-in asks how the knee did." if sessions.checkins else "."
    )
    if longest_run_streak(sessions.runs) > 1:
        text += (
            f"\nKeep a rest day between sessions: change your days with /runs "
            f"(for example {SESSION_DAYS_EXAMPLE})."
        )
    return text


def current(content: Comeback, stage: int, sessions: SessionSchedule) -> Screen:
    programme = content.programme
    title = f"{programme.name} · stage {stage} of {content.stage_count}"
    text = "\n\n".join(
        [
            b(h(title)),
            f"{b('Today’s session')}: {h(session(programme.stages[stage - 1]))}",
            _schedule(sessions),
            "After it, tap “Done: log it”: the plan moves on after two sessions in a row at "
            "0-3/10, during the run and the next morning, and steps back after a painful one.",
            i(h(content.not_for.text)),
        ]
    )
    rows = [
        [InlineKeyboardButton("Done: log it", callback_data=grammar.new_run(True))],
        [InlineKeyboardButton("📅 Session days", callback_data=OPEN_RUN_PLAN)],
        [InlineKeyboardButton("Stop the plan", callback_data=grammar.stop_plan(False))],
    ]
    return Screen(text, InlineKeyboardMarkup(rows))


def confirm_stop() -> Screen:
    text = "Stop the walk-run plan? Your pain log is kept; starting again later begins at stage 1."
    rows = [
        [
            InlineKeyboardButton("Yes, stop it", callback_data=grammar.stop_plan(True)),
            InlineKeyboardButton("Cancel", callback_data=grammar.cancel()),
        ]
    ]
    return Screen(text, InlineKeyboardMarkup(rows))


def stopped() -> Screen:
    return Screen("Walk-run plan stopped. Your pain log is kept. Start again any time: /comeback")
