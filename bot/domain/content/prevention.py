"""Running-injury prevention: what the evidence supports, how strongly, and when to see a doctor."""

from typing import Literal

from pydantic import Field

from bot.domain.content.fields import Distinct, Line, Name, OneMessage, Paragraph
from bot.domain.sourced import ContentId, ContentModel, Sourced

# How well a measure is shown to prevent injuries; the renderer words it for runners.
Verdict = Literal["helps", "not_shown", "unclear"]
Strength = Literal["strong", "moderate", "weak"]


class Finding(Sourced):
    id: ContentId
    topic: Name
    verdict: Verdict
    claim: Line


class Overview(OneMessage):
    name: Name
    intro: Paragraph
    findings: Distinct[Finding] = Field(min_length=1, max_length=8)


class RiskFactor(Sourced, OneMessage):
    id: ContentId
    name: Name
    risk: Paragraph
    evidence: Strength
    evidence_note: Paragraph
    advice: tuple[Line, ...] = Field(min_length=1, max_length=6)


class SeeADoctor(Sourced, OneMessage):
    name: Name
    intro: Paragraph
    # Ids of /kneepain's "get seen if" signs (triage.yaml safety_net): one source of truth.
    signs: tuple[ContentId, ...] = Field(min_length=1, max_length=16)


class Prevention(ContentModel):
    overview: Overview
    risk_factors: Distinct[RiskFactor] = Field(min_length=1)
    see_a_doctor: SeeADoctor
