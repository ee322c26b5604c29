"""The walk-run comeback plan and the words of the pain rules (content/comeback.yaml).

The rules themselves are code (bot.domain.recovery); this file holds what the runner reads: the
stages, the next step for each verdict reason and decision, and who the model is not for.
"""

from itertools import pairwise
from typing import Self

from pydantic import Field, model_validator

from bot.domain.content.fields import Line, Name, OneMessage, Paragraph
from bot.domain.recovery.ids import DECISION_REASONS, REASONS, DecisionReason, Reason
from bot.domain.sourced import ContentModel, Sourced
from bot.domain.triage.ids import ConditionId

MAX_SESSION_MINUTES = 40  # a comeback session stays short; a longer one is a new plan


class Stage(ContentModel):
    """`repeats` times: run `run` minutes, then walk `walk`; walk 0 means one continuous run."""

    walk: int = Field(ge=0, le=5)
    run: int = Field(ge=1, le=60)
    repeats: int = Field(ge=1, le=10)

    @model_validator(mode="after")
    def _continuous_or_intervals(self) -> Self:
        if (self.walk == 0) != (self.repeats == 1):
            raise ValueError("a continuous run has walk 0 and repeats 1; intervals need both")
        return self

    @property
    def continuous(self) -> bool:
        return self.repeats == 1

    @property
    def minutes(self) -> int:
        return (self.walk + self.run) * self.repeats

    @property
    def running_minutes(self) -> int:
        return self.run * self.repeats


class Programme(Sourced, OneMessage):
    name: Name
    intro: Paragraph  # says plainly that no consensus programme exists
    rules: tuple[Line, ...] = Field(min_length=3, max_length=8)
    stages: tuple[Stage, ...] = Field(min_length=6, max_length=12)

    @model_validator(mode="after")
    def _gradual(self) -> Self:
        for number, (before, after) in enumerate(pairwise(self.stages), start=2):
            # Each stage asks a little more: longer run bouts, walk breaks no longer.
            if after.run <= before.run or after.walk > before.walk:
                raise ValueError(f"stage {number} is not a step up from stage {number - 1}")
        for number, stage in enumerate(self.stages, start=1):
            if stage.minutes > MAX_SESSION_MINUTES:
                raise ValueError(f"stage {number} lasts over {MAX_SESSION_MINUTES} minutes")
        if not self.stages[-1].continuous:
            raise ValueError("the last stage is a continuous run")
        return self


class Note(Sourced):
    text: Paragraph


class NotFor(Sourced):
    """Who the pain rules and the plan are not for; each condition must be 'never' in
    conditions.yaml (checked when the library loads)."""

    text: Paragraph
    conditions: tuple[ConditionId, ...] = Field(min_length=1)


class Step(Sourced):
    text: Line


class Comeback(ContentModel):
    programme: Programme
    pain_model: Note
    not_for: NotFor
    steps: dict[Reason, Step]  # the next step after a run, by the verdict's first reason
    decisions: dict[DecisionReason, Step]  # what the plan does after a session

    @model_validator(mode="after")
    def _every_id_worded(self) -> Self:
        for field, ids in (("steps", REASONS), ("decisions", DECISION_REASONS)):
            if missing := [i for i in ids if i not in getattr(self, field)]:
                raise ValueError(f"{field}: missing {missing}")
        return self

    @property
    def stage_count(self) -> int:
        return len(self.programme.stages)
