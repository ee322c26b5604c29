"""/kneepain: the triage conversation, stateless. Each step edits one message; the answers so far
live only in that message's signed buttons (bot.features.triage.buttons)."""

from contextlib import suppress
from datetime import timedelta
from typing import cast

from telegram import Message, Update
from telegram.error import BadRequest
from telegram.ext import CommandHandler, Job, JobQueue, filters

from bot.domain.triage import AnswerError, Question, assess, findings_from, next_question
from bot.features.triage import screens as render
from bot.features.triage import state as codec
from bot.features.triage.buttons import ANSWER, CANCEL, RESTART, VIEW
from bot.features.triage.screens import outcome
from bot.features.triage.screens.questions import question_keyboard, question_text
from bot.services import BotApplication, BotContext
from bot.ui import keyboards
from bot.ui.presses import PressAnswer, on_press
from bot.ui.replies import edit, reply, reply_now
from bot.ui.screen import Screen
from bot.ui.signed import StateSigner

TIMEOUT = timedelta(minutes=30)
# The outcome's views carry the answers too; they stay readable for a week, then expire.
OUTCOME_LIFETIME = timedelta(days=7)
DEEP_LINK = "kneepain"
FIRST = codec.Progress(answers=(), given="", ticked=None, back=None)


def _signer(context: BotContext, action: str = ANSWER.prefix) -> StateSigner:
    # Keyed by the bot token: only this bot can make buttons it will accept, in any process; and
    # by the questions' layout, so buttons drawn before a change of questions expire.
    layout = context.services.library.triage.layout()
    return StateSigner(context.bot.token, action, version=layout)


def _first_question(context: BotContext) -> Screen:
    question = next_question((), context.services.library.triage)
    assert question is not None, "the questionnaire has questions"
    return _question_screen(context, question, FIRST)


def _question_screen(context: BotContext, question: Question, progress: codec.Progress) -> Screen:
    findings = findings_from(progress.answers, context.services.library.triage)
    signer, now = _signer(context), context.services.clock()
    keyboard = question_keyboard(question, findings, progress, signer, now)
    return Screen(question_text(question, findings, first=progress.back is None), keyboard)


def _outcome_screen(context: BotContext, progress: codec.Progress, view: outcome.View) -> Screen:
    library = context.services.library
    assessment = assess(findings_from(progress.answers, library.triage), library.triage)
    signer, now = _signer(context, VIEW.prefix), context.services.clock()

    def link(other: outcome.View) -> str:
        return signer.encode(other + progress.given, now)

    return Screen(
        outcome.screen_text(view, assessment, library),
        outcome.keyboard(view, assessment, library, link),
    )


async def begin(update: Update, context: BotContext) -> None:
    """/kneepain (or the deep link `/start kneepain`) in a private chat."""
    first = _first_question(context)
    message = await reply_now(update, first.text, first.markup)
    _restart_timeout(context, message)


async def in_group(update: Update, context: BotContext) -> None:
    await reply(
        update, render.in_group(), keyboards.open_private_chat(context.bot.username, DEEP_LINK)
    )


async def answer(update: Update, context: BotContext, _args: tuple[str, ...]) -> PressAnswer:
    query = update.callback_query
    assert query is not None
    content = context.services.library.triage
    state = _signer(context).decode(query.data, context.services.clock(), TIMEOUT)
    try:
        progress = codec.decode(state, content) if state is not None else None
    except AnswerError:
        progress = None
    if progress is None:
        return None
    question = next_question(progress.answers, content)
    if question is None:
        _stop_timeout(context, query.message)
        return _outcome_screen(context, progress, "s")
    _restart_timeout(context, query.message)
    return _question_screen(context, question, progress)


async def view(update: Update, context: BotContext, _args: tuple[str, ...]) -> PressAnswer:
    """One of the outcome's screens: the summary, why these causes, what to do, sources."""
    query = update.callback_query
    assert query is not None
    now = context.services.clock()
    state = _signer(context, VIEW.prefix).decode(query.data, now, OUTCOME_LIFETIME)
    if not state or state[0] not in outcome.VIEWS:
        return None
    content = context.services.library.triage
    try:
        progress = codec.decode(state[1:], content)
    except AnswerError:
        return None
    if progress.ticked is not None or next_question(progress.answers, content) is not None:
        return None  # not a finished check
    return _outcome_screen(context, progress, state[0])


async def cancel(update: Update, context: BotContext, args: tuple[str, ...]) -> PressAnswer:
    if args:
        return None
    assert update.callback_query is not None
    _stop_timeout(context, update.callback_query.message)
    return Screen(render.cancelled())


async def restart(update: Update, context: BotContext, args: tuple[str, ...]) -> PressAnswer:
    """Start over: the first question again, in the same message."""
    if args:
        return None
    assert update.callback_query is not None
    _restart_timeout(context, update.callback_query.message)
    return _first_question(context)


async def _expire(update: Update) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer(render.expired())
    # Replace a dead question once; a second press on it only gets the toast.
    if isinstance(query.message, Message) and query.message.reply_markup is not None:
        await edit(update, render.expired())


def _job_name(message: object) -> str | None:
    if not isinstance(message, Message):
        return None
    return f"kneepain-timeout:{message.chat_id}:{message.message_id}"


def _jobs(context: BotContext) -> "JobQueue[BotContext] | None":
    # PTB annotates CallbackContext.job_queue with an unbound type variable.
    return cast("JobQueue[BotContext] | None", context.job_queue)


def _stop_timeout(context: BotContext, message: object) -> None:
    name = _job_name(message)
    jobs = _jobs(context)
    if name is not None and jobs is not None:
        for job in jobs.get_jobs_by_name(name):
            job.schedule_removal()


def _restart_timeout(context: BotContext, message: object) -> None:
    """After 30 quiet minutes the question is replaced by a friendly note. The job holds only
    the message's ids; if it is lost in a restart, the button's own time stamp still expires."""
    _stop_timeout(context, message)
    name, jobs = _job_name(message), _jobs(context)
    if name is None or jobs is None or not isinstance(message, Message):
        return
    jobs.run_once(_time_out, TIMEOUT, data=(message.chat_id, message.message_id), name=name)


async def _time_out(context: BotContext) -> None:
    job: Job[BotContext] | None = context.job
    assert job is not None and isinstance(job.data, tuple)
    chat_id, message_id = job.data
    with suppress(BadRequest):  # the message was deleted or changed: nothing to tidy up
        await context.bot.edit_message_text(
            render.timed_out(), chat_id=chat_id, message_id=message_id
        )


def register(application: BotApplication) -> None:
    private = filters.ChatType.PRIVATE
    application.add_handler(CommandHandler("kneepain", begin, private))
    application.add_handler(CommandHandler("kneepain", in_group, filters.ChatType.GROUPS))
    deep_link = private & filters.Regex(rf"^/start {DEEP_LINK}$")
    application.add_handler(CommandHandler("start", begin, deep_link))
    presses = ((ANSWER, answer), (VIEW, view), (CANCEL, cancel), (RESTART, restart))
    for buttons, respond in presses:
        application.add_handler(on_press(buttons, respond, on_stale=_expire))
