"""The /kneepain conversation as pure functions of the answers given so far.

Answers are (question_id, answer) pairs in the order given: the option id, or for a multi-select
question the tuple of option ids tapped (empty for none), so a handler can keep them in its
conversation state and rebuild everything from them.
"""

from collections.abc import Sequence
from typing import Any

from bot.domain.triage.engine import fired_rules, level_of, urgency
from bot.domain.triage.findings import Findings
from bot.domain.triage.ids import Level
from bot.domain.triage.load import default_content
from bot.domain.triage.questions import Option, Question
from bot.domain.triage.rules import TriageContent

Answer = str | tuple[str, ...]
Answers = Sequence[tuple[str, Answer]]

# Only used until the age question is answered; it comes before every question and rule that
# depends on age, and 30 triggers no age rule, so it can never make an answer look more urgent.
AGE_BEFORE_ASKED = 30
# At these levels the runner should act now: stop asking once nothing left could raise it.
EARLY_EXIT_LEVELS: tuple[Level, ...] = ("emergency", "urgent")


class AnswerError(ValueError):
    """An answer to a question that was not asked (a stale or forged button), or no such option."""


def next_question(answers: Answers, content: TriageContent | None = None) -> Question | None:
    """The question to ask now, or None when the questionnaire is finished."""
    if content is None:
        content = default_content()
    findings, answered = _replay(answers, content)
    return _next(findings, answered, content)


def is_finished(answers: Answers, content: TriageContent | None = None) -> bool:
    return next_question(answers, content) is None


def findings_from(answers: Answers, content: TriageContent | None = None) -> Findings:
    if content is None:
        content = default_content()
    return _replay(answers, content)[0]


def _replay(answers: Answers, content: TriageContent) -> tuple[Findings, frozenset[str]]:
    values: dict[str, Any] = {"age": AGE_BEFORE_ASKED}
    findings = Findings.model_validate(values)
    answered: frozenset[str] = frozenset()
    for question_id, answer in answers:
        expected = _next(findings, answered, content)
        if expected is None or expected.id != question_id:
            asked = expected.id if expected else "nothing"
            raise AnswerError(f"answer to {question_id!r} when {asked!r} was asked")
        for option in _chosen(expected, answer, findings):
            _apply(values, option)
        findings = Findings.model_validate(values)
        answered |= {question_id}
    return findings, answered


def shown_options(question: Question, findings: Findings) -> tuple[Option, ...]:
    """The options this runner sees: an option with a show_if shows only when it holds."""
    return tuple(o for o in question.options if o.show_if is None or o.show_if.holds(findings))


def _chosen(question: Question, answer: Answer, findings: Findings) -> list[Option]:
    ids = answer if isinstance(answer, tuple) else (answer,)
    if isinstance(answer, tuple) != question.multi or len(set(ids)) != len(ids):
        raise AnswerError(f"answer {answer!r} does not fit question {question.id!r}")
    shown = shown_options(question, findings)
    if not set(ids) <= {option.id for option in shown}:
        raise AnswerError(f"question {question.id!r} shows no option among {ids!r}")
    # Applied in the question's order, whatever the order of the ticks: where two options set
    # the same field, the later (more cautious) one wins, e.g. can't walk over limping.
    return [option for option in shown if option.id in ids]


def _apply(values: dict[str, Any], option: Option) -> None:
    for name, value in option.sets.items():
        if isinstance(value, tuple):
            current: list[str] = values.get(name, [])
            values[name] = [*current, *(item for item in value if item not in current)]
        else:
            values[name] = value


def _next(findings: Findings, answered: frozenset[str], content: TriageContent) -> Question | None:
    if _settled(findings, answered, content):
        return None
    return next(
        (
            question
            for question in content.questions
            if question.id not in answered
            and (question.ask_if is None or question.ask_if.holds(findings))
        ),
        None,
    )


def _settled(findings: Findings, answered: frozenset[str], content: TriageContent) -> bool:
    level = level_of(fired_rules(findings, content))
    if level not in EARLY_EXIT_LEVELS:
        return False
    raising_fields = frozenset().union(
        *(flag.when.fields() for flag in content.red_flags if urgency(flag.level) < urgency(level))
    )
    # A follow-up asked only after some finding (cauda equina signs after back pain) is not
    # waited for unless that finding is in: an urgent outcome lists its signs among those that
    # mean calling an ambulance.
    return not any(
        question.sets_fields() & raising_fields
        for question in content.questions
        if question.id not in answered
        and (question.ask_if is None or question.ask_if.holds(findings))
    )
