"""/log: how far, how long and the pain during the run (stored with the pain), for today or an
earlier day, after "km or miles?" the first time; a day that has runs already asks whether this
is another run or a correction; the next morning; the verdict; and the log's own screen, where a
run is corrected or deleted. Every step has Cancel. Distances are shown in the runner's unit."""

from collections.abc import Callable
from datetime import date, timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.content.comeback import Comeback
from bot.domain.recovery import Decision, RunReview, Sign, Zone
from bot.domain.recovery.activity_file import RunSummary
from bot.domain.recovery.choices import DEFAULT_MINUTES, DistanceChoices
from bot.domain.recovery.entry import NewRun, PainEntry
from bot.domain.recovery.spike import EVIDENCE, Spike
from bot.domain.recovery.status import LoggedRun
from bot.domain.recovery.typed import EXAMPLE
from bot.domain.units import UNIT_NAMES, UNITS, Unit, format_distance
from bot.features.recovery import buttons as grammar
from bot.features.recovery.screens.common import pain_rows
from bot.ui.calendar import weekday_date
from bot.ui.html import b, h, i
from bot.ui.screen import Screen

ZONE_ICONS: dict[Zone, str] = {"green": "🟢", "amber": "🟠", "red": "🔴"}  # the text names it
SCALE = "0 = no pain, 10 = the worst pain you can imagine."
KNEEPAIN_HINT = "Some of this can be a warning sign: check it with /kneepain."
_LOGS_IT = "Your answer, or Skip, logs the run."
_PAIN_LOGS_IT = "Your answer logs the run."
CHOICES_PER_ROW = 4
PICKED_DAYS = 7  # today and the six days before, offered to tap
LISTED_RUNS = 8


def _cancel() -> InlineKeyboardButton:
    return InlineKeyboardButton("✖ Cancel", callback_data=grammar.cancel())


def _run_words(entry: PainEntry, unit: Unit, *, dated: bool = True) -> str:
    """'Thu 3 Dec · 4/10 · 8 km · 30 min' ('4/10 · 8 km · 30 min' undated)."""
    words = [weekday_date(entry.day)] if dated else []
    words.append(f"{entry.during_run}/10")
    if entry.metres is not None:
        words.append(format_distance(entry.metres, unit))
    if entry.minutes is not None:
        words.append(f"{entry.minutes} min")
    return " · ".join(words)


def file_minutes(run: RunSummary) -> int:
    return max(1, round(run.moving_seconds / 60))


def ask_file_unit(run: RunSummary, day: date) -> Screen:
    """A watch file's run, before the runner has said how they read distances: asked once."""
    text = (
        f"📥 Read from your file: a run on {weekday_date(day)}, {file_minutes(run)} min.\n"
        f"{b('Do you count your runs in kilometres or miles?')} I'll remember it "
        "(/settings changes it)."
    )
    row = [
        InlineKeyboardButton(
            UNIT_NAMES[unit].capitalize(),
            callback_data=grammar.file_unit(unit, day, file_minutes(run), run.metres),
        )
        for unit in UNITS
    ]
    return Screen(text, InlineKeyboardMarkup([row, [_cancel()]]))


def ask_file_pain(day: date, minutes: int, metres: int, unit: Unit) -> Screen:
    """A run read from a watch file: what was read, then the one question left."""
    read = f"{weekday_date(day)} · {format_distance(metres, unit)} · {minutes} min"
    text = (
        f"📥 Read from your file: {read}. Only these three numbers are kept; the file is not.\n\n"
        f"{b('How much did the knee hurt during this run?')}\n{SCALE}"
    )
    rows = pain_rows(
        lambda value: grammar.store_run(NewRun(day, value, minutes, False, metres), False)
    )
    rows.append([_cancel()])
    return Screen(text, InlineKeyboardMarkup(rows))


def unreadable(problem: str) -> str:
    return f"{h(problem)}\nNothing was logged. Or send /log alone and tap your way through."


def spike_line(spike: Spike, unit: Unit) -> str:
    """A run much longer than the month's longest: the runner's own numbers, honestly worded."""
    return (
        f"📏 This run ({format_distance(spike.metres, unit)}) was {spike.percent_longer}% longer "
        "than your longest in the 30 days before it "
        f"({format_distance(spike.longest_metres, unit)}). {EVIDENCE} "
        f"Up to {format_distance(spike.within_margin_metres, unit)} stays within 10%."
    )


def _which(day: date | None, today: date | None = None) -> str:
    return "today’s run" if day is None or day == today else f"your run on {weekday_date(day)}"


def _session(stage: int | None) -> str:
    return h(f" (walk-run stage {stage})") if stage is not None else ""


def _day_buttons(comeback: bool) -> list[InlineKeyboardButton]:
    return [
        InlineKeyboardButton("📅 Another day", callback_data=grammar.pick_day(comeback)),
        InlineKeyboardButton("🗂 Your runs", callback_data=grammar.list_runs()),
    ]


def ask_pain(comeback: bool, stage: int | None = None, day: date | None = None) -> Screen:
    """The pain question an after-run check-in asks first; `day` None means today's run."""
    text = f"{b(f'How much did the knee hurt during {_which(day)}{_session(stage)}?')}\n{SCALE}"
    rows = pain_rows(lambda value: grammar.pain(comeback, value, day))
    rows.append(_day_buttons(comeback))
    rows.append([_cancel()])
    return Screen(text, InlineKeyboardMarkup(rows))


def ask_unit(comeback: bool, day: date | None) -> Screen:
    """Before the first distance: how the runner counts, asked once."""
    text = (
        f"{b('Do you count your runs in kilometres or miles?')}\nI'll remember it for /log, "
        "/progress and /report (/settings changes it)."
    )
    row = [
        InlineKeyboardButton(
            UNIT_NAMES[unit].capitalize(), callback_data=grammar.choose_unit(unit, comeback, day)
        )
        for unit in UNITS
    ]
    return Screen(text, InlineKeyboardMarkup([row, [_cancel()]]))


def _rows(buttons: list[InlineKeyboardButton]) -> list[list[InlineKeyboardButton]]:
    return [
        buttons[start : start + CHOICES_PER_ROW]
        for start in range(0, len(buttons), CHOICES_PER_ROW)
    ]


def _distance_rows(
    offered: tuple[int, ...],
    unit: Unit,
    data: Callable[[int | None], str],
    ticked: frozenset[int | None] = frozenset(),
) -> list[list[InlineKeyboardButton]]:
    """The distance buttons, then "Didn't measure" (None); the `ticked` ones (what is logged)
    are marked."""
    buttons = [
        InlineKeyboardButton(
            f"{format_distance(metres, unit)}{' ✓' if metres in ticked else ''}",
            callback_data=data(metres),
        )
        for metres in offered
    ]
    not_measured = f"Didn't measure{' ✓' if None in ticked else ''}"
    return [*_rows(buttons), [InlineKeyboardButton(not_measured, callback_data=data(None))]]


def _history_line(choices: DistanceChoices, unit: Unit) -> str:
    parts = []
    if choices.usual is not None:
        parts.append(f"your usual run is about {format_distance(choices.usual, unit)}")
    if choices.longest is not None:
        parts.append(f"the longest of the last 30 days {format_distance(choices.longest, unit)}")
    return f"Going by your log, {' and '.join(parts)}.\n" if parts else ""


def ask_distance(
    comeback: bool,
    stage: int | None,
    day: date,
    today: date,
    choices: DistanceChoices,
    unit: Unit,
) -> Screen:
    """A new run's first question: how far (or not measured)."""
    text = (
        f"{b(f'How far was {_which(day, today)}{_session(stage)}?')}\n"
        f"{_history_line(choices, unit)}"
        f"Another distance? Send the whole run as one line: {h(EXAMPLE)}"
    )
    rows = _distance_rows(
        choices.metres, unit, lambda metres: grammar.distance(comeback, day, metres)
    )
    rows.append(_day_buttons(comeback))
    rows.append([_cancel()])
    return Screen(text, InlineKeyboardMarkup(rows))


def _so_far(day: date, today: date, metres: int | None, unit: Unit, minutes: int | None) -> str:
    """'8 km · 45 min today.'"""
    words = [format_distance(metres, unit) if metres else "Distance not measured"]
    if minutes is not None:
        words.append(f"{minutes} min")
    when = "today" if day == today else f"on {weekday_date(day)}"
    return f"{' · '.join(words)} {when}."


def ask_duration(
    comeback: bool,
    day: date,
    today: date,
    metres: int | None,
    unit: Unit,
    minutes: tuple[int, ...],
) -> Screen:
    text = f"{_so_far(day, today, metres, unit, None)}\n{b('How long did it take?')}"
    buttons = [
        InlineKeyboardButton(
            f"{value} min", callback_data=grammar.duration(comeback, day, metres, value)
        )
        for value in minutes
    ]
    rows = _rows(buttons)
    rows.append(
        [
            InlineKeyboardButton(
                "Didn't time it", callback_data=grammar.duration(comeback, day, metres, None)
            ),
            _cancel(),
        ]
    )
    return Screen(text, InlineKeyboardMarkup(rows))


def ask_run_pain(run: grammar.Duration, stage: int | None, today: date, unit: Unit) -> Screen:
    """A new run's last question, the pain during it: the tap logs the run. `stage`: the
    walk-run stage of a session (None: not a session)."""
    so_far = _so_far(run.day, today, run.metres, unit, run.minutes)
    question = f"How much did the knee hurt during {_which(run.day, today)}{_session(stage)}?"
    text = f"{so_far}\n{b(question)}\n{SCALE} {_PAIN_LOGS_IT}"
    session = stage is not None
    rows = pain_rows(
        lambda value: grammar.store_run(
            NewRun(run.day, value, run.minutes, session, run.metres), another=False
        )
    )
    rows.append([_cancel()])
    return Screen(text, InlineKeyboardMarkup(rows))


def pick_day(comeback: bool, today: date) -> Screen:
    days = [today - timedelta(days=back) for back in range(1, PICKED_DAYS)]
    labels = ["Yesterday", *(weekday_date(day) for day in days[1:])]
    buttons = [
        InlineKeyboardButton(label, callback_data=grammar.new_run(comeback, day))
        for label, day in zip(labels, days, strict=True)
    ]
    rows = [buttons[start : start + 2] for start in range(0, len(buttons), 2)]
    rows.append(
        [InlineKeyboardButton("‹ Today", callback_data=grammar.new_run(comeback)), _cancel()]
    )
    return Screen(b("Which day was the run?"), InlineKeyboardMarkup(rows))


def _minutes_rows(
    data: Callable[[int | None], str], logged: int | None = None
) -> list[list[InlineKeyboardButton]]:
    """The time buttons; correcting a run, its logged time is offered too, marked ✓, and "Not
    timed" is said plainly (a "Skip" there would erase the time)."""
    values = sorted({*DEFAULT_MINUTES, *([logged] if logged is not None else [])})
    buttons = [
        InlineKeyboardButton(
            f"{value} min{' ✓' if value == logged else ''}", callback_data=data(value)
        )
        for value in values
    ]
    skip = "Skip" if logged is None else "Not timed"
    return [*_rows(buttons), [InlineKeyboardButton(skip, callback_data=data(None)), _cancel()]]


def ask_pain_distance(
    comeback: bool, pain: int, day: date, today: date, choices: DistanceChoices, unit: Unit
) -> Screen:
    """An after-run check-in's second question, for a runner who logs distances: how far."""
    when = "" if day == today else f" on {weekday_date(day)}"
    text = f"{pain}/10 during the run{when}.\n{b('How far was it?')}"
    rows = _distance_rows(
        choices.metres, unit, lambda metres: grammar.pain_distance(comeback, pain, day, metres)
    )
    rows.append([_cancel()])
    return Screen(text, InlineKeyboardMarkup(rows))


def ask_minutes(
    comeback: bool, pain: int, day: date, today: date, metres: int | None, unit: Unit
) -> Screen:
    when = "" if day == today else f" on {weekday_date(day)}"
    distance = f", {format_distance(metres, unit)}" if metres else ""
    text = f"{pain}/10 during the run{distance}{when}.\n{b('How long did you run?')} {_LOGS_IT}"
    rows = _minutes_rows(
        lambda minutes: grammar.store_run(
            NewRun(day, pain, minutes, comeback, metres), another=False
        )
    )
    return Screen(text, InlineKeyboardMarkup(rows))


def unit_chosen(screen: Screen, unit: Unit) -> Screen:
    """`screen` with a word that the unit a distance was typed in is now the runner's."""
    note = f"📏 Distances in {UNIT_NAMES[unit]} from now on (/settings changes it)."
    return Screen(f"{screen.text}\n\n{i(note)}", screen.markup)


def _replace_with(log_id: int, run: NewRun) -> str:
    """Replace the logged run by `run`; without a distance of its own it keeps the logged one."""
    if run.metres is None:
        return grammar.replace_keeping_distance(log_id, run.pain, run.minutes)
    return grammar.replace(log_id, run.pain, run.minutes, run.metres)


def another_or_replace(run: NewRun, logged: list[LoggedRun], unit: Unit) -> Screen:
    """The day has runs already: nothing is replaced without asking."""
    earlier = "; ".join(_run_words(other.entry, unit, dated=False) for other in logged)
    text = (
        f"You already logged {'a run' if len(logged) == 1 else f'{len(logged)} runs'} on "
        f"{weekday_date(run.day)}: {h(earlier)}.\n{b('Is this another run, or a correction?')}"
    )
    rows = [[InlineKeyboardButton("➕ Another run", callback_data=grammar.store_run(run, True))]]
    rows += [
        [
            InlineKeyboardButton(
                f"✏️ Replace {_run_words(other.entry, unit, dated=False)}",
                callback_data=_replace_with(other.log_id, run),
            )
        ]
        for other in logged[-LISTED_RUNS:]  # every run of the day (eight: more than anyone runs)
    ]
    rows.append([_cancel()])
    return Screen(text, InlineKeyboardMarkup(rows))


def ask_correction(run: LoggedRun, unit: Unit) -> Screen:
    text = (
        f"Correcting your run on {_run_words(run.entry, unit)}.\n"
        f"{b('How much did the knee hurt during it?')}\n{SCALE}"
    )
    rows = pain_rows(lambda value: grammar.correct_pain(run.log_id, value))
    rows.append([_cancel()])
    return Screen(text, InlineKeyboardMarkup(rows))


def ask_corrected_distance(
    run: LoggedRun, pain: int, choices: DistanceChoices, unit: Unit
) -> Screen:
    """The correction's second question: how far, the logged distance marked and offered."""
    logged = run.entry.metres
    text = f"{pain}/10 during the run.\n{b('How far was it?')}"
    if logged is not None:
        text += f" Logged: {format_distance(logged, unit)}."
    offered = sorted({*choices.metres, *([logged] if logged is not None else [])})
    rows = _distance_rows(
        tuple(offered),
        unit,
        lambda metres: grammar.correct_distance(run.log_id, pain, metres),
        ticked=frozenset({logged}),
    )
    rows.append([_cancel()])
    return Screen(text, InlineKeyboardMarkup(rows))


def ask_corrected_minutes(
    log_id: int, pain: int, metres: int | None, logged_minutes: int | None, unit: Unit
) -> Screen:
    distance = format_distance(metres, unit) if metres else "distance not measured"
    text = f"{pain}/10 during the run, {distance}.\n{b('How long did you run?')} {_LOGS_IT}"
    rows = _minutes_rows(
        lambda minutes: grammar.replace(log_id, pain, minutes, metres), logged_minutes
    )
    return Screen(text, InlineKeyboardMarkup(rows))


def runs_list(runs: list[LoggedRun], unit: Unit) -> Screen:
    if not runs:
        return Screen(
            f"No runs logged in the last {grammar.DAYS_BACK} days. /log after your next run."
        )
    text = f"{b('Your runs')} (the last {grammar.DAYS_BACK} days). Tap one to correct or delete it."
    rows = [
        [
            InlineKeyboardButton(
                _run_words(run.entry, unit), callback_data=grammar.show_run(run.log_id)
            )
        ]
        for run in runs[:LISTED_RUNS]
    ]
    rows.append([InlineKeyboardButton("✖ Close", callback_data=grammar.cancel())])
    return Screen(text, InlineKeyboardMarkup(rows))


def run_screen(run: LoggedRun, unit: Unit) -> Screen:
    entry = run.entry
    lines = [b(f"Your run on {weekday_date(entry.day)}"), f"During the run: {entry.during_run}/10"]
    if entry.metres is not None:
        lines.append(f"Distance: {format_distance(entry.metres, unit)}")
    if entry.minutes is not None:  # as the distance: what was not given is not listed
        lines.append(f"Time: {entry.minutes} min")
    if entry.next_morning is not None:
        signs = [
            sign for sign, on in (("stiffer", entry.stiffer), ("swollen", entry.swelling)) if on
        ]
        lines.append(
            f"The next morning: {entry.next_morning}/10" + (f", {signs[0]}" if signs else "")
        )
    rows = [
        [
            InlineKeyboardButton("✏️ Correct", callback_data=grammar.correct(run.log_id)),
            InlineKeyboardButton("🗑 Delete", callback_data=grammar.delete(run.log_id, False)),
        ],
        [InlineKeyboardButton("‹ Your runs", callback_data=grammar.list_runs())],
    ]
    return Screen("\n".join(lines), InlineKeyboardMarkup(rows))


def confirm_delete(run: LoggedRun, unit: Unit) -> Screen:
    text = f"Delete your run on {_run_words(run.entry, unit)}? This cannot be undone."
    rows = [
        [
            InlineKeyboardButton("Yes, delete", callback_data=grammar.delete(run.log_id, True)),
            InlineKeyboardButton("Cancel", callback_data=grammar.show_run(run.log_id)),
        ]
    ]
    return Screen(text, InlineKeyboardMarkup(rows))


def deleted(entry: PainEntry, unit: Unit) -> Screen:
    rows = [[InlineKeyboardButton("🗂 Your runs", callback_data=grammar.list_runs())]]
    return Screen(f"Deleted your run on {_run_words(entry, unit)}.", InlineKeyboardMarkup(rows))


def cancelled() -> Screen:
    return Screen("Cancelled: nothing was changed. /log whenever you like.")


def ask_morning(log_id: int, day: date) -> Screen:
    after = f"After your run on {h(weekday_date(day))}. {SCALE}"
    text = f"{b('How does the knee feel this morning?')}\n{after}"
    rows = pain_rows(lambda value: grammar.morning(log_id, value))
    rows.append(
        [InlineKeyboardButton("Log a new run instead", callback_data=grammar.new_run(False))]
    )
    rows.append([_cancel()])
    return Screen(text, InlineKeyboardMarkup(rows))


def ask_signs(log_id: int, pain: int) -> Screen:
    """The score is stored already: no Cancel here, which would say nothing was changed."""
    text = f"Logged: {pain}/10 this morning.\n{b('Is the knee stiffer than usual, or swollen?')}"
    choices: tuple[tuple[str, Sign], ...] = (
        ("Neither", "none"),
        ("Stiffer", "stiffer"),
        ("Swollen", "swelling"),
    )
    row = [
        InlineKeyboardButton(label, callback_data=grammar.signs(log_id, sign))
        for label, sign in choices
    ]
    return Screen(text, InlineKeyboardMarkup([row]))


def _plan_line(content: Comeback, decision: Decision) -> str:
    words = content.decisions[decision.reason].text
    if decision.move == "done":
        return f"{b('Walk-run plan')}: {h(words)}"
    return f"{b('Walk-run plan')}: {h(words)} Next session: stage {decision.stage}. /comeback"


def verdict(
    content: Comeback,
    review: RunReview,
    log_id: int,
    *,
    first: bool,
    spike: Spike | None = None,
    unit: Unit = "km",
    run: PainEntry | None = None,
) -> Screen:
    """The verdict on a stored run, then what was stored (`run`: a typed /log shows nothing
    else of it). The caveat on what the rules are not for comes with the runner's first
    verdict; after that it stays in /comeback and the README, not under each."""
    found = review.verdict
    parts = [f"{ZONE_ICONS[found.zone]} {h(content.steps[found.step].text)}"]
    if run is not None:
        parts.append(f"📝 Logged: {h(_run_words(run, unit))}.")
    if found.suggest_kneepain:
        parts.append(KNEEPAIN_HINT)
    if spike is not None:
        parts.append(spike_line(spike, unit))
    if review.decision is not None:
        parts.append(_plan_line(content, review.decision))
    if first:
        parts.append(i(h(content.not_for.text)))
    parts.append("See the trend: /progress")
    rows = [[InlineKeyboardButton("✏️ Correct or delete", callback_data=grammar.show_run(log_id))]]
    return Screen("\n\n".join(parts), InlineKeyboardMarkup(rows))
