"""Pydantic models of content/triage.yaml and content/conditions.yaml, with their own checks."""

import hashlib
from collections.abc import Collection, Sequence
from typing import Literal, Self, TypeVar

from pydantic import Field, model_validator

from bot.domain.sourced import ContentId, ContentModel, Sourced, Text
from bot.domain.triage.findings import Findings
from bot.domain.triage.ids import CONDITION_IDS, LEVELS, ConditionId, Level
from bot.domain.triage.predicates import Predicate
from bot.domain.triage.questions import Question

RedFlagLevel = Literal["emergency", "urgent", "soon"]
ReferralLevel = Literal["routine"]
PainMonitoring = Literal["fits", "neutral", "never"]
T = TypeVar("T")
# The levels above this one send everyone to a hospital or urgent care: doctors, whatever the
# reason.
FIRST_CLINIC_LEVEL: Level = "soon"


class LevelInfo(Sourced):
    action: Text  # what the runner is told to do
    # Told instead when a reason for the level needs a doctor, not a physiotherapist (an X-ray, a
    # scan, a GP's examination): "GP or physio" beside "needs a GP" would contradict itself.
    doctor_action: Text | None = None
    stop_running: bool
    advice: tuple[ContentId, ...] = ()  # shown first, before the conditions' self-care


class RedFlag(Sourced):
    id: ContentId
    level: RedFlagLevel
    when: Predicate
    conditions: tuple[ConditionId, ...] = ()  # what must be ruled out; always listed when fired
    text: Text
    doctor: bool = False  # needs a doctor, not only a physiotherapist (LevelInfo.doctor_action)


class Referral(Sourced):
    """A reason to book an appointment that is not a red flag (e.g. no better after 6 weeks)."""

    id: ContentId
    level: ReferralLevel
    when: Predicate
    conditions: tuple[ConditionId, ...] = ()
    text: Text
    doctor: bool = False


class AdviceItem(Sourced):
    text: Text
    levels: tuple[Level, ...] = Field(min_length=1)  # never shown at any other level
    when: Predicate | None = None  # shown only when this holds over the findings
    # Never shown while any of these is among the likely causes (NSAID tablets and bone stress).
    not_with: tuple[ConditionId, ...] = ()

    def fits(self, level: Level, findings: Findings, causes: Collection[ConditionId]) -> bool:
        return (
            level in self.levels
            and (self.when is None or self.when.holds(findings))
            and not set(self.not_with) & set(causes)
        )


class SafetyNetSign(Sourced):
    level: Level  # how urgently to act if the sign appears
    text: Text


class TriageFile(ContentModel):
    levels: dict[Level, LevelInfo]
    red_flags: tuple[RedFlag, ...]
    referrals: tuple[Referral, ...]
    advice: dict[ContentId, AdviceItem]
    pain_monitoring: AdviceItem
    safety_net: dict[ContentId, SafetyNetSign]
    general_safety_net: tuple[ContentId, ...]
    questions: tuple[Question, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        missing = [level for level in LEVELS if level not in self.levels]
        if missing:
            raise ValueError(f"levels: missing {missing}")
        _unique("rule", [flag.id for flag in self.red_flags] + [r.id for r in self.referrals])
        _unique("question", [question.id for question in self.questions])
        for level, info in self.levels.items():
            for advice_id in info.advice:
                if level not in _known(self.advice, advice_id, f"levels.{level}").levels:
                    raise ValueError(f"levels.{level}: advice {advice_id!r} is not for {level}")
        for sign in self.general_safety_net:
            _known(self.safety_net, sign, "general_safety_net")
        self._doctors_have_words()
        self._questions_follow_their_answers()
        return self

    def _doctors_have_words(self) -> None:
        """A rule needing a doctor can decide its own level or be outranked by a more urgent one:
        from its level up to the first that sends everyone to a hospital, each level says so."""
        rules: tuple[RedFlag | Referral, ...] = (*self.red_flags, *self.referrals)
        clinic = LEVELS.index(FIRST_CLINIC_LEVEL)
        for rule in (rule for rule in rules if rule.doctor):
            for level in LEVELS[clinic : LEVELS.index(rule.level) + 1]:
                if self.levels[level].doctor_action is None:
                    raise ValueError(f"{rule.id} needs a doctor: {level} has no doctor_action")

    def _questions_follow_their_answers(self) -> None:
        """A question may only depend on fields that an earlier question sets."""
        set_so_far: set[str] = set()
        for question in self.questions:
            unset = question.reads_fields() - set_so_far
            if unset:
                raise ValueError(
                    f"question {question.id!r}: ask_if or show_if uses {sorted(unset)}, "
                    "which no earlier question sets"
                )
            set_so_far |= question.sets_fields()


class Feature(Sourced):
    id: ContentId
    weight: int = Field(ge=1, le=10)
    when: Predicate
    why: Text  # one line: why this finding fits the condition


class Condition(Sourced):
    id: ConditionId
    name: Text
    about: Text
    care: Level  # tie-break: on equal scores the condition needing more urgent care ranks first
    base: int = Field(default=0, ge=0)  # score before any feature matches
    pain_monitoring: PainMonitoring = "neutral"
    features: tuple[Feature, ...] = Field(min_length=1)
    self_care: tuple[ContentId, ...] = ()
    get_seen_if: tuple[ContentId, ...] = ()

    @model_validator(mode="after")
    def _unique_features(self) -> Self:
        _unique(f"feature of {self.id}", [feature.id for feature in self.features])
        return self


class ConditionsFile(ContentModel):
    conditions: tuple[Condition, ...]

    @model_validator(mode="after")
    def _every_condition_once(self) -> Self:
        ids = [condition.id for condition in self.conditions]
        _unique("condition", ids)
        missing = [cid for cid in CONDITION_IDS if cid not in ids]
        if missing:
            raise ValueError(f"missing conditions {missing}")
        if not any(condition.base for condition in self.conditions):
            raise ValueError("at least one condition needs a base score, so a list is never empty")
        return self


class TriageContent(TriageFile):
    """Everything the engine and the questionnaire need, cross-checked across both files."""

    conditions: dict[ConditionId, Condition]  # in file order, which breaks the last ties

    @model_validator(mode="after")
    def _references_resolve(self) -> Self:
        for condition in self.conditions.values():
            for advice_id in condition.self_care:
                _known(self.advice, advice_id, f"condition {condition.id} self_care")
            for sign in condition.get_seen_if:
                _known(self.safety_net, sign, f"condition {condition.id} get_seen_if")
        return self

    def layout(self) -> str:
        """A short fingerprint of the questions and their options, in order: answers are kept
        by position, so a different layout must not read old answers."""
        shape = ";".join(
            f"{question.id}:{','.join(option.id for option in question.options)}"
            for question in self.questions
        )
        return hashlib.sha256(shape.encode()).hexdigest()[:16]

    def rules(self) -> tuple[RedFlag | Referral, ...]:
        """Every rule that can set the level: red flags, then referrals."""
        return (*self.red_flags, *self.referrals)

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


def _unique(what: str, ids: Sequence[str]) -> None:
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"duplicate {what} ids {duplicates}")


def _known(table: dict[str, T], key: str, where: str) -> T:
    if key not in table:
        raise ValueError(f"{where}: unknown id {key!r}")
    return table[key]
