"""Strength and rehab exercises, each linked to the conditions it suits."""

from typing import Literal, Self

from pydantic import Field, field_validator, model_validator

from bot.domain.content.fields import Distinct, Line, Name, OneMessage, Paragraph
from bot.domain.sourced import ContentId, ContentModel, Sourced
from bot.domain.triage.ids import ConditionId

Goal = Literal["strength", "mobility", "rehab"]

# Emergencies and infections need care first, and hip pain felt in the knee (in a child it can be
# a slipped hip growth plate) needs the hip assessed: none of these gets a home exercise.
NO_HOME_EXERCISE: frozenset[ConditionId] = frozenset(
    {"fracture", "knee_dislocation", "septic_arthritis", "dvt", "referred_hip_pain"}
)


class Exercise(Sourced, OneMessage):
    id: ContentId
    name: Name
    goals: Distinct[Goal] = Field(min_length=1, max_length=3)
    purpose: Paragraph
    sets: int = Field(ge=1, le=6)
    reps: int | None = Field(default=None, ge=1, le=30)
    # A hold is per repetition when both are given (quadriceps sets: 10 x 5 s).
    hold_seconds: int | None = Field(default=None, ge=3, le=120)
    per_side: bool
    steps: tuple[Line, ...] = Field(min_length=2, max_length=8)
    progressions: tuple[Line, ...] = Field(min_length=1, max_length=3)
    regressions: tuple[Line, ...] = Field(min_length=1, max_length=3)
    suits: Distinct[ConditionId] = Field(min_length=1)
    cautions: tuple[Line, ...] = Field(min_length=1, max_length=5)

    @field_validator("suits")
    @classmethod
    def _suits_home_care(cls, suits: tuple[ConditionId, ...]) -> tuple[ConditionId, ...]:
        if barred := sorted(NO_HOME_EXERCISE.intersection(suits)):
            raise ValueError(f"{barred} need medical care, not home exercises")
        return suits

    @model_validator(mode="after")
    def _has_a_dose(self) -> Self:
        if self.reps is None and self.hold_seconds is None:
            raise ValueError("give reps, hold_seconds or both")
        return self


class ExercisesFile(ContentModel):
    exercises: Distinct[Exercise] = Field(min_length=1)
