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
from bot.domain.recovery.entry import NewRun
from bot.domain.recovery.spike import Spike, spike_of
from bot.domain.recovery.typed import parse_typed_run
from bot.domain.schedule.parse import ParseError
from bot.features.recovery import buttons as grammar
from bot.features.recovery.drawing import CHARTS_PER_PERSON, ChartAllowance
from bot.features.recovery.report import PERIOD, Report, history_start, report_runs
from bot.features.recovery.screens import Screen, log, plan, progress, report, watch
from bot.services import BotApplication, BotContext, add_private_commands, in_private_chat
from bot.ui.presses import PressAnswer, on_press
from bot.ui.replies import reply

CHARTS = "recovery.charts"  # bot_data key of the ChartAllowance


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


async def _ask_pain(
    update: Update, context: BotContext, comeback: bool, day: date | None = None
) -> Screen:
    stage = await painlog.active_stage(context.services.database, _user_id(update))
    return log.ask_pain(comeback and stage is not None, stage if comeback else None, day)


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
    await _send(update, await _ask_pain(update, context, comeback=False))


async def _log_typed(update: Update, context: BotContext, text: str, today: date) -> None:
    try:
        typed = parse_typed_run(text)
    except ParseError as error:
        await reply(update, log.unreadable(error.message))
        return
    run = NewRun(today, typed.pain, typed.minutes, False, typed.metres)
    screen = await _store(context, _user_id(update), grammar.StoreRun(run))
    if screen is not None:
        await _send(update, screen)


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
    # Imported on first use: matplotlib costs ~40 MB and 0.3 s of start-up for everyone.
    from bot.features.recovery.chart import NoData, progress_chart

    try:
        async with charts.one_at_a_time:
            png = await asyncio.to_thread(progress_chart, logged, zone_name, today)
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

    try:
        async with charts.one_at_a_time:
            pdf = await asyncio.to_thread(
                render_report, Report(start=start, end=today, zone=zone_name, runs=runs)
            )
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
    await _send(update, log.ask_file_pain(run, day))


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
) -> Screen | None:
    if review is None:
        return None
    database = context.services.database
    first = await painlog.run_count(database, user_id) == 1
    content = context.services.library.comeback
    return log.verdict(content, review, log_id, first=first, spike=spike)


async def _store(context: BotContext, user_id: int, press: grammar.StoreRun) -> Screen | None:
    services = context.services
    run, database = press.run, services.database
    if not press.another:
        logged = await painlog.runs_on(database, user_id, run.day)
        if logged:
            return log.another_or_replace(run, logged)
    stages = services.library.comeback.stage_count
    # The spike is judged against the runs before this one, so it is read first.
    history = await painlog.distances(database, user_id) if run.metres is not None else []
    spike = spike_of(history, run.day, run.metres) if run.metres is not None else None
    review, log_id = await painlog.add_run(database, user_id, run, stages, services.clock())
    return await _verdict(context, user_id, review, log_id, spike)


async def _log_screen(update: Update, context: BotContext, press: grammar.Press) -> Screen | None:
    """/log's screens; None when the press refers to nothing of the presser's."""
    services = context.services
    database, user_id = services.database, _user_id(update)
    stages = services.library.comeback.stage_count
    today, _ = await _today(update, context)
    match press:
        case grammar.AskPain(comeback=tagged, day=day) if _within_reach(day, today):
            return await _ask_pain(update, context, tagged, day)
        case grammar.PickDay(comeback=tagged):
            return log.pick_day(tagged, today)
        case grammar.Pain(comeback=tagged, pain=pain, day=day) if _within_reach(day, today):
            return log.ask_minutes(tagged, pain, day or today, today)
        case grammar.StoreRun(run=run) if _within_reach(run.day, today):
            return await _store(context, user_id, press)
        case grammar.Correct(log_id=log_id):
            found = await painlog.run_of(database, user_id, log_id)
            return log.ask_correction(found) if found is not None else None
        case grammar.CorrectPain(log_id=log_id, pain=pain):
            return log.ask_corrected_minutes(log_id, pain)
        case grammar.Replace(log_id=log_id, pain=pain, minutes=minutes):
            review = await painlog.replace_run(database, user_id, log_id, pain, minutes, stages)
            return await _verdict(context, user_id, review, log_id)
        case grammar.ListRuns():
            since = today - timedelta(days=grammar.DAYS_BACK)
            return log.runs_list(await painlog.recent_runs(database, user_id, since))
        case grammar.ShowRun(log_id=log_id):
            found = await painlog.run_of(database, user_id, log_id)
            return log.run_screen(found) if found is not None else None
        case grammar.Delete(log_id=log_id, confirmed=False):
            found = await painlog.run_of(database, user_id, log_id)
            return log.confirm_delete(found) if found is not None else None
        case grammar.Delete(log_id=log_id, confirmed=True):
            gone = await painlog.delete_run(database, user_id, log_id)
            return log.deleted(gone) if gone is not None else None
        case grammar.Morning(log_id=log_id, pain=pain):
            found_morning = await painlog.set_morning(database, user_id, log_id, pain)
            return log.ask_signs(log_id, pain) if found_morning else None
        case grammar.Signs(log_id=log_id, sign=sign):
            review = await painlog.set_signs(database, user_id, log_id, sign, stages)
            return await _verdict(context, user_id, review, log_id)
        case grammar.Cancel():
            return log.cancelled()
    return None


async def _screen(update: Update, context: BotContext, press: grammar.Press) -> Screen | None:
    """The screen after a press, or None when it refers to nothing of the presser's."""
    services = context.services
    database, user_id = services.database, _user_id(update)
    content = services.library.comeback
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
