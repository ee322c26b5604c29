"""/log, /progress and /comeback: the pain log, its chart and the walk-run plan, all by tapping.
Thin: rules in bot.domain.recovery, queries in bot.db.painlog, screens in screens/."""

import asyncio
from datetime import UTC, date, timedelta
from zoneinfo import ZoneInfo

from telegram import InputFile, Update
from telegram.constants import ParseMode
from telegram.ext import MessageHandler, filters

from bot.db import painlog, runners
from bot.domain.recovery import RunReview, summary
from bot.domain.recovery.activity_file import MAX_BYTES, UnreadableFile, format_of, read_run
from bot.domain.recovery.choices import DistanceChoices, distance_choices, minutes_choices
from bot.domain.recovery.entry import NewRun
from bot.domain.recovery.spike import Spike, spike_of
from bot.domain.recovery.typed import parse_typed_run
from bot.domain.runner import SetUnit
from bot.domain.schedule.parse import ParseError
from bot.domain.units import Unit
from bot.features.recovery import buttons as grammar
from bot.features.recovery.drawing import CHARTS_PER_PERSON, ChartAllowance
from bot.features.recovery.report import PERIOD, Report, history_start, report_runs
from bot.features.recovery.screens import Screen, log, plan, progress, report, watch
from bot.services import BotApplication, BotContext, add_private_commands, in_private_chat
from bot.ui.presses import PressAnswer, on_press
from bot.ui.replies import reply

CHARTS = "recovery.charts"  # bot_data key of the ChartAllowance
SIZED_FROM = timedelta(days=90)  # the runs /log's distance and time buttons are sized to
SHOWN_UNIT: Unit = "km"  # distances shown before the runner chooses a unit


def _user_id(update: Update) -> int:
    user = update.effective_user
    assert user is not None, "commands and presses in private chats have a sender"
    return user.id


async def _today(update: Update, context: BotContext) -> tuple[date, str]:
    """The runner's local date and the name of their time zone (UTC until they set one)."""
    services = context.services
    zone = await runners.zone_of(services.database, _user_id(update))
    return services.clock().astimezone(zone or UTC).date(), zone.key if zone else "UTC"


async def _send(update: Update, screen: Screen) -> None:
    await reply(update, screen.text, screen.markup)


async def _unit(context: BotContext, user_id: int) -> Unit | None:
    return (await runners.measures_of(context.services.database, user_id)).unit


async def _stage(context: BotContext, user_id: int, comeback: bool) -> int | None:
    """The walk-run stage a run tagged as a session belongs to (None without an active plan)."""
    return await painlog.active_stage(context.services.database, user_id) if comeback else None


async def _new_run(
    update: Update, context: BotContext, comeback: bool, day: date | None = None
) -> Screen:
    """A new run's first step: "km or miles?" the first time, then how far."""
    unit = await _unit(context, _user_id(update))
    if unit is None:
        return log.ask_unit(comeback, day)
    return await _ask_distance(update, context, comeback, day, unit)


async def _ask_distance(
    update: Update, context: BotContext, comeback: bool, day: date | None, unit: Unit
) -> Screen:
    user_id = _user_id(update)
    today, _ = await _today(update, context)
    run_day = day or today
    stage = await _stage(context, user_id, comeback)
    choices = await _distance_choices(context, user_id, run_day, unit)
    return log.ask_distance(stage is not None, stage, run_day, today, choices, unit)


async def _distance_choices(
    context: BotContext, user_id: int, day: date, unit: Unit
) -> DistanceChoices:
    """The distances offered for a run on `day`, sized to the runner's log before it."""
    history = await painlog.past_runs(context.services.database, user_id, day - SIZED_FROM)
    return distance_choices(history, day, unit)


async def _ask_duration(
    update: Update, context: BotContext, press: "grammar.Distance", today: date
) -> Screen:
    user_id = _user_id(update)
    since = press.day - SIZED_FROM
    history = await painlog.past_runs(context.services.database, user_id, since)
    offered = minutes_choices([run for run in history if run.day <= press.day], press.metres)
    unit = await _unit(context, user_id) or SHOWN_UNIT
    return log.ask_duration(press.comeback, press.day, today, press.metres, unit, offered)


async def log_run(update: Update, context: BotContext) -> None:
    """`/log 8.5 km 52 min 3/10` logs today's run at once; a bare /log asks: the next-morning
    question for a recent run first, if unanswered, else a new run."""
    today, _ = await _today(update, context)
    if context.args:
        await _log_typed(update, context, " ".join(context.args), today)
        return
    waiting = await painlog.unanswered(context.services.database, _user_id(update), today)
    if waiting is not None:
        await _send(update, log.ask_morning(waiting.log_id, waiting.entry.day))
        return
    await _send(update, await _new_run(update, context, comeback=False))


async def _log_typed(update: Update, context: BotContext, text: str, today: date) -> None:
    try:
        typed = parse_typed_run(text)
    except ParseError as error:
        await reply(update, log.unreadable(error.message))
        return
    run = NewRun(today, typed.pain, typed.minutes, False, typed.metres)
    services, user_id = context.services, _user_id(update)
    # A distance typed in a unit chooses it when none is chosen, as the tap would: this answer
    # and every screen after it (an "Another run" press too) speak that unit.
    chosen = typed.unit if await _unit(context, user_id) is None else None
    if chosen is not None:
        change = SetUnit(chosen)
        await runners.change_settings(services.database, user_id, change, services.clock())
    screen = await _store(context, user_id, grammar.StoreRun(run))
    if screen is not None:
        await _send(update, log.unit_chosen(screen, chosen) if chosen else screen)


def _charts(context: BotContext) -> ChartAllowance:
    charts = context.bot_data.setdefault(CHARTS, ChartAllowance())
    assert isinstance(charts, ChartAllowance)
    return charts


async def show_progress(update: Update, context: BotContext) -> None:
    charts, person = _charts(context), _user_id(update)
    wait = charts.ask(person, context.services.clock())
    if wait is not None:
        await reply(update, progress.one_moment(wait, CHARTS_PER_PERSON))
        return
    try:
        await _draw_progress(update, context, charts)
    finally:
        charts.done(person)


async def _draw_progress(update: Update, context: BotContext, charts: ChartAllowance) -> None:
    today, zone_name = await _today(update, context)
    logged = await painlog.entries(context.services.database, _user_id(update))
    unit = await _unit(context, _user_id(update)) or SHOWN_UNIT
    # Imported on first use: matplotlib costs ~40 MB and 0.3 s of start-up for everyone.
    from bot.features.recovery.chart import NoData, progress_chart

    try:
        async with charts.one_at_a_time:
            png = await asyncio.to_thread(progress_chart, logged, zone_name, today, unit)
    except NoData:
        await reply(update, progress.no_data())
        return
    message = update.effective_message
    assert message is not None
    await message.reply_photo(
        InputFile(png, filename="progress.png"),
        caption=progress.caption(summary(logged, today)),
        parse_mode=ParseMode.HTML,
        do_quote=False,
    )


async def send_report(update: Update, context: BotContext) -> None:
    """A PDF of the last 8 weeks for the runner's physiotherapist."""
    today, zone_name = await _today(update, context)
    stored = await painlog.stored_runs(
        context.services.database, _user_id(update), history_start(today)
    )
    start = today - PERIOD + timedelta(days=1)
    runs = report_runs(stored, start)
    if not runs:
        await reply(update, report.nothing_logged())
        return
    charts, person = _charts(context), _user_id(update)
    wait = charts.ask(person, context.services.clock())
    if wait is not None:  # the report draws the /progress chart: the same allowance
        await reply(update, progress.one_moment(wait, CHARTS_PER_PERSON))
        return
    # Imported on first use, like the chart: fpdf2 and matplotlib are for those who ask.
    from bot.features.recovery.report_pdf import render_report

    measures = await runners.measures_of(context.services.database, person)
    made = Report(
        start=start,
        end=today,
        zone=zone_name,
        runs=runs,
        paper=measures.paper,
        unit=measures.unit or SHOWN_UNIT,
    )
    try:
        async with charts.one_at_a_time:
            pdf = await asyncio.to_thread(render_report, made)
    finally:
        charts.done(person)
    message = update.effective_message
    assert message is not None
    await message.reply_document(
        InputFile(pdf, filename=f"knee-coach-log-{today.isoformat()}.pdf"),
        caption=report.caption(start, today, len(runs)),
        do_quote=False,
    )


async def watch_file(update: Update, context: BotContext) -> None:
    """A run sent as a GPX, FIT or TCX export: read it, forget the file, ask about the pain."""
    message = update.effective_message
    assert message is not None and message.document is not None
    document = message.document
    file_format = format_of(document.file_name or "")
    if file_format is None:
        await reply(update, watch.not_a_run_file())
        return
    if document.file_size is not None and document.file_size > MAX_BYTES:
        await reply(update, watch.too_big(MAX_BYTES))
        return
    file = await context.bot.get_file(document.file_id)
    data = bytes(await file.download_as_bytearray())
    try:
        run = await asyncio.to_thread(read_run, data, file_format)
    except UnreadableFile as error:
        await reply(update, watch.unreadable(str(error)))
        return
    today, zone_name = await _today(update, context)
    day = run.started.astimezone(ZoneInfo(zone_name)).date()
    if not _within_reach(day, today):
        await reply(update, watch.out_of_reach(day, grammar.DAYS_BACK))
        return
    unit = await _unit(context, _user_id(update))
    if unit is None:
        await _send(update, log.ask_file_unit(run, day))
        return
    await _send(update, log.ask_file_pain(day, log.file_minutes(run), run.metres, unit))


async def comeback(update: Update, context: BotContext) -> None:
    content = context.services.library.comeback
    database, user_id = context.services.database, _user_id(update)
    stage = await painlog.active_stage(database, user_id)
    if stage is None:
        await _send(update, plan.offer(content))
        return
    sessions = await painlog.session_schedule(database, user_id)
    await _send(update, plan.current(content, stage, sessions))


def _within_reach(day: date | None, today: date) -> bool:
    """A day carried by a button: none (today), or a past day /log still accepts."""
    return day is None or today - timedelta(days=grammar.DAYS_BACK) <= day <= today


async def _verdict(
    context: BotContext,
    user_id: int,
    review: RunReview | None,
    log_id: int,
    spike: Spike | None = None,
    unit: Unit = SHOWN_UNIT,
) -> Screen | None:
    if review is None:
        return None
    database = context.services.database
    first = await painlog.run_count(database, user_id) == 1
    stored = await painlog.run_of(database, user_id, log_id)
    content = context.services.library.comeback
    run = stored.entry if stored is not None else None
    return log.verdict(content, review, log_id, first=first, spike=spike, unit=unit, run=run)


async def _store(context: BotContext, user_id: int, press: grammar.StoreRun) -> Screen | None:
    """Stores a run, or asks first when its day has runs."""
    services = context.services
    run, database = press.run, services.database
    unit = await _unit(context, user_id) or SHOWN_UNIT
    if not press.another:
        logged = await painlog.runs_on(database, user_id, run.day)
        if logged:
            return log.another_or_replace(run, logged, unit)
    stages = services.library.comeback.stage_count
    # The spike is judged against the runs before this one, so it is read first.
    spike = await _spike(context, user_id, run.day, run.metres)
    review, log_id = await painlog.add_run(database, user_id, run, stages, services.clock())
    return await _verdict(context, user_id, review, log_id, spike, unit)


async def _spike(context: BotContext, user_id: int, day: date, metres: int | None) -> Spike | None:
    """The spike a run of `metres` on `day` is against the runs of the 30 days before it."""
    if metres is None:
        return None
    return spike_of(await painlog.distances(context.services.database, user_id), day, metres)


async def _log_screen(update: Update, context: BotContext, press: grammar.Press) -> Screen | None:
    """/log's screens; None when the press refers to nothing of the presser's."""
    services = context.services
    database, user_id = services.database, _user_id(update)
    stages = services.library.comeback.stage_count
    today, _ = await _today(update, context)
    unit = await _unit(context, user_id) or SHOWN_UNIT
    match press:
        case grammar.PickDay(comeback=tagged):
            return log.pick_day(tagged, today)
        case grammar.Pain(comeback=tagged, pain=pain, day=day) if _within_reach(day, today):
            run_day, chosen = day or today, await _unit(context, user_id)
            if chosen is None:  # no distances logged so far: pain and time, two taps
                return log.ask_minutes(tagged, pain, run_day, today, None, unit)
            choices = await _distance_choices(context, user_id, run_day, chosen)
            return log.ask_pain_distance(tagged, pain, run_day, today, choices, chosen)
        case grammar.PainDistance(comeback=tagged, pain=pain, day=day, metres=metres) if (
            _within_reach(day, today)
        ):
            return log.ask_minutes(tagged, pain, day, today, metres, unit)
        case grammar.StoreRun(run=run) if _within_reach(run.day, today):
            return await _store(context, user_id, press)
        case grammar.Correct(log_id=log_id):
            found = await painlog.run_of(database, user_id, log_id)
            return log.ask_correction(found, unit) if found is not None else None
        case grammar.CorrectPain(log_id=log_id, pain=pain):
            found = await painlog.run_of(database, user_id, log_id)
            if found is None:
                return None
            choices = await _distance_choices(context, user_id, found.entry.day, unit)
            return log.ask_corrected_distance(found, pain, choices, unit)
        case grammar.CorrectDistance(log_id=log_id, pain=pain, metres=metres):
            corrected = await painlog.run_of(database, user_id, log_id)
            if corrected is None:
                return None
            return log.ask_corrected_minutes(log_id, pain, metres, corrected.entry.minutes, unit)
        case grammar.Replace(log_id=log_id, pain=pain, minutes=minutes):
            replaced = await painlog.run_of(database, user_id, log_id)
            if replaced is None:
                return None
            metres = replaced.entry.metres if press.same_distance else press.metres
            spike = await _spike(context, user_id, replaced.entry.day, metres)
            review = await painlog.replace_run(
                database, user_id, log_id, pain, minutes, stages, metres
            )
            return await _verdict(context, user_id, review, log_id, spike, unit)
        case grammar.ListRuns():
            since = today - timedelta(days=grammar.DAYS_BACK)
            return log.runs_list(await painlog.recent_runs(database, user_id, since), unit)
        case grammar.ShowRun(log_id=log_id):
            found = await painlog.run_of(database, user_id, log_id)
            return log.run_screen(found, unit) if found is not None else None
        case grammar.Delete(log_id=log_id, confirmed=False):
            found = await painlog.run_of(database, user_id, log_id)
            return log.confirm_delete(found, unit) if found is not None else None
        case grammar.Delete(log_id=log_id, confirmed=True):
            gone = await painlog.delete_run(database, user_id, log_id)
            return log.deleted(gone, unit) if gone is not None else None
        case grammar.Morning(log_id=log_id, pain=pain):
            found_morning = await painlog.set_morning(database, user_id, log_id, pain)
            return log.ask_signs(log_id, pain) if found_morning else None
        case grammar.Signs(log_id=log_id, sign=sign):
            review = await painlog.set_signs(database, user_id, log_id, sign, stages)
            return await _verdict(context, user_id, review, log_id)
        case grammar.Cancel():
            return log.cancelled()
    return None


async def _new_run_screen(
    update: Update, context: BotContext, press: grammar.Press
) -> Screen | None:
    """The steps of a new run before its pain (unit, distance, time); None for another press
    or a day /log no longer reaches."""
    services, user_id = context.services, _user_id(update)
    today, _ = await _today(update, context)
    match press:
        case grammar.AskDistance(comeback=tagged, day=day) if _within_reach(day, today):
            return await _new_run(update, context, tagged, day)
        case grammar.ChooseUnit(unit=unit, comeback=tagged, day=day) if _within_reach(day, today):
            await runners.change_settings(
                services.database, user_id, SetUnit(unit), services.clock()
            )
            return await _ask_distance(update, context, tagged, day, unit)
        case grammar.Distance(day=day) if _within_reach(day, today):
            return await _ask_duration(update, context, press, today)
        case grammar.Duration(comeback=tagged, day=day) if _within_reach(day, today):
            stage = await _stage(context, user_id, tagged)
            unit = await _unit(context, user_id) or SHOWN_UNIT
            return log.ask_run_pain(press, stage, today, unit)
        case grammar.FileUnit(unit=unit, day=day, minutes=minutes, metres=metres) if _within_reach(
            day, today
        ):
            await runners.change_settings(
                services.database, user_id, SetUnit(unit), services.clock()
            )
            return log.ask_file_pain(day, minutes, metres, unit)
    return None


_NEW_RUN_STEPS = (
    grammar.AskDistance,
    grammar.ChooseUnit,
    grammar.Distance,
    grammar.Duration,
    grammar.FileUnit,
)


async def _screen(update: Update, context: BotContext, press: grammar.Press) -> Screen | None:
    """The screen after a press, or None when it refers to nothing of the presser's."""
    services = context.services
    database, user_id = services.database, _user_id(update)
    content = services.library.comeback
    if isinstance(press, _NEW_RUN_STEPS):
        return await _new_run_screen(update, context, press)
    match press:
        case grammar.StartPlan():
            stage = await painlog.start_plan(database, user_id, services.clock())
            return plan.current(content, stage, await painlog.session_schedule(database, user_id))
        case grammar.StopPlan(confirmed=False):
            return plan.confirm_stop()
        case grammar.StopPlan(confirmed=True):
            await painlog.stop_plan(database, user_id, services.clock())
            return plan.stopped()
    return await _log_screen(update, context, press)


async def pressed(update: Update, context: BotContext, args: tuple[str, ...]) -> PressAnswer:
    press = grammar.parse(args) if in_private_chat(update) else None
    return await _screen(update, context, press) if press is not None else None


def register(application: BotApplication) -> None:
    private = filters.ChatType.PRIVATE
    commands = {
        "log": log_run,
        "progress": show_progress,
        "report": send_report,
        "comeback": comeback,
    }
    add_private_commands(application, commands)
    application.add_handler(on_press(grammar.RECOVERY, pressed))
    application.add_handler(MessageHandler(private & filters.Document.ALL, watch_file))
