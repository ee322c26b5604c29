"""The answers so far as the short string the signed buttons carry (bot.ui.signed).

A single-choice answer is one character, the option's number. A multi-select answer is its
ticked options as a bit mask in two characters. While options are being ticked, the mask
follows a PENDING mark: `ab-3F` is two answers given and options 0, 1, 2 ... ticked on the third
question. The questions are replayed to read the string, so nothing else needs storing.
"""

from dataclasses import dataclass

from bot.domain.triage import AnswerError, Answers, Question, TriageContent, next_question
from bot.domain.triage.questions import MAX_MULTI_OPTIONS

_SINGLE = "0123456789abcdefghijklmnopqrstuvwxyz"  # option number -> one character
_MASK = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_MASK_CHARS = 2
PENDING = "-"
assert len(_MASK) ** _MASK_CHARS >= 2**MAX_MULTI_OPTIONS


@dataclass(frozen=True)
class Progress:
    answers: Answers
    given: str  # the state of the answers, without a pending selection
    ticked: frozenset[int] | None  # option numbers ticked on a multi-select question, not yet Done
    # Where Back goes: the question before, with the ticks it was given still ticked; None
    # before the first answer.
    back: str | None


def decode(state: str, content: TriageContent) -> Progress:
    """Replays the questions over the state; AnswerError when it does not fit them (forged, or
    drawn for an older version of the questions)."""
    answers: list[tuple[str, str | tuple[str, ...]]] = []
    position, back = 0, None
    while position < len(state):
        question = next_question(answers, content)
        if question is None:
            raise AnswerError(f"state {state!r} goes on after the last question")
        if state[position] == PENDING:
            ticked = _numbers(state[position + 1 :], question)
            next_question([*answers, (question.id, _ids(question, ticked))], content)  # fits?
            return Progress(answers, state[:position], ticked, back)
        width = _MASK_CHARS if question.multi else 1
        chunk = state[position : position + width]
        if question.multi:
            answer: str | tuple[str, ...] = _ids(question, _numbers(chunk, question))
        else:
            answer = question.options[_number(chunk, question)].id
        back = state[:position] + (PENDING + chunk if question.multi else "")
        position += width
        answers.append((question.id, answer))
        next_question(answers, content)  # raises AnswerError unless the answer fits
    return Progress(answers, state, None, back)


def single(given: str, number: int) -> str:
    return given + _SINGLE[number]


def ticking(given: str, ticked: frozenset[int]) -> str:
    """The state with these options ticked and the question still open."""
    return given + PENDING + _mask(ticked)


def done(given: str, ticked: frozenset[int]) -> str:
    return given + _mask(ticked)


def _mask(ticked: frozenset[int]) -> str:
    value = sum(1 << number for number in ticked)
    high, low = divmod(value, len(_MASK))
    return _MASK[high] + _MASK[low]


def _number(char: str, question: Question) -> int:
    number = _SINGLE.find(char)
    if len(char) != 1 or not 0 <= number < len(question.options):
        raise AnswerError(f"no option {char!r} in question {question.id!r}")
    return number


def _numbers(chars: str, question: Question) -> frozenset[int]:
    if len(chars) != _MASK_CHARS or any(char not in _MASK for char in chars):
        raise AnswerError(f"mask {chars!r} is malformed")
    value = _MASK.index(chars[0]) * len(_MASK) + _MASK.index(chars[1])
    if value >> len(question.options):
        raise AnswerError(f"mask {chars!r} ticks options question {question.id!r} lacks")
    return frozenset(n for n in range(len(question.options)) if value >> n & 1)


def _ids(question: Question, ticked: frozenset[int]) -> tuple[str, ...]:
    return tuple(option.id for n, option in enumerate(question.options) if n in ticked)
