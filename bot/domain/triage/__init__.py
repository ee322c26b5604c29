"""Pure knee-pain triage: Findings in, Assessment out. No telegram, no database, no clock."""

from bot.domain.triage.engine import Advice, Assessment, assess, urgency
from bot.domain.triage.findings import Findings
from bot.domain.triage.ids import CONDITION_IDS, LEVELS, ConditionId, Level
from bot.domain.triage.load import default_content, load_triage
from bot.domain.triage.questionnaire import (
    AnswerError,
    Answers,
    findings_from,
    is_finished,
    next_question,
    shown_options,
)
from bot.domain.triage.questions import Option, Question
from bot.domain.triage.rules import TriageContent

__all__ = [
    "CONDITION_IDS",
    "LEVELS",
    "Advice",
    "AnswerError",
    "Answers",
    "Assessment",
    "ConditionId",
    "Findings",
    "Level",
    "Option",
    "Question",
    "TriageContent",
    "assess",
    "default_content",
    "findings_from",
    "is_finished",
    "load_triage",
    "next_question",
    "shown_options",
    "urgency",
]
