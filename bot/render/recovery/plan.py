"""/comeback: the walk-run plan, its current stage and today's session."""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.content.comeback import Comeback, Stage
from bot.render.html import b, h, i
from bot.render.recovery import grammar
from bot.render.screen import Screen


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


def current(content: Comeback, stage: int) -> Screen:
    programme = content.programme
    title = f"{programme.name} · stage {stage} of {content.stage_count}"
    text = "\n\n".join(
        [
            b(h(title)),
            f"{b('Today’s session')}: {h(session(programme.stages[stage - 1]))}",
            "After it, tap “Done: log it”: the plan moves on after two sessions in a row at "
            "0-3/10, during the run and the next morning, and steps back after a painful one.",
            i(h(content.not_for.text)),
        ]
    )
    rows = [
        [InlineKeyboardButton("Done: log it", callback_data=grammar.ask_pain(True))],
        [InlineKeyboardButton("Stop the plan", callback_data=grammar.stop_plan())],
    ]
    return Screen(text, InlineKeyboardMarkup(rows))


def stopped() -> Screen:
    return Screen("Walk-run plan stopped. Your pain log is kept. Start again any time: /comeback")
